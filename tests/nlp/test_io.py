"""nlp/io.py: a network built to be loaded skips its random initialisation, and loads whole."""
from __future__ import annotations

from pathlib import Path

import pytest
import torch

from nlp.io import load_state, save_state, weights_to_be_loaded


def network() -> torch.nn.Module:
    return torch.nn.Sequential(torch.nn.Embedding(50, 8, padding_idx=0), torch.nn.LSTM(8, 4), torch.nn.Linear(4, 3))


def test_a_network_built_to_be_loaded_gets_exactly_the_saved_weights(tmp_path: Path) -> None:
    saved = network()
    save_state(saved, tmp_path)
    with weights_to_be_loaded():
        built = network()
    loaded = load_state(built, tmp_path)
    assert all(torch.equal(a, b) for a, b in zip(saved.state_dict().values(), loaded.state_dict().values()))


def test_the_initialisers_come_back_after_the_block_even_after_an_error() -> None:
    normal = torch.nn.init.normal_
    with pytest.raises(RuntimeError), weights_to_be_loaded():
        assert torch.nn.init.normal_ is not normal
        raise RuntimeError("a damaged file")
    assert torch.nn.init.normal_ is normal
    torch.manual_seed(0)
    assert torch.nn.Linear(4, 3).weight.abs().sum() > 0      # initialised again


def test_a_state_without_every_weight_is_refused(tmp_path: Path) -> None:
    save_state(torch.nn.Linear(4, 3), tmp_path)
    with weights_to_be_loaded():
        bigger = torch.nn.Sequential(torch.nn.Linear(4, 3))
    with pytest.raises(RuntimeError, match="Missing key"):
        load_state(bigger, tmp_path)
