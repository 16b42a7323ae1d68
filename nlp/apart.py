"""Training a component in a process of its own, beside the others (used by ``Pipeline.train``).

On 2 cores the responder's ~4 minutes of training (one thread, from data/ alone) run beside the
NLU components' ~2 instead of after them: `tutorbot train` on data/ went from 6 min 13 s to
4 min 11 s. The component is the same either way (same seed, same data, same thread count;
tests/nlp/test_pipeline.py). With the fetched corpora it trains on 2 threads
(nlp.responder.presets.training_threads), which contend with the NLU components' one for their ~2
minutes, and still every component took 9 min 43 s and 9 min 59 s (two runs) this way, where
the NLU components alone (108 s) and the responder alone (8 min 14 s) add up to 10 min 2 s.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import tempfile
import threading
import traceback
from contextlib import contextmanager
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Iterator

import torch

from nlp.data import TrainingData

# How long a child that has reported its result may take to exit before it is stopped.
EXIT_GRACE_S = 60.0


def trains_apart(component: type | None, data: TrainingData, trained_together: int) -> bool:
    """Whether ``component`` trains in a process of its own: one that says it ``trains_apart`` (long
    work) and requires no other, when there is other training to overlap with
    (``trained_together`` components in all) and a second core to do it on."""
    return (component is not None and bool(getattr(component, "trains_apart", False))
            and not component.requires and trained_together > 1 and (os.cpu_count() or 1) > 1
            and component.can_train(data))


class ApartTraining:
    """Trains the given components in child processes while the ``with`` block trains the rest.

    The children are spawned (fresh interpreters: no forked torch thread pools); each saves what it
    trained into a temporary folder, from which :meth:`results` loads it. Meanwhile this process
    keeps to the cores the children leave free, so they do not slow each other down. If the block
    fails or is interrupted (Ctrl-C), the children still training are stopped rather than waited for:
    they ignore Ctrl-C themselves, so nothing is printed twice. Those that reported are waited for."""

    def __init__(self, components: dict[str, type], data: TrainingData, seed: int, preset: str,
                 progress: bool) -> None:
        self.components, self.data, self.seed, self.preset, self.progress = components, data, seed, preset, progress
        self.children: dict[str, tuple[BaseProcess, Connection]] = {}
        self.reported: set[str] = set()  # children whose result came: they are exiting by themselves

    def __enter__(self) -> "ApartTraining":
        if not self.components:
            return self
        self.folder = tempfile.TemporaryDirectory(prefix="tutorbot-train-")
        context = multiprocessing.get_context("spawn")
        with _interrupts_ignored():  # inherited by the new interpreters, from their first line on
            for name, component in self.components.items():
                receiver, sender = context.Pipe(duplex=False)
                arguments = (component, self.data, self.seed, self.preset, self.progress, self._folder(name), sender)
                child = context.Process(target=_train_and_save, args=arguments, name=f"tutorbot-train-{name}")
                child.start()
                sender.close()  # the child holds the sending end: EOF here when it is gone
                self.children[name] = (child, receiver)
        self.threads = torch.get_num_threads()
        torch.set_num_threads(max(1, self.threads - len(self.children)))
        return self

    def results(self) -> dict[str, Any]:
        """The components trained apart, loaded (waits for them; a failure in a child is raised here)."""
        loaded = {}
        for name, (child, receiver) in self.children.items():
            try:
                failure = receiver.recv()
            except EOFError:
                child.join()
                failure = f"its process ended without a word (exit code {child.exitcode})"
            self.reported.add(name)
            if failure is not None:
                raise RuntimeError(f"training {name} failed: {failure}")
            loaded[name] = self.components[name].load(self._folder(name), shared={})
        return loaded

    def __exit__(self, *exc_info: object) -> None:
        if not self.components:
            return
        torch.set_num_threads(self.threads)
        for name, (child, receiver) in self.children.items():
            # A child that reported is only shutting down (its atexit handlers, torch's teardown): let it.
            # SIGTERM then would raise SystemExit inside an atexit handler: "Exception ignored in atexit
            # callback ... SystemExit: 143" after a successful training.
            if name in self.reported:
                child.join(EXIT_GRACE_S)
            if child.is_alive():
                child.terminate()
            child.join()
            receiver.close()
        self.folder.cleanup()

    def _folder(self, name: str) -> Path:
        return Path(self.folder.name) / name


def _train_and_save(component: type, data: TrainingData, seed: int, preset: str, progress: bool, directory: Path,
                    report: Connection) -> None:
    """In the child process: train the component, save it where the parent will load it, and report
    None (done) or the traceback of what went wrong."""
    # Stopped by the parent (SIGTERM): leave through Python, so what the child holds (tqdm's lock is a
    # named semaphore) is released, not reported as leaked by multiprocessing's resource tracker.
    signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        component.train(data, shared={}, seed=seed, progress=progress, preset=preset).save(directory)
        report.send(None)
    except Exception:  # noqa: BLE001 - whatever it was, the parent raises it
        report.send(traceback.format_exc())
    finally:
        report.close()


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def _interrupts_ignored() -> Iterator[None]:
    """SIGINT ignored for what starts meanwhile (a new interpreter keeps an ignored SIGINT ignored).
    Only the main thread may change signal handlers; elsewhere nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
