"""Alerts: each kind noticed once, switched per operator, rung in the dashboard, flashed on the wall,
and sent to a desktop notification service on a real (private) D-Bus session bus."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import threading
import time

import pytest
from conftest import wait_until

from crisiscomm import alerts, cadence, desktop_notify, facts, incidents, posts, timeline
from crisiscomm.clock import utc_now
from crisiscomm.errors import CrisisError
from crisiscomm.feeds.registry import add_feed
from crisiscomm.mentions import add_mentions


def kinds(found) -> list[str]:
    return [a.kind for a in found]


@pytest.fixture
def incident(store):
    return incidents.open_incident(store, "Deprem", "natural-disaster", operator="ayse")


def test_each_kind_once(store, incident, tmp_path):
    iid = incident.id
    facts.set_fact(store, iid, "injured", "15", operator="ayse")
    posts.add_post(store, iid, "x", "Bölgede 15 yaralı var.", operator="ayse")
    watcher = alerts.Watcher(iid)
    assert watcher.poll(store) == []  # the first look takes stock
    timeline.append(store, "mentions.spike", {"minute": "2026-11-23T01:19", "count": 48, "baseline": 3.1},
                    operator="sistem", incident_id=iid)
    [spike] = watcher.poll(store)
    assert spike.kind == "spike" and "48" in spike.text and spike.title == "Mention spike"
    assert watcher.poll(store) == []  # once
    posts.add_post(store, iid, "facebook", "Bölgede 12 yaralı var.", operator="can")
    [bad] = watcher.poll(store)
    assert bad.kind == "contradiction" and "facebook" in bad.text and "12" in bad.text and "15" in bad.text
    feed = tmp_path / "afad.xml"
    feed.write_text("<rss/>")
    (tmp_path / "x.xml").write_text("<rss/>")
    official = add_feed(store, str(feed), operator="ayse", name="AFAD", trust="official", polled=False)["id"]
    social = add_feed(store, str(tmp_path / "x.xml"), operator="ayse", name="X arama", polled=False)["id"]
    add_mentions(store, [{"guid": "s1", "title": "söylenti", "text": "baraj çöktü"}], operator="sistem", feed_id=social)
    assert watcher.poll(store) == []  # only official feeds ring
    add_mentions(store, [{"guid": "a1", "title": "Malatya'da 6,1 büyüklüğünde deprem \x1b[31m", "text": "AFAD duyurusu"}],
                 operator="sistem", feed_id=official)
    [item] = watcher.poll(store)
    assert item.kind == "official_item" and item.text.startswith("AFAD: Malatya") and "\x1b" not in item.text
    facts.set_fact(store, iid, "next_update", (dt.datetime.now().astimezone() - dt.timedelta(minutes=2)).isoformat(),
                   operator="ayse")
    cadence.check(store, incidents.get(store, iid), operator="sistem")
    assert kinds(watcher.poll(store)) == ["update_overdue"]


def test_a_step_that_becomes_overdue(store):
    drill = incidents.open_incident(store, "Tatbikat", "general", operator="ayse", exercise=True)
    incidents.set_clock(store, drill.id, operator="ayse", seconds=14 * 60 + 58, speed=1)
    watcher = alerts.Watcher(drill.id)
    watcher.poll(store)
    time.sleep(2.2)
    found = watcher.poll(store, changed=False)
    assert found and {a.kind for a in found} == {"step_overdue"} and all(" — " in a.text for a in found)
    assert watcher.poll(store, changed=False) == []


def test_a_drill_inject_that_expects_a_response(store, tmp_path):
    from crisiscomm.drills.player import DrillPlayer, start_drill
    from crisiscomm.drills.scenario_files import load_scenario

    path = tmp_path / "tiny.toml"
    path.write_text("""\
[exercise]
name = "Küçük tatbikat"
playbook = "general"
language = "tr"

[[inject]]
id = "call"
at = "10s"
type = "journalist_request"
from = "Muhabir"
content = "Açıklama ne zaman?"
expect = { action = "statement.approved", deadline = "20m", description = "Bir açıklamayı onaylayın" }

[[inject]]
id = "quiet"
at = "12s"
type = "mention"
content = "Sadece bir bahsetme"
""", encoding="utf-8")
    drill = start_drill(store, load_scenario(path), operator="ayse", speed=1)
    watcher = alerts.Watcher(drill["incident_id"])
    watcher.poll(store)
    DrillPlayer.load(store, drill["incident_id"]).fire_due(store, clock=30)
    [inject] = watcher.poll(store)
    assert inject.kind == "inject_response" and "Bir açıklamayı onaylayın" in inject.text and "20 min" in inject.text


def test_preferences_per_operator(store):
    assert alerts.enabled_kinds(store, "ayse") == set(alerts.KINDS)
    assert "spike" not in alerts.set_enabled(store, "ayse", "spike", False)
    assert "spike" in alerts.enabled_kinds(store, "mehmet")
    assert "spike" in alerts.set_enabled(store, "ayse", "spike", True)
    with pytest.raises(CrisisError, match="unknown alert kind"):
        alerts.set_enabled(store, "ayse", "everything", False)


def test_cli_switches(cli):
    off = cli("alerts", "--off", "spike", "--off", "official_item", operator="ayse")
    assert off.exit_code == 0 and "spike           off" in off.output
    assert "spike           on" in cli("alerts", operator="mehmet").output
    both = cli("alerts", "--on", "spike", "--off", "spike", operator="ayse")
    assert both.exit_code == 2


# -- desktop notifications on a private session bus ------------------------------------------

NOTIFICATION_SERVICE = r"""
import sys
from jeepney import MessageType, HeaderFields, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection
conn = open_dbus_connection(bus=sys.argv[1])
conn.send_and_get_reply(message_bus.RequestName("org.freedesktop.Notifications"))
print("ready", flush=True)
while True:
    msg = conn.receive()
    if msg.header.message_type is MessageType.method_call and msg.header.fields.get(HeaderFields.member) == "Notify":
        print(repr(msg.body), flush=True)
        conn.send(new_method_return(msg, "u", (7,)))
"""


@pytest.fixture
def session_bus(tmp_path, monkeypatch):
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed")
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1",
                               f"--address=unix:path={tmp_path / 'bus'}"], stdout=subprocess.PIPE, text=True)
    address = daemon.stdout.readline().strip()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    yield address
    daemon.terminate()
    daemon.wait(10)


def test_desktop_notification_where_the_desktop_offers_one(session_bus):
    started = time.monotonic()
    assert desktop_notify.notify("Ani artış", "x") is False  # a bus without the service: silently absent
    assert time.monotonic() - started < desktop_notify.TIMEOUT_S + 1
    service = subprocess.Popen([sys.executable, "-c", NOTIFICATION_SERVICE, session_bus],
                               stdout=subprocess.PIPE, text=True)
    try:
        assert service.stdout.readline().strip() == "ready"
        assert desktop_notify.notify("Ani artış", "<b>AFAD</b>: 48 & more", critical=True) is True
        body = eval(service.stdout.readline())  # noqa: S307 - our own service's repr of the call
        assert body[0] == "crisiscomm" and body[3] == "Ani artış"
        assert body[4] == "&lt;b&gt;AFAD&lt;/b&gt;: 48 &amp; more"  # servers may read markup: escaped
        assert body[6]["urgency"] == ("y", 2)
    finally:
        service.terminate()
        service.wait(10)


def test_no_bus_no_notification(monkeypatch):
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    assert desktop_notify.notify("x", "y") is False
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    assert desktop_notify.notify("x", "y") is False


# -- the dashboard and the wall --------------------------------------------------------------

async def test_dashboard_rings_notifies_and_respects_the_switch(store, db_path, incident):
    from crisiscomm.tui.app import DashboardApp

    iid = incident.id
    app = DashboardApp(db_path, operator="ayse", lang="en")
    rung, desktop = [], []
    app.bell = lambda: rung.append(1)
    async with app.run_test(size=(160, 50)) as pilot:
        app.room_watch.desktop = lambda title, text, critical=False: desktop.append((title, text, critical))
        for _ in range(100):  # the first look takes stock (a loaded machine may take a while to get there)
            if app.room_watch.watching:
                break
            await pilot.pause(0.1)
        timeline.append(store, "mentions.spike", {"minute": "T", "count": 48, "baseline": 3.1},
                        operator="sistem", incident_id=iid)
        for _ in range(100):  # the desktop is told in the worker, the bell and the message on the UI thread after
            await pilot.pause(0.1)
            if desktop and rung and any(n.title == "Mention spike" for n in app.notices):
                break
        assert rung and desktop == [("Mention spike", "T: 48 mentions a minute (usually 3.1)", True)]
        assert any(n.title == "Mention spike" for n in app.notices)
        alerts.set_enabled(store, "ayse", "spike", False)
        timeline.append(store, "mentions.spike", {"minute": "T2", "count": 60, "baseline": 3.1},
                        operator="sistem", incident_id=iid)
        await pilot.pause(3)
        assert len(desktop) == 1


SPIKE_WRITER = ("import sys\nfrom crisiscomm.store import Store\nfrom crisiscomm import timeline\n"
                "timeline.append(Store(sys.argv[1]), 'mentions.spike', {'minute': 'T+00:24', 'count': 45, 'baseline': 4.2},"
                " operator='sistem', incident_id=1)\n")


async def test_wall_flashes_on_an_alert_from_another_process(store, db_path):
    from crisiscomm.tui.wall.app import WallApp

    incidents.open_incident(store, "Deprem", "general", operator="ayse", exercise=True)
    app = WallApp(db_path, lang="tr", operator="duvar")
    rung = []
    app.bell = lambda: rung.append(1)
    async with app.run_test(size=(133, 37)) as pilot:
        await wait_until(pilot, lambda: app.wall is not None)  # the first read took stock of the alerts so far
        assert not app.has_class("-flash")
        subprocess.run([sys.executable, "-c", SPIKE_WRITER, str(db_path)], check=True, timeout=60)
        await wait_until(pilot, lambda: app.has_class("-flash"))
        assert rung
        assert "Ani artış: T+00:24: dakikada 45 içerik (olağan 4,2)" in str(app.query_one("#wall-alert").render())
        await wait_until(pilot, lambda: not app.has_class("-flash"))  # red for a moment…
        assert app.has_class("-alert")  # …while the line stays a while
        alerts.set_enabled(store, "duvar", "spike", False)
        subprocess.run([sys.executable, "-c", SPIKE_WRITER, str(db_path)], check=True, timeout=60)
        await pilot.pause(2.5)
        assert not app.has_class("-flash") and len(rung) == 1
