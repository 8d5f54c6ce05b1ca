"""Shared fixtures: a scratch database, the CLI, a loopback HTTP server."""

from __future__ import annotations

import functools
import http.server
import os
import pathlib
import subprocess
import sys
import threading

import pytest
from click.testing import CliRunner

from crisiscomm.cli import main
from crisiscomm.store import Store

os.environ.setdefault("CRISISCOMM_LANG", "en")


@pytest.fixture(autouse=True)
def _fresh_request_budgets():
    """Per-host request budgets and Retry-After are process-wide: each test starts with none spent."""
    from crisiscomm.feeds import budget

    budget.reset()
    yield
    budget.reset()


@pytest.fixture
def db_path(tmp_path: pathlib.Path) -> pathlib.Path:
    return tmp_path / "cc.db"


@pytest.fixture
def store(db_path: pathlib.Path):
    s = Store(db_path)
    yield s
    s.close()


class Cli:
    """Runs `crisiscomm --db DB ...` in-process through click's runner."""

    def __init__(self, db_path: pathlib.Path):
        self.db_path = db_path
        self.runner = CliRunner()

    def __call__(self, *args: str, operator: str = "tester", input: str | None = None):
        return self.runner.invoke(
            main, ["--db", str(self.db_path), "--operator", operator, "--lang", "en", *args],
            input=input, catch_exceptions=False,
        )


@pytest.fixture
def cli(db_path: pathlib.Path) -> Cli:
    return Cli(db_path)


def run_cli_process(db_path, *args, operator="tester", timeout=120, **kw) -> subprocess.CompletedProcess:
    """The real `crisiscomm` in a subprocess (python -m crisiscomm)."""
    env = dict(os.environ, CRISISCOMM_OPERATOR=operator, CRISISCOMM_LANG="en")
    return subprocess.run(
        [sys.executable, "-m", "crisiscomm", "--db", str(db_path), *args],
        capture_output=True, text=True, timeout=timeout, env=env, **kw,
    )


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def serve_folder():
    """serve_folder(path) -> base URL of a loopback HTTP server over that folder."""
    servers = []

    def start(folder: pathlib.Path, handler=QuietHandler) -> str:
        srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
        return f"http://127.0.0.1:{srv.server_address[1]}"

    yield start
    for srv in servers:
        srv.shutdown()
        srv.server_close()
