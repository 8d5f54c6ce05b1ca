"""Messages the dashboard's widgets exchange (all posted to the UI thread)."""

from __future__ import annotations

from textual.message import Message


class DataChanged(Message):
    """The database changed (this or another process): panes reload what they show."""


class IncidentSelected(Message):
    """The operator chose (or opened) the incident the dashboard shows."""

    def __init__(self, incident_id: int) -> None:
        super().__init__()
        self.incident_id = incident_id


class ActionFailed(Message):
    """A core action refused or failed; shown to the operator as plain text."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class ActionDone(Message):
    """A core action succeeded; `text` is a short confirmation, shown as plain text."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
