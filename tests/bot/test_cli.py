"""`tutorbot` end to end on the tiny fixture: train -> analyze --json -> eval --json / --report, and bad input.

The CLI runs in-process through ``main([...])``; one test runs the real console script."""
from __future__ import annotations

import io
import json
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch
import yaml

import bot.cli
from bot.cli import main
from bot.evaluate import load_dialogues

SPEC_KEYS = {"text", "intent", "intent_ranking", "sentiment", "entities", "response"}


def analyze_json(capsys: pytest.CaptureFixture, models: Path, *texts: str) -> list[dict]:
    capsys.readouterr()
    assert main(["analyze", "--models", str(models), "--json", *texts]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(texts)
    return [json.loads(line) for line in lines]


def assert_error(capsys: pytest.CaptureFixture, code: int, *fragments: str) -> str:
    """The command failed with ``code``, printing only `tutorbot: error:` lines that contain ``fragments``."""
    captured = capsys.readouterr()
    assert code == 2
    lines = captured.err.strip().splitlines()
    assert lines and all(line.startswith("tutorbot: error: ") for line in lines)
    assert "Traceback" not in captured.err + captured.out
    for fragment in fragments:
        assert fragment in captured.err
    return captured.err


# ------------------------------------------------------------------ train -> analyze


def test_train_then_analyze_json(tmp_path: Path, tiny_data_dir: Path, capsys: pytest.CaptureFixture) -> None:
    """The CLI trains and saves (the tagger only, to keep the suite fast); analyze reads what it saved."""
    torch.set_num_threads(1)  # 2 CI cores: threads would only contend
    models = tmp_path / "models"
    code = main(["train", "--data", str(tiny_data_dir), "--preset", "tiny", "--only", "ner", "--models", str(models)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "ner" in captured.err  # the held-out metrics table names each trained component
    manifest = json.loads((models / "manifest.json").read_text())
    assert manifest["order"] == ["embeddings", "ner"] and manifest["preset"] == "tiny"

    texts = ["how does dropout work in Keras", "tell me about convolutional networks in TensorFlow"]
    results = analyze_json(capsys, models, *texts)
    for text, result in zip(texts, results):
        assert set(result) == SPEC_KEYS and result["text"] == text
        assert result["intent"] is None and result["sentiment"] is None  # components not trained
        for entity in result["entities"]:
            assert set(entity) == {"text", "label", "start", "end"}
            assert text[entity["start"] : entity["end"]] == entity["text"]
    assert any(result["entities"] for result in results)

    # --only retrains the named component into the same directory and keeps the others as they were.
    assert main(["train", "--data", str(tiny_data_dir), "--preset", "tiny", "--only", "sentiment",
                 "--models", str(models)]) == 0
    assert json.loads((models / "manifest.json").read_text())["order"] == ["embeddings", "sentiment", "ner"]  # canonical order; ner kept
    again = analyze_json(capsys, models, *texts)
    assert [r["entities"] for r in again] == [r["entities"] for r in results]
    assert all(r["sentiment"]["label"] in {"positive", "neutral", "negative"} for r in again)


def test_analyze_json_has_exactly_the_spec_fields(tiny_models_dir: Path, capsys: pytest.CaptureFixture) -> None:
    text = "Hi tutor 👋 what is gradient descent?"
    hello, question = analyze_json(capsys, tiny_models_dir, "hi", text)
    assert set(question) == SPEC_KEYS and question["text"] == text
    assert set(question["intent"]) == {"name", "confidence"} and question["intent"]["name"] == "ask_concept"
    ranking = question["intent_ranking"]
    assert ranking[0] == question["intent"] and all(set(r) == {"name", "confidence"} for r in ranking)
    assert [r["confidence"] for r in ranking] == sorted((r["confidence"] for r in ranking), reverse=True)
    assert set(question["sentiment"]) == {"label", "score"} and -1 <= question["sentiment"]["score"] <= 1
    # Offsets count characters, so the emoji before the entity counts as one.
    assert question["entities"] == [{"text": "gradient descent", "label": "CONCEPT", "start": 19, "end": 35}]
    assert isinstance(question["response"], str)
    assert hello["intent"]["name"] == "greet" and hello["entities"] == []


def test_analyze_prints_a_readable_summary(tiny_models_dir: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["analyze", "--models", str(tiny_models_dir), "what is gradient descent?"]) == 0
    out = capsys.readouterr().out
    assert "ask_concept" in out and "gradient descent [CONCEPT 8:24]" in out


# ------------------------------------------------------------------ eval


@pytest.fixture(scope="module")
def dialogue_file(tmp_path_factory: pytest.TempPathFactory, tiny_pipeline) -> Path:
    """Two dialogues whose expectations are what the tiny models say, except one deliberately failing turn."""
    said = {text: tiny_pipeline(text) for text in ("hello", "what is gradient descent?", "thanks a lot!")}
    question = said["what is gradient descent?"]
    wrong_intent = next(name for name in ("goodbye", "greet") if name != said["thanks a lot!"].intent.name)
    dialogues = {"dialogues": [
        {"name": "passes", "turns": [
            {"user": "hello", "intent": said["hello"].intent.name, "entities": []},
            {"user": "what is gradient descent?", "intent": question.intent.name,
             "sentiment": question.sentiment.label,
             "entities": [{"text": e.text.upper(), "label": e.label} for e in question.entities]},
        ]},
        {"name": "fails on purpose", "turns": [
            {"user": "hello", "intent": said["hello"].intent.name},
            {"user": "thanks a lot!", "intent": wrong_intent, "bot_says": "zebra-never-said"},
        ]},
    ]}
    path = tmp_path_factory.mktemp("eval") / "dialogues.yml"
    path.write_text(yaml.safe_dump(dialogues, sort_keys=False), encoding="utf-8")
    return path


def test_eval_json_counts_and_reports_the_failing_turn(
    tiny_models_dir: Path, tiny_pipeline, dialogue_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    report_dir = tmp_path / "report"
    code = main(["eval", str(dialogue_file), "--models", str(tiny_models_dir), "--json", "--report", str(report_dir)])
    summary = json.loads(capsys.readouterr().out)
    assert code == 1  # a dialogue failed

    assert set(summary) == {"dialogues", "turns", "intent", "entities", "sentiment", "bot_says", "latency_ms",
                            "failures"}
    assert summary["dialogues"] == {"total": 2, "passed": 1, "success_rate": 0.5}
    assert summary["turns"] == 4
    assert summary["intent"]["accuracy"] == 0.75
    assert summary["entities"]["f1"] == 1.0 and summary["sentiment"]["accuracy"] == 1.0
    assert summary["bot_says"] == {"checked": 1, "passed": 0}
    assert set(summary["latency_ms"]) == {"p50", "p95", "max"}
    assert 0 < summary["latency_ms"]["p50"] <= summary["latency_ms"]["p95"] <= summary["latency_ms"]["max"]
    [failure] = summary["failures"]
    assert failure["dialogue"] == "fails on purpose" and failure["turn"] == 2 and failure["user"] == "thanks a lot!"
    assert set(failure["expected"]) == set(failure["got"]) == {"intent", "bot_says"}
    assert failure["got"]["intent"] == tiny_pipeline("thanks a lot!").intent.name

    # --report: the same JSON, a Markdown report, a real PNG, and the failed dialogue, re-runnable.
    assert json.loads((report_dir / "report.json").read_text()) == summary
    markdown = (report_dir / "report.md").read_text()
    assert "| dialogues passed | 1 / 2 (0.500) |" in markdown and "fails on purpose" in markdown
    assert (report_dir / "intent_confusion.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    [failed] = load_dialogues([report_dir / "failed_dialogues.yml"])
    assert failed.name == "fails on purpose" and [t.user for t in failed.turns] == ["hello", "thanks a lot!"]
    assert failed.turns[1].bot_says == "zebra-never-said"


def test_eval_passing_file_exits_0_with_a_readable_summary(
    tiny_models_dir: Path, dialogue_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    passing = tmp_path / "passing.yml"
    content = yaml.safe_load(dialogue_file.read_text())
    passing.write_text(yaml.safe_dump({"dialogues": content["dialogues"][:1]}), encoding="utf-8")
    assert main(["eval", str(passing), "--models", str(tiny_models_dir)]) == 0
    out = capsys.readouterr().out
    assert "1 / 1" in out and "every dialogue passed" in out


# ------------------------------------------------------------------ bad input


def test_malformed_data_file_exits_2_naming_file_and_line(
    tmp_path: Path, tiny_data_dir: Path, capsys: pytest.CaptureFixture
) -> None:
    data = tmp_path / "data"
    shutil.copytree(tiny_data_dir, data)
    tsv = data / "sentiment" / "learner.tsv"
    lines = tsv.read_text(encoding="utf-8").splitlines() + ["ecstatic\tthis label does not exist"]
    tsv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    models = tmp_path / "models"
    code = main(["train", "--data", str(data), "--preset", "tiny", "--models", str(models)])
    assert_error(capsys, code, f"{tsv}:{len(lines)}:", "ecstatic")
    assert not models.exists()  # nothing trained, nothing written


@pytest.mark.parametrize(
    ("relative", "text", "line", "message"),
    [("nlu/deep.yml", "nlu:\n" + " [\n" * 5000 + " ]\n" * 5000, 65, "bad YAML: nested deeper than 64 levels"),
     ("nlu/deep.yml", "nlu:\n" + " {a:\n" * 5000 + " 1" + " }\n" * 5000, 64, "bad YAML: nested deeper than"),
     ("nlu/huge.yml", "nlu:\n- intent: greet\n  examples: |\n    - " + "hi " * 3_500_000 + "\n", 4,
      "a line of 10,500,006 characters, over the limit of")],
)
def test_deep_or_huge_training_data_exits_2_naming_file_and_line(
    tmp_path: Path, tiny_data_dir: Path, capsys: pytest.CaptureFixture, relative: str, text: str, line: int,
    message: str,
) -> None:
    data = tmp_path / "data"
    shutil.copytree(tiny_data_dir, data)
    path = data / relative
    path.write_text(text, encoding="utf-8")
    models = tmp_path / "models"
    code = main(["train", "--data", str(data), "--preset", "tiny", "--models", str(models)])
    assert_error(capsys, code, f"{path}:{line}: {message}")
    assert not models.exists()


def test_deeply_nested_test_file_exits_2_naming_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "deep.yml"
    path.write_text("dialogues: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n")
    code = main(["eval", str(path), "--models", str(tmp_path / "no-models")])
    assert_error(capsys, code, f"{path}:1: bad YAML: ")


def test_a_file_as_the_report_folder_exits_2(tiny_models_dir: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "ok.yml"
    path.write_text("dialogues:\n  - name: x\n    turns:\n      - user: hi\n")
    code = main(["eval", str(path), "--models", str(tiny_models_dir), "--report", str(path)])
    err = assert_error(capsys, code, f"exists and is not a folder: {path}")
    assert len(err.strip().splitlines()) == 1
    assert load_dialogues([path])[0].name == "x"  # the file is left as it was


def test_malformed_test_file_names_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "bad.yml"
    path.write_text("dialogues:\n  - name: x\n    turns:\n      - user: hi\n        intnet: greet\n")
    code = main(["eval", str(path), "--models", str(tmp_path / "no-models")])
    assert_error(capsys, code, f"{path}:4: unknown key(s) intnet")


def test_unknown_labels_are_listed_before_anything_runs(tiny_models_dir: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "labels.yml"
    path.write_text("dialogues:\n  - name: x\n    turns:\n      - user: hi\n        intent: salute\n"
                    "      - user: what is dropout\n        entities:\n          - {text: dropout, label: IDEA}\n")
    code = main(["eval", str(path), "--models", str(tiny_models_dir), "--report", str(tmp_path / "report")])
    err = assert_error(capsys, code, f"{path}:4: unknown intent 'salute'", f"{path}:6: unknown entity 'IDEA'")
    assert len(err.strip().splitlines()) == 2
    assert not (tmp_path / "report").exists()


@pytest.mark.parametrize("command", [["analyze", "hi"], ["eval", "DIALOGUES"]])
def test_missing_models_give_a_one_line_hint(command: list[str], tmp_path: Path, dialogue_file: Path,
                                             monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    missing = tmp_path / "nothing-here"
    monkeypatch.setenv("TUTORBOT_MODELS", str(missing))  # the default for --models
    command = [str(dialogue_file) if word == "DIALOGUES" else word for word in command]
    err = assert_error(capsys, main(command), f"run `tutorbot train --models {missing}`")
    assert len(err.strip().splitlines()) == 1


def test_usage_errors_and_interrupts(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    assert main(["train", "--preset", "huge"]) == 2
    assert "invalid choice: 'huge'" in capsys.readouterr().err

    def interrupted(args) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(bot.cli, "run_analyze", interrupted)
    assert main(["analyze", "hi"]) == 130
    assert capsys.readouterr().err == ""


def test_the_console_script_reports_missing_models_without_traceback(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("tutorbot")
    environment = {**os.environ, "TUTORBOT_MODELS": str(tmp_path / "none")}
    done = subprocess.run([str(script), "analyze", "--json", "hi"], capture_output=True, text=True,
                          env=environment, cwd=tmp_path, timeout=120)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip() == (f"tutorbot: error: no trained models in {tmp_path / 'none'} (the directory does "
                                   "not exist: check --models or $TUTORBOT_MODELS): "
                                   f"run `tutorbot train --models {tmp_path / 'none'}` first")


def test_rules_prints_every_row_of_every_table_in_order(capsys: pytest.CaptureFixture) -> None:
    from tutor.dialogue.rules import AFTER, RULES
    from tutor.dialogue.table import tables

    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith("  ")]
    assert len(rows) == sum(len(table.rules) for table in tables(RULES, AFTER))
    assert out.startswith("RULES\n  chose what they meant: when chose_intent")
    assert "  bare why with a question open: when ~concept_found & question_open & bare_why -> STUCK" in out
    assert out.index("\nAFTER\n") < out.index("\nENCOURAGE\n")

    assert main(["rules", "--json"]) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first == {"table": "RULES", "name": "chose what they meant", "when": "chose_intent",
                     "first": ["resume_clarified", "note_intent"], "do": "BY_INTENT", "why": first["why"]}


def test_eval_json_names_the_rule_of_a_failure_and_checks_bot_not_says(
    tiny_models_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    path = tmp_path / "leak.yml"
    path.write_text(yaml.safe_dump({"dialogues": [{"name": "leak", "turns": [
        {"user": "/help", "bot_not_says": ["quiz", "never-said"]},
        {"user": "/progress", "bot_not_says": "never-said"},
    ]}]}), encoding="utf-8")
    assert main(["eval", str(path), "--models", str(tiny_models_dir), "--json"]) == 1
    [failure] = json.loads(capsys.readouterr().out)["failures"]
    assert failure["turn"] == 1 and failure["expected"] == {"bot_not_says": ["quiz", "never-said"]}
    assert "Quiz me" in failure["got"]["bot_not_says"]
    assert failure["rule"] == "command or offered option > /help"


# ------------------------------------------------------------------ damaged and mistyped models (D2, D6)

CHANNEL_SECRETS = {"TELEGRAM_BOT_TOKEN": "123:abc", "MESSENGER_PAGE_TOKEN": "page", "MESSENGER_APP_SECRET": "app",
                   "MESSENGER_VERIFY_TOKEN": "verify"}


@pytest.fixture
def offline_channels(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Secrets set, stdin empty, the learner store in tmp_path: a command gets as far as loading the
    models. The channels configure logging for the process (root handler, httpx level): undone after."""
    for name, value in CHANNEL_SECRETS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("TUTORBOT_DB", str(tmp_path / "learners.db"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    root, httpx = logging.getLogger(), logging.getLogger("httpx")
    saved = (list(root.handlers), root.level, httpx.level)
    yield
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])
    httpx.setLevel(saved[2])   # setLevel, not assignment: it also clears the loggers' level caches


@pytest.mark.parametrize("command", [["analyze", "hi"], ["eval", "DIALOGUES"], ["shell"], ["messenger"],
                                     ["telegram"]])
def test_damaged_models_are_one_error_line_in_every_command(
        command: list[str], tiny_models_dir: Path, tmp_path: Path, dialogue_file: Path, offline_channels: None,
        capsys: pytest.CaptureFixture) -> None:
    broken = tmp_path / "models"
    shutil.copytree(tiny_models_dir, broken)
    weights = broken / "intent" / "weights.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])
    command = [str(dialogue_file) if word == "DIALOGUES" else word for word in command]
    err = assert_error(capsys, main([*command, "--models", str(broken)]), f"{weights}: truncated")
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("command", [["messenger"], ["telegram"], ["shell"]])
def test_a_mistyped_models_directory_is_an_error_not_keyword_rules(
        command: list[str], tmp_path: Path, offline_channels: None, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture) -> None:
    import bot.shell

    trained: list[Path] = []
    monkeypatch.setattr(bot.shell, "_train", trained.append)
    err = assert_error(capsys, main([*command, "--models", str(tmp_path / "modles")]), "does not exist")
    assert f"{tmp_path / 'modles'}" in err and trained == []   # the shell starts no training into a typo


def test_the_shell_trains_only_into_the_default_directory(
        tiny_models_dir: Path, tmp_path: Path, offline_channels: None, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture) -> None:
    import bot.shell

    trained: list[Path] = []

    def train(models: Path) -> None:   # stands in for minutes of training
        trained.append(models)
        shutil.copytree(tiny_models_dir, models)

    monkeypatch.setattr(bot.shell, "_train", train)
    monkeypatch.delenv("TUTORBOT_MODELS", raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["shell"]) == 0
    assert trained == [Path("models")] and "tutor>" in capsys.readouterr().out
    (tmp_path / "mine").mkdir()
    assert_error(capsys, main(["shell", "--models", "mine"]), "no trained models in mine")
    monkeypatch.setenv("TUTORBOT_MODELS", "mine")   # named through the environment: the user's choice too
    assert_error(capsys, main(["shell"]), "no trained models in mine")
    assert trained == [Path("models")]


async def test_unanswered_lists_the_questions_the_course_could_not_answer(tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture) -> None:
    from bot.core import open_core
    from tests.tutor.test_dialogue import RuleNLU, build_curriculum, fake_draw

    db = tmp_path / "learners.db"
    core = open_core(None, db, pipeline=RuleNLU(), curriculum=build_curriculum(), draw=fake_draw)
    await core.handle("t:1", "/lesson l2")
    for learner, text in (("t:1", "what is blockchain?"), ("t:2", "What is blockchain"), ("t:2", "what is JAX")):
        assert "couldn't find that concept" in "\n".join(r.text for r in await core.handle(learner, text))
    await core.close()
    assert main(["unanswered", "--db", str(db), "--json"]) == 0
    first, second = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert first == {"question": "what is blockchain?", "count": 2, "learners": 2, "lessons": ["l2"],
                     "last_asked": first["last_asked"]}
    assert second["question"] == "what is JAX" and second["count"] == 1
    assert main(["unanswered", "--db", str(db)]) == 0
    assert "   2 × what is blockchain?  [2 learner(s)]  (in l2)" in capsys.readouterr().out
