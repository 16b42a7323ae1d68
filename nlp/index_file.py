"""The answer retriever's text indexes on disk, so that loading the models does not build them again.

Building the indexes of the knowledge base's questions and answers (stemming, character n-grams,
mean word vectors of ~3,500 texts) took about 2 s of every start; they are saved at training
(``answers/index.safetensors`` with the arrays, ``answers/index.json`` with the vocabularies) and
read back in milliseconds. Saved with a fingerprint of what they were built from (the indexed
texts, the word vectors, the source of :mod:`nlp.retrieval` and :mod:`nlp.tokenizer`, which
build them): a models directory without them (trained before they were saved) or whose
fingerprint differs (a changed retriever) is served by building them at load as before, until the
answers component is retrained.

The sparse matrices come back as :class:`Postings`, their arrays as saved, which is all a query
reads: answering then needs no scipy (importing ``scipy.sparse`` took 0.16 s of CPU per start).

A :class:`TextIndex` is written attribute by attribute by the type of each value (arrays, sparse
matrices, vocabularies, numbers), so an attribute added to it later is saved too, and one of a type
this file does not know fails at training, not at a learner's question.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np
from safetensors.numpy import load_file, save_file

from nlp import retrieval, tokenizer
from nlp.embeddings import Embeddings
from nlp.io import read_json, write_json
from nlp.retrieval import TextIndex, _Vocabulary

log = logging.getLogger(__name__)

ARRAYS = "index.safetensors"
LAYOUT = "index.json"
FORMAT = 1
FIELDS = ("questions", "answers", "outside")  # a layout saved before the outside messages has two


@dataclass(frozen=True)
class Postings:
    """A saved sparse matrix in compressed-row form: the arrays :func:`nlp.retrieval._postings_sum`
    reads, without scipy."""

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    shape: tuple[int, ...]
    format: str = "csr"


def fingerprint(questions: Sequence[str], answers: Sequence[str], embeddings: Embeddings | None,
                outside: Sequence[str] = ()) -> str:
    """What the indexes are built from: a saved index serves only the same texts and word vectors."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for module in (retrieval, tokenizer):
        digest.update(Path(module.__file__ or "").read_bytes())
    for texts in (questions, answers, *((outside,) if outside else ())):
        digest.update(f"{len(texts)}\n".encode())
        for text in texts:
            digest.update(text.encode() + b"\0")
    if embeddings is not None:
        digest.update("\0".join(embeddings.words).encode())
        digest.update(np.ascontiguousarray(embeddings.vectors, dtype=np.float32).tobytes())
    return digest.hexdigest()


def save(directory: Path, indexes: tuple[TextIndex, ...], built_from: str) -> None:
    """Write the questions', answers' (and outside messages') indexes; ``built_from``: their :func:`fingerprint`."""
    arrays: dict[str, np.ndarray] = {}
    layout: dict[str, Any] = {"format": FORMAT, "fingerprint": built_from}
    for field, index in zip(FIELDS, indexes):
        # the word vectors are saved by their own component; a "_name" is a cache the index fills on demand
        layout[field] = {name: _flatten(f"{field}.{name}", value, arrays)
                         for name, value in vars(index).items() if name != "embeddings" and not name.startswith("_")}
    directory.mkdir(parents=True, exist_ok=True)
    save_file(arrays, str(directory / ARRAYS))
    write_json(directory / LAYOUT, layout)


def load(directory: Path, built_from: str, embeddings: Embeddings | None) -> tuple[TextIndex, ...] | None:
    """The saved indexes when they were built from what ``built_from`` fingerprints; None
    otherwise (then the caller builds them)."""
    if not (directory / LAYOUT).is_file() or not (directory / ARRAYS).is_file():
        return None
    layout = read_json(directory / LAYOUT)
    if layout.get("format") != FORMAT or layout.get("fingerprint") != built_from:
        log.info("the saved answer index in %s was built from other texts or vectors: building it", directory)
        return None
    arrays = load_file(str(directory / ARRAYS))
    return tuple(_restored(layout[field], arrays, embeddings) for field in FIELDS if field in layout)


def _restored(saved: dict[str, Any], arrays: dict[str, np.ndarray], embeddings: Embeddings | None) -> TextIndex:
    index = TextIndex.__new__(TextIndex)      # its attributes as saved, not built from the texts again
    index.embeddings = embeddings
    for name, value in saved.items():
        setattr(index, name, _unflatten(value, arrays))
    return index


def _flatten(key: str, value: Any, arrays: dict[str, np.ndarray]) -> Any:
    """A JSON description of ``value``; its arrays go into ``arrays`` under ``key``."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return {"value": value}
    if isinstance(value, np.ndarray):
        arrays[key] = np.ascontiguousarray(value)
        return {"array": key}
    if isinstance(value, _Vocabulary):
        arrays[key + ".df"] = np.ascontiguousarray(value.df)
        return {"vocabulary": sorted(value.index, key=value.index.__getitem__), "n_docs": value.n_docs, "df": key + ".df"}
    if getattr(value, "format", None) == "csr":         # a scipy csr_matrix, or Postings
        for part in ("data", "indices", "indptr"):
            arrays[f"{key}.{part}"] = np.ascontiguousarray(getattr(value, part))
        return {"csr": key, "shape": list(value.shape)}
    raise TypeError(f"the answer index's {key} is a {type(value).__name__}, which nlp/index_file.py cannot save")


def _unflatten(saved: dict[str, Any], arrays: dict[str, np.ndarray]) -> Any:
    if "value" in saved:
        return saved["value"]
    if "array" in saved:
        return arrays[saved["array"]]
    if "vocabulary" in saved:
        vocabulary = _Vocabulary([])
        vocabulary.index = {item: number for number, item in enumerate(saved["vocabulary"])}
        vocabulary.n_docs, vocabulary.df = saved["n_docs"], arrays[saved["df"]]
        return vocabulary
    key = saved["csr"]
    return Postings(arrays[f"{key}.data"], arrays[f"{key}.indices"], arrays[f"{key}.indptr"], tuple(saved["shape"]))
