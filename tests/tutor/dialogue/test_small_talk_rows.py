"""Small talk on a topic of its own (data/curriculum/small_talk.yml) gets the topic's line, whatever the NLU or the
chit-chat model makes of it: a question about the tutor is answered, not met with a stock line; a request a friend
would help with is not refused; a complaint about an answer is not read as the learner struggling; said in turn."""
from __future__ import annotations

from pathlib import Path

from bot.core import open_core
from tests.tutor.dialogue.test_chit_chat_act_rows import ScriptedResponder
from tests.tutor.test_dialogue import Chat, build_curriculum, fake_draw
from tutor.curriculum import DEFAULT_DIR, Curriculum
from tutor.small_talk import SMALL_TALK_FILE, SmallTalk

TOPICS = SmallTalk.load(DEFAULT_DIR / SMALL_TALK_FILE)


def _topic_lines(topic_id: str) -> tuple[str, ...]:
    return next(topic.replies for topic in TOPICS.topics if topic.id == topic_id)


async def _chat(tmp_path: Path, intents: dict[str, str], candidates: dict[str, list[str]]) -> Chat:
    base = build_curriculum()
    curriculum = Curriculum(base.days, base.concepts, base.exercises, TOPICS)
    return Chat(open_core(None, tmp_path / "t.db", pipeline=ScriptedResponder(intents, candidates),
                          curriculum=curriculum, draw=fake_draw))


async def test_a_question_about_the_tutor_gets_its_topic_not_the_models_stock_line(tmp_path: Path) -> None:
    chat = await _chat(tmp_path, {"do you sleep at night?": "smalltalk"},
                       {"do you sleep at night?": ["I don't eat, I'm a bot! Electricity is my only snack."]})
    text = await chat("do you sleep at night?")
    assert text.splitlines()[0] in _topic_lines("bot-sleep") and "eat" not in text
    await chat.core.close()


async def test_a_request_a_friend_would_help_with_is_not_refused(tmp_path: Path) -> None:
    chat = await _chat(tmp_path, {"what should i cook for dinner tonight": "out_of_scope"}, {})
    text = await chat("what should i cook for dinner tonight")
    assert text.splitlines()[0] in _topic_lines("what-to-cook")
    assert "can't help with that" not in text
    await chat.core.close()


async def test_a_complaint_about_an_answer_is_no_struggle(tmp_path: Path) -> None:
    chat = await _chat(tmp_path, {"that answer was useless": "help"}, {})
    await chat("hi")
    text = await chat("that answer was useless")
    assert text.splitlines()[0] in _topic_lines("tutor-useless-answer") and "everyone finds this hard" not in text
    await chat.core.close()


async def test_a_topic_is_said_in_turn_never_twice_in_a_row(tmp_path: Path) -> None:
    chat = await _chat(tmp_path, {"do you sleep?": "smalltalk"}, {})
    await chat("hi")
    first, second = (await chat("do you sleep?")).splitlines()[0], (await chat("do you sleep?")).splitlines()[0]
    assert {first, second} == set(_topic_lines("bot-sleep")[:2])
    await chat.core.close()


async def test_a_greeting_with_a_topic_answers_the_topic(tmp_path: Path) -> None:
    chat = await _chat(tmp_path, {"good evening! hope i'm not disturbing you so late": "greet"}, {})
    text = await chat("good evening! hope i'm not disturbing you so late")
    assert any(line in text for line in _topic_lines("not-disturbing"))
    await chat.core.close()


async def test_with_a_question_open_the_topic_then_the_question(tmp_path: Path) -> None:
    chat = await _chat(tmp_path, {}, {})
    await chat("/quiz")
    question = chat.pending().prompt
    text = await chat("tell me a story")   # no answer to a question of options: the story, then the question again
    assert text.splitlines()[0] in _topic_lines("tell-story") and question in text and chat.state().pending
    await chat.core.close()


async def test_arithmetic_is_worked_out_but_never_with_a_question_open(tmp_path: Path) -> None:
    chat = await _chat(tmp_path, {"whats 17 times 23": "out_of_scope", "what is 4 - 0.1*2": "ask_concept"}, {})
    assert "17 times 23 = 391" in await chat("whats 17 times 23")
    await chat("/quiz")
    assert "3.8" not in await chat("what is 4 - 0.1*2")   # a quiz's sum is the learner's to work out
    await chat.core.close()


async def test_the_course_asked_for_inside_small_talk_is_acted_on(tmp_path: Path) -> None:
    chat = await _chat(tmp_path, {"hi, i want to start": "greet", "haha good one. ok continue lesson": "smalltalk",
                                  "ok lets start, but please explain slow": "repeat"}, {})
    assert "Day 1" in await chat("hi, i want to start")   # not "Oh, you want to start! Thanks for telling me"
    step = chat.state().step
    text = await chat("haha good one. ok continue lesson")
    assert chat.state().step == step + 1 and not any(line in text for line in _topic_lines("reaction-funny"))
    await chat.core.close()
    fresh = await _chat(tmp_path / "2", {"ok lets start, but please explain slow": "repeat"}, {})
    assert "Day 1" in await fresh("ok lets start, but please explain slow")   # not "nothing to repeat yet"
    await fresh.core.close()


async def test_everyday_news_is_met_in_kind_not_by_a_neighbouring_topic(tmp_path: Path) -> None:
    messages = {"Good evening! Just got home from work": "greet", "i passed my driving test today!!!": "smalltalk",
                "you're honestly the nicest bot i've talked to": "smalltalk",
                "I want to start drinking more water, any tricks?": "start_lesson"}
    chat = await _chat(tmp_path, messages, {})
    assert "congratulations" not in (await chat("Good evening! Just got home from work")).lower()   # no achievement
    assert not set((await chat("i passed my driving test today!!!")).splitlines()) & set(_topic_lines("exam-stress"))
    assert not set((await chat("you're honestly the nicest bot i've talked to")).splitlines()) & set(
        _topic_lines("unfinished-message"))                        # "...talked to" is a whole sentence
    text = await chat("I want to start drinking more water, any tricks?")
    assert text.splitlines()[0] in _topic_lines("healthy-habit")  # not Day 1


async def test_a_birthday_gets_happy_birthday_and_a_first_race_congratulations(tmp_path: Path) -> None:
    chat = await _chat(tmp_path, {"it's my birthday today 🎂": "smalltalk", "i just ran my first 10k": "smalltalk"},
                       {"it's my birthday today 🎂": ["Congratulations! That's wonderful news."]})
    assert (await chat("it's my birthday today 🎂")).startswith("Happy birthday!")   # not the model's "congratulations"
    assert "congratulations" in (await chat("i just ran my first 10k")).lower()    # an achievement, not only news


async def test_a_days_plan_asked_among_small_talk(tmp_path: Path) -> None:
    message = "hiii! it's the last day of the seminar, i'm a bit sad honestly. what's on for day 2?"
    chat = await _chat(tmp_path, {message: "smalltalk"}, {})
    text = await chat(message)
    assert text.startswith("Day 2:") and "goals" in text.lower()   # not only the sympathy line
    await chat.core.close()


async def test_a_likeness_about_what_was_just_taught_is_no_small_talk(tmp_path: Path) -> None:
    """"So it's like an experienced gardener who already knows leaves and only has to learn the names of my new
    plants?" right after transfer learning had got the plant-care topic's yellow leaves."""
    claim = "So it's like an experienced gardener who already knows leaves and flowers, and only has to learn the new plants?"
    chat = await _chat(tmp_path, {"what is gradient descent?": "ask_concept", claim: "smalltalk"}, {})
    await chat("what is gradient descent?")
    assert (await chat(claim)).splitlines()[0] not in _topic_lines("plant-care")
    await chat.core.close()

