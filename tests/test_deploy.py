"""The deployment files agree with each other and with the code: compose.yaml's secrets are the
ones deploy/make-secrets.sh writes and deploy/entrypoint.sh reads, every file the Dockerfile
copies exists, and the container's health check asks a real server. (No Docker engine runs the
image in this repository's tests: docs/deploy.md says so.)"""
from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from bot.core import open_core
from tests.bot.test_serve import API_TOKEN, serving
from tests.tutor.test_dialogue import RuleNLU, build_curriculum

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def entrypoint_secrets() -> set[str]:
    text = (DEPLOY / "entrypoint.sh").read_text()
    return set(re.search(r'SECRETS="([^"]*)"', text).group(1).split())


def test_compose_passes_each_secret_as_a_file_the_entrypoint_reads() -> None:
    service = compose()["services"]["tutorbot"]
    as_files = {name[: -len("_FILE")]: path for name, path in service["environment"].items() if name.endswith("_FILE")}
    assert set(as_files) == entrypoint_secrets()
    mounted = {f"/run/secrets/{name}" for name in service["secrets"]}
    assert set(as_files.values()) <= mounted
    assert not any(re.search(r"TOKEN|SECRET|PASSWORD", name) and not name.endswith("_FILE")
                   for name in service["environment"] if name != "TELEGRAM_WEBHOOK_URL")


def test_make_secrets_writes_every_secret_compose_mounts() -> None:
    declared = {Path(spec["file"]).name for spec in compose()["secrets"].values()}
    written = set(re.findall(r"^write (\w+)", (DEPLOY / "make-secrets.sh").read_text(), re.M))
    loop = re.search(r"for name in ([\w ]+); do", (DEPLOY / "make-secrets.sh").read_text()).group(1).split()
    assert declared == written | set(loop)


def test_every_file_the_image_and_compose_use_exists() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    for line in re.findall(r"^COPY (.+)$", dockerfile, re.M):
        for source in line.split()[:-1]:
            assert (ROOT / source).exists(), source
    for service in compose()["services"].values():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("./"):
                assert (ROOT / source).exists(), source
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert "deploy/secrets" in ignored and "models" in ignored and ".git" in ignored
    assert "torch==2.13.0" in dockerfile and "download.pytorch.org/whl/cpu" in dockerfile


def test_the_image_holds_every_package_and_their_bytecode() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]["include"]
    copied = {line.split()[0] for line in re.findall(r"^COPY (.+)$", dockerfile, re.M)}
    compiled = re.search(r"python -m compileall -q ([\w ]+)", dockerfile).group(1).split()
    for package in (pattern.rstrip("*") for pattern in packages):
        assert package in copied and package in compiled, package


def test_the_entrypoint_turns_secret_files_into_variables(tmp_path: Path) -> None:
    (tmp_path / "db").write_text("postgresql://tutorbot:pw@db:5432/tutorbot\n")
    fake = tmp_path / "bin" / "tutorbot"
    fake.parent.mkdir()
    fake.write_text('#!/bin/sh\necho "$* $TUTORBOT_DB ${TUTORBOT_DB_FILE:-unset}"\n')
    fake.chmod(0o755)
    env = {"PATH": f"{fake.parent}:/usr/bin:/bin", "TUTORBOT_DB_FILE": str(tmp_path / "db")}
    run = subprocess.run(["sh", str(DEPLOY / "entrypoint.sh"), "serve"], capture_output=True, text=True, env=env)
    assert run.returncode == 0 and run.stdout.strip() == "serve postgresql://tutorbot:pw@db:5432/tutorbot unset"
    both = subprocess.run(["sh", str(DEPLOY / "entrypoint.sh")], capture_output=True, text=True,
                          env={**env, "TUTORBOT_DB": "x"})
    assert both.returncode == 2 and "both TUTORBOT_DB and TUTORBOT_DB_FILE" in both.stderr


async def test_the_health_check_is_healthy_only_with_a_healthy_server_and_its_token(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text(API_TOKEN + "\n")
    core = open_core(None, tmp_path / "l.db", pipeline=RuleNLU(), curriculum=build_curriculum())

    async def check(port: int, **env: str) -> int:
        process = await asyncio.create_subprocess_exec(
            sys.executable, str(DEPLOY / "healthcheck.py"), stderr=asyncio.subprocess.DEVNULL,
            env={**os.environ, "TUTORBOT_PORT": str(port), **env})
        return await process.wait()

    async with serving(core, tmp_path, api_token=API_TOKEN) as running:
        port = running.client.server.port
        assert await check(port, TUTORBOT_API_TOKEN_FILE=str(token_file)) == 0
        assert await check(port, TUTORBOT_API_TOKEN="wrong-token") == 1
    await core.close()
    assert await check(port, TUTORBOT_API_TOKEN=API_TOKEN) == 1          # nothing listens any more
