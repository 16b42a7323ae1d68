"""Chat shorthand written out ("what skills shld i look for?" -> "... should ..."), so that the NLU, the answer
retriever and the tutor's cues read the words they were trained on. "shld" had been taken for a term the course does
not teach ("This seminar doesn't teach 'shld'"), "wld" and "abt" hid the question's words from the retriever.

Only forms with one reading in a chat about the course: "u" only where it is the pronoun ("can u", "u think"), never
the RNN's matrix U; "r" only in "r u"; "q" (attention's query) and "prob" (probability) are left alone."""
from __future__ import annotations

import re

SHORTHAND: dict[str, str] = {
    "shld": "should", "shud": "should", "wld": "would", "wud": "would", "cld": "could", "cud": "could",
    "abt": "about", "smth": "something", "smthg": "something", "sth": "something", "pls": "please", "plz": "please",
    "thx": "thanks", "thnx": "thanks", "tnx": "thanks", "tho": "though", "ur": "your", "b4": "before",
    "cuz": "because", "coz": "because", "bcoz": "because", "idk": "I don't know", "dunno": "don't know",
    "imo": "in my opinion", "tbh": "to be honest", "ngl": "honestly", "txn": "transaction", "txns": "transactions",
    "wat": "what", "wut": "what", "ppl": "people", "rly": "really", "nvm": "never mind", "lmk": "let me know",
    "w/o": "without", "w/": "with", "bcs": "because", "becuz": "because", "wanna": "want to", "gonna": "going to",
    "doin": "doing", "goin": "going", "nothin": "nothing", "somethin": "something", "hru": "how are you",
    "wyd": "what are you doing", "tmrw": "tomorrow", "2day": "today", "2morrow": "tomorrow", "nite": "night",
}
_WORD = re.compile(r"(?<![\w/])(" + "|".join(re.escape(key) for key in sorted(SHORTHAND, key=len, reverse=True))
                   + r")(?![\w/])", re.IGNORECASE)
# "u" as the pronoun: after a verb that takes it ("can u", "thank u", "r u") or before one ("u think", "u gave")
_YOU_AFTER = re.compile(r"\b(can|could|would|will|do|did|are|have|thank|love|see|tell|if|when|were|r|about|for|to|"
                        r"with|let|help|make|get|give|ask|show|teach|bet|hope|got|mean|think)\s+u\b(?![·*=(_^'’])",
                        re.IGNORECASE)
_YOU_BEFORE = re.compile(r"(?<![\w·*=+(^-])(?<![·*=+(^-]\s)\bu(?=\s+(?:are|r|know|think|have|can|could|gave|give|said|"
                         r"say|mean|pick|got|do|did|would|should|will|just|keep|really|ever|always|never|see|want|need|"
                         r"like|remember|explain)\b)")
_YOU_ARE = re.compile(r"\bur(?=\s+(?:so|kinda|really|very|pretty|such|the best|a|an|not|welcome|right|smart|funny|"
                      r"amazing|awesome|great|good|cool|wrong|correct|the|too|just|literally|always|never|my)\b)",
                      re.IGNORECASE)
_YOU_R = re.compile(r"\b(you)\s+r\b", re.IGNORECASE)   # "u r the best"
_ARE_YOU = re.compile(r"\br\s+(?=you\b)")
# "hw" as "how" only where a question follows ("hw r u", "hw does it work"), never homework ("is there hw today")
_HOW = re.compile(r"\bhw(?=\s+(?:r|are|is|was|do|does|did|can|could|to|much|many|come|about|long)\b)", re.IGNORECASE)


def expand_shorthand(text: str) -> str:
    """``text`` with chat shorthand written out; everything else as it was."""
    text = _YOU_ARE.sub(lambda found: _matching_case(found[0], "you're"), text)   # "ur kinda smart": you're
    text = _WORD.sub(lambda found: _matching_case(found[0], SHORTHAND[found[0].lower()]), text)
    text = _HOW.sub(lambda found: _matching_case(found[0], "how"), text)
    text = _YOU_AFTER.sub(lambda found: found[1] + " you", text)
    text = _YOU_BEFORE.sub("you", text)
    return _YOU_R.sub(r"\1 are", _ARE_YOU.sub("are ", text))


def _matching_case(said: str, written: str) -> str:
    return written[:1].upper() + written[1:] if said[:1].isupper() else written
