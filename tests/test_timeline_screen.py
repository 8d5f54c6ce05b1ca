"""The timeline screen: paged events, filters, search, order, related records."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import settle

from crisiscomm import incidents, timeline
from crisiscomm.clock import iso
from crisiscomm.store import Store
from crisiscomm.tui.app import DashboardApp
from crisiscomm.tui.screens.timeline import RelatedScreen, TimelineScreen
from crisiscomm.tui.widgets.paged_list import PagedList

MANY = 5000
T0 = dt.datetime(2025, 3, 1, 10, 0, tzinfo=dt.timezone.utc)


def at(seconds: float) -> str:
    return iso(T0 + dt.timedelta(seconds=seconds))


def seed(store, *, many: int = 0, exercise: bool = False) -> int:
    """An incident with a statement, a claim, a mention event carrying markup, and `many` triage events.

    Written on a bare connection (no session): exactly these events, none set off by reactions."""
    with Store(store.path) as bare:
        return _seed(bare, many=many, exercise=exercise)


def _seed(store, *, many: int, exercise: bool) -> int:
    iid = incidents.open_incident(store, "Deprem [bold]x[/bold]", "general", operator="ali", exercise=exercise, started_at=T0).id
    with store.write():
        store.execute("INSERT INTO statements (incident_id, title, created_by, created_at) VALUES (?, 'İlk açıklama', 'ali', '2025-01-01T00:00:00+00:00')", (iid,))
        store.execute("INSERT INTO statement_versions (statement_id, version, body, author, created_at, state)"
                      " VALUES (1, 1, 'Ekipler bölgede [red]uyarı[/red]', 'ali', '2025-01-01T00:00:00+00:00', 'in_review')")
        store.execute("INSERT INTO claims (incident_id, text, created_by, created_at, first_seen_at)"
                      " VALUES (?, 'Baraj yıkıldı', 'ali', '2025-01-01T00:00:00+00:00', '2025-01-01T00:00:00+00:00')", (iid,))
        timeline.append(store, "statement.submitted", {"statement": 1, "version": 1}, operator="ayse", incident_id=iid, clock=60,
                        wall_time=at(60))
        timeline.append(store, "claim.added", {"claim": 1, "text": "[link=http://x]Baraj[/link] yıkıldı"}, operator="mehmet",
                        incident_id=iid, clock=120, wall_time=at(120))
        for n in range(many):
            timeline.append(store, "mention.triaged", {"ids": [n + 1], "state": "seen"}, operator="monitor", incident_id=iid,
                            clock=200 + n, wall_time=at(200 + n))
    incidents.set_clock(store, iid, operator="ali", paused=True, seconds=600)
    return iid


async def open_timeline(pilot) -> TimelineScreen:
    """Ctrl+T, and the screen mounted with its filter choices read (in a worker)."""
    await pilot.press("ctrl+t")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, TimelineScreen) and screen.is_mounted
    return screen


async def wait_rows(pilot, lst: PagedList, count: int) -> None:
    for _ in range(100):
        await pilot.pause(0.02)
        if lst.row_count == count:
            return
    assert lst.row_count == count


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_screen_pages_a_large_timeline_and_filters(db_path, store, size):
    iid = seed(store, many=MANY)
    total = MANY + 4  # opened, submitted, claim, clock change
    app = DashboardApp(db_path, operator="ali", lang="en", incident_id=iid, poll=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("ctrl+t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        lst = screen.query_one("#tl-list", PagedList)
        await wait_rows(pilot, lst, total)
        assert lst.current_row["kind"] == "clock.changed"  # newest first
        await pilot.press("end")
        assert lst.current_row["kind"] == "incident.opened"
        await pilot.press("o")  # oldest first
        await wait_rows(pilot, lst, total)
        await pilot.press("home")
        assert lst.current_row["kind"] == "incident.opened"
        screen.query_one("#tl-operator").value = "mehmet"
        await wait_rows(pilot, lst, 1)
        assert lst.current_row["kind"] == "claim.added"
        await pilot.press("ctrl+r")
        await wait_rows(pilot, lst, total)
        screen.query_one("#tl-kind").value = "statement"
        await wait_rows(pilot, lst, 1)
        await pilot.press("ctrl+r")
        await pilot.press("slash")
        await pilot.press(*"BARAJ", "enter")
        await wait_rows(pilot, lst, 1)
        assert "1 events" in str(screen.query_one("#tl-count").render())
        await pilot.press("escape")
        assert not isinstance(app.screen, TimelineScreen)


async def test_enter_shows_the_related_record_and_g_goes_to_its_pane(db_path, store):
    iid = seed(store)
    app = DashboardApp(db_path, operator="ali", lang="en", incident_id=iid, poll=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_timeline(pilot)
        lst = screen.query_one("#tl-list", PagedList)
        screen.query_one("#tl-kind").value = "statement.submitted"
        await wait_rows(pilot, lst, 1)
        lst.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RelatedScreen)
        shown = " ".join(str(s.render()) for s in app.screen.query(".related-body"))
        assert "Ekipler bölgede [red]uyarı[/red]" in shown  # shown as text, markup untouched
        await pilot.press("g")
        await pilot.pause()
        assert not isinstance(app.screen, (RelatedScreen, TimelineScreen))
        assert app.query_one("#pane-statements").has_class("-active")


async def test_event_without_related_record_says_so(db_path, store):
    iid = seed(store)
    app = DashboardApp(db_path, operator="ali", lang="en", incident_id=iid, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+t")
        lst = app.screen.query_one("#tl-list", PagedList)
        await wait_rows(pilot, lst, 4)
        await pilot.press("enter")  # clock.changed points at nothing
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        assert any("points at no mention" in n.text for n in app.notices)


async def test_exercise_marked_and_new_events_appear_while_open(db_path, store):
    iid = seed(store, exercise=True)
    app = DashboardApp(db_path, operator="ali", lang="en", incident_id=iid, poll=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_timeline(pilot)
        assert screen.has_class("-exercise")
        assert incidents.EXERCISE_MARK in str(screen.query_one("#tl-title").render())
        lst = screen.query_one("#tl-list", PagedList)
        await wait_rows(pilot, lst, 4)
        timeline.append(store, "fact.set", {"key": "injured", "value": "3"}, operator="ali", incident_id=iid)
        for _ in range(60):
            await pilot.pause(0.1)
            if lst.row_count == 5:
                break
        assert lst.row_count == 5


def test_timeline_screen_snapshot(db_path, store, snap_compare, fixed_now):
    iid = seed(store, many=40)
    app = DashboardApp(db_path, operator="ali", lang="en", incident_id=iid, poll=False)

    async def run_before(pilot):
        await pilot.press("ctrl+t")
        lst = app.screen.query_one("#tl-list", PagedList)
        await wait_rows(pilot, lst, 44)
        await pilot.press("down", "down")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
