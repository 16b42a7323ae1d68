"""The knowledge base in the dialogue: a learner's own question gets the course's answer, in the thread of
what was just taught; "what is X" keeps the glossary card; unsure, the nearest topics; refused requests the
course does answer are answered."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import open_core
from nlp.types import Analysis, AnswerContext, AnswerHit, AnswerOption, IntentScore
from tests.tutor.test_dialogue import Chat, RuleNLU, build_curriculum, fake_draw

FIX = AnswerHit("d1-fix", "Get more data, simplify the model, regularize.", 0.9, False, "l2", ("gradient_descent",),
                "howto")
JOB = AnswerHit("d5-job", "Build a portfolio of finished projects.", 0.8, False, "l3", (), "howto")
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
            analysis.intent = IntentScore("out_of_scope", 0.9)
            analysis.intent_ranking = [analysis.intent]
        return analysis

    def answer(self, text: str, context: AnswerContext | None = None) -> AnswerHit | None:
        self.contexts.append(context)
        if "fix it" in text:
            return FIX if context and context.lesson == "l2" else UNSURE
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


async def test_the_open_question_s_own_concept_is_not_answered_from_the_knowledge_base(chat: Chat) -> None:
    await chat("/lesson l2")
    await chat("/quiz gradient descent")
    text = await chat("what is the way to fix it")        # the answer would be about the question's concept
    assert FIX.answer not in text and "Back to your question" in text
