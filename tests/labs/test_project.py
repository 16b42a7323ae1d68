"""The final project: the proposals file is validated, every baseline it promises runs on installed data."""
from __future__ import annotations

from pathlib import Path

import pytest

from labs import project
from nlp.errors import DataError
from tutor.projects import PROJECTS_FILE, find_proposal, proposals


def test_every_baseline_the_proposals_promise_is_a_value_of_the_project_lab() -> None:
    promised = {p.baseline for p in proposals() if p.baseline}
    assert promised == set(project.PROPOSALS)
    assert all(p.lab for p in proposals() if not p.baseline and p.id != "own_idea")


@pytest.mark.parametrize("proposal, figure", [("titanic", "logistic_regression_accuracy"),
                                              ("model_stealing", "agreement")])
def test_a_baseline_runs_on_installed_data(proposal: str, figure: str) -> None:
    result = project.run({"proposal": proposal, "folds": 3, "queries": 50, "seed": 0}, lambda text, done: None)
    assert 0.6 < result.figures[figure] <= 1.0
    assert result.question is not None and result.question.answer in result.question.options


def test_a_proposal_is_found_by_its_words() -> None:
    assert find_proposal("the titanic one please").id == "titanic"
    assert find_proposal("I'd rather do house price prediction").id == "house_prices"
    assert find_proposal("something about quantum") is None


def test_a_broken_proposal_is_an_error_naming_the_file_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "projects.yml"
    broken.write_text(PROJECTS_FILE.read_text().replace("    metric: accuracy\n", "", 1))
    with pytest.raises(DataError, match=r"projects.yml:\d+: proposal 'titanic' lacks metric"):
        proposals(broken)


def test_an_own_idea_gets_suggestions_for_the_kind_of_data_described() -> None:
    own = find_proposal("my own idea")
    assert "One row per example" in own.suggestion("R", "usage logs of 50,000 users, and who cancelled")
    assert "not accuracy" in own.suggestion("P", "usage logs of 50,000 users")
    assert "pretrained CNN" in own.suggestion("R", "photos of leaves from my garden")
    assert "TF-IDF" in own.suggestion("R", "our app store reviews")
    assert own.suggestion("R", "") == own.parts["R"]             # nothing described yet: the general question
    assert find_proposal("titanic").suggestion("R", "photos") == find_proposal("titanic").parts["R"]


def test_a_data_kind_without_words_is_an_error_naming_the_file_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "projects.yml"
    broken.write_text(PROJECTS_FILE.read_text().replace("        words: [image, images,", "        wordz: [image, images,", 1))
    with pytest.raises(DataError, match=r"projects.yml:\d+: a data kind needs `kind` and `words`"):
        proposals(broken)
