"""bot/startup.py: sqlite-utils is imported without pandas (0.5 s of every start), pandas stays
importable for everything else."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

CODE = """
import sys
from bot.startup import sqlite_utils_without_pandas
sqlite_utils_without_pandas()
import sqlite_utils
print("pandas" in sys.modules)
import pandas
print(pandas.__name__)
"""


@pytest.mark.skipif(not (importlib.util.find_spec("sqlite_utils") and importlib.util.find_spec("pandas")),
                    reason="needs sqlite-utils and pandas installed")
def test_sqlite_utils_loads_without_pandas_and_pandas_still_imports() -> None:
    run = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})
    assert run.stdout.split() == ["False", "pandas"]
