"""tools/check_data.py over the repository's own data: the checks that keep the benchmarks honest."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "check_data.py"


def check(data: Path, probe: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), str(data), "--probe", str(probe)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_the_repository_data_passes_every_check() -> None:
    # among them: no fresh probe message (benchmarks/probe) is also a training example
    run = check(ROOT / "data", ROOT / "benchmarks" / "probe" / "fresh_messages.yml")
    assert run.returncode == 0, run.stderr


def test_a_probe_message_copied_into_training_is_an_error(tmp_path) -> None:
    (tmp_path / "nlu").mkdir()
    (tmp_path / "nlu" / "greet.yml").write_text(
        'version: "3.1"\nnlu:\n  - intent: greet\n    examples: |\n      - hi there\n      - hello\n',
        encoding="utf-8")
    probe = tmp_path / "probe.yml"
    probe.write_text("dialogues:\n  - name: one\n    turns:\n      - user: Hi there!\n        intent: greet\n",
                     encoding="utf-8")
    run = check(tmp_path, probe)
    assert run.returncode == 1
    assert "copied from the training data" in run.stderr
