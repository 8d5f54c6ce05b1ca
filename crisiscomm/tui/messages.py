"""Messages the dashboard's widgets exchange (all posted to the UI thread)."""

from __future__ import annotations

from typing import NamedTuple

from textual.message import Message


class EventRef(NamedTuple):
    """One new timeline event, as much as a pane needs to decide whether it cares."""

    id: int
    kind: str
    incident_id: int | None


class DataChanged(Message):
    """The database changed (this process or another): the one change signal.

    `events` are the timeline events appended since the last signal; `untracked`
    says that something changed that left no event (a feed's health, say).
    Each pane reloads only when the change touches what it shows (`Pane.wants`).
    """

    def __init__(self, events: tuple[EventRef, ...] = (), *, untracked: bool = False) -> None:
        super().__init__()
        self.events = events
        self.untracked = untracked

    def touches(self, prefixes: tuple[str, ...], incident_id: int | None) -> bool:
        """Whether an event of one of these kinds (prefixes) concerns `incident_id` (or no incident)."""
        return any(
            e.kind.startswith(prefixes) and (e.incident_id is None or e.incident_id == incident_id)
            for e in self.events
        )


class IncidentSelected(Message):
    """The operator chose (or opened) the incident the dashboard shows."""

    def __init__(self, incident_id: int) -> None:
        super().__init__()
        self.incident_id = incident_id


class WallRead(Message):
    """The wall's data, read in a worker (crisiscomm.wallboard.Wall), and the alerts since the last read."""

    def __init__(self, wall, alerts: tuple = ()) -> None:
        super().__init__()
        self.wall = wall
        self.alerts = alerts
