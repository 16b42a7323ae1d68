"""`tutorbot exercises sample|grade|check`: the SPEC's JSON shapes, the same item for the same seed,
and `check` failing with a list of problems on a curriculum whose question gives its answer away."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from tutor.curriculum import DEFAULT_DIR

SAMPLE_KEYS = {"id", "concept", "kind", "question", "options", "hint_format", "answer", "seed"}


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["exercises", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_sample_prints_one_spec_object_a_line(capsys: pytest.CaptureFixture) -> None:
    code, out, _ = run(capsys, "sample", "--concept", "softmax", "--n", "5", "--seed", "7", "--json")
    items = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(items) == 5
    assert all(set(item) == SAMPLE_KEYS and item["concept"] == "softmax" for item in items)
    assert {item["seed"] for item in items} >= {7}
    _, out, _ = run(capsys, "sample", "--concept", "overfitting", "--kind", "choice", "--json")
    choice = json.loads(out.splitlines()[0])
    assert isinstance(choice["options"], list) and choice["answer"] in choice["options"]
    generated = next(item for item in items if item["kind"] == "softmax")
    assert generated["options"] is None and generated["answer"] not in generated["hint_format"]


def test_sample_by_kind_and_grade_the_same_item(capsys: pytest.CaptureFixture) -> None:
    _, out, _ = run(capsys, "sample", "--kind", "gradient_step", "--n", "1", "--seed", "3", "--json")
    item = json.loads(out)
    right = item["answer"].replace(".", ",").replace(", ", "; ")   # "(6,3; -3,5)": decimal commas
    code, out, _ = run(capsys, "grade", item["id"], "--seed", "3", right, "--json")
    assert code == 0 and json.loads(out)["verdict"] == "correct"
    _, out, _ = run(capsys, "grade", item["id"], "--seed", "3", "(100, 100)", "--json")
    assert json.loads(out)["verdict"] == "wrong"
    _, out, _ = run(capsys, "grade", item["id"], "--seed", "3", "no clue", "--json")
    verdict = json.loads(out)
    assert verdict["verdict"] == "unreadable" and item["answer"] not in verdict["feedback"]


def test_a_generated_kind_no_exercise_filters_to_is_sampled_bare(capsys: pytest.CaptureFixture) -> None:
    code, out, _ = run(capsys, "sample", "--kind", "cosine", "--json")
    assert code == 0 and json.loads(out.splitlines()[0])["kind"] == "cosine"
    code, out, _ = run(capsys, "grade", "kind:dropout", "--seed", "0", "1", "--json")
    assert code == 0 and json.loads(out)["verdict"] in {"correct", "wrong"}


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [(["grade", "nope", "--seed", "0", "1"], "no exercise 'nope'"),
     (["sample", "--concept", "nope"], "no exercise with concept 'nope'"),
     (["sample", "--n", "0"], "--n must be at least 1")],
)
def test_bad_input_is_one_line(capsys: pytest.CaptureFixture, argv: list[str], fragment: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and fragment in err and "Traceback" not in err + out


def test_check_is_clean_on_the_course_and_lists_the_problems_of_a_leaking_item(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code, out, _ = run(capsys, "check", "--seeds", "3")
    assert code == 0 and out.strip().endswith("0 problem(s)"), out
    broken = tmp_path / "curriculum"
    shutil.copytree(DEFAULT_DIR, broken)
    exercises = broken / "exercises.yml"
    text = exercises.read_text()
    leaking = 'prompt: "What is the sigmoid of zero, g(0) = 1 / (1 + e^(−0))? Hint: about 0.5."'
    exercises.write_text(text.replace('prompt: "What is the sigmoid of zero, g(0) = 1 / (1 + e^(−0))?"', leaking, 1))
    code, out, _ = run(capsys, "--curriculum", str(broken), "check", "--seeds", "2")
    assert code == 1
    assert "d1-sigmoid-zero seed 0: the question holds the answer 0.5" in out
