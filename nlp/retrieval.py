"""The answer retriever's model: lexical and vector matches of a question against the knowledge base.

Each entry of the knowledge base is scored on a few signals, then fused by learnt weights
(:mod:`nlp.answers_training` fits them):

    questions field (max over the entry's questions):  BM25 over stemmed words,
                                                       cosine of character 3-5-gram TF-IDF (typos),
                                                       cosine of IDF-weighted mean word2vec vectors
    answer field (the entry's answer text):            the same three
    how far below the best question match:             BM25 and characters (0 for the best entry),
                                                       characters squared (a near-exact match stands out)
    learnt (nlp.entry_classifier):                     P(entry | question) of a classifier that read
                                                       every entry's questions and answer at once
    context (the lesson / concepts just taught):       same lesson, shared concept, each also times
                                                       how vague the question is (1 - best char match)
    form:                                              a confirm-shaped question and a confirm entry,
                                                       the question's form (why, what if, ...) and the kind

    score(entry) = w · features(entry)        softmax over entries -> the fusion's probability

BM25 is normalised by the query's own IDF mass (unknown words count at the highest IDF), so a
question made of words the course never uses scores low everywhere: that is what lets the
calibrated confidence abstain. Sparse matrices keep a query well under a millisecond.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Sequence

import numpy as np

if TYPE_CHECKING:   # scipy is imported where an index is built: a saved one answers without it
    from scipy import sparse

    from nlp.entry_classifier import EntryClassifier

from nlp.embeddings import Embeddings
from nlp.tokenizer import words
from nlp.types import AnswerContext as Context

FEATURES = ("question_bm25", "question_chars", "question_vectors", "answer_bm25", "answer_chars", "answer_vectors",
            "same_lesson", "shared_concept", "confirm_pair", "confirm_mismatch",
            "coverage",  # the same for every entry: no use to the fusion's softmax, read by the calibrator
            "question_bm25_gap", "question_chars_gap", "question_chars_squared",
            "same_lesson_vague", "shared_concept_vague", "same_form",
            "question_coverage",  # coverage in the questions' words alone: read by the domain calibrator
            # the best match among questions known to be outside the course (the same for every entry: read by
            # the calibrators against the best entry's match): "what is docker?" is near "what is a docker
            # container?" of curriculum/outside.txt, though every word of it is in the knowledge base
            "outside_bm25", "outside_chars",
            # P(entry | question) of the classifier trained on every question and answer (nlp.entry_classifier): a
            # bounded lift, not a log probability, so that it never outvotes the thread on "why do we need it?"
            "classifier",
            "classifier_in_thread")  # for a question asked in a thread: its share among the thread's entries
CLASSIFIER, CLASSIFIER_IN_THREAD = FEATURES.index("classifier"), FEATURES.index("classifier_in_thread")
K1, B = 1.2, 0.75
CHAR_NGRAMS = (3, 4, 5)
COMMON_GRAM_SHARE, COMMON_GRAM_FLOOR = 0.1, 50
# "so E is the data?", "E means the dataset, right?", "is the experience just the examples?"
# "so what is R?", "then why 0.5?" are questions, not claims: "so" / "then" before a question word is no confirm.
_CONFIRM = re.compile(
    r"^\s*((so|then)\b(?!\s*,?\s*(what|why|how|where|which|when|who)\b)|(is|isn'?t|are|aren'?t|does|doesn'?t|do|"
    r"can|could|would|will|was|it'?s|that'?s|i\s+think|you\s+mean|meaning|basically|like)\b)|"
    r"\b(right|correct|true|yes|no|isn'?t\s+it|am\s+i\s+right)\s*\W*$",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w", re.UNICODE)


# The form of a question, as the knowledge base's `kind`s name them: "why?" right after a lesson wants
# that lesson's why-entry, "where does that come from?" its where_from entry.
_LIST_SEP = r"(?:,|\bvs\.?|\bversus\b|\bor\b|/)"  # between named options: "a vs b", "a, b or c"
_FORMS = (
    # "what means wiggle?", "squash means what here?", "i dont know the word overshoot": an everyday word's meaning
    ("meaning", re.compile(r"\bwhat\s+means\b|\bmeans\s+what\b|\bmeaning\s*(\?|pls|please|in english)|"
                           r"\b(the|this|that)\s+word\b|\bin\s+(plain\s+)?english\b|\bwhat\s+(does|do)\s+['\"]\w+['\"]\s+mean\b",
                           re.I)),
    ("where_from", re.compile(r"\bwhere\b.*\bcome\b|\bcomes?\s+from\b|\bderive|\bwhy\s+is\s+it\s+\S+\s+formula", re.I)),
    ("what_if", re.compile(r"\bwhat\s+(if|happens)\b|\bwhat\s+would\s+happen\b|\bwithout\b|\btoo\s+(big|small|large|high|low|many|few|much|little)\b", re.I)),
    # "adam vs sgd vs rmsprop, which should I use?": a choice among three or more named options wants the
    # which-to-use entry (kind when); the knowledge base's compare entries weigh two things against each other
    ("when", re.compile(rf"[\w-]+\s*{_LIST_SEP}\s*[\w-]+\s*{_LIST_SEP}\s*(?!(?:which|what|should|so|and|but)\b)[\w-]+\b"
                        r".*\b(which|should\s+(i|we))\b.*\b(use|choose|pick|take|go\s+(with|for))\b", re.I)),
    # "how do transformers differ from LSTMs?", "AI, ML, DL: are they the same thing?" ask for the comparison
    ("compare", re.compile(r"\bvs\.?\b|\bversus\b|\bdiffer(s|ent|ence|ences)?\b|\bcompare|\bbetter\s+than\b|"
                           r"\bthe\s+same\s+(thing|as)\b|\bor\b.*\?", re.I)),
    # "how do I know / tell / notice if it overfits?" asks how to see it (the how-entry), not how to do something
    ("how", re.compile(r"\bhow\s+(do|can|would|should|will)\s+(i|we|you)\s+(know|tell|notice|detect|spot)\b|"
                       r"\bhow\s+to\s+(know|tell|notice|detect|spot)\b", re.I)),
    ("howto", re.compile(r"\bhow\s+(do|can|should|would)\s+(i|we|you)\b|\bhow\s+to\b", re.I)),
    ("when", re.compile(r"\b(when|which)\b.*\b(use|choose|pick)\b|\bshould\s+i\s+use\b", re.I)),
    ("why", re.compile(r"\bwhy\b", re.I)),
    # "how does a convolution work?" wants the how-entry, "what's a seq2seq model?" the what-entry, not the
    # compare or where-from one that shares its words
    ("how", re.compile(r"\bhow\s+(does|do|is|are|can|did)\b(?!\s+(i|we|you)\b)|\bhow\b.*\bworks?\b", re.I)),
    ("what", re.compile(r"^\W*((so|and|ok|okay|then|but)\W+)?(what\s*(is|are|'s|s|does\s.+\smean)\b|whats\b|define\b|"
                        r"explain\b|meaning\s+of\b)", re.I)),
)


def question_form(text: str) -> str | None:
    """The first form whose cue the text has (where_from before why: "why... where does it come from")."""
    return next((kind for kind, cue in _FORMS if cue.search(text)), None)


def is_confirm_shaped(text: str) -> bool:
    return bool(_CONFIRM.search(text))


def stem(word: str) -> str:
    """A light suffix stripper: "overfitting"/"overfits" -> "overfitt"/"overfit" meet through the char n-grams,
    "networks" -> "network", "layers" -> "layer"."""
    for suffix, keep in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: len(word) - len(suffix)] + keep
    return word


def forget_readings() -> None:
    """Empty the readings kept below, so that a timing sees a question read for the first time."""
    _terms.cache_clear()
    _char_grams.cache_clear()


def terms(text: str) -> list[str]:
    return list(_terms(text))


def char_grams(text: str) -> list[str]:
    return list(_char_grams(text))


# A question is read several times a turn (its fields, the outside messages, the entry classifier, coverage): the
# pure readings are kept for the last few thousand texts, so each is worked out once (benchmarks/answers.py p95).
# Learners type the letters' names where the slides and the answers write the letters ("is e a constant like pi?",
# "what is lambda?"): both are read as the name. Not σ: casefolding makes the sum's Σ a σ as well.
_LETTER_NAMES = {"λ": "lambda", "π": "pi", "θ": "theta", "α": "alpha", "β": "beta", "ε": "epsilon", "η": "eta",
                 "μ": "mu", "∇": "nabla", "∂": "partial"}


def _read_words(text: str) -> list[str]:
    return [_LETTER_NAMES.get(word, word) for word in words(text) if _WORD.search(word) or word in _LETTER_NAMES]


@lru_cache(maxsize=4096)
def _terms(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in _read_words(text))


@lru_cache(maxsize=4096)
def _char_grams(text: str) -> tuple[str, ...]:
    grams: list[str] = []
    for word in _read_words(text):
        marked = f"<{word}>"
        for n in CHAR_NGRAMS:
            grams += [marked[i : i + n] for i in range(max(1, len(marked) - n + 1))]
    return tuple(grams)


class _Vocabulary:
    def __init__(self, docs: Sequence[Sequence[str]]) -> None:
        self.index: dict[str, int] = {}
        for doc in docs:
            for item in doc:
                self.index.setdefault(item, len(self.index))
        document_frequency = np.zeros(len(self.index))
        for doc in docs:
            for i in {self.index[item] for item in doc}:
                document_frequency[i] += 1
        self.n_docs = len(docs)
        self.df = document_frequency

    def counts(self, docs: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """[len(docs), vocabulary] term counts; unknown items dropped."""
        from scipy import sparse  # noqa: PLC0415 - building only
        rows, cols = [], []
        for row, doc in enumerate(docs):
            for item in doc:
                col = self.index.get(item)
                if col is not None:
                    rows.append(row)
                    cols.append(col)
        data = np.ones(len(rows), dtype=np.float32)
        return sparse.csr_matrix((data, (rows, cols)), shape=(len(docs), len(self.index)))


class TextIndex:
    """One field (the questions, or the answers) indexed three ways: BM25, character n-grams, word vectors."""

    def __init__(self, docs: Sequence[str], embeddings: Embeddings | None) -> None:
        self.embeddings = embeddings
        term_docs = [terms(d) for d in docs]
        self.terms = _Vocabulary(term_docs)
        n = max(1, self.terms.n_docs)
        self.idf = np.log(1 + (n - self.terms.df + 0.5) / (self.terms.df + 0.5)).astype(np.float32)
        self.unknown_idf = float(math.log(1 + (n + 0.5) / 0.5))
        counts = self.terms.counts(term_docs)
        lengths = np.asarray(counts.sum(axis=1)).ravel()
        norm = K1 * (1 - B + B * lengths / max(1e-9, lengths.mean() if len(lengths) else 1))
        counts = counts.tocoo()
        from scipy import sparse  # noqa: PLC0415 - building only

        weights = self.idf[counts.col] * counts.data * (K1 + 1) / (counts.data + norm[counts.row])
        self.bm25 = sparse.csr_matrix((weights, (counts.col, counts.row)), shape=(len(self.idf), len(docs)))

        gram_docs = [char_grams(d) for d in docs]
        self.grams = _Vocabulary(gram_docs)
        self.gram_idf = np.log((1 + self.grams.n_docs) / (1 + self.grams.df)).astype(np.float32) + 1
        self.chars = _l2_rows(self._tfidf(gram_docs)).T.tocsr()  # [grams, docs]
        self.vectors = self._mean_vectors(term_docs=[words(d) for d in docs])  # [docs, dim] or None

    def _tfidf(self, gram_docs: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        counts = self.grams.counts(gram_docs)
        counts.sum_duplicates()
        counts.data = (1 + np.log(counts.data)) * self.gram_idf[counts.indices]
        return counts

    def _mean_vectors(self, term_docs: Sequence[Sequence[str]]) -> np.ndarray | None:
        """IDF-weighted mean of the words' vectors, unit length (zero where no word is known)."""
        if self.embeddings is None:
            return None
        out = np.zeros((len(term_docs), self.embeddings.dim), dtype=np.float32)
        for row, doc in enumerate(term_docs):
            for word in doc:
                vector = self.embeddings.vector(word) if _WORD.search(word) else None
                if vector is not None:
                    col = self.terms.index.get(stem(word))
                    out[row] += vector * (self.idf[col] if col is not None else self.unknown_idf)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-9)

    def scores(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """[len(texts), docs] each: normalised BM25, char n-gram cosine, word-vector cosine."""
        rows = [self._score(text) for text in texts]
        return tuple(np.stack([row[i] for row in rows]) for i in range(3))  # type: ignore[return-value]

    def _score(self, text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """One text, summing the postings of its terms and n-grams: building a scipy matrix per query
        cost more than the whole match."""
        query = set(terms(text))
        known = [self.terms.index[t] for t in query if t in self.terms.index]
        mass = sum(self.idf[known]) + self.unknown_idf * (len(query) - len(known))
        bm25 = _postings_sum(self.bm25, known, np.ones(len(known), dtype=np.float32))
        bm25 /= max(float(mass), 1e-9) * (K1 + 1)
        grams: dict[int, int] = {}
        for gram in char_grams(text):
            column = self.grams.index.get(gram)
            if column is not None:
                grams[column] = grams.get(column, 0) + 1
        ids = np.fromiter(grams, dtype=np.int64, count=len(grams))
        weights = (1 + np.log(np.fromiter(grams.values(), dtype=np.float32, count=len(grams)))) * self.gram_idf[ids]
        weights /= max(float(np.linalg.norm(weights)), 1e-9)
        rare = self._rare_grams(ids)
        chars = _postings_sum(self.chars, ids[rare], weights[rare])
        if self.vectors is None:
            return bm25, chars, np.zeros_like(bm25)
        return bm25, chars, self.vectors @ self._mean_vectors([words(text)])[0]

    def _rare_grams(self, ids: np.ndarray) -> np.ndarray:
        """Which of the n-grams ``ids`` are rare: in at most COMMON_GRAM_SHARE of the texts, or COMMON_GRAM_FLOOR where
        that is more (in a small knowledge base one entry's questions are a tenth of it). The common ones ("<wh",
        "hat>") match most texts alike, so they barely change the ranking, yet they held most of a question's
        postings: summing only the rare ones cut the match's time (benchmarks/answers.py, answer p95)."""
        if not hasattr(self, "_gram_df"):   # a loaded index has no such attribute saved: worked out once
            self._gram_df = np.diff(self.chars.indptr)
        return self._gram_df[ids] <= max(COMMON_GRAM_SHARE * self.chars.shape[1], COMMON_GRAM_FLOOR)

    def coverage(self, text: str) -> float:
        """The share of the text's IDF mass in words this field knows (0 for "bake sourdough bread"); a
        misspelt word one edit from a known one counts as that word ("convolutoinal nerual network" is
        the course's, "what is docker" is not)."""
        query = set(terms(text))
        known = [self.terms.index[t] if t in self.terms.index else self._near(t) for t in query]
        found = [i for i in known if i is not None]
        mass = float(sum(self.idf[found]))
        return mass / max(mass + self.unknown_idf * (len(query) - len(found)), 1e-9)

    def knows(self, term: str) -> bool:
        """``term`` (a stemmed word) or a misspelling of it one edit away is in this field's texts."""
        return term in self.terms.index or self._near(term) is not None

    def _near(self, term: str) -> int | None:
        """A known term one edit (a letter dropped, added, changed, or two swapped) from ``term``, if
        any: both sides' one-letter deletions meet (symmetric delete); words under 5 letters excluded."""
        if len(term) < 5:
            return None
        if not hasattr(self, "_deletions"):
            self._deletions: dict[str, int] = {}
            for known, column in self.terms.index.items():
                if len(known) >= 4:
                    for variant in (known, *_deletions_of(known)):
                        self._deletions.setdefault(variant, column)
        return next((self._deletions[v] for v in (term, *_deletions_of(term)) if v in self._deletions), None)


def _deletions_of(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


def _postings_sum(matrix: sparse.csr_matrix, rows: Sequence[int] | np.ndarray, weights: np.ndarray) -> np.ndarray:
    """sum_i weights[i] * matrix[rows[i]] as a dense vector (rows: terms, columns: documents), in one
    bincount over the rows' postings (a numpy call per row cost 10 ms on a long question). Reads
    only ``indptr``, ``indices``, ``data`` and ``shape``: a saved index holds them as plain arrays
    (:class:`nlp.index_file.Postings`)."""
    rows = np.asarray(rows, dtype=np.int64)
    starts, lengths = matrix.indptr[rows], matrix.indptr[rows + 1] - matrix.indptr[rows]
    positions = np.arange(int(lengths.sum())) + np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    values = np.repeat(np.asarray(weights, dtype=np.float64), lengths) * matrix.data[positions]
    return np.bincount(matrix.indices[positions], weights=values, minlength=matrix.shape[1]).astype(np.float32)


def _l2_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    from scipy import sparse  # noqa: PLC0415 - building only

    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    return sparse.diags(1 / np.maximum(norms, 1e-9)).astype(np.float32) @ matrix


@dataclass(frozen=True)
class EntryInfo:
    """What the features need of an entry besides its text."""

    lesson: str
    concepts: tuple[str, ...]
    confirm: bool
    kind: str = "what"


class KnowledgeIndex:
    """Every entry's questions and answer, indexed; :meth:`features` scores texts against all entries.

    ``questions[i]`` belongs to entry ``owners[i]``; owners must be sorted (an entry's questions together)."""

    def __init__(self, questions: Sequence[str], owners: Sequence[int], answers: Sequence[str],
                 entries: Sequence[EntryInfo], embeddings: Embeddings | None,
                 built: tuple[TextIndex, ...] | None = None, outside: Sequence[str] = ()) -> None:
        """``built``: the questions', answers' (and outside messages') indexes of these texts, saved at
        training (:mod:`nlp.index_file`), instead of building them again (seconds). ``outside``: messages
        the course does not answer, matched for the ``outside_*`` features (none: those stay 0)."""
        owners = np.asarray(owners, dtype=np.int64)
        if len(owners) and np.any(np.diff(owners) < 0):
            raise ValueError("questions must be grouped by entry")
        self.owners = owners
        self.entries = list(entries)
        self.questions, self.answers = built[:2] if built else (TextIndex(questions, embeddings),
                                                                TextIndex(answers, embeddings))
        # words and characters only: word vectors over the outside messages cost 0.3 ms a question for nothing
        self.outside: TextIndex | None = (built[2] if built and len(built) > 2 else
                                          TextIndex(outside, None) if outside else None)
        self.outside_rows = {text: row for row, text in enumerate(outside)}  # for leave-one-out fitting
        present = np.unique(owners)
        self.starts = np.searchsorted(owners, present)  # first question of each entry that has one
        self.present = present
        self.lessons = np.array([e.lesson for e in self.entries], dtype=object)
        self.confirm = np.array([e.confirm for e in self.entries], dtype=np.float32)
        self.kinds = np.array([e.kind for e in self.entries], dtype=object)
        self.classifier: EntryClassifier | None = None  # set by the trainer or the loader; None: that feature is 0
        self.by_concept: dict[str, list[int]] = {}
        for number, entry in enumerate(self.entries):
            for concept in entry.concepts:
                self.by_concept.setdefault(concept, []).append(number)

    def unknown_words(self, text: str) -> list[str]:
        """The words of ``text`` that no question nor answer of the knowledge base knows, as written (a misspelling
        of a known word is known): "LoRA" in "what is LoRA fine-tuning?"."""
        return [word for word in words(text) if _WORD.search(word)
                and not self.questions.knows(stem(word)) and not self.answers.knows(stem(word))]

    def features(self, texts: Sequence[str], contexts: Sequence[Context | None],
                 excluded: Sequence[Sequence[int]] | None = None,
                 outside_left_out: bool | Sequence[str] = False) -> tuple[np.ndarray, np.ndarray]:
        """([n, entries, len(FEATURES)] features, [n, entries] which entries are candidates).

        ``excluded[i]``: question rows hidden from text i (leave-one-out fitting); an entry with every
        question hidden is no candidate. ``outside_left_out``: a text that is one of the outside messages
        is not matched with itself (fitting the calibrators on them); a list: nor with the message each was made from."""
        n, n_entries = len(texts), len(self.entries)
        per_question = np.stack(self.questions.scores(texts))  # [3, n, questions]
        if excluded is not None:
            for row, hidden in enumerate(excluded):
                per_question[:, row, list(hidden)] = -np.inf
        pooled = np.full((3, n, n_entries), -np.inf, dtype=np.float32)
        if len(self.present):
            pooled[:, :, self.present] = np.maximum.reduceat(per_question, self.starts, axis=2)
        valid = np.isfinite(pooled[0])
        pooled[~np.isfinite(pooled)] = 0
        out = np.zeros((n, n_entries, len(FEATURES)), dtype=np.float32)
        out[..., 0:3] = pooled.transpose(1, 2, 0)
        out[..., 3:6] = np.stack(self.answers.scores(texts), axis=2)
        for row, (text, context) in enumerate(zip(texts, contexts)):
            if context is not None:
                if context.lesson:
                    out[row, :, 6] = self.lessons == context.lesson
                for concept in context.concepts:
                    out[row, self.by_concept.get(concept, []), 7] = 1
            shaped = is_confirm_shaped(text)
            out[row, :, 8 if shaped else 9] = self.confirm
            form = question_form(text)
            if form is not None:
                out[row, :, 16] = self.kinds == form
            in_questions = self.questions.coverage(text)
            out[row, :, 10] = max(in_questions, self.answers.coverage(text))
            out[row, :, 17] = in_questions
        # Fitted linearly on questions worded apart from their entry's others, the weights leant on the
        # answer text, and an exact question ("what is accuracy?") lost to an entry whose answer said
        # "accuracy" more often: these let a clearly best question match count for more.
        out[..., 11] = out[..., 0] - out[..., 0].max(axis=1, keepdims=True)
        out[..., 12] = out[..., 1] - out[..., 1].max(axis=1, keepdims=True)
        out[..., 13] = out[..., 1] ** 2
        # "and what if it is too large?" matches nothing well: then the thread decides.
        vague = 1 - out[..., 1].max(axis=1, keepdims=True)
        out[..., 14], out[..., 15] = out[..., 6] * vague, out[..., 7] * vague
        out[..., 18:20] = self._outside_matches(texts, outside_left_out)[:, None, :]
        if self.classifier is not None:
            self._classifier_features(out, texts, contexts)
        return out, valid

    def _classifier_features(self, out: np.ndarray, texts: Sequence[str], contexts: Sequence[Context | None]) -> None:
        """The classifier's P(entry | text) for a text asked alone; for one asked in a thread, its share among the
        entries of the thread (those of a concept just taught or asked, else those of the lesson), 0 elsewhere: it
        picks within the thread ("why do we need it?" after backpropagation: the why-entry of backprop) and never
        pulls away from it (over all entries it had sent that question to the sigmoid's "why do we need the
        sigmoid?"); a question on another topic asked in a lesson is left to the lexical matches."""
        lifted = self.classifier.probabilities(texts)
        for row, context in enumerate(contexts):
            if context is None or not (context.lesson or context.concepts):
                out[row, :, CLASSIFIER] = lifted[row]
                continue
            # the concept just taught or asked is the nearer thread: "why do we need it?" after "what is
            # backpropagation?" in the lesson on neurons asks about backpropagation, not about the lesson
            thread = lifted[row] * (out[row, :, 7] > 0 if context.concepts else out[row, :, 6] > 0)
            out[row, :, CLASSIFIER_IN_THREAD] = thread / max(float(thread.sum()), 1e-9)

    def _outside_matches(self, texts: Sequence[str], left_out: bool | Sequence[str]) -> np.ndarray:
        """[n, 2]: each text's best BM25 and character match among the outside messages."""
        if self.outside is None:
            return np.zeros((len(texts), 2), dtype=np.float32)
        bm25, chars, _ = self.outside.scores(texts)
        if left_out:
            for row, text in enumerate(texts if left_out is True else left_out):
                if (own := self.outside_rows.get(text)) is not None:
                    bm25[row, own] = chars[row, own] = 0
        return np.column_stack([bm25.max(axis=1), chars.max(axis=1)])


CALIBRATION_INPUTS = 11  # columns of calibration_inputs, the bias included
THREAD_INPUT = 7  # calibration_inputs' column "the first entry is in the thread": P(in the course) alone reads it
# the calibration inputs a calibrator saved before the thread (7 weights) or the outside matches (9) skips
_OLDER_INPUTS = {7: [6, 7, 8, 9], 9: [8, 9]}


def calibration_inputs(features: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """[n, 11]: what the calibrators read of a ranking: the fusion's top probability, the score margin
    between the first two entries, the first entry's question matches (BM25, characters, vectors),
    how much of the question is in words the knowledge base uses at all, and in words its questions
    use (the answers name Docker, CUDA and SQL: "what is docker?" was all in known words), and whether
    the first entry is in the thread (the lesson or a concept just taught: "what can I do about it?"), and how
    much better the best outside message matches than the first entry's best question (BM25, characters)."""
    finite = np.where(np.isfinite(scores), scores, -1e9)  # exp() of -1e9 is 0, of -inf - -inf NaN
    rows, best_entry = np.arange(len(scores)), finite.argmax(axis=1)
    top = finite[rows, best_entry]
    second = np.partition(finite, -2, axis=1)[:, -2] if scores.shape[1] > 1 else top - 10
    margin = np.minimum(top - second, 10)
    log_p1 = top - np.logaddexp.reduce(finite, axis=1)
    best = features[rows, best_entry]
    return np.column_stack([np.exp(log_p1), margin, best[:, 0], best[:, 1], best[:, 2], best[:, 10],
                            best[:, 17], np.maximum(best[:, 6], best[:, 7]), best[:, 18] - best[:, 0],
                            best[:, 19] - best[:, 1], np.ones(len(scores))])


def _logistic(weights: np.ndarray, inputs: np.ndarray) -> np.ndarray:
    """A calibrator's probability; one saved before some inputs existed skips them (:data:`_OLDER_INPUTS`)."""
    if len(weights) in _OLDER_INPUTS:
        inputs = np.delete(inputs, _OLDER_INPUTS[len(weights)], axis=1)
    return 1 / (1 + np.exp(-(inputs @ weights)))


@dataclass
class Scorer:
    """The fitted part: fusion weights over FEATURES, a logistic calibrator over calibration_inputs
    (P(the top entry is right)) and a second one over the same inputs, P(the question is about the course).

    Abstaining is the course's "not in the course": a question the course answers but whose best entry
    is unsure is answered with options instead (``unsure``), not abstained on."""

    fusion: np.ndarray       # [len(FEATURES)]
    calibration: np.ndarray  # [11] (the last multiplies the constant 1: the bias)
    threshold: float         # below this confidence the top entry is unsure: options are offered
    domain: np.ndarray | None = None  # [11]: P(in the course); None (models saved before it): abstain on confidence
    domain_threshold: float = 0.0     # abstain below this P(in the course)
    floor: float = 0.0                # ... or below this confidence (nothing matches at all)

    def scores(self, features: np.ndarray, valid: np.ndarray) -> np.ndarray:
        # [..., :len(fusion)]: a fusion saved before a feature was appended reads the ones it knows
        return np.where(valid, features[..., : len(self.fusion)] @ self.fusion, -np.inf)

    def confidence(self, features: np.ndarray, scores: np.ndarray) -> np.ndarray:
        """P(the top entry is the right answer), calibrated on held-out questions."""
        return _logistic(self.calibration, calibration_inputs(features, scores))

    def in_course(self, features: np.ndarray, scores: np.ndarray) -> np.ndarray:
        """P(the question is one the course answers), calibrated on held-out questions against outside ones."""
        if self.domain is None:
            return np.ones(len(scores))
        return _logistic(self.domain, calibration_inputs(features, scores))

    def abstains(self, features: np.ndarray, scores: np.ndarray) -> np.ndarray:
        """Whether each question is taken as outside the course."""
        confidence = self.confidence(features, scores)
        if self.domain is None:
            return confidence < self.threshold
        return (self.in_course(features, scores) < self.domain_threshold) | (confidence < self.floor)
