"""Every package the code imports is declared in pyproject.toml, where it belongs: what the tutor
imports when a module loads is a runtime dependency; a package imported only inside a function
(an optional path such as seqeval for benchmarks/atis.py) may be an extra; benchmarks/, tools/ and
tests/ may use the ``bench`` and ``test`` extras too."""
from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = {"bot", "nlp", "tutor", "benchmarks", "tests", "tools", "labs"}
RUNTIME_PACKAGES = ("bot", "nlp", "tutor")
# Import names whose distribution is named otherwise, for packages that may not be installed here.
KNOWN_DISTRIBUTIONS = {"yaml": "pyyaml", "sklearn": "scikit-learn", "telegram": "python-telegram-bot"}


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> dict[str, set[str]]:
    """{"runtime" | extra name: the distributions it declares}."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]

    def names(requirements: list[str]) -> set[str]:
        return {normalized(re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0]) for requirement in requirements}

    return {"runtime": names(project["dependencies"]),
            **{extra: names(requirements) for extra, requirements in project["optional-dependencies"].items()}}


def distribution(module: str, installed: dict[str, list[str]]) -> str:
    return normalized(KNOWN_DISTRIBUTIONS.get(module) or (installed.get(module) or [module])[0])


def imports(path: Path) -> list[tuple[str, bool, int]]:
    """(top-level module, imported when the module loads, line) of each import of a third-party package."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    in_function: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            in_function.update(id(inner) for inner in ast.walk(node) if inner is not node)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:
            continue
        for module in modules:
            top = module.split(".")[0]
            if top not in sys.stdlib_module_names and top not in OURS and top != "__future__":
                found.append((top, id(node) not in in_function, node.lineno))
    return found


def undeclared(folders: tuple[str, ...], allowed_at_load: set[str], allowed_inside: set[str]) -> list[str]:
    installed = packages_distributions()
    problems = []
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for module, at_load, line in imports(path):
                allowed = allowed_at_load if at_load else allowed_inside
                name = distribution(module, installed)
                if name not in allowed:
                    problems.append(f"{path.relative_to(ROOT)}:{line}: {module} ({name})")
    return problems


def test_what_the_tutor_imports_is_declared_as_a_runtime_dependency() -> None:
    groups = declared()
    extras = set().union(*(names for group, names in groups.items() if group != "runtime"))
    assert undeclared(RUNTIME_PACKAGES, groups["runtime"], groups["runtime"] | extras) == []


def test_benchmarks_tools_and_tests_import_only_declared_packages() -> None:
    everything = set().union(*declared().values())
    assert undeclared(("benchmarks", "tools", "tests"), everything, everything) == []


def test_test_and_benchmark_packages_stay_out_of_the_runtime_set() -> None:
    groups = declared()
    assert {"seqeval", "scikit-learn", "pytest", "selenium", "spacy"} & groups["runtime"] == set()


@pytest.mark.parametrize("group", ["runtime", "test", "bench"])
def test_every_dependency_has_an_upper_bound(group: str) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = project["dependencies"] if group == "runtime" else project["optional-dependencies"][group]
    assert [r for r in requirements if "<" not in r] == []
