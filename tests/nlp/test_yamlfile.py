"""nlp.yamlfile, the one YAML reader: values with their lines, and every problem a file:line DataError."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from nlp import yamlfile
from nlp.errors import DataError
from nlp.yamlfile import MAX_DEPTH, LineDict


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "file.yml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_mappings_know_their_line_and_typed_decides_plain_scalars(tmp_path: Path) -> None:
    path = write(tmp_path, "top: 1\nitems:\n  - name: a\n    ok: yes\n  - {name: b, n: 2}\n")
    typed = yamlfile.load(path)
    assert isinstance(typed, LineDict) and typed.line == 1
    assert [(item.line, item["name"]) for item in typed["items"]] == [(3, "a"), (5, "b")]
    assert typed["items"][0]["ok"] is True and typed["items"][1]["n"] == 2
    as_typed = yamlfile.load(path, typed=False)
    assert as_typed["items"][0]["ok"] == "yes" and as_typed["items"][1]["n"] == "2" and as_typed["top"] == "1"


def test_compose_gives_nodes_with_lines(tmp_path: Path) -> None:
    root = yamlfile.compose(write(tmp_path, "nlu:\n- intent: greet\n"))
    assert isinstance(root, yaml.MappingNode)
    (_, sequence), = root.value
    assert sequence.value[0].start_mark.line + 1 == 2
    assert yamlfile.compose(write(tmp_path, "")) is None


def nested_flow(depth: int) -> str:
    return "key: " + "[" * depth + "]" * depth + "\n"


def nested_block(depth: int) -> str:
    return "key:\n" + "".join("  " * level + "- \n" for level in range(depth - 1)) + "  " * depth + "leaf\n"


def assert_data_error(read, path: Path, line: int, fragment: str) -> None:
    with pytest.raises(DataError) as raised:
        read(path)
    assert (raised.value.path, raised.value.line) == (path, line)
    assert fragment in raised.value.message
    assert str(raised.value).startswith(f"{path}:{line}: ")


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("a: 1\nb: [2\n", 3, "bad YAML"),
        ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a'"),
        ("a: 1\n[x]: 2\n", 2, "unhashable key"),
        ("a: 1\nb: !!int many\n", 2, "cannot read !!int"),
        ("a: 1\nb: 2024-13-45\n", 2, "cannot read !!timestamp"),
        ("a: 1\nb: x\x07y\n", 2, "control characters are not allowed"),
        ("a: &x [*x]\n", 1, "recursive"),
    ],
)
def test_every_problem_names_file_and_line(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    assert_data_error(yamlfile.load, write(tmp_path, text), line, fragment)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (nested_flow(500), 1),
        (nested_flow(5000), 1),  # libyaml's own bound (1,000 flow levels) may answer first: "nesting depth"
        ("a: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n", 1),
        ("top:\n" + "  - " * 5000 + "x\n", 2),
        (nested_block(5000), MAX_DEPTH + 1),
    ],
)
def test_deep_nesting_is_a_file_line_error_not_a_recursion_error(tmp_path: Path, text: str, line: int) -> None:
    path = write(tmp_path, text)
    for read in (yamlfile.load, yamlfile.compose):
        assert_data_error(read, path, line, "nest")


def test_the_pure_python_loader_is_bounded_too() -> None:
    """The loader used where PyYAML lacks libyaml: its parser is PyYAML's own."""
    with pytest.raises(yaml.YAMLError, match="nested deeper"):
        yaml.compose(nested_flow(5000), Loader=yamlfile._PyLoader)
    assert yaml.load("a: [1, {b: yes}]\n", Loader=yamlfile._PyLoader) == {"a": [1, {"b": True}]}


def test_nesting_up_to_the_bound_loads(tmp_path: Path) -> None:
    """The bound is on the file, not the reader: MAX_DEPTH levels compose and construct (recursively) fine."""
    path = write(tmp_path, nested_block(MAX_DEPTH - 1))
    value = yamlfile.load(path)["key"]
    for _ in range(MAX_DEPTH - 2):
        (value,) = value
    assert value == "leaf"
    with pytest.raises(DataError, match="nested deeper"):
        yamlfile.load(write(tmp_path, nested_block(MAX_DEPTH)))


def test_unreadable_files_are_data_errors(tmp_path: Path) -> None:
    cases = {
        tmp_path / "missing.yml": "no such file",
        write(tmp_path, b"a: caf\xe9\n"): "not UTF-8",
        tmp_path: "cannot read",
    }
    for path, fragment in cases.items():
        with pytest.raises(DataError, match=fragment) as raised:
            yamlfile.load(path)
        assert raised.value.line is None
    big = write(tmp_path, "a: " + "x" * 200 + "\n")
    with pytest.raises(DataError, match="204 bytes, over the limit of 100"):
        yamlfile.read_text(big, max_bytes=100)
