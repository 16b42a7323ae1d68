"""Batch evaluation of dialogue test files (SPEC: "Dialogue test files", `tutorbot eval`).

    load_dialogues(paths)            parse + validate the YAML files (errors name file and line)
    unknown_labels(dialogues, pipe)  expectations the trained models cannot produce, listed up front
    await evaluate(dialogues, pipe, models_dir)  play every dialogue through the tutor core as a
                                     new learner in a throw-away store, and score it -> Evaluation
    Evaluation.summary()             exactly the SPEC's `eval --json` object

Each metric counts only the turns that state that expectation. A dialogue passes when all
its turns do; a turn passes when all its stated expectations hold.
"""
from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nlp import yamlfile
from nlp.data import SENTIMENT_LABELS
from nlp.errors import DataError, TutorbotError
from nlp.metrics import ClassificationReport, classification_report, entity_pair_scores, latency_percentiles
from nlp.types import Analysis
from nlp.yamlfile import LineDict
from tutor.replies import Reply

TURN_KEYS = ("user", "intent", "sentiment", "entities", "bot_says", "bot_not_says")
EXPECTATIONS = TURN_KEYS[1:]


# ------------------------------------------------------------------ the test-file model


@dataclass
class Turn:
    """One learner message and what the bot should make of it (None: not stated)."""

    user: str
    line: int
    intent: str | None = None
    sentiment: str | None = None
    entities: list[tuple[str, str]] | None = None   # (text as written, label)
    bot_says: str | list[str] | None = None         # as written, so failed dialogues re-emit it
    bot_not_says: str | list[str] | None = None     # the reply must contain none of these (case-insensitive)

    def expected(self) -> dict[str, Any]:
        """The stated expectations, in the test-file format."""
        stated = {
            "intent": self.intent,
            "sentiment": self.sentiment,
            "entities": None if self.entities is None else [{"text": t, "label": l} for t, l in self.entities],
            "bot_says": self.bot_says,
            "bot_not_says": self.bot_not_says,
        }
        return {key: value for key, value in stated.items() if value is not None}

    def to_yaml(self) -> dict[str, Any]:
        return {"user": self.user, **self.expected()}


@dataclass
class Dialogue:
    name: str
    path: Path
    line: int
    turns: list[Turn]

    def to_yaml(self) -> dict[str, Any]:
        return {"name": self.name, "turns": [turn.to_yaml() for turn in self.turns]}


# ------------------------------------------------------------------ loading and validation


def load_dialogues(paths: Iterable[str | Path]) -> list[Dialogue]:
    """All dialogues of the files, in order; a malformed file raises DataError(file, line, ...)."""
    dialogues: list[Dialogue] = []
    for path in map(Path, paths):
        dialogues += _load_file(path)
    return dialogues


def _load_file(path: Path) -> list[Dialogue]:
    # Every plain scalar a string: `- user: yes` stays "yes" (not True), `- user: 2` stays "2" (a quiz
    # option typed by number), which is what a learner typed.
    root = yamlfile.load(path, typed=False)
    if not isinstance(root, LineDict) or "dialogues" not in root:
        raise DataError(path, getattr(root, "line", 1), "expected a top-level `dialogues:` list")
    unknown = set(root) - {"dialogues"}
    if unknown:
        raise DataError(path, root.line, f"unknown top-level key(s): {', '.join(sorted(unknown))}")
    items = root["dialogues"]
    if not isinstance(items, list):  # an empty list is fine: a report's failed_dialogues.yml when all passed
        raise DataError(path, root.line, "`dialogues:` must be a list")
    return [_dialogue(path, item, root.line) for item in items]


def _dialogue(path: Path, item: Any, parent_line: int) -> Dialogue:
    if not isinstance(item, LineDict):
        raise DataError(path, parent_line, "a dialogue must be a mapping with `name:` and `turns:`")
    _reject_unknown_keys(path, item, ("name", "turns"))
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise DataError(path, item.line, "a dialogue needs a `name:`")
    turns = item.get("turns")
    if not isinstance(turns, list) or not turns:
        raise DataError(path, item.line, f"dialogue {name!r}: `turns:` must be a non-empty list")
    return Dialogue(name.strip(), path, item.line, [_turn(path, turn, item.line) for turn in turns])


def _turn(path: Path, item: Any, dialogue_line: int) -> Turn:
    if not isinstance(item, LineDict):
        raise DataError(path, dialogue_line, "a turn must be a mapping like `- user: hi`")
    _reject_unknown_keys(path, item, TURN_KEYS)
    user = item.get("user")
    if not isinstance(user, str) or not user.strip():
        raise DataError(path, item.line, "a turn needs a non-empty `user:` message")
    return Turn(
        user=user,
        line=item.line,
        intent=_optional_label(path, item, "intent"),
        sentiment=_optional_label(path, item, "sentiment"),
        entities=_entities(path, item),
        bot_says=_phrases(path, item, "bot_says"),
        bot_not_says=_phrases(path, item, "bot_not_says"),
    )


def _reject_unknown_keys(path: Path, item: LineDict, allowed: Sequence[str]) -> None:
    unknown = [str(key) for key in item if key not in allowed]
    if unknown:
        raise DataError(path, item.line, f"unknown key(s) {', '.join(unknown)} (allowed: {', '.join(allowed)})")


def _optional_label(path: Path, item: LineDict, key: str) -> str | None:
    if key not in item:
        return None
    value = item[key]
    if not isinstance(value, str) or not value.strip():
        raise DataError(path, item.line, f"`{key}:` must be a label name")
    return value.strip()


def _entities(path: Path, item: LineDict) -> list[tuple[str, str]] | None:
    if "entities" not in item:
        return None
    value = item["entities"]
    if not isinstance(value, list):
        raise DataError(path, item.line, "`entities:` must be a list of {text, label} (or [] for none)")
    entities = []
    for entity in value:
        line = getattr(entity, "line", item.line)
        if not isinstance(entity, dict) or set(entity) != {"text", "label"}:
            raise DataError(path, line, "an entity must be {text: ..., label: ...}")
        text, label = entity["text"], entity["label"]
        if not isinstance(text, str) or not isinstance(label, str) or not text.strip() or not label.strip():
            raise DataError(path, line, "an entity's text and label must be non-empty strings")
        entities.append((text.strip(), label.strip()))
    return entities


def _phrases(path: Path, item: LineDict, key: str) -> str | list[str] | None:
    """``bot_says`` / ``bot_not_says``: a text or a non-empty list of texts."""
    if key not in item:
        return None
    value = item[key]
    phrases = value if isinstance(value, list) else [value]
    if not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
        raise DataError(path, item.line, f"`{key}:` must be a text or a non-empty list of texts")
    return value


# ------------------------------------------------------------------ labels the models know


class UnknownLabels(TutorbotError):
    """Expectations naming labels the trained pipeline cannot produce; one problem per line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def unknown_labels(dialogues: Sequence[Dialogue], known: dict[str, Sequence[str]]) -> list[str]:
    """"file:line: unknown intent 'x' (known: ...)" for every label outside ``known``.

    ``known`` is ``Pipeline.labels``: {"intents": [...], "entities": [...], "sentiment": [...]}.
    A pipeline without a sentiment component still only ever means the SPEC's three labels."""
    vocabularies = {
        "intent": set(known.get("intents") or ()),
        "entity": set(known.get("entities") or ()),
        "sentiment": set(known.get("sentiment") or SENTIMENT_LABELS),
    }
    problems = []
    for dialogue in dialogues:
        for turn in dialogue.turns:
            stated = [("intent", turn.intent), ("sentiment", turn.sentiment)]
            stated += [("entity", label) for _, label in turn.entities or ()]
            for kind, label in stated:
                if label is not None and label not in vocabularies[kind]:
                    choices = ", ".join(sorted(vocabularies[kind])) or "none: the models lack this component"
                    problems.append(f"{dialogue.path}:{turn.line}: unknown {kind} {label!r} (known: {choices})")
    return problems


# ------------------------------------------------------------------ playing the dialogues


@dataclass
class PlayedTurn:
    dialogue: Dialogue
    number: int                      # 1-based position in its dialogue
    turn: Turn
    analysis: Analysis
    reply_text: str                  # every reply text and option of the turn, joined
    latency_ms: float | None         # None for turns whose replies carry images
    rules: list[str] = field(default_factory=list)   # the dialogue rules that fired, outermost first

    def got(self) -> dict[str, Any]:
        """What the bot did, for the stated expectations only (the `got` of a failure)."""
        analysis = self.analysis
        actual = {
            "intent": analysis.intent.name if analysis.intent else None,
            "sentiment": analysis.sentiment.label if analysis.sentiment else None,
            "entities": [{"text": e.text, "label": e.label} for e in analysis.entities or ()],
            "bot_says": self.reply_text,
            "bot_not_says": self.reply_text,
        }
        return {key: actual[key] for key in self.turn.expected()}

    def mismatches(self) -> list[str]:
        """The stated expectations that do not hold."""
        turn, got = self.turn, self.got()
        wrong = [key for key in ("intent", "sentiment") if key in got and got[key] != getattr(turn, key)]
        if turn.entities is not None and _entity_bag(turn.entities) != _entity_bag(
            (e["text"], e["label"]) for e in got["entities"]
        ):
            wrong.append("entities")
        if turn.bot_says is not None and not _says_all(self.reply_text, turn.bot_says):
            wrong.append("bot_says")
        if turn.bot_not_says is not None and _says_any(self.reply_text, turn.bot_not_says):
            wrong.append("bot_not_says")
        return wrong

    def passed(self) -> bool:
        return not self.mismatches()

    def failure(self, wrong: list[str]) -> dict[str, Any]:
        """The failed expectations, what the bot did instead, and the dialogue rules that fired for it."""
        failure = {
            "dialogue": self.dialogue.name,
            "turn": self.number,
            "user": self.turn.user,
            "expected": {k: v for k, v in self.turn.expected().items() if k in wrong},
            "got": {k: v for k, v in self.got().items() if k in wrong},
        }
        return failure | ({"rule": " > ".join(self.rules)} if self.rules else {})


def _entity_bag(entities: Iterable[tuple[str, str]]) -> Counter[tuple[str, str]]:
    """Entities as a multiset of (text lowercased, label): offsets and case do not matter."""
    return Counter((text.lower(), label) for text, label in entities)


def _says_all(reply: str, expected: str | list[str]) -> bool:
    phrases = expected if isinstance(expected, list) else [expected]
    return all(phrase.lower() in reply.lower() for phrase in phrases)


def _says_any(reply: str, unwanted: str | list[str]) -> bool:
    phrases = unwanted if isinstance(unwanted, list) else [unwanted]
    return any(phrase.lower() in reply.lower() for phrase in phrases)


async def evaluate(
    dialogues: Sequence[Dialogue], pipeline: Any, models_dir: Path | None, *, progress: bool | None = None
) -> "Evaluation":
    """Play every dialogue through the tutor core, the one the channels use (progress bar on a terminal)."""
    show = sys.stderr.isatty() if progress is None else progress
    played: list[PlayedTurn] = []
    for dialogue in _progress(dialogues, show):
        played += await _play(dialogue, pipeline, models_dir)
    return Evaluation(list(dialogues), played)


def _progress(dialogues: Sequence[Dialogue], show: bool) -> Iterable[Dialogue]:
    if not show:
        return dialogues
    from tqdm import tqdm  # noqa: PLC0415 - only on a terminal

    return tqdm(dialogues, desc="dialogues", unit="dialogue", file=sys.stderr)


async def _play(dialogue: Dialogue, pipeline: Any, models_dir: Path | None) -> list[PlayedTurn]:
    """A new learner in a fresh temporary SQLite store, deleted afterwards: real learners are never touched."""
    from bot.core import open_core  # noqa: PLC0415 - the tutor (curriculum, store) loads only for eval

    played = []
    with tempfile.TemporaryDirectory(prefix="tutorbot-eval-") as scratch:
        core = open_core(models_dir, Path(scratch) / "eval.db", pipeline=pipeline)
        try:
            for number, turn in enumerate(dialogue.turns, start=1):
                started = time.perf_counter()
                result = await core.handle_turn("eval-learner", turn.user)
                elapsed = (time.perf_counter() - started) * 1000
                # No analysis for a command (/quiz): score what the pipeline makes of the text anyway.
                analysis = result.analysis or pipeline(turn.user)
                played.append(
                    PlayedTurn(dialogue, number, turn, analysis, _joined(result.replies),
                               _latency(elapsed, result.replies), result.rules)
                )
        finally:
            await core.close()
    return played


def _joined(replies: Sequence[Reply]) -> str:
    """All the turn's reply texts and options, as one text for `bot_says`."""
    return "\n".join([reply.text for reply in replies] + [option for reply in replies for option in reply.options])


def _latency(elapsed_ms: float, replies: Sequence[Reply]) -> float | None:
    """Turns that draw pictures are excluded from latency (matplotlib is slow by design)."""
    return None if any(reply.images for reply in replies) else elapsed_ms


# ------------------------------------------------------------------ scoring


@dataclass
class Evaluation:
    dialogues: list[Dialogue]
    turns: list[PlayedTurn]

    def failed_dialogues(self) -> list[Dialogue]:
        failed = {id(t.dialogue) for t in self.turns if not t.passed()}
        return [d for d in self.dialogues if id(d) in failed]

    def all_passed(self) -> bool:
        return not self.failed_dialogues()

    def intent_pairs(self) -> tuple[list[str], list[str]]:
        """(expected, predicted) intents over the turns that state one; "(none)" when nothing was predicted."""
        stated = [t for t in self.turns if t.turn.intent is not None]
        return [t.turn.intent for t in stated], [t.got()["intent"] or "(none)" for t in stated]

    def summary(self) -> dict[str, Any]:
        """Exactly the SPEC's `tutorbot eval --json` object."""
        total, failed = len(self.dialogues), len(self.failed_dialogues())
        return {
            "dialogues": {"total": total, "passed": total - failed, "success_rate": _ratio(total - failed, total)},
            "turns": len(self.turns),
            "intent": self._intent_scores(),
            "entities": self._entity_scores(),
            "sentiment": self._sentiment_scores(),
            "bot_says": self._bot_says_counts(),
            "latency_ms": self._latency(),
            "failures": [t.failure(wrong) for t in self.turns if (wrong := t.mismatches())],
        }

    def _intent_scores(self) -> dict[str, Any]:
        report = self.intent_report()
        return report.to_dict() if report else {"accuracy": None, "macro_f1": None, "labels": {}}

    def intent_report(self) -> ClassificationReport | None:
        """The intent classification report (with its confusion matrix); None when no turn states an intent."""
        expected, predicted = self.intent_pairs()
        return classification_report(expected, predicted) if expected else None

    def _sentiment_scores(self) -> dict[str, Any]:
        stated = [t for t in self.turns if t.turn.sentiment is not None]
        if not stated:
            return {"accuracy": None, "macro_f1": None}
        report = classification_report([t.turn.sentiment for t in stated], [t.got()["sentiment"] or "(none)" for t in stated])
        return {"accuracy": report.accuracy, "macro_f1": report.macro_f1}

    def _entity_scores(self) -> dict[str, Any]:
        stated = [t for t in self.turns if t.turn.entities is not None]
        if not stated:
            return {"precision": None, "recall": None, "f1": None, "labels": {}}
        expected = [t.turn.entities or [] for t in stated]
        predicted = [[(e.text, e.label) for e in t.analysis.entities or ()] for t in stated]
        return entity_pair_scores(expected, predicted).to_dict()

    def _bot_says_counts(self) -> dict[str, int]:
        stated = [t for t in self.turns if t.turn.bot_says is not None]
        return {"checked": len(stated), "passed": sum("bot_says" not in t.mismatches() for t in stated)}

    def _latency(self) -> dict[str, float | None]:
        times = [t.latency_ms for t in self.turns if t.latency_ms is not None]
        return latency_percentiles(times) if times else {"p50": None, "p95": None, "max": None}


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None
