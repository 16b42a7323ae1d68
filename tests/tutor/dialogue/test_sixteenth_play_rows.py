"""Rows from a teacher's sixteenth play-through (a 16-year-old gamer writing Spanglish, an engineer building a support
chatbot, a statistics PhD): answers said as people say them are read ("the 4 obv 😎", "la 1", "oh capital. ankara",
"ahh the x is 0 ok ok. 0.92"), a lab run asked with a setting and no verb runs ("the logistic one but with lr 10 lol"),
and a word's meaning asked "in simple words" is the word's meaning, not the step again."""
from __future__ import annotations

from tests.tutor.dialogue.test_thread_rows import scripted  # noqa: F401 - the fixture
from nlp.types import AnswerHit
from tutor.answers import match_option, named_last
from tutor.curriculum import Curriculum
from tutor.dialogue.lab_cues import SETTING_SAID
from tutor.question import Question

SEMINAR = Curriculum.load()
KINDS = ["supervised learning", "unsupervised learning", "regression", "reinforcement learning"]


def test_a_pick_with_slang_or_spanish_around_it_is_read() -> None:
    assert match_option("the 4 obv 😎", KINDS) == 3 and match_option("la 1", KINDS) == 0


def test_a_text_answer_said_after_a_remark_is_read() -> None:
    assert named_last("oh capital. ankara", ["ankara"])
    assert named_last("ankara only na? capital of turkey is ankara", ["ankara"])
    assert not named_last("not ankara, istanbul", ["ankara"])


def test_a_number_said_alone_after_a_remark_is_the_answer() -> None:
    question = Question("sigmoid_value", "sigmoid", "What is g(2.5)? (2 decimals)", [], "0.92", [], "g(2.5) ≈ 0.92")
    assert question.check("ahh the x is 0 ok ok. 0.92").correct
    assert not question.check("ahh the x is 0 ok ok. 0.5").correct


def test_a_setting_said_with_a_lab_is_a_run_asked_for() -> None:
    assert SETTING_SAID.search("the logistic one but with lr 10 lol lets see if it breaks")
    assert SETTING_SAID.search("the cnn with 5 epochs")
    assert not SETTING_SAID.search("what does the learning rate do in the logistic lab")


async def test_a_word_s_meaning_asked_simply_is_its_meaning(scripted) -> None:
    message = "what does labelled mean in simple words"
    label = AnswerHit("d1-label", "A label is the right answer attached to an example.", 0.8, False, "l1", ("etp",), "what")
    chat = await scripted({message: "ask_concept"}, {message: label})
    await chat("/lesson l1")
    assert await chat(message) == label.answer


def test_a_statistician_s_notation_and_phrasing_are_read() -> None:
    from nlp.rare_words import _NOTATION
    from tutor.dialogue.cues import EXAMPLE_REQUEST
    from tutor.dialogue.knowledge_signals import _IN_NOTATION as DERIVATION_NOTATION
    assert SEMINAR.find_concept("A question of precision: without a nonlinearity f, layers collapse").key != \
        "evaluation_metrics"
    assert SEMINAR.find_concept("what is precision").key == "evaluation_metrics"
    assert not EXAMPLE_REQUEST.search("and per-example loss L = -[y log h + (1-y) log(1-h)]")
    assert EXAMPLE_REQUEST.search("can you give an example")
    assert all(_NOTATION.fullmatch(word) for word in ("sum_i", "x_i", "mathbf", "nabla"))
    assert len(DERIVATION_NOTATION.findall(r"H = (1/m) \sum_i h_i(1-h_i) x_i x_i^T")) >= 2


def test_the_number_after_the_unit_asked_comes_first() -> None:
    question = Question("lab", "epoch", "Look at the loss curves: at which epoch was the validation loss lowest?", [],
                        "2", [], "epoch 2")
    assert question.check("Epoch 2 again. Note that plain SGD with lr 0.5 works fine, loss from 1.6 to about 0.34.").correct


def test_a_setting_may_end_a_sentence() -> None:
    from labs import registry
    settings = registry.read_settings(registry.spec("mlp"), "run it with 2 epochs and learning rate 0.5.")
    assert settings.values["lr"] == 0.5 and set(settings.given) == {"lr", "epochs"}


async def test_another_day_said_beside_the_offered_day_goes_to_that_day(scripted) -> None:
    chat = await scripted({}, {}, curriculum=SEMINAR)
    await chat("/start")                               # offers "Start Day 1"
    assert "Day 2: Neural networks and backpropagation." in await chat("start day 2")
