"""User-facing errors: the CLI prints them as one line (no traceback) and exits with ``exit_code``."""
from __future__ import annotations

from pathlib import Path


class TutorbotError(Exception):
    """A mistake the user can fix (bad file, missing models, missing secret)."""

    exit_code = 2


class DataError(TutorbotError):
    """A malformed data or test file; names the file and the 1-based line."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path, self.line, self.message = Path(path), line, message
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


class ModelsMissing(TutorbotError):
    def __init__(self, directory: Path | str) -> None:
        missing = "" if Path(directory).is_dir() else " (the directory does not exist: check --models or $TUTORBOT_MODELS)"
        super().__init__(
            f"no trained models in {directory}{missing}: run `tutorbot train --models {directory}` first"
        )


class MissingSecret(TutorbotError):
    def __init__(self, variable: str) -> None:
        super().__init__(f"missing secret: set the environment variable {variable}")


class IncompatibleModels(TutorbotError):
    def __init__(self, directory: Path | str, component: str, error: Exception) -> None:
        super().__init__(
            f"the {component} model in {Path(directory) / component} cannot be loaded ({type(error).__name__}: {error}); "
            f"it was saved by another tutorbot version or is damaged: retrain with `tutorbot train --models {directory}`"
        )


class DamagedModels(TutorbotError):
    """A model file that is truncated, malformed or disagrees with the others; names the file."""

    def __init__(self, directory: Path | str, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        super().__init__(
            f"{path}: {problem}; the models are damaged or were changed by hand: "
            f"retrain with `tutorbot train --models {directory}`"
        )
