"""The time an incident lives in: the "now" its ages, countdowns and promises are counted from.

An actual incident lives in real time. An exercise whose drill scenario sets `starts_at` lives in
the scenario's time (`crisiscomm.clock.world_at`): at T+0 it is `starts_at`, and it moves with the
incident clock, so the drill's mentions (stamped `starts_at` + offset) are minutes old rather than
days, and a promised "next update 06.30" counts down from the scenario's 05.05. Stored times are
records and stay real UTC; `recorded` places one in the incident's time when an age needs it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crisiscomm import config, i18n
from crisiscomm.clock import parse_iso, utc_now, world_at
from crisiscomm.models import Incident
from crisiscomm.review.clockmap import ClockMap
from crisiscomm.store import Store
from crisiscomm.text.grammar import clock_time


def scenario_start(store: Store, incident: Incident) -> dt.datetime | None:
    """The `starts_at` of the exercise's drill scenario (None: an actual incident, no drill, or none set)."""
    if not incident.is_exercise:
        return None
    value = store.scalar("SELECT json_extract(scenario_json, '$.starts_at') FROM drills WHERE incident_id = ?",
                         (incident.id,))
    try:
        return parse_iso(value) if value else None
    except ValueError:  # validated when the drill started; a hand-edited row counts as none
        return None


def world_now(store: Store, incident: Incident, now: dt.datetime | None = None) -> dt.datetime:
    """The incident's now: the scenario's time in an exercise with `starts_at`, else the real time."""
    return world_at(incident, scenario_start(store, incident), now)


@dataclass(frozen=True)
class World:
    """An incident's time, read once (a dashboard keeps it until the clock or the incident changes)."""

    incident: Incident | None = None
    start: dt.datetime | None = None  # the scenario's `starts_at`; None: real time
    clock_map: ClockMap | None = None

    @classmethod
    def load(cls, store: Store, incident: Incident | None) -> World:
        start = scenario_start(store, incident) if incident is not None else None
        if start is None:
            return cls(incident)
        return cls(incident, start, ClockMap.load(store, incident))

    @property
    def is_scenario(self) -> bool:
        return self.start is not None

    @property
    def zone(self) -> dt.tzinfo:
        """The scenario's own time zone (its `starts_at` offset), else the institution's (`CRISISCOMM_TZ`)."""
        return self.start.tzinfo if self.start is not None else config.current().tz

    def now(self, real: dt.datetime | None = None) -> dt.datetime:
        if self.incident is None:
            return real or utc_now()
        return world_at(self.incident, self.start, real)

    def time_of_day(self, real: dt.datetime | None = None) -> str | None:
        """The scenario's time of day (`05.12`, English `05:12`) in its own zone; None in real time."""
        if self.start is None:
            return None
        return clock_time(self.now(real), i18n.get_lang(), self.zone)

    def at_clock(self, seconds: float) -> dt.datetime | None:
        """The scenario's time at an incident clock reading (None in real time)."""
        return None if self.start is None else self.start + dt.timedelta(seconds=seconds)

    def recorded(self, value: str | dt.datetime | None) -> dt.datetime | None:
        """A stored (real) time placed in the incident's time: in a scenario, where its clock stood then."""
        if value is None or value == "":
            return None
        try:
            moment = parse_iso(value) if isinstance(value, str) else value
        except ValueError:
            return None
        if self.start is None or self.clock_map is None or self.incident is None:
            return moment
        if self.incident.is_closed and self.incident.closed_at:
            moment = min(moment, parse_iso(self.incident.closed_at))
        return self.at_clock(self.clock_map.at(moment) or 0.0)
