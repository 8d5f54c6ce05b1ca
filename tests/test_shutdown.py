"""Closing connections while workers use them never crashes the process (it once segfaulted)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

from crisiscomm.store import Store, StoreError

DASHBOARD_QUITS = r'''
import asyncio, sys
from crisiscomm import incidents, facts, posts, claims
from crisiscomm.mentions import add_mentions
from crisiscomm.store import Store
from crisiscomm.tui.app import DashboardApp

db = sys.argv[1]
store = Store(db)
iid = incidents.open_incident(store, "Deprem", "general", operator="ayse").id
for n in range(30):
    facts.set_fact(store, iid, f"fact{n}", str(n), operator="ayse")
    posts.add_post(store, iid, "x", f"{n} yaralı var", operator="ayse")
    claims.add_claim(store, iid, f"söylenti {n}", operator="ayse")
add_mentions(store, [{"guid": f"g{n}", "title": f"deprem {n}", "text": "metin " * 30} for n in range(5000)],
             operator="ayse", incident_id=iid)
store.close()

async def once(keys):
    app = DashboardApp(db, operator="ayse", lang="en", incident_id=iid)
    async with app.run_test(size=(160, 50)) as pilot:
        for key in keys:
            await pilot.press(key)
        app.refresh_panes()
        app.exit()

async def main():
    for n in range(int(sys.argv[2])):
        await once(["f1", "f2", "f3", "f4", "f5", "f6"][: n % 7])
    print("survived")

asyncio.run(main())
'''


def test_store_close_waits_for_a_query_in_another_thread(tmp_path) -> None:
    store = Store(tmp_path / "cc.db")
    store.execute("CREATE TABLE t (n INTEGER)")
    with store.write():
        store.executemany("INSERT INTO t VALUES (?)", [(n,) for n in range(20000)])
    errors: list[Exception] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                store.all("SELECT a.n FROM t a JOIN t b ON b.n = a.n ORDER BY a.n DESC LIMIT 50")
            except StoreError as exc:
                errors.append(exc)
                return

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(0.2)
    store.close()
    stop.set()
    for thread in threads:
        thread.join(10)
    assert all("closed" in str(e) for e in errors)
    assert store.closed


def test_quitting_the_dashboard_while_every_pane_loads_never_crashes(tmp_path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", DASHBOARD_QUITS, str(tmp_path / "cc.db"), "15"],
        capture_output=True, text=True, timeout=280,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "survived" in proc.stdout
