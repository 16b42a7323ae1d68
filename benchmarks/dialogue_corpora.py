"""Fetch real human conversations for the responder, from the package registry (cached, git-ignored).

    data/dialogues/fetched/chitchat.tsv    BYU Chit-Chat (``chitchat-dataset==0.9.0``, MIT): ~7k chats
    data/dialogues/fetched/chatterbot.tsv  ChatterBot's English small-talk corpus (``chatterbot-corpus``, BSD)

Both are written in the SPEC's dialogue format, ``message<TAB>reply``, so ``tutorbot train``
reads them like any other file under ``dialogues/``. Run ``python -m benchmarks.dialogue_corpora``.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable, Iterator

import yaml

from benchmarks.registry import fetch_package

ROOT = Path(__file__).resolve().parent.parent
FETCHED = ROOT / "data" / "dialogues" / "fetched"
CHITCHAT = "chitchat-dataset==0.9.0"
CHATTERBOT = "chatterbot-corpus==1.3.3"

MAX_WORDS = 40  # longer turns are monologues, not replies a small seq2seq can learn
# The corpus bot's own identity ("I am ChatterBot, made by Gunther Cox") contradicts the tutor's persona.
SKIPPED_CHATTERBOT_FILES = {"botprofile.yml", "politics.yml"}
_SPACES = re.compile(r"\s+")
_URL = re.compile(r"https?://\S+|www\.\S+")

Pair = tuple[str, str]


def clean(text: str) -> str:
    """One line of chat text: tabs/newlines collapsed, links dropped, trimmed."""
    return _SPACES.sub(" ", _URL.sub("", str(text))).strip()


def _usable(message: str, reply: str) -> bool:
    return bool(message and reply) and max(len(message.split()), len(reply.split())) <= MAX_WORDS


def chitchat_pairs(dataset: dict) -> Iterator[Pair]:
    """Consecutive turns by different speakers -> (message, reply).

    A chat is a list of turns; a turn is one speaker's consecutive messages, joined here."""
    for chat_id in sorted(dataset):
        turns = [clean(" ".join(m["text"] for m in turn)) for turn in dataset[chat_id]["messages"] if turn]
        for message, reply in zip(turns, turns[1:]):
            if _usable(message, reply):
                yield message, reply


def chatterbot_pairs(files: Iterable[Path]) -> Iterator[Pair]:
    """Each conversation [a, b, c, ...] gives (a, b), (b, c), ..."""
    for path in sorted(files):
        if path.name in SKIPPED_CHATTERBOT_FILES:
            continue
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for conversation in document.get("conversations") or []:
            turns = [clean(turn) for turn in conversation if isinstance(turn, (str, int, float))]
            for message, reply in zip(turns, turns[1:]):
                if _usable(message, reply):
                    yield message, reply


def write_tsv(pairs: Iterable[Pair], path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    unique = dict.fromkeys(pairs)  # drop exact duplicates, keep the order
    path.write_text("".join(f"{m}\t{r}\n" for m, r in unique), encoding="utf-8")
    return len(unique)


def fetch(target: Path = FETCHED) -> None:
    """Download both packages (cached) and write the two TSV files under ``target`` (once)."""
    outputs = [target / "chitchat.tsv", target / "chatterbot.tsv"]
    if all(path.exists() for path in outputs):
        print(f"dialogues: already fetched in {target}")
        return
    chitchat_dir = fetch_package(CHITCHAT)
    dataset = json.loads((chitchat_dir / "chitchat_dataset" / "dataset.json").read_text(encoding="utf-8"))
    n_chitchat = write_tsv(chitchat_pairs(dataset), target / "chitchat.tsv")
    english = fetch_package(CHATTERBOT) / "chatterbot_corpus" / "data" / "english"
    n_chatterbot = write_tsv(chatterbot_pairs(english.glob("*.yml")), target / "chatterbot.tsv")
    print(f"dialogues: {n_chitchat} chit-chat pairs, {n_chatterbot} chatterbot pairs -> {target}")


if __name__ == "__main__":
    fetch()
