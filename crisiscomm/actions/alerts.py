"""An operator's alert preferences (which kinds ring, notify and flash)."""

from __future__ import annotations

from crisiscomm import alerts
from crisiscomm.actions.session import Session, action


@action()
def set_enabled(session: Session, kind: str, enabled: bool) -> frozenset[str]:
    """Switch one kind of alert on or off for the acting operator; returns the kinds now on."""
    return frozenset(alerts.set_enabled(session.store, session.operator, kind, enabled))
