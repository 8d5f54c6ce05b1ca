"""Snapshots of the dashboard under live pressure, at 80×24 and 160×50: the "N new" banner, the
editing mode, the first-run guide, the help screen, an inject card."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import settle
from crisiscomm import incidents, mentions
from crisiscomm.drills.scenario import Expectation, Inject
from crisiscomm.feeds import registry
from crisiscomm.store import Store
from crisiscomm.tui.app import DashboardApp
from crisiscomm.tui.inject_card import InjectCard

FETCHED = "2026-11-23T01:30:00+00:00"


def _items(first: int, last: int) -> list[dict]:
    return [{"guid": f"g{n}", "title": f"Deprem haberi {n}: Malatya'da hasar tespiti sürüyor",
             "text": f"ayrıntı {n}", "published_at": f"2026-11-2{1 + n % 3}T00:{n % 60:02d}:00+00:00"}
            for n in range(first, last)]


async def ready(pilot) -> None:
    """Every pane mounted and loaded (a tiled screen mounts five of them after the first frame)."""
    app = pilot.app
    for _ in range(100):
        await settle(pilot)
        if len(app.panes()) == 6 and all(pane.ready for pane in app.panes()):
            break
    await settle(pilot)
    await pilot.wait_for_scheduled_animations()
    await pilot.pause(0.3)


def _incident(store) -> int:
    # on a connection without reactions: the checklist's event would carry today's clock
    with Store(store.path) as plain:
        inc = incidents.open_incident(plain, "Malatya depremi", "general", operator="lead", keywords=["deprem"],
                                      started_at=dt.datetime(2026, 11, 23, 1, 0, tzinfo=dt.timezone.utc))
        incidents.set_clock(plain, inc.id, operator="lead", paused=True, seconds=600)
    return inc.id


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_new_arrivals_above_the_cursor(store, db_path, snap_compare, fixed_now, size):
    incident_id = _incident(store)
    feed = registry.add_feed(store, "https://social.example/rss", operator="t", name="mastodon")
    mentions.add_mentions(store, _items(1, 61), operator="t", feed_id=feed["id"], fetched_at=FETCHED)
    app = DashboardApp(db_path, operator="ayse", incident_id=incident_id, poll=False, lang="tr")

    async def run_before(pilot):
        await ready(pilot)
        await pilot.press(*["down"] * 5)
        mentions.add_mentions(store, _items(61, 65), operator="t", feed_id=feed["id"], fetched_at=FETCHED)
        app.watcher.check()
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_editing_a_new_statement(store, db_path, snap_compare, fixed_now, size):
    incident_id = _incident(store)
    app = DashboardApp(db_path, operator="ayse", incident_id=incident_id, poll=False, lang="tr")

    async def run_before(pilot):
        await ready(pilot)
        await pilot.press("f3", "n", *"Saat 04.17'de deprem oldu. ")
        app.query_one("#st-editor").cursor_blink = False  # a blinking cursor would differ between two shots
        await pilot.pause(0.6)
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_first_run_guide(db_path, snap_compare, fixed_now):
    app = DashboardApp(db_path, operator="ayse", poll=False, lang="tr")
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_help_screen(store, db_path, snap_compare, fixed_now):
    incident_id = _incident(store)
    app = DashboardApp(db_path, operator="ayse", incident_id=incident_id, poll=False, lang="en")

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("f3", "question_mark")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_inject_card(store, db_path, snap_compare, fixed_now):
    incident_id = _incident(store)
    app = DashboardApp(db_path, operator="ayse", incident_id=incident_id, poll=False, lang="tr")
    inject = Inject("call", 720, "journalist_request",
                    {"content": "Sosyal medyada 300 ölü iddiası dolaşıyor. Resmî rakam nedir, 15 dakika içinde "
                                "doğrulayabilir misiniz?", "from": "Muhabir", "outlet": "Anadolu Ajansı"},
                    Expectation("statement.approved", 900, "Doğrulanmış rakamlarla bir açıklama onaylayın"))

    async def run_before(pilot):
        await settle(pilot)
        app.interrupt(InjectCard(inject), "card")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
