"""The labs' specs: what the registry validates against and the tutor offers."""
from __future__ import annotations

import importlib

import pytest
import yaml

from labs.data import DATA
from labs.base import LabError

LABS = ("logistic", "mlp", "cnn", "lstm", "transformer", "word2vec", "timeseries")
GLOSSARY = {entry["key"] for entry in yaml.safe_load((DATA / "curriculum" / "glossary.yml").read_text())["concepts"]}
LESSONS = {lesson["id"] for day in range(1, 6)
           for lesson in yaml.safe_load((DATA / "curriculum" / f"day{day}.yml").read_text())["lessons"]}


@pytest.mark.parametrize("name", LABS)
def test_a_spec_names_its_module_real_concepts_and_lesson(name) -> None:
    spec = importlib.import_module(f"labs.{name}").SPEC
    assert spec.name == name and spec.run == f"labs.{name}:run"
    assert set(spec.concepts) <= GLOSSARY
    assert spec.lesson in LESSONS
    assert 1 <= spec.day <= 5


@pytest.mark.parametrize("name", LABS)
def test_every_default_lies_in_its_declared_range(name) -> None:
    spec = importlib.import_module(f"labs.{name}").SPEC
    assert len({param.name for param in spec.params}) == len(spec.params)
    for param in spec.params:
        if param.choices:
            assert param.default in param.choices, param.name
        elif isinstance(param.default, (int, float)):
            assert param.low is not None and param.high is not None, param.name
            assert param.low <= param.default <= param.high, param.name


def test_importing_a_spec_leaves_keras_and_transformers_unloaded() -> None:
    import subprocess
    import sys

    probe = ("import sys, labs.cnn, labs.lstm, labs.transformer, labs.word2vec; "
             "print('keras' in sys.modules, 'transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_a_transformer_whose_heads_do_not_divide_hidden_is_refused_with_the_rule() -> None:
    from labs import transformer

    params = {param.name: param.default for param in transformer.SPEC.params} | {"hidden": 30, "heads": 4, "seed": 0}
    with pytest.raises(LabError, match="multiple of heads"):
        transformer.run(params, lambda text, fraction: None)


def test_a_learners_text_enters_the_executed_code_as_a_string_only() -> None:
    from labs.keras_code import execute, literal

    sneaky = "'); import os; os.exit(1) #\n__import__('sys').exit(3)"
    scope = execute(f"text = {literal(sneaky)}")
    assert scope["text"] == sneaky
