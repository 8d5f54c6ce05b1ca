"""The dashboard as a person uses it: a real terminal (tmux), keys typed, screen read."""

import shutil
import subprocess
import sys
import time
import uuid

import pytest

from crisiscomm import incidents

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Tmux:
    def __init__(self, command: list[str], width=80, height=24):
        self.name = f"cc-{uuid.uuid4().hex[:8]}"
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), *command],
            check=True,
        )

    def screen(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-t", self.name, "-p"], capture_output=True, text=True).stdout

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.time() + timeout
        while time.time() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name], capture_output=True).returncode == 0

    def kill(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def tmux_app(db_path):
    sessions = []

    def start(*args: str, width=80, height=24) -> Tmux:
        cmd = ["env", "CRISISCOMM_OPERATOR=ayse", "TERM=xterm-256color", sys.executable, "-m", "crisiscomm",
               "--db", str(db_path), *args]
        session = Tmux(cmd, width, height)
        sessions.append(session)
        return session

    yield start
    for s in sessions:
        s.kill()


def test_dashboard_in_a_real_terminal(store, db_path, tmux_app):
    incidents.open_incident(store, "Malatya depremi", "general", operator="a", severity=3, exercise=True)
    term = tmux_app("--lang", "tr")
    shown = term.wait_for("Malatya depremi")
    assert "TATBİKAT / EXERCISE" in shown and "T+00:0" in shown
    assert "Bahsetmeler" in shown  # tabs at 80x24
    term.keys("C-q")
    deadline = time.time() + 10
    while term.alive() and time.time() < deadline:
        time.sleep(0.2)
    assert not term.alive()


def test_start_screen_in_english_opens_an_incident(db_path, tmux_app):
    term = tmux_app("--lang", "en")
    term.wait_for("No active incident")
    term.keys("n")
    term.wait_for("Title")
    term.keys("Baraj", "Enter")
    shown = term.wait_for("#1 Baraj")
    assert "Severity 2" in shown
