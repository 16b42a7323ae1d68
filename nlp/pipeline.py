"""The Pipeline of the SPEC: train every component in dependency order, save, load, analyse.

    nlp = Pipeline.train("data/")           # or Pipeline.train(data, only=["intent"], base=existing)
    nlp.save("models"); nlp = Pipeline.load("models")
    nlp("what is gradient descent?")        # -> Analysis
"""
from __future__ import annotations

import dataclasses
import gc
import importlib
import json
import platform
import time
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence

import torch

from nlp.apart import ApartTraining, trains_apart
from nlp.data import TrainingData
from nlp.embeddings import Embeddings
from nlp.errors import DamagedModels, DataError, IncompatibleModels, ModelsMissing, TutorbotError
from nlp.features import collate
from nlp.io import read_json, write_json
from nlp.types import Analysis, AnswerContext, AnswerHit

MANIFEST = "manifest.json"
# Training (and loading) order: a component comes after those it requires.
COMPONENTS: dict[str, str] = {
    "embeddings": "nlp.embeddings:Embeddings",
    "intent": "nlp.classifier:IntentClassifier",
    "sentiment": "nlp.classifier:SentimentClassifier",
    "ner": "nlp.tagger:EntityTagger",
    "persona": "nlp.persona:PersonaMatcher",
    "responder": "nlp.responder:Responder",
    "answers": "nlp.answers:Answers",
}
PRESETS = ("tiny", "default", "long")


def component_class(name: str) -> type | None:
    """The class of a component, imported lazily; None if its module does not exist (yet)."""
    module_name, class_name = COMPONENTS[name].split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name == module_name:
            return None
        raise
    return getattr(module, class_name, None)


def requirements(name: str) -> tuple[str, ...]:
    return tuple(getattr(component_class(name), "requires", ()))


def training_plan(only: Sequence[str] | None, kept: Sequence[str] = ()) -> list[str]:
    """Which components to train, in order.

    All of them without ``only``. With it: the named ones, plus each requirement not among ``kept``
    (the components of a base pipeline), plus every kept component built on something retrained
    (new embeddings change the vocabulary the networks index)."""
    if only is None:
        return list(COMPONENTS)
    unknown = [n for n in only if n not in COMPONENTS]
    if unknown:
        raise TutorbotError(f"unknown component {', '.join(unknown)} (choose from {', '.join(COMPONENTS)})")
    wanted = set(only)
    for name in only:
        wanted.update(r for r in requirements(name) if r not in kept)
    for name in COMPONENTS:  # dependency order, so chains propagate
        if name in kept and any(r in wanted for r in requirements(name)):
            wanted.add(name)
    return [n for n in COMPONENTS if n in wanted]


def _versions() -> dict[str, str]:
    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "unknown"
    return {"tutorbot": version("tutorbot"), "torch": torch.__version__, "gensim": version("gensim"),
            "python": platform.python_version()}


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Analysis allocates many small acyclic objects; the cyclic GC scanning the loaded models
    meanwhile cost a third of batch throughput, and it has nothing to collect here."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Pipeline:
    def __init__(self, components: dict[str, Any], manifest: dict[str, Any] | None = None) -> None:
        # dependency order, so that save() writes an order load() can follow
        self.components = {name: components[name] for name in COMPONENTS if name in components}
        self.manifest = manifest or {}

    # ------------------------------------------------------------ training
    @classmethod
    def train(cls, data: TrainingData | str | Path, *, only: Sequence[str] | None = None, seed: int = 13,
              preset: str = "default", progress: bool = True, base: "Pipeline | None" = None,
              heldout: float | None = None) -> "Pipeline":
        """Train each component whose data exists, dependencies first.

        ``only``: train just these (plus what they require); the other components of ``base`` are kept.
        ``heldout``: the fraction of examples held out for metrics (default 0.15; 0 trains on everything
        and reports metrics on the training data)."""
        if preset not in PRESETS:
            raise TutorbotError(f"unknown preset {preset!r} (choose from {', '.join(PRESETS)})")
        source = "the training data" if isinstance(data, TrainingData) else str(data)
        if not isinstance(data, TrainingData):
            data = TrainingData.load(data)  # parses and validates everything before any training
        if heldout is not None:
            data = dataclasses.replace(data, heldout=heldout)
        if data.is_empty():
            raise DataError(source, None, "no training data found (expected nlu/, sentiment/, dialogues/, corpus/ or curriculum/knowledge/)")
        components: dict[str, Any] = dict(base.components) if base is not None and only is not None else {}
        names = training_plan(only, kept=list(components))
        started = time.perf_counter()
        for name in names:
            components.pop(name, None)
        apart = {name: component_class(name) for name in names if trains_apart(component_class(name), data, len(names))}
        with ApartTraining(apart, data, seed, preset, progress) as background:
            for name in names:
                if name not in apart:
                    trained = cls._train_component(name, data, components, seed, preset, progress)
                    if trained is not None:
                        components[name] = trained
            components.update(background.results())
        pipeline = cls(components)
        pipeline.manifest = pipeline._manifest(data, seed, preset, time.perf_counter() - started)
        if progress:
            pipeline.print_metrics()
        return pipeline

    @staticmethod
    def _train_component(name: str, data: TrainingData, trained: dict[str, Any], seed: int, preset: str,
                         progress: bool) -> Any | None:
        component = component_class(name)
        if component is None or not component.can_train(data):
            return None
        if any(required not in trained for required in component.requires):
            return None
        return component.train(data, shared=trained, seed=seed, progress=progress, preset=preset)

    def _manifest(self, data: TrainingData, seed: int, preset: str, seconds: float) -> dict[str, Any]:
        return {
            "versions": _versions(),
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "data_fingerprint": data.fingerprint(),
            "seed": seed,
            "preset": preset,
            "heldout": data.heldout,
            "training_seconds": round(seconds, 2),
            "labels": self.labels,
            "metrics": self.metrics,
        }

    def print_metrics(self) -> None:
        """The held-out metrics table printed at the end of training."""
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"held-out metrics (held out: {self.manifest.get('heldout', '?')})")
        table.add_column("component")
        table.add_column("metrics")
        for name, component in self.components.items():
            shown = ", ".join(f"{k} {v:.4g}" if isinstance(v, float) else f"{k} {v}"
                              for k, v in component.metrics.items())
            table.add_row(name, shown)
        Console(stderr=True).print(table)

    # ------------------------------------------------------------ persistence
    def save(self, directory: str | Path) -> None:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        for name, component in self.components.items():
            component.save(directory / name)
        write_json(directory / MANIFEST, {**self.manifest, "order": list(self.components)})

    @classmethod
    def load(cls, directory: str | Path) -> "Pipeline":
        """The pipeline saved in ``directory``. Every way it can be broken is found here, once, as a
        one-line :class:`TutorbotError` naming the file: a missing directory or manifest
        (:class:`ModelsMissing`), a truncated or malformed file, labels or a vocabulary that do not
        fit the weights (:class:`DamagedModels`), a component that will not load
        (:class:`IncompatibleModels`); never a pipeline that loads and then fails every turn."""
        directory = Path(directory)
        if not (directory / MANIFEST).is_file():
            raise ModelsMissing(directory)
        manifest = _read_manifest(directory)
        components: dict[str, Any] = {}
        for name in manifest["order"]:
            component = component_class(name)
            if component is None:  # e.g. a responder saved by a newer tutorbot: skip, keep the rest working
                continue
            _check_files(directory, directory / name)
            try:
                components[name] = component.load(directory / name, shared=components)
            except Exception as error:  # noqa: BLE001 - a damaged file fails in each library's own way
                # Saved by another version of tutorbot (or damaged): a user can fix this by retraining.
                raise IncompatibleModels(directory, name, error) from error
        pipeline = cls(components, manifest)
        pipeline._check_consistency(directory)
        return pipeline

    def _check_consistency(self, directory: Path) -> None:
        """Labels and vocabularies agree across files, and each model analyses a sentence."""
        vocabulary = len(self.embeddings.vocab) if self.embeddings is not None else None
        for name, component in self.components.items():
            settings = getattr(component, "settings", None)
            if not isinstance(settings, dict):
                continue
            config = directory / name / "config.json"
            if vocabulary is not None and settings.get("vocab_size", vocabulary) != vocabulary:
                raise DamagedModels(directory, config, f"the model indexes {settings['vocab_size']} words, "
                                    f"the embeddings have {vocabulary}")
            labels = list(getattr(component, "labels", []))
            if settings.get("num_classes", len(labels)) != len(labels):
                raise DamagedModels(directory, config, f"{len(labels)} labels for a model with "
                                    f"{settings['num_classes']} outputs")
        saved = self.manifest.get("labels")
        if isinstance(saved, dict):
            for kind, labels in self.labels.items():
                if kind in saved and saved[kind] != labels:
                    raise DamagedModels(directory, directory / MANIFEST,
                                        f"{kind} {saved[kind]} differ from the models' {labels}")
        self._try_each_model(directory)

    def _try_each_model(self, directory: Path) -> None:
        """Analyse one sentence made of the vocabulary's last words (the highest indices)."""
        if self.embeddings is None:
            return
        text = " ".join(["hello", *self.embeddings.words[-3:]])
        batch = collate([self.embeddings.featurizer.features(text)])
        for name, component in self.components.items():
            if not hasattr(component, "annotate"):
                continue
            try:
                component.annotate(batch, [Analysis(text)])
            except Exception as error:  # noqa: BLE001 - any failure here would fail every turn
                raise IncompatibleModels(directory, name, error) from error

    # ------------------------------------------------------------ inference
    @property
    def embeddings(self) -> Embeddings | None:
        return self.components.get("embeddings")

    @property
    def labels(self) -> dict[str, list[str]]:
        """Intent names, entity labels and sentiment labels the pipeline knows."""
        def of(name: str) -> list[str]:
            return list(getattr(self.components.get(name), "labels", []))
        return {"intents": of("intent"), "entities": of("ner"), "sentiment": of("sentiment")}

    @property
    def metrics(self) -> dict[str, dict[str, float]]:
        return {name: dict(component.metrics) for name, component in self.components.items()}

    def __call__(self, text: str) -> Analysis:
        return self.analyze_batch([text])[0]

    def analyze_batch(self, texts: Sequence[str], batch_size: int = 256) -> list[Analysis]:
        """One featurisation per text, shared by every model; batches of similar length (little padding)."""
        analyses = [Analysis(text) for text in texts]
        annotators = [c for c in self.components.values() if hasattr(c, "annotate")]
        if not annotators or self.embeddings is None:
            return analyses
        with _collector_paused():
            features = [self.embeddings.featurizer.features(text) for text in texts]
            order = sorted(range(len(texts)), key=lambda i: len(features[i].tokens))
            for start in range(0, len(order), batch_size):
                chunk = order[start : start + batch_size]
                batch = collate([features[i] for i in chunk])
                for component in annotators:
                    component.annotate(batch, [analyses[i] for i in chunk])
        return analyses

    def respond(self, text: str, context: Sequence[str] = (), *, refuse: Callable[[str], bool] | None = None,
                fallback: bool = True) -> str | None:
        """The responder's reply to chit-chat (None without a responder). ``refuse``: the caller's reason to pass
        over a candidate reply for the next one; ``fallback=False``: None instead of a persona fallback line."""
        persona = self.components.get("persona")   # a persona message's own replies first (nlp.persona)
        for reply in persona.replies_for(text) if persona is not None else ():
            if refuse is None or not refuse(reply):
                return reply
        responder = self.components.get("responder")
        if responder is None:
            return None
        choice = responder.reply(text, context, refuse=refuse)
        return choice.text if fallback or choice.from_model else None

    def answer(self, text: str, context: AnswerContext | None = None) -> AnswerHit | None:
        """The knowledge base's answer to a learner's question (see nlp.answers); None without the
        answers component or for a text without a word."""
        answers = self.components.get("answers")
        return answers.retrieve(text, context) if answers is not None else None

def _read_manifest(directory: Path) -> dict[str, Any]:
    path = directory / MANIFEST
    try:
        manifest = read_json(path)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise DamagedModels(directory, path, f"not readable JSON ({error})") from error
    order = manifest.get("order") if isinstance(manifest, dict) else None
    if not isinstance(order, list) or not all(isinstance(name, str) for name in order):
        raise DamagedModels(directory, path, 'no "order" list of component names')
    unknown = [name for name in order if name not in COMPONENTS]
    if unknown:
        raise DamagedModels(directory, path, f"unknown component {', '.join(unknown)}")
    return manifest


def _check_files(directory: Path, component: Path) -> None:
    """Every JSON and safetensors file of a component is whole, or an error names it."""
    if not component.is_dir():
        raise DamagedModels(directory, component, "missing (the manifest lists it)")
    for path in sorted(component.iterdir()):
        if path.suffix == ".json":
            try:
                json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, ValueError) as error:
                raise DamagedModels(directory, path, f"not readable JSON ({error})") from error
        elif path.suffix == ".safetensors":
            problem = _safetensors_problem(path)
            if problem:
                raise DamagedModels(directory, path, problem)


def _safetensors_problem(path: Path) -> str | None:
    """What is wrong with a safetensors file's framing (8-byte header length, JSON header, then
    exactly the tensor bytes it announces), or None; a truncated file fails here, by name."""
    size = path.stat().st_size
    with path.open("rb") as file:
        header_length = int.from_bytes(file.read(8), "little") if size >= 8 else -1
        if header_length < 0 or 8 + header_length > size:
            return f"truncated ({size:,} bytes, shorter than its own header)"
        try:
            header = json.loads(file.read(header_length))
            ends = [entry["data_offsets"][1] for key, entry in header.items() if key != "__metadata__"]
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            return "not a safetensors file (malformed header)"
    expected = 8 + header_length + max(ends, default=0)
    if size != expected:
        return f"truncated or padded ({size:,} bytes, its header announces {expected:,})"
    return None
