"""Rows from the repairs after a teacher's eighth play-through, left for the ninth: a lesson named by its title's
words is gone to ("take me back to Day 1, the cost function lesson" had resumed Day 1 at another lesson); plain words
asked with a question the course answers turns them on and answers it ("How can I start learning AI if I have no
math?" had been left unanswered); "that's the same kind of question though" gets another kind of item (it had got
"Rest is important")."""
from __future__ import annotations

import random

import pytest

from nlp.types import AnswerHit
from tests.tutor.dialogue.test_thread_rows import scripted  # noqa: F401 - the fixture
from tests.tutor.test_dialogue import Chat
from tutor.curriculum import Curriculum
from tutor.exercises import make_question
from tutor.dialogue import texts
from tutor.dialogue.cues import PLACEMENT, SAME_KIND
from tutor.dialogue.request_cues import QUIZ_WEARY
from tutor.dialogue.wording import WordingSignals

SEMINAR = Curriculum.load()
NO_MATH = AnswerHit("d1-no-math-start", "Yes, you can start now: Days 1 and 2 need only school arithmetic.", 0.9,
                    False, "d1-gradient-descent", ("machine_learning",), "how")


def test_a_lesson_is_named_by_its_title_s_words_within_the_day_named() -> None:
    assert SEMINAR.lesson_titled("take me back to Day 1, the cost function lesson", 1).id == "d1-cost"
    assert SEMINAR.lesson_titled("go to day 3, modern cnn approaches", 3).id == "d3-modern"
    assert SEMINAR.lesson_titled("modern cnn approaches").id == "d3-modern"     # the whole title, no day needed
    assert SEMINAR.lesson_titled("the cost function lesson") is None           # half a title, no day: a concept's
    assert SEMINAR.lesson_titled("go to day 2 neural networks", 2) is None     # words in many titles name none
    assert SEMINAR.lesson_titled("go to day 1 machine learning", 1) is None


def test_the_words_asking_for_another_kind_of_question() -> None:
    for said in ("That's the same kind of question though.", "just new numbers again", "a different type of exercise"):
        assert SAME_KIND.search(said), said
    assert not SAME_KIND.search("is a CNN the same kind of network as an MLP?")


async def test_a_lesson_named_with_its_day_is_gone_to(scripted) -> None:
    message = "take me back to Day 1, the cost function lesson"
    chat = await scripted({message: "goto_day"}, {}, curriculum=SEMINAR)
    await chat("/lesson d1-what-is-ml")
    await chat("continue")
    text = await chat(message)
    assert "Measuring performance with a cost function (1/" in text and chat.state().lesson_id == "d1-cost"


async def test_plain_words_asked_with_a_question_the_course_answers_does_both(scripted) -> None:
    message = "How can I start learning AI if I have no math?"
    chat = await scripted({message: "ask_concept"}, {message: NO_MATH}, curriculum=SEMINAR)
    text = await chat(message)
    assert NO_MATH.answer in text and texts.PLAIN_WORDS_ON in text and chat.state().context.get("plain")


async def test_the_same_kind_again_gets_another_kind_of_item(scripted) -> None:
    message = "That's the same kind of question though."
    chat = await scripted({}, {}, curriculum=SEMINAR)
    await chat("/quiz logistic regression")
    asked = [chat.pending().exercise_id]
    for _ in range(2):
        text = await chat(message)
        assert "another kind" in text
        asked.append(chat.pending().exercise_id)
    kinds = [SEMINAR.exercises[key].kind for key in asked]
    assert kinds[1] != kinds[0] and kinds[2] not in kinds[:2], kinds


async def test_it_after_a_question_of_the_message_s_own_is_about_that_question(scripted) -> None:
    message = "can I use patient data? It is private."
    privacy = AnswerHit("d5-patient-data-privacy", "Only with permission, and usually not as it is.", 0.9, False,
                        "l3", ("backpropagation",), "how")
    chat = await scripted({message: "ask_concept"}, {message: privacy})
    await chat("what is gradient descent")
    assert privacy.answer in await chat(message)       # "it" is the patient data, not gradient descent


def test_the_words_of_a_learner_tired_of_quizzes() -> None:
    for said in ("im bored of quizzes, tell me a fun fact", "i said NO quizzes 😭", "sick of these questions lol"):
        assert QUIZ_WEARY.search(said), said
    assert not QUIZ_WEARY.search("no more questions is fine") and not QUIZ_WEARY.search("im bored")


@pytest.mark.parametrize("said", ["im bored of quizzes, tell me a fun fact", "i said NO quizzes 😭"])
async def test_a_learner_tired_of_quizzes_gets_no_harder_one(chat: Chat, said: str) -> None:
    await chat("/quiz gradient descent")
    text = await chat(said)
    assert "no more questions" in text and chat.state().pending is None      # it had got "Bored? ... harder"


async def test_bored_alone_still_gets_a_livelier_item(chat: Chat) -> None:
    await chat("/quiz gradient descent")
    await chat("im bored")
    assert chat.state().pending is not None


def test_a_placement_check_asked_after_the_days_to_skip() -> None:
    # it had posed a Day 3 question, the learner's "CNN" read as a quiz topic
    assert PLACEMENT.search("I want to skip day 1 and day 2, can you test me on them so I can go to CNN?")
    assert PLACEMENT.search("The gradient one I messed by typing. Now test Day 2 please")   # it had got a card
    assert not PLACEMENT.search("can you test me on CNNs?") and not PLACEMENT.search("quiz me on day 2")


@pytest.mark.parametrize("said", ["hm you left out the sigmoid and gradient descent stuff from day 1 but ok. thanks, bye!",
                                  "not helpful. ok thanks, goodbye, I continue tomorrow", "what? im fine lol. bye"])
async def test_a_message_that_ends_by_taking_leave_gets_a_goodbye(chat: Chat, said: str) -> None:
    await chat("/lesson l1")
    text = await chat(said)
    assert texts.GOODBYE in text and "talk about it" not in text and "Is it one of these" not in text


async def test_an_own_project_idea_with_a_question_the_course_answers_gets_both(scripted) -> None:
    message = "ugh. my project: predict if a song becomes a hit from the lyrics. what data do i need and what model"
    song = AnswerHit("d5-song-hit-start", "Lyrics with a hit label; a bag of words first, then an LSTM.", 0.95, False,
                     "d5-project", ("final_project",), "howto")
    chat = await scripted({message: "ask_concept"}, {message: song}, curriculum=SEMINAR)
    text = await chat(message)
    assert "“predict if a song becomes a hit from the lyrics”" in text and song.answer in text
    assert chat.state().context["project"]["idea"] == "predict if a song becomes a hit from the lyrics"


async def test_an_answer_then_something_different_is_graded_first(scripted) -> None:
    chat = await scripted({}, {}, curriculum=SEMINAR)
    await chat("/quiz logistic regression")
    right = chat.pending().options.index(chat.pending().answer) + 1
    text = await chat(f"{right} obviously, you told me 3 times lol. something different pls")
    assert "Correct" in text and "worked answer" not in text and "another kind" in text   # it had been a give-up


async def test_what_was_learned_names_the_earlier_lessons_too(scripted) -> None:
    # "summary of today" had named only the last three lessons: "you left out the sigmoid and gradient descent"
    chat = await scripted({}, {}, curriculum=SEMINAR)
    await chat("/lesson d1-gradient-descent")
    await chat("/lesson d2-backprop")
    reply = await chat("can you sum up what I learned so far?")
    assert "Before that: Day 1: What it means for a program to learn; Day 1: Logistic regression and the sigmoid" in reply
    assert "• Backpropagation:" in reply


async def test_a_message_that_ends_asking_to_go_on_goes_on(chat: Chat) -> None:
    await chat("/lesson l2")
    text = await chat("oh so with a big step it would jump back and forth? cool. ok continue the course")
    assert "x ← x − λ·∇y" in text and chat.state().step == 1          # the next step (index 1), not the lesson again


async def test_a_harder_item_comes_from_a_lesson_already_shown(scripted) -> None:
    # "i dont get it. we havent done gradient descent yet?" after a harder item from a later lesson
    chat = await scripted({}, {}, curriculum=SEMINAR)
    await chat("/lesson d1-threshold")
    shown = {"d1-what-is-ml", "d1-logistic-regression", "d1-threshold"}
    for _ in range(8):
        await chat("this is too easy, give me the hardest")
        assert SEMINAR.concepts[chat.pending().concept].lesson in shown, chat.pending().prompt
        await chat("skip")


@pytest.mark.parametrize("said", ["brb", "gtg for a sec, back in 5", "one sec, my mom is calling"])
async def test_a_short_break_gets_no_call_back_to_the_course(scripted, said: str) -> None:
    chat = await scripted({}, {}, curriculum=SEMINAR)      # the short break is a small-talk topic of the seminar's
    await chat("/lesson d1-what-is-ml")
    assert "get back to the course" not in await chat(said)


@pytest.mark.parametrize("said, right", [
    ("2 - it's the sigmoid output, interpreted as P(y=1|x).", True),       # a dash after the option's number
    ("it means 80% chance that it is a dog (y=1)", True),                  # chance for probability
    ("the model is right 80% of the time", False),
])
def test_an_option_said_with_a_dash_or_in_other_words_is_read(said: str, right: bool) -> None:
    question = make_question(SEMINAR.exercises["d1-logistic-output"], random.Random(0))
    check = question.check(said)
    assert check.understood and check.correct == right, check.feedback


def test_the_option_a_message_leads_with_is_read_before_its_question() -> None:
    question = make_question(SEMINAR.exercises["d1-overfitting-diagnose"], random.Random(0))
    assert question.check("Overfitting - it has memorised the training set. Is this like fitting a polynomial of "
                          "too high order to noisy data?").correct           # it had ended the placement check


async def test_an_answer_in_the_learner_s_words_does_not_end_the_placement_check(scripted) -> None:
    chat = await scripted({}, {}, curriculum=SEMINAR)
    await chat("test me on day 1 so I can skip it")
    await chat("3")
    text = await chat("it means 80% chance that it is a dog (y=1)")
    assert "check stopped" not in text and chat.state().pending is not None


@pytest.mark.parametrize("said, on_the_claim", [
    ("Was I right that always predicting 'no cancel' gives 94% accuracy?", True),
    ("was i right about (9,-7) to (-9,7)?", True),
    ("was I right?", False), ("was I right about the last one?", False), ("am I right that it is 4?", False),
])
def test_a_verdict_asked_on_a_claim_said_with_it(said: str, on_the_claim: bool) -> None:
    # the claim had got "Yes: the last question was ..." about an old quiz
    signals = WordingSignals()
    signals.text, signals.replayed = said, False
    assert signals.verdict_on_a_claim_in_it == on_the_claim


async def test_a_dummy_it_is_no_reference_back(scripted) -> None:
    # "Is it allowed (GDPR) to use ...?" in the cost lesson had got "I couldn't find that concept"
    message = "Is it allowed (GDPR) to use personal customer data for training a model?"
    gdpr = AnswerHit("d5-personal-data-gdpr", "Usually yes, with care: ask the data-protection officer first.", 0.9,
                     False, "d5-project", ("final_project",), "how")
    chat = await scripted({message: "ask_concept"}, {message: gdpr}, curriculum=SEMINAR)
    await chat("/lesson d1-cost")
    assert gdpr.answer in await chat(message)


async def test_a_topic_asked_for_is_taught_from_the_step_that_teaches_it(scripted) -> None:
    # "teach me the game ai stuff" (read as out of scope) had got "I like hearing how your day is going"; "skip to the
    # game ai part" had opened Day 5's trends lesson at its first step, on GANs
    message = "teach me the game ai stuff"
    chat = await scripted({message: "out_of_scope"}, {}, curriculum=SEMINAR)
    text = await chat(message)
    assert "Reinforcement learning" in text and chat.state().lesson_id == "d5-trends" and chat.state().step > 0
