"""The demo drill from inside a running dashboard (the start screen's demo button)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crisiscomm.drills.demo import DEMO_SPEED, start_demo

if TYPE_CHECKING:
    from crisiscomm.tui.app import DashboardApp


def start_demo_in_app(app: DashboardApp, *, speed: float = DEMO_SPEED) -> int:
    """Start the earthquake drill at high speed in the app's database; returns the incident id.

    The caller shows the incident (IncidentSelected), which attaches the drill player.
    """
    return start_demo(app.store, operator=app.operator, speed=speed)
