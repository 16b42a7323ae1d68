"""Small talk's patterns against the messages they must catch and those they must leave alone.

    python -m benchmarks.small_talk [--curriculum DIR] [--misses]

Every topic of data/curriculum/small_talk.yml carries example messages written by other people than its
patterns, apart from them: the share each topic's patterns catch (and the share another topic catches first) is
how far the patterns reach beyond the phrasings their author thought of. Every question of the knowledge base
and of the labelled learner-question sets is read through the topics too: each one caught would get small talk
instead of the course's answer, so the count must stay 0 (tests/tutor/test_small_talk.py holds it there).
"""
from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from tutor.curriculum import DEFAULT_DIR
from tutor.small_talk import SMALL_TALK_FILE, SmallTalk

PROBES = Path(__file__).resolve().parent / "probe"


def course_questions(curriculum: Path) -> list[str]:
    """Every question the course answers: the knowledge base's, and the in-course ones of the labelled sets. How to
    study the seminar (``lesson: course``) is left out: its answers come before any topic (the rules' order), so a
    topic may share their words ("procrastination" and "study-procrastination")."""
    entries = [entry for path in sorted((curriculum / "knowledge").glob("*.yml"))
               for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]]
    how_to_study = {entry["id"] for entry in entries if entry["lesson"] == "course"}
    questions = [question for entry in entries if entry["id"] not in how_to_study for question in entry["questions"]]
    for path in sorted(PROBES.glob("learner_questions*.yml")):
        questions += [item["question"] for item in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
                      if item["expect"] != "not in the course" and item["expect"] not in how_to_study]
    return questions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--curriculum", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--misses", action="store_true", help="print each example not caught by its own topic")
    args = parser.parse_args(argv)
    talk = SmallTalk.load(args.curriculum / SMALL_TALK_FILE)
    found = [(topic.id, example, talk.find(example)) for topic in talk.topics for example in topic.examples]
    own = sum(1 for topic_id, _, hit in found if hit is not None and hit.id == topic_id)
    other = sum(1 for topic_id, _, hit in found if hit is not None and hit.id != topic_id)
    questions = course_questions(args.curriculum)
    taken = [(question, hit.id) for question in questions if (hit := talk.find(question)) is not None]
    print(f"{len(talk.topics)} topics, {len(found)} example messages written apart from the patterns")
    print(f"  caught by their own topic   {own:4d} ({own / max(1, len(found)):.3f})")
    print(f"  caught by another topic     {other:4d} ({other / max(1, len(found)):.3f})")
    print(f"  course questions taken for small talk: {len(taken)} of {len(questions)}")
    for question, topic_id in taken:
        print(f"    {question!r} -> {topic_id}")
    if args.misses:
        for topic_id, example, hit in found:
            if hit is None or hit.id != topic_id:
                print(f"  miss {topic_id}: {example!r} -> {hit.id if hit else None}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
