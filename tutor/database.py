"""Where the learner store lives: one SQLite file (the embedded default) or a PostgreSQL server.

``--db`` names it (:func:`location`): a path or ``sqlite:///path``, or ``postgresql://user@host/db``.
The store (tutor/store.py) and its migrations write ONE text of SQL for both: ``?`` placeholders,
``INSERT ... ON CONFLICT`` upserts, and tables declared once with :meth:`Table.create` (the part of
sqlite-utils' API the migrations were written in), which each dialect renders:

- SQLite: what sqlite-utils wrote (files made by earlier versions open unchanged);
- PostgreSQL: text in the "C" collation (compared byte by byte, as SQLite does), 64-bit integers,
  a single integer primary key generated when not given (SQLite's ``INTEGER PRIMARY KEY``), and on
  the other tables a generated ``rowid`` column, so "in the order written" reads the same as in SQLite.

A transaction names what its holders take turns on (:meth:`Database.begin`): SQLite's BEGIN IMMEDIATE
takes the one write lock of the file; PostgreSQL takes ``pg_advisory_xact_lock`` on a 64-bit hash of
the name (a learner id), held until commit or rollback, so only one learner's turns queue behind
each other while other learners' run in parallel.
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from nlp.errors import TutorbotError

SQLITE_SCHEME = "sqlite:///"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")
BUSY_TIMEOUT_S = 30          # how long a turn waits for the write lock (SQLite) or a learner's lock (PostgreSQL)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class StoreUnavailable(TutorbotError):
    """The learner store cannot be opened (one line, exit 2): the message says where and why."""


# --- where ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Location:
    """``--db`` as given: a SQLite path or a PostgreSQL URL."""

    text: str

    @property
    def is_postgres(self) -> bool:
        return self.text.startswith(POSTGRES_SCHEMES)

    @property
    def path(self) -> str:
        """The SQLite file (":memory:" for a throw-away store)."""
        return self.text[len(SQLITE_SCHEME):] if self.text.startswith(SQLITE_SCHEME) else self.text

    def exists(self) -> bool:
        """Whether there is a store to read (a server is asked only when connecting)."""
        return self.is_postgres or self.path == ":memory:" or Path(self.path).is_file()

    @property
    def password(self) -> str | None:
        return urlsplit(self.text).password if self.is_postgres else None

    def shown(self) -> str:
        """For messages and logs: the URL without its password."""
        if not self.is_postgres or not self.password:
            return self.text
        parts = urlsplit(self.text)
        host = parts.netloc.rpartition("@")[2]
        return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


def location(db: str | Path | Location) -> Location:
    return db if isinstance(db, Location) else Location(str(db))


def open_database(db: str | Path | Location) -> Database:
    """A connection to the store at ``db`` (:class:`StoreUnavailable` when it cannot be reached)."""
    where = location(db)
    return PostgresDatabase(where) if where.is_postgres else SQLiteDatabase(where)


# --- tables, declared once -----------------------------------------------------------------------

@dataclass(frozen=True)
class Table:
    db: Database
    name: str

    def exists(self) -> bool:
        return self.db.table_exists(self.name)

    def create(self, columns: dict[str, type], pk: str | tuple[str, ...], if_not_exists: bool = False) -> None:
        keys = (pk,) if isinstance(pk, str) else pk
        body = self.db.column_definitions(columns, keys)
        if len(keys) > 1 or columns[keys[0]] is not int:
            body.append(f"PRIMARY KEY ({', '.join(map(_quoted, keys))})")
        exists = "IF NOT EXISTS " if if_not_exists else ""
        self.db.execute(f"CREATE TABLE {exists}{_quoted(self.name)} ({', '.join(body)})")

    def create_index(self, columns: list[str], if_not_exists: bool = False) -> None:
        # sqlite-utils' index names: files it made already have these.
        name = _quoted(f"idx_{self.name}_{'_'.join(columns)}")
        exists = "IF NOT EXISTS " if if_not_exists else ""
        self.db.execute(f"CREATE INDEX {exists}{name} ON {_quoted(self.name)} ({', '.join(map(_quoted, columns))})")

    def add_column(self, name: str, kind: type) -> None:
        self.db.execute(f"ALTER TABLE {_quoted(self.name)} ADD COLUMN {_quoted(name)} {self.db.types[kind]}")

    def insert(self, row: dict[str, Any]) -> None:
        names = ", ".join(map(_quoted, row))
        self.db.execute(f"INSERT INTO {_quoted(self.name)} ({names}) VALUES ({', '.join('?' * len(row))})",
                        tuple(row.values()))

    def columns(self) -> list[str]:
        return self.db.column_names(self.name)


def _quoted(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ValueError(f"not a plain SQL name: {name!r}")
    return f'"{name}"'


# --- the connection ------------------------------------------------------------------------------

class Database:
    """One connection to the store; the SQL the store writes, run in this dialect. Not thread-safe
    by itself: the store holds its lock around every use."""

    dialect = ""
    types: dict[type, str] = {}

    def __init__(self, where: Location) -> None:
        self.location = where
        self.in_transaction = False
        self.conn: Any = self._connect()

    def _connect(self) -> Any:
        raise NotImplementedError

    def __getitem__(self, name: str) -> Table:
        return Table(self, name)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; returns the cursor (``fetchone``, ``fetchall``, ``rowcount``)."""
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:                       # nothing to write: no round trip
            self.conn.executemany(sql, rows)

    def batch(self) -> AbstractContextManager[Any]:
        """Statements whose results nobody reads, sent together (PostgreSQL: pipeline mode, one round
        trip); an error in one is raised at the end of the block at the latest."""
        return nullcontext()

    # -- transactions (the store nests them as savepoints) --
    def begin(self, key: str | None = None) -> None:
        """Open a write transaction whose holders of ``key`` take turns (see the module's doc)."""
        self.execute("BEGIN")
        self.in_transaction = True

    def end(self, commit: bool) -> None:
        self.in_transaction = False
        self.execute("COMMIT" if commit else "ROLLBACK")

    def savepoint(self, name: str) -> None:
        self.execute(f"SAVEPOINT {_quoted(name)}")

    def end_savepoint(self, name: str, commit: bool) -> None:
        if not commit:
            self.execute(f"ROLLBACK TO SAVEPOINT {_quoted(name)}")
        self.execute(f"RELEASE SAVEPOINT {_quoted(name)}")

    # -- the dialect's catalogue --
    def table_exists(self, name: str) -> bool:
        raise NotImplementedError

    def column_names(self, table: str) -> list[str]:
        raise NotImplementedError

    def column_definitions(self, columns: dict[str, type], keys: Sequence[str]) -> list[str]:
        return [f"{_quoted(name)} {self.types[kind]}" for name, kind in columns.items()]

    def close(self) -> None:
        self.conn.close()


class SQLiteDatabase(Database):
    dialect = "sqlite"
    types = {str: "TEXT", int: "INTEGER", float: "FLOAT"}

    def _connect(self) -> sqlite3.Connection:
        path = self.location.path
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: the store opens and closes every transaction itself.
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=BUSY_TIMEOUT_S)
        if path != ":memory:":
            conn.execute("PRAGMA journal_mode=WAL")
            # Safe with WAL: a power cut may lose the last commits, never corrupt the file.
            conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    def begin(self, key: str | None = None) -> None:
        """BEGIN IMMEDIATE takes the file's write lock before the first read: every writer takes turns."""
        self.execute("BEGIN IMMEDIATE")
        self.in_transaction = True

    def table_exists(self, name: str) -> bool:
        return self.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None

    def column_names(self, table: str) -> list[str]:
        return [row[1] for row in self.execute(f"PRAGMA table_info({_quoted(table)})")]

    def column_definitions(self, columns: dict[str, type], keys: Sequence[str]) -> list[str]:
        rows = super().column_definitions(columns, keys)
        if len(keys) == 1 and columns[keys[0]] is int:       # the rowid itself, generated when not given
            rows[list(columns).index(keys[0])] += " PRIMARY KEY"
        return rows


class PostgresDatabase(Database):
    dialect = "postgresql"
    types = {str: 'TEXT COLLATE "C"', int: "BIGINT", float: "DOUBLE PRECISION"}

    def _connect(self) -> Any:
        try:
            import psycopg  # noqa: PLC0415 - only a PostgreSQL store needs it
        except ModuleNotFoundError:
            raise StoreUnavailable("a PostgreSQL store needs psycopg: pip install 'tutorbot[postgres]'") from None
        try:
            conn = psycopg.connect(self.location.text, autocommit=True, application_name="tutorbot",
                                   connect_timeout=BUSY_TIMEOUT_S)
        except psycopg.Error as error:
            reason = " ".join(str(error).split("\n", 1)[0].split()) or type(error).__name__
            raise StoreUnavailable(f"cannot open the learner store {self.location.shown()}: {reason}") from None
        # A learner's lock not granted in this time fails the turn (the learner gets an apology), as
        # SQLite's busy timeout does.
        conn.execute(f"SET lock_timeout = '{BUSY_TIMEOUT_S}s'")
        return conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if self.conn.broken and not self.in_transaction:   # the server restarted: the next turn reconnects
            self.conn = self._connect()
        return self.conn.execute(_pg_sql(sql), params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            with self.conn.cursor() as cursor:
                cursor.executemany(_pg_sql(sql), rows)

    def batch(self) -> AbstractContextManager[Any]:
        return self.conn.pipeline()

    def begin(self, key: str | None = None) -> None:
        if self.conn.broken:
            self.conn = self._connect()
        # One round trip: the lock's number is an integer we made, not text from outside.
        lock = f"; SELECT pg_advisory_xact_lock({lock_number(key)})" if key is not None else ""
        self.conn.execute(f"BEGIN{lock}")
        self.in_transaction = True

    def table_exists(self, name: str) -> bool:
        return self.execute("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() "
                            "AND table_name = ?", (name,)).fetchone() is not None

    def column_names(self, table: str) -> list[str]:
        rows = self.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = "
                            "current_schema() AND table_name = ? ORDER BY ordinal_position", (table,))
        return [name for (name,) in rows if name != "rowid"]

    def column_definitions(self, columns: dict[str, type], keys: Sequence[str]) -> list[str]:
        rows = super().column_definitions(columns, keys)
        if len(keys) == 1 and columns[keys[0]] is int:
            rows[list(columns).index(keys[0])] += " GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
        else:     # SQLite's implicit rowid: the order rows were written in
            rows.insert(0, '"rowid" BIGINT GENERATED ALWAYS AS IDENTITY')
        return rows


# --- one connection per thread (PostgreSQL) or one for all (SQLite) -------------------------------

@dataclass
class Session:
    """One connection, and the lock its user holds (re-entrant: the tutor reads review cards inside
    its own turn's transaction)."""

    db: Database
    lock: threading.RLock = field(default_factory=threading.RLock)
    depth: int = 0           # transactions open on the connection (only the lock holder touches it)

    @contextmanager
    def transaction(self, key: str | None) -> Iterator[None]:
        """A write transaction; one opened inside it is a savepoint of it, undone alone if it fails."""
        with self.lock:
            savepoint = f"nested{self.depth}"
            if self.depth:
                self.db.savepoint(savepoint)
            else:
                self.db.begin(key)
            self.depth += 1
            try:
                yield
            except BaseException:
                self._end(savepoint, commit=False)
                raise
            else:
                self._end(savepoint, commit=True)
            finally:
                self.depth -= 1

    def _end(self, savepoint: str, commit: bool) -> None:
        if self.depth > 1:
            self.db.end_savepoint(savepoint, commit)
        else:
            self.db.end(commit)


class Sessions:
    """The store's connections. SQLite: one, shared by every thread, each use under its lock (the
    file's write lock lets one transaction run at a time anyway). PostgreSQL: one per thread that uses
    the store (a worker's turn threads), so turns of different learners run their SQL in parallel."""

    def __init__(self, where: Location) -> None:
        self.location = where
        self._local = threading.local()
        self._opened: list[Session] = []
        self._opening = threading.Lock()
        self._shared = None if where.is_postgres else self._open()

    def _open(self) -> Session:
        session = Session(open_database(self.location))
        with self._opening:
            self._opened.append(session)
        return session

    def current(self) -> Session:
        if self._shared is not None:
            return self._shared
        session: Session | None = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = self._open()
        return session

    def close(self) -> None:
        with self._opening:
            sessions = list(self._opened)
        for session in sessions:
            with session.lock:
                session.db.close()


def _pg_sql(sql: str) -> str:
    """The store's SQL for psycopg: ``%s`` placeholders (the store's SQL has no ``?`` in literals)."""
    return sql.replace("%", "%%").replace("?", "%s")


def lock_number(key: str) -> int:
    """A signed 64-bit number for ``key``, as ``pg_advisory_xact_lock`` takes."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big", signed=True)
