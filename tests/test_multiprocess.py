"""Several processes on one database: concurrent writers, kill -9 mid-transaction, core without Textual."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

from crisiscomm import audit, timeline
from crisiscomm.store import Store

APPENDER = textwrap.dedent(
    """
    import sys
    from crisiscomm.store import Store
    from crisiscomm import timeline
    store = Store(sys.argv[1])
    for i in range(int(sys.argv[3])):
        timeline.append(store, "test.append", {"writer": sys.argv[2], "n": i}, operator=sys.argv[2])
    """
)


def test_two_processes_append_concurrently(db_path):
    Store(db_path).close()
    procs = [
        subprocess.Popen([sys.executable, "-c", APPENDER, str(db_path), name, "500"], stderr=subprocess.PIPE, text=True)
        for name in ("ayse", "mehmet")
    ]
    for p in procs:
        _, err = p.communicate(timeout=240)
        assert p.returncode == 0, err  # no "database is locked" reached anyone
    store = Store(db_path)
    result = audit.verify(store)
    assert result.ok and result.count == 1000
    rows = store.all("SELECT operator, count(*) AS n FROM events GROUP BY operator")
    per_writer = {r["operator"]: r["n"] for r in rows}
    assert per_writer == {"ayse": 500, "mehmet": 500}


CRASHER = textwrap.dedent(
    """
    import sys, time
    from crisiscomm.store import Store
    from crisiscomm import timeline
    store = Store(sys.argv[1])
    for i in range(50):
        timeline.append(store, "test.committed", {"n": i}, operator="w")
        print(i, flush=True)
    with store.write():
        for i in range(200):
            timeline.append(store, "test.uncommitted", {"n": i}, operator="w")
        print("in-transaction", flush=True)
        time.sleep(60)
    """
)


def test_kill_9_mid_transaction_keeps_every_committed_event(db_path):
    Store(db_path).close()
    proc = subprocess.Popen([sys.executable, "-c", CRASHER, str(db_path)], stdout=subprocess.PIPE, text=True)
    committed = -1
    for line in proc.stdout:
        if line.strip() == "in-transaction":
            break
        committed = int(line)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    store = Store(db_path)
    assert store.scalar("SELECT count(*) FROM events WHERE kind = 'test.committed'") == committed + 1 == 50
    assert store.scalar("SELECT count(*) FROM events WHERE kind = 'test.uncommitted'") == 0
    assert audit.verify(store).ok
    timeline.append(store, "test.after", {}, operator="w")  # the database is usable again
    assert audit.verify(store).count == 51


IMPORT_CORE_WITHOUT_TEXTUAL = textwrap.dedent(
    """
    import importlib, pkgutil, sys
    class Block:
        def find_spec(self, name, path=None, target=None):
            if name == "textual" or name.startswith("textual."):
                raise ImportError("textual is blocked")
    sys.meta_path.insert(0, Block())
    import crisiscomm
    seen = []
    for m in pkgutil.walk_packages(crisiscomm.__path__, "crisiscomm."):
        if m.name.startswith(("crisiscomm.tui", "crisiscomm.cli")) or m.name == "crisiscomm.__main__":
            continue
        importlib.import_module(m.name)
        seen.append(m.name)
    import crisiscomm.cli  # the CLI too: it imports the dashboard only when launching it
    print(len(seen))
    """
)


def test_core_imports_without_textual():
    r = subprocess.run([sys.executable, "-c", IMPORT_CORE_WITHOUT_TEXTUAL], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert int(r.stdout) >= 10


def test_wal_reader_sees_other_process_commit(db_path):
    store = Store(db_path)
    before = store.data_version()
    subprocess.run([sys.executable, "-c", APPENDER, str(db_path), "other", "1"], check=True, timeout=60)
    assert store.data_version() != before
    deadline = time.time() + 2
    while store.scalar("SELECT count(*) FROM events") == 0 and time.time() < deadline:
        time.sleep(0.05)
    assert store.scalar("SELECT count(*) FROM events") == 1
