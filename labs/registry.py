"""The labs the tutor offers, found by name or in plain words, and their settings read and checked.

Each lab is a module ``labs.NAME`` with a ``SPEC: LabSpec``; it is imported on first use
(:func:`spec`), so a lab whose module or packages are missing is listed as unavailable instead of
breaking the tutor. :func:`read_settings` reads ``key=value`` pairs and plain words ("with 5
epochs", "learning rate 2", "lr=0.1") into values checked against each :class:`Param`'s range or
choices; a value out of range raises :class:`LabError` naming the allowed range.
"""
from __future__ import annotations

import importlib
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from labs.base import LabError, LabSpec, Param
from tutor.answers import decimal_commas

log = logging.getLogger(__name__)

# In the order the seminar meets them; "project" is the final project's baseline (labs/project.py).
LAB_NAMES = ("logistic", "mlp", "cnn", "lstm", "word2vec", "timeseries", "transformer", "project")
# What learners call a lab before its module is loaded (a spec's own aliases are added to these).
NAME_WORDS: dict[str, tuple[str, ...]] = {
    "logistic": ("logistic regression", "logistic", "logreg"),
    "mlp": ("mlp", "multilayer perceptron", "multi-layer perceptron", "dense network", "feedforward network"),
    "cnn": ("cnn", "convolutional network", "convolutional neural network", "convnet", "conv net"),
    "lstm": ("lstm", "recurrent network", "rnn"),
    "word2vec": ("word2vec", "word vectors", "word embeddings", "skip-gram", "skipgram"),
    "timeseries": ("time series", "timeseries", "forecast", "forecasting"),
    "transformer": ("transformer", "attention", "self-attention"),
    "project": ("final project", "project baseline"),
}
# The usual words for common settings, whatever aliases a lab gives them.
COMMON_ALIASES: dict[str, tuple[str, ...]] = {
    "learning_rate": ("lr", "learning rate", "step size", "eta"),
    "epochs": ("epoch",),
    "batch_size": ("batch", "batch size"),
    "hidden": ("hidden units", "units", "neurons"),
}
# name -> module. $TUTORBOT_EXTRA_LABS adds labs for authors and tests ("selftest=labs._selftest").
MODULES: dict[str, str] = {name: f"labs.{name}" for name in LAB_NAMES} | dict(
    pair.split("=", 1) for pair in os.environ.get("TUTORBOT_EXTRA_LABS", "").replace(" ", "").split(",") if "=" in pair)
SEED = Param("seed", 0, "the random seed: the same seed gives the same run", low=0, high=2**31 - 1,
             aliases=("random seed",))
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?"
_LINK = r"\s*(?:=|:|of|is|to|at|set to|equal to|like|around|about)?\s*"


@dataclass(frozen=True)
class Lab:
    """A lab as the registry knows it: its spec, or why it cannot run here."""

    name: str
    spec: LabSpec | None
    missing: str = ""            # why the spec could not be loaded (a module or package missing)

    @property
    def available(self) -> bool:
        return self.spec is not None

    @property
    def title(self) -> str:
        return self.spec.title if self.spec else self.name


@dataclass
class Settings:
    """The values read for a lab: every parameter (defaults filled in) and which the learner gave."""

    values: dict[str, int | float | str]
    given: list[str] = field(default_factory=list)


@lru_cache(maxsize=None)
def lab(name: str) -> Lab:
    """The lab ``name`` (a key of :data:`MODULES`) with its spec imported (once); unavailable when its
    module fails to import (KeyError for a name that is no lab)."""
    try:
        module = importlib.import_module(MODULES[name])
        return Lab(name, module.SPEC)
    except Exception as error:  # noqa: BLE001 - one broken lab must not take the others (or the tutor) down
        log.debug("lab %s unavailable: %s", name, error)
        return Lab(name, None, f"{type(error).__name__}: {error}")


def labs() -> list[Lab]:
    return [lab(name) for name in MODULES]


def spec(name: str) -> LabSpec | None:
    return lab(name).spec


def find_lab(text: str) -> str | None:
    """The lab a message names ("train the CNN on digits", "lab: logistic regression"), the longest name first."""
    lowered = f" {' '.join(re.findall(r'[a-z0-9-]+', text.lower()))} "
    for words, name in sorted(name_words(), key=lambda pair: -len(pair[0])):
        if f" {words} " in lowered:
            return name
    return None


def name_words() -> Iterable[tuple[str, str]]:
    """(words, lab) for every way of naming a lab: its name, the usual words, its spec's aliases."""
    for name in MODULES:
        for words in (name, *NAME_WORDS.get(name, ())):
            yield words, name
    for name in MODULES:
        loaded = lab(name).spec
        for words in loaded.aliases if loaded else ():
            yield words.lower(), name


def params_of(spec: LabSpec) -> tuple[Param, ...]:
    """The spec's parameters, with the seed every lab takes (labs need not declare it)."""
    return spec.params if any(p.name == "seed" for p in spec.params) else (*spec.params, SEED)


def read_settings(spec: LabSpec, text: str, base: dict[str, int | float | str] | None = None) -> Settings:
    """The settings ``text`` asks for, over ``base`` (a previous run's) or the defaults.

    Raises :class:`LabError` for an unknown ``key=`` or a value outside a parameter's range or choices."""
    params = params_of(spec)
    values: dict[str, int | float | str] = {p.name: p.default for p in params}
    values.update(base or {})
    given: list[str] = []
    text = _unknown_keys_checked(params, decimal_commas(text))   # "dropout 0,5" had run with dropout=0
    _common_settings_checked(params, text)
    for param in params:
        raw = _raw_value(param, text)
        if raw is not None:
            values[param.name] = checked(param, raw)
            given.append(param.name)
    return Settings(values, given)


def _unknown_keys_checked(params: tuple[Param, ...], text: str) -> str:
    """Every ``key=`` must name a setting ("learning rate=2" names learning_rate): a typo is said, not ignored."""
    known = [_key(word) for p in params for word in _words(p)]
    for equals in re.finditer(r"=", text):
        before = text[:equals.start()]
        if not any(_key(before).endswith(key) for key in known):
            word = (re.findall(r"[\w-]+", before) or ["?"])[-1]
            names = ", ".join(p.name for p in params)
            raise LabError(f"This lab has no setting “{word}”. Its settings: {names}.")
    return text


def _common_settings_checked(params: tuple[Param, ...], text: str) -> None:
    """A common setting said in words with its value ("train the mlp with batch size 512") that this lab does not
    have is said, not ignored (the run had used its own batch size without a word)."""
    known = {_key(word) for p in params for word in _words(p)}   # "lr" is the mlp's learning rate
    for name, words in COMMON_ALIASES.items():
        if known & {_key(word) for word in (name, *words)}:
            continue
        said = "|".join(re.escape(word).replace(r"\ ", r"[\s_-]*") for word in sorted(words + (name,), key=len, reverse=True))
        if re.search(rf"(?<![\w-])(?:{said}){_LINK}{_NUMBER}(?![\w.])", text, re.IGNORECASE):
            raise LabError(f"This lab has no setting “{name.replace('_', ' ')}” (it uses a fixed one). Its settings: "
                           f"{', '.join(p.name for p in params)}.")


def _words(param: Param) -> list[str]:
    """What a learner may call ``param``: its name, its aliases and the usual words for common settings."""
    words = {param.name, param.name.replace("_", " "), *param.aliases, *COMMON_ALIASES.get(param.name, ())}
    return sorted(words, key=len, reverse=True)


def _key(word: str) -> str:
    return re.sub(r"[\s_-]+", "", word.lower())


def _raw_value(param: Param, text: str) -> str | None:
    """The value written for ``param``: after its name or an alias ("lr=0.1", "learning rate of 2"), or
    before it ("5 epochs"); for words, a choice named anywhere ("with adam")."""
    names = "|".join(re.escape(word).replace(r"\ ", r"[\s_-]*") for word in _words(param))
    value = "|".join(re.escape(choice) for choice in param.choices) if param.choices else _NUMBER
    # "lr=0.1", "learning rate 2": a name, then its value; the value must not run into a letter ("2nd") or more digits,
    # but may end a sentence ("... and learning rate 0.5." had been dropped for its full stop)
    after = re.search(rf"(?<![\w-])(?:{names}){_LINK}(?P<value>{value})(?![\w]|\.\d)", text, re.IGNORECASE)
    if after:
        return after["value"]
    written = re.search(rf"(?<![\w-])(?:{names})\s*[=:]\s*(?P<value>[^\s,;]+)", text, re.IGNORECASE)
    if written:   # "epochs=ten": said wrong, not ignored
        return written["value"]
    if not param.choices:
        before = re.search(rf"(?<![\w.])(?P<value>{_NUMBER})\s+(?:{names})\b", text, re.IGNORECASE)
        return before["value"] if before else None
    named = re.search(rf"(?<![\w-])(?P<value>{value})(?![\w-])", text, re.IGNORECASE)
    return named["value"] if named else None


def checked(param: Param, raw: str) -> int | float | str:
    """``raw`` as ``param``'s value, within its range or choices; :class:`LabError` naming them otherwise."""
    if param.choices:
        choice = next((c for c in param.choices if c.lower() == raw.lower()), None)
        if choice is None:
            raise LabError(f"{param.name} must be one of {', '.join(param.choices)} (you wrote “{raw}”).")
        return choice
    try:
        number = float(raw)
    except ValueError:
        raise LabError(f"{param.name} takes a number {allowed_range(param)} (you wrote “{raw}”).") from None
    if (param.low is not None and number < param.low) or (param.high is not None and number > param.high):
        raise LabError(f"{param.name} must be {allowed_range(param)}: {raw} is outside it. ({param.help})")
    if isinstance(param.default, int) and not isinstance(param.default, bool):
        if number != int(number):
            raise LabError(f"{param.name} takes a whole number {allowed_range(param)} (you wrote “{raw}”).")
        return int(number)
    return number


def allowed_range(param: Param) -> str:
    """"from 1 to 50", "from 0.0001", "up to 10", or the choices."""
    if param.choices:
        return f"one of {', '.join(param.choices)}"
    low = _number(param.low) if param.low is not None else None
    high = _number(param.high) if param.high is not None else None
    if low is not None and high is not None:
        return f"from {low} to {high}"
    return f"from {low}" if low is not None else f"up to {high}" if high is not None else "(any number)"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def describe_settings(spec: LabSpec, values: dict[str, int | float | str]) -> str:
    """"epochs=5, learning_rate=0.01, seed=0": the lab's settings as it runs."""
    return ", ".join(f"{p.name}={_shown(values.get(p.name, p.default))}" for p in params_of(spec))


def _shown(value: int | float | str) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def help_lines(spec: LabSpec) -> list[str]:
    """One line per setting: name, default, allowed range and what it does."""
    return [f"• {p.name}={_shown(p.default)} ({allowed_range(p)}): {p.help}" for p in params_of(spec)]


def lab_for_lesson(lesson_id: str) -> str | None:
    """The lab a lesson offers (its spec's ``lesson``), if one is installed."""
    return next((found.name for found in labs() if found.spec and found.spec.lesson == lesson_id), None)
