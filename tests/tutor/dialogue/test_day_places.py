"""Moving between days keeps the learner's place (a teacher's play-through: "day 1" from the day menu had restarted
Day 1 at lesson 1 and lost the place in lesson 2), a day's start is there when asked for, and a jump or a correction
said among thanks or a "no" is acted on."""
from __future__ import annotations

from pathlib import Path

from tests.tutor.dialogue.test_chat_mixed_rows import MoodNLU
from tests.tutor.test_dialogue import Chat, build_curriculum, fake_draw
from bot.core import open_core
from tutor.dialogue import texts
from tutor.dialogue.state import DialogueState
from tutor.store import LearnerState

LEFT = "where you left it"


async def test_a_day_picked_again_resumes_where_the_learner_left_it(chat: Chat) -> None:
    await chat("go to day 1")
    await chat("next lesson")          # Day 1's second lesson, "Gradient descent"
    await chat("continue")             # its step 2
    await chat("go to day 2")
    back = await chat("/day 1")
    assert texts.WHERE_YOU_LEFT_DAY.format(day=1, title="Gradient descent") in back
    assert "Gradient descent (2/3)" in back and "x ← x − λ·∇y" in back
    assert texts.DAY_FROM_ITS_START.format(day=1) in chat.options


async def test_its_start_is_there_when_asked_for(chat: Chat) -> None:
    await chat("go to day 1")
    await chat("next lesson")
    again = await chat("go to day 1 and restart it from the beginning")
    assert "What learning means (1/3)" in again and LEFT not in again


async def test_the_offered_start_of_the_day_starts_it(chat: Chat) -> None:
    await chat("go to day 1")
    await chat("next lesson")
    await chat("go to day 1")
    assert "What learning means (1/3)" in await chat(texts.DAY_FROM_ITS_START.format(day=1))


async def test_a_day_never_begun_or_gone_through_starts_at_its_first_lesson(chat: Chat) -> None:
    first = await chat("go to day 2")
    assert "Backpropagation (1/3)" in first and LEFT not in first
    for _ in range(2):
        await chat("continue")         # Day 2's last step: the day gone through
    await chat("go to day 1")
    assert LEFT not in await chat("go to day 2")


async def test_the_place_outlives_a_restart_of_the_bot(tmp_path: Path) -> None:
    core = open_core(None, tmp_path / "t.db", pipeline=MoodNLU(0.0, intent="start_lesson"),
                     curriculum=build_curriculum(), draw=fake_draw)
    chat = Chat(core)
    await chat("/day 1")
    await chat("/lesson l2")
    await chat("/day 2")
    await core.close()
    core = open_core(None, tmp_path / "t.db", curriculum=build_curriculum(), draw=fake_draw,
                     pipeline=MoodNLU(0.0, intent="start_lesson"))
    assert "Gradient descent (1/3)" in await Chat(core)("/day 1")
    await core.close()


def test_a_malformed_place_in_a_stored_record_is_dropped() -> None:
    record = LearnerState(learner_id="u", state="idle", context={"places": {"1": ["l2", 1], "2": "l3", "3": [4, 0]}})
    assert DialogueState.from_record(record).places == {"1": ["l2", 1]}
    assert DialogueState.from_record(LearnerState(learner_id="u", state="idle", context={"places": 7})).places == {}


async def test_a_day_asked_for_after_thanks_or_no_is_where_it_goes(chat: Chat) -> None:
    await chat("go to day 1")
    assert "Backpropagation (1/3)" in await chat("ok thanks! lets go back to day 2")
    await chat("go to day 1")
    assert "Backpropagation (1/3)" in await chat("no, day 2 please")
    assert "Backpropagation" not in await chat("no thanks")


async def test_a_corrected_topic_is_taught_with_an_apology(chat: Chat) -> None:
    await chat("go to day 1")
    reply = await chat("no i said backprop not gradient descent")
    assert texts.MY_MISTAKE.format(term="backpropagation") in reply and "Backpropagation (1/3)" in reply


async def test_a_corrected_card_is_the_card_meant(chat: Chat) -> None:
    await chat("what is gradient descent")
    reply = await chat("no, I meant backprop")
    assert texts.MY_MISTAKE.format(term="backpropagation") in reply
    assert "The chain rule applied from the loss back to every weight." in reply
