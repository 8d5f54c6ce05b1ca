"""The demo drill from inside a running dashboard (the start screen's demo button)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from crisiscomm import actions, i18n
from crisiscomm.drills.demo import DEMO_SPEED

if TYPE_CHECKING:
    from crisiscomm.tui.app import DashboardApp


def start_demo_in_app(app: DashboardApp, *, on_started: Callable[[int], None], speed: float = DEMO_SPEED) -> None:
    """Start the earthquake drill in the app's database through the write path.

    `on_started(incident_id)` shows the incident (IncidentSelected), which attaches the drill player.
    """
    lang = i18n.get_lang()
    app.act(lambda session: actions.drills.start_demo(session, speed=speed, lang=lang),
            on_success=lambda drill: on_started(drill.incident_id))
