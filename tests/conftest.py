"""Shared fixtures: a scratch database, the CLI, a loopback HTTP server."""

from __future__ import annotations

import functools
import http.server
import os
import pathlib
import subprocess
import sys
import threading
import time

import pytest
from click.testing import CliRunner

from crisiscomm import actions, config, i18n
from crisiscomm.actions.session import Session
from crisiscomm.cli import main
from crisiscomm.store import Store

os.environ.setdefault("CRISISCOMM_LANG", "en")
# Local times in the dashboard (and its snapshots) read the same on every machine.
os.environ["TZ"] = "UTC"
time.tzset()


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


@pytest.fixture(autouse=True)
def english() -> None:
    """Every test starts in English: a test that shows the Turkish UI does not leak it into the next."""
    i18n.set_lang("en")


@pytest.fixture(autouse=True)
def room_config(db_path: pathlib.Path) -> config.Config:
    """The configuration of the test's database folder (team.toml, lint.toml, playbooks/ beside it)."""
    return config.configure(db_path)


@pytest.fixture
def store(db_path: pathlib.Path):
    """A connection with the reactions wired (as a session's is): an area function a test calls
    directly sets off what it would in the product (checklist steps, corrections, spikes)."""
    s = Store(db_path)
    Session(s, "tester")
    yield s
    s.close()


def session_as(store: Store, operator: str) -> Session:
    """A session of `operator` on the test's connection: what the CLI and dashboard use for every change."""
    return Session(store, operator)


@pytest.fixture
def session(store: Store) -> Session:
    return session_as(store, "tester")


def open_incident(store: Store, title: str = "Deprem", playbook: str = "general", *, operator: str = "tester", **kw):
    """Open an incident as the product does (the action: checklist, keyword suggestions, calendar holds)."""
    return actions.incidents.open_incident(session_as(store, operator), title, playbook, **kw).value


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


def publish(store: Store, statement_id: int, channel: str, *, operator: str = "tester", url: str | None = None) -> dict:
    """Publish through the action; the statement as a dict, with its post and whether it was simulated."""
    statement = actions.statements.publish(session_as(store, operator), statement_id, channel, url=url).value
    return {**statement.as_dict(), "simulated": statement.post.simulated}


def start_correction(store: Store, claim_id: int, *, operator: str = "tester") -> dict:
    """Draft a claim's correction statement through the action; the statement as a dict."""
    return actions.claims.correct(session_as(store, operator), claim_id).value.as_dict()


async def settle(pilot, rounds: int = 3, pause: float = 0.05) -> None:
    """Let the dashboard catch up: its workers finish, the messages they post are handled and every table has
    measured its new rows."""
    from textual.worker import WorkerCancelled

    for _ in range(rounds):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:  # a newer load replaced it: wait for that one on the next round
            pass
        await pilot.pause(pause)
    await wait_until(pilot, lambda: tables_measured(pilot.app), seconds=5)
    await pilot.pause()


def tables_measured(app) -> bool:
    """A DataTable measures new rows when it is next idle: a frame taken before shows the old column widths."""
    from textual.widgets import DataTable

    return not any(table._require_update_dimensions for table in app.screen.query(DataTable))


async def wait_until(pilot, condition, seconds: float = 10.0) -> None:
    """Pause until condition() holds: a worker's result arrives when it arrives, never after a fixed pause."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"not met in {seconds} s: {condition.__doc__ or condition}")


@pytest.fixture
def fixed_now(monkeypatch):
    """Ages on screen ("3m 14:02") counted from 2026-11-23 01:40 UTC, so that snapshots never age."""
    import datetime as dt

    from crisiscomm.tui import when

    moment = dt.datetime(2026, 11, 23, 1, 40, tzinfo=dt.timezone.utc)
    monkeypatch.setattr(when, "now", lambda: moment)
    return moment
