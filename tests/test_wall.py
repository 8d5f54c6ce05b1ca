"""The wall in a terminal: what it shows, another process's change within 2 s, loud when overdue,
untrusted text as text, and a snapshot of the whole wall at the size of a 1920×1080 browser."""

from __future__ import annotations

import subprocess
import sys
import time

from conftest import wait_until

from crisiscomm import cadence, claims, facts, incidents, wallboard
from crisiscomm.models import Incident
from crisiscomm.tui.wall.app import WallApp

WALL_SIZE = (133, 37)  # a 1920×1080 browser at the wall's 24 px font
WRITER = "import sys\nfrom crisiscomm.store import Store\nfrom crisiscomm import facts\n" \
         "facts.set_fact(Store(sys.argv[1]), 1, 'injured', '140', operator='mehmet')\n"


def text_of(app, selector: str) -> str:
    return str(app.query_one(selector).render())


def lines_of(app, box: str) -> str:
    return str(app.query_one(f"{box} .wall-lines").render())


async def test_wall_shows_the_incident_and_another_process_change_within_two_seconds(store, db_path):
    iid = incidents.open_incident(store, "Malatya depremi", "natural-disaster", operator="ayse", exercise=True).id
    facts.set_fact(store, iid, "injured", "112", operator="ayse")
    claims.add_claim(store, iid, "Karakaya Barajı çatladı", operator="ayse")
    app = WallApp(db_path, lang="tr")
    async with app.run_test(size=WALL_SIZE) as pilot:
        await wait_until(pilot, lambda: app.wall is not None)  # the first read, in a worker
        assert app.has_class("-exercise")
        assert "Malatya depremi" in text_of(app, "#wall-title")
        assert "Yaralı sayısı: 112" in lines_of(app, "#wall-facts")
        assert "Karakaya Barajı çatladı" in lines_of(app, "#wall-claims")
        assert "Sözcü" in lines_of(app, "#wall-deadlines")  # the next step's owner, in Turkish
        started = time.monotonic()
        subprocess.run([sys.executable, "-c", WRITER, str(db_path)], check=True, timeout=60)
        written = time.monotonic()
        while "Yaralı sayısı: 140" not in lines_of(app, "#wall-facts") and time.monotonic() - written < 3:
            await pilot.pause(0.05)
        assert "Yaralı sayısı: 140" in lines_of(app, "#wall-facts")
        assert time.monotonic() - written <= 2.0, time.monotonic() - started


async def test_next_update_counts_down_and_turns_loud_when_overdue(store, db_path):
    iid = incidents.open_incident(store, "Kesinti", "service-outage", operator="ayse").id
    app = WallApp(db_path, lang="en")
    async with app.run_test(size=WALL_SIZE) as pilot:
        await wait_until(pilot, lambda: app.wall is not None)
        assert "none promised" in text_of(app, "#wall-update-caption")
        soon = incidents.clock_at(incidents.get(store, iid))
        facts.set_fact(store, iid, "next_update", _iso_in(seconds=600), operator="ayse")
        box = app.query_one("#wall-update")
        await wait_until(pilot, lambda: box.has_class("-soon"))
        assert box.has_class("-soon") and not box.has_class("-overdue")
        assert str(app.query_one("#wall-update-digits").value).startswith("00:09:5"), soon
        facts.set_fact(store, iid, "next_update", _iso_in(seconds=-60), operator="ayse")
        await wait_until(pilot, lambda: box.has_class("-overdue"))
        assert "OVERDUE" in text_of(app, "#wall-update-caption")
        assert str(app.query_one("#wall-update-digits").value).startswith("-00:01:0")


def _iso_in(*, seconds: float) -> str:
    import datetime as dt

    return (dt.datetime.now().astimezone() + dt.timedelta(seconds=seconds)).isoformat(timespec="seconds")


async def test_untrusted_text_is_shown_as_text(store, db_path):
    iid = incidents.open_incident(store, "Deprem", "general", operator="ayse").id
    facts.set_fact(store, iid, "[b]kaynak[/b]", "[link=https://x.example]tıkla[/link]", operator="ayse")
    claims.add_claim(store, iid, "[red]Baraj[/red] $x \x1b[2J çöktü", operator="ayse")
    app = WallApp(db_path, lang="tr")
    async with app.run_test(size=WALL_SIZE) as pilot:
        await wait_until(pilot, lambda: app.wall is not None)  # the first read, in a worker
        assert "[b]kaynak[/b]: [link=https://x.example]tıkla[/link]" in lines_of(app, "#wall-facts")
        shown = lines_of(app, "#wall-claims")
        assert "[red]Baraj[/red] $x" in shown and "\x1b" not in shown


def fixed_wall() -> wallboard.Wall:
    """An exercise with a paused clock at T+00:42:10 and every box filled: the snapshot does not move."""
    incident = Incident(id=3, title="Malatya depremi", severity=3, status="active", mode="exercise",
                        playbook="natural-disaster", clock_paused=True, clock_base_seconds=2530.0,
                        clock_base_wall="2026-11-23T01:17:00+00:00", clock_speed=1.0, closed_at=None,
                        started_at="2026-11-23T00:34:50+00:00")
    promise = cadence.Promise(due_clock=2400.0, made_clock=600.0, source="fact", text="16.00", key="fact:9")
    return wallboard.Wall(
        incident=incident,
        promise=cadence.Status(promise, 2530.0, None),
        deadlines=[
            {"title": "İlk açıklamayı yayımla", "owner": "Sosyal medya sorumlusu", "due_clock": 1800.0, "state": "todo"},
            {"title": "Bilgi föyünü güncelle", "owner": "Teyit sorumlusu", "due_clock": 3600.0, "state": "doing"},
        ],
        rate=[1, 2, 1, 0, 3, 2, 4, 3, 2, 5, 4, 3, 6, 5, 4, 7, 6, 8, 9, 12, 15, 22, 31, 45, 38, 30, 24, 18, 14, 11],
        spike={"minute": "T+00:24", "count": 45, "baseline": 4.2,
               "drivers": {"terms": [{"term": "baraj"}, {"term": "çatladı"}], "new_authors": {"count": 12},
                           "feeds": [{"feed": "X arama", "mentions": 40, "share": 0.89}],
                           "reach": {"total": 1_250_000, "reported_by": 30, "widest": {}}}},
        contradictions=[{"channel": "x", "fact": "injured", "fact_name": "Yaralı sayısı", "value": "112", "expected": "140", "state": "contradicts"}],
        claims=[{"id": 4, "text": "Karakaya Barajı çatladı", "status": "verifying", "per_hour": 18.5, "mentions": 37}],
        facts=[{"key": "injured", "name": "Yaralı sayısı", "value": "140", "status": "confirmed"},
               {"key": "dead", "name": "Can kaybı", "value": "7", "status": "unconfirmed"},
               {"key": "next_update", "name": "Bir sonraki bilgilendirme", "value": "16.00", "status": "confirmed"}],
    )


def test_wall_snapshot(db_path, snap_compare):
    app = WallApp(db_path, lang="tr", poll=False, source=fixed_wall)

    async def settle(pilot):
        await wait_until(pilot, lambda: app.wall is not None)
        await pilot.pause(0.2)  # the frame after the read

    assert snap_compare(app, terminal_size=WALL_SIZE, run_before=settle)

