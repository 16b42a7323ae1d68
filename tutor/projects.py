"""The final project's proposals (data/labs/projects.yml): each with its E, R, T and P, metric and steps.

Read once, validated with the file and line of any problem (:class:`nlp.errors.DataError`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from nlp import yamlfile
from nlp.errors import DataError

PROJECTS_FILE = Path(__file__).resolve().parent.parent / "data" / "labs" / "projects.yml"
OWN_IDEA = "own_idea"                 # the proposal for an idea of the learner's own
PARTS = ("E", "R", "T", "P")          # experience, representation, task, performance measure
PART_NAMES = {"E": "Experience (the data)", "R": "Representation (how an example becomes numbers)",
              "T": "Task (what the model outputs)", "P": "Performance measure (how you will know it works)"}
_REQUIRED = ("id", "title", "words", *PARTS, "metric", "steps")


@dataclass(frozen=True)
class DataKind:
    """Suggestions for R, T and P for one kind of data ("images", "a table"): what a learner with their own idea
    and no idea how to represent it is offered."""
    kind: str
    words: tuple[str, ...]             # the words of a learner's description that name this kind ("photos", "logs")
    parts: dict[str, str]              # "R" -> the suggestion, "T", "P"


@dataclass(frozen=True)
class Proposal:
    id: str
    title: str
    words: tuple[str, ...]             # what learners call it ("titanic", "house prices")
    parts: dict[str, str]              # "E" -> the proposal's own answer, ...
    metric: str
    steps: tuple[str, str, str]
    baseline: str | None               # the project lab's proposal value; None: no data installed here
    instead: str = ""                  # where there is no baseline: why, and what to do instead
    lab: str | None = None             # the nearest hands-on lab
    by_data: tuple[DataKind, ...] = ()  # own idea: suggestions by the kind of data described, the last the default

    def suggestion(self, part: str, described: str) -> str:
        """The suggestion for ``part``: by the kind of data ``described`` (the learner's answers so far), else the
        proposal's own."""
        said = f" {described.lower()} "
        kinds = [kind for kind in self.by_data if part in kind.parts]
        kind = next((k for k in kinds if any(re.search(rf"\b{re.escape(word)}\b", said) for word in k.words)),
                    kinds[-1] if kinds and described.strip() else None)
        return kind.parts[part] if kind else self.parts[part]


@lru_cache(maxsize=4)
def proposals(path: Path = PROJECTS_FILE) -> tuple[Proposal, ...]:
    data = yamlfile.load(path)
    entries = data.get("proposals") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise DataError(path, 1, "a list `proposals:` is required")
    return tuple(_proposal(path, entry) for entry in entries)


def _proposal(path: Path, entry: object) -> Proposal:
    line = getattr(entry, "line", 0)
    if not isinstance(entry, dict):
        raise DataError(path, line, "a proposal is a mapping")
    missing = [key for key in _REQUIRED if key not in entry]
    if missing:
        raise DataError(path, line, f"proposal {entry.get('id', '?')!r} lacks {', '.join(missing)}")
    if len(entry["steps"]) != 3 or not entry["words"]:
        raise DataError(path, line, f"proposal {entry['id']!r} needs three steps and at least one word")
    if entry.get("baseline") is None and not entry.get("instead"):
        raise DataError(path, line, f"proposal {entry['id']!r} has no baseline: say what to do `instead`")
    return Proposal(str(entry["id"]), str(entry["title"]), tuple(str(w).lower() for w in entry["words"]),
                    {part: str(entry[part]) for part in PARTS}, str(entry["metric"]),
                    tuple(str(step) for step in entry["steps"]), entry.get("baseline"),
                    str(entry.get("instead", "")), entry.get("lab"), _kinds(path, entry.get("by_data") or []))


def _kinds(path: Path, entries: object) -> tuple[DataKind, ...]:
    if not isinstance(entries, list):
        raise DataError(path, getattr(entries, "line", 0), "`by_data` is a list of data kinds")
    kinds = []
    for entry in entries:
        line = getattr(entry, "line", 0)
        if not isinstance(entry, dict) or "kind" not in entry or not entry.get("words"):
            raise DataError(path, line, "a data kind needs `kind` and `words`")
        parts = {part: str(entry[part]) for part in PARTS if part in entry}
        if not parts:
            raise DataError(path, line, f"data kind {entry['kind']!r} suggests none of E, R, T, P")
        kinds.append(DataKind(str(entry["kind"]), tuple(str(w).lower() for w in entry["words"]), parts))
    return tuple(kinds)


def find_proposal(text: str, choices: tuple[Proposal, ...] | None = None) -> Proposal | None:
    """The proposal ``text`` names, by its id, title or words (the longest match first)."""
    lowered = f" {' '.join(re.findall(r'[a-z0-9-]+', text.lower()))} "
    named = [(len(word), proposal) for proposal in (choices or proposals())
             for word in (*proposal.words, proposal.title.lower(), proposal.id.replace("_", " "))
             if f" {word} " in lowered]
    return max(named, key=lambda pair: pair[0])[1] if named else None


def proposal(proposal_id: str) -> Proposal | None:
    return next((p for p in proposals() if p.id == proposal_id), None)
