"""Day 4 lab: word2vec (gensim) on one of the project's own corpora, with nearest words and an analogy.

The corpora (data/corpus/*.txt: the slides, the concept notes, the FAQ) hold about 2,000 words
each, a million times less than published vectors were trained on; the lab says so, and shows
what vectors from so little text can and cannot do.
"""
from __future__ import annotations

import re
import time

import numpy as np

from labs import plots
from labs.base import LabQuestion, LabResult, LabSpec, Param, Progress
from labs.data import corpora
from labs.keras_code import execute, literal, one_thread, typed

ALL = "all"
CORPORA = (ALL, *corpora())
MIN_COUNT = 2
# Frequent words too common to say anything on the map of words.
STOPWORDS = frozenset("the a an of to and or in on for is are be it its that this with as by from at what which "
                      "how why when does do can you your we our their they them than then there these those into "
                      "over each every same more most also not no but if so one two".split())
_ANALOGY = re.compile(r"^\s*([\w'-]+)\s*-\s*([\w'-]+)\s*\+\s*([\w'-]+)\s*$")

SPEC = LabSpec(
    name="word2vec",
    day=4,
    title="Word vectors from the course's own texts",
    concepts=("word2vec", "word_embedding", "word_analogy", "cosine_similarity"),
    lesson="d4-word2vec",
    params=(
        Param("corpus", ALL, "the text to learn from (all = the four together)", choices=CORPORA,
              aliases=("text", "dataset")),
        Param("vector_size", 50, "numbers per word vector", low=5, high=200, aliases=("size", "dimensions")),
        Param("window", 5, "context words on each side", low=1, high=10),
        Param("epochs", 40, "passes over the corpus", low=1, high=200, aliases=("iterations",)),
        Param("word", "gradient", "the word whose nearest neighbours are shown", aliases=("query",)),
        Param("analogy", "cnn - image + text", "an analogy a - b + c (king - man + woman)"),
    ),
    run="labs.word2vec:run",
    cpu_seconds=60.0,
    aliases=("word vectors", "word embeddings", "gensim", "analogies", "skip-gram"),
)


def source(params: dict) -> str:
    p = {key: literal(value) for key, value in params.items()}
    names = list(corpora()) if params["corpus"] == ALL else [params["corpus"]]
    return f"""\
from gensim.models import Word2Vec
from labs.data import corpora
from nlp.tokenizer import words                     # the project's tokenizer: lower case, emoji kept

lines = [words(line) for name in {names!r} for line in corpora()[name].read_text().splitlines()]
lines = [line for line in lines if line]
model = Word2Vec(lines, vector_size={p['vector_size']}, window={p['window']}, epochs={p['epochs']},
                 min_count={MIN_COUNT}, sg=1, workers=1, seed={p['seed']})   # skip-gram; one worker: repeatable
vectors = model.wv
"""


def run(params: dict, progress: Progress) -> LabResult:
    params = typed(params, SPEC)
    one_thread()
    progress(f"training word2vec on {params['corpus']}", 0.1)
    started = time.perf_counter()
    scope = execute(source(params))
    seconds = time.perf_counter() - started
    vectors, lines = scope["vectors"], scope["lines"]
    tokens = sum(len(line) for line in lines)
    word = params["word"].strip().lower()
    neighbours = vectors.most_similar(word, topn=5) if word in vectors else []
    analogy = _analogy(vectors, params["analogy"])
    figures = {"tokens": tokens, "vocabulary": len(vectors), "seconds": round(seconds, 2),
               "nearest_similarity": round(float(neighbours[0][1]), 4) if neighbours else 0.0}
    table = [["query", "result", "cosine"]] + [[word, near, f"{sim:.2f}"] for near, sim in neighbours]
    table += [[params["analogy"], analogy[0], f"{analogy[1]:.2f}" if analogy[1] is not None else "-"]]
    progress("drawing the map of words", 0.9)
    title = f"{params['corpus']}: vector_size={params['vector_size']}, window={params['window']}, " \
            f"epochs={params['epochs']}"
    code = source(params) + _shown_queries(word, params["analogy"])
    return LabResult(lab="word2vec", params=dict(params), figures=figures, code=code,
                     summary=_summary(word, neighbours, analogy, params, tokens, len(vectors)),
                     pictures=[_map_picture(vectors, title)], table=table,
                     question=_question(vectors, word, neighbours, params["seed"]))


def _shown_queries(word: str, analogy: str) -> str:
    match = _ANALOGY.match(analogy)
    text = f"print(vectors.most_similar({literal(word)}, topn=5))      # nearest words by cosine similarity\n"
    if match:
        a, b, c = (literal(w.lower()) for w in match.groups())
        text += f"print(vectors.most_similar(positive=[{a}, {c}], negative=[{b}], topn=1))   # {analogy}\n"
    return text


def _analogy(vectors, analogy: str) -> tuple[str, float | None]:
    """``a - b + c`` -> (the nearest word, its cosine), or why there is none."""
    match = _ANALOGY.match(analogy)
    if not match:
        return "write it as a - b + c", None
    a, b, c = (w.lower() for w in match.groups())
    missing = [w for w in (a, b, c) if w not in vectors]
    if missing:
        return f"not in this corpus (min {MIN_COUNT}x): {', '.join(missing)}", None
    best, similarity = vectors.most_similar(positive=[a, c], negative=[b], topn=1)[0]
    return best, float(similarity)


def _summary(word: str, neighbours: list, analogy: tuple, params: dict, tokens: int, vocabulary: int) -> str:
    if neighbours:
        spread = neighbours[0][1] - neighbours[-1][1]
        first = (f"On {tokens:,} words of {_named(params['corpus'])} ({vocabulary} distinct words seen at least {MIN_COUNT} "
                 f"times), '{word}' came out nearest to '{neighbours[0][0]}' (cosine {neighbours[0][1]:.2f})"
                 + (f", and its five neighbours all lie within {spread:.2f} of each other: vectors from so little "
                    "text barely tell words apart." if spread < 0.05 else
                    ", mostly words that share its lines here rather than its meaning in general."))
    else:
        first = (f"'{word}' is not among the {vocabulary} words seen at least {MIN_COUNT} times in the "
                 f"{tokens:,} words of {_named(params['corpus'])}, so it has no vector.")
    result = (f"gave '{analogy[0]}' (cosine {analogy[1]:.2f})" if analogy[1] is not None else f"got no answer "
              f"({analogy[0]})")
    return (f"{first} The analogy {params['analogy']} {result}; published vectors learn from billions of words, "
            f"these from {tokens:,}.")


def _named(corpus: str) -> str:
    return "the four corpora" if corpus == ALL else f"data/corpus/{corpus}.txt"


def _question(vectors, word: str, neighbours: list, seed: int) -> LabQuestion | None:
    if not neighbours:
        return None
    rng = np.random.default_rng(seed)
    near = {w for w, _ in vectors.most_similar(word, topn=30)} | {word}
    far = [w for w in vectors.index_to_key[:200] if w not in near and w not in STOPWORDS]
    if len(far) < 3:
        return None
    options = [neighbours[0][0], *rng.choice(far, size=3, replace=False)]
    rng.shuffle(options)
    return LabQuestion(
        prompt=f"Which of these words has the vector closest to '{word}' in your run?",
        options=tuple(str(o) for o in options), answer=neighbours[0][0],
        explanation=(f"'{neighbours[0][0]}': cosine {neighbours[0][1]:.2f}. word2vec puts words that appear in "
                     "similar contexts near each other; on a tiny corpus 'similar contexts' often means the same "
                     "few sentences."))


def _map_picture(vectors, title: str) -> bytes:
    """The 40 most frequent content words, projected on their two main directions (PCA)."""
    shown = [w for w in vectors.index_to_key if w not in STOPWORDS and len(w) > 2][:40]
    points = np.array([vectors[w] for w in shown])
    points = points - points.mean(axis=0)
    _, _, axes = np.linalg.svd(points, full_matrices=False)
    xy = points @ axes[:2].T
    fig, ax = plots.plt.subplots(figsize=(6.4, 5.2))
    ax.scatter(xy[:, 0], xy[:, 1], s=10, color="tab:blue")
    for (x, y), w in zip(xy, shown):
        ax.annotate(w, (x, y), fontsize=9, xytext=(2, 2), textcoords="offset points")
    ax.set_xlabel("first principal direction")
    ax.set_ylabel("second principal direction")
    ax.set_title(f"40 frequent words, PCA of their vectors\n{title}", fontsize=10)
    return plots.png(fig)
