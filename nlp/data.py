"""Training data in the SPEC's formats, parsed and validated before any training starts.

    DIR/nlu/**/*.yml           Rasa 3 NLU YAML, entities inline: [span](LABEL) or [span]{"entity": "LABEL"}
    DIR/sentiment/**/*.tsv     label<TAB>text      (positive / neutral / negative)
    DIR/dialogues/**/*.tsv     message<TAB>reply
    DIR/corpus/**/*.txt        one sentence or paragraph a line
    DIR/curriculum/knowledge/**/*.yml   the course's questions and answers (`answers:` list, docs/curriculum.md)
    DIR/curriculum/outside*.txt         questions the course does not answer, one a line (the answers
                                        component calibrates its abstention on them)

Every malformed line raises :class:`nlp.errors.DataError` naming the file and 1-based line, and so
does a file over ``MAX_FILE_BYTES`` or a line over ``MAX_LINE_CHARS`` (refused before any parsing).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence, TypeVar

import yaml

from nlp import yamlfile
from nlp.errors import DataError
from nlp.types import Entity

SENTIMENT_LABELS = ("positive", "neutral", "negative")
# The knowledge base (docs/curriculum.md): an entry's keys, and the kinds of question it answers.
KNOWLEDGE_KEYS = ("id", "lesson", "concepts", "kind", "verdict", "questions", "answer")
KNOWLEDGE_KINDS = ("what", "why", "how", "howto", "when", "compare", "confirm", "what_if", "where_from", "fact", "meaning")
VERDICTS = ("yes", "no")
# Rasa NLU keys that carry no intent examples: accepted and ignored.
IGNORED_NLU_KEYS = {"synonym", "regex", "lookup"}
# Limits on one training file, checked before it is parsed: a single 10 MB example had made training
# run for ever. The largest files tutorbot trains on, the fetched chit-chat corpora (`make fetch-data`,
# about 115,000 pairs of turns of at most 40 words), stay far below both; the tutor itself reads only
# the first 2,000 characters of a message (bot.core.MAX_MESSAGE_CHARS).
MAX_FILE_BYTES = 64 * 2**20
MAX_LINE_CHARS = 10_000

# [span](LABEL) or [span]{"entity": "LABEL", ...}
_MARKUP = re.compile(r"\[(?P<span>[^\[\]]+)\](?:\((?P<label>[^()]+)\)|(?P<json>\{[^{}]*\}))")


@dataclass(frozen=True)
class NluExample:
    text: str
    intent: str
    entities: list[Entity] = field(default_factory=list)


@dataclass(frozen=True)
class SentimentExample:
    text: str
    label: str


@dataclass(frozen=True)
class DialoguePair:
    message: str
    reply: str
    source: str  # file path relative to the data directory: the responder weights by it


@dataclass(frozen=True)
class KnowledgeEntry:
    """One answer of the knowledge base with the learner questions it answers."""

    id: str
    questions: tuple[str, ...]
    answer: str
    lesson: str
    concepts: tuple[str, ...] = ()
    kind: str = "what"
    verdict: str | None = None  # confirm entries only: "yes" | "no"


def is_fetched(source: str) -> bool:
    """Whether a data file (path relative to its data directory) holds corpora ``make fetch-data``
    fetched (a ``fetched/`` folder) rather than the tutor's own, hand-written data."""
    return "fetched/" in source


@dataclass
class TrainingData:
    nlu: list[NluExample] = field(default_factory=list)
    sentiment: list[SentimentExample] = field(default_factory=list)
    dialogues: list[DialoguePair] = field(default_factory=list)
    corpus: list[str] = field(default_factory=list)
    heldout: float = 0.15  # the fraction split() holds out by default (0: train on everything)
    # The knowledge base: the answers component holds out its own questions (one per entry), so
    # split() keeps it whole on the training side, like the corpus.
    knowledge: list[KnowledgeEntry] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)  # questions the course does not answer

    @classmethod
    def load(cls, *directories: str | Path) -> "TrainingData":
        """Read every SPEC file under each directory (sorted, so the order is deterministic)."""
        data = cls()
        for directory in map(Path, directories):
            if not directory.is_dir():
                raise DataError(directory, None, "no such data directory")
            for path in sorted(directory.glob("nlu/**/*.yml")) + sorted(directory.glob("nlu/**/*.yaml")):
                data.nlu += parse_nlu_yaml(path)
            for path in sorted(directory.glob("sentiment/**/*.tsv")):
                data.sentiment += parse_sentiment_tsv(path)
            for path in sorted(directory.glob("dialogues/**/*.tsv")):
                data.dialogues += parse_dialogue_tsv(path, source=path.relative_to(directory).as_posix())
            for path in sorted(directory.glob("corpus/**/*.txt")):
                data.corpus += [text.strip() for _, text in _lines(path)]
            data.knowledge += parse_knowledge_files(sorted(directory.glob("curriculum/knowledge/**/*.yml")),
                                                    known_ids={e.id for e in data.knowledge})
            for path in sorted(directory.glob("curriculum/outside*.txt")):
                data.outside += [text.strip() for _, text in _lines(path)]
        return data

    def is_empty(self) -> bool:
        return not (self.nlu or self.sentiment or self.dialogues or self.corpus or self.knowledge)

    def texts(self) -> list[str]:
        """The tutor's own text (for word2vec and the vocabulary). Fetched chit-chat corpora are the
        responder's alone, so the NLU components are the same with or without `make fetch-data`, the
        ones the README's figures measure. With their ~230,000 turns in the word vectors the NLU read
        "how is this done in Keras?" as help instead of ask_concept, failing a turn of the SPEC's
        example dialogues (held out, one split: intent 0.907 vs 0.909 without, sentiment 0.881 vs
        0.865, entity F1 0.964 vs 0.935; measured 2026-12-06)."""
        return (
            [e.text for e in self.nlu]
            + [e.text for e in self.sentiment]
            + [t for d in self.dialogues if not is_fetched(d.source) for t in (d.message, d.reply)]
            + list(self.corpus)
        )

    def fingerprint(self) -> str:
        """sha256 of the parsed content: same examples, same fingerprint."""
        content: dict[str, object] = {
            "nlu": [[e.text, e.intent, [[x.label, x.start, x.end] for x in e.entities]] for e in self.nlu],
            "sentiment": [[e.text, e.label] for e in self.sentiment],
            "dialogues": [[d.message, d.reply, d.source] for d in self.dialogues],
            "corpus": self.corpus,
        }
        if self.knowledge:  # only then: data without a knowledge base keeps its earlier fingerprint
            content["knowledge"] = [dataclasses.astuple(e) for e in self.knowledge]
        if self.outside:
            content["outside"] = self.outside
        payload = json.dumps(content, ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def split(self, seed: int, heldout: float | None = None) -> tuple["TrainingData", "TrainingData"]:
        """(train, test), stratified by intent and by sentiment label; the corpus stays in train.

        ``heldout`` defaults to ``self.heldout``; 0 gives (everything, empty)."""
        heldout = self.heldout if heldout is None else heldout
        rng = random.Random(seed)
        nlu_train, nlu_test = _stratified(self.nlu, lambda e: e.intent, heldout, rng)
        sent_train, sent_test = _stratified(self.sentiment, lambda e: e.label, heldout, rng)
        dlg_train, dlg_test = _stratified(self.dialogues, lambda d: d.source, heldout, rng)
        return (
            TrainingData(nlu_train, sent_train, dlg_train, list(self.corpus), heldout, list(self.knowledge),
                         list(self.outside)),
            TrainingData(nlu_test, sent_test, dlg_test, [], heldout),
        )


T = TypeVar("T")


def _stratified(items: Sequence[T], key, heldout: float, rng: random.Random) -> tuple[list[T], list[T]]:
    groups: dict[str, list[T]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    train: list[T] = []
    test: list[T] = []
    for name in sorted(groups):
        group = list(groups[name])
        rng.shuffle(group)
        # A label with a single example stays in train: it must be learnt at all.
        n_test = int(round(len(group) * heldout)) if len(group) > 1 else 0
        test += group[:n_test]
        train += group[n_test:]
    return train, test


# ---------------------------------------------------------------- file parsing


def _read(path: Path) -> str:
    """The file's text, refused whole when it is over ``MAX_FILE_BYTES`` or has a line over
    ``MAX_LINE_CHARS`` (that line's number in the error)."""
    text = yamlfile.read_text(path, max_bytes=MAX_FILE_BYTES)
    if len(text) > MAX_LINE_CHARS:  # else no line can be too long
        for number, line in enumerate(text.splitlines(), start=1):
            if len(line) > MAX_LINE_CHARS:
                raise _too_long(path, number, "a line", len(line))
    return text


def _too_long(path: Path, line: int, what: str, length: int) -> DataError:
    return DataError(path, line, f"{what} of {length:,} characters, over the limit of {MAX_LINE_CHARS:,}")


def _lines(path: Path) -> Iterable[tuple[int, str]]:
    """(1-based line number, line without its end) of the non-blank, non-comment lines."""
    for number, line in enumerate(_read(path).splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


def _tsv(path: Path, header: tuple[str, str]) -> Iterable[tuple[int, str, str]]:
    for number, line in _lines(path):
        if "\t" not in line:
            raise DataError(path, number, "expected two columns separated by a TAB")
        left, right = (part.strip() for part in line.split("\t", 1))
        if (left.lower(), right.lower()) == header:
            continue
        if not left or not right:
            raise DataError(path, number, "empty column")
        yield number, left, right


def parse_sentiment_tsv(path: Path) -> list[SentimentExample]:
    examples = []
    for number, label, text in _tsv(path, header=("label", "text")):
        if label.lower() not in SENTIMENT_LABELS:
            expected = ", ".join(SENTIMENT_LABELS)
            raise DataError(path, number, f"unknown sentiment label {label!r} (expected one of {expected})")
        examples.append(SentimentExample(text, label.lower()))
    return examples


def parse_dialogue_tsv(path: Path, source: str) -> list[DialoguePair]:
    return [DialoguePair(message, reply, source) for _, message, reply in _tsv(path, header=("message", "reply"))]


def parse_markup(text: str) -> tuple[str, list[Entity]]:
    """Remove inline entity markup; returns the plain text and entities with exact offsets into it.

    Raises ValueError (the caller adds file and line) on unbalanced brackets or a bad label."""
    plain: list[str] = []
    entities: list[Entity] = []
    cursor = length = 0
    for match in _MARKUP.finditer(text):
        before = text[cursor : match.start()]
        _check_no_brackets(before)
        plain.append(before)
        length += len(before)
        span, label = match.group("span"), _markup_label(match)
        if span != span.strip() or not span:
            raise ValueError(f"entity span {span!r} has leading or trailing spaces")
        entities.append(Entity(span, label, length, length + len(span)))
        plain.append(span)
        length += len(span)
        cursor = match.end()
    rest = text[cursor:]
    _check_no_brackets(rest)
    plain.append(rest)
    return "".join(plain), entities


def _markup_label(match: re.Match) -> str:
    if match.group("label") is not None:
        label = match.group("label").strip()
    else:
        try:
            label = str(json.loads(match.group("json")).get("entity", "")).strip()
        except (json.JSONDecodeError, AttributeError):
            raise ValueError(f"bad entity annotation {match.group('json')!r}") from None
    if not label or any(c.isspace() for c in label):
        raise ValueError(f"bad entity label {label!r}")
    return label


def _check_no_brackets(text: str) -> None:
    if "[" in text or "]" in text:
        raise ValueError("unbalanced [ ] in entity markup (write [span](LABEL))")


def parse_nlu_yaml(path: Path) -> list[NluExample]:
    root = yamlfile.compose(path, _read(path))
    if root is None:
        return []
    nlu = _mapping_value(root, "nlu") if isinstance(root, yaml.MappingNode) else None
    if nlu is None:
        raise DataError(path, root.start_mark.line + 1, "expected a top-level `nlu:` list")
    if not isinstance(nlu, yaml.SequenceNode):
        raise DataError(path, nlu.start_mark.line + 1, "`nlu:` must be a list")
    examples: list[NluExample] = []
    for item in nlu.value:
        examples += _parse_nlu_item(path, item)
    return examples


def _mapping_value(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value_node
    return None


def _parse_nlu_item(path: Path, item: yaml.Node) -> list[NluExample]:
    line = item.start_mark.line + 1
    if not isinstance(item, yaml.MappingNode):
        raise DataError(path, line, "expected `- intent: NAME` with `examples:`")
    keys = {k.value for k, _ in item.value if isinstance(k, yaml.ScalarNode)}
    if "intent" not in keys:
        if keys & IGNORED_NLU_KEYS:
            return []
        raise DataError(path, line, "missing `intent:`")
    intent_node = _mapping_value(item, "intent")
    intent = intent_node.value.strip() if isinstance(intent_node, yaml.ScalarNode) else ""
    if not intent:
        raise DataError(path, line, "empty intent name")
    examples_node = _mapping_value(item, "examples")
    if examples_node is None:
        raise DataError(path, line, f"intent {intent!r}: missing `examples:`")
    return [
        _nlu_example(path, number, raw, intent) for number, raw in _example_lines(path, examples_node)
    ]


def _example_lines(path: Path, node: yaml.Node) -> Iterable[tuple[int, str]]:
    """(file line, example text) for a block string `- a\\n- b` or a YAML list of strings."""
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            value = _mapping_value(child, "text") if isinstance(child, yaml.MappingNode) else child
            if not isinstance(value, yaml.ScalarNode):
                raise DataError(path, child.start_mark.line + 1, "an example must be a string")
            yield value.start_mark.line + 1, value.value
        return
    if not isinstance(node, yaml.ScalarNode):
        raise DataError(path, node.start_mark.line + 1, "`examples:` must be a block string of `- ` lines")
    # A block scalar's content starts on the line after `|`; a plain one on its own line.
    first_line = node.start_mark.line + (2 if node.style in ("|", ">") else 1)
    for offset, line in enumerate(node.value.split("\n")):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        if not text.startswith("-"):
            raise DataError(path, first_line + offset, "an example line must start with `- `")
        yield first_line + offset, text[1:].strip()


def _nlu_example(path: Path, line: int, raw: str, intent: str) -> NluExample:
    if len(raw) > MAX_LINE_CHARS:  # a quoted example may continue over many short lines
        raise _too_long(path, line, "an example", len(raw))
    try:
        text, entities = parse_markup(raw)
    except ValueError as error:
        raise DataError(path, line, str(error)) from None
    if not text.strip():
        raise DataError(path, line, "empty example")
    return NluExample(text, intent, entities)



# ---------------------------------------------------------------- the knowledge base


def parse_knowledge_files(paths: Sequence[Path], known_ids: set[str] | None = None) -> list[KnowledgeEntry]:
    """Every entry of these files; an id used twice (in any of them) is an error at its second use."""
    seen = set(known_ids or ())
    entries: list[KnowledgeEntry] = []
    for path in paths:
        for line, entry in parse_knowledge_yaml(path):
            if entry.id in seen:
                raise DataError(path, line, f"duplicate answer id {entry.id!r}")
            seen.add(entry.id)
            entries.append(entry)
    return entries


def parse_knowledge_yaml(path: Path) -> list[tuple[int, KnowledgeEntry]]:
    """(line, entry) for each item of the file's top-level `answers:` list."""
    root = yamlfile.compose(path, _read(path))
    if root is None:
        return []
    answers = _mapping_value(root, "answers") if isinstance(root, yaml.MappingNode) else None
    if not isinstance(answers, yaml.SequenceNode):
        line = (answers or root).start_mark.line + 1
        raise DataError(path, line, "expected a top-level `answers:` list")
    return [(item.start_mark.line + 1, _knowledge_entry(path, item)) for item in answers.value]


def _knowledge_entry(path: Path, item: yaml.Node) -> KnowledgeEntry:
    line = item.start_mark.line + 1
    if not isinstance(item, yaml.MappingNode):
        raise DataError(path, line, "expected an answer: `- id: NAME` with `questions:` and `answer:`")
    for key, _ in item.value:
        if key.value not in KNOWLEDGE_KEYS:
            raise DataError(path, key.start_mark.line + 1,
                            f"unknown key {key.value!r} (expected {', '.join(KNOWLEDGE_KEYS)})")

    def text(key: str, required: bool = True) -> str | None:
        node = _mapping_value(item, key)
        if node is None or (isinstance(node, yaml.ScalarNode) and not node.value.strip()):
            if required:
                raise DataError(path, line, f"missing `{key}:`")
            return None
        if not isinstance(node, yaml.ScalarNode):
            raise DataError(path, node.start_mark.line + 1, f"`{key}:` must be a string")
        if key == "answer" and node.style == "|":   # a literal block keeps its lines: code a learner can paste
            return "\n".join(line.rstrip() for line in node.value.strip("\n").splitlines())
        return " ".join(node.value.split())

    def strings(key: str) -> tuple[str, ...]:
        node = _mapping_value(item, key)
        if node is None:
            return ()
        if not isinstance(node, yaml.SequenceNode) or not all(
                isinstance(c, yaml.ScalarNode) and c.value.strip() for c in node.value):
            raise DataError(path, node.start_mark.line + 1, f"`{key}:` must be a list of non-empty strings")
        return tuple(c.value.strip() for c in node.value)

    entry_id, kind, verdict = text("id"), text("kind", required=False) or "what", text("verdict", required=False)
    if kind not in KNOWLEDGE_KINDS:
        raise DataError(path, line, f"{entry_id}: unknown kind {kind!r} (expected one of {', '.join(KNOWLEDGE_KINDS)})")
    if (kind == "confirm") != (verdict is not None) or (verdict is not None and verdict not in VERDICTS):
        raise DataError(path, line, f"{entry_id}: `verdict:` is \"yes\" or \"no\" on a confirm entry, and only there")
    questions = strings("questions")
    if not questions:
        raise DataError(path, line, f"{entry_id}: `questions:` needs at least one question")
    return KnowledgeEntry(entry_id, questions, text("answer"), text("lesson"), strings("concepts"), kind, verdict)
