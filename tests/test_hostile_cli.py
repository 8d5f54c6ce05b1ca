"""Hostile input through the real `crisiscomm` process: nothing from outside reaches the terminal
as an escape sequence, and every bad argument, path, file, full or read-only disk and damaged
database ends in one clear line with exit 1 or 2 (never a traceback) and nothing half-written."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from conftest import run_cli_process

# Any byte a terminal would act on: C0 but tab and newline, DEL, C1 (as UTF-8), bidi overrides.
TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
OSC_TITLE = "Deprem\x1b]52;c;U1RURVJN\x07\x1b[2J\x1b[31m kırmızı\x9b1m\u202e sonu"


def assert_clean(proc: subprocess.CompletedProcess) -> None:
    out = proc.stdout + proc.stderr
    assert not TERMINAL_CONTROL.search(out), repr(out[-300:])
    assert "Traceback" not in out, out[-2000:]


def cc(db_path, *args, **kw) -> subprocess.CompletedProcess:
    proc = run_cli_process(db_path, *args, **kw)
    assert_clean(proc)
    return proc


# -- escapes from the outside ------------------------------------------------------


def raw_http_server(response: bytes):
    """A loopback server that answers every request with `response` as is."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)

    def serve() -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                conn.sendall(response)

    threading.Thread(target=serve, daemon=True).start()
    return sock, f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_an_http_reason_phrase_with_escapes_never_reaches_the_terminal(db_path):
    sock, base = raw_http_server(b"HTTP/1.1 503 \x1b]52;c;cHduZWQ=\x07\x1b[2J\x1b[31mREASON\x9b2J\r\n"
                                  b"Content-Length: 0\r\nConnection: close\r\n\r\n")
    try:
        cc(db_path, "feeds", "add", f"{base}/feed.xml", "--name", "kotu")
        shown = cc(db_path, "ingest", timeout=60)
        assert shown.returncode == 1 and "503" in shown.stdout
        cc(db_path, "feeds", "list")
        listed = json.loads(cc(db_path, "feeds", "list", "--json").stdout)
        assert listed and "503" in listed[0]["last_error"]
    finally:
        sock.close()


def test_titles_names_and_keywords_are_stored_and_shown_printable(db_path):
    cc(db_path, "incident", "open", OSC_TITLE, "--playbook", "general", "--keyword", "sel\x1b[5m")
    cc(db_path, "fact", "set", "1", "injured", "12", operator="ayşe\x1b]0;pwned\x07\x1b[8m")
    [row] = json.loads(cc(db_path, "incident", "list", "--json").stdout)
    assert row["title"] == "Deprem kırmızı sonu"
    for args in (("incident", "list"), ("timeline", "1"), ("report", "1"), ("checklist", "1"), ("fact", "list", "1")):
        cc(db_path, *args)
    events = cc(db_path, "timeline", "1").stdout
    assert "ayşe" in events and "pwned" not in events


def test_a_raw_title_already_in_the_database_is_shown_harmless(db_path):
    cc(db_path, "incident", "open", "Sel", "--playbook", "general")
    with sqlite3.connect(db_path) as conn:  # a database written before titles were cleaned
        conn.execute("UPDATE incidents SET title = ?", (OSC_TITLE,))
    for args in (("incident", "list"), ("incident", "list", "--json"), ("report", "1"), ("report", "1", "--format", "md"),
                 ("checklist", "1")):
        cc(db_path, *args)


def test_report_files_hold_no_control_sequence(db_path, tmp_path):
    cc(db_path, "incident", "open", "Sel", "--playbook", "general")
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE incidents SET title = ?", (OSC_TITLE,))
    for fmt in ("md", "html", "json"):
        out = tmp_path / f"report.{fmt}"
        cc(db_path, "report", "1", "--format", fmt, "-o", str(out))
        text = out.read_text(encoding="utf-8")
        assert not TERMINAL_CONTROL.search(text), fmt
        assert "kırmızı" in text, fmt
    from crisiscomm import timeline
    from crisiscomm.store import Store

    with Store(db_path) as store:  # an event an older version recorded raw
        timeline.append(store, "fact.set", {"key": "injured", "value": OSC_TITLE}, operator=OSC_TITLE, incident_id=1)
    for fmt in ("json", "csv"):
        out = tmp_path / f"timeline.{fmt}"
        cc(db_path, "timeline", "1", f"--{fmt}", "-o", str(out))
        assert not TERMINAL_CONTROL.search(out.read_text(encoding="utf-8")), fmt
    events = json.loads((tmp_path / "timeline.json").read_text(encoding="utf-8"))
    assert events[0]["payload"]["value"] == OSC_TITLE  # lossless
    # JSON keeps the data whole: what a terminal would act on is written as \\u escapes
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["incident"]["title"] == OSC_TITLE
    listed = json.loads(cc(db_path, "incident", "list", "--json").stdout)
    assert listed[0]["title"] == OSC_TITLE


def test_usage_errors_quoting_a_bad_value_are_gated(db_path):
    proc = cc(db_path, "incident", "close", "\x1b]52;c;SGk=\x07\x1b[2J")
    assert proc.returncode == 2 and "Invalid value" in proc.stderr


def test_arguments_that_are_not_utf8_are_refused(db_path):
    env = dict(os.environ, CRISISCOMM_OPERATOR="denetci")
    proc = subprocess.run([sys.executable, "-m", "crisiscomm", "--db", str(db_path), "incident", "open",
                           b"bozuk \xff metin", "--playbook", "general"], capture_output=True, env=env, timeout=60)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2 and "argument 5" in err and "not UTF-8" in err and "Traceback" not in err
    assert not db_path.exists() or "bozuk" not in cc(db_path, "incident", "list").stdout


def test_the_gate_passes_only_the_progress_bars_own_sequences():
    from crisiscomm.cli.output import PROGRESS_SEQUENCES, TerminalGate

    raw = io.StringIO()
    plain, bar = TerminalGate(raw), TerminalGate(raw, allow=PROGRESS_SEQUENCES)
    plain.write("a\rb\x1b[?25lc\x1b]52;c;SGk=\x07d\n")
    bar.write("\r\x1b[?25lingest [##  ] \x1b[31mkötü\x1b]0;x\x07\x1b[?25h\n")
    plain.buffer.write("bayt \x1b[2J\udcff".encode("utf-8", "surrogateescape"))
    assert raw.getvalue() == "a\nbcd\n\r\x1b[?25lingest [##  ] kötü\x1b[?25h\nbayt \ufffd"
    with pytest.raises(TypeError):
        plain.write(b"bytes go through .buffer")


# -- numbers -------------------------------------------------------------------------


def test_drill_speeds_must_be_finite_and_in_range(db_path):
    cc(db_path, "drill", "run", "earthquake-casualty-rumour.en", "--speed", "5", "--headless", "--json",
       "--help")  # the command exists
    started = run_cli_process(db_path, "drill", "run", "account-hijack-night.en", "--headless", "--speed", "inf")
    assert started.returncode == 2 and "Traceback" not in started.stderr
    from crisiscomm.drills.player import start_drill
    from crisiscomm.drills.scenario_files import load_scenario
    from crisiscomm.store import Store

    with Store(db_path) as store:
        start_drill(store, load_scenario("account-hijack-night.en"), operator="fac", speed=1, paused=True)
    for value in ("inf", "1e308", "nan", "-1", "0", "100001"):
        proc = cc(db_path, "drill", "speed", "1", value)
        assert proc.returncode == 2, (value, proc.stderr)
    huge = cc(db_path, "incident", "close", "99999999999999999999999")
    assert huge.returncode == 2


def test_a_database_holding_an_infinite_clock_still_works(db_path):
    from crisiscomm.drills.player import start_drill
    from crisiscomm.drills.scenario_files import load_scenario
    from crisiscomm.store import Store

    with Store(db_path) as store:
        start_drill(store, load_scenario("account-hijack-night.en"), operator="fac", speed=1)
    with sqlite3.connect(db_path) as conn:  # as `drill speed 1 inf` left it before speeds were checked
        conn.execute("UPDATE incidents SET clock_speed = 9e999, clock_base_seconds = 9e999")
    for args in (("timeline", "1"), ("report", "1"), ("report", "1", "--format", "json"), ("checklist", "1"),
                 ("drill", "status", "1"), ("drill", "score", "1"), ("drill", "skip", "1"), ("metrics", "1"),
                 ("incident", "list", "--json")):
        proc = cc(db_path, *args)
        assert proc.returncode == 0, (args, proc.stderr)
    assert "speed ×5" in cc(db_path, "drill", "speed", "1", "5").stdout


# -- files ----------------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ("playbooks", "check", "/dev/zero"),
    ("drill", "check", "/dev/zero"),
    ("statement", "lint", "/dev/zero"),
    ("statement", "lint", "/dev/urandom"),
])
def test_devices_end_at_once_with_a_clear_error(db_path, args):
    start = time.monotonic()
    proc = cc(db_path, *args, timeout=30)
    assert proc.returncode == 1 and "device" in proc.stdout + proc.stderr
    assert time.monotonic() - start < 10


def test_standard_input_is_capped(db_path):
    with open("/dev/zero", "rb") as zero:
        start = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "crisiscomm", "--db", str(db_path), "statement", "lint", "-"],
                              stdin=zero, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "larger than" in proc.stderr and time.monotonic() - start < 10


def test_a_fifo_never_blocks(db_path, tmp_path):
    fifo = tmp_path / "statement.txt"
    os.mkfifo(fifo)
    for args in (("statement", "lint", str(fifo)), ("playbooks", "check", str(fifo)), ("drill", "check", str(fifo)),
                 ("post", "add", "1", "--channel", "x", "--file", str(fifo)), ("ingest", str(fifo))):
        proc = cc(db_path, *args, timeout=30)
        assert proc.returncode == 1 and "FIFO" in proc.stdout + proc.stderr, args


def test_deeply_nested_files_are_clear_errors(db_path, tmp_path):
    deep = "x = " + "[" * 50_000 + "]" * 50_000 + "\n"
    (tmp_path / "deep.toml").write_text(deep)
    proc = cc(db_path, "playbooks", "check", str(tmp_path / "deep.toml"))
    assert proc.returncode == 1 and "nested more than 64 levels" in proc.stdout
    proc = cc(db_path, "drill", "check", str(tmp_path / "deep.toml"))
    assert proc.returncode == 1 and "nested more than 64 levels" in proc.stdout + proc.stderr
    # in the playbooks folder beside the database: reported, the others still usable
    (db_path.parent / "playbooks").mkdir()
    (db_path.parent / "playbooks" / "deep.toml").write_text("a." * 50_000 + "b = 1\n")
    listed = cc(db_path, "playbooks", "list")
    assert "general" in listed.stdout and "nested more than 64 levels" in listed.stdout + listed.stderr
    assert cc(db_path, "incident", "open", "Sel", "--playbook", "general").returncode == 0
    # team.toml beside the database
    (db_path.parent / "team.toml").write_text(deep)
    cc(db_path, "statement", "draft", "1", "--template", "initial-holding")
    cc(db_path, "statement", "submit", "1")
    proc = cc(db_path, "statement", "approve", "1", operator="onayci")
    assert proc.returncode == 1 and "team.toml" in proc.stderr and "nested" in proc.stderr


def test_a_scenario_feed_never_leaves_the_scenarios_folder(db_path, tmp_path):
    from crisiscomm.drills.scenario import BUNDLED_DIR

    source = (BUNDLED_DIR / "earthquake-casualty-rumour.en.toml").read_text(encoding="utf-8")
    (tmp_path / "feeds").mkdir()
    for name in ("quake-first-posts.en.xml", "quake-news.en.xml", "quake-afad.en.xml"):
        (tmp_path / "feeds" / name).write_bytes((BUNDLED_DIR / "feeds" / name).read_bytes())
    (tmp_path / "link.xml").symlink_to("/etc/passwd")
    for reference in ("../../../../etc/passwd", "/etc/passwd", "link.xml"):
        path = tmp_path / "evil.toml"
        path.write_text(source.replace("feeds/quake-first-posts.en.xml", reference), encoding="utf-8")
        proc = cc(db_path, "drill", "check", str(path))
        assert proc.returncode == 1 and "outside the scenario's folder" in proc.stdout + proc.stderr, reference
    path.write_text(source, encoding="utf-8")
    assert cc(db_path, "drill", "check", str(path)).returncode == 0


# -- databases -------------------------------------------------------------------------


@pytest.mark.parametrize("target, message", [
    ("/etc/passwd/x.db", "Not a directory"),
    ("/dev/null", "not a regular file"),
    ("/etc/passwd", "not a crisiscomm database"),
])
def test_bad_database_paths_are_clear_errors(target, message):
    journal_before = os.path.exists("/dev/null-journal")
    proc = cc(target, "incident", "list")
    assert proc.returncode == 1 and message in proc.stderr
    assert os.path.exists("/dev/null-journal") == journal_before


def test_a_damaged_database_is_a_clear_error(db_path):
    cc(db_path, "incident", "open", "Sel", "--playbook", "general")
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    with open(db_path, "r+b") as handle:  # scribble over every page but the header page
        for page in range(1, pages):
            handle.seek(page * page_size)
            handle.write(b"\xa5" * page_size)
    for args in (("incident", "list"), ("incident", "open", "Baraj", "--playbook", "general"), ("verify",)):
        proc = cc(db_path, *args)
        assert proc.returncode == 1 and "damaged" in proc.stderr, (args, proc.stderr)


@pytest.fixture
def small_disk(tmp_path):
    """A 640 KiB file system of its own (tmpfs), or None where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=640k", "tmpfs", str(mount)], capture_output=True)
    yield mount if done.returncode == 0 else None
    if done.returncode == 0:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def _limit_file_size() -> None:
    import resource
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (400_000, 400_000))


def test_a_full_disk_saves_nothing_and_says_so(tmp_path, small_disk):
    db_path = (small_disk or tmp_path) / "cc.db"
    cc(db_path, "incident", "open", "Sel", "--playbook", "general")
    text = tmp_path / "post.txt"
    text.write_text("yaralı sayısı 12 " * 5000, encoding="utf-8")
    limit = {} if small_disk else {"preexec_fn": _limit_file_size}
    failed = None
    for _ in range(20):
        proc = cc(db_path, "post", "add", "1", "--channel", "x", "--file", str(text), **limit)
        if proc.returncode:
            failed = proc
            break
    assert failed is not None and failed.returncode == 1
    assert "nothing was saved" in failed.stderr
    posts = json.loads(cc(db_path, "post", "list", "1", "--json").stdout)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert all(p["text"].startswith("yaralı") for p in posts)
    assert cc(db_path, "verify").returncode == 0


def test_a_read_only_file_system_is_a_clear_error(tmp_path, small_disk):
    if small_disk is None:
        pytest.skip("mounting a file system needs root")
    db_path = small_disk / "cc.db"
    cc(db_path, "incident", "open", "Sel", "--playbook", "general")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    proc = cc(db_path, "incident", "open", "Baraj", "--playbook", "general")
    assert proc.returncode == 1 and "read-only file system" in proc.stderr and "nothing was saved" in proc.stderr
    # an archived copy on a read-only mount is still read (issue 13): listed, verified
    assert "Sel" in cc(db_path, "incident", "list").stdout and cc(db_path, "verify").returncode == 0
    proc = cc(small_disk / "new.db", "incident", "list")
    assert proc.returncode == 1 and "Read-only file system" in proc.stderr


def test_a_read_only_directory_is_a_clear_error(tmp_path):
    # root writes anywhere: drop the capability that lets it ignore a folder's permissions
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        pytest.skip("setpriv (util-linux) is needed to run without CAP_DAC_OVERRIDE")
    caps = "-dac_override,-dac_read_search"
    prefix = ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}", "--"] if os.geteuid() == 0 else []
    existing = tmp_path / "existing"
    existing.mkdir()
    cc(existing / "cc.db", "incident", "open", "Sel", "--playbook", "general")
    for folder in (tmp_path / "locked", existing):
        folder.mkdir(exist_ok=True)
        folder.chmod(0o555)
        env = dict(os.environ, CRISISCOMM_OPERATOR="x", CRISISCOMM_LANG="en")
        proc = subprocess.run([*prefix, sys.executable, "-m", "crisiscomm", "--db", str(folder / "cc.db"),
                               "incident", "open", "Baraj", "--playbook", "general"],
                              capture_output=True, text=True, env=env, timeout=60)
        assert_clean(proc)
        assert proc.returncode == 1, proc.stderr
        assert "Permission denied" in proc.stderr or "no permission to write" in proc.stderr, proc.stderr
        folder.chmod(0o755)
