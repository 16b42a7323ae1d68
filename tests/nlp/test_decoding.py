"""Search bounds and the safety net, on scripted decoders and crafted candidate lists."""
from __future__ import annotations

import dataclasses

import math
from typing import Callable

import pytest
import torch

from nlp.decoding import (
    Candidate, DecodingConfig, SafetyNet, banned_by_ngram, beam_search, cap_length, char_ngram_f, consensus_order,
    greedy_decode, invented_words, is_copy, is_garbage, normalise, rejection, sample_decode, word_forms,
)
from nlp.profanity import contains_profanity

BOS, EOS, UNK, VOCAB = 0, 1, 2, 10


class ScriptedDecoder:
    """Next-token log-probabilities are a function of the prefix (the tokens after BOS)."""

    def __init__(self, table: Callable[[tuple[int, ...]], dict[int, float]]) -> None:
        self.table = table
        self.prefixes: list[tuple[int, ...]] = [()]
        self.current: list[tuple[int, ...]] = []

    def step(self, last_tokens: torch.Tensor) -> torch.Tensor:
        self.current = [p + ((t,) if t != BOS else ()) for p, t in zip(self.prefixes, last_tokens.tolist())]
        rows = []
        for prefix in self.current:
            probs = torch.full((VOCAB,), 1e-3)
            for token, p in self.table(prefix).items():
                probs[token] = p
            rows.append((probs / probs.sum()).log())
        return torch.stack(rows)

    def select(self, beam_indices: torch.Tensor) -> None:
        pool = self.current or self.prefixes  # before the first step: copies of the start state
        self.prefixes = [pool[i] for i in beam_indices.tolist()]


def search(table, **config) -> list:
    return beam_search(ScriptedDecoder(table), bos_id=BOS, eos_id=EOS, banned_ids=(UNK, BOS), config=DecodingConfig(**config))


def wants_to_stop(prefix):
    return {EOS: 0.9, 5: 0.05, 6: 0.05}


def never_stops(prefix):
    return {5: 0.6, 6: 0.3, 7: 0.1}


def test_min_length_holds_back_end_of_sentence():
    for hypothesis in search(wants_to_stop, min_length=3, no_repeat_ngram=0):
        assert len(hypothesis.tokens) >= 3


def test_max_length_cuts_a_reply_that_never_ends():
    best = search(never_stops, max_length=7, no_repeat_ngram=0, repetition_penalty=1.0)[0]
    assert len(best.tokens) == 7


def test_no_repeated_ngram_even_when_the_model_loves_one_token():
    best = search(never_stops, max_length=12, no_repeat_ngram=2, repetition_penalty=1.0)[0]
    bigrams = list(zip(best.tokens, best.tokens[1:]))
    assert len(bigrams) == len(set(bigrams)) and len(best.tokens) > 2  # it ends once 5/6/7 run out of bigrams


def test_banned_ngram_helper():
    assert banned_by_ngram([5, 6, 7, 5, 6], 3) == {7}
    assert banned_by_ngram([5, 6], 3) == set()
    assert banned_by_ngram([5, 6, 5], 0) == set()


def test_repetition_penalty_moves_greedy_to_a_new_token():
    plain = greedy_decode(ScriptedDecoder(never_stops), bos_id=BOS, eos_id=EOS, banned_ids=(UNK,),
                          config=DecodingConfig(max_length=2, no_repeat_ngram=0, repetition_penalty=1.0))
    penalised = greedy_decode(ScriptedDecoder(never_stops), bos_id=BOS, eos_id=EOS, banned_ids=(UNK,),
                              config=DecodingConfig(max_length=2, no_repeat_ngram=0, repetition_penalty=3.0))
    assert plain.tokens == (5, 5) and penalised.tokens == (5, 6)


def test_unknown_token_is_never_produced():
    best = search(lambda prefix: {UNK: 0.97, EOS: 0.02}, min_length=1)[0]
    assert UNK not in best.tokens


def garden_path(prefix):
    """Greedy takes 3 (0.55) and then finds nothing good; 4 (0.45) leads to a sure end."""
    if not prefix:
        return {3: 0.55, 4: 0.45}
    if prefix == (4,):
        return {EOS: 0.99}
    return {t: 0.1 for t in range(VOCAB)}


def test_beam_search_beats_greedy_and_ranks_best_first():
    config = dict(min_length=1, length_penalty=0.0, no_repeat_ngram=0, repetition_penalty=1.0)
    greedy = greedy_decode(ScriptedDecoder(garden_path), bos_id=BOS, eos_id=EOS, banned_ids=(UNK,),
                           config=DecodingConfig(**config))
    ranked = search(garden_path, beam_size=3, n_best=3, **config)
    assert greedy.tokens[0] == 3 and ranked[0].tokens == (4,)
    assert ranked[0].mean_log_prob == pytest.approx((math.log(0.45) + math.log(0.99)) / 2, abs=0.01)
    scores = [h.score(0.0) for h in ranked]
    assert scores == sorted(scores, reverse=True)


def test_search_is_deterministic():
    assert search(garden_path, min_length=1) == search(garden_path, min_length=1)


# ---------------------------------------------------------------- safety net

NET = SafetyNet(min_mean_log_prob=-2.0, max_chars=60)
FALLBACK = "Let's get back to learning!"


@pytest.mark.parametrize(
    ("bad", "reason"),
    [("", "empty"), (" ?! ", "empty"), ("How are you??", "copy"), ("hello \u2047 there", "unknown"),
     ("%%% ### 1", "unknown"), ("what the fuck", "profane"), ("you are a Bitch", "profane")],
)
def test_bad_candidate_is_skipped_for_the_next_good_one(bad, reason):
    assert rejection(bad, "how are you") == reason
    choice = NET.choose([Candidate(bad, -0.1), Candidate("I'm fine, thanks!", -0.5)], "how are you", FALLBACK)
    assert choice.text == "I'm fine, thanks!" and choice.from_model


def test_a_reply_with_a_word_the_training_text_never_had_is_rejected():
    known = frozenset(word_forms("I'm glad you're here! Are you? A couple of lessons today, then a quiz."))
    net = dataclasses.replace(NET, known_words=known)
    assert invented_words("I'm glad you tutorbot, a couplegh!", known) == ["tutorbot", "couplegh"]
    assert rejection("Glad you're here, a couplegh!", "hi", known) == "invented"
    assert rejection("Glad you're here!", "hi", known) is None
    assert invented_words("I'ting glad", known) == ["i'ting"]  # a contraction is one word, not "i" + "ting"
    assert rejection("Glad you're here, a couplegh!", "hi") is None  # no word list: not checked
    choice = net.choose([Candidate("a couplegh of lessons", -0.1), Candidate("A couple of lessons today.", -0.4)],
                        "what now?", FALLBACK)
    assert choice.text == "A couple of lessons today."
    assert net.choose([Candidate("a couplegh", -0.1)], "what now?", FALLBACK).reason == "invented"


def test_all_candidates_rejected_gives_the_fallback_and_why():
    choice = NET.choose([Candidate("How are you?", -0.1), Candidate("", -0.2)], "how are you", FALLBACK)
    assert (choice.text, choice.from_model, choice.reason) == (FALLBACK, False, "copy")
    assert NET.choose([], "hi", FALLBACK).text == FALLBACK


def test_unsure_model_gives_the_fallback():
    choice = NET.choose([Candidate("maybe the thing", -2.5)], "hm", FALLBACK)
    assert (choice.text, choice.reason) == (FALLBACK, "unsure")


def test_long_reply_is_capped_at_a_sentence_or_word():
    long = "Neural networks learn from data. " * 5
    capped = NET.choose([Candidate(long, -0.1)], "hi", FALLBACK).text
    assert len(capped) <= 60 and capped.endswith(".")
    assert cap_length("word " * 30, 22).endswith("…") and len(cap_length("word " * 30, 22)) <= 23


def test_normalised_compare_and_filters_have_no_false_positives():
    assert normalise("  How ARE you?! ") == "how are you"
    assert is_copy("how are you", "How are you?") and not is_copy("how are you doing", "how are you")
    assert not is_garbage("Café, naïve: 3 emoji 🙂 ok")
    for human_start in (":) lol same", ";) its our secret", "...well, maybe", "?! really", "Hi!"):
        assert not is_garbage(human_start)
    for clean in ("let's assess the class assignment", "Scunthorpe is a town", "a classic cocktail"):
        assert not contains_profanity(clean)


def test_a_reply_opening_with_a_bare_punctuation_mark_is_garbage():
    # a learner's model answered "my cat is sick" with "! Cats love many! Let's cat move in a couple cats."
    for broken in ("! Cats love many!", " , and then", ". Yes", "?"):
        assert is_garbage(broken)
    choice = NET.choose([Candidate("! Cats love many!", -0.1), Candidate("Oh no, I hope your cat gets well.", -0.5)],
                        "my cat is sick", FALLBACK)
    assert choice.text == "Oh no, I hope your cat gets well." and choice.from_model


def sample(table, seed: int, **config) -> list:
    return sample_decode(ScriptedDecoder(table), bos_id=BOS, eos_id=EOS, banned_ids=(UNK, BOS),
                         config=DecodingConfig(**config), generator=torch.Generator().manual_seed(seed))


def test_sampling_is_seeded_and_keeps_the_bounds():
    config = dict(top_p=0.95, n_best=4, min_length=3, max_length=6, no_repeat_ngram=2)
    first = sample(never_stops, 7, **config)
    assert first == sample(never_stops, 7, **config) and len(first) == 4
    for hypothesis in first + sample(wants_to_stop, 3, **config):
        bigrams = list(zip(hypothesis.tokens, hypothesis.tokens[1:]))
        assert 3 <= len(hypothesis.tokens) <= 6 and len(bigrams) == len(set(bigrams))
    assert [h.mean_log_prob for h in first] == sorted((h.mean_log_prob for h in first), reverse=True)


def test_sampling_stays_inside_the_nucleus():
    # 5 holds 0.6 of the mass: with top_p 0.5 the nucleus is {5} alone, whatever the seed.
    for seed in range(5):
        assert sample(never_stops, seed, top_p=0.5, n_best=2, max_length=1, min_length=1)[0].tokens == (5,)


def test_char_ngram_f_scores_like_chrf():
    # sacrebleu.sentence_chrf gives 27.300 for this pair
    assert char_ngram_f("I like any film with a robot that learns.", "I do not watch films, but I like robots.") == pytest.approx(0.27300, abs=1e-5)
    assert char_ngram_f("I like robots.", "I like robots.") == pytest.approx(1.0)
    assert char_ngram_f("abc", "xyz") == 0.0
    # beta 2 weights recall: the longer reply that contains the reference scores higher than the reverse.
    assert char_ngram_f("I like robots a lot", "I like robots") > char_ngram_f("I like robots", "I like robots a lot")
    assert char_ngram_f("a b c", "a b c d e", beta=1.0) == pytest.approx(char_ngram_f("a b c d e", "a b c", beta=1.0))


def test_consensus_puts_the_agreed_reply_first_among_the_confident_ones():
    texts = ["I love pizza", "I am a tutor bot", "I am a tutor, a bot", "I am a tutor bot xq zv", "I am the tutor bot"]
    samples = [Candidate(t, -0.1 * i) for i, t in enumerate(texts)]
    assert [c.text for c in consensus_order(samples, hypotheses=2, margin=1.0)] == [texts[i] for i in (1, 0, 2, 3, 4)]
    # neither a sample past `hypotheses` nor one far less confident than the best moves up for agreeing
    assert consensus_order(samples, hypotheses=1, margin=1.0) == samples
    assert consensus_order(samples, hypotheses=5, margin=0.05) == samples
    assert consensus_order(samples[:2], hypotheses=2, margin=1.0) == samples[:2]


def test_unconfident_samples_have_no_vote_in_the_consensus():
    # "tell me a joke": three garbled takes on one joke, far less confident, had outvoted two clean copies of another
    clean = "Why was the gradient so sad? Because it kept vanishing."
    garbled = ["What does a data scientist say when the model fails? It's not a bug, it'll be off toward data.",
               "What does a data scientist say when the model fails? It's not a bug, it'm a chatbot.",
               "What does a data scientist say when the model fails? It's not a bug, it' perfect telling me."]
    samples = [Candidate(clean, -0.15), Candidate(clean, -0.16), Candidate(garbled[0], -0.8),
               Candidate(garbled[1], -1.24), Candidate(garbled[2], -1.4)]
    assert consensus_order(samples, hypotheses=6, margin=1.0)[0].text == clean
    # with every sample close enough to vote, the garbled majority would have won
    assert consensus_order(samples, hypotheses=6, margin=2.0)[0].text in garbled


def test_relevance_weighs_into_the_consensus_only_among_the_close_samples():
    texts = ["see you soon, bye", "thank you, you did great", "see you soon, take care", "see you soon, bye bye"]
    samples = [Candidate(t, -0.1 * i) for i, t in enumerate(texts)]
    agreement_only = consensus_order(samples, hypotheses=4, margin=1.0)
    assert agreement_only[0].text.startswith("see you")  # what the samples keep coming back to
    relevance = [0.1, 0.9, 0.1, 0.1]  # the selector thinks the thanks line answers the message
    weighed = consensus_order(samples, hypotheses=4, margin=1.0, relevance=relevance, relevance_weight=1.0)
    assert weighed[0].text == "thank you, you did great"
    # zero weight: agreement alone; a far less confident sample never moves up, however relevant
    assert consensus_order(samples, hypotheses=4, margin=1.0, relevance=relevance) == agreement_only
    assert consensus_order(samples, 4, margin=0.05, relevance=[0.0, 0.0, 0.0, 9.0], relevance_weight=1.0) == samples


def test_the_safety_net_takes_the_callers_own_reason_to_refuse_a_candidate():
    net = SafetyNet(min_mean_log_prob=-2.0)
    candidates = [Candidate("a line learnt for another question", -0.1), Candidate("the right answer", -0.2)]
    refuse_first = lambda reply: "recited" if reply.startswith("a line") else None  # noqa: E731
    assert net.choose(candidates, "hi", "fallback", refuse_first).text == "the right answer"
    refused = net.choose(candidates[:1], "hi", "fallback", refuse_first)
    assert (refused.text, refused.from_model, refused.reason) == ("fallback", False, "recited")
    assert net.choose(candidates, "hi", "fallback").text == "a line learnt for another question"
