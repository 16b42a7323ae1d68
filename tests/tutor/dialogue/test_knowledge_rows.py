"""The knowledge base in the dialogue: a learner's own question gets the course's answer, in the thread of
what was just taught; "what is X" keeps the glossary card; unsure, the nearest topics; refused requests the
course does answer are answered."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import open_core
from nlp.types import Analysis, AnswerContext, AnswerHit, AnswerOption
from tests.tutor.test_dialogue import Chat, RuleNLU, build_curriculum, fake_draw, read_as

FIX = AnswerHit("d1-fix", "Get more data, simplify the model, regularize.", 0.9, False, "l2", ("gradient_descent",),
                "howto")
JOB = AnswerHit("d5-job", "Build a portfolio of finished projects.", 0.8, False, "l3", (), "howto")
FIX_SHOWING_THE_STEP = AnswerHit("d1-step", "From (5, 5) one step of 0.1 gives (4, 4).", 0.9, False, "l2",
                                 ("gradient_descent",), "howto")
WHY_P = AnswerHit("d1-why-p", "Without a performance measure nobody can say whether the program improves.", 0.9,
                  False, "l1", ("etp",), "why")
LORA = AnswerHit("d3-fine", "...", 0.7, True, "l1", (), "what", untaught=("LoRA",))
UNSURE = AnswerHit("d1-x", "...", 0.1, True, "l1", (), "what",
                   alternatives=(AnswerOption("d1-a", "how gradient descent works", "l2", 0.5),
                                 AnswerOption("d1-b", "what is momentum?", "l2", 0.3)))


class KnowingNLU(RuleNLU):
    """RuleNLU with a knowledge base that knows two answers and records the context it was asked in."""

    def __init__(self) -> None:
        super().__init__()
        self.contexts: list[AnswerContext] = []
        self.components = {"answers": None}

    def __call__(self, text: str) -> Analysis:
        analysis = RuleNLU.__call__(self, text)
        if "titanic" in text or "job" in text:          # the NLU's reading: out of scope
            read_as(analysis, "out_of_scope", 0.9)
        return analysis

    def answer(self, text: str, context: AnswerContext | None = None) -> AnswerHit | None:
        self.contexts.append(context)
        if "fix it" in text:
            return FIX if context and context.lesson == "l2" else UNSURE
        if "worked step" in text:
            return FIX_SHOWING_THE_STEP
        if "why is P" in text:
            return WHY_P
        if "LoRA" in text:
            return LORA
        return JOB if "job" in text else UNSURE


@pytest.fixture
async def chat(tmp_path: Path):
    nlu = KnowingNLU()
    core = open_core(None, tmp_path / "t.db", pipeline=nlu, curriculum=build_curriculum(), draw=fake_draw)
    chat = Chat(core)
    chat.nlu = nlu
    yield chat
    await core.close()


async def test_a_question_the_course_answers_gets_its_answer_in_the_thread(chat: Chat) -> None:
    await chat("/lesson l2")
    assert await chat("what is the way to fix it") == FIX.answer
    assert chat.nlu.contexts[-1] == AnswerContext("l2", ())
    assert chat.options == ["Teach me this lesson", "Quiz me on gradient descent", "Continue the course"]
    assert chat.state().context["explained"] == "gradient_descent"


async def test_what_is_x_keeps_the_glossary_card(chat: Chat) -> None:
    assert "stepping against its gradient" in await chat("what is gradient descent?")


async def test_a_refused_request_the_course_answers_is_answered(chat: Chat) -> None:
    assert await chat("how do i get a job in this field") == JOB.answer


async def test_unsure_offers_the_nearest_topics_and_keeps_the_question(chat: Chat) -> None:
    text = await chat("what is downhilling")
    assert "not sure" in text and chat.options[:2] == ["How gradient descent works", "What is momentum?"]
    assert chat.core.store.unanswered()[0].question == "what is downhilling"


async def test_a_question_about_a_numeric_item_s_concept_is_answered_when_it_holds_no_answer(chat: Chat) -> None:
    await chat("/lesson l2")
    await chat("/quiz gradient descent")                 # x(1) from (5, 5) with step 0.1: (4, 4)
    text = await chat("what is the way to fix it")
    assert text.startswith(FIX.answer) and "Back to your question" in text


async def test_an_answer_that_shows_the_open_item_s_numbers_is_kept_for_after(chat: Chat) -> None:
    await chat("/lesson l2")
    await chat("/quiz gradient descent")
    text = await chat("what is a worked step like")
    assert FIX_SHOWING_THE_STEP.answer not in text and "as soon as you've had a go" in text
    assert "Back to your question" in text


async def test_a_why_about_an_option_question_s_concept_waits_for_its_answer(chat: Chat) -> None:
    await chat("/lesson l1")
    await chat("/quiz etp")                               # "In E/T/P, what is P?"
    text = await chat("why is P needed")
    assert WHY_P.answer not in text and "as soon as you've had a go" in text
    assert chat.options == ["the data", "the performance measure", "the task"]
    assert chat.state().context["kept"][0]["text"] == "why is P needed"   # kept in the store, across a restart
    text = await chat("2")
    assert text.index("Correct") < text.index("Now your question from before, “why is P needed”") < text.index(WHY_P.answer)
    assert "kept" not in chat.state().context
    assert chat.options and chat.options[0] == "Another question"   # the options come with the last message


async def test_a_kept_answer_comes_before_the_next_question_posed(chat: Chat) -> None:
    await chat("/lesson l1")
    await chat("/quiz etp")
    await chat("why is P needed")
    text = await chat("skip")
    assert text.index(WHY_P.answer) < len(text) and "kept" not in chat.state().context
async def test_a_confirm_answer_is_given_only_to_a_claim_to_confirm(tmp_path: Path) -> None:
    confirm = AnswerHit("d4-c", "Not quite: a plain RNN forgets.", 0.9, False, "l3", (), "confirm", verdict="no")
    core, chat = await _chat_with(tmp_path, {"what is the memory of an rnn": confirm,
                                             "so an rnn remembers everything?": confirm})
    assert confirm.answer not in await chat("what is the memory of an rnn")
    assert await chat("so an rnn remembers everything?") == confirm.answer
    await core.close()


# -- the answer in the question's form, below the usual confidence; outside the course in its words --------------
LOW_FIX = AnswerHit("d1-fix-low", "Take smaller steps: lower the learning rate.", 0.2, False, "l2",
                    ("gradient_descent",), "howto")
WHY_GD = AnswerHit("d1-why-gd", "Because the gradient points uphill, so stepping against it goes down.", 0.2, False,
                   "l2", ("gradient_descent",), "why")
WHY_BACKPROP = AnswerHit("d2-why-bp", "Because one backward pass gives every derivative.", 0.2, False, "l3",
                         ("backpropagation",), "why")
PAY = AnswerHit("d5-pay", "...", 0.1, True, "l3", (), "what",
                alternatives=(AnswerOption("d5-a", "how do i get a job?", "l3", 0.6),
                              AnswerOption("d5-b", "which roles are there?", "l3", 0.4)))


class FormNLU(KnowingNLU):
    """Every message a confident ask_concept; the knowledge base answers from ``hits`` (text -> hit)."""

    def __init__(self, hits: dict[str, AnswerHit]) -> None:
        super().__init__()
        self.hits = hits

    def __call__(self, text: str) -> Analysis:
        analysis = RuleNLU.__call__(self, text)
        read_as(analysis, "ask_concept")
        return analysis

    def answer(self, text: str, context: AnswerContext | None = None) -> AnswerHit | None:
        return self.hits.get(text)


async def _chat_with(tmp_path: Path, hits: dict[str, AnswerHit]):
    core = open_core(None, tmp_path / "t.db", pipeline=FormNLU(hits), curriculum=build_curriculum(), draw=fake_draw)
    return core, Chat(core)


async def test_how_do_i_fix_it_in_its_lesson_gets_the_fix_though_the_answer_is_unsure(tmp_path: Path) -> None:
    core, chat = await _chat_with(tmp_path, {"how do I fix it?": LOW_FIX})
    await chat("/lesson l2")
    assert await chat("how do I fix it?") == LOW_FIX.answer
    await chat("/lesson l1")                 # the same unsure answer, out of its thread: not given
    assert LOW_FIX.answer not in await chat("how do I fix it?")
    await core.close()


@pytest.mark.parametrize("hit, gets_the_answer", [(WHY_GD, True), (WHY_BACKPROP, False)])
async def test_a_why_question_gets_the_why_answer_about_its_concept_not_the_card(tmp_path: Path, hit: AnswerHit,
                                                                                 gets_the_answer: bool) -> None:
    core, chat = await _chat_with(tmp_path, {"why does gradient descent work?": hit})
    text = await chat("why does gradient descent work?")
    assert (text == hit.answer) is gets_the_answer
    assert ("stepping against its gradient" in text) is not gets_the_answer    # the glossary card otherwise
    await core.close()


async def test_a_why_answer_is_not_given_to_a_what_question_below_the_usual_confidence(tmp_path: Path) -> None:
    core, chat = await _chat_with(tmp_path, {"what is gradient descent used for?": WHY_GD})
    assert "stepping against its gradient" in await chat("what is gradient descent used for?")
    await core.close()


async def test_outside_the_course_in_its_words_is_said_and_kept_not_answered_with_the_card(tmp_path: Path) -> None:
    core, chat = await _chat_with(tmp_path, {"how much do gradient descent experts earn": PAY})
    text = await chat("how much do gradient descent experts earn")
    assert "beyond what this seminar covers" in text and "stepping against its gradient" not in text
    assert chat.options[:2] == ["Teach me this lesson", "Quiz me on gradient descent"]
    assert core.store.unanswered()[0].question == "how much do gradient descent experts earn"
    await core.close()


async def test_abstained_on_but_near_the_named_concept_s_lesson_keeps_the_card(tmp_path: Path) -> None:
    near = AnswerHit("d1-x", "...", 0.1, True, "l3", (), "what",
                     alternatives=(AnswerOption("d1-gd", "how does gradient descent work?", "l2", 1.0),))
    core, chat = await _chat_with(tmp_path, {"how does gradient descent remember": near})
    assert "stepping against its gradient" in await chat("how does gradient descent remember")
    await core.close()


@pytest.mark.parametrize("claim", ["gradient descent is like rolling a ball downhill?",
                                   "so gradient descent is basically guessing and checking, right?"])
async def test_a_learner_s_own_picture_of_a_named_concept_is_never_outside_the_course(tmp_path: Path,
                                                                                     claim: str) -> None:
    """The knowledge base abstains on "X is like Y?" (its words are the learner's), but X is the course's: its
    card, not "that goes beyond what this seminar covers"."""
    core, chat = await _chat_with(tmp_path, {claim: PAY})
    text = await chat(claim)
    assert "beyond what this seminar covers" not in text and "stepping against its gradient" in text
    assert core.store.unanswered() == []
    await core.close()


class ThanksNLU(FormNLU):
    """Every message read as thanks, as the NLU reads "thanks. should I ...?"."""

    def __call__(self, text: str) -> Analysis:
        analysis = FormNLU.__call__(self, text)
        read_as(analysis, "thanks")
        return analysis


@pytest.mark.parametrize("message, answered", [("thanks. and how do I get a job in ML?", True),
                                                ("thanks a lot!", False)])
async def test_thanks_with_a_question_the_course_answers_gets_the_answer(tmp_path: Path, message: str,
                                                                          answered: bool) -> None:
    """A tester's "thanks. xgboost on tabular, should I switch to a NN?" had got only "You're welcome!"."""
    known = {"and how do I get a job in ML?": JOB}    # the knowledge base reads the message without the thanks
    core = open_core(None, tmp_path / "t.db", pipeline=ThanksNLU(known), curriculum=build_curriculum(),
                     draw=fake_draw)
    chat = Chat(core)
    text = await chat(message)
    assert (JOB.answer in text) is answered and ("welcome" in text.lower()) is not answered
    await core.close()


async def test_the_knowledge_base_reads_the_question_without_the_thanks_in_front(tmp_path: Path) -> None:
    """In a lesson, "thanks. how do I get a job in ML?" had scored under the answer's confidence that the bare
    question reached: the courtesy is no part of the question."""
    core = open_core(None, tmp_path / "t.db", pipeline=ThanksNLU({"how do I get a job in ML?": JOB}),
                     curriculum=build_curriculum(), draw=fake_draw)
    chat = Chat(core)
    assert JOB.answer in await chat("Thanks! how do I get a job in ML?")
    await core.close()


class StartingNLU(KnowingNLU):
    """Reads "and input_shape?" as start_lesson (the trained NLU did, at 0.86) and knows its answer surely."""

    SHAPE = AnswerHit("d2-input-shape", "input_shape is the shape of one example, without the batch.", 0.9, False,
                      "l2", (), "what")

    def __call__(self, text: str) -> Analysis:
        analysis = KnowingNLU.__call__(self, text)
        return read_as(analysis, "start_lesson", 0.86) if "input_shape" in text or "start" in text else analysis

    def answer(self, text: str, context: AnswerContext | None = None) -> AnswerHit | None:
        return self.SHAPE if "input_shape" in text or "start" in text else KnowingNLU.answer(self, text, context)


@pytest.mark.parametrize("message, answered", [
    ("and input_shape?", True),          # a question: answered, not Day 1 again
    ("and input_shape", False),          # no question mark: the start the NLU read
    ("start day 2?", False),             # a day named: the start
])
async def test_a_short_question_read_as_a_start_is_answered_when_the_course_knows_it(
        tmp_path: Path, message: str, answered: bool) -> None:
    core = open_core(None, tmp_path / "t.db", pipeline=StartingNLU(), curriculum=build_curriculum(), draw=fake_draw)
    chat = Chat(core)
    try:
        reply = await chat(message)
        assert (reply == StartingNLU.SHAPE.answer) is answered, reply
    finally:
        await core.close()


async def test_unsure_with_a_question_open_names_the_nearest_topics_in_the_text(chat: Chat) -> None:
    await chat("/lesson l1")
    await chat("/quiz")
    text = await chat("how is downhilling done by hand")   # its options would be replaced by the question's
    assert "“How gradient descent works”" in text and "Is it one of these?" not in text
    assert "Back to your question" in text


async def test_a_term_the_course_does_not_teach_beside_a_concept_it_does(chat: Chat) -> None:
    text = await chat("what is LoRA gradient descent?")
    assert text.startswith("This seminar doesn't teach “LoRA”") and "Gradient descent:" in text
    assert chat.core.store.unanswered()[0].question == "what is LoRA gradient descent?"

