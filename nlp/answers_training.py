"""Fitting the answer retriever (:mod:`nlp.retrieval`): fusion weights, calibration, abstention threshold.

The split is fixed by content: each entry with two or more questions holds out one (the one with the
smallest stable hash of id and text), the same every run and whatever the seed.

1. every training question is matched against the others, its own row hidden (leave one out), and a
   near copy of it (a typo, a word dropped) against all, each with a simulated context (lesson and
   concepts: its own, another entry's, or none); the fusion weights maximise the softmax
   probability of its entry (a conditional logit, L2-regularised);
2. the calibrator, a logistic regression on what a ranking looks like (:func:`calibration_inputs`),
   learns P(top entry is right) on the held-out questions and on messages outside the course (the
   data's own chit-chat, label "wrong"; a fifth of them held out for the metrics). Questions made
   "unknown" by hiding their whole entry were tried instead: they only pulled the confidence of
   in-course questions down, being in the course's words;
3. the threshold is the confidence below which at most ``max_false_abstention`` of the rightly
   answered held-out questions fall.

The held-out questions, matched against the training questions only, give the metrics: top-1 is
out of sample; calibration error and false abstentions are measured where they were fitted (a
logistic regression with 11 weights); the outside messages' abstention is on a held-out fifth.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import torch

from nlp.data import KnowledgeEntry
from nlp.embeddings import Embeddings
from nlp.entry_classifier_training import ClassifierConfig, train_classifier
from nlp.learner_style import wrapped
from nlp.retrieval import (CALIBRATION_INPUTS, CLASSIFIER, CLASSIFIER_IN_THREAD, FEATURES, THREAD_INPUT, Context,
                           EntryInfo, KnowledgeIndex, Scorer, TextIndex, calibration_inputs, terms)
from nlp.tokenizer import stable_hash


MAX_FLOOR = 0.2  # a tiny knowledge base's quantiles sit near 1 (the full one's floor is about 0.1)


@dataclass(frozen=True)
class FitConfig:
    # Share of training questions asked right after their own lesson, and after another lesson (context
    # must not overrule the words). 0.4 / 0.3 had taught that the lesson misleads 3 times in 7: "why not
    # shuffle?" right after the time-series lesson got the generic "why shuffle the training data?"
    # (learner_questions.yml's follow-ups 0.729 -> 0.763 at 0.5 / 0.15, the rest the same; 2026-12-06).
    own_context: float = 0.5
    other_context: float = 0.15
    candidates: int = 64           # entries per question in the fusion's softmax (the right one included)
    l2: float = 1e-3
    max_false_abstention: float = 0.05  # of the rightly answered held-out questions, below `threshold` (unsure)
    # Of the held-out questions (paraphrases matched without their own question: harder than a learner's,
    # which meets every question of its entry), the share P(in the course) may put outside. On the two
    # probe files (before the question-coverage input) 0.05 abstained on 51% / 63% of the outside questions
    # and 3% / 1% of the inside ones,
    # 0.10 on 64% / 80% and 5% / 3%, 0.15 on 71% / 83% and 8% / 7% (2026-12-06).
    max_domain_abstention: float = 0.10
    floor_abstention: float = 0.01     # of the rightly answered held-out questions, below `floor`
    # of a near copy against a paraphrase in the fusion's loss. 0.3 had leant on the answer text (held-out
    # paraphrases: top-1 0.347 vs 0.328 at 1.0); learners ask nearer the questions than the held-out
    # paraphrases are: at 1.0 the two probe files' top-1 rose 0.812 -> 0.838 and 0.677 -> 0.717 (2026-12-06,
    # after the knowledge base's duplicate entries were merged).
    copy_weight: float = 1.0
    outside_weight: float = 0.5    # the outside messages weigh this share of the in-course questions
    wrapping_seed: int = 0         # of the wrapped copies the domain calibrator also reads (nlp.learner_style)
    wrapped_weight: float = 0.2    # a wrapped copy's weight in that fit (a bare question's is 1)
    outside_heldout: float = 0.2
    chunk: int = 256               # questions featurised at once (memory: chunk x entries x features)
    classifier: ClassifierConfig = ClassifierConfig()
    # classifier_weight's choices, 0 .. 8: the feature is a probability, so a weight w lifts an entry by at most w
    # (the same lesson lifts by about 3)
    classifier_weights: tuple[float, ...] = tuple(w / 4 for w in range(33))
    # below this many held-out questions the classifier's weights stay 0: on a tiny knowledge base's eight a weight
    # of 4 was fitted to noise, and the calibrator, fitted on those eight, then doubted every follow-up
    min_weighing_questions: int = 50


@dataclass(frozen=True)
class Question:
    text: str
    entry: int  # index into the entries


def split(entries: list[KnowledgeEntry]) -> tuple[list[Question], list[Question]]:
    """(training, held-out) questions; one held out per entry that has two or more, chosen by content."""
    train, test = [], []
    for number, entry in enumerate(entries):
        keys = [stable_hash(f"{entry.id}\t{q}") for q in entry.questions]
        held = keys.index(min(keys)) if len(entry.questions) > 1 else -1
        for position, text in enumerate(entry.questions):
            (test if position == held else train).append(Question(text, number))
    return train, test


def pairs(questions: Sequence[Question]) -> list[tuple[str, int]]:
    return [(q.text, q.entry) for q in questions]


def entry_infos(entries: list[KnowledgeEntry]) -> list[EntryInfo]:
    return [EntryInfo(e.lesson, e.concepts, e.kind == "confirm", e.kind) for e in entries]


def build_index(entries: list[KnowledgeEntry], questions: list[Question], embeddings: Embeddings | None,
                built: tuple[TextIndex, ...] | None = None, outside: Sequence[str] = ()) -> KnowledgeIndex:
    """The index of ``questions``, the entries' answers and the ``outside`` messages (``built``: their text
    indexes, saved)."""
    ordered = index_order(questions)
    return KnowledgeIndex([q.text for q in ordered], [q.entry for q in ordered], [e.answer for e in entries],
                          entry_infos(entries), embeddings, built, outside)


def index_order(questions: list[Question]) -> list[Question]:
    """The questions as the index holds them: grouped by entry."""
    return sorted(questions, key=lambda q: q.entry)


def own_context(entry: KnowledgeEntry) -> Context:
    return Context(entry.lesson, entry.concepts)


def simulated_contexts(entries: list[KnowledgeEntry], questions: list[Question], config: FitConfig,
                       seed: int) -> list[Context | None]:
    """The lesson and the concepts drawn apart (each: the question's own, another entry's, or none), so
    the fusion weighs them apart: drawn together, the lesson's weight fell to nothing."""
    rng = random.Random(seed)

    def draw(own: KnowledgeEntry) -> KnowledgeEntry | None:
        chance = rng.random()
        if chance < config.own_context:
            return own
        return rng.choice(entries) if chance < config.own_context + config.other_context else None

    contexts: list[Context | None] = []
    for question in questions:
        lesson, concepts = draw(entries[question.entry]), draw(entries[question.entry])
        contexts.append(Context(lesson.lesson if lesson else None, concepts.concepts if concepts else ())
                        if lesson or concepts else None)
    return contexts


def split_outside(outside: Sequence[str], config: FitConfig = FitConfig()) -> tuple[list[str], list[str]]:
    """(fitting, held-out) outside messages, by content."""
    held = [stable_hash(f"outside\t{t}") % 1000 < 1000 * config.outside_heldout for t in outside]
    return [t for t, h in zip(outside, held) if not h], [t for t, h in zip(outside, held) if h]


def fit(entries: list[KnowledgeEntry], embeddings: Embeddings | None, seed: int, outside: Sequence[str] = (),
        questions: Sequence[str] | None = None, config: FitConfig = FitConfig()) -> tuple[Scorer, dict[str, float]]:
    """The fitted scorer and its held-out metrics. ``outside``: messages the course does not answer;
    ``questions``: those of them a question is matched against (None: all)."""
    train, test = split(entries)
    outside_fit, outside_test = split_outside(outside, config)
    index = build_index(entries, train, embeddings, outside=neighbours(outside_fit, questions))
    contexts = simulated_contexts(entries, train, config, seed)
    rows = {id(q): row for row, q in enumerate(sorted(train, key=lambda q: q.entry))}
    own_rows = [[rows[id(q)]] for q in train]
    targets = np.array([q.entry for q in train])

    # Paraphrases (a question against its entry's other questions) and near copies (a question with
    # a typo or a word dropped, against all of them): learners ask both.
    copies = [Question(near_copy(q.text, random.Random(f"{seed}\t{q.text}")), q.entry) for q in train]
    asked = train + copies
    features, valid = _featurise(index, asked, contexts + contexts, own_rows + [[] for _ in copies], config)
    weights = np.concatenate([np.ones(len(train)), np.full(len(copies), config.copy_weight)])
    fusion = fit_fusion(features, valid, np.concatenate([targets, targets]), weights, config, seed)
    scorer = Scorer(fusion, np.zeros(CALIBRATION_INPUTS), 0.5)
    index.classifier = train_classifier(entries, pairs(train), config.classifier, seed)
    fusion[[CLASSIFIER, CLASSIFIER_IN_THREAD]] = classifier_weights(fusion, entries, index, test, config, seed)
    calibrate(scorer, entries, index, test, outside_fit, config)
    return scorer, heldout_metrics(entries, index, scorer, test, outside_test)


def classifier_weights(fusion: np.ndarray, entries: list[KnowledgeEntry], index: KnowledgeIndex,
                       test: list[Question], config: FitConfig, seed: int) -> tuple[float, float]:
    """The classifier's two weights beside the fitted lexical fusion, each the one of ``config.classifier_weights``
    that gives the held-out questions the highest likelihood of their entry: asked alone (``classifier``), and
    asked in a thread (``classifier_in_thread``): right after their own lesson, as a vague follow-up there ("why
    do we need it?", :func:`vague_copy`), and after another entry's lesson. Fitted here, where the index's
    classifier has not read them, and not with the fusion: on the training questions that classifier has read
    every one (a weight fitted out of fold, by classifiers that read half of them, came out at a third of what
    the deployed one is worth). Apart, because one weight had let the classifier outvote the thread: "why do we
    need it?" after backpropagation went to the sigmoid's "why do we need the sigmoid?"."""
    if len(test) < config.min_weighing_questions:
        return 0.0, 0.0
    rng = random.Random(seed)
    texts, targets = [q.text for q in test], [q.entry for q in test]
    own = [own_context(entries[t]) for t in targets]
    other = [own_context(rng.choice(entries)) for _ in test]
    vague = [vague_copy(t, index) for t in texts]
    alone = _likelihoods(fusion, index, texts, [None] * len(test), targets, CLASSIFIER, config)
    thread = _likelihoods(fusion, index, texts + vague + texts, own + own + other, targets * 3, CLASSIFIER_IN_THREAD,
                          config)
    return alone, thread


def _likelihoods(fusion: np.ndarray, index: KnowledgeIndex, texts: list[str], contexts: list[Context | None],
                 targets: list[int], column: int, config: FitConfig) -> float:
    """The weight of ``column`` (over the fusion without either classifier column) that maximises the mean log
    likelihood of ``targets``."""
    features, valid = index.features(texts, contexts)
    lexical_only = np.where(np.isin(np.arange(len(fusion)), (CLASSIFIER, CLASSIFIER_IN_THREAD)), 0, fusion)
    lexical = np.where(valid, features[..., : len(fusion)] @ lexical_only, -np.inf)
    rows = np.arange(len(targets))

    def likelihood(weight: float) -> float:
        scores = lexical + weight * features[..., column]
        top = scores.max(axis=1, keepdims=True)
        log_norm = top[:, 0] + np.log(np.exp(scores - top).sum(axis=1))
        return float((scores[rows, targets] - log_norm).mean())

    return max(config.classifier_weights, key=likelihood)


def calibrate(scorer: Scorer, entries: list[KnowledgeEntry], index: KnowledgeIndex, test: list[Question],
              outside: Sequence[str], config: FitConfig) -> None:
    """The calibrator and the threshold, on the held-out questions (asked alone and right after their
    lesson) and the outside messages. Chosen on the training side instead, where the fusion was fitted,
    the threshold abstained on 16% of the held-out questions answered right, not 5%."""
    texts = [q.text for q in test]
    contexts = [None] * len(test) + [own_context(entries[q.entry]) for q in test]
    targets = np.array([q.entry for q in test] * 2, dtype=np.int64)
    features, valid = index.features(texts + texts, contexts)
    scores = scorer.scores(features, valid)
    right = scores.argmax(axis=1) == targets
    inputs, labels, weights = calibration_inputs(features, scores), right, np.ones(len(right))
    if outside:
        far, far_valid = index.features(list(outside), [None] * len(outside), outside_left_out=True)
        inputs = np.concatenate([inputs, calibration_inputs(far, scorer.scores(far, far_valid))])
        labels = np.concatenate([labels, np.zeros(len(outside), dtype=bool)])
        weights = np.concatenate([weights, np.full(len(outside), config.outside_weight * len(right) / len(outside))])
    # P(right) leaves the thread column out (its weight stays 0): a held-out question is as often right
    # alone as after its lesson, and a thread weight fitted on that noise had made "what can I do about
    # it?" surer alone than after the lesson it follows up.
    scorer.calibration = fit_calibrator(np.where(np.arange(inputs.shape[1]) == THREAD_INPUT, 0.0, inputs),
                                        labels, weights, config)
    confidence = scorer.confidence(features, scores)
    scorer.threshold = choose_threshold(confidence[right], config.max_false_abstention)
    # Capped like the domain threshold: the floor abstains where nothing matches at all, not on a 0.8
    scorer.floor = min(MAX_FLOOR, choose_threshold(confidence[right], config.floor_abstention))
    if outside:
        rows, wrapped_rows = _with_wrapped_copies(scorer, index, texts, outside, inputs, len(right), config)
        fit_domain(scorer, rows, len(right) + len(texts), config, bare=len(right),
                   weighed=np.where(wrapped_rows, config.wrapped_weight, 1.0))


def _with_wrapped_copies(scorer: Scorer, index: KnowledgeIndex, texts: list[str], outside: Sequence[str],
                         inputs: np.ndarray, inside: int, config: FitConfig) -> tuple[np.ndarray, np.ndarray]:
    """The calibration's inputs with a wrapped copy (:mod:`nlp.learner_style`) of every held-out question (asked
    alone) after the in-course rows, and of every outside message after the rest; and which rows are copies."""
    rng = random.Random(f"wrapped\t{config.wrapping_seed}")
    copies = [wrapped(text, rng) for text in texts], [wrapped(text, rng) for text in outside]
    rows = []
    for asked, left_out in zip(copies, (False, list(outside))):
        features, valid = index.features(asked, [None] * len(asked), outside_left_out=left_out)
        rows.append(calibration_inputs(features, scorer.scores(features, valid)))
    parts = [inputs[:inside], rows[0], inputs[inside:], rows[1]]
    return np.concatenate(parts), np.concatenate([np.full(len(part), i % 2 == 1) for i, part in enumerate(parts)])


def neighbours(outside: Sequence[str], questions: Sequence[str] | None) -> list[str]:
    """The outside messages a question is matched against: those of ``outside`` among ``questions`` (the
    held-out fifth stays unseen by the index as by the calibrators)."""
    kept = None if questions is None else set(questions)
    return [text for text in outside if kept is None or text in kept]


def fit_domain(scorer: Scorer, inputs: np.ndarray, inside: int, config: FitConfig, bare: int | None = None,
               weighed: np.ndarray | None = None) -> None:
    """P(in the course) on the calibration's inputs: the first ``inside`` rows (held-out questions, right or
    wrong) against the rest (outside messages), the two weighed alike; its threshold the
    ``max_domain_abstention`` quantile of the inside rows. P(right) alone had abstained on 9% of the
    course's questions (a wrong guess is still about the course) and answered half of those outside."""
    labels = np.arange(len(inputs)) < inside
    outside = len(inputs) - inside
    weights = np.where(labels, 1.0, inside / max(1, outside)) * (1.0 if weighed is None else weighed)
    scorer.domain = fit_calibrator(inputs, labels, weights, config)
    # the threshold on the first ``bare`` rows (the held-out questions as written, not their wrapped copies)
    in_course = 1 / (1 + np.exp(-(inputs[:bare or inside] @ scorer.domain)))  # = Scorer.in_course on those rows
    # Never above 1/2: a question the calibrator finds more likely in the course than not is not called
    # outside (on a tiny knowledge base every held-out question scores near 1 and the quantile with it).
    scorer.domain_threshold = min(0.5, choose_threshold(in_course, config.max_domain_abstention))


def vague_copy(text: str, index: KnowledgeIndex) -> str:
    """``text`` as a follow-up asked right after its topic was taught ("how does dropout work?" ->
    "how does it work?"): its most specific word (highest IDF) becomes "it", and in a question of six
    words or more the next one goes. For the metrics only: as training data too, these did not help
    the held-out follow-ups (0.310 -> 0.317) and cost top-1 (0.321 -> 0.312)."""
    tokens = text.split()
    if len(tokens) < 3:
        return text
    fields = index.questions

    def specificity(token: str) -> float:
        stems = terms(token)
        return max((float(fields.idf[fields.terms.index[t]]) if t in fields.terms.index else fields.unknown_idf)
                   for t in stems) if stems else 0.0

    first, second = sorted(range(len(tokens)), key=lambda i: -specificity(tokens[i]))[:2]
    if len(tokens) < 6:
        second = -1
    ending = "?" if tokens[first].endswith("?") or (second == len(tokens) - 1 and tokens[second].endswith("?")) else ""
    return " ".join("it" + ending if i == first else t for i, t in enumerate(tokens) if i != second)


def near_copy(text: str, rng: random.Random) -> str:
    """``text`` as a learner might retype it: a word dropped (of four or more) and a typo in a long word
    (two letters swapped, one left out or one doubled)."""
    tokens = text.split()
    if len(tokens) >= 4:
        del tokens[rng.randrange(len(tokens))]
    long_words = [i for i, t in enumerate(tokens) if len(t) >= 5 and t.isalpha()]
    if long_words:
        i = rng.choice(long_words)
        word, at = tokens[i], rng.randrange(1, len(tokens[i]) - 1)
        tokens[i] = rng.choice([word[:at] + word[at + 1] + word[at] + word[at + 2 :],
                                word[:at] + word[at + 1 :], word[:at] + word[at] + word[at:]])
    return " ".join(tokens) or text


def _featurise(index: KnowledgeIndex, questions: list[Question], contexts: list[Context | None],
               hidden: list[list[int]], config: FitConfig) -> tuple[np.ndarray, np.ndarray]:
    parts = [index.features([q.text for q in questions[i : i + config.chunk]], contexts[i : i + config.chunk],
                            hidden[i : i + config.chunk]) for i in range(0, len(questions), config.chunk)]
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def fit_fusion(features: np.ndarray, valid: np.ndarray, targets: np.ndarray, weights: np.ndarray,
               config: FitConfig, seed: int) -> np.ndarray:
    """Weights w maximising log softmax(features @ w)[target] over each question's candidates: the right
    entry and the ``candidates`` entries an unweighted sum of the matches ranks highest."""
    usable = valid[np.arange(len(targets)), targets]  # a one-question entry has nothing left to find
    features, valid, targets = features[usable], valid[usable], targets[usable]
    sample_weights = torch.from_numpy(weights[usable].astype(np.float32))
    rough = np.where(valid, features[..., :6].sum(axis=2), -np.inf)
    rough[np.arange(len(targets)), targets] = np.inf
    k = min(config.candidates, features.shape[1])
    chosen = np.argpartition(-rough, k - 1, axis=1)[:, :k]
    x = torch.from_numpy(np.take_along_axis(features, chosen[..., None], axis=1))
    mask = torch.from_numpy(np.take_along_axis(valid, chosen, axis=1))
    target = torch.from_numpy((chosen == targets[:, None]).argmax(axis=1))
    torch.manual_seed(seed)
    fusion = torch.zeros(len(FEATURES), dtype=torch.float32, requires_grad=True)
    with torch.no_grad():
        fusion[:6] = 5.0  # start from the unweighted sum, sharpened
    optimizer = torch.optim.LBFGS([fusion], max_iter=200, line_search_fn="strong_wolfe")

    def loss() -> torch.Tensor:
        optimizer.zero_grad()
        logits = (x @ fusion).masked_fill(~mask, -1e9)
        losses = torch.nn.functional.cross_entropy(logits, target, reduction="none")
        value = (losses * sample_weights).sum() / sample_weights.sum() + config.l2 * fusion.square().sum()
        value.backward()
        return value

    optimizer.step(loss)
    return fusion.detach().numpy().astype(np.float64)


def fit_calibrator(inputs: np.ndarray, labels: np.ndarray, weights: np.ndarray, config: FitConfig) -> np.ndarray:
    """Weighted logistic regression (the last input column is the constant 1)."""
    x, y = torch.from_numpy(inputs.astype(np.float32)), torch.from_numpy(labels.astype(np.float32))
    w = torch.from_numpy(weights.astype(np.float32))
    theta = torch.zeros(inputs.shape[1], requires_grad=True)
    optimizer = torch.optim.LBFGS([theta], max_iter=200, line_search_fn="strong_wolfe")

    def loss() -> torch.Tensor:
        optimizer.zero_grad()
        value = (torch.nn.functional.binary_cross_entropy_with_logits(x @ theta, y, reduction="none") * w).sum() / w.sum()
        value = value + config.l2 * theta[:-1].square().sum()
        value.backward()
        return value

    optimizer.step(loss)
    return theta.detach().numpy().astype(np.float64)


def choose_threshold(right_confidences: np.ndarray, max_false_abstention: float) -> float:
    if len(right_confidences) == 0:
        return 0.5
    return float(np.quantile(right_confidences, max_false_abstention))


def heldout_metrics(entries: list[KnowledgeEntry], index: KnowledgeIndex, scorer: Scorer,
                    test: list[Question], outside: Sequence[str] = ()) -> dict[str, float]:
    """Top-1 on the held-out questions alone, right after their lesson, and as vague follow-ups
    (:func:`vague_copy`) right after their lesson; the share of them abstained on, expected calibration error, abstention on the same questions with
    their entry hidden (unknown to the course, close to it) and on held-out outside messages."""
    if not test:
        return {"entries": float(len(entries)), "heldout_questions": 0.0}
    texts, targets = [q.text for q in test], np.array([q.entry for q in test])
    metrics: dict[str, float] = {"entries": float(len(entries)), "heldout_questions": float(len(test))}
    follow_ups = [vague_copy(t, index) for t in texts]
    in_context = [own_context(entries[t]) for t in targets]
    for name, asked, contexts in (("top1", texts, [None] * len(test)), ("top1_in_context", texts, in_context),
                                  ("follow_up", follow_ups, in_context)):
        features, valid = index.features(asked, contexts)
        scores = scorer.scores(features, valid)
        right = scores.argmax(axis=1) == targets
        confidence = scorer.confidence(features, scores)
        answered = ~scorer.abstains(features, scores)
        metrics[name] = float(right.mean())
        metrics[f"{name}_answered_right"] = float((right & answered).mean())
        if name == "top1":
            metrics["false_abstention"] = float((right & ~answered).sum() / max(1, right.sum()))
            metrics["abstained"] = float((~answered).mean())
            metrics["ece"] = expected_calibration_error(confidence, right)
    hidden = [list(np.flatnonzero(index.owners == t)) for t in targets]
    features, valid = index.features(texts, [None] * len(test), hidden)
    metrics["unknown_abstained"] = float(scorer.abstains(features, scorer.scores(features, valid)).mean())
    if outside:
        far, far_valid = index.features(list(outside), [None] * len(outside))
        metrics["outside_abstained"] = float(scorer.abstains(far, scorer.scores(far, far_valid)).mean())
    metrics["threshold"] = round(scorer.threshold, 4)
    metrics["domain_threshold"] = round(scorer.domain_threshold, 4)
    return {k: round(v, 4) for k, v in metrics.items()}


def expected_calibration_error(confidence: np.ndarray, right: np.ndarray, bins: int = 10) -> float:
    edges = np.minimum((confidence * bins).astype(int), bins - 1)
    return float(sum(abs(confidence[edges == b].mean() - right[edges == b].mean()) * (edges == b).mean()
                     for b in range(bins) if (edges == b).any()))
