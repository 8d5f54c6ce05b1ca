"""A drill inside the dashboard: injects played on the tick, clock keys, a status bar, the score.

When the shown incident has a drill, `attach_drill(app)` registers a tick hook
(run every second on the UI thread) that plays due injects through the
dashboard's write path. Injects land in the panes like real data (the whole dashboard wears
the exercise banner), requests and alerts also pop up as notifications, a
one-line bar shows the drill's clock, speed and next inject, and when the
drill is over the score screen opens.

Keys: F7 pause/resume, F8 next inject, F9 faster (cycles back to ×1); the
command palette has the same and the score. The same actions exist on the
command line: `crisiscomm drill pause|resume|skip|speed|score INCIDENT`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding

from textual.content import Content
from textual.widgets import Static

from crisiscomm import actions, i18n, incidents
from crisiscomm.clock import format_clock
from crisiscomm.drills import scoring
from crisiscomm.drills.injects import describe
from crisiscomm.drills.player import FIRED, PENDING, DrillPlayer, Fired, find_drill
from crisiscomm.tui.commands import DashboardCommands
from crisiscomm.tui.inject_card import InjectCard
from crisiscomm.tui.safe import safe_line
from crisiscomm.tui.screens.dialog import Dialog, DialogBody

if TYPE_CHECKING:
    from crisiscomm.tui.app import DashboardApp

SPEEDS = (1.0, 2.0, 5.0, 10.0, 30.0, 60.0)
# Injects that ask something of the team: shown as warnings, and for longer.
CALLING_TYPES = ("journalist_request", "phone_request", "account_alert", "rumour")

i18n.register({
    # clock, speed and what comes next first: at 80 columns the scenario name is what gets cut
    "drill.tui.bar": {"tr": "{mark} · saat {clock} · ×{speed:g}{paused} · {next} · {scenario}",
                      "en": "{mark} · clock {clock} · ×{speed:g}{paused} · {next} · {scenario}"},
    "drill.tui.paused": {"tr": " · DURAKLATILDI", "en": " · PAUSED"},
    "drill.tui.next": {"tr": "sıradaki girdi {clock} · F7 durdur/sürdür · F8 sıradaki · F9 hız",
                       "en": "next inject {clock} · F7 pause/resume · F8 next · F9 speed"},
    "drill.tui.no_next": {"tr": "girdi kalmadı, son tarihler bekleniyor", "en": "no injects left; waiting for the last deadlines"},
    "drill.tui.finished": {"tr": "tatbikat bitti · {summary}", "en": "drill finished · {summary}"},
    "drill.tui.paused_now": {"tr": "Tatbikat saati durdu ({clock})", "en": "Drill clock paused ({clock})"},
    "drill.tui.resumed": {"tr": "Tatbikat saati çalışıyor (×{speed:g})", "en": "Drill clock running (×{speed:g})"},
    "drill.tui.speed": {"tr": "Tatbikat hızı ×{speed:g}", "en": "Drill speed ×{speed:g}"},
    "drill.tui.skipped": {"tr": "Tatbikat saati {clock} anına atladı", "en": "Drill clock skipped to {clock}"},
    "drill.tui.nothing_left": {"tr": "Atlanacak girdi kalmadı", "en": "No inject left to skip to"},
    "drill.tui.close": {"tr": "Kapat: Esc / Enter", "en": "Close: Esc / Enter"},
    "drill.cmd.toggle": {"tr": "Tatbikat: saati durdur / sürdür", "en": "Drill: pause / resume the clock"},
    "drill.cmd.skip": {"tr": "Tatbikat: sıradaki girdiye atla", "en": "Drill: skip to the next inject"},
    "drill.cmd.speed": {"tr": "Tatbikat: hız ×{speed:g}", "en": "Drill: speed ×{speed:g}"},
    "drill.cmd.score": {"tr": "Tatbikat: puanı göster", "en": "Drill: show the score"},
    "drill.cmd.finish": {"tr": "Tatbikat: şimdi bitir ve puanla", "en": "Drill: finish now and score"},
})


class DrillBar(Static):
    """One line under the panes: the drill's clock, speed and what comes next."""

    DEFAULT_CSS = """
    DrillBar { height: 1; background: $warning; color: black; text-style: bold; padding: 0 1; }
    """

    def show(self, status: dict) -> None:
        if status["finished"]:
            text = i18n.t("drill.tui.finished", summary=scoring.summary_line(status["score"]))
        else:
            nxt = status["next"]
            text = i18n.t(
                "drill.tui.bar", mark=incidents.EXERCISE_MARK, scenario=safe_line(status["scenario"]),
                clock=format_clock(status["clock"]), speed=status["speed"],
                paused=i18n.t("drill.tui.paused") if status["paused"] else "",
                next=i18n.t("drill.tui.next", clock=format_clock(nxt["at"])) if nxt else i18n.t("drill.tui.no_next"),
            )
        self.update(Content(text))


STATUS_STYLES = {scoring.MET: "bold green", scoring.LATE: "bold yellow", scoring.MISSED: "bold red",
                 scoring.PENDING: "dim"}


def score_text(score: dict) -> Text:
    """The score as rich Text (data never parsed as markup), one line per expected action."""
    lines = scoring.report_lines(score)
    text = Text(lines[0] + "\n\n", style="bold")
    for item, line in zip(score["items"], lines[1:-1], strict=False):
        text.append(line + "\n", style=STATUS_STYLES.get(item["status"], ""))
    text.append("\n" + lines[-1], style="bold")
    return text


class ScoreScreen(Dialog[None]):
    """The drill's score: met, late (by how much) or missed, for each expected action."""

    BINDINGS = [Binding("escape", "dismiss", "Close"), Binding("enter", "dismiss", "Close", show=False)]
    DEFAULT_CSS = """
    ScoreScreen .dialog { width: 100; border: thick $warning; }
    #drill-score-hint { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, score: dict) -> None:
        super().__init__()
        self.score = score

    def compose(self) -> ComposeResult:
        with DialogBody(id="drill-score", can_focus=True):
            yield Static(score_text(self.score), id="drill-score-text")
            yield Static(Content(i18n.t("drill.tui.close")), id="drill-score-hint")

    def action_dismiss(self) -> None:
        self.dismiss(None)


class DrillController:
    """Plays one drill in a running dashboard and answers the drill keys."""

    def __init__(self, app: DashboardApp, incident_id: int, *, finished: bool = False) -> None:
        self.app = app
        self.incident_id = incident_id
        self._busy = False
        # a drill that finished before it was shown keeps its score for the palette
        self._score_shown = finished
        self._seen: set[str] | None = None  # injects already announced (worker thread only)
        self._last_failure: str | None = None
        self.status: dict | None = None

    # -- tick ------------------------------------------------------------------
    def tick(self) -> None:
        """UI thread, every second: play what is due through the write path (one tick at a time)."""
        if self._busy:
            return
        self._busy = True
        self.app.act(self._play, on_success=self._played, on_error=self._failed, group="drill-player")

    def _play(self, session: actions.Session) -> actions.Done:
        """In the write worker: the tick action, then what it (or any other driver) played since the last look."""
        player = DrillPlayer.load(session.store, self.incident_id)
        if self._seen is None:  # what was played before this dashboard looked is not news
            self._seen = player.done(session.store)
        actions.drills.tick(session, self.incident_id)
        return actions.Done((self._news(session.store, player), player.status(session.store)))

    def _news(self, store, player: DrillPlayer) -> list[Fired]:
        """Injects played since the last look, by this dashboard or by any other driver."""
        news = [
            Fired(player.scenario.inject(inject_id), row["state"], row["fired_clock"], json.loads(row["outcome"] or "{}"))
            for inject_id, row in player.inject_rows(store).items()
            if row["state"] != PENDING and inject_id not in self._seen
        ]
        self._seen |= {f.inject.id for f in news}
        return sorted(news, key=lambda f: f.inject.at)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        message = str(exc)
        if message != self._last_failure:  # retried every second: say it once
            self._last_failure = message
            self.app.notify(message, title=incidents.EXERCISE_MARK, severity="error", markup=False, timeout=8)

    def _played(self, result: tuple[list[Fired], dict]) -> None:
        fired, status = result
        self._busy = False
        self._last_failure = None
        if self.app.drill is not self:  # the operator switched to another incident meanwhile
            return
        self.status = status
        self._show_bar(status)
        for item in fired:
            calling = item.inject.type in CALLING_TYPES and item.state == FIRED
            text = describe(item.inject, item.outcome, dropped=item.state != FIRED)
            # the drill bar above says TATBİKAT / EXERCISE: the line keeps its room for the inject itself
            self.app.notify(text, title=format_clock(item.inject.at), severity="warning" if calling else "information")
            if calling:  # a call, a question, an alert: the whole of it on a card, and what is expected
                self.app.interrupt(InjectCard(item.inject), i18n.t(f"sentence.inject.{item.inject.type}"))
        if status["finished"]:
            if self.tick in self.app.tick_hooks:  # nothing left to play
                self.app.tick_hooks.remove(self.tick)
            if not self._score_shown:
                self._score_shown = True
                self.app.interrupt(ScoreScreen(status["score"]), i18n.t("drill.cmd.score"))

    def _show_bar(self, status: dict) -> None:
        bars = _dashboard_screen(self.app).query(DrillBar)
        if bars:
            bars.first().show(status)

    # -- actions -----------------------------------------------------------------
    def _act(self, call: Callable[[actions.Session], actions.Done], done: Callable[[object], str]) -> None:
        self.app.act(call, done)

    def toggle_pause(self) -> None:
        incident_id = self.incident_id
        self._act(lambda session: actions.drills.toggle_pause(session, incident_id), _clock_note)

    def skip(self) -> None:
        incident_id = self.incident_id
        self._act(lambda session: actions.drills.skip(session, incident_id), _skip_note)

    def set_speed(self, speed: float) -> None:
        incident_id = self.incident_id
        self._act(lambda session: actions.drills.set_speed(session, incident_id, speed), _speed_note)

    def faster(self) -> None:
        """The next speed in SPEEDS, back to ×1 after the fastest (read fresh: keys come quicker than ticks)."""
        incident_id = self.incident_id
        self._act(lambda session: actions.drills.step_speed(session, incident_id, SPEEDS), _speed_note)

    def finish_now(self) -> None:
        incident_id = self.incident_id
        self._act(lambda session: actions.drills.finish(session, incident_id), scoring.summary_line)

    def show_score(self) -> None:
        def load(store) -> dict:
            return DrillPlayer.load(store, self.incident_id).score(store)

        self.app.run_worker(partial(self._load_score, load), thread=True, group="drill-score", exit_on_error=False)

    def _load_score(self, load: Callable) -> None:
        score = load(self.app.thread_store())
        self.app.call_from_thread(self.app.push_screen, ScoreScreen(score))

    def commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        cmds = [(i18n.t("drill.cmd.toggle"), "F7", self.toggle_pause), (i18n.t("drill.cmd.skip"), "F8", self.skip)]
        cmds += [(i18n.t("drill.cmd.speed", speed=s), "F9", partial(self.set_speed, s)) for s in SPEEDS]
        cmds += [(i18n.t("drill.cmd.score"), "", self.show_score), (i18n.t("drill.cmd.finish"), "", self.finish_now)]
        return cmds


def _clock_note(incident: dict) -> str:
    if incident.clock_paused:
        return i18n.t("drill.tui.paused_now", clock=format_clock(incidents.clock_at(incident)))
    return i18n.t("drill.tui.resumed", speed=incident.clock_speed)


def _speed_note(incident: dict) -> str:
    return i18n.t("drill.tui.speed", speed=incident.clock_speed)


def _skip_note(fired: list[Fired]) -> str:
    """The injects themselves are announced by the next tick, like any other."""
    if not fired:
        return i18n.t("drill.tui.nothing_left")
    return i18n.t("drill.tui.skipped", clock=format_clock(max(f.inject.at for f in fired)))


# -- wiring into the app ------------------------------------------------------------


def attach_drill(app: DashboardApp) -> DrillController | None:
    """Follow the shown incident: attach its drill (if any), detach the previous one."""
    current = app.drill
    if current is not None and current.incident_id == app.incident_id:
        return current
    if current is not None:
        if current.tick in app.tick_hooks:
            app.tick_hooks.remove(current.tick)
        for bar in _dashboard_screen(app).query(DrillBar):
            bar.remove()
        app.drill = None
        app.refresh_bindings()
    drill = find_drill(app.store, app.incident_id)
    if drill is None:
        return None
    controller = DrillController(app, app.incident_id, finished=drill["finished_at"] is not None)
    app.drill = controller
    app.tick_hooks.append(controller.tick)
    _dashboard_screen(app).mount(DrillBar(), after="#deck")
    app.refresh_bindings()
    controller.tick()
    return controller


def _dashboard_screen(app: DashboardApp):
    """The screen with the panes (the start screen or a score screen may sit above it)."""
    return app.screen_stack[0]


def drill_action(app: DashboardApp, command: str) -> None:
    """The drill keys (F7 toggle, F8 skip, F9 faster); nothing without a drill."""
    controller = app.drill
    if controller is None:
        return
    {"toggle": controller.toggle_pause, "skip": controller.skip, "faster": controller.faster,
     "score": controller.show_score}[command]()


class DrillCommands(DashboardCommands):
    """The drill's entries in the command palette (only while the shown incident is a drill)."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        controller = getattr(self.app, "drill", None)
        return controller.commands() if controller is not None else []
