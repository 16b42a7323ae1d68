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
    return re.sub(r"½|\b1\s*/\s*2\b|\b0[.,]5\b", " half ", text)


def _loosely_covers(said: set[str], needed: set[str]) -> bool:
    if not needed:
        return False
    return all(word in said or any(word in group and said & group for group in _SYNONYMS_STEMMED)
               or difflib.get_close_matches(word, said, n=1, cutoff=0.85) for word in needed)
