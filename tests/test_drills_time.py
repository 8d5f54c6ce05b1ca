"""Scenario time: injected mentions carry `starts_at` + offset, bursts their feed's own times."""

from __future__ import annotations

import datetime as dt
import pathlib

from crisiscomm import incidents, mentions
from crisiscomm.clock import parse_iso
from crisiscomm.drills.player import DrillPlayer, start_drill
from crisiscomm.drills.scenario_files import (
    bundled_scenarios,
    check_scenario,
    load_scenario,
)

OP = "facilitator"
FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>drill feed</title>
<item><title>Sallandı</title><guid>f-1</guid><pubDate>Mon, 23 Nov 2026 04:19:00 +0300</pubDate></item>
<item><title>Enkaz</title><guid>f-2</guid><pubDate>Mon, 23 Nov 2026 05:02:00 +0300</pubDate></item>
</channel></rss>
"""
SCENARIO = """\
[exercise]
name = "Saat"
playbook = "general"
{starts_at}
[[inject]]
id = "burst"
at = 0
type = "mention_burst"
feed = "feed.xml"

[[inject]]
id = "post"
at = "2m"
type = "mention"
content = "Bina çöktü"
"""


def write(tmp_path: pathlib.Path, starts_at: str) -> pathlib.Path:
    (tmp_path / "feed.xml").write_text(FEED, encoding="utf-8")
    path = tmp_path / "s.toml"
    path.write_text(SCENARIO.format(starts_at=starts_at), encoding="utf-8")
    return path


def play_all(store, path) -> DrillPlayer:
    player = DrillPlayer(start_drill(store, load_scenario(path), operator=OP, paused=True))
    incidents.set_clock(store, player.incident_id, operator=OP, paused=True, seconds=player.scenario.end)
    player.fire_due(store)
    return player


def published(store, incident_id: int) -> dict[str, dt.datetime]:
    return {m["title"] or m["text"]: parse_iso(m["published_at"]) for m in mentions.incident_mentions(store, incident_id)}


def test_a_single_mention_is_published_at_starts_at_plus_its_offset(store, tmp_path):
    player = play_all(store, write(tmp_path, 'starts_at = "2026-11-23T05:05:00+03:00"'))
    times = published(store, player.incident_id)
    utc = dt.timezone.utc
    assert times["Bina çöktü"] == dt.datetime(2026, 11, 23, 2, 7, tzinfo=utc)
    assert times["Sallandı"] == dt.datetime(2026, 11, 23, 1, 19, tzinfo=utc)  # the feed's own time
    assert times["Enkaz"] == dt.datetime(2026, 11, 23, 2, 2, tzinfo=utc)


def test_an_unquoted_toml_datetime_is_accepted(tmp_path):
    scenario = load_scenario(write(tmp_path, "starts_at = 2026-11-23T05:05:00+03:00"))
    assert parse_iso(scenario.starts_at) == dt.datetime(2026, 11, 23, 2, 5, tzinfo=dt.timezone.utc)


def test_without_starts_at_scenario_time_is_the_drill_start(store, tmp_path):
    player = play_all(store, write(tmp_path, ""))
    started = parse_iso(incidents.get(store, player.incident_id).started_at)
    assert published(store, player.incident_id)["Bina çöktü"] == started + dt.timedelta(minutes=2)


def test_a_bad_starts_at_names_file_and_line(tmp_path):
    for value in ('"2026-11-23T05:05:00"', '"dün gece"', "2026-11-23", "5"):
        path = write(tmp_path, f"starts_at = {value}")
        [error] = check_scenario(path)
        assert error.startswith(f"{path}:4: [exercise]: 'starts_at' must be a date and time with its UTC offset"), value


def test_bundled_bursts_hold_nothing_later_than_their_scenario_time(store):
    """The story's order: no burst item published after the moment its inject plays."""
    checked = 0
    for path in bundled_scenarios():
        scenario = load_scenario(path)
        if scenario.starts_at is None:
            continue
        player = play_all(store, path)
        start = parse_iso(scenario.starts_at)
        rows = {m["id"]: m for m in mentions.incident_mentions(store, player.incident_id)}
        for inject_id, outcome in player.outcomes(store).items():
            inject = scenario.inject(inject_id)
            due = start + dt.timedelta(seconds=inject.at)
            for mention_id in outcome.get("mentions", []):
                moment = parse_iso(rows[mention_id]["published_at"])
                assert moment == due if inject.type != "mention_burst" else moment <= due, (path.name, inject_id)
                checked += 1
    assert checked > 20
    earthquake = [p for p in bundled_scenarios() if p.name.startswith("earthquake-casualty-rumour.")]
    assert earthquake and all(load_scenario(p).starts_at == "2026-11-23T05:05:00+03:00" for p in earthquake)
