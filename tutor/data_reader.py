"""Reading one YAML data file with every complaint naming the file and line: its top-level mapping
(:func:`read_mapping`) and typed access to its fields (:class:`Reader`). The curriculum's files
(:mod:`tutor.curriculum_files`) and the small-talk topics (:mod:`tutor.small_talk`) are read with them."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from nlp import yamlfile
from nlp.errors import DataError
from nlp.yamlfile import LineDict


def read_mapping(path: Path) -> LineDict:
    """The file's top-level mapping; a DataError (file:line) for bad YAML or anything else at the top."""
    document = yamlfile.load(path)
    if not isinstance(document, LineDict):
        raise DataError(path, 1, "expected a mapping at the top level")
    return document


class Reader:
    """Typed access to one file's mappings; every complaint names the file and line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: LineDict | int | None, message: str) -> DataError:
        line = where.line if isinstance(where, LineDict) else where
        return DataError(self.path, line, message)

    def get(self, mapping: LineDict, key: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        if key not in mapping:
            if default is ...:
                raise self.fail(mapping, f"missing field '{key}'")
            return default
        value = mapping[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise self.fail(mapping, f"field '{key}' must be a {names}, got {type(value).__name__}")
        return value

    def text(self, mapping: LineDict, key: str, default: Any = ...) -> str:
        value = self.get(mapping, key, str, default)
        if value is not default and not value.strip():
            raise self.fail(mapping, f"field '{key}' is empty")
        return value.strip() if isinstance(value, str) else value

    def strings(self, mapping: LineDict, key: str, default: Any = ...) -> tuple[str, ...]:
        values = self.get(mapping, key, list, default)
        if values is default:
            return values
        if not all(isinstance(v, (str, int, float)) and str(v).strip() for v in values):
            raise self.fail(mapping, f"field '{key}' must be a list of non-empty strings")
        return tuple(str(v).strip() for v in values)

    def mappings(self, mapping: LineDict, key: str) -> list[LineDict]:
        items = self.get(mapping, key, list)
        for item in items:
            if not isinstance(item, LineDict):
                raise self.fail(mapping, f"every item of '{key}' must be a mapping")
        return items
