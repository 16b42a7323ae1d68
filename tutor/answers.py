"""Reading a learner's typed answer: numbers, vectors and quiz options.

Learners type answers the way people do: "0.5", ".5", "1/2", "50%", "about 0.73",
"(3.2, 3.2)", "x = 4, 4", "b)", "option 2", or the option's text. These helpers turn such
text into values; :meth:`tutor.exercises.Question.check` and the dialogue manager both use them.
"""
from __future__ import annotations

import difflib
import re
import string

# One number: a fraction "1/2", a decimal ".5" / "-3.25" / "1e-3", optionally a percent.
# The look-behind refuses digits glued to a name ("x1", "w_2") so "x1 = 4" reads as 4.
_NUMBER = re.compile(
    r"(?<![\w.])"
    r"(?P<num>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)"
    r"(?:\s*/\s*(?P<den>[-+]?(?:\d+\.?\d*|\.\d+)))?"
    r"(?P<pct>\s*%)?"
    r"(?![\w])"
)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_WORD_NUMBERS = {
    "zero": 0.0, "one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0, "six": 6.0,
    "seven": 7.0, "eight": 8.0, "nine": 9.0, "ten": 10.0, "half": 0.5, "a half": 0.5,
    "one half": 0.5, "a quarter": 0.25, "quarter": 0.25,
}
_OPTION_LETTER = re.compile(r"^(?:option|answer|choice)?\s*[(\[]?([a-z])[)\].:]?$")
_OPTION_NUMBER = re.compile(r"^(?:option|answer|choice|number|no\.?|#)?\s*[(\[]?(\d+)[)\].:]?$")


def normalize(text: str) -> str:
    """Lower case, unicode minus to '-', punctuation dropped, whitespace collapsed."""
    text = text.replace("\u2212", "-").replace("\u2013", "-").lower()
    kept = "".join(ch if ch not in string.punctuation or ch in "-+" else " " for ch in text)
    return " ".join(kept.split())


def _clean_for_numbers(text: str) -> str:
    # Unicode minus and the multiplication-free "2·x" forms learners paste from slides.
    return text.replace("\u2212", "-").replace("\u2013", "-").replace(",", " , ")


def _numbers_in(text: str) -> list[float]:
    values: list[float] = []
    for match in _NUMBER.finditer(_clean_for_numbers(text)):
        value = float(match["num"])
        if match["den"] is not None:
            denominator = float(match["den"])
            if denominator == 0:
                continue
            value /= denominator
        if match["pct"]:
            value /= 100.0
        values.append(value)
    return values


def parse_number(text: str) -> float | None:
    """The one number in ``text`` ("0.5", ".5", "1/2", "50%", "about -0.73", "half"), else None.

    Text holding several numbers is ambiguous and gives None (use :func:`parse_vector`), unless
    it is a worked line like "z = 2·1 − 0.5 = 1.5", read as its final result.
    """
    numbers = _numbers_in(_THOUSANDS.sub("", text))   # "3,072" is one number here
    if len(numbers) == 1:
        return numbers[0]
    if not numbers:
        return _WORD_NUMBERS.get(normalize(text))
    if "=" in text:   # a worked line "h = g(2) = 0.88": the result is what follows the last "="
        result = _numbers_in(text.rsplit("=", 1)[1])
        return result[0] if len(result) == 1 else None
    return None


def parse_vector(text: str) -> list[float] | None:
    """All numbers in ``text`` in order: "(3.2, 3.2)", "[4 4]", "x1 = 4, x2 = 4"; None if none."""
    numbers = _numbers_in(text)
    return numbers or None


def match_option(text: str, options: list[str]) -> int | None:
    """The 0-based index of the option the learner chose, or None.

    Tried in this order so that numeric options stay unambiguous: the option's exact text
    ("4" picks the option "4", not the fourth one), then its letter ("b", "(b)", "option b")
    or 1-based number ("2", "2."), then the one option containing the text as whole words, then
    a close spelling of one option's text.
    """
    if not options:
        return None
    wanted = normalize(text)
    if not wanted:
        return None
    normalized = [normalize(option) for option in options]
    if wanted in normalized:
        return normalized.index(wanted)
    raw = text.strip().lower()
    if (letter := _OPTION_LETTER.match(raw)) and ord(letter[1]) - ord("a") < len(options):
        return ord(letter[1]) - ord("a")
    if (number := _OPTION_NUMBER.match(raw)) and 1 <= int(number[1]) <= len(options):
        return int(number[1]) - 1
    # "yes" picks "y = 1 (YES)", "learning rate" picks "The learning rate is too small".
    containing = [i for i, option in enumerate(normalized) if f" {wanted} " in f" {option} "]
    if len(containing) == 1:
        return containing[0]
    close = difflib.get_close_matches(wanted, normalized, n=2, cutoff=0.8)
    if len(close) == 1 or (close and normalized.count(close[0]) == 1 and _clearly_best(wanted, close)):
        return normalized.index(close[0])
    return _option_with_all_words(wanted, normalized)


_FUNCTION_WORDS = frozenset("a an the it its this that of to is are i think my answer".split())


def _option_with_all_words(wanted: str, normalized: list[str]) -> int | None:
    """The one option holding every content word of the answer, in any order ("the words around it"
    picks "The words around a given word"); None if no option or several do."""
    words = {singular(w) for w in wanted.split()} - _FUNCTION_WORDS
    if not words:
        return None
    holding = [i for i, option in enumerate(normalized) if words <= {singular(w) for w in option.split()}]
    return holding[0] if len(holding) == 1 else None


def _clearly_best(wanted: str, close: list[str]) -> bool:
    """Two options spelled alike: accept the first only if it is clearly the closer one."""
    first, second = (difflib.SequenceMatcher(None, wanted, option).ratio() for option in close[:2])
    return first - second > 0.1


def text_matches(text: str, accepted: list[str], *, cutoff: float = 0.85) -> bool:
    """Whether free text equals one of the accepted answers, tolerating case, punctuation,
    plural "s" and small typos ("convolutonal" for "convolutional")."""
    wanted = _singular(_without_fillers(normalize(text)))
    if not wanted:
        return False
    candidates = [_singular(_without_fillers(normalize(answer))) for answer in accepted]
    if wanted in candidates:
        return True
    return bool(difflib.get_close_matches(wanted, candidates, n=1, cutoff=cutoff))


_FILLERS = re.compile(r"^(?:(?:i think|i guess|maybe|it is|it s|its|the answer is|answer|that s|thats|is) )*"
                      r"(?:(?:the|a|an) )?")


def _without_fillers(phrase: str) -> str:
    """"i think it's the experience" -> "experience": the words around an answer are not the answer."""
    return _FILLERS.sub("", phrase)


def _singular(phrase: str) -> str:
    return " ".join(singular(word) for word in phrase.split())


def singular(word: str) -> str:
    """A crude singular ("lstms" -> "lstm", "networks" -> "network"); applied to both sides
    of every comparison, so it only has to be consistent, not linguistically right."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
