"""The benchmark's stand-in for a real lab where none is installed: the self-test lab with a budget that fits
``busy_seconds`` of CPU work (the self-test lab's own 3 s budget is made for tests that pass it)."""
from __future__ import annotations

from dataclasses import replace

from labs._selftest import SPEC as SELFTEST

SPEC = replace(SELFTEST, name="busy", title="A CPU-bound stand-in lab (the self-test lab, busy)", cpu_seconds=40)
