"""The quick actions offered with a reply, and the pictures of lesson steps and questions."""
from __future__ import annotations

from pathlib import Path

from tutor.curriculum import Concept, Curriculum, Step
from tutor.dialogue import texts
from tutor.dialogue.state import Option
from tutor.dialogue.turn import Course, Turn
from tutor.exercises import Question

CHECK_ME = "Check me"   # the option that takes a lesson's check before moving on


def main_options() -> list[Option]:
    return [Option("Continue the course", "/lesson"), Option("Quiz me", "/quiz"), Option("Help", "/help")]


def concept_options(concept: Concept) -> list[Option]:
    return [Option("Teach me this lesson", f"/lesson {concept.lesson}"),
            Option(f"Quiz me on {concept.term}", f"/quiz {concept.term}")]


def lesson_options() -> list[Option]:
    return [Option("Continue", "/next"), Option("Explain again", "/repeat"), Option("Quiz me", "/quiz")]


def resume_options(turn: Turn) -> list[Option]:
    if turn.state.lesson_id:
        return [Option("Continue the lesson", "/lesson"), Option("Quiz me", "/quiz"),
                Option("My progress", "/progress")]
    return [start_day(1), Option("What can you do?", "/help")]


def newcomer_options() -> list[Option]:
    """With an introduction or a welcome to a learner who has no lesson under way."""
    return [start_day(1), Option("What can you do?", "/help"), Option("My progress", "/progress")]


def start_day(day: int) -> Option:
    return Option(texts.START_DAY.format(day=day), f"/day {day}")


def day_numbers(curriculum: Curriculum) -> list[int]:
    return sorted({concept.day for concept in curriculum.concepts.values()} | {day.number for day in curriculum.days})


def day_title(curriculum: Curriculum, day: int) -> str:
    return curriculum.day(day).title


def day_options(curriculum: Curriculum) -> list[Option]:
    return [Option(texts.DAY_OPTION.format(day=d, title=day_title(curriculum, d)), f"/day {d}")
            for d in day_numbers(curriculum)]


def step_images(course: Course, step: Step | None) -> list[Path]:
    return images_for(course, step.image if step is not None else None)


def question_images(course: Course, question: Question) -> list[Path]:
    if question.plot:
        plot = dict(question.plot)
        chart = course.draw_safely(plot.pop("name"), **plot)
        return [chart] if chart else []
    return images_for(course, question.image)


def images_for(course: Course, image: str | dict[str, object] | None) -> list[Path]:
    if not image:
        return []
    if isinstance(image, dict):
        params = dict(image)
        chart = course.draw_safely(params.pop("name"), **params)
    elif Path(str(image)).suffix == ".png":
        chart = Path(str(image))
    else:
        chart = course.draw_safely(str(image))
    return [chart] if chart else []
