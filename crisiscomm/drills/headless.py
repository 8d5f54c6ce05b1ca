"""Playing a whole drill without the dashboard (for CI and for facilitators).

The loop fires what is due, then sleeps on the real clock until the next
inject or the end is due on the incident clock (scaled by its speed), in
short steps so that a pause, a speed change or a skip made from another
terminal takes effect at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from crisiscomm import incidents
from crisiscomm.drills.player import DrillPlayer, Fired
from crisiscomm.store import Store

MAX_STEP_S = 0.25  # longest real sleep between looks at the clock
MIN_STEP_S = 0.005


def seconds_to_wait(incident: dict, clock: float, target: float) -> float:
    """Real seconds until the incident clock reaches `target` (a short step when paused)."""
    if incident["clock_paused"]:
        return MAX_STEP_S
    wait = (target - clock) / incident["clock_speed"]
    return min(MAX_STEP_S, max(MIN_STEP_S, wait))


def run_headless(
    store: Store,
    player: DrillPlayer,
    *,
    operator: str,
    on_fired: Callable[[list[Fired]], None] | None = None,
    on_progress: Callable[[float], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    close: bool = True,
) -> dict:
    """Play until every inject has been played and every deadline passed; return the score."""
    while True:
        fired = player.fire_due(store)
        if fired and on_fired is not None:
            on_fired(fired)
        incident = incidents.get(store, player.incident_id)
        clock = incidents.clock_at(incident)
        if on_progress is not None:
            on_progress(clock)
        if player.is_finished(store) or player.is_over(store, clock):
            break
        upcoming = player.next_inject(clock, player.done(store))
        target = upcoming.at if upcoming is not None else player.scenario.end
        sleep(seconds_to_wait(incident, clock, target))
    return player.finish(store, operator=operator, close=close)
