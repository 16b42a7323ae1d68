"""A small profanity filter for the responder's replies (the fetched chit-chat is real, unfiltered talk).

Whole words are matched after lowercasing, plus a few stems that any inflection starts with
("fuck" catches "fucking", "motherfucker" is listed). A word list, not a classifier: it must be
predictable, and a false positive only costs a persona fallback line.
"""
from __future__ import annotations

import re

PROFANE_WORDS = frozenset(
    """
    arse arsehole ass asshole asshat bastard bitch bitches bitchy bollocks bullshit crap crappy cunt cunts
    damn dammit dick dickhead dicks dildo douche douchebag fag faggot fags horseshit jackass jerkoff
    motherfucker motherfuckers nigga nigger piss pissed prick pussy retard retarded shit shits shitty
    slut sluts twat wank wanker whore whores porn porno boobs tits cock cocks penis vagina rape raped
    kys
    """.split()
)
PROFANE_STEMS = ("fuck", "shit", "cunt", "bitch", "nigg", "fagg", "whore", "slut", "wank")

_WORD = re.compile(r"[a-z]+")


def contains_profanity(text: str) -> bool:
    words = _WORD.findall(text.lower())
    return any(word in PROFANE_WORDS or word.startswith(PROFANE_STEMS) for word in words)
