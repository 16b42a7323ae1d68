"""A harder item on a named concept ("harder, on pooling", "give me a harder one about dropout") is on that concept:
the row "harder on a concept with nothing harder: its hardest" says when there is nothing harder, and gives the
concept's hardest item (it had given a harder item on another topic of the day)."""
from __future__ import annotations

from pathlib import Path

from bot.core import open_core
from tests.tutor.test_dialogue import Chat, RuleNLU, fake_draw
from tutor.curriculum import DEFAULT_DIR, Curriculum


async def test_nothing_harder_on_the_named_concept_says_so_and_stays_on_it(chat: Chat) -> None:
    await chat("/lesson l1")
    text = await chat("give me a harder one about backprop")
    assert "nothing harder on backpropagation" in text
    assert chat.pending().concept == "backpropagation"          # not gradient descent, the day's harder item


async def test_harder_comma_on_a_concept_is_a_request_for_a_harder_item(chat: Chat) -> None:
    await chat("/lesson l2")
    text = await chat("harder, on etp")
    assert "nothing harder on experience, task, performance" in text
    assert chat.pending().prompt == "In E/T/P, what is P?" and chat.state().context["level"] == 2


async def test_a_harder_item_on_the_named_concept(chat: Chat) -> None:
    await chat("/lesson l1")
    text = await chat("harder, on gradient descent")
    assert "nothing harder" not in text and chat.pending().concept == "gradient_descent"


async def test_the_hardest_asked_for_is_the_top_level_at_once(chat: Chat) -> None:
    await chat("/lesson l2")
    await chat("quiz me, the hardest you have")
    assert chat.state().context["level"] == 3                # not one step up from the default


async def test_a_hard_question_asked_for_is_a_request_for_a_harder_item(chat: Chat) -> None:
    await chat("/lesson l2")
    text = await chat("I'm not worried lol. give me a hard question on gradient descent")
    assert chat.state().context["level"] == 2 and "Don't worry" not in text


async def test_not_multiple_choice_is_no_request_for_a_choice(tmp_path: Path) -> None:
    """"harder CNN question, not multiple-choice baby stuff" had got a multiple-choice item: its words named the
    kind "choice" as the one to pick (the course's own exercises)."""
    core = open_core(None, tmp_path / "t.db", pipeline=RuleNLU(), curriculum=Curriculum.load(DEFAULT_DIR), draw=fake_draw)
    chat = Chat(core)
    await chat("/lesson d3-convolution")
    await chat("harder CNN question, not multiple-choice baby stuff")
    assert chat.state().pending and not chat.pending().options
    await core.close()


async def test_an_answer_with_harder_asked_is_graded_before_the_harder_item(chat: Chat) -> None:
    await chat("/quiz etp")
    reply = await chat("2, obviously. too easy. give me a harder one")
    assert reply.startswith("✅ Correct!") and "make it harder" in reply    # the verdict, then the harder item
    assert chat.state().mastery["etp"] > 0


async def test_a_wrong_answer_with_harder_asked_gets_its_worked_answer_first(chat: Chat) -> None:
    await chat("/quiz etp")
    reply = await chat("the data. too easy, harder please")
    assert "P is the performance measure" in reply and "Correct" not in reply
