"""Every lab, run for real with tiny settings: sane figures, valid pictures, the learner's values in the code,
a question whose answer agrees with the run, and the same figures again for the same seed."""
from __future__ import annotations

import importlib
import math
import struct

import pytest

from labs.base import LabResult, LabSpec

TINY = {  # a few seconds each: the figures are not good, the plumbing is real
    "logistic": {"epochs": 12, "degree": 4, "lr": 0.7},
    "mlp": {"hidden": 9, "epochs": 2, "optimizer": "sgd", "lr": 0.05},
    "cnn": {"filters": 5, "epochs": 1, "dropout": 0.3},
    "lstm": {"embedding": 6, "hidden": 5, "epochs": 1, "sentences": "what a great day | this is awful"},
    "transformer": {"hidden": 8, "layers": 1, "heads": 2, "epochs": 1, "compare": "yes"},
    "word2vec": {"corpus": "slides", "vector_size": 12, "epochs": 2, "word": "network"},
    "timeseries": {"cell": "gru", "units": 3, "window": 7, "epochs": 1},
}
# A value of each setting as the code shows it.
SHOWN = {"logistic": ["degree=4", "learning_rate=0.7", "epochs=12"],
         "mlp": ["Dense(9)", "SGD(learning_rate=0.05)", "epochs=2"],
         "cnn": ["Conv2D(5, (3, 3)", "Dropout(0.3)", "epochs=1"],
         "lstm": ["LSTM(5,", "Embedding(len(vocabulary), 6)", "'what a great day'"],
         "transformer": ["hidden_size=8", "num_hidden_layers=1", "num_attention_heads=2"],
         "word2vec": ["vector_size=12", "['slides']", "most_similar('network'"],
         "timeseries": ["GRU(3)", "window = 7", "epochs=1"]}
LABS = tuple(TINY)
# Keras 3.15 on NumPy 2.4 warns on every tensor it converts (np.array(x) without copy=): not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:__array__ implementation doesn't accept a copy keyword")


def spec_of(name: str) -> LabSpec:
    return importlib.import_module(f"labs.{name}").SPEC


def params_for(name: str, seed: int = 3) -> dict:
    params = {param.name: param.default for param in spec_of(name).params}
    return params | TINY[name] | {"seed": seed}


def run_lab(name: str, seed: int = 3) -> tuple[LabResult, list[tuple[str, float]]]:
    module, function = spec_of(name).run.split(":")
    reports: list[tuple[str, float]] = []
    result = getattr(importlib.import_module(module), function)(
        params_for(name, seed), lambda text, fraction: reports.append((text, fraction)))
    return result, reports


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[LabResult, list[tuple[str, float]]]]:
    return {}


@pytest.fixture(params=LABS)
def ran(request, results) -> tuple[str, LabResult, list[tuple[str, float]]]:
    name = request.param
    if name not in results:
        results[name] = run_lab(name)
    return (name, *results[name])


def test_figures_are_finite_numbers_and_rates_are_rates(ran) -> None:
    name, result, _ = ran
    assert result.lab == name and result.figures
    for key, value in result.figures.items():
        assert isinstance(value, (int, float)) and math.isfinite(value), key
        if "accuracy" in key:
            assert 0.0 <= value <= 1.0, key


def test_pictures_are_pngs_a_phone_can_show(ran) -> None:
    _, result, _ = ran
    assert result.pictures
    for picture in result.pictures:
        assert picture[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", picture[16:24])
        assert 300 <= width <= 1200 and 200 <= height <= 1200


def test_the_code_shows_the_learners_values_and_is_python(ran) -> None:
    name, result, _ = ran
    for shown in SHOWN[name]:
        assert shown in result.code, shown
    compile(result.code, f"<{name}>", "exec")
    assert result.params["seed"] == 3


def test_the_summary_is_two_sentences_with_the_runs_numbers(ran) -> None:
    _, result, _ = ran
    assert result.summary.count(". ") + result.summary.count(": ") >= 1
    assert any(char.isdigit() for char in result.summary)


def test_the_question_answer_is_an_option_or_a_number_from_the_run(ran) -> None:
    _, result, _ = ran
    question = result.question
    assert question is not None and question.prompt.endswith("?")
    if question.options:
        assert question.answer in question.options
        assert len(set(question.options)) == len(question.options)
    else:
        assert question.answer == str(result.figures["best_epoch"])


def test_progress_is_reported_up_to_the_end(ran) -> None:
    name, _, reports = ran
    assert reports, name
    assert all(0.0 <= fraction <= 1.0 for _, fraction in reports)


@pytest.mark.parametrize("name", LABS)
def test_the_same_seed_gives_the_same_figures(name, results) -> None:
    first = results.get(name) or run_lab(name)
    again, _ = run_lab(name)
    assert _without_time(again.figures) == _without_time(first[0].figures)
    assert again.question == first[0].question


def _without_time(figures: dict) -> dict:
    return {key: value for key, value in figures.items() if "seconds" not in key}
