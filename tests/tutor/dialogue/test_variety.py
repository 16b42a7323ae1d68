"""Variety in practice: "another question" does not repeat one of the last three items while others
exist (it had shown the same item four times in a row: the least-mastered concept's first item)."""
from __future__ import annotations

from pathlib import Path

from bot.core import open_core
from tests.tutor.test_dialogue import Chat, RuleNLU, fake_draw
from tutor.curriculum import Curriculum


async def test_another_question_does_not_repeat_the_last_three_items(tmp_path: Path) -> None:
    curriculum = Curriculum.load()
    core = open_core(None, tmp_path / "t.db", pipeline=RuleNLU(), curriculum=curriculum, draw=fake_draw)
    chat = Chat(core)
    await chat("/lesson d1-what-is-ml")
    await chat("/quiz")
    first = chat.pending()
    await chat(first.answer)                     # one concept practised: the others now come first
    asked = []
    for _ in range(8):
        await chat("/quiz")
        asked.append(chat.pending().exercise_id)
        await chat("/cancel")                    # the question stays open; the next /quiz asks another
    await core.close()
    for i in range(3, len(asked)):
        assert asked[i] not in asked[i - 3:i], asked


async def test_a_quiz_request_that_names_a_kind_of_item_gets_that_kind(tmp_path: Path) -> None:
    core = open_core(None, tmp_path / "t.db", pipeline=RuleNLU(), curriculum=Curriculum.load(), draw=fake_draw)
    chat = Chat(core)
    await chat("/quiz sigmoid derivative")       # sigmoid's other items: its output, g(0), a large z
    assert chat.pending().exercise_id == "d1-sigmoid-derivative-generated"
    await chat("/cancel")
    await chat("/quiz sigmoid")
    assert chat.pending().exercise_id != "d1-sigmoid-derivative-generated"
    await core.close()
