"""What the tutor says back: the one message type every channel renders."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Reply:
    """One bot message.

    ``options`` are answer choices or quick actions, shown numbered / as buttons. A channel
    that offers them as buttons sends back the option's 1-based number as text ("2"): the
    core reads a bare number as choosing that option of the last reply that had options.
    ``images`` are PNG files on disk (drawn by tutor.plots); a channel sends them as photos.
    """

    text: str
    options: list[str] = field(default_factory=list)
    images: list[Path] = field(default_factory=list)
