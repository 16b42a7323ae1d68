"""A tokenizer for real chat text: offsets into the ORIGINAL string, matching on a normalised form.

Tokens are URLs / e-mails, numbers (0.5, 3x3, 1,000, 86%), words with inner apostrophes or
hyphens-free joins (don't, LSTMs, word2vec), and every other non-space character alone
(emoji, punctuation). ``norm`` is NFKC + casefold, used for vocabulary lookup; each word also
gets fastText-style hashed character n-grams so misspellings ("gradiant", "overfiting")
share most of their features with the right word.
"""
from __future__ import annotations

import re
import unicodedata
import zlib
from functools import lru_cache
from typing import NamedTuple

_TOKEN = re.compile(
    r"""
      (?:https?://|www\.)\S+[^\s.,!?;:)\]"']       # URL (trailing punctuation is not part of it)
    | [\w.+-]+@[\w-]+\.[\w.]+\w                    # e-mail
    | \d+(?:[.,:x×/]\d+)*%?(?![^\W\d_])            # numbers: 0.5, 3x3, 1,000, 10:30, 86% (not 2nd)
    | \w+(?:['’]\w+)*                              # words, with inner apostrophes (don't, it’s)
    | \S                                           # anything else alone: emoji, punctuation
    """,
    re.VERBOSE,
)

NGRAM_SIZES = (3, 4, 5)
SUBWORD_BUCKETS = 1 << 15


class Token(NamedTuple):  # a tuple: messages make many of these, and tuples are the cheapest to build
    text: str   # exactly message[start:end]
    start: int
    end: int
    norm: str   # NFKC + casefold, digits kept: the lookup key


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace("’", "'")


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end(), normalize(m.group())) for m in _TOKEN.finditer(text)]


def words(text: str) -> list[str]:
    """The normalised tokens of ``text`` (what word2vec and the vocabulary see)."""
    return [normalize(m.group()) for m in _TOKEN.finditer(text)]


def stable_hash(text: str) -> int:
    """A hash that is the same in every process (Python's hash() is salted per run)."""
    return zlib.crc32(text.encode("utf-8"))


@lru_cache(maxsize=200_000)
def subword_ids(norm: str, buckets: int = SUBWORD_BUCKETS) -> tuple[int, ...]:
    """Hashed character n-grams of ``<norm>`` plus the whole word: fastText's subword features."""
    marked = f"<{norm}>"
    grams = {marked}
    for n in NGRAM_SIZES:
        grams.update(marked[i : i + n] for i in range(max(1, len(marked) - n + 1)))
    return tuple(sorted({stable_hash(g) % buckets for g in grams}))
