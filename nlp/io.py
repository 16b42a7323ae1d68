"""Safe model I/O: tensors as safetensors (no pickle), everything else as JSON."""
from __future__ import annotations

import json
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
