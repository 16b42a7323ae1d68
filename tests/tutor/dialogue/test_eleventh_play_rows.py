"""Rows from the repairs after a teacher's tenth and eleventh play-throughs: a course question asked in the middle of
the placement check is answered and the check goes on ("Thank you. But how do I handle class imbalance in churn
data?" had ended it with its result, the question unanswered); thanks with a question beside them are answered with a
quiz question open too, unless the answer would show the open one's."""
from __future__ import annotations

import random

import pytest

from nlp.answers import _learners_own_thing
from nlp.types import AnswerHit
from tests.tutor.dialogue.test_thread_rows import scripted  # noqa: F401 - the fixture
from tutor.curriculum import Curriculum
from tutor.dialogue.chat_cues import ENDS_WITH_A_JUMP
from tutor.dialogue.cues import ASKS_SIMPLER
from tutor.dialogue.request_cues import QUIZ_WEARY
from tutor.dialogue.moves.knowledge import gist
from tutor.dialogue.signals import Signals
from tutor.dialogue.wording import WordingSignals
from tutor.exercises import make_question
from tutor.generators.layers import conv_output_size_question
from tutor.layer_sums import read_layer_sums
from tutor.store import TurnWrites

SEMINAR = Curriculum.load()
IMBALANCE = AnswerHit("d1-class-imbalance", "First change the metric: report per-class recall and precision.", 0.9,
                      False, "d1-performance", ("performance_measure",), "how")
THANKS_AND_ASKED = "Thank you. But how do I handle class imbalance in churn data?"
ASKED = "But how do I handle class imbalance in churn data?"


async def test_a_course_question_in_the_placement_check_is_answered_and_the_check_goes_on(scripted) -> None:
    chat = await scripted({THANKS_AND_ASKED: "thanks"}, {ASKED: IMBALANCE}, curriculum=SEMINAR)
    await chat("test me on day 1 so I can skip it")
    await chat("2")
    asked = chat.pending().exercise_id
    text = await chat(THANKS_AND_ASKED)
    assert IMBALANCE.answer in text and "check stopped" not in text
    assert "placement" in chat.state().context and chat.pending().exercise_id == asked   # the same question again


async def test_a_question_the_course_cannot_answer_still_ends_the_check(scripted) -> None:
    message = "how do I become a pilot?"
    chat = await scripted({message: "ask_concept"}, {}, curriculum=SEMINAR)
    await chat("test me on day 1 so I can skip it")
    assert "Day 1 check: 0 of 0 right" in await chat(message) and "placement" not in chat.state().context


async def test_thanks_with_a_question_that_shows_the_open_answer_is_not_answered(scripted) -> None:
    message, part = "thanks! but what does an output of 0.8 mean?", "but what does an output of 0.8 mean?"
    giveaway = AnswerHit("d1-output-meaning", "It means an 80% probability that y = 1.", 0.9, False, "d1-logistic",
                         ("logistic_regression",), "what")
    chat = await scripted({message: "thanks"}, {part: giveaway}, curriculum=SEMINAR)
    await chat("test me on day 1 so I can skip it")
    await chat("2")
    assert chat.pending().concept == "logistic_regression" and "80%" in chat.pending().solution
    assert giveaway.answer not in await chat(message)


# -- the eleventh play-through ------------------------------------------------------------------------------------
GPU = AnswerHit("d2-gpu", "A GPU runs many multiply-adds in parallel. You do not need one for this course: small "
                "networks train on a laptop CPU in minutes.", 0.9, False, "d2-training", (), "how")


async def test_a_step_asked_first_is_taken_and_the_question_after_it_answered(scripted) -> None:
    # "Next lesson. By the way, ... How much of this Day 1 material is still ...?" had gone to Day 1, its step again
    message, asked = "ok, next lesson please. do I need a GPU for this course?", "do I need a GPU for this course?"
    chat = await scripted({}, {asked: GPU}, curriculum=SEMINAR)
    await chat("/lesson d1-what-is-ml")
    text = await chat(message)
    assert chat.state().lesson_id == "d1-logistic-regression" and "You do not need one" in text


async def test_a_day_to_start_is_the_one_after_start_not_the_one_left(scripted) -> None:
    chat = await scripted({}, {}, curriculum=SEMINAR)
    await chat("/lesson d5-project")
    text = await chat("That's Day 5 - I'd rather not jump ahead. Could we start Day 2, neural networks, please?")
    assert text.startswith("Day 2") and chat.state().lesson_id == "d2-neural-networks"


@pytest.mark.parametrize("said", [
    "how would you explain gradient descent to a 16-year-old?",
    "Could you explain that definition again in plainer words, the way you'd say it to a class of 16-year-olds?",
    "Give me an analogy I could use for this idea - something a teenager would relate to?",
    "give me an analogy for the learning rate",
])
def test_the_words_asking_for_it_simpler(said: str) -> None:
    assert ASKS_SIMPLER.search(said), said


@pytest.mark.parametrize("said", ["that's not how I'd say it to teenagers", "what is a word analogy?",
                                  "is king - man + woman a good analogy?"])
def test_what_asks_nothing_simpler(said: str) -> None:
    assert not ASKS_SIMPLER.search(said), said


async def test_an_analogy_asked_for_is_the_step_s_other_explanation_not_word_analogies(scripted) -> None:
    # "Give me an analogy ... from sport or music?" had got music chat, then Day 4's word analogies
    chat = await scripted({}, {}, curriculum=SEMINAR)
    await chat("/lesson d1-what-is-ml")
    await chat("continue")
    text = await chat("Give me an analogy I could use for this 'let the program find the rules' idea?")
    assert "put it another way" in text and "king" not in text and chat.state().lesson_id == "d1-what-is-ml"


async def test_a_likeness_in_words_the_course_does_not_teach_is_compared_not_refused(scripted) -> None:
    message = "So the learning rate is like the step size of a hiker walking downhill in fog, right?"
    hiker = AnswerHit("d1-learning-rate", "The learning rate is the step size.", 0.2, True, "d1-gradient-descent",
                      ("learning_rate",), "what", untaught=("hiker",))
    chat = await scripted({message: "ask_concept"}, {message: hiker}, curriculum=SEMINAR)
    await chat("/lesson d1-gradient-descent")
    text = await chat(message)
    assert "doesn't teach" not in text and "compare" in text and "downhill" in text.replace("hillside", "downhill")


@pytest.mark.parametrize("said, asked", [
    ("That bakery example is actually perfect for a classroom. Let's continue the course.", False),
    ("Nice example, but I meant the next step of the lesson please.", False),
    ("nice example, give me another example", True), ("can you give me an example?", True),
])
def test_an_example_remarked_on_is_not_asked_for(said: str, asked: bool) -> None:
    signals = WordingSignals()
    signals.text = said
    assert Signals.asks_example.fget(signals) == asked


@pytest.mark.parametrize("exercise, said", [
    ("d1-ml-definition", "I'd say the spam filter, since the thermostat just follows one fixed rule someone wrote."),
    ("d1-ml-definition", "I'll go with the spam filter"),
])
def test_an_option_named_after_i_d_say_is_read(exercise: str, said: str) -> None:
    question = make_question(SEMINAR.exercises[exercise], random.Random(0))
    assert question.check(said).correct


async def test_is_that_a_yes_gets_the_last_answer_in_one_line(scripted) -> None:
    asked = "do I need a GPU to follow the course?"
    chat = await scripted({asked: "ask_concept"}, {asked: GPU}, curriculum=SEMINAR)
    await chat(asked)
    text = await chat("is that a yes?")
    assert text.startswith("In short: You do not need one for this course")
    assert not (await chat("so yes or no?")).startswith("In short")   # nothing answered since


def test_the_gist_of_an_answer_to_another_kind_of_question_says_so() -> None:
    assert gist("what is dropout for?", "Dropout switches off outputs. It overfits less.").startswith(
        "That one wasn't a yes-or-no question")


async def test_a_jump_to_a_day_at_the_end_of_a_complaint_is_made(scripted) -> None:
    message = "hmm you keep giving me definitions. i asked rnn vs transformer not cnn vs rnn 🙄 whatever, skip to day 4"
    chat = await scripted({message: "ask_concept"}, {}, curriculum=SEMINAR)
    assert (await chat(message)).startswith("Day 4") and chat.state().lesson_id == "d4-rnn"


async def test_harder_on_the_topic_the_quiz_is_asked_on_not_the_first_one_named(scripted) -> None:
    # "lstm is fine for small data ... quiz me on day 1 logistic regression stuff, something harder" had got an LSTM item
    message = "ok cool so lstm is fine for small data, got it. quiz me on day 1 logistic regression stuff, something harder"
    chat = await scripted({}, {}, curriculum=SEMINAR)
    await chat("/lesson d5-career")
    await chat(message)
    assert chat.pending().concept == "logistic_regression"


PROPOSALS = AnswerHit("d5-project-proposals-list", "The slides propose: Titanic survivors prediction, ...", 0.8, False,
                      "d5-project", ("final_project",), "what")


async def test_a_yes_with_a_question_the_course_answers_is_answered_not_taken_as_go_on(scripted) -> None:
    message = "yeah but which projects can i pick from? list them"
    chat = await scripted({message: "affirm"}, {message: PROPOSALS}, curriculum=SEMINAR)
    await chat("/lesson d5-career")
    step = chat.state().step
    assert PROPOSALS.answer in await chat(message) and chat.state().step == step   # no step taken


async def test_a_question_read_as_a_quiz_request_without_a_quiz_asked_is_answered(scripted) -> None:
    message = "which one fits me? could i do a fraud one"
    fraud = AnswerHit("d5-fraud-final-project", "Yes, as your own idea.", 0.8, False, "d5-project", (), "howto")
    chat = await scripted({message: "quiz"}, {message: fraud}, curriculum=SEMINAR)
    assert fraud.answer in await chat(message) and chat.state().pending is None


async def test_a_layer_s_numbers_beside_an_answer_are_checked_too(scripted) -> None:
    chat = await scripted({}, {}, curriculum=SEMINAR)
    await chat("/lesson d3-convolution")
    record = chat.state()
    question = make_question(SEMINAR.exercises["d3-image-rgb-count"], random.Random(0))
    record.pending, record.state = {**question.to_dict(), "review": False}, "awaiting_answer"
    chat.core.store.save_turn(record, TurnWrites(user_text=""))
    text = await chat("3 obviously. ok i make my own: conv 5x5 with 32 filters on a RGB image = 5*5*3*32 = 2400 "
                      "parameters, is correct?")
    assert "Correct" in text and "not 2400" in text and "2432" in text


def test_a_kernel_s_size_with_no_image_has_no_output_side() -> None:
    # "so conv 5x5x3 with 32 filters is 2432 params, no 2400?" had hung the tutor: no output side fits a 5x5 "image"
    sums = read_layer_sums("so conv 5x5x3 with 32 filters is 2432 params, no 2400?")
    assert sums is not None and sums.layer.parameters().answer == "2432"
    with pytest.raises(ValueError):
        conv_output_size_question(random.Random(0), {"n": 5, "k": None, "padding": 0, "stride": 1})


async def test_a_question_about_the_last_run_reads_its_curves_again(scripted) -> None:
    # "training loss goes to 0,03 but validation stays ~0,11, is that overfitting or not?" had got the overfitting card
    chat = await scripted({}, {}, curriculum=SEMINAR)
    record = chat.state()
    summary = "Validation loss levelled off well above training loss (training 0.03, validation 0.11): mild overfitting."
    record.context["labs"] = [{"lab": "cnn", "params": {"epochs": 30, "dropout": 0}, "status": "done",
                               "figures": {"test_accuracy": 0.983}, "summary": summary}]
    chat.core.store.save_turn(record, TurnWrites(user_text=""))
    text = await chat("training loss goes to 0,03 but validation stays ~0,11, is that overfitting or not?")
    assert summary in text and "epochs=30" in text


@pytest.mark.parametrize("said, weary", [("forget the quiz pls. my tapas project: enough photos?", True),
                                         ("skip the question", False), ("the quiz is fun", False)])
def test_forget_the_quiz_ends_it(said: str, weary: bool) -> None:
    assert bool(QUIZ_WEARY.search(said)) == weary


def test_the_learner_s_own_subject_is_no_term_the_course_fails_to_teach() -> None:
    # "my tapas project: 4 dishes, 50 phone photos each. enough to train a CNN or not?" had been refused for "tapas"
    assert _learners_own_thing("tapas", "my tapas project: 4 dishes, 50 phone photos each")
    assert _learners_own_thing("bravas", "classify photos of tapas (tortilla, patatas bravas, croquetas)")
    assert not _learners_own_thing("LoRA", "what is LoRA fine-tuning")
    assert not _learners_own_thing("SageMaker", "how do i set up a GPU training job on AWS SageMaker")


async def test_a_generated_kind_named_beside_a_concept_without_it_is_quizzed(scripted) -> None:
    # "ok quiz me on parameters", "give me a conv layer parameter count question" had got the bias's word questions
    chat = await scripted({}, {}, curriculum=SEMINAR)
    await chat("/lesson d3-cnn")
    await chat("ok quiz me on parameters")
    assert chat.pending().exercise_id == "d3-cnn-params" and chat.pending().concept == "convolutional_neural_network"


def test_a_jump_to_a_day_ends_a_message_with_the_day_s_topic_after_it() -> None:
    assert ENDS_WITH_A_JUMP.search("the relu one was just a silly mistake, i know it. lets go to day 3, CNNs!!")
    assert not ENDS_WITH_A_JUMP.search("i went to day 3 yesterday and it was hard")


async def test_an_answer_to_a_layer_item_is_not_worked_out_a_second_time(scripted) -> None:
    chat = await scripted({}, {}, curriculum=SEMINAR)
    await chat("/lesson d3-cnn")
    await chat("ok quiz me on parameters")
    question = chat.pending()
    text = await chat(f"conv with 5x5 filters = {question.answer}")
    assert "Correct" in text and "Parameters:" not in text


def test_the_learner_putting_their_own_question_simply_asks_nothing_simpler() -> None:
    signals = WordingSignals()
    signals.text, signals.replayed = "Let me ask more simply: what does P stand for there?", False
    assert not signals.asks_simpler
    signals.text = "can you say it more simply?"
    assert signals.asks_simpler
