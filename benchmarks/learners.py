"""Scripted learners play the whole course through the tutor core and count what practice gets wrong.

    .venv/bin/python -m benchmarks.learners [--models DIR]

Three profiles go through every lesson ("continue" to the end of each, its question, "next lesson"):
a novice who makes the exercises' typical slips first and asks "explain again" twice on the first
step of every lesson, an expert who answers right at once, and a non-native writer who types decimal
commas and answers choices with the option's text. Each answer is written the way that learner writes.
It prints, per profile and in all:

- answer leaks: a question (text, options, or the labels of its picture) that holds its own answer;
- unread answers: an answer typed in one of the listed formats that the tutor could not read;
- items repeated in a row: the same exercise posed twice running (apart from a missed item's retry);
- explain-again repeats: "explain again" answered with the very text it answered just before;
- unlisted unmastered: a course-end congratulation that does not list the concepts not mastered.

Without --models the learners' messages are read by keyword rules (no trained models needed); the
answers and the counts do not depend on the NLU.
"""
from __future__ import annotations

import argparse
import asyncio
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from benchmarks.common import Row
from bot.core import Core, open_core
from tutor.exercise_audit import picture_leaks, text_leaks
from tutor.exercises import Question, answer_kind
from tutor.plots import labels as plot_labels
from tutor.replies import Reply

UNREAD = re.compile(r"I need (one|two|\d+) numbers?|Which option do you mean|could you rephrase", re.IGNORECASE)
PROFILES = ("novice", "expert", "non-native")


@dataclass
class Tally:
    leaks: int = 0
    unread: int = 0
    repeated_in_a_row: int = 0
    explain_again_repeats: int = 0
    unlisted_unmastered: int = 0
    questions: int = 0
    answers: int = 0
    turns: int = 0
    finished: bool = False      # reached the course's end
    notes: list[str] = field(default_factory=list)


def written(question: Question, profile: str, wrong_first: bool) -> str:
    """The answer as this learner types it (a typical slip first, for the novice)."""
    if wrong_first and question.mistakes:
        return str(question.mistakes[0]["answer"])
    answer = question.answer
    if profile == "non-native" and answer_kind(answer) in ("number", "vector"):
        return answer.replace(", ", "; ").replace(".", ",")
    if profile == "expert" and question.options:
        return "abcdefgh"[question.options.index(answer)] if answer in question.options else answer
    return answer


class Learner:
    def __init__(self, core: Core, profile: str, tally: Tally) -> None:
        self.core, self.profile, self.tally = core, profile, tally
        self.learner = f"bench:{profile}"
        self.last_item: str | None = None
        self.missed: str | None = None

    async def say(self, text: str) -> list[Reply]:
        self.tally.turns += 1
        return await self.core.handle(self.learner, text)

    def question(self) -> Question | None:
        pending = self.core.store.load(self.learner).pending
        return Question.from_dict(pending) if pending else None

    async def answer_open_question(self) -> None:
        """Answer until the question is over (a slip first for the novice), counting what is not read."""
        first = True
        while (question := self.question()) is not None:
            self.check_posed(question)
            text = written(question, self.profile, wrong_first=first and self.profile == "novice")
            replies = await self.say(text)
            self.tally.answers += 1
            if any(UNREAD.search(reply.text) for reply in replies):
                self.tally.unread += 1
                self.tally.notes.append(f"unread {text!r} for {question.exercise_id}")
                await self.say("/skip")
            self.missed = question.exercise_id if first and self.profile == "novice" else None
            first = False
            if self.question() is not None and self.question().exercise_id != question.exercise_id:
                break                      # the worked answer came with a fresh one: answered next time round

    def check_posed(self, question: Question) -> None:
        self.tally.questions += 1
        labels = []
        if question.plot:
            plot = dict(question.plot)
            labels = plot_labels(plot.pop("name"), **plot)
        if text_leaks(question) or picture_leaks(question, labels):
            self.tally.leaks += 1
            self.tally.notes.append(f"leak in {question.exercise_id}")
        if question.exercise_id == self.last_item and question.exercise_id != self.missed:
            self.tally.repeated_in_a_row += 1
        self.last_item = question.exercise_id

    async def explain_again_twice(self) -> None:
        first = "\n".join(r.text for r in await self.say("explain that again"))
        second = "\n".join(r.text for r in await self.say("I still don't get it"))
        if first == second:
            self.tally.explain_again_repeats += 1

    async def play(self, lessons: int) -> None:
        """Every lesson to its end: its steps, worked example and question ("/next"), then the next lesson."""
        await self.say("/start")
        await self.say("/day 1")
        for _ in range(lessons):
            lesson = self.core.store.load(self.learner).lesson_id
            if self.profile == "novice":
                await self.explain_again_twice()
            for _ in range(15):
                replies = await self.say("/next")
                if any("congratulations" in r.text for r in replies):
                    return self.check_the_end(replies)
                await self.answer_open_question()
                if self.core.store.load(self.learner).lesson_id != lesson:
                    break

    def check_the_end(self, replies: list[Reply]) -> None:
        self.tally.finished = True
        state = self.core.store.load(self.learner)
        text = "\n".join(r.text for r in replies)
        unmastered = [k for k, c in self.core.tutor.curriculum.concepts.items() if state.mastery.get(k, 0) < 0.75]
        if unmastered and "Not mastered yet" not in text:
            self.tally.unlisted_unmastered += 1


async def play_all(models: Path | None) -> dict[str, Tally]:
    tallies = {}
    with tempfile.TemporaryDirectory() as scratch:
        for profile in PROFILES:
            core = open_core(models, Path(scratch) / f"{profile}.db")
            tallies[profile] = Tally()
            lessons = sum(len(day.lessons) for day in core.tutor.curriculum.days)
            try:
                await Learner(core, profile, tallies[profile]).play(lessons)
            finally:
                await core.close()
    return tallies


def rows(tallies: dict[str, Tally]) -> list[Row]:
    total = Tally()
    for tally in tallies.values():
        for name in ("leaks", "unread", "repeated_in_a_row", "explain_again_repeats", "unlisted_unmastered",
                     "questions", "answers", "turns"):
            setattr(total, name, getattr(total, name) + getattr(tally, name))
    bench = f"scripted learners ({', '.join(tallies)}; {total.turns} turns, {total.questions} questions)"
    return [
        Row(bench, "answer leaks (text, options, hint, picture)", total.leaks, target="== 0"),
        Row(bench, "unread answers in the listed formats", total.unread, target="== 0"),
        Row(bench, "items repeated in a row", total.repeated_in_a_row, target="== 0"),
        Row(bench, "identical re-explanations", total.explain_again_repeats, target="== 0"),
        Row(bench, "congratulations with unmastered concepts unlisted", total.unlisted_unmastered, target="== 0"),
    ]


def run(quick: bool = False, models: Path | None = None) -> list[Row]:
    """The `make bench` section: with the trained models when models/ has them, else keyword rules."""
    default = Path(__file__).resolve().parent.parent / "models"
    chosen = models or (default if (default / "manifest.json").is_file() else None)
    return rows(asyncio.run(play_all(chosen)))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, help="a trained models directory (default: keyword rules)")
    args = parser.parse_args(argv)
    tallies = asyncio.run(play_all(args.models))
    for profile, tally in tallies.items():
        print(f"{profile:11} {'finished' if tally.finished else 'NOT FINISHED'}  turns {tally.turns:4}  questions {tally.questions:3}  answers {tally.answers:3}  leaks "
              f"{tally.leaks}  unread {tally.unread}  repeated {tally.repeated_in_a_row}  explain-again repeats "
              f"{tally.explain_again_repeats}  unlisted unmastered {tally.unlisted_unmastered}")
        for note in Counter(tally.notes).most_common(8):
            print(f"    {note[1]} x {note[0]}")
    for row in rows(tallies):
        print(f"{row.metric:55} {row.ours}  (target {row.target})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
