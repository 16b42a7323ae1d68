"""Plain arithmetic asked in chat ("whats 17 times 23", "what is 2+2", "calculate (3+4)*2"): read into an
expression of numbers and + - × / ^, and worked out safely (Python's ``ast``, numbers and operators only, no
names, bounded powers), so the tutor answers it instead of refusing or taking "2+2" for a course topic.

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
                    r"solve|quick maths?:?|evaluate)\s+(?P<expression>[-+*/x×÷^%().,\d\s a-z]+?)\s*[?=!.]*"
                    r"(?:\s*[^\w\s()])*\s*$",   # "what's 2+2 😂": an emoji after it
                    re.IGNORECASE)
_WORDS = ((r"%\s*of\b", " / 100 *"), (r"%", " / 100"), (r"\btimes\b|\bmultiplied by\b|×|(?<=\d)\s*x\s*(?=[\d(])", "*"),
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
        value = _evaluate(ast.parse(python, mode="eval").body)
    except (SyntaxError, ValueError, ZeroDivisionError, OverflowError, TypeError):
        return None
    if not math.isfinite(value):
        return None
    return Arithmetic(" ".join(asked["expression"].split()), value)


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
    raise ValueError("not arithmetic")
