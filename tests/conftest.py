"""Shared fixtures: the tiny training data in the SPEC formats and a pipeline trained on it once per session."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import torch

from nlp import Pipeline
from tests import postgres
from tests.postgres import PostgresServer

TINY_DATA = Path(__file__).parent / "fixtures" / "tiny_data"


@pytest.fixture(scope="session")
def tiny_data_dir() -> Path:
    """tests/fixtures/tiny_data: intents greet, goodbye, thanks, ask_concept, quiz, goto_day; entities CONCEPT,
    FRAMEWORK, DAY; sentiment lines; dialogue pairs; a corpus file. Read-only: copy it before changing it."""
    return TINY_DATA


@pytest.fixture(scope="session")
def tiny_models_dir(tmp_path_factory: pytest.TempPathFactory, tiny_data_dir: Path) -> Path:
    """A pipeline trained with preset="tiny" on every tiny_data example (nothing held out), saved."""
    torch.set_num_threads(1)
    directory = tmp_path_factory.mktemp("tiny_models")
    Pipeline.train(tiny_data_dir, preset="tiny", progress=False, heldout=0.0).save(directory)
    return directory


@pytest.fixture(scope="session")
def tiny_pipeline(tiny_models_dir: Path) -> Pipeline:
    return Pipeline.load(tiny_models_dir)


# --- the learner store on both backends ----------------------------------------------------------

@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server of the suite's own (tests/postgres.py), for the whole session; the tests that
    need it skip, saying why, where none can run (no server binaries, no psycopg)."""
    reason = postgres.unavailable()
    if reason:
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    server = postgres.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a test's learner store lives: a SQLite file, then a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "learners.db")
    return request.getfixturevalue("postgres_server").new_database()


@pytest.fixture
def selftest_lab(monkeypatch: pytest.MonkeyPatch):
    """The self-test lab (labs/_selftest.py) offered as the lab "selftest", and a lab "ghost" whose module is
    missing (listed as not installed)."""
    from labs import registry

    monkeypatch.setitem(registry.MODULES, "selftest", "labs._selftest")
    monkeypatch.setitem(registry.MODULES, "ghost", "labs.no_such_module")
    registry.lab.cache_clear()
    yield "selftest"
    registry.lab.cache_clear()
