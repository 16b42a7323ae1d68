"""Imported once by the labs' fork server (``labs.pool``), never by the bot: torch set up for one thread
(``labs.worker``) and every lab module, so each lab process forked from it starts with its packages loaded
(shared with the server, not copied) and their import does not count against the lab's CPU budget.
A lab module that fails to import is skipped here: the lab says why when it runs."""
from __future__ import annotations

import contextlib
import importlib

import labs.worker  # noqa: F401 - the thread settings and torch, first
from labs import registry

for _module in registry.MODULES.values():
    with contextlib.suppress(Exception):
        importlib.import_module(_module)
