"""Labs found by name or in words; settings read from key=value and plain words, checked against their ranges."""
from __future__ import annotations

import pytest

from labs import registry
from labs._selftest import SPEC
from labs.base import LabError, LabSpec, Param


def test_every_lab_is_listed_and_a_missing_module_is_unavailable_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry.MODULES, "ghost", "labs.no_such_module")
    registry.lab.cache_clear()
    try:
        found = {lab.name: lab for lab in registry.labs()}
        assert list(found)[:8] == list(registry.LAB_NAMES)
        assert not found["ghost"].available and "no_such_module" in found["ghost"].missing
        assert found["project"].available
    finally:
        registry.lab.cache_clear()


@pytest.mark.parametrize("text, lab", [
    ("train the CNN on digits with 5 epochs", "cnn"),
    ("lab: logistic regression with learning rate 2", "logistic"),
    ("run the convolutional network", "cnn"),
    ("a word2vec lab please", "word2vec"),
    ("what is a label?", None),
])
def test_a_lab_is_found_in_words(text: str, lab: str | None) -> None:
    assert registry.find_lab(text) == lab


@pytest.mark.parametrize("text, expected", [
    ("epochs=5 lr=0.1", {"epochs": 5, "learning_rate": 0.1}),
    ("with 5 epochs", {"epochs": 5}),
    ("learning rate 2", {"learning_rate": 2.0}),
    ("learning rate of 0.05 and 30 epochs", {"learning_rate": 0.05, "epochs": 30}),
    ("learning rate=2", {"learning_rate": 2.0}),
    ("behaviour=spin seed=7", {"behaviour": "spin", "seed": 7}),
    ("with a picture=yes", {"picture": "yes"}),
])
def test_settings_are_read_from_pairs_and_plain_words(text: str, expected: dict[str, object]) -> None:
    settings = registry.read_settings(SPEC, text)
    assert {key: settings.values[key] for key in expected} == expected
    assert sorted(settings.given) == sorted(expected)
    assert settings.values["seed"] == expected.get("seed", 0)     # every lab takes a seed


@pytest.mark.parametrize("text, words", [
    ("epochs=500", "epochs must be from 1 to 200"),
    ("learning rate 20", "learning_rate must be from 0.001 to 10"),
    ("epochs=2.5", "whole number from 1 to 200"),
    ("epochs=ten", "takes a number from 1 to 200"),
    ("behaviour=dance", "must be one of train, spin, sleep, hog, fail"),
    ("optimizer=adam", "no setting “optimizer”"),
])
def test_a_setting_out_of_range_is_refused_naming_the_range(text: str, words: str) -> None:
    with pytest.raises(LabError, match=words):
        registry.read_settings(SPEC, text)


def test_a_repeat_keeps_the_earlier_settings_and_changes_only_the_named_ones() -> None:
    settings = registry.read_settings(SPEC, "seed 3", base={"epochs": 7, "learning_rate": 0.2, "seed": 1})
    assert (settings.values["epochs"], settings.values["learning_rate"], settings.values["seed"]) == (7, 0.2, 3)


def test_a_lab_declaring_its_own_seed_keeps_it() -> None:
    spec = LabSpec("x", 1, "x", (), None, (Param("seed", 42, "seed", low=0, high=99),), "labs.x:run")
    assert registry.read_settings(spec, "").values == {"seed": 42}
    assert registry.describe_settings(spec, {"seed": 42}) == "seed=42"


def test_a_common_setting_the_lab_lacks_is_refused_not_ignored() -> None:
    """"train the mlp with batch size 512 and 3 epochs" had run with the lab's own batch size without a word."""
    with pytest.raises(LabError, match="no setting “batch size”.*Its settings: .*learning_rate"):
        registry.read_settings(SPEC, "train it with batch size 512 and 3 epochs")
    assert set(registry.read_settings(SPEC, "lr 0.5, 3 epochs").given) == {"learning_rate", "epochs"}   # its own words


def test_a_decimal_comma_in_words_is_a_decimal_point_never_a_cut_off_number() -> None:
    # "dropout 0,5" had run with dropout=0
    settings = registry.read_settings(registry.spec("cnn"), "I want to try the CNN lab. 3 epochs, dropout 0,5 if possible")
    assert (settings.values["dropout"], settings.values["epochs"]) == (0.5, 3)
    assert registry.read_settings(registry.spec("mlp"), "lr 0,001").values["lr"] == 0.001
