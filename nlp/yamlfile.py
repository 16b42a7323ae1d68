"""YAML files read safely and with line numbers: the one reader of the curriculum, the NLU
training data and the dialogue test files.

    read_text(path)          the file as UTF-8 text (optionally size-limited)
    compose(path)            the node tree; every node knows its start line (the NLU data's view)
    load(path, typed=...)    plain values; every mapping a LineDict that knows its start line

Every problem is a :class:`nlp.errors.DataError` naming the file and the 1-based line: bad syntax,
a duplicate key, a scalar its tag cannot hold (``!!int x``), nesting deeper than ``MAX_DEPTH``.
The depth bound keeps composing and constructing (both recursive) far from Python's recursion
limit, so ``nlu: [[[[...]]]]`` is a one-line error, not a RecursionError. No torch here: the tutor
imports this module.
"""
from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver, Resolver
from yaml.scanner import Scanner

from nlp.errors import DataError

# Levels of nested collections and scalars. tutorbot's own files nest at most 8 deep; at 64, the
# recursive composing and constructing stay a few hundred frames below Python's limit of 1,000.
MAX_DEPTH = 64


class LineDict(dict):
    """A YAML mapping that remembers the 1-based line it starts on, for error messages."""

    line: int = 0


# ---------------------------------------------------------------- reading the text


def read_text(path: Path, max_bytes: int | None = None) -> str:
    """The file's UTF-8 text; DataError when it is missing, unreadable, not UTF-8 or over ``max_bytes``."""
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise DataError(path, None, f"{size:,} bytes, over the limit of {max_bytes:,} for one file (split it)")
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(path, None, "no such file") from None
    except UnicodeDecodeError as error:
        raise DataError(path, None, f"not UTF-8 text ({error.reason})") from None
    except OSError as error:  # a directory, no permission
        raise DataError(path, None, f"cannot read: {error.strerror or error}") from None


# ---------------------------------------------------------------- the loaders


class _DepthBoundComposer(Composer):
    """PyYAML's composer (recursive, one call per node) refusing nodes deeper than MAX_DEPTH."""

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels", mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Constructor(SafeConstructor):
    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as error:  # `!!int x`, a date 2024-13-45
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise ConstructorError(None, None, f"cannot read {tag} ({error})", node.start_mark) from None

    def construct_line_mapping(self, node: yaml.MappingNode) -> LineDict:
        self.flatten_mapping(node)
        mapping = LineDict()
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):
                raise ConstructorError(None, None, "found unhashable key", key_node.start_mark)
            if key in mapping:  # YAML would silently keep the last one: an authoring slip worth an error
                raise ConstructorError(None, None, f"duplicate key '{key}'", key_node.start_mark)
            mapping[key] = self.construct_object(value_node, deep=True)
        mapping.line = node.start_mark.line + 1
        return mapping


_Constructor.add_constructor(BaseResolver.DEFAULT_MAPPING_TAG, _Constructor.construct_line_mapping)


class _PyLoader(Reader, Scanner, Parser, _DepthBoundComposer, _Constructor, Resolver):
    """PyYAML's own scanner and parser: where PyYAML was built without libyaml."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _DepthBoundComposer.__init__(self)
        _Constructor.__init__(self)
        Resolver.__init__(self)


_Loader: type = _PyLoader
if getattr(yaml, "__with_libyaml__", False):
    from yaml._yaml import CParser  # libyaml's scanner and parser, ~10x faster than PyYAML's

    class _CLoader(_DepthBoundComposer, CParser, _Constructor, Resolver):
        """libyaml's events, composed in Python: libyaml's own composer takes no depth bound."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _DepthBoundComposer.__init__(self)
            _Constructor.__init__(self)
            Resolver.__init__(self)

    _Loader = _CLoader


class _TextLoader(_Loader):
    """Every plain scalar is a string: `yes` stays "yes" and `2` stays "2", as a learner typed them."""

    yaml_implicit_resolvers: dict = {}


# ---------------------------------------------------------------- the entry points


def compose(path: Path, text: str | None = None) -> yaml.Node | None:
    """The document's node tree (None for an empty file); ``text`` when the caller already read it."""
    text = read_text(path) if text is None else text
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise _bad_yaml(path, text, error) from None


def load(path: Path, text: str | None = None, *, typed: bool = True) -> Any:
    """The document as Python values, every mapping a :class:`LineDict`. ``typed=False`` reads every
    plain scalar as a string (explicit tags still apply)."""
    text = read_text(path) if text is None else text
    try:
        return yaml.load(text, Loader=_Loader if typed else _TextLoader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        raise _bad_yaml(path, text, error) from None


def _bad_yaml(path: Path, text: str, error: yaml.YAMLError) -> DataError:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None:
        line = mark.line + 1
    elif isinstance(error, yaml.reader.ReaderError):  # a control character: only its offset is known
        line = text.count("\n", 0, error.position) + 1
    else:
        line = None
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    return DataError(path, line, f"bad YAML: {problem}")
