"""The wall app: read-only, high contrast, large clock and countdown; runs in a terminal or served.

The data is read in a worker when the database changes (another process's
fact, post or claim) and every few seconds (the mention rate moves on with
the minute); the clocks tick on the UI thread from the last read.
"""

from __future__ import annotations

import os
import pathlib
import time
from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.theme import Theme
from textual.widgets import Digits, Sparkline, Static

from crisiscomm import alerts, config, i18n, incidents, wallboard
from crisiscomm.clock import format_offset
from crisiscomm.errors import CrisisError
from crisiscomm.feeds import spike_drivers
from crisiscomm.posts import channel_name
from crisiscomm.store import Store
from crisiscomm.text.grammar import format_number
from crisiscomm.tui.messages import WallRead
from crisiscomm.tui.safe import safe_line
from crisiscomm.tui.wall import strings  # noqa: F401  (registers the wall's strings)

POLL_SECONDS = 0.5
REREAD_SECONDS = 10.0
SOON_SECONDS = 15 * 60
FLASH_SECONDS = 1.5
ALERT_LOOK_SECONDS = 2.0
ALERT_LINE_SECONDS = 60.0
HIGH_CONTRAST = Theme(
    name="crisiscomm-wall", primary="#ffd700", secondary="#00bfff", warning="#ffd700", error="#ff3030",
    success="#30ff30", accent="#ffd700", foreground="#ffffff", background="#000000", surface="#000000",
    panel="#202020", dark=True,
)


def hms(seconds: float) -> str:
    total = int(abs(seconds))
    return f"{'-' if seconds < 0 else ''}{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"


class Box(Vertical):
    """A titled box of plain-text lines."""

    def __init__(self, caption_key: str, **kwargs) -> None:
        super().__init__(classes="wall-box", **kwargs)
        self.caption_key = caption_key

    def compose(self) -> ComposeResult:
        yield Static(Text(i18n.t(self.caption_key)), classes="wall-caption")
        yield Static(Text(""), classes="wall-lines")

    def show(self, lines: list[Text]) -> None:
        self.query_one(".wall-lines", Static).update(Text("\n").join(lines))


class WallApp(App):
    CSS_PATH = "wall.tcss"
    TITLE = "crisiscomm"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True), Binding("q", "quit", "Quit")]

    def __init__(self, db_path: str | os.PathLike, *, lang: str | None = None, incident_id: int | None = None,
                 poll: bool = True, source: Callable[[], wallboard.Wall] | None = None, operator: str = "") -> None:
        """`source` replaces the database read (tests show fixed data with it)."""
        i18n.set_lang(lang)
        super().__init__()
        self.db_path = pathlib.Path(db_path)
        self.incident_id = incident_id
        self.poll = poll
        self.wall: wallboard.Wall | None = None
        config.configure(self.db_path)
        self._store = Store(self.db_path)  # the worker's connection (the UI thread never queries)
        self._source = source or (lambda: wallboard.read(self._store, self.incident_id))
        self._seen: int | None = None
        self._since_read = 0.0
        self.operator = operator  # whose alert preferences the wall follows
        self._watcher: alerts.Watcher | None = None
        self._alerts_looked = 0.0

    def compose(self) -> ComposeResult:
        yield Static(Text(f" {incidents.EXERCISE_MARK} "), id="wall-banner")
        yield Static(Text(""), id="wall-title")
        yield Static(Text(""), id="wall-alert")
        with Horizontal(id="wall-top"):
            with Vertical(id="wall-clock", classes="wall-big"):
                yield Static(Text(i18n.t("wall.clock") + " T+"), classes="wall-caption", id="wall-clock-caption")
                yield Digits("00:00:00", id="wall-clock-digits")
            with Vertical(id="wall-update", classes="wall-big"):
                yield Static(Text(i18n.t("wall.next_update")), classes="wall-caption", id="wall-update-caption")
                yield Digits("--:--:--", id="wall-update-digits")
        with Container(id="wall-grid"):
            yield Box("wall.deadlines", id="wall-deadlines")
            with Vertical(id="wall-rate", classes="wall-box"):
                yield Static(Text(i18n.t("wall.rate")), classes="wall-caption")
                yield Static(Text(""), id="wall-rate-now")
                yield Sparkline([0], id="wall-sparkline")
                yield Static(Text(""), id="wall-spike")
            yield Box("wall.facts", id="wall-facts")
            yield Box("wall.contradictions", id="wall-contradictions")
            yield Box("wall.claims", id="wall-claims")

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        self.theme = HIGH_CONTRAST.name
        self._read()
        self.set_interval(POLL_SECONDS, self._tick)

    def _tick(self) -> None:
        self._since_read += POLL_SECONDS
        if self.poll:
            self._read(changed_only=self._since_read < REREAD_SECONDS)
        self._show_clocks()

    @work(thread=True, exclusive=True, group="wall-read", exit_on_error=False)
    def _read(self, changed_only: bool = False) -> None:
        version = self._store.data_version()
        changed = version != self._seen
        self._seen = version
        fresh = changed or not changed_only
        wall = self._source() if fresh else self.wall
        found: list[alerts.Alert] = []
        if wall is not None and wall.incident is not None and (
                changed or time.monotonic() - self._alerts_looked >= ALERT_LOOK_SECONDS):
            self._alerts_looked = time.monotonic()
            found = self._alerts(wall.incident.id, changed)
        if fresh or found:
            self.post_message(WallRead(wall, tuple(found)))

    def _alerts(self, incident_id: int, changed: bool) -> list[alerts.Alert]:
        """New alerts of the kinds the wall's operator keeps on (the first look only takes stock)."""
        if self._watcher is None or self._watcher.incident_id != incident_id:
            self._watcher = alerts.Watcher(incident_id)
        try:
            found = self._watcher.poll(self._store, changed=changed)
        except CrisisError:  # the incident is not in this database (a wall fed by `source`)
            return []
        wanted = alerts.enabled_kinds(self._store, self.operator)
        return [a for a in found if a.kind in wanted]

    @on(WallRead)
    def _wall_read(self, message: WallRead) -> None:
        if message.alerts:
            self._flash(message.alerts)
        self._since_read = 0.0
        self.wall = wall = message.wall
        if wall is None:
            return
        self.set_class(wall.exercise, "-exercise")
        title = self.query_one("#wall-title", Static)
        if wall.incident is None:
            title.update(Text(i18n.t("wall.no_incident")))
            return
        inc = wall.incident
        title.update(Text(f"#{inc.id} {safe_line(inc.title)} · {i18n.t('severity')} {inc.severity} · "
                          f"{i18n.t('status.' + inc.status)}"))
        self._show_rate(wall)
        self._show_lists(wall)
        self._show_clocks()

    def _flash(self, found: tuple[alerts.Alert, ...]) -> None:
        """An alert: the bell, the newest alert's line under the title, the wall red for a moment."""
        self.bell()
        newest = found[-1]
        self.query_one("#wall-alert", Static).update(Text(f" {newest.title}: {newest.text} "))
        self.set_class(True, "-flash")
        self.set_class(True, "-alert")
        self.set_timer(FLASH_SECONDS, lambda: self.set_class(False, "-flash"))
        self.set_timer(ALERT_LINE_SECONDS, lambda: self.set_class(False, "-alert"))

    def _show_clocks(self) -> None:
        wall = self.wall
        if wall is None or wall.incident is None:
            return
        clock = incidents.clock_at(wall.incident)
        self.query_one("#wall-clock-digits", Digits).update(hms(clock))
        scenario_time = wall.world.time_of_day()  # what the scenario's promises are read against
        self.query_one("#wall-clock-caption", Static).update(Text(
            i18n.t("wall.clock") + " T+" + (f" · {i18n.t('wall.scenario_time', time=scenario_time)}" if scenario_time else "")))
        self._show_deadlines(wall, clock)
        box = self.query_one("#wall-update")
        caption = self.query_one("#wall-update-caption", Static)
        status = wall.promise
        promise = status.promise if status else None
        if promise is None or status.met_clock is not None:
            key = "wall.next_update.met" if promise else "wall.next_update.none"
            self.query_one("#wall-update-digits", Digits).update("--:--:--")
            caption.update(Text(f"{i18n.t('wall.next_update')} · {i18n.t(key)}"))
            box.set_class(False, "-overdue")
            box.set_class(False, "-soon")
            return
        remaining = promise.remaining(clock)
        overdue = remaining < 0
        self.query_one("#wall-update-digits", Digits).update(hms(remaining))
        label = i18n.t("wall.next_update.overdue") if overdue else i18n.t("wall.next_update.at", text=promise.label)
        caption.update(Text(f"{i18n.t('wall.next_update')} · {label}"))
        box.set_class(overdue, "-overdue")
        box.set_class(not overdue and remaining <= SOON_SECONDS, "-soon")

    def _show_deadlines(self, wall: wallboard.Wall, clock: float) -> None:
        lines = []
        for item in wall.deadlines:
            left = item["due_clock"] - clock
            when = i18n.t("wall.late", late=format_offset(-left)) if left < 0 else i18n.t("wall.in", left=format_offset(left))
            lines.append(Text.assemble((f"{when:>12}  ", "bold red" if left < 0 else "bold"), safe_line(item["title"]),
                                       (f" — {item['owner']}", "#ffd700")))
        self.query_one("#wall-deadlines", Box).show(lines or [Text(i18n.t("wall.deadlines.none"))])

    def _show_rate(self, wall: wallboard.Wall) -> None:
        rate = wall.rate or [0]
        self.query_one("#wall-rate-now", Static).update(Text(i18n.t("wall.rate.now", now=rate[-1], total=sum(rate))))
        self.query_one("#wall-sparkline", Sparkline).data = rate
        spike = wall.spike
        text = Text("")
        if spike:
            text = Text(i18n.t("wall.spike", minute=spike.get("minute", ""), count=spike.get("count", ""),
                               baseline=spike.get("baseline", "")))
            drivers = spike_drivers.summary(spike.get("drivers") or {})
            if drivers:
                text.append("\n" + drivers, style="bold white")
        self.query_one("#wall-spike", Static).update(text)
        self.query_one("#wall-rate").set_class(bool(spike), "-spike")

    def _show_lists(self, wall: wallboard.Wall) -> None:
        facts = [Text.assemble((f"{f['name']}: ", "#ffd700"), (f["value"], "bold"),
                               (f"  ({i18n.t('wall.unconfirmed')})" if f["status"] == "unconfirmed" else "", "red"))
                 for f in wall.facts]
        self.query_one("#wall-facts", Box).show(facts or [Text(i18n.t("wall.facts.none"))])
        bad = [Text(i18n.t("wall.contradiction", channel=channel_name(c["channel"]), fact=c["fact_name"], value=c["value"] or "—",
                           expected=c["expected"]), style="bold") for c in wall.contradictions]
        self.query_one("#wall-contradictions", Box).show(bad or [Text(i18n.t("wall.contradictions.none"))])
        self.query_one("#wall-contradictions").set_class(bool(bad), "-bad")
        claims = [Text.assemble((f"#{c['id']} ", "#ffd700"), c["text"],
                                (i18n.t("wall.claim_spread", rate=format_number(round(c["per_hour"], 1), i18n.get_lang()),
                                        mentions=c["mentions"]), "bold")) for c in wall.claims]
        self.query_one("#wall-claims", Box).show(claims or [Text(i18n.t("wall.claims.none"))])

    def on_unmount(self) -> None:
        self.workers.cancel_all()
        self._store.close()


def run_wall(db_path: str | os.PathLike, *, operator: str, lang: str | None = None, incident_id: int | None = None) -> None:
    WallApp(db_path, lang=lang, incident_id=incident_id, operator=operator).run()
