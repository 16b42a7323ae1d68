"""Plain arithmetic asked in chat ("whats 17 times 23", "what is 2+2", "calculate (3+4)*2"): read into an
expression of numbers and + - × / ^, and worked out safely (Python's ``ast``, numbers and operators only, no
names, bounded powers), so the tutor answers it instead of refusing or taking "2+2" for a course topic.

A sum the learner states ("g(0) = 1/(1+1) = 0,5. correct?") is read the same way (:func:`read_equation`), with the
course's functions (the sigmoid g, e^x, square roots), and each side checked against the one before it.

Not used while a question is open: the tutor never computes a learner's quiz answer for them.
"""
from __future__ import annotations

import ast
import math
import operator
import re
from dataclasses import dataclass

# the request around the expression: "what's", "how much is", "calculate", "can you do math? what is"
_ASKED = re.compile(r"(?:^|[?.!,:]\s*|\b(?:and|so|then|ok|okay)\s+)(?:what(?:'?s| is)|how much is|calculate|compute|"
                    r"solve|quick maths?:?|evaluate)\s+(?P<expression>[-+*/x×÷^%().,$€£\d\s a-z]+?)\s*[?=!.]*"
                    r"(?:\s*[^\w\s()])*\s*$",   # "what's 2+2 😂": an emoji after it
                    re.IGNORECASE)
_WORDS = ((r"^(an?|the)\s+", ""), (r"[$€£]", ""), (r"%\s*(?:(?:tip|discount|tax|off|interest)\s+)?(?:of|on|from)\b", " / 100 *"),
          (r"%", " / 100"), (r"\btimes\b|\bmultiplied by\b|×|(?<=\d)\s*x\s*(?=[\d(])", "*"),
          (r"\bdivided by\b|÷|\bover\b", "/"), (r"\bplus\b|\badded to\b", "+"), (r"\bminus\b", "-"), (r"\bto the power of\b|\^", "**"),
          (r"\bsquared\b", "**2"), (r"\bcubed\b", "**3"))
_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
              ast.Pow: operator.pow, ast.USub: operator.neg, ast.UAdd: operator.pos}
MAX_EXPONENT, MAX_DIGITS = 64, 30


@dataclass(frozen=True)
class Arithmetic:
    expression: str   # as the learner wrote it, spaces tidied: "17 times 23", "17% of 240"
    value: int | float

    @property
    def result(self) -> str:
        """The value as a person writes it: 391, 0.75, 0.333333 (six significant digits past the point)."""
        whole = isinstance(self.value, int) or self.value.is_integer() and abs(self.value) < 1e15
        if whole:
            return f"{int(self.value):,}".replace(",", " ") if abs(self.value) >= 10_000 else str(int(self.value))
        return f"{self.value:.6g}"


def read_arithmetic(text: str) -> Arithmetic | None:
    """The arithmetic ``text`` asks for, worked out; None where it asks none (or none that can be computed)."""
    asked = _ASKED.search(text.strip())
    if asked is None:
        return None
    python = asked["expression"].lower()
    python = re.sub(r"\b(?:the )?(?:square root|sqrt) of\s*(\d+(?:[.,]\d+)?)", r"(\1)**0.5", python)
    for pattern, symbol in _WORDS:
        python = re.sub(pattern, f" {symbol} ", python, flags=re.IGNORECASE)
    python = re.sub(r"(?<=\d),(?=\d)", ".", python)   # "0,5": a decimal comma
    if re.search(r"[a-z]", python) or not re.search(r"\d\s*(\*\*|[-+*/])\s*[-+(]?\s*\d|\*\*\d", python):
        return None    # words left ("what is 2 apples") or no operator at all ("what is 42")
    try:
        value = _evaluate(ast.parse(python.strip(), mode="eval").body)
    except (SyntaxError, ValueError, ZeroDivisionError, OverflowError, TypeError):
        return None
    if not math.isfinite(value):
        return None
    return Arithmetic(" ".join(asked["expression"].split()), value)


# A sum the learner states, to check ("g(0) = 1/(1+1) = 0,5. correct?", "3*3*3*64 + 64 = 1792 params?"): sides of
# numbers, operators and the course's functions, joined by "=" or "≈".
_SIDE = r"(?:(?:sigmoid|relu|sqrt|exp|tanh|ln|log|g|σ)\s*\(|\be\s*\^|\d(?:[.,]\d+)?e[-+]?\d+|[-−+*/×·÷^()\d.,\s])+"
_CHAIN = re.compile(rf"{_SIDE}(?:[=≈]{_SIDE})+", re.IGNORECASE)
_FUNCTIONS = {"sigmoid": lambda z: 1 / (1 + math.exp(-z)), "relu": lambda z: max(0.0, z), "sqrt": math.sqrt,
              "exp": math.exp, "tanh": math.tanh,
              "ln": math.log, "log": math.log}
_TO_PYTHON = ((r"(?<=\d),(?=\d)", "."), (r"\be\s*\^", "E**"), (r"σ|\bg(?=\s*\()", "sigmoid"), (r"[×·]", "*"),
              (r"÷", "/"), (r"−", "-"), (r"\^", "**"))
# "66,048", "2,560,000": thousands groups, never decimal commas ("0,125" and "3,5" are decimals)
_DECIMAL_COMMA_ONLY = re.compile(r"(?<![\d,])\d+,(\d{1,2}|\d{4,})(?![\d,])|(?<![\d,])0,\d+")   # never a thousands group
_THOUSANDS_GROUPS = re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?:,\d{3})+(?![\d,])")
_SAID_EQUAL = re.compile(r"\b(?:is\s+)?(?:equal to|equals|equal|the same as)\b|(?<=\))\s*(?:is|gives)\b(?=\s*-?\d)",
                         re.IGNORECASE)   # "g(0) is 0,5": after a call, "is" states its value
_BARE_ROOT = re.compile(r"(?:\bsqrt|√)\s*(\d+(?:[.,]\d+)?)", re.IGNORECASE)   # a root of a bare number, no brackets
_SENTENCE_BREAK = re.compile(r"[.!?;]\s+|\n")   # never a decimal point: no space follows one
# a sum said in words ("100 times 100 is 10000"): its operations and its result as signs, where numbers follow
_SPOKEN = ((re.compile(r"\b(?:times|multiplied by)\s+(?=-?\d)", re.I), "* "),
           (re.compile(r"\bplus\s+(?=-?\d)", re.I), "+ "),
           (re.compile(r"\bminus\s+(?=-?\d)", re.I), "- "),
           (re.compile(r"\b(?:divided by|over)\s+(?=-?\d)", re.I), "/ "))
_SPOKEN_RESULT = re.compile(r"(?<=\d)\s+(?:is|makes|gives|gets you)\s+(?=-?\d)", re.I)   # only beside a spoken operation
# a running sum: after a result, a clause that starts with an operation goes on from it ("= 10000, * 4 = 40000")
_GOES_ON = re.compile(r"=\s*(?P<value>-?\d+(?:\.\d+)?)(?:\s*[,;]\s*(?:and\s+|then\s+|so\s+)?|\s+(?:and|then|so)\s+)"
                      r"(?P<op>[*/+-]\s*-?\d)")
_DECIMALS_INSIDE = re.compile(r"\d[.,](\d+)")   # a rounded number inside a computed side: its decimals
_PLAIN_NUMBER = re.compile(r"^\s*-?\d+(?:[.,](?P<decimals>\d+))?(?:e(?P<exponent>[-+]?\d+))?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Equation:
    sides: tuple[str, ...]      # as written, tidied: ("1/(1+1)", "0,5")
    values: tuple[float, ...]
    signs: tuple[str, ...]      # between the sides: "=" or "≈"

    @property
    def written(self) -> str:
        return " ".join(part for side, sign in zip(self.sides, self.signs + ("",)) for part in (side, sign) if part)

    @property
    def wrong_at(self) -> int | None:
        """The first side that does not equal the one before it (within the precision it is written to), else None."""
        for i in range(1, len(self.sides)):
            about = self.signs[i - 1] == "≈"   # "g(0) = 0" is a whole number meant exactly; "e^2 ≈ 7" is rounded
            if abs(self.values[i] - self.values[i - 1]) > max(_written_precision(self.sides[i], self.values[i], about),
                                                               _written_precision(self.sides[i - 1], self.values[i - 1],
                                                                                  about)):
                return i
        return None

    def result(self, i: int, against: str = "") -> str:
        """Side ``i``'s value, two digits finer than the number it is compared with ("0.87": 0.8808)."""
        number = _PLAIN_NUMBER.match(against)
        if number is not None and number["decimals"] and not number["exponent"]:
            return f"{self.values[i]:.{len(number['decimals']) + 2}f}".rstrip("0").rstrip(".")
        return Arithmetic(self.sides[i], self.values[i]).result


def read_equations(text: str) -> list[Equation]:
    """The sums ``text`` states ("e^0 = 1, and g(0) = 1/(1+1) = 0,5", "0.25^10 ≈ 1e-6"), every side worked out; a
    chain without an operation, or with a side that cannot be computed, is left out."""
    equations = []
    text = _said_in_words(_SAID_EQUAL.sub(" = ", text))      # "is 12*12*64 equal to 9126?"
    text = _BARE_ROOT.sub(r"sqrt(\1)", text)                 # "4 / (sqrt5 * 3) = 0.6", "√5"
    # "0,5" or "7,39" elsewhere in the message: its writer uses decimal commas, so "1/1,135" is 1.135, not 1135
    decimal_commas = bool(_DECIMAL_COMMA_ONLY.search(text))
    # one chain per sentence: "g(0) = 1/(1+1) = 0,5. g(2) = 1/(1+e^-2) = 0,88" are two sums
    for sentence in _SENTENCE_BREAK.split(text):
        equations += [equation for found in _CHAIN.finditer(sentence)
                      if (equation := _equation(sentence, found, decimal_commas)) is not None]
    return equations


def _said_in_words(text: str) -> str:
    """"so 100 times 100 is 10000, times 4 is 40000, plus 4 = 40004?" as "so 100 * 100 = 10000. 10000 * 4 = 40000.
    40000 + 4 = 40004?": operations said in words as signs, and each step of a running sum a sum of its own."""
    spoken = text
    for words, sign in _SPOKEN:
        text = words.sub(sign, text)
    if text != spoken:   # "e^-2 is 0,135" alone states no sum in words
        text = _SPOKEN_RESULT.sub(" = ", text)
    previous = None
    while previous != text:
        previous, text = text, _GOES_ON.sub(lambda m: f"= {m['value']}. {m['value']} {m['op']}", text, count=1)
    return text


def _equation(text: str, found: re.Match[str], decimal_commas: bool) -> Equation | None:
    """The chain ``found`` in ``text`` as an equation, every side worked out; None for a chain without an operation
    or with a side that cannot be computed."""
    sides = [" ".join(side.split()).strip(" ,.") for side in re.split(r"[=≈]", found[0])]
    signs = re.findall(r"[=≈]", found[0])
    start = found.start() + len(found[0]) - len(found[0].lstrip())
    if _starts_inside_a_word(text, start, sides[0]):   # "x1 = 5 - 1 = 4": not "1 = 5 - 1"
        sides, signs = sides[1:], signs[1:]
    if len(sides) < 2 or not all(sides) or not any(re.search(r"\d\s*[-+*/×·÷^]|\(|\^", side) for side in sides):
        return None
    try:
        values = tuple(_side_value(side, decimal_commas) for side in sides)
    except (SyntaxError, ValueError, ZeroDivisionError, OverflowError, TypeError):
        return None
    return Equation(tuple(sides), values, tuple(signs)) if all(math.isfinite(value) for value in values) else None


def _starts_inside_a_word(text: str, start: int, first_side: str) -> bool:
    """The chain's first side is a fragment: it starts right after a letter or digit ("x1 ="), is empty ("h = g(2)
    = 0.88"), or starts with an operator after a name ("w := w - 0.1*2")."""
    before = text[:start].rstrip()
    return (not first_side or start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_")
            or bool(before) and before[-1].isalnum() and first_side[:1] in "-+*/×·÷^")


def _side_value(side: str, decimal_commas: bool = False) -> float:
    python = side.lower() if decimal_commas else _without_thousands(side.lower())   # "66,048"; "ReLU(-3)"
    for pattern, symbol in _TO_PYTHON:
        python = re.sub(pattern, symbol, python)
    return float(_evaluate(ast.parse(python, mode="eval").body))


def _without_thousands(side: str) -> str:
    return _THOUSANDS_GROUPS.sub(lambda number: number[0].replace(",", ""), side)


def _written_precision(side: str, value: float = 0.0, about: bool = True) -> float:
    """Half a unit of the last digit a plain number is written to ("0,5": 0.05, "1e-6": 5e-7); a computed side is
    exact, unless it holds a rounded number ("1/(1+0,135)" with e^-2 rounded to 0,135): then half a unit of that
    number's last digit, relative to the side's value, as far as such a rounding carries."""
    number = _PLAIN_NUMBER.match(_without_thousands(side))
    if number is None:
        inside = [len(decimals) for decimals in _DECIMALS_INSIDE.findall(side)]
        return 0.5 * 10.0 ** -min(inside) * max(abs(value), 1.0) + 1e-9 if inside else 1e-9
    decimals = len(number["decimals"] or "")
    if not decimals and not number["exponent"] and not about:
        return 1e-9   # a whole number after "=" is exact: "g(0) is 0" had passed for 0.5 (half a unit of "0")
    return 0.5 * 10.0 ** (int(number["exponent"] or 0) - decimals) + 1e-12


def _evaluate(node: ast.AST) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        if len(str(node.value)) > MAX_DIGITS:
            raise ValueError("number too long")
        return node.value
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_evaluate(node.operand))
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        left, right = _evaluate(node.left), _evaluate(node.right)
        if isinstance(node.op, ast.Pow) and (abs(right) > MAX_EXPONENT or abs(left) > 10 ** 6):
            raise ValueError("power too large")
        return _OPERATORS[type(node.op)](left, right)
    if isinstance(node, ast.Name) and node.id == "E":
        return math.e
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS
            and len(node.args) == 1 and not node.keywords):
        return _FUNCTIONS[node.func.id](_evaluate(node.args[0]))
    raise ValueError("not arithmetic")
