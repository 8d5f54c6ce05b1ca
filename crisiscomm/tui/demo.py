"""The demo drill from inside a running dashboard (the start screen, the palette).

A newcomer chooses the pace (×5 at most: the first deadlines come a few
minutes in, not seconds). Started again, the demo replaces the demo drill
that is shown: that one is scored and closed, a fresh one begins.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from crisiscomm import actions, i18n

if TYPE_CHECKING:
    from crisiscomm.tui.app import DashboardApp

DEMO_PACES = ("5", "2", "1")

i18n.register({
    "demo.pace_question": {
        "tr": "Tanıtım tatbikatı hangi hızda oynasın? (×5: iki saatlik senaryo yaklaşık 25 dakika)",
        "en": "At what pace should the demo drill play? (×5: the two-hour scenario takes about 25 minutes)",
    },
    "demo.pace.5": {"tr": "×5 (önerilen)", "en": "×5 (suggested)"},
    "demo.pace.2": {"tr": "×2", "en": "×2"},
    "demo.pace.1": {"tr": "×1 (gerçek zaman)", "en": "×1 (real time)"},
    "demo.started": {"tr": "Tanıtım tatbikatı başladı (×{speed:g}): F7 durdur, F8 sıradaki girdi, F9 hız",
                     "en": "Demo drill started (×{speed:g}): F7 pause, F8 next inject, F9 speed"},
})


def start_demo_in_app(app: DashboardApp, *, speed: float, on_started: Callable[[int], None]) -> None:
    """Start the earthquake drill in the app's database through the write path (closing the shown demo drill)."""
    lang = i18n.get_lang()
    previous = app.drill.incident_id if app.drill is not None else None
    app.act(lambda session: actions.drills.start_demo(session, speed=speed, lang=lang, replacing=previous),
            i18n.t("demo.started", speed=speed), on_success=lambda drill: on_started(drill.incident_id))
