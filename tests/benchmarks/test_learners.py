"""The scripted learners play the whole course (keyword understanding, no trained models): nothing gives
an answer away, every answer in the listed formats is read, no item comes twice in a row, no explanation
is repeated word for word, and the course's end lists what is not mastered."""
from __future__ import annotations

from benchmarks.learners import play_all


async def test_three_scripted_learners_play_the_whole_course_without_a_practice_fault() -> None:
    tallies = await play_all(None)
    assert set(tallies) == {"novice", "expert", "non-native"}
    for profile, tally in tallies.items():
        assert tally.finished, profile
        assert tally.questions >= 24 and tally.answers >= tally.questions, profile   # each lesson's question
        assert (tally.leaks, tally.unread, tally.repeated_in_a_row, tally.explain_again_repeats,
                tally.unlisted_unmastered) == (0, 0, 0, 0, 0), (profile, tally.notes)
    assert tallies["novice"].questions > tallies["expert"].questions   # its slips earned it fresh items
