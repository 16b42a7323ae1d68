"""Rows from a teacher's thirteenth play-through (a nurse writing Nigerian English, a retired engineer checking his
own numbers, a 15-year-old gamer): a cosine similarity worked by the learner is checked from its vectors, not its sums
alone ("a.b = 3 + 1 + 0 = 4" for (1, -1, 2)·(3, 1, 0) had got "Yes, that's right"); a whole number claimed is exact
("g(0) is 0" had passed for 0.5); "later" inside a sentence is no goodbye; "is it the same thing?" asks to compare a
likeness; the course's notation ("g(0)") names the course."""
from __future__ import annotations

from tests.tutor.dialogue.test_thread_rows import scripted  # noqa: F401 - the fixture
from tutor.answers import match_option
from tutor.arithmetic import read_equations
from tutor.commands import Command, parse_command
from tutor.curriculum import Curriculum
from tutor.dialogue.chat_cues import CLAIM_TO_CHECK
from tutor.dialogue.chat_signals import ChatSignals
from tutor.dialogue.cues import FAREWELL
from tutor.dialogue.request_cues import COURSE_WORDS
from tutor.network_sums import read_cosine_claim

SEMINAR = Curriculum.load()
KENJI = "a = (1, -1, 2), b = (3, 1, 0). a.b = 3 + 1 + 0 = 4, |a| = 2,449, |b| = 3,162, cos = 4 / 7,746 = 0,516. Correct?"


def test_a_cosine_is_worked_out_from_its_vectors() -> None:
    claim = read_cosine_claim(KENJI)
    assert claim.dot == 2 and claim.dot_wrong() and not claim.right() and "0.258" in claim.working()
    assert read_cosine_claim("a = (1, 2), b = (2, 4): cos = 1, right?").right()


async def test_a_cosine_with_a_sign_slip_gets_not_quite_and_the_working(scripted) -> None:
    chat = await scripted({}, {}, curriculum=SEMINAR)
    await chat("/lesson d4-word2vec")
    text = await chat(KENJI)
    assert text.startswith("Not quite: the dot product is 2, not 4") and "≈ 0.258" in text


def test_a_whole_number_claimed_after_equals_is_exact() -> None:
    assert read_equations("g(0) is 0 abi?")[0].wrong_at == 1
    assert read_equations("e^2 ≈ 7")[0].wrong_at is None and read_equations("12*12*64 = 9216")[0].wrong_at is None


async def test_a_sigmoid_value_claimed_wrong_is_corrected(scripted) -> None:
    chat = await scripted({}, {}, curriculum=SEMINAR)
    await chat("/lesson d1-logistic-regression")
    assert "Not quite: g(0) is 0.5, not 0" in await chat("but you never tell me: g(0) is 0 abi?")


def test_later_inside_a_sentence_is_no_goodbye() -> None:
    assert not FAREWELL.search("she see many patients with malaria, later she fit recognise malaria by herself?")
    assert FAREWELL.search("ok later") and FAREWELL.search("talk to you later")


def test_is_it_the_same_thing_asks_to_check_a_likeness() -> None:
    assert CLAIM_TO_CHECK.search("later she fit recognise malaria by herself? is it the same thing?")


def test_the_course_s_notation_names_the_course() -> None:
    assert COURSE_WORDS.search("and if g(0), wetin e go give?") and COURSE_WORDS.search("what is dL/dw here")
    assert not COURSE_WORDS.search("how far, my sister")


def test_a_pick_with_an_emoji_or_after_a_complaint_is_read() -> None:
    # "1 💀" had been taken for a give-up, "ur ignoring me 😐 transformer" for a wrong answer
    options = ["Learning from rewards", "Copying humans", "A fixed rule", "The transformer"]
    assert match_option("1 💀", options) == 0 and match_option("ur ignoring me 😐 transformer", options) == 3
    assert match_option("so its the 4th one, it vanishes", ["a", "b", "c", "d"]) == 3


def test_an_apology_with_an_ok_is_chat_not_a_request() -> None:
    signals = ChatSignals()
    signals.text, signals.intent, signals.concept, signals.day = "ok sorry that was mean 😅 you're fine", "repeat", None, None
    assert signals.chit_chat_misread
    signals = ChatSignals()
    signals.text, signals.intent, signals.concept, signals.day = "ok fine *sigh*", "affirm", None, None
    assert not signals.chit_chat_misread   # a sigh with an "ok" goes on


def test_a_command_typed_after_a_sentence_is_run() -> None:
    # "I see. Then I try my own analogy. /analogy tokyo - japan + france" had got "Type /analogy ..."
    assert parse_command("I see. Then I try my own analogy. /analogy tokyo - japan + france") == Command(
        "analogy", "tokyo - japan + france")
    assert parse_command("what does /gd do?") is None and parse_command("use 1/2 and 3/4") is None


async def test_a_quiz_asked_after_a_no_is_posed(scripted) -> None:
    message = "Not satisfactory. Please quiz me on word2vec instead."
    chat = await scripted({message: "deny"}, {}, curriculum=SEMINAR)
    await chat("/lesson d4-word2vec")
    await chat(message)
    assert chat.state().pending is not None and chat.pending().concept == "word2vec"


async def test_a_day_gone_to_with_its_lesson_s_title_opens_that_lesson(scripted) -> None:
    message = "Yes, thirty years. I am back. Please go to Day 4, word vectors."
    chat = await scripted({message: "goto_day"}, {}, curriculum=SEMINAR)
    await chat("/lesson d3-cnn")
    await chat(message)
    assert chat.state().lesson_id == "d4-word2vec"
