"""Wall time → incident clock, so durations are counted the way the room lived them.

A drill may run at 10× or sit paused: the area tables record wall times
(`approved_at`, `verdict_at`), but the review measures on the incident clock.
The incident's clock history is on its timeline (`incident.opened` at clock 0,
then every `clock.changed` with the new base, speed and pause), and the
incident row holds the latest base.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json

from crisiscomm.clock import parse_iso
from crisiscomm.models import Incident
from crisiscomm.store import Store


class ClockMap:
    def __init__(self, segments: list[tuple[dt.datetime, float, float, bool]]):
        """segments: (wall, clock seconds at that wall, speed, paused), in wall order."""
        self.segments = sorted(segments, key=lambda s: s[0])
        self._walls = [s[0] for s in self.segments]

    @classmethod
    def load(cls, store: Store, incident: Incident) -> ClockMap:
        segments = [(parse_iso(incident.started_at), 0.0, 1.0, False)]
        rows = store.all(
            "SELECT wall_time, payload FROM events WHERE incident_id = ? AND kind = 'clock.changed' ORDER BY id",
            (incident.id,),
        )
        for row in rows:
            try:
                p = json.loads(row["payload"])
                segments.append((parse_iso(row["wall_time"]), float(p["seconds"]), float(p["speed"]), bool(p["paused"])))
            except (KeyError, TypeError, ValueError):
                continue
        base = parse_iso(incident.clock_base_wall)
        if base > segments[-1][0] or len(segments) == 1:
            # The row's base is authoritative when no event recorded it (or it is newer).
            segments.append((base, float(incident.clock_base_seconds), float(incident.clock_speed),
                             bool(incident.clock_paused)))
        return cls(segments)

    def at(self, wall: str | dt.datetime | None) -> float | None:
        """The incident clock at a wall time (None stays None, unparsable text too)."""
        if wall is None or wall == "":
            return None
        if isinstance(wall, str):
            try:
                wall = parse_iso(wall)
            except ValueError:
                return None
        i = bisect.bisect_right(self._walls, wall) - 1
        if i < 0:
            start, seconds, _speed, _paused = self.segments[0]
            return seconds + (wall - start).total_seconds()
        start, seconds, speed, paused = self.segments[i]
        if paused:
            return seconds
        return seconds + (wall - start).total_seconds() * speed
