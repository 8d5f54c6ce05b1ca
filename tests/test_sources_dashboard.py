"""The sources in the dashboard: a report entered with one key, reach in the list, and the
Bluesky stream held open by the dashboard (a real websocket server on loopback)."""

from __future__ import annotations

import time

from crisiscomm import incidents, mentions
from crisiscomm.feeds import registry
from crisiscomm.tui.app import DashboardApp
from crisiscomm.tui.panes.mentions import MentionsPane, compact_count, render_mention
from crisiscomm.tui.screens.intake import ReportDialog
from fakes import Jetstream, jet_post


async def _settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def _incident(store) -> int:
    return incidents.open_incident(store, "Malatya depremi", "general", operator="t", keywords=["deprem"]).id


async def _until(pilot, condition, timeout: float = 8.0) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        await pilot.pause(0.05)
    raise AssertionError("condition not met in time")


async def test_a_report_is_entered_with_one_key(store, db_path):
    incident_id = _incident(store)
    app = DashboardApp(db_path, operator="ayse", incident_id=incident_id, poll=False, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(app, pilot)
        app.query_one(MentionsPane).focus()
        await pilot.press("i")
        assert isinstance(app.screen, ReportDialog)
        await pilot.press("down", "down", "down", "enter")  # field team
        await pilot.press("enter")  # no text yet: the dialog says so and stays
        assert isinstance(app.screen, ReportDialog)
        await pilot.press(*"Köprü hasarlı [b]x[/b]")
        await pilot.press("tab", *"Ekip 3", "enter")
        await _settle(app, pilot)
        await _until(pilot, lambda: app.query_one(MentionsPane).paged.row_count == 1)
        row = store.one("SELECT m.text, m.author, m.incident_id, f.name FROM mentions m JOIN feeds f ON f.id = m.feed_id")
        assert (row["text"], row["author"], row["incident_id"], row["name"]) == (
            "Köprü hasarlı [b]x[/b]", "Ekip 3", incident_id, "intake-field")
        await pilot.press("i", "escape")  # Escape leaves without a report
        await _settle(app, pilot)
        assert store.scalar("SELECT count(*) FROM mentions") == 1


def test_reach_is_shown_compactly():
    row = {"id": 1, "state": "new", "feed": "masto", "title": "", "text": "Deprem sonrası", "reach": 12_300,
           "published_at": "2026-11-28T04:30:00+00:00", "keywords": []}
    assert " 12K Deprem" in render_mention(row, 120).plain
    assert [compact_count(n) for n in (950, 1_234, 12_300, 1_250_000)] == ["950", "1.2K", "12K", "1.2M"]


async def test_the_dashboard_holds_the_stream_and_shows_a_matching_post_within_two_seconds(store, db_path):
    incident_id = _incident(store)
    srv = Jetstream([])
    try:
        registry.add_feed(store, srv.url, operator="t", kind="bluesky", name="jet")
        app = DashboardApp(db_path, operator="ayse", incident_id=incident_id, poll=True, lang="en")
        async with app.run_test(size=(100, 30)) as pilot:
            pane = app.query_one(MentionsPane)
            await _until(pilot, lambda: bool(srv.paths))  # the dashboard opened the websocket
            srv.messages.append(jet_post(2, "Bugün hava çok güzel"))
            srv.messages.append(jet_post(1, "Malatya'da deprem: ilk görüntüler"))
            seconds = await _until(pilot, lambda: pane.paged.row_count == 1, timeout=10)
            assert "ilk görüntüler" in "".join(s.text for s in pane.paged.render_line(0))
        assert mentions.get_mention(store, 1)["text"] == "Malatya'da deprem: ilk görüntüler"
        assert seconds < 4  # target 2 s (benchmarks/bench_jetstream.py); slack for a loaded test machine
    finally:
        srv.close()
