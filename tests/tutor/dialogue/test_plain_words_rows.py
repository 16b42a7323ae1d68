"""A learner who asks for no maths ("I'm scared of maths, can you explain without formulas?") gets the plain-words
version of every step and card from then on, the gentlest items first, and "explain again" still explains
differently; "show me the maths" brings the formulas back. It persists across sessions."""
from __future__ import annotations

from pathlib import Path

from bot.core import open_core
from tests.tutor.dialogue.test_explain_again_rows import curriculum_with_second_explanations
from nlp.types import AnswerHit
from tests.tutor.test_dialogue import Chat, RuleNLU, fake_draw
from tutor.dialogue.request_cues import MATHS_BACK, PLAIN_WORDS


async def test_plain_words_asked_for_then_the_maths_asked_back(tmp_path: Path) -> None:
    core = open_core(None, tmp_path / "t.db", pipeline=RuleNLU(), curriculum=curriculum_with_second_explanations(),
                     draw=fake_draw)
    chat = Chat(core)
    await chat("/lesson l2")
    text = await chat("I'm scared of maths, can you explain without formulas?")
    assert text.startswith("Deal: from now on plain words") and "Simpler: Walk downhill." in text
    assert (await chat("/next")).endswith("Simpler: x ← x − λ·∇y")
    assert "Simpler:" not in await chat("explain that again")       # the plain version was shown: something else
    assert "in plain words: In short, backpropagation" in await chat("what is backpropagation?")
    await core.close()
    core = open_core(None, tmp_path / "t.db", pipeline=RuleNLU(), curriculum=curriculum_with_second_explanations(),
                     draw=fake_draw)
    chat = Chat(core)        # the next session remembers it: "show me the maths" fires only in plain mode
    await chat("/lesson l2")
    text = await chat("show me the maths")
    assert text.startswith("Maths back on") and text.endswith("Walk downhill.") and "Simpler" not in text
    await core.close()


def test_the_words_for_no_maths_and_maths_back() -> None:
    for said in ("I'm scared of maths", "explain without formulas please", "I'm not a math person",
                 "nervous, formulas make me anxious. Can we go gently?", "these letters make me nervous, T, P, E...",
                 "i don't understand the equations", "maths is too hard for me", "no math please"):
        assert PLAIN_WORDS.search(said), said
    for said in ("the math of backprop is the chain rule", "what is the formula for the sigmoid?", "I love maths"):
        assert not PLAIN_WORDS.search(said), said
    assert MATHS_BACK.search("show me the maths") and MATHS_BACK.search("ok, bring back the formulas")


async def test_plain_words_as_a_first_message_offer_the_gentle_start(tmp_path: Path) -> None:
    core = open_core(None, tmp_path / "t.db", pipeline=RuleNLU(), curriculum=curriculum_with_second_explanations(),
                     draw=fake_draw)
    chat = Chat(core)
    text = await chat("Hi, I'm Jo, biology teacher, formulas make me anxious. Can we go gently?")
    assert text.startswith("Deal: from now on plain words") and "let's start" in text and "Start Day 1" in chat.options
    await core.close()


class KnowingNLU(RuleNLU):
    """A knowledge base that answers every question with a formula."""

    def __init__(self) -> None:
        super().__init__()
        self.components = {"answers": None}

    def answer(self, text: str, context: object = None) -> AnswerHit:
        return AnswerHit("d2-bp", "Backprop computes dL/dw = dL/da · da/dz · dz/dw.", 0.9, False, "l3",
                         ("backpropagation",), "what")


async def test_what_a_concept_is_in_plain_words_is_its_plain_card(tmp_path: Path) -> None:
    core = open_core(None, tmp_path / "t.db", pipeline=KnowingNLU(), curriculum=curriculum_with_second_explanations(),
                     draw=fake_draw)
    chat = Chat(core)
    assert "dL/dw" in await chat("what is backprop, like blame going backwards?")     # before: the formula
    await chat("I'm scared of maths")
    text = await chat("what is backprop, like blame going backwards?")
    assert "in plain words: In short, backpropagation" in text and "dL/dw" not in text
    await core.close()
