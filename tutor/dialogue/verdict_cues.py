"""The words of a learner asking about, or disputing, the verdict on an answer: "was I right?", "the previous
one", "but I said ten, surely that is right?", "ur grading is broken"."""
from __future__ import annotations

import re

# "was I right?", "did I get it?", "what was the answer to the last one?": the verdict on the last graded item
ASKS_VERDICT = re.compile(r"\b(was i (right|correct|wrong)|am i (right|correct)|did i get (it|that|this)( right)?|"
                          r"did i (pass|fail)|(was|is) (that|it|my answer|my last answer) (right|correct|wrong)|"
                          r"what was the (right |correct )?answer|what'?s the (right |correct )?answer to the (last|previous)|"
                          r"answer to the (last|previous|other) (one|question)|i meant the (last|previous|other) "
                          r"(one|question)|how did i do on the (last|previous) (one|question)|where did i (mess up|go wrong|slip)|"
                          r"what did i (do|get) wrong)\b", re.IGNORECASE)
# "the last one", "the previous question": an item before the open one
PREVIOUS_ITEM = re.compile(r"\b(last|previous|prior|earlier|other) (one|question|item|exercise)\b", re.IGNORECASE)
_MINE = r"(that|it|this|mine|my answer|my (first|last) answer)"
# "but I said ten. ... surely that is right?", "0,5 is correct no?", "why is that wrong?", "u marked it wrong",
# "ur grading is kinda broken", "was 28px right or not??", "i was right!": the learner disputes a verdict (or asks
# it with an answer of theirs named), so the answer is read again and the reading shown, not graded as a new try
CONTESTS_GRADE = re.compile(
    r"\bbut i (said|wrote|answered|put|typed|gave|did say)\b|"
    rf"\bsurely {_MINE}('?s| is| was| must be)? (right|correct|ok)\b|"
    r"\b(is|was|'s) (right|correct|ok),? (no|right|isn'?t it|wasn'?t it|yes)\s*\?|"
    r"\b(should|must|ought to) (be|have been) (right|correct|accepted|ok)\b|"
    rf"\bwhy (is|was|'s) ({_MINE}|\(?[-\d.,; ]+\)?|[\w.,()/%-]+) (wrong|marked wrong|not (right|correct|accepted)|incorrect)\b|"
    r"\b(you|u|it) (marked|graded|counted|scored|said) (it|that|this|me|mine|my answer|\S+)( as)? (wrong|incorrect|"
    r"not (right|correct))\b|"
    r"\b(grading|grader|checker|checking|marking) (is|was|seems|looks)( \w+)? (broken|wrong|off|buggy|bugged|unfair|"
    r"weird)\b|"
    r"\bi (was|am) (right|correct)\b(?! (about|that|to|in)\b)|"
    r"\b(was|is) [\w.,()/%-]+( [\w.,()/%-]+)? (right|correct|wrong) or not\b|"
    r"\bi (got|had) (it|that|this) right\b|"
    r"\bthat'?s (exactly )?what i (said|wrote|answered|put|typed)\b",
    re.IGNORECASE)
