"""The rows of VERDICT: "was I right?", "did I get it?", "what was the answer to the last one?" are about the last
question that ended (its verdict, the learner's answer, the right answer); an open question's answer is never given
away (they had got small talk, the progress or a hint)."""
from __future__ import annotations

from tests.tutor.test_dialogue import Chat

SOLUTION = "P is the performance measure, e.g. accuracy."


async def test_nothing_graded_yet(chat: Chat) -> None:
    assert "haven't answered a question yet" in await chat("was I right?")
    assert "Quiz me" in chat.options


async def test_the_last_graded_item_answered_right(chat: Chat) -> None:
    await chat("/quiz etp")
    await chat("2")
    text = await chat("did I get it right?")
    assert text.startswith("Yes: the last question was “In E/T/P, what is P?”")
    assert "“the performance measure” was right" in text and SOLUTION in text


async def test_the_open_question_tried_and_missed_is_not_given_away(chat: Chat) -> None:
    await chat("/quiz etp")
    await chat("the data")
    text = await chat("was I right?")
    assert "“the data” isn't right" in text and "still open" in text and "hint" in text
    assert SOLUTION not in text and "performance measure" not in text.split("Back to your question")[0]
    assert "Back to your question: In E/T/P, what is P?" in text
    assert chat.options == ["the data", "the performance measure", "the task"]
    assert chat.state().pending is not None and chat.state().misses == 1    # asking is no miss


async def test_the_open_question_not_answered_yet(chat: Chat) -> None:
    await chat("/quiz etp")
    text = await chat("did I get it?")
    assert "haven't answered this one yet" in text and SOLUTION not in text


async def test_the_answer_to_the_last_one_while_its_variant_is_open(chat: Chat) -> None:
    await chat("/quiz etp")
    for answer in ("the data", "the task", "the data"):
        await chat(answer)                      # hint, leading question, worked answer and a fresh variant
    assert chat.state().pending is not None
    text = await chat("what was the answer to the last one?")
    assert text.startswith("Not that one: the last question was “In E/T/P, what is P?”")
    assert "your answer “the data” was not right" in text and SOLUTION in text
    assert "Back to your question" in text


async def test_i_meant_the_previous_question(chat: Chat) -> None:
    await chat("/quiz etp")
    await chat("the data")
    await chat("the task")
    await chat("the data")                      # the worked answer: missed, and the variant posed
    await chat("2")                             # the variant: right
    assert "was right" in await chat("was I right?")
    text = await chat("I meant the previous question")
    assert text.startswith("Not that one: the question before it was") and "“the data” was not right" in text


async def test_the_previous_question_while_the_open_one_was_tried(chat: Chat) -> None:
    await chat("/quiz etp")
    await chat("2")
    await chat("/quiz etp")
    await chat("the task")
    assert "still open" in await chat("was I right?")
    assert "“the performance measure” was right" in await chat("I meant the previous question")


async def test_a_verdict_asked_on_the_learners_own_words_is_no_question_about_an_item(chat: Chat) -> None:
    """"E = the pictures with label, T = say cat or dog, P = % correct. is it right?" had got "nothing to grade"."""
    await chat("/lesson l1")
    text = await chat("so for me: E = the pictures with label, T = say cat or dog, P = % correct. is it right?")
    assert "nothing to grade" not in text and "haven't answered" not in text
    assert "haven't answered" in await chat("was i right?")        # a bare ask still means an item
