"""A throw-away PostgreSQL server on loopback, for the store's tests and the serve benchmark.

It runs Debian's (or any) PostgreSQL binaries found by ``pg_config --bindir``, on
/usr/lib/postgresql/*/bin or on PATH, in a temporary directory, on a free port, with trust
authentication on 127.0.0.1 only and without fsync (a test server: speed over durability). The
server refuses to run as root: as root it runs as the ``postgres`` user (Debian's package makes
it), through runuser. :func:`unavailable` says why none can start here (tests skip with it).
"""
from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SERVER_USER = "postgres"


def _bindir() -> Path | None:
    config = shutil.which("pg_config")
    if config:
        found = subprocess.run([config, "--bindir"], capture_output=True, text=True, check=False).stdout.strip()
        if found and (Path(found) / "initdb").is_file():
            return Path(found)
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if versions:
        return Path(versions[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def unavailable() -> str | None:
    """Why no server can be started here, or None."""
    try:
        import psycopg  # noqa: F401, PLC0415
    except ModuleNotFoundError:
        return "psycopg is not installed (pip install 'tutorbot[postgres]')"
    if _bindir() is None:
        return "no PostgreSQL server binaries (initdb) found: tools/install-system-deps.sh installs them"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_USER)
        except KeyError:
            return f"running as root and there is no '{SERVER_USER}' user to run the server as"
        if not shutil.which("runuser"):
            return "running as root and there is no runuser to start the server as another user"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class PostgresServer:
    """A running server; :meth:`new_database` gives each test a database of its own."""

    directory: Path
    port: int
    bindir: Path
    _numbers: itertools.count = field(default_factory=itertools.count)

    @property
    def url(self) -> str:
        return self.url_of("postgres")

    def url_of(self, database: str) -> str:
        return f"postgresql://{SERVER_USER}@127.0.0.1:{self.port}/{database}"

    def new_database(self, prefix: str = "t") -> str:
        import psycopg  # noqa: PLC0415

        name = f"{prefix}_{next(self._numbers)}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url_of(name)

    def stop(self) -> None:
        _as_server_user([str(self.bindir / "pg_ctl"), "-D", str(self.directory / "data"), "-m", "immediate",
                         "-w", "stop"], check=False)
        shutil.rmtree(self.directory, ignore_errors=True)


def _as_server_user(command: list[str], check: bool = True) -> subprocess.CompletedProcess[str]:
    if os.geteuid() == 0:
        command = ["runuser", "-u", SERVER_USER, "--", *command]
    return subprocess.run(command, capture_output=True, text=True, check=check)


def start(max_connections: int = 100) -> PostgresServer:
    """Start a server (raises RuntimeError with the server's own words when it cannot)."""
    reason = unavailable()
    if reason:
        raise RuntimeError(reason)
    bindir = _bindir()
    assert bindir is not None
    directory = Path(tempfile.mkdtemp(prefix="tutorbot-pg-"))
    if os.geteuid() == 0:
        account = pwd.getpwnam(SERVER_USER)
        os.chown(directory, account.pw_uid, account.pw_gid)
    port = free_port()
    try:
        _as_server_user([str(bindir / "initdb"), "-D", str(directory / "data"), "-A", "trust", "-U", SERVER_USER,
                         "-E", "UTF8", "--locale=C", "--no-sync"])
        options = (f"-p {port} -h 127.0.0.1 -k {directory} -F -c max_connections={max_connections} "
                   "-c shared_buffers=64MB")
        _as_server_user([str(bindir / "pg_ctl"), "-D", str(directory / "data"), "-o", options,
                         "-l", str(directory / "server.log"), "-w", "-t", "60", "start"])
    except subprocess.CalledProcessError as error:
        log = directory / "server.log"
        said = log.read_text(errors="replace")[-2000:] if log.is_file() else ""
        shutil.rmtree(directory, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {error.stderr.strip()} {said}".strip()) from None
    return PostgresServer(directory, port, bindir)
