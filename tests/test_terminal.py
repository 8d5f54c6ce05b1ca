"""The dashboard as a person uses it: a real terminal (tmux), keys typed, screen read."""

import shutil
import subprocess
import sys
import time
import uuid

import pytest

from conftest import open_incident

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
    open_incident(store, "Malatya depremi", "general", operator="a", severity=3, exercise=True)
    term = tmux_app("--lang", "tr")
    shown = term.wait_for("Malatya depremi")
    assert "TATBİKAT / EXERCISE" in shown and "T+00:0" in shown
    assert "İçerikler" in shown  # tabs at 80x24
    term.keys("C-q")
    deadline = time.time() + 10
    while term.alive() and time.time() < deadline:
        time.sleep(0.2)
    assert not term.alive()


def test_start_screen_in_english_opens_an_incident(db_path, tmux_app):
    term = tmux_app("--lang", "en")
    shown = term.wait_for("To get started")
    assert "Add a feed (a)" in shown and "No accounts registered" in shown  # a fresh database guides
    term.keys("n")
    term.wait_for("Title")
    term.keys("Baraj", "Enter")
    shown = term.wait_for("#1 Baraj")
    assert "S2" in shown  # severity 2, short at 80 columns


def _rss(first: int, last: int) -> str:
    items = "".join(f"<item><guid>g{n}</guid><title>Deprem haberi {n}</title><link>http://e.org/{n}</link>"
                    f"<description>ayrıntı {n}</description></item>" for n in range(first, last))
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
            f"<link>http://e.org/</link><description>d</description>{items}</channel></rss>")


def _mention_states(db_path, incident_id: int) -> dict[int, str]:
    from crisiscomm import mentions
    from crisiscomm.store import Store

    with Store(db_path) as store:
        return {m["id"]: m["state"] for m in mentions.incident_mentions(store, incident_id)}


def test_the_selection_stays_put_while_another_process_ingests(store, db_path, tmp_path, tmux_app):
    from conftest import run_cli_process

    incident = open_incident(store, "Canlı", "general", operator="a", keywords=["deprem"])
    (tmp_path / "a.xml").write_text(_rss(1, 31), encoding="utf-8")
    run_cli_process(db_path, "ingest", str(tmp_path / "a.xml"))
    term = tmux_app("--lang", "en", width=100, height=30)
    term.wait_for("30 mentions")
    term.keys("Down", "Down", "Down")
    shown = term.wait_for("#27 ")  # the detail names the mention under the cursor
    (tmp_path / "b.xml").write_text(_rss(31, 34), encoding="utf-8")
    run_cli_process(db_path, "ingest", str(tmp_path / "b.xml"))
    shown = term.wait_for("33 mentions")
    assert "#27 " in shown and "3 new" in shown
    term.keys("f")
    deadline = time.time() + 10
    while time.time() < deadline and "flagged" not in _mention_states(db_path, incident.id).values():
        time.sleep(0.2)
    assert [k for k, v in _mention_states(db_path, incident.id).items() if v == "flagged"] == [27]


def test_typing_a_statement_fires_nothing_and_quitting_asks(store, db_path, tmux_app):
    from crisiscomm import timeline

    incident = open_incident(store, "Kesinti", "general", operator="a")
    term = tmux_app("--lang", "en")
    term.wait_for("Kesinti")
    term.keys("F3")
    term.wait_for("No statements")
    term.keys("n")
    term.wait_for("Editing")
    term.keys("-l", "sat ta sa yer")
    shown = term.wait_for("sat ta sa yer")
    assert "Template" not in shown.split("\n")[3]  # no dialog opened
    assert not [e for e in timeline.events(store, incident.id) if e["kind"].startswith("statement.")]
    term.keys("C-q")
    term.wait_for("Before quitting")
    term.keys("s")  # save, then quit
    deadline = time.time() + 10
    while term.alive() and time.time() < deadline:
        time.sleep(0.2)
    assert not term.alive()
    from crisiscomm.statements import workflow

    assert [s["body"] for s in workflow.list_statements(store, incident.id)] == ["sat ta sa yer"]


def test_help_and_an_80x24_dialog_in_a_real_terminal(store, db_path, tmux_app):
    open_incident(store, "Sel", "general", operator="a")
    term = tmux_app("--lang", "tr")
    term.wait_for("Sel")
    term.keys("?")
    shown = term.wait_for("Tuşlar — İçerikler")
    assert "İşaretle" in shown and "Sıralama" in shown
    term.keys("Escape")
    time.sleep(0.5)  # a key right after Escape would read as Alt+key
    term.keys("C-o")
    term.wait_for("Açık olaylar")
    term.keys("n")
    term.wait_for("Başlık")
    for _ in range(7):  # Tab to the last button: the dialog scrolls it into view
        term.keys("Tab")
    shown = term.wait_for("Vazgeç")
    assert "Vazgeç" in shown


def test_the_demo_says_where_it_lives_before_the_dashboard_opens(tmp_path, tmux_app):
    db = tmp_path / "demo.db"
    cmd = ["env", "CRISISCOMM_OPERATOR=ayse", "TERM=xterm-256color", sys.executable, "-m", "crisiscomm",
           "--lang", "en", "demo", "--db", str(db)]
    term = Tmux(cmd, 80, 24)
    try:
        term.wait_for("Pace")
        term.keys("Enter")  # ×5, the suggested pace
        shown = term.wait_for("Press Enter to open the dashboard").replace("\n", "")  # long paths wrap
        assert str(db) in shown and f"crisiscomm --db {db} --lang en --operator" in shown
        term.keys("Enter")
        shown = term.wait_for("TATBİKAT / EXERCISE")
        assert "×5 ·" in term.wait_for("×5 ·")  # the drill bar: the pace a newcomer can follow
    finally:
        term.kill()
