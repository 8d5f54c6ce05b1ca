"""Escape sequences in titles, names and scenario text never reach a real terminal (tmux).

The database is written the way an older crisiscomm (or a hostile scenario file)
left it: raw escape sequences in the incident title, an operator's name, the
drill's name and a phone request. The dashboard runs in its own tmux server
with `set-clipboard on`, so an OSC 52 that got through would create a paste
buffer, an OSC 2 would retitle the pane, and an OSC ended by BEL would blank
everything after it.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid

import pytest

from crisiscomm import timeline
from crisiscomm.drills.player import start_drill
from crisiscomm.drills.scenario_files import load_scenario
from crisiscomm.store import Store
from test_hostile_cli import raw_http_server
from test_terminal import Tmux

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

CLIPBOARD = "\x1b]52;c;UFdORUQ=\x07"  # "PWNED" to the clipboard, ended by BEL
RETITLE = "\x1b]2;PWNED\x07"
BLINK = "\x1b[5m"
HIDDEN_TITLE = f"Baraj{CLIPBOARD}{RETITLE}{BLINK}\x1b[2J taştı\x1b]8;;http://evil.example\x07"
HIDDEN_NAME = f"ayşe{CLIPBOARD}\x1b[8m"
HIDDEN_CALL = f"Valilik arıyor{CLIPBOARD}{BLINK} barajı sorun"
SCENARIO = """
[exercise]
name = "Sel tatbikatı"
playbook = "general"
language = "tr"
duration = "2h"

[[inject]]
id = "call"
at = "0s"
type = "phone_request"
from = "Valilik"
content = "Baraj için açıklama ne zaman?"
"""


class Terminal(Tmux):
    """One dashboard in a tmux server of its own (its options touch no other session)."""

    def __init__(self, command: list[str], width: int = 160, height: int = 45) -> None:
        self.socket = f"cc-hostile-{uuid.uuid4().hex[:8]}"
        self.tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height),
                  "sleep 600", check=True)
        self.tmux("resize-window", "-t", "t", "-x", str(width), "-y", str(height))
        self.tmux("set-option", "-s", "set-clipboard", "on", check=True)
        self.tmux("set-option", "-g", "allow-rename", "on")
        self.tmux("set-option", "-g", "allow-passthrough", "off")
        self.tmux("respawn-pane", "-k", "-t", "t", " ".join(_quote(c) for c in command), check=True)

    def tmux(self, *args: str, check: bool = False) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check)

    def screen(self, escapes: bool = False) -> str:
        return self.tmux("capture-pane", "-t", "t", "-p", *(["-e"] if escapes else [])).stdout

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "t", *keys, check=True)

    def kill(self) -> None:
        self.tmux("kill-server")


def _quote(arg: str) -> str:
    return "'" + arg.replace("'", "'\\''") + "'"


@pytest.fixture
def hostile_db(db_path, tmp_path):
    scenario = tmp_path / "sel.toml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    with Store(db_path) as store:
        drill = start_drill(store, load_scenario(scenario), operator="kolaylastirici", speed=1)
        timeline.append(store, "fact.set", {"key": "injured", "value": "12"}, operator=HIDDEN_NAME,
                        incident_id=drill["incident_id"])
        # Rewrite what an older version stored raw (the live tables, not the chained events).
        raw = json.loads(store.scalar("SELECT scenario_json FROM drills"))
        raw["name"] = HIDDEN_TITLE
        raw["injects"][0]["fields"]["content"] = HIDDEN_CALL
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE incidents SET title = ?", (HIDDEN_TITLE,))
        conn.execute("UPDATE drills SET scenario = ?, scenario_json = ?", (HIDDEN_TITLE, json.dumps(raw)))
    return db_path


def test_escapes_from_the_database_never_reach_the_terminal(hostile_db):
    term = Terminal(["env", "-u", "COLUMNS", "-u", "LINES", "CRISISCOMM_OPERATOR=ayse", "TERM=xterm-256color", sys.executable, "-m", "crisiscomm",
                     "--db", str(hostile_db), "--lang", "tr"])
    try:
        shown = term.wait_for("Baraj taştı")  # the header's title, made harmless
        term.wait_for("barajı sorun")  # the phone call's card
        term.keys("Enter")  # noted: the card closes
        term.wait_for("ayşe")  # the operator in the timeline pane
        time.sleep(1.5)  # a few repaints (the clock ticks): each would rewrite the clipboard
        shown = term.screen()
        # An OSC ended by BEL would swallow the rest of the screen: the footer and the panes are there.
        assert "TATBİKAT / EXERCISE" in shown and "İçerikler" in shown and "^q" in shown
        assert "PWNED" not in shown and "52;c" not in shown and "evil.example" not in shown
        assert term.tmux("list-buffers").stdout.strip() == ""  # OSC 52 never set the clipboard
        assert "PWNED" not in term.tmux("display-message", "-p", "-t", "t", "#{pane_title}").stdout
        cells = term.screen(escapes=True)  # the cells' attributes as tmux holds them
        assert "\x1b[5m" not in cells and "\x1b[8m" not in cells  # no blink, no hidden text
    finally:
        term.kill()


def test_a_deeply_nested_playbook_never_breaks_the_open_incident_dialog(db_path):
    folder = db_path.parent / "playbooks"
    folder.mkdir()
    (folder / "deep.toml").write_text("x = " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    (folder / "dotted.toml").write_text("a." * 50_000 + "b = 1\n", encoding="utf-8")
    os.mkfifo(folder / "pipe.toml")
    term = Terminal(["env", "-u", "COLUMNS", "-u", "LINES", "CRISISCOMM_OPERATOR=ayse", "TERM=xterm-256color",
                     sys.executable, "-m", "crisiscomm", "--db", str(db_path), "--lang", "en"], width=80, height=24)
    try:
        term.wait_for("To get started")
        term.keys("n")
        term.wait_for("Title")
        term.keys("Baraj", "Enter")
        assert "S2" in term.wait_for("#1 Baraj")  # severity 2, short at 80 columns
    finally:
        term.kill()


def test_ingest_in_a_real_terminal_keeps_its_progress_bar_and_drops_the_servers_escapes(db_path, tmp_path):
    sock, base = raw_http_server(b"HTTP/1.1 503 \x1b]52;c;UFdORUQ=\x07\x1b]2;PWNED\x07\x1b[5m\x1b[2JREASON\r\n"
                                 b"Content-Length: 0\r\nConnection: close\r\n\r\n")
    feed = tmp_path / "yerel.xml"
    feed.write_text('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
                    "<item><guid>g1</guid><title>Deprem\x1b]2;PWNED\x07 bölgesi</title></item></channel></rss>",
                    encoding="utf-8")
    script = (f"echo MARKER; {_quote(sys.executable)} -m crisiscomm --db {_quote(str(db_path))} ingest "
              f"{_quote(base + '/feed.xml')} {_quote(str(feed))}; echo DONE=$?; sleep 600")
    term = Terminal(["env", "-u", "COLUMNS", "-u", "LINES", "CRISISCOMM_OPERATOR=ayse", "TERM=xterm-256color",
                     "sh", "-c", script], width=120, height=20)
    try:
        shown = term.wait_for("DONE=1", timeout=60)
        assert "MARKER" in shown and "2 feeds: 1 new" in shown  # nothing cleared the screen
        assert "PWNED" not in shown
        assert term.tmux("list-buffers").stdout.strip() == ""
        assert "PWNED" not in term.tmux("display-message", "-p", "-t", "t", "#{pane_title}").stdout
        assert "\x1b[5m" not in term.screen(escapes=True)
    finally:
        term.kill()
        sock.close()
