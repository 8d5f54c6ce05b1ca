"""Playing a whole drill without the dashboard (for CI and for facilitators).

The loop (`crisiscomm.actions.drills.run_headless`) fires what is due, then sleeps on the real clock until the next
inject or the end is due on the incident clock (scaled by its speed), in
short steps so that a pause, a speed change or a skip made from another
terminal takes effect at once.
"""

from __future__ import annotations

from crisiscomm.models import Incident

MAX_STEP_S = 0.25  # longest real sleep between looks at the clock
MIN_STEP_S = 0.005


def seconds_to_wait(incident: Incident, clock: float, target: float) -> float:
    """Real seconds until the incident clock reaches `target` (a short step when paused)."""
    if incident.clock_paused:
        return MAX_STEP_S
    wait = (target - clock) / incident.clock_speed
    return min(MAX_STEP_S, max(MIN_STEP_S, wait))
