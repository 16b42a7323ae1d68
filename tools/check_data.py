#!/usr/bin/env python3
"""Stand-alone sanity check of tutorbot's training data (stdlib + PyYAML only).

Usage:  python tools/check_data.py [DATA_DIR] [--probe FILE ...]

Prints counts per intent, entity annotations per label, sentiment label counts, corpus size,
duplicate examples and examples shared between intents. Exits 1 when any line is malformed
(naming file:line), so it can run before `tutorbot train` or in CI.

It deliberately re-implements the format rules of docs/data-formats.md instead of importing
`nlp.data`, so that a broken loader and broken data cannot hide each other.
"""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

INTENTS = (
    "greet goodbye thanks affirm deny help start_lesson repeat ask_concept quiz progress "
    "goto_day smalltalk out_of_scope"
).split()
ENTITY_LABELS = ("CONCEPT", "FRAMEWORK", "DAY")
SENTIMENTS = ("positive", "neutral", "negative")

ENTITY = re.compile(r"\[([^\[\]()]+)\]\(([A-Za-z_]+)\)")
INTENT_LINE = re.compile(r"^\s*-\s+intent:\s*(\S+)\s*$")
EXAMPLE_LINE = re.compile(r"^(\s+)-\s(.*)$")


@dataclass
class Example:
    path: Path
    line: int
    intent: str
    text: str  # plain text, entity markup removed
    entities: list[tuple[str, str]]


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)
    sentiments: list[tuple[Path, int, str, str]] = field(default_factory=list)
    corpus_lines: int = 0
    corpus_words: int = 0

    def error(self, path: Path, line: int, message: str) -> None:
        self.errors.append(f"{path}:{line}: {message}")


def normalise(text: str) -> str:
    """Key for duplicates: case, spacing and trailing punctuation don't count (emoji and emoticons
    do: "hi :)" and "hi" may carry different sentiment)."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"\s+", " ", text).strip(" ?!.,")


def copy_key(text: str) -> str:
    """Stricter key for copies between files: punctuation and emoji don't count either.

    Texts made only of symbols (":(", "👍") keep them, or they would all collide."""
    words = re.sub(r"[^\w\s']|_", " ", normalise(text)).split()
    return " ".join(words) if words else normalise(text)


def parse_example(raw: str) -> tuple[str, list[tuple[str, str]], str | None]:
    """Markup -> (plain text, [(span, label)], error message or None)."""
    entities = [(m.group(1), m.group(2)) for m in ENTITY.finditer(raw)]
    plain = ENTITY.sub(lambda m: m.group(1), raw)
    leftover = ENTITY.sub("", raw)
    if re.search(r"\]\(|\[[^\]]*$", leftover):
        return plain, entities, "unbalanced entity markup"
    for span, label in entities:
        if label not in ENTITY_LABELS:
            return plain, entities, f"unknown entity label {label!r}"
        if span != span.strip():
            return plain, entities, f"entity span {span!r} has surrounding spaces"
    if not plain.strip():
        return plain, entities, "empty example"
    return plain, entities, None


def check_nlu_file(path: Path, report: Report) -> None:
    text = path.read_text(encoding="utf-8")
    try:
        parsed = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        report.error(path, mark.line + 1 if mark else 1, f"YAML error: {exc}")
        return
    if not isinstance(parsed, dict) or not isinstance(parsed.get("nlu"), list):
        report.error(path, 1, "expected a top-level 'nlu:' list")
        return
    # Walk the raw lines so every example keeps its file line number.
    errors_before = len(report.errors)
    intent: str | None = None
    in_examples = False
    found = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if match := INTENT_LINE.match(line):
            intent, in_examples = match.group(1), False
            if intent not in INTENTS:
                report.error(path, number, f"unknown intent {intent!r}")
            continue
        if re.match(r"^\s+examples:\s*\|", line):
            in_examples = True
            continue
        if not line.strip() or line.lstrip().startswith("#") or not in_examples:
            continue
        match = EXAMPLE_LINE.match(line)
        if match is None:
            report.error(path, number, f"example line must start with '- ': {line.strip()!r}")
            continue
        plain, entities, problem = parse_example(match.group(2).rstrip())
        if problem:
            report.error(path, number, problem)
            continue
        found += 1
        report.examples.append(Example(path, number, intent or "?", plain, entities))
    expected = sum(len(str(block.get("examples", "")).strip().splitlines()) for block in parsed["nlu"])
    if found != expected and len(report.errors) == errors_before:  # a cross-check, not a second report
        report.error(path, 1, f"line scan found {found} examples but YAML holds {expected}")


def check_sentiment_file(path: Path, report: Report) -> None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            report.error(path, number, f"expected 'label<TAB>text', got {len(parts)} tab-separated fields")
        elif parts[0] not in SENTIMENTS:
            report.error(path, number, f"unknown sentiment label {parts[0]!r}")
        elif not parts[1].strip():
            report.error(path, number, "empty text")
        else:
            report.sentiments.append((path, number, parts[0], parts[1].strip()))


def check_corpus_file(path: Path, report: Report) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            report.corpus_lines += 1
            report.corpus_words += len(line.split())


def check_probe_file(path: Path, report: Report, training: set[str]) -> Counter:
    """A dialogue test file: labels known, entity texts present, nothing copied from training."""
    counts: Counter = Counter()
    try:
        parsed = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        report.error(path, mark.line + 1 if mark else 1, f"YAML error: {exc}")
        return counts
    for dialogue in parsed.get("dialogues", []):
        for turn in dialogue.get("turns", []):
            user = str(turn.get("user", ""))
            where = f"dialogue {dialogue.get('name')!r}, turn {user!r}"
            if turn.get("intent") and turn["intent"] not in INTENTS:
                report.errors.append(f"{path}: {where}: unknown intent {turn['intent']!r}")
            if turn.get("sentiment") and turn["sentiment"] not in SENTIMENTS:
                report.errors.append(f"{path}: {where}: unknown sentiment {turn['sentiment']!r}")
            for entity in turn.get("entities") or []:
                if entity.get("label") not in ENTITY_LABELS:
                    report.errors.append(f"{path}: {where}: unknown entity label {entity.get('label')!r}")
                if str(entity.get("text", "")).lower() not in user.lower():
                    report.errors.append(f"{path}: {where}: entity {entity.get('text')!r} not in the text")
                counts[f"entity {entity.get('label')}"] += 1
            if copy_key(user) in training:
                report.errors.append(f"{path}: {where}: copied from the training data")
            counts["turns"] += 1
            counts[f"intent {turn.get('intent')}"] += 1
            counts[f"sentiment {turn.get('sentiment')}"] += 1
    return counts


def print_table(title: str, counts: Counter | dict) -> None:
    print(f"\n{title}")
    for key, value in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        print(f"  {str(key):<24}{value:>6}")


def print_nlu_summary(report: Report) -> None:
    per_intent = Counter(example.intent for example in report.examples)
    per_label = Counter(label for example in report.examples for _, label in example.entities)
    print_table(f"intents ({len(report.examples)} examples)", per_intent)
    print_table(f"entity annotations ({sum(per_label.values())})", per_label)
    surfaces = {label: len({s.lower() for ex in report.examples for s, l in ex.entities if l == label})
                for label in ENTITY_LABELS}
    print_table("distinct entity surfaces", surfaces)
    for intent in INTENTS:
        if per_intent[intent] < 60:
            print(f"  warning: intent {intent} has only {per_intent[intent]} examples (aim >= 60)")


def print_overlaps(report: Report) -> None:
    """Duplicates within an intent are noise; the same text under two intents is a contradiction."""
    intents_of: dict[str, set[str]] = defaultdict(set)
    places: dict[str, list[str]] = defaultdict(list)
    for example in report.examples:
        key = normalise(example.text)
        intents_of[key].add(example.intent)
        places[key].append(f"{example.path.name}:{example.line}")
    duplicates = {k: v for k, v in places.items() if len(v) > 1 and len(intents_of[k]) == 1}
    shared = {k: sorted(v) for k, v in intents_of.items() if len(v) > 1}
    print(f"\nNLU duplicates: {len(duplicates)}")
    for key, where in sorted(duplicates.items()):
        print(f"  {key!r}: {', '.join(where)}")
    print(f"examples shared between intents: {len(shared)}")
    for key, intents in sorted(shared.items()):
        print(f"  {key!r}: {', '.join(intents)} ({', '.join(places[key])})")


def print_sentiment_summary(report: Report, forbidden: set[str]) -> None:
    labels = Counter(label for _, _, label, _ in report.sentiments)
    total = sum(labels.values()) or 1
    print(f"\nsentiment ({sum(labels.values())} sentences)")
    for label in SENTIMENTS:
        print(f"  {label:<24}{labels[label]:>6}  {labels[label] / total:.0%}")
    seen: dict[str, tuple[str, str]] = {}
    duplicates = conflicts = 0
    for path, number, label, text in report.sentiments:
        key = normalise(text)
        if copy_key(text) in forbidden:
            report.error(path, number, "copied from the shared example dialogues")
        if key in seen:
            duplicates += 1
            if seen[key][0] != label:
                conflicts += 1
                print(f"  conflict: {text!r} is {label} at {path.name}:{number}, {seen[key][0]} at {seen[key][1]}")
        else:
            seen[key] = (label, f"{path.name}:{number}")
    print(f"  duplicates: {duplicates}, with conflicting labels: {conflicts}")


def print_untagged_mentions(report: Report) -> None:
    """A surface tagged somewhere but left untagged elsewhere breaks "every mention is tagged"."""
    surfaces = {span.lower() for example in report.examples for span, _ in example.entities}
    ambiguous = {"attention", "filter", "kernel", "regression", "classification", "tensor"}  # also everyday words
    pattern = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, surfaces - ambiguous), key=len, reverse=True)) + r")(?![\w-])")
    found = 0
    for example in report.examples:
        untagged = example.text
        for span, _ in example.entities:
            untagged = untagged.replace(span, " " * len(span), 1)
        for match in pattern.finditer(untagged.lower()):
            found += 1
            print(f"  untagged mention {match.group(1)!r}: {example.path.name}:{example.line}: {example.text!r}")
    print(f"untagged mentions of tagged surfaces: {found}")


def print_shared_examples(report: Report, forbidden: set[str]) -> None:
    """NLU lines equal to the shared example dialogues would make that evaluation flatter us.

    One- or two-word greetings ("hi") cannot be avoided, so only longer ones are reported."""
    copied = [e for e in report.examples if copy_key(e.text) in forbidden and len(e.text.split()) > 2]
    for example in copied:
        print(f"  warning: {example.path.name}:{example.line} copies a shared example dialogue: {example.text!r}")


def forbidden_sentences(path: Path) -> set[str]:
    """User lines of the shared example dialogues: the data must not copy them."""
    if not path.exists():
        return set()
    parsed = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {copy_key(str(turn.get("user", ""))) for d in parsed.get("dialogues", []) for turn in d.get("turns", [])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default="data", type=Path)
    parser.add_argument("--probe", nargs="*", type=Path, default=[Path("benchmarks/probe/fresh_messages.yml")])
    parser.add_argument("--examples", type=Path, default=Path("/work/shared/examples/dialogues.yml"))
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"error: {args.data} is not a directory", file=sys.stderr)
        return 2

    report = Report()
    for path in sorted(args.data.glob("nlu/**/*.yml")):
        check_nlu_file(path, report)
    for path in sorted(args.data.glob("sentiment/**/*.tsv")):
        check_sentiment_file(path, report)
    for path in sorted(args.data.glob("corpus/**/*.txt")):
        check_corpus_file(path, report)

    forbidden = forbidden_sentences(args.examples)
    print_nlu_summary(report)
    print_overlaps(report)
    print_untagged_mentions(report)
    print_shared_examples(report, forbidden)
    print_sentiment_summary(report, forbidden)
    print(f"\ncorpus: {report.corpus_lines} lines, {report.corpus_words} words")

    training = {copy_key(e.text) for e in report.examples} | {copy_key(s[3]) for s in report.sentiments}
    for probe in args.probe:
        if probe.exists():
            print_table(f"probe {probe}", check_probe_file(probe, report, training))

    for problem in report.errors:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
