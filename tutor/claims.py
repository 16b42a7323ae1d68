"""Claims: locks a process holds between transactions, freed when it lets go or dies.

A push channel sends a learner's committed replies outside any transaction (a send waits on the
platform for seconds), yet two workers must not both send them (tutor/outbox.py, bot/outbox.py). A
claim on the learner says "this process is sending them": another process's claim on the same key
waits until it is released, or until the holder's process ends, whatever way it ends.

- PostgreSQL: ``pg_try_advisory_lock`` on a connection of the claims' own, held across
  transactions; the server frees it when that connection drops (a worker SIGKILLed).
- a SQLite file: an fcntl record lock on one byte of ``FILE-claims`` (the byte is a hash of the
  key); the kernel frees it when the process exits.
- ``:memory:``: one process only, nothing to share.

Claims are per process: the threads or tasks of one process take turns by other means (bot/outbox.py
holds an in-process lock per key before it claims).
"""
from __future__ import annotations

import fcntl
import threading
from pathlib import Path
from typing import IO, Any

from tutor.database import Location, lock_number, open_database

CLAIM_SPACE = "\0claim:"     # keys apart from the learners' transaction locks (pg_advisory_xact_lock)
_BYTES = 1 << 40              # the lock file's byte range: a key's byte is its hash modulo this


class Claims:
    def __init__(self, where: Location) -> None:
        self.where = where
        self._guard = threading.Lock()
        self._db: Any = None            # PostgreSQL: the connection the claims are held on
        self._file: IO[bytes] | None = None

    def take(self, key: str) -> bool:
        """Claim ``key`` now if nobody else holds it (never waits)."""
        number = lock_number(CLAIM_SPACE + key)
        with self._guard:
            if self.where.is_postgres:
                return bool(self._connection().execute("SELECT pg_try_advisory_lock(?)", (number,)).fetchone()[0])
            if self.where.path == ":memory:":
                return True
            try:
                fcntl.lockf(self._lock_file(), fcntl.LOCK_EX | fcntl.LOCK_NB, 1, number % _BYTES)
            except OSError:      # EAGAIN / EACCES: another process holds it
                return False
            return True

    def release(self, key: str) -> None:
        number = lock_number(CLAIM_SPACE + key)
        with self._guard:
            if self.where.is_postgres:
                self._connection().execute("SELECT pg_advisory_unlock(?)", (number,))
            elif self.where.path != ":memory:":
                fcntl.lockf(self._lock_file(), fcntl.LOCK_UN, 1, number % _BYTES)

    def _connection(self) -> Any:
        if self._db is None or self._db.conn.broken:
            self._db = open_database(self.where)       # a dropped connection dropped its claims too
        return self._db

    def _lock_file(self) -> IO[bytes]:
        # Kept open while the store is: closing any descriptor of the file would drop this process's locks.
        if self._file is None:
            self._file = Path(f"{self.where.path}-claims").open("ab")
        return self._file

    def close(self) -> None:
        with self._guard:
            if self._db is not None:
                self._db.close()
            if self._file is not None:
                self._file.close()
