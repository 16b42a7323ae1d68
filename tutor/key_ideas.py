"""Grading a short explanation against a why-question's key ideas: which ideas the learner's words
express, up to word endings, synonyms, abbreviations and small typos."""
from __future__ import annotations

import difflib
import re

from tutor.answers import _SYNONYMS_STEMMED, content_words


def missing_ideas(text: str, key_ideas: list[list[str]]) -> list[int]:
    """The indices of the key ideas ``text`` does not express. An idea is a list of accepted
    phrasings; one is expressed when every content word of one phrasing is in the text, up to word
    endings, synonyms, abbreviations and small typos ("the 1/2 cancels the 2 of the derivative")."""
    said = content_words(_halves_as_words(text))
    return [i for i, phrasings in enumerate(key_ideas)
            if not any(_loosely_covers(said, content_words(_halves_as_words(p))) for p in phrasings)]


def _halves_as_words(text: str) -> str:
    """"½" as "half", and a colour image's size as its channels ("224x224x3 numbers" had been told "one more idea:
    colour images have three channels")."""
    text = re.sub(r"\b\d+\s*[x×]\s*\d+\s*[x×]\s*(3|three)\b", " three channels ", text)
    return re.sub(r"½|\b1\s*/\s*2\b|\b0[.,]5\b", " half ", text)


def _loosely_covers(said: set[str], needed: set[str]) -> bool:
    if not needed:
        return False
    return all(word in said or any(word in group and said & group for group in _SYNONYMS_STEMMED)
               or _misspelt_in(word, said) for word in needed)


def _misspelt_in(word: str, said: set[str]) -> bool:
    """A small typo of ``word`` among the words said, its first letter kept: "right?" is no "bright" ("224x224x3
    numbers, right?" had been read as naming the pixels' brightness)."""
    return any(close[0] == word[0] for close in difflib.get_close_matches(word, said, n=3, cutoff=0.85))
