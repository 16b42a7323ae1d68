"""Reading a learner's typed answer: numbers, vectors, quiz options and short explanations.

Learners type answers the way people do: "0.5", ".5", "0,5", "1/2", "50%", "2.5e-1", "2.5·10^-1",
"zero point five", "about 0.73", "ugh. 2", "3x3", "(3.2, 3.2)", "(6,3; -3,5)", "x = 4, 4", "b)",
"option two", "the second one", the option's text or its meaning in their own words ("sklearn", "RL", "the
context words"). These helpers turn such text into values for :meth:`tutor.question.Question.check` and the dialogue.
"""
from __future__ import annotations

import difflib
from functools import lru_cache
import re
import string

from tutor.arithmetic import read_equations

# One number: a fraction "1/2", a decimal ".5" / "-3.25" / "1e-3", optionally a percent.
# The look-behind refuses digits glued to a name ("x1", "w_2") so "x1 = 4" reads as 4.
_NUMBER = re.compile(
    r"(?<![\w.])"
    r"(?P<num>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)"
    r"(?:\s*/\s*(?P<den>[-+]?(?:\d+\.?\d*|\.\d+)))?"
    r"(?P<pct>\s*%)?"
    r"(?![\w])"
)
# a reasoning that ends in its result: "2 on each side so 4", "2 + 2, that makes 4" (the last such word)
_CONCLUSION = re.compile(r".*(?:\b(?:roughly|approximately|about)|≈)\s*(?=\D*\d[\d.,]*\D*$)|"
                         r".*\b(?:so|thus|hence|therefore|which (?:is|gives|makes)|which i (?:make|get)|that (?:is|gives|makes)|"
                         r"that s|thats|makes|giving|gives|total(?: of)?|in total|->|→)\s+(?=\D*\d[\d.,]*\D*$)|"
                         r".*\b(?:is|equals)\s+(?=[-+]?\d[\d.,]*\W*$)",   # "... divide by 4 is 0,563": the number right after
                         re.IGNORECASE | re.DOTALL)
# where a worked answer turns to its result: "minus 1,5 so... 0,18?", "0,5 times 0,5 ... zero point two five",
# "(0,0)? no wait. 5 - 0.1*10 = 4, so (4, 4)": what follows the last of these is the answer
_TURN_TO_RESULT = re.compile(r"\.\.+|…|\b(?:so|thus|hence|therefore|wait|gives|makes)\b|=|->|→|:(?=\s)", re.IGNORECASE)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
# "0,5", "-0,05", "1,5", "12,25": a comma between digits that cannot be a thousands separator
# (after a lone 0, or followed by other than exactly three digits) is a decimal comma.
_COMMA_NUMBER = re.compile(r"(?<![\d,.])(?P<int>-?\d+),(?P<frac>\d+)(?!\d|,\d)")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_SUPERSCRIPT_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+")
# "2.5·10^-1", "2.5 × 10^(-1)", "2.5*10^-1", "2.5 x 10^-1" -> "2.5e-1"
_TIMES_TEN = re.compile(r"(?P<mantissa>\d+(?:\.\d+)?)\s*[·×x*]\s*10\s*\^\s*\(?(?P<exp>[-+]?\d+)\)?")
# "3x3", "3 × 3", "3 by 3": a size; one side is the answer when both sides are equal.
# "3x3", "28 by 28": a size, read as one side; never a product inside a worked line ("z = 2*0 + (-2)*(-2) = -4")
_SIZE = re.compile(r"(?<![\w.)*/+-])(?P<a>\d+)\s*(?:[x×]|\*(?![^=]*=)|by)\s*(?P<b>\d+)(?![\w.(*/+-])")

_UNITS = {word: float(n) for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_UNITS["oh"] = 0.0
_TENS = {word: 10.0 * n for n, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_FRACTION_WORDS = {"half": 0.5, "a half": 0.5, "one half": 0.5, "a quarter": 0.25, "quarter": 0.25,
                   "one quarter": 0.25, "three quarters": 0.75, "a third": 1 / 3, "one third": 1 / 3}
_SIGN_WORDS = frozenset({"minus", "negative"})
_NUMBER_WORDS = frozenset({*_UNITS, *_TENS, *_SIGN_WORDS, "hundred", "thousand", "point", "and", "a", "half",
                           "quarter", "quarters", "third"})
_ANSWER_FILLERS = frozenset("i think its it s is maybe the answer um uh ugh hmm hm erm guess about roughly approximately "
                            "probably well so ok okay that would be say d i m sure pretty option number no lol".split())
# "wait, I was answering the quiz. the answer is 2": what follows "the answer is" after other words is the answer
_STATED_ANSWER = re.compile(r"\b(?:the|my)\s+(?:(?:correct|right|real|final|true)\s+)?(?:answer|choice)(?:['’]s|\s+(?:is|would be|should be|was))\s*:?\s*(?P<answer>\S.*)$",
                            re.IGNORECASE)
_EMOJI = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]+")
# an option's position, then its text: "2, the 8 again" (the options were digits: "2" had picked the option "2")
_POSITION_AND_TEXT = re.compile(r"\W*(?:option\s+)?(\d)\s*[,.:)\-]?\s+(?:the\s+|option\s+|i\.e\.\s+)?([\w.]+)")
# how sure the learner is, said before the pick: "like 80% sure its the first one", "90 percent certain that b"
_HOW_SURE = re.compile(r"\W*(?:like|about|around|maybe|prob(?:ably)?|i'?m|i am|im)?\s*\d{1,3}\s*(?:%|percent|pct)\s*"
                       r"(?:sure|certain|confident)\b[\s,:]*(?:that|about|on|it'?s|its|it is)?\s*", re.IGNORECASE)
_OPTION_LETTER = re.compile(r"^(?:option|answer|choice)?\s*[(\[]?([a-z])[)\].:]?$")
# an option's number, then the learner's reason or words for it: "4 because ...", "2 the eights", "3, the one with g"
_OPTION_THEN_WORDS = re.compile(r"[(\[]?\d[)\].:,-]?\s+(?:because|since|as|cause|cuz|coz|bc|the|its|it's|it is|i think)\b")
# "the second", "the first one", "option 2" inside a longer answer; a number closing it after a comma ("..., 4")
_ORDINAL_INSIDE = re.compile(r"\bthe (first|second|third|fourth|fifth|last|[1-5](?:st|nd|rd|th))\b(?!\s+(?!one\b|option\b|answer\b|choice\b)[a-z])|\b(first|second|third|fourth|fifth|last) "
                             r"(?=one\b|option\b|answer\b|choice\b)|\b(?:option|answer|choice|number) (\d)\b|\bthe (\d) one\b")   # "the 3 one, with the g"
# an earlier item talked about ("i mean a for last one"): no option of this one named by it
_EARLIER_ITEM = re.compile(r"\b(?:for|on|about|to|in|at|with)\s+(?:the\s+)?(?:last|previous|other|first)\s+(?:one|question|item|quiz)\b",
                           re.IGNORECASE)
_A_POSITION = re.compile(r"\W*((the|option|answer|choice) )?(first|second|third|fourth|fifth|last|[a-e])"
                         r"( one| option| answer)?\W*")
_ANOTHER_ONE = re.compile(r"^(?:(?:yay|yes|ok|okay|cool|nice|great|sure|ha+|lol)\s+)*(?:another one|one more|next one)"
                          r"(?:\s+(?:please|pls|plz))?$")
_LEAD_THEN_WHY = re.compile(r"\s+[-–—]\s+|[.;:]\s+")   # the answer said first, then why or what else
# "ok it's the percentage, 4", "segmentation. 3", "... so is YES, answer 1"
_NUMBER_AT_THE_END = re.compile(r"(?:[,;:!]\s*|\.\s+)(?:(?:answer|option|choice|number)\s+)?(\d)\W*$")
_NUMBER_SENTENCE = re.compile(r"(?:^|[.!]\s+)(\d)[.!]\s+\S")   # "wow, brutal. 3. seriously, something harder"
# a number said first, then the reason in words: "4. 2 on each side", "4, two on each side" (not "0,5": no space)
_ANSWER_THEN_REASON = re.compile(r"\s*([-+]?\d+(?:\.\d+)?)\s*[.,:;!)]\s+(?=(?:\S+\s+){0,2}[a-z]{2,})", re.IGNORECASE)
_OPTION_NUMBER = re.compile(r"^(?:option|answer|choice|number|no\.?|#)?\s*[(\[]?(\d+)[)\].:]?$")
_ORDINALS = {word: n for n, word in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth".split(), start=1)}
_ORDINALS.update({f"{n}{suffix}": n for n, suffix in ((1, "st"), (2, "nd"), (3, "rd"), *((k, "th") for k in range(4, 11)))})


def number_word(word: str) -> int | None:
    """A whole number said as a word or an ordinal ("two", "second", "2nd"), None for any other word."""
    word = word.lower()
    value = _ORDINALS.get(word, _UNITS.get(word))
    return int(value) if value is not None else None


_CHOICE_WORDS = re.compile(
    r"^(?:(?:i think|i guess|i d say|i choose|i pick|i ll take|it s|its|it is|maybe|probably|must be|"
    r"the answer is|answer|the|option|choice|number|no|pick|take|go with)\s+)*"
    r"(?P<pick>[a-z]|\d+|\w+)(?:\s+(?:one|option|answer|choice))?$")


_PUNCTUATION_TO_SPACE = str.maketrans({ch: " " for ch in string.punctuation if ch not in "-+"})


def normalize(text: str) -> str:
    """Lower case, unicode minus to '-', punctuation dropped, whitespace collapsed."""
    return " ".join(text.replace("\u2212", "-").replace("\u2013", "-").lower().translate(_PUNCTUATION_TO_SPACE).split())


def _prepare(text: str) -> str:
    """Unicode signs to ASCII and "2.5×10⁻¹" forms to "2.5e-1", before numbers are read."""
    text = text.replace("\u2212", "-").replace("\u2013", "-")
    text = _SUPERSCRIPT_RUN.sub(lambda m: "^" + m[0].translate(_SUPERSCRIPTS), text)
    return _TIMES_TEN.sub(lambda m: f"{m['mantissa']}e{m['exp']}", text)


def decimal_commas(text: str, *, always: bool = False) -> str:
    """Decimal commas to points where the comma cannot group thousands ("0,5", "0,001", "1,25"; "3,072" stays), read
    alike in answers and lab settings; ``always`` also turns "1,234" (a list context uses ";" then)."""
    def point(match: re.Match[str]) -> str:
        whole, fraction = match["int"], match["frac"]
        if always or whole.lstrip("-") == "0" or len(fraction) != 3:
            return f"{whole}.{fraction}"
        return match[0]
    return _COMMA_NUMBER.sub(point, text)


def _numbers_in(text: str) -> list[float]:
    values: list[float] = []
    for match in _NUMBER.finditer(text.replace(",", " , ").replace(";", " ; ")):
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


def number_readings(text: str) -> list[list[float]]:
    """The numbers a reader could see in ``text``, in each reading: decimal commas ("0,5" as 0.5) and
    thousands separators ("3,072" as 3072). The leak checks compare answers against these."""
    prepared = _prepare(text)
    return [_numbers_in(decimal_commas(prepared)), _numbers_in(_THOUSANDS.sub("", prepared))]


def parse_number(text: str) -> float | None:
    """The one number in ``text`` ("0.5", ".5", "0,5", "1/2", "50%", "2.5e-1", "about -0.73",
    "zero point five", "3x3" when one side is asked), else None.

    Text holding several numbers is ambiguous and gives None (use :func:`parse_vector`), unless
    it is a worked line like "z = 2·1 − 0.5 = 1.5", read as its final result.
    """
    sentences = re.split(r"(?<=[!?])\s+|(?<=[^.\d]\.)\s+|(?<=\d\.)\s+(?=[A-Za-z])", text.strip())   # not at "so..."
    stated = " ".join(sentence for sentence in sentences if not sentence.endswith("?"))
    if len(sentences) > 1 and stated and stated != text.strip() and (value := parse_number(stated)) is not None:
        return value     # "..., so 3.25. And that means it's outside the circle so y = 1?": the statement's number
    prepared = _prepare(text)
    if (grouped := _thousands_worked_out(prepared)) is not None:   # "4 x 4256 = 17.024"
        return grouped
    # a size is read where the result is: on the left of a worked line it is working ("10x2 weights + 2 bias = 22")
    sizes = list(_SIZE.finditer(prepared, prepared.rfind("=") + 1))
    if len(sizes) == 1:
        if sizes[0]["a"] != sizes[0]["b"]:
            return None          # "3x4" names two sides; which one is meant is unclear
        prepared = prepared[:sizes[0].start()] + sizes[0]["a"] + prepared[sizes[0].end():]
    numbers = _numbers_in(_THOUSANDS.sub("", decimal_commas(prepared)))   # "3,072" is one number here
    if len(numbers) == 1:
        return numbers[0]
    if not numbers:
        if (value := number_from_words(text)) is None and (first := _said_first(text)) is not None:
            return number_from_words(first)
        return value
    if "=" in prepared:   # a worked line "h = g(2) = 0.88": the result is what follows the last "="
        said = _numbers_in(_THOUSANDS.sub("", decimal_commas(prepared.rsplit("=", 1)[1])))
        if len(said) > 1 and len(set(said)) == 1:   # "... = −5,5. Output −5,5.": the result said twice
            return said[0]
        return parse_number(prepared.rsplit("=", 1)[1]) if prepared.rsplit("=", 1)[1].strip() else None
    outside = _without_brackets(prepared)   # "28? (4 times 3+4)": the answer, its working in brackets
    if outside != prepared and len(_numbers_in(_THOUSANDS.sub("", decimal_commas(outside)))) == 1:
        return parse_number(outside)
    if conclusion := _CONCLUSION.search(prepared):   # "oh 2 on each side so 4": the number concluded
        return parse_number(prepared[conclusion.end():])
    if result := _result_of(prepared):
        return parse_number(result)
    if named := _TERM_NAMED_THEN_ANSWER.fullmatch(prepared):   # "ahh the +1, 28": the slip's term named, then the answer
        return parse_number(named[1])
    if (why := _THEN_BECAUSE.search(prepared)) and len(_numbers_in(decimal_commas(prepared[:why.start()]))) == 1:
        return parse_number(prepared[:why.start()])   # "I think it is 1, because ... the 3 by 3 patch": the answer, then why
    leading = _ANSWER_THEN_REASON.match(prepared)   # "4. 2 on each side. now stop": the answer, then why
    return float(leading[1]) if leading else None


_THEN_BECAUSE = re.compile(r"[,;]?\s+\b(?:because|since|cause|cuz|as)\b\s+(?![\d(])", re.IGNORECASE)
_TERM_NAMED_THEN_ANSWER = re.compile(r"[^\d+\-]*\bthe\s+[+\-]\d+\b[^\d]*?[,;:.]\s*(-?\d+(?:\.\d+)?)\W*")
_GROUPED_THOUSANDS = re.compile(r"\s*(\d{1,3}(?:[.,]\d{3})+)\W*")


def _thousands_worked_out(text: str) -> float | None:
    """The result of a worked line grouped by thousands with a dot, as in German ("4 x 4256 = 17.024"): 17024 where
    the left side works out to it; None for any other line."""
    if "=" not in text:
        return None
    left, right = text.rsplit("=", 1)
    if (grouped := _GROUPED_THOUSANDS.fullmatch(right)) is None:
        return None
    whole = float(re.sub(r"[.,]", "", grouped[1]))
    sums = read_equations(re.sub(r"(?<=\d)\s*[x×]\s*(?=\d)", "*", left) + f" = {whole:.0f}")
    return whole if sums and sums[-1].wrong_at is None else None


def _without_brackets(text: str) -> str:
    """``text`` without the remarks it puts in brackets after a space ("28? (4 times 3+4)" -> "28? ", "128 (4·(4·7+4))"
    -> "128 "); brackets of a formula stay ("1/(1+1)", "g(2)", "= (5·5·3 + 1)·32")."""
    kept, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "(":
            if depth == 0:
                before = text[:index].rstrip()
                if index > 0 and text[index - 1].isspace() and before and before[-1] not in "/*·×+-=^(":
                    kept.append(text[start:index])
                    start = -1          # a remark: dropped up to its closing bracket
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0 and start == -1:
                start = index + 1
    kept.append(text[start:] if start >= 0 else "")
    return " ".join(kept)


def _said_first(text: str) -> str | None:
    """The number said first, before a comma and the learner's words: "ten, one per digit" -> "ten"."""
    first = re.match(r"\s*([^,;:]+?)\s*[,;:]\s+[a-z]", text, re.IGNORECASE)
    return first[1] if first and len(first[1].split()) <= 3 else None


def _result_of(text: str) -> str | None:
    """The words after the last turn to a result ("... so 0,18"), where there are any; else None."""
    turns = list(_TURN_TO_RESULT.finditer(text))
    tail = text[turns[-1].end():] if turns else ""
    return tail if re.search(r"\w", tail) else None


def number_from_words(text: str) -> float | None:
    """"zero point five" -> 0.5, "minus two" -> -2, "twenty one" -> 21, "i think a half" -> 0.5: a
    number written in words, alone or with a few filler words, else None ("i have one question")."""
    words = normalize(text).split()
    if not words or any(w not in _NUMBER_WORDS and w not in _ANSWER_FILLERS for w in words):
        return None
    phrase = " ".join(w for w in words if w in _NUMBER_WORDS)
    for fraction, value in sorted(_FRACTION_WORDS.items(), key=lambda item: -len(item[0])):
        if phrase.endswith(fraction) and re.fullmatch(rf"(?:(?:minus|negative) )?{fraction}", phrase):
            return -value if phrase.startswith(("minus", "negative")) else value
    kept = [w for w in phrase.split() if w not in ("a", "half", "quarter", "quarters", "third")]
    if not kept or not any(w in _UNITS or w in _TENS for w in kept):
        return None
    return _words_value(kept)


def _words_value(words: list[str]) -> float | None:
    sign = -1.0 if words[0] in _SIGN_WORDS else 1.0
    words = [w for w in words if w not in _SIGN_WORDS and w != "and"]
    whole_words, _, decimal_words = " ".join(words).partition(" point ")
    if whole_words.endswith("point"):
        return None
    total, current = 0.0, 0.0
    for word in whole_words.split():
        if word in _UNITS or word in _TENS:
            current += _UNITS.get(word, _TENS.get(word, 0.0))
        elif word == "hundred":
            current = max(current, 1.0) * 100
        elif word == "thousand":
            total, current = total + max(current, 1.0) * 1000, 0.0
    digits = decimal_words.split()
    if any(d not in _UNITS or _UNITS[d] > 9 for d in digits):
        return None
    fraction = float("0." + "".join(str(int(_UNITS[d])) for d in digits)) if digits else 0.0
    return sign * (total + current + fraction)


def parse_vector(text: str, size: int | None = None) -> list[float] | None:
    """All numbers in ``text`` in order: "(3.2, 3.2)", "[4 4]", "x1 = 4, x2 = 4"; None if none.

    With ";" between the numbers, commas inside them are decimal commas: "(6,3; -3,5)". Given the
    expected ``size``, "(6,3, -3,5)" or "3,2 3,2" are read with decimal commas when only that
    reading gives ``size`` numbers.
    """
    prepared = _prepare(text)
    if ";" in prepared:
        numbers = _numbers_in(decimal_commas(prepared, always=True))
    else:
        numbers = _numbers_in(prepared)
        with_commas = _numbers_in(decimal_commas(prepared, always=True))
        if size is not None and len(numbers) != size and len(with_commas) == size:
            return with_commas
    if size is not None and len(numbers) != size and (result := _result_of(prepared)) and (
            concluded := parse_vector(result, size)) and len(concluded) == size:
        return concluded     # "(0,0)? no wait. 5 - 0.1*10 = 4, so (4, 4)", "x1 = ... = -4,2 ... so (-4,2 ; -4,9)"
    return numbers or None


# --- options --------------------------------------------------------------------------------

# Abbreviations and synonyms learners use for the words of the options (both sides are expanded).
ABBREVIATIONS: dict[str, str] = {
    "sklearn": "scikit learn", "scikitlearn": "scikit learn", "rl": "reinforcement learning",
    "nn": "neural network", "nns": "neural network", "ann": "artificial neural network",
    "cnn": "convolutional neural network", "convnet": "convolutional neural network",
    "rnn": "recurrent neural network", "lstm": "long short term memory", "lr": "learning rate",
    "gd": "gradient descent", "sgd": "stochastic gradient descent", "ml": "machine learning",
    "dl": "deep learning", "tf": "tensorflow", "bn": "batch normalization", "mse": "mean squared error",
    "w2v": "word2vec", "gan": "generative adversarial network", "nlp": "natural language processing",
    "ai": "artificial intelligence", "pic": "picture", "pics": "picture", "img": "image", "imgs": "image",
    "param": "parameter", "params": "parameter", "approx": "approximately", "info": "information",
    "tanh": "hyperbolic tangent", "relu": "rectified linear unit",   # "the hyperbolic tangent one" picks tanh
}
_SYNONYMS: tuple[frozenset[str], ...] = tuple(frozenset(group.split()) for group in (
    "context around surround neighbour neighbor nearby",
    "big large high huge", "small low tiny little", "picture image photo",
    "more extra additional", "fewer less", "new unseen", "memorise memorize memorising memorizing",
    "correct correctly right", "wrong incorrect wrongly", "percent percentage share proportion fraction", "fast quick", "wiggly wiggle wiggles wavy bumpy",
    "tell tells spot spots detect detects distinguish distinguishes recognise recognize catch catches",
    "fake fakes forgery forgeries", "push pushes shrink shrinks pull pulls", "probability chance likelihood",
))
_FUNCTION_WORDS = frozenset(
    "a an the it its this that these those of to is are be i think my answer in on at for with by and or "
    "s one ones which what maybe guess probably would should could just so they them he she we you do does will "
    "get gets got".split())
_QUESTION_START = re.compile(r"^(?:what|why|how|which|who|when|where|can|could|do|does|is|are|explain|tell)\b")


def says_the_answer(text: str) -> bool:
    """"the answer is 2", "ok my answer's 0,5": an answer said as one, whatever the state."""
    return _STATED_ANSWER.search(text) is not None


def stated_answer(text: str) -> str:
    """The words after "the answer is" where other words come before them ("sorry, I was answering the quiz.
    the answer is 2" -> "2"); else the text as it is."""
    stated = _STATED_ANSWER.search(text)
    return stated["answer"] if stated and text[:stated.start()].strip() else text


# where a worked answer turns to the option it ends on: "-1 + 0.25 + 0.25 = -0.5, negative, so inside the unit circle:
# y = 0.", "It diverges: the factor is 1 - 3 = -2, so the answer is b"
_REASON = re.compile(r"[,;]?\s*\b(?:since|because|as|cause|bc)\b", re.IGNORECASE)
_TURN_TO_OPTION = re.compile(r"\b(?:so|thus|hence|therefore|then|which means|meaning)\b|:(?=\s)|->|→", re.IGNORECASE)


def option_conclusions(text: str) -> list[str]:
    """What follows each turn to a result in ``text``, the last (shortest) first, then what comes before a reason
    ("y = 1 since it is outside") or before a dash or the first sentence's end: the option a worked answer ends on,
    or leads with, read from there when the whole message names none. A tail that asks ("I don't get it, so what's the forget gate?") is no answer."""
    tails = [text[turn.end():].strip() for turn in reversed(list(_TURN_TO_OPTION.finditer(text)))
             if text[:turn.start()].strip() and text[turn.end():].strip() and "?" not in text[turn.end():]]
    # "z = -3 so sigmoid is like 0,05, it says NO": the tail's last clause first
    tails = [clause for tail in tails for clause in dict.fromkeys((tail.rsplit(",", 1)[-1].strip(), tail)) if clause]
    reason, lead = _REASON.search(text), _LEAD_THEN_WHY.search(text)
    heads = [text[:found.start()].strip() for found in (reason, lead) if found and text[:found.start()].strip()]
    return tails + heads   # "Overfitting - it has memorised the training set. Is this like ...?": what leads


def match_option(text: str, options: list[str], aliases: dict[str, list[str]] | None = None) -> int | None:
    """The 0-based index of the option the learner chose, or None.

    Tried in this order so that numeric options stay unambiguous: the option's exact text
    ("4" picks the option "4", not the fourth one), then its letter ("b", "(b)", "option b"),
    1-based number ("2", "2.", "option two", "the second one", "ugh. 2"), then the option's
    curated ``aliases`` (by option text: "sklearn" for "scikit-learn"), then the one option
    containing the text as whole words, then a close spelling, then the one option whose words
    (stemmed, with synonyms and abbreviations) cover every content word of the answer.
    """
    if not options:
        return None
    wanted = normalize(text)
    if not wanted:
        return None
    if (said := stated_answer(text)) != text and (chosen := match_option(said, options, aliases)) is not None:
        return chosen
    if _EMOJI.search(text):   # "1 💀", "ur ignoring me 😐 transformer": the pick without the emoji, else after the last
        plain = _EMOJI.sub(" ", text).strip()
        after = _EMOJI.split(text)[-1].strip()
        for part in dict.fromkeys((plain, after)):
            if part and part != text and (chosen := match_option(part, options, aliases)) is not None:
                return chosen
    if (agreed := _POSITION_AND_TEXT.match(text)) and 1 <= int(agreed[1]) <= len(options) and normalize(
            options[int(agreed[1]) - 1]) == normalize(agreed[2]):   # "2, the 8 again" where option 2 is "8"
        return int(agreed[1]) - 1
    if (sure := _HOW_SURE.match(text)) and text[sure.end():].strip():   # "like 80% sure its the first one"
        return match_option(text[sure.end():], options, aliases)
    reason = _REASON.search(text)   # "training longer, because the model learns more": the words before the reason
    if reason and re.search(r"[a-z]{3}", text[:reason.start()], re.IGNORECASE):
        chosen = match_option(text[:reason.start()], options, aliases)
        if chosen is not None:
            return chosen
    normalized = [normalize(option) for option in options]
    stripped = _without_fillers(wanted)   # "descent obviously", "alexnet i think", "3 obviously": the option named
    for said in (wanted, stripped):
        if said in normalized:
            return normalized.index(said)
    for raw, said in ((text, wanted), (stripped, stripped)):
        if (picked := _picked_by_position(raw, said, normalized)) is not None:
            return picked
    if (inside := _position_named_inside(text.strip().lower(), normalized)) is not None:
        return inside
    if (leading := _option_leading(text, normalized)) is not None:
        return leading
    if aliases and (by_alias := _option_by_alias(wanted, options, aliases)) is not None:
        return by_alias
    # "yes" picks "y = 1 (YES)", "learning rate" picks "The learning rate is too small", "skip connections obviously"
    # "Skip connections that add a block's input to its output"
    for said in dict.fromkeys((wanted, stripped)):
        containing = [i for i, option in enumerate(normalized) if f" {said} " in f" {option} "]
        if len(containing) == 1:
            return containing[0]
    close = difflib.get_close_matches(wanted, normalized, n=2, cutoff=0.8)
    if len(close) == 1 or (close and normalized.count(close[0]) == 1 and _clearly_best(wanted, close)):
        return normalized.index(close[0])
    if (agreed := _picked_by_its_parts(text, options, aliases)) is not None:
        return agreed
    if "?" in text or _QUESTION_START.match(wanted):   # "what is overfitting" asks, it does not answer
        return None
    if (misspelt := _one_word_misspelt(stripped, normalized)) is not None:
        return misspelt
    if (covering := _option_with_all_words(wanted, normalized)) is not None:
        return covering
    return _option_mostly_covered(wanted, normalized)


def _one_word_misspelt(said: str, normalized: list[str]) -> int | None:
    """A word or two close to words of exactly one option ("segmantation" for "Object segmentation", "skip conections"
    for "Skip connections that add ..."), one of them five letters or more."""
    words = said.split()
    if not 1 <= len(words) <= 2 or max(map(len, words)) < 5:
        return None
    close = [i for i, option in enumerate(normalized)
             if all(difflib.get_close_matches(word, option.split(), n=1, cutoff=0.85) for word in words)]
    return close[0] if len(close) == 1 else None


# where a longer message turns from one thought to the next: "ok ty. um for the question... the validation ones? bc ..."
EMOJI_RUN = r"[\U0001F300-\U0001FAFF\u2600-\u27BF]+"   # emoji end a clause as a full stop does: "rewards ez 😎 did alphago ...?"
_CLAUSE_BREAK = re.compile(rf"[.!?;,]+(?=\s|$)|\s(?:so|bc|because|cause|and then|but|like)\s|\s*{EMOJI_RUN}\s*", re.IGNORECASE)
# a clause that asks or doubts names an option without picking it: "I don't get overfitting", "why is it validation"
_NOT_A_PICK = re.compile(r"\b(?:not|no|never|don'?t|doesn'?t|didn'?t|isn'?t|explain|mean|means|understand|get it|"
                         r"confus\w*|difference|versus|vs|or|than|what|why|how)\b|n't\b", re.IGNORECASE)


def option_in_one_clause(text: str, options: list[str], aliases: dict[str, list[str]] | None = None) -> int | None:
    """The one option the clauses of a longer message pick ("ok ty. um for the question... the validation ones? bc
    the orange line is higher", "ah I forgot the minus, my bad. this one is overfitting, classic"): each clause read
    as a pick, or holding a short option's words, where no clause asks, doubts, or names another option."""
    normalized = [normalize(option) for option in options]
    picks: set[int] = set()
    for clause in _CLAUSE_BREAK.split(text):
        said = normalize(clause or "")
        if not said or _QUESTION_START.match(said) or _NOT_A_PICK.search(clause):
            continue
        index = match_option(clause, options, aliases)
        if index is None:
            holding = [i for i, option in enumerate(normalized)
                       if option and len(option.split()) <= 2 and f" {_singular(option)} " in f" {_singular(said)} "]
            index = holding[0] if len(holding) == 1 else None
        if index is not None:
            picks.add(index)
    return picks.pop() if len(picks) == 1 else None


def _picked_by_its_parts(text: str, options: list[str], aliases: dict[str, list[str]] | None) -> int | None:
    """A pick said in parts that agree: "the third one? small weights" (a hedge, then the option in other words)."""
    parts = [part for part in re.split(r"[?!.;]+(?=\s|$)", text) if re.search(r"\w", part)]   # not "1.2"
    if len(parts) < 2 or len(text.split()) > 8:   # a short pick and a few words; "Input shape (28, 28, 1). Conv2D..."
        return None                               # had picked option 1 from its "1"
    picks = {match_option(part, options, aliases) for part in parts} - {None}
    return picks.pop() if len(picks) == 1 else None


def _picked_by_position(raw_text: str, wanted: str, normalized: list[str]) -> int | None:
    """An option named by letter or position: "b", "option 2", "option two", "the second one", "the two"
    ("two" picks the option "2" when the options are numbers), "ugh. 2"."""
    raw = raw_text.strip().lower()
    count = len(normalized)
    if (letter := _OPTION_LETTER.match(raw)) and ord(letter[1]) - ord("a") < count:
        return ord(letter[1]) - ord("a")
    if (number := _OPTION_NUMBER.match(raw)) and 1 <= int(number[1]) <= count:
        return int(number[1]) - 1
    if _ANOTHER_ONE.match(wanted):   # "yay!! another one" picks "Another question" (it had got congratulations)
        another = [i for i, option in enumerate(normalized) if option.startswith(("another", "next question"))]
        if len(another) == 1:
            return another[0]
    if choice := _CHOICE_WORDS.match(wanted):
        pick = choice["pick"]
        if pick in _ORDINALS:
            return _ORDINALS[pick] - 1 if _ORDINALS[pick] <= count else None
        if pick in ("last", "final"):
            return count - 1
        value = _UNITS.get(pick, float(pick) if pick.isdigit() else None)
        if value is not None:
            by_text = [i for i, option in enumerate(normalized) if option == _plain_number(value)]
            if by_text:
                return by_text[0]
            return int(value) - 1 if 1 <= value <= count else None
        if len(pick) == 1 and pick.isalpha() and wanted != pick and ord(pick) - ord("a") < count:
            return ord(pick) - ord("a")   # "i think b", "the answer is c"
    digits = re.findall(r"(?<![\w.])\d+(?![\w.])", wanted)
    others = [w for w in wanted.split() if not w.isdigit()]
    reasoned = _OPTION_THEN_WORDS.match(raw)   # "4 because the thermostat decides", "2 the eights"
    if len(digits) == 1 and (reasoned or all(w in _ANSWER_FILLERS for w in others)) and "?" not in raw_text:
        value = int(digits[0])
        by_text = [i for i, option in enumerate(normalized) if option == str(value)]
        if by_text:
            return by_text[0]
        if 1 <= value <= count and not any(str(value) in re.findall(r"\d+", o) for o in normalized):  # not "3 layers"
            return value - 1   # a position, unless an option holds that number ("heat below 20 °C" does not hold 3)
    return None


def _option_leading(text: str, normalized: list[str]) -> int | None:
    """The one number option said first, then a comma or dash and the learner's words: "8, it gets confused with 7
    mostly" (the 7 there is no second pick). Numbers only: "quiz me, the hardest you have" picks no "Quiz me"."""
    said = text.strip().lower()
    leading = [i for i, option in enumerate(normalized) if re.fullmatch(r"-?\d+(?:\.\d+)?", option)
               and re.match(rf"{re.escape(option)}\s*[,;:\-–—]\s*[a-z]", said)]
    return leading[0] if len(leading) == 1 else None


def names_a_position(text: str) -> bool:
    """"the second one", "option b": an option picked by its place (a slip where the question has no options)."""
    return bool(_A_POSITION.fullmatch(text.strip().lower()))


def _position_named_inside(raw: str, normalized: list[str]) -> int | None:
    """One position named inside a longer message: "the first one, because the lesson said...", "more data! the
    second", "ok it's the percentage, 4" (a number after the words). Not in a question, nor where an option
    itself says "first" or holds the number."""
    if "?" in raw:
        return None
    raw = _EARLIER_ITEM.sub(" ", raw)   # "oops i mean a for last one, misclick. this one ... so YES": not "the last"
    said = [next(group for group in match.groups() if group) for match in _ORDINAL_INSIDE.finditer(raw)]
    said += _NUMBER_AT_THE_END.findall(raw) + _NUMBER_SENTENCE.findall(raw)
    picks = {int(word) if word.isdigit() else len(normalized) if word == "last" else _ORDINALS[word] for word in said
             if not any(word in option.split() or word in re.findall(r"\d+", option) for option in normalized)}
    return picks.pop() - 1 if len(picks) == 1 and 1 <= next(iter(picks)) <= len(normalized) else None


def _plain_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _option_by_alias(wanted: str, options: list[str], aliases: dict[str, list[str]]) -> int | None:
    hits = {i for i, option in enumerate(options)
            for alias in aliases.get(option, []) if _phrase_in(normalize(alias), wanted)}
    return hits.pop() if len(hits) == 1 else None


def _phrase_in(phrase: str, text: str) -> bool:
    """``phrase`` in ``text`` as whole words, up to word endings and small typos."""
    if not phrase:
        return False
    if f" {phrase} " in f" {text} ":
        return True
    return content_words(phrase) <= content_words(text) if content_words(phrase) else False


def _option_with_all_words(wanted: str, normalized: list[str]) -> int | None:
    """The one option covering every content word of the answer, in any order, up to word endings,
    synonyms and abbreviations ("the words around it" and "the context words" pick "The words around
    a given word", "RL" picks "Reinforcement learning"); None if no option or several do."""
    words = content_words(wanted)
    if not words:
        return None
    holding = [i for i, option in enumerate(normalized) if _covers(_stems(option), words)]
    return holding[0] if len(holding) == 1 else None


_OPPOSITE_PAIRS = ("big small", "large small", "high low", "high small", "big low", "large low", "more less", "more fewer",
                   "increase decrease", "increase reduce", "up down", "rise fall", "maximize minimize", "positive negative",
                   "true false", "fast slow", "long short", "many few", "add remove", "raise lower", "before after",
                   "first last", "input output", "training test", "overfitting underfitting", "yes no")
MOSTLY = 2 / 3     # an option in the learner's own words: two thirds of their content words, and no rival near it


def _option_mostly_covered(wanted: str, normalized: list[str]) -> int | None:
    """"it pushes the weights to be small so the boundary is less wiggly" picks "Pushes weights toward small values, so
    the boundary wiggles less": one option holds most of the answer's content words (three or more), every other at
    most half as many (it had been taken for a question)."""
    words = {word for word in content_words(wanted) if word.isalpha()}   # "20 because of the rule": no number
    if len(words) < 3:
        return None
    shares = [sum(_covers(_stems(option), {word}) for word in words) / len(words) for option in normalized]
    best = max(range(len(shares)), key=shares.__getitem__)
    rivals = [share for i, share in enumerate(shares) if i != best]
    if shares[best] < MOSTLY or any(share > shares[best] / 2 for share in rivals):
        return None
    option = _stems(normalized[best])   # "the rate is too big" is not "The learning rate is too small"
    return None if any(_opposites().get(word, set()) & option for word in words) else best


@lru_cache(maxsize=1)
def _opposites() -> dict[str, set[str]]:
    """Each stemmed word of :data:`_OPPOSITE_PAIRS` with its opposites."""
    opposites: dict[str, set[str]] = {}
    for pair in _OPPOSITE_PAIRS:
        first, second = (stem(word) for word in pair.split())
        opposites.setdefault(first, set()).add(second)
        opposites.setdefault(second, set()).add(first)
    return opposites


def _covers(option_words: set[str], wanted: set[str]) -> bool:
    return all(word in option_words or any(word in group and option_words & group for group in _SYNONYMS_STEMMED)
               for word in wanted)


def _clearly_best(wanted: str, close: list[str]) -> bool:
    """Two options spelled alike: accept the first only if it is clearly the closer one."""
    first, second = (difflib.SequenceMatcher(None, wanted, option).ratio() for option in close[:2])
    return first - second > 0.1


# --- free text ------------------------------------------------------------------------------

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


def named_last(text: str, accepted: list[str]) -> bool:
    """An accepted answer said as the last clause, after a remark ("oh capital. ankara", "ankara only na? capital of
    turkey is ankara"): the clause, or what follows its last "is", is the answer; never where a clause denies."""
    clauses = [clause for clause in _CLAUSE_BREAK.split(text) if clause and normalize(clause)]
    if len(clauses) < 2 or len(text.split()) > 12 or any(_DENIES.search(clause) for clause in clauses):
        return False
    last = re.split(r"\b(?:is|are|=)\b", clauses[-1])[-1]
    return text_matches(last, accepted)


# a word that denies what is named beside it ("not overfitting, underfitting")
_NEGATION = re.compile(r"\b(not|no|never)\b|n't\b", re.IGNORECASE)
_DENIES = re.compile(rf"{_NEGATION.pattern}|\b(isnt|wrong)\b", re.IGNORECASE)


def names_first(text: str, accepted: list[str]) -> bool:
    """An accepted answer said in the first few words, the learner's remarks after it ("Against overfitting, I should
    think, though you have not yet told me what regularisation is"); never in a question."""
    first = re.split(r"[,;.!]", text, maxsplit=1)[0]
    if "?" in text or len(first.split()) > 4 or _NEGATION.search(first):
        return False   # "not overfitting, underfitting" names it to deny it
    return any(f" {_singular(normalize(answer))} " in f" {_singular(normalize(first))} " for answer in accepted if normalize(answer))


def each_part_matches(text: str, accepted: list[str]) -> bool:
    """An answer said twice over, tentatively: "the b? the bias", "bias, the b": every part an accepted answer."""
    parts = [part for part in re.split(r"[?,;]|\.\s", text) if normalize(part)]
    return len(parts) > 1 and all(text_matches(part, accepted) for part in parts)


_FILLERS = re.compile(r"^(?:(?:i think|i guess|maybe|it is|it s|its|the answer is|answer|that s|thats|is|obviously|"
                      r"i d say|i would say|i say|i ll go with|i d go with|i go with|going with|i ll take|i d take|i pick|"
                      r"i ll pick|i choose|i ll choose|i believe|probably|"
                      r"clearly|of course|surely|definitely|a+h+|o+h+|ok|okay|so|then|alright|hm+|um+|uh+|erm|well|wow|"
                      r"yeah|yep|ugh|aha|cool|nice|hmm+|it says|says|it predicts|predicts|it gives|gives|i meant|i mean|i said|"
                      r"la|el|es|creo que|vale|obv|obvs|obvi|from|by|with) )*"
                      r"(?:(?:the|a|an) )?")
# a hedge after the answer: "alexnet i think", "relu maybe?"
_TRAILING_FILLERS = re.compile(r"(?: (?:i think|i guess|i believe|maybe|probably|perhaps|right|i m not sure|not sure|obv|obvs|obvi|creo|"
                               r"i d say|lol|no|obviously|clearly|of course|for sure|definitely|ez|ezpz|easy|duh|ofc|"
                               r"too easy|so easy))+$")   # "rewards ez 😎"


def _without_fillers(phrase: str) -> str:
    """"i think it's the experience", "alexnet i think" -> "experience", "alexnet": the words around an answer
    are not the answer."""
    return _TRAILING_FILLERS.sub("", _FILLERS.sub("", phrase))


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


def stem(word: str) -> str:
    """A crude stem ("overfitting" -> "overfit", "learned" -> "learn", "cancels" -> "cancel"),
    applied to both sides of every comparison."""
    word = singular(word)
    for suffix in ("ations", "ation", "ings", "ing", "edly", "ed", "ly", "er", "es"):
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            word = word[:-len(suffix)]
            if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiou":
                word = word[:-1]   # "overfitt" -> "overfit"
            break
    return word


def _expand(text: str) -> str:
    return " ".join(ABBREVIATIONS.get(word, word) for word in normalize(text).replace("-", " ").split())


def content_words(text: str) -> set[str]:
    """The stemmed content words of ``text``, abbreviations written out ("sklearn" -> scikit, learn)."""
    return {stem(word) for word in _expand(text).split() if word not in _FUNCTION_WORDS}


def _stems(text: str) -> set[str]:
    return {stem(word) for word in _expand(text).split()}


_SYNONYMS_STEMMED: tuple[frozenset[str], ...] = tuple(frozenset(stem(w) for w in group) for group in _SYNONYMS)
