"""Training in a child process: failures come back to the parent, a failing parent stops the child, and
a child that is done is left to exit by itself."""
from __future__ import annotations

import atexit
import time
from pathlib import Path

import pytest

from nlp import TrainingData
from nlp.apart import ApartTraining


class FailingComponent:
    name, requires, trains_apart = "failing", (), True

    @classmethod
    def train(cls, data, *, shared, seed, progress, preset):
        raise ValueError("no luck with these pairs")


class EndlessComponent:
    name, requires, trains_apart = "endless", (), True

    @classmethod
    def train(cls, data, *, shared, seed, progress, preset):
        time.sleep(600)


class SlowToExitComponent:
    """Trains at once, then takes a moment to exit, as a real child does (torch's teardown, atexit hooks)."""

    name, requires, trains_apart = "slow-exit", (), True

    @classmethod
    def train(cls, data, *, shared, seed, progress, preset):
        atexit.register(time.sleep, 2)
        return cls()

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "trained").write_text("yes")

    @classmethod
    def load(cls, directory: Path, shared) -> str:
        return (directory / "trained").read_text()


@pytest.fixture(scope="module")
def data(tiny_data_dir: Path) -> TrainingData:
    return TrainingData.load(tiny_data_dir)


def test_a_failure_in_the_child_is_raised_in_the_parent_with_its_traceback(data):
    with pytest.raises(RuntimeError, match=r"(?s)training failing failed: .*ValueError: no luck with these pairs"):
        with ApartTraining({"failing": FailingComponent}, data, 0, "tiny", False) as apart:
            apart.results()


def test_a_failing_block_stops_the_child_instead_of_waiting_for_it(data):
    with pytest.raises(KeyError):
        with ApartTraining({"endless": EndlessComponent}, data, 0, "tiny", False) as apart:
            child, _ = apart.children["endless"]
            folder = Path(apart.folder.name)
            assert child.is_alive()
            raise KeyError("the NLU training in this process broke")
    # stopped by SIGTERM: killed while still starting up, or (once training) left through Python
    assert child.exitcode in (-15, 128 + 15)
    assert not folder.exists()


def test_nothing_to_train_apart_starts_no_process(data):
    with ApartTraining({}, data, 0, "tiny", False) as apart:
        assert apart.results() == {} and apart.children == {}


def test_a_child_that_reported_exits_by_itself_without_noise(data, capfd):
    """A SIGTERM while the child ran its atexit hooks printed "Exception ignored in atexit callback ...
    SystemExit: 143" after most successful trainings."""
    with ApartTraining({"slow-exit": SlowToExitComponent}, data, 0, "tiny", False) as apart:
        assert apart.results() == {"slow-exit": "yes"}
        child, _ = apart.children["slow-exit"]
    assert child.exitcode == 0
    err = capfd.readouterr().err
    assert "Exception ignored" not in err and "SystemExit" not in err
