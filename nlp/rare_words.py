"""Words rare in English, for the answers component: a question that names a word no knowledge-base entry knows,
and that English seldom uses ("LoRA", "SageMaker", "ELBO", "eigenvalues"), asks about something the course does
not teach, however well its other words match ("what is LoRA fine-tuning?" had got the fine-tuning entry).

Frequencies are wordfreq's Zipf scale (the log10 of a word's count per billion words; 3 is one in a million). Not
rare: a common word with a suffix ("concretely", "forecastable"), a common word with a letter dropped or, from five
letters on, one edit off ("wich"), and a word common in another language learners mix in ("wie funktioniert
backpropagation genau?"). The word lists load on first use (about a second each), not at import.
"""
from __future__ import annotations

import re

from functools import lru_cache

from wordfreq import top_n_list, zipf_frequency

RARE_IN_ENGLISH = 3.0        # under it: fewer than one in a million English words
COMMON_ELSEWHERE = 4.0       # over it in another language: a plain word of that language, no term
VERY_COMMON = 4.5            # the words a typo is read against (about 3,000)
PLAIN_IN_ENGLISH = 3.5       # over it: a word of its own, not a typo of a term
OTHER_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl")
MIN_LETTERS = 4              # "wrt", "pls": abbreviations, not terms
SUFFIXES = ("ly", "able", "ible", "ing", "ed", "ness", "ment", "s")


@lru_cache(maxsize=8192)
def plain_word(word: str) -> bool:
    """A word English uses often enough (Zipf >= 3.5: "regards", "pretty") that it is no misspelling of a term:
    "warm regards" is not "rewards" one letter off."""
    return zipf_frequency(word.lower(), "en") >= PLAIN_IN_ENGLISH


@lru_cache(maxsize=8192)
def rare_word(word: str) -> bool:
    """A word of at least four letters (digits may follow: "fp16" has too few) that English seldom uses, and that is
    no inflection or typo of a common English word nor a common word of another language."""
    lowered = word.lower()
    if sum(c.isalpha() for c in lowered) < MIN_LETTERS or not lowered[0].isalpha() or _NOTATION.fullmatch(lowered):
        return False
    if _common(lowered) or _with_a_suffix(lowered) or _typo_of_a_common_word(lowered):
        return False
    return all(zipf_frequency(lowered, language) < COMMON_ELSEWHERE for language in OTHER_LANGUAGES)


# a maths symbol written out: "yhat" (ŷ), "y_hat", "xbar", "wdot", "aprime", "dldw" (dL/dw) is notation, no term;
# so is LaTeX: "yhat", "dL/dw", "sum_i", "x_i", "mathbf" (no term of the course's, none to refuse)
_NOTATION = re.compile(r"[a-z]_?(hat|bar|dot|prime|tilde|star)|d[a-z]{1,2}_?d[a-z]{1,2}\d?|[a-z]+_[a-z0-9]{1,3}|"
                       r"sum|prod|frac|sqrt|mathbf|mathrm|partial|nabla|sigma|lambda|theta|mathcal|cdot|top")


def _common(word: str) -> bool:
    return zipf_frequency(word, "en") >= RARE_IN_ENGLISH


def _with_a_suffix(word: str) -> bool:
    """"concretely" is "concrete" + "ly", "forecastable" "forecast" + "able"."""
    return any(word.endswith(suffix) and len(word) - len(suffix) >= MIN_LETTERS
               and (_common(word[:-len(suffix)]) or _common(word[:-len(suffix)] + "e")) for suffix in SUFFIXES)


def _typo_of_a_common_word(word: str) -> bool:
    """A very common word with a letter dropped ("wich"), or from five letters on one edit from one (both sides'
    one-letter deletions meet)."""
    common, deletions = _very_common_words()
    if word in deletions:
        return True
    return len(word) >= 5 and any(variant in common or variant in deletions for variant in _deletions_of(word))


@lru_cache(maxsize=1)
def _very_common_words() -> tuple[frozenset[str], frozenset[str]]:
    common = [w for w in top_n_list("en", 30_000) if w.isalpha() and zipf_frequency(w, "en") >= VERY_COMMON]
    return frozenset(common), frozenset(variant for w in common for variant in _deletions_of(w))


def _deletions_of(word: str) -> list[str]:
    return [word[:i] + word[i + 1:] for i in range(len(word))]
