"""The course's own FSRS parameters: review logs from simulated learners (a fake clock), fitted by
`tutorbot review-fit`, scored on held-out reviews, and used by the scheduler once saved."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from fsrs.scheduler import DEFAULT_PARAMETERS

from bot.cli import main
from bot.core import open_core
from nlp.errors import DamagedModels
from tests.tutor.review_simulation import TRUE_PARAMETERS, simulate
from tests.tutor.test_dialogue import RuleNLU, build_curriculum
from tutor import review_fit
from tutor.review_fit import LoggedReview
from tutor.store import LearnerState, Store, TurnWrites


def store_with(path: Path, reviews: list[LoggedReview]) -> Path:
    """A learner store holding ``reviews`` as the turns wrote them (one transaction per learner)."""
    store = Store(path)
    for learner in sorted({review.learner_id for review in reviews}):
        store.save_turn(LearnerState(learner), TurnWrites("(simulated)", reviews=[
            (review.item, review.log) for review in reviews if review.learner_id == learner]))
    store.close()
    return path


def test_held_out_log_loss_prefers_the_parameters_the_learners_remember_by() -> None:
    held_out = [logs for key, logs in review_fit.histories(simulate(10, 10, 120)).items() if review_fit.held_out(key)]
    assert review_fit.log_loss(held_out, TRUE_PARAMETERS) < review_fit.log_loss(held_out, DEFAULT_PARAMETERS)


def test_review_fit_refuses_too_few_reviews(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = store_with(tmp_path / "t.db", simulate(2, 3, 30))
    assert main(["review-fit", "--db", str(db), "--models", str(tmp_path / "models")]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("tutorbot: error: ") and "needs 512" in error and "\n" not in error
    assert not (tmp_path / "models" / "review.json").exists()


def test_review_fit_needs_an_existing_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review-fit", "--db", str(tmp_path / "none.db"), "--models", str(tmp_path)]) == 2
    assert "no learner store at" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


def test_review_fit_saves_parameters_that_predict_held_out_reviews_better(tmp_path: Path) -> None:
    reviews = simulate(10, 10, 120)                    # 10 learners, 10 items, 4 months of reviews
    models = tmp_path / "models"
    assert main(["review-fit", "--db", str(store_with(tmp_path / "t.db", reviews)), "--models", str(models)]) == 0
    saved = json.loads((models / "review.json").read_text())
    assert saved["logs"] == len(reviews) and saved["scored"] >= review_fit.MIN_SCORED_REVIEWS
    assert saved["log_loss_fitted"] < saved["log_loss_default"]
    assert review_fit.load_parameters(models) == saved["parameters"]


async def test_the_scheduler_uses_the_saved_parameters(tmp_path: Path) -> None:
    without = open_core(tmp_path, ":memory:", pipeline=RuleNLU(), curriculum=build_curriculum())
    assert list(without.tutor.course.scheduler.scheduler.parameters) == list(DEFAULT_PARAMETERS)
    await without.close()
    parameters = [round(w, 4) for w in TRUE_PARAMETERS]
    (tmp_path / "review.json").write_text(json.dumps({"parameters": parameters}))
    core = open_core(tmp_path, ":memory:", pipeline=RuleNLU(), curriculum=build_curriculum())
    assert list(core.tutor.course.scheduler.scheduler.parameters) == parameters
    await core.close()
    (tmp_path / "review.json").write_text(json.dumps({"parameters": [1.0, 2.0]}))
    with pytest.raises(DamagedModels, match="review.json: not FSRS parameters"):
        review_fit.load_parameters(tmp_path)
