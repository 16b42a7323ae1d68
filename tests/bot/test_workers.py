"""`tutorbot serve --workers N` for real: N processes on one port over a PostgreSQL store; a worker
killed with SIGKILL is replaced; SIGTERM stops them all. And the settings it refuses."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from tests.postgres import PostgresServer, free_port
from tutor.store import Store

ROOT = Path(__file__).resolve().parents[2]
START_S = 180.0        # two workers loading the models on a busy machine


def _get(url: str) -> dict[str, Any] | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return json.loads(response.read())
    except (OSError, urllib.error.URLError):
        return None


def _workers_seen(port: int, tries: int = 40) -> set[int]:
    """The worker pids that answer /healthz on new connections (the kernel spreads them)."""
    return {health["worker"] for _ in range(tries)
            if (health := _get(f"http://127.0.0.1:{port}/healthz")) and health["status"] == "ok"}


def _both_up(port: int, killed: int | None = None) -> set[int] | None:
    seen = _workers_seen(port)
    return seen if len(seen) == 2 and killed not in seen else None


def _say(port: int, sender: str, text: str, message_id: str) -> list[dict[str, Any]]:
    body = json.dumps({"sender": sender, "message": text, "message_id": message_id}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def _wait_for(condition: Any, seconds: float) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := condition():
            return found
        time.sleep(0.5)
    return condition()


def test_workers_share_the_port_are_replaced_when_killed_and_stop_together(
        postgres_server: PostgresServer, tiny_models_dir: Path) -> None:
    db, port = postgres_server.new_database("workers"), free_port()
    command = [sys.executable, "-m", "bot.cli", "serve", "--workers", "2", "--port", str(port), "--db", db,
               "--models", str(tiny_models_dir), "--log-level", "WARNING"]
    parent = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        first = _wait_for(lambda: _both_up(port), START_S)
        assert first is not None and len(first) == 2
        assert _say(port, "ada", "/help", "m1") == _say(port, "ada", "/help", "m1")   # a retry: the same answer
        killed = min(first)
        os.kill(killed, signal.SIGKILL)
        replaced = _wait_for(lambda: _both_up(port, killed), START_S)
        assert replaced is not None and replaced & first == first - {killed}
        parent.send_signal(signal.SIGTERM)
        assert parent.wait(60) == 0
    finally:
        if parent.poll() is None:
            parent.kill()
    assert not any(_alive(pid) for pid in first | (replaced or set()))
    store = Store(db)
    assert [text for sender, text in store.conversation("rest:ada") if sender == "learner"] == ["/help"]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize(("options", "said"), [
    (["--port", "0"], "needs a fixed --port"),
    (["--port", "8080", "--db", ":memory:"], "not :memory:"),
])
def test_settings_workers_cannot_share_are_refused(options: list[str], said: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--workers", "2", *options]) == 2
    assert said in capsys.readouterr().err


def test_an_unreachable_postgresql_store_is_one_line_without_the_password(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"postgresql://tutor:hunter2secret@127.0.0.1:{free_port()}/learners"
    assert main(["unanswered", "--db", url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tutorbot: error: cannot open the learner store postgresql://tutor:***@127.0.0.1")
    assert "hunter2secret" not in err and len(err.strip().splitlines()) == 1
