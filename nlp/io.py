"""Safe model I/O: tensors as safetensors (no pickle), everything else as JSON."""
from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load_file, save_file

WEIGHTS = "weights.safetensors"
CONFIG = "config.json"


def save_state(module: torch.nn.Module, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    state = {name: tensor.detach().contiguous().clone() for name, tensor in module.state_dict().items()}
    save_file(state, str(directory / WEIGHTS))


# torch.nn.init's in-place fills, which the layers' constructors call to initialise their weights.
_INIT_FILLS = ("uniform_", "normal_", "trunc_normal_", "constant_", "ones_", "zeros_", "eye_", "dirac_",
               "xavier_uniform_", "xavier_normal_", "kaiming_uniform_", "kaiming_normal_", "orthogonal_", "sparse_")


@contextmanager
def weights_to_be_loaded() -> Iterator[None]:
    """Networks built inside skip their random initialisation: every weight is about to be
    replaced by the saved state (loading checks that the state has them all). Filling the large
    embedding tables with random numbers first cost about 0.1 s of every start. Only for
    building a network to load: not thread-safe, as it replaces torch.nn.init's functions
    meanwhile."""
    saved = {name: getattr(torch.nn.init, name) for name in _INIT_FILLS}
    for name in saved:
        setattr(torch.nn.init, name, _unchanged)
    try:
        yield
    finally:
        for name, fill in saved.items():
            setattr(torch.nn.init, name, fill)


def _unchanged(tensor: torch.Tensor, *args: Any, **kwargs: Any) -> torch.Tensor:
    return tensor


def load_state(module: torch.nn.Module, directory: Path) -> torch.nn.Module:
    module.load_state_dict(load_file(str(directory / WEIGHTS)))
    return module.eval()


def save_network(directory: Path, module: torch.nn.Module, labels: list[str], settings: dict[str, Any],
                 metrics: dict[str, float]) -> None:
    """A trained network component: its weights, plus the labels and settings that rebuild it on load."""
    save_state(module, directory)
    write_json(directory / CONFIG, {"labels": labels, "settings": settings, "metrics": metrics})


def write_json(path: Path, payload: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
