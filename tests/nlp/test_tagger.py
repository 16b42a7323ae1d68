import itertools

import torch

from nlp.features import Featurizer, Vocabulary
from nlp.tagger import CRF, bio_tags, spans, token_tags
from nlp.types import Entity


def brute_force(crf: CRF, emissions: torch.Tensor, length: int) -> tuple[list[int], torch.Tensor]:
    transitions, start = crf._scores()
    scores = {}
    for path in itertools.product(range(emissions.shape[-1]), repeat=length):
        score = start[path[0]] + emissions[0, 0, path[0]] + crf.end[path[-1]]
        score = score + sum(transitions[a, b] + emissions[0, t + 1, b] for t, (a, b) in enumerate(zip(path, path[1:])))
        scores[path] = score
    best = max(scores, key=lambda p: scores[p])
    return list(best), torch.logsumexp(torch.stack(list(scores.values())), dim=0)


def test_viterbi_and_likelihood_match_brute_force_with_padding():
    torch.manual_seed(0)
    crf = CRF(bio_tags(["A", "B"]))
    with torch.no_grad():
        crf.transitions.normal_()
        crf.start.normal_()
        crf.end.normal_()
    emissions = torch.randn(2, 4, 5)
    mask = torch.tensor([[True, True, True, True], [True, True, True, False]])
    decoded = crf.decode(emissions, mask)
    for row, length in ((0, 4), (1, 3)):
        best, log_partition = brute_force(crf, emissions[row : row + 1], length)
        assert decoded[row] == best
        tags = torch.tensor([best + [0] * (4 - length)])
        nll = crf.nll(emissions[row : row + 1], tags, mask[row : row + 1])
        gold = log_partition - nll  # log-score of the best path
        assert torch.isclose(nll, log_partition - gold)
        assert nll >= 0


def test_decoded_paths_respect_bio():
    crf = CRF(bio_tags(["A"]))
    emissions = torch.tensor([[[0.0, 0.0, 9.0], [9.0, 0.0, 0.0], [0.0, 0.0, 9.0]]])  # wants I-A, O, I-A
    path = crf.decode(emissions, torch.ones(1, 3, dtype=torch.bool))[0]
    tags = bio_tags(["A"])
    for previous, current in zip(["O"] + [tags[i] for i in path], [tags[i] for i in path]):
        assert not (current.startswith("I-") and previous == "O")


def test_bio_round_trip_keeps_character_offsets():
    text = "naïve 👋🏽 ask about scikit-learn and gradient descent"
    features = Featurizer(Vocabulary.of([])).features(text)
    gold = [Entity(span, label, text.index(span), text.index(span) + len(span))
            for span, label in (("scikit-learn", "FRAMEWORK"), ("gradient descent", "CONCEPT"))]
    tags = bio_tags(["CONCEPT", "FRAMEWORK"])
    assert spans(features, token_tags(features, gold, tags), tags) == gold


def test_spans_carry_no_emoji_punctuation_or_emotes():
    # the trained tagger had read "hallo!! 😃" as CONCEPT "😃" and "ok fine *sigh*" as "sigh*"
    tags = bio_tags(["CONCEPT"])
    for text, tagged, expected in (("hallo!! 😃", "😃", []), ("ok fine *sigh*", "sigh*", []),
                                   ("what is dropout??", "dropout??", [("dropout", 8, 15)]),
                                   ("use Flatten() here", "Flatten()", [("Flatten()", 4, 13)])):
        features = Featurizer(Vocabulary.of([])).features(text)
        start = text.index(tagged)
        wide = [Entity(tagged, "CONCEPT", start, start + len(tagged))]
        found = spans(features, token_tags(features, wide, tags), tags)
        assert [(e.text, e.start, e.end) for e in found] == expected, text
        assert all(text[e.start:e.end] == e.text for e in found)
