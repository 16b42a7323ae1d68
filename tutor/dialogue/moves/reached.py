"""Which lessons a learner has been shown: read by the recap, "am I ready for day 2?" and the harder items (which
come from lessons already shown)."""
from __future__ import annotations

from tutor.curriculum import Lesson
from tutor.dialogue.turn import Turn


def lessons_reached(turn: Turn) -> list[Lesson]:
    """The lessons the learner has been shown, in course order: in each day, those up to the one shown last (a day's
    lessons are taken in order; the state keeps only the last place of each day)."""
    curriculum, reached = turn.course.curriculum, []
    places, days = turn.state.places, {str(day.number) for day in turn.course.curriculum.days}
    for day in sorted((day for day in places if day in days), key=int):   # a day no longer in the course: left out
        lessons = list(curriculum.day(int(day)).lessons)
        ids = [lesson.id for lesson in lessons]
        if places[day][0] in ids:
            reached += lessons[:ids.index(places[day][0]) + 1]
    return reached
