"""What a command sets up before its imports, so that a chat is ready sooner.

sqlite-utils imports pandas whenever pandas is installed (fsrs's optimizer installs it), only to
map ``pandas.Timestamp`` to a column type; tutorbot never stores one, and importing pandas cost
about 0.5 s of every start of `tutorbot shell` and `tutorbot serve`. pandas is hidden from
sqlite-utils alone, while its module runs: nothing is imported here, and whatever else asks for
pandas (`tutorbot review-fit`) gets it.
"""
from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Sequence
from types import ModuleType

_IMPORTER = "sqlite_utils.db"


class _PandasHiddenFromSqliteUtils(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        importer = sys.modules.get(_IMPORTER)
        if name == "pandas" and importer is not None and getattr(importer.__spec__, "_initializing", False):
            raise ModuleNotFoundError("pandas is not needed by tutorbot's store", name=name)
        return None      # any other module, or pandas for anyone else: the usual finders


def sqlite_utils_without_pandas() -> None:
    """Install the finder (once) in front of the others."""
    if not any(isinstance(finder, _PandasHiddenFromSqliteUtils) for finder in sys.meta_path):
        sys.meta_path.insert(0, _PandasHiddenFromSqliteUtils())
