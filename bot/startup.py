"""What a command does before its imports, so that a chat is ready sooner.

sqlite-utils imports pandas whenever pandas is installed (fsrs's optimizer installs it), only to
map ``pandas.Timestamp`` to a column type; tutorbot never stores one, and importing pandas cost
about 0.5 s of every start of `tutorbot shell` and `tutorbot serve`. The store's own module is
left as it is: sqlite-utils is imported here first, with pandas hidden from it.
"""
from __future__ import annotations

import importlib
import sys


def sqlite_utils_without_pandas() -> None:
    """Import sqlite-utils with pandas hidden (a no-op when either is imported already); pandas
    stays importable for whatever needs it later (`tutorbot review-fit`)."""
    if "sqlite_utils" in sys.modules or "pandas" in sys.modules:
        return
    sys.modules["pandas"] = None  # type: ignore[assignment]  # `import pandas` raises ImportError
    try:
        importlib.import_module("sqlite_utils")
    except ImportError:          # not installed: the store says so when it is opened
        pass
    finally:
        del sys.modules["pandas"]
