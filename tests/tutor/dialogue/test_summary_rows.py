"""A summary or the weak spots asked for (a teacher's fifth play-through: "summary of day 3" had restarted Day 3 at
its first step, "sum up in 3 bullets" had started a new lesson, "what should I review before Day 2?" had jumped into
Day 2): a day's lessons with their first point, a lesson's steps' first points, the concepts not yet mastered."""
from __future__ import annotations

from tests.tutor.test_dialogue import Chat
from tutor.dialogue import texts


async def test_a_day_summed_up_lists_its_lessons_first_points(chat: Chat) -> None:
    reply = await chat("just give me a quick summary of day 1, bullet points")
    assert reply.splitlines()[0] == texts.DAY_IN_SHORT.format(day=1, title="Machine learning basics")
    assert "• What learning means: A program learns from experience E." in reply
    assert "• Gradient descent: Walk downhill." in reply


async def test_the_lesson_in_hand_summed_up_lists_its_steps(chat: Chat) -> None:
    await chat("/lesson l3")
    reply = await chat("sum it up in 3 bullets")
    assert reply.splitlines() == [texts.LESSON_IN_SHORT.format(title="Backpropagation"), "• Errors flow backwards.",
                                  "• The chain rule.", "• Update every weight."]


async def test_weak_spots_name_the_concepts_practised_and_not_mastered(chat: Chat) -> None:
    assert await chat("what should I review before Day 2?") == texts.NOTHING_PRACTISED
    await chat("/quiz etp")
    await chat("the data")
    await chat("skip")
    reply = await chat("what were my weak spots?")
    assert reply.startswith(texts.WEAK_SPOTS) and "• experience, task, performance (Day 1)" in reply
