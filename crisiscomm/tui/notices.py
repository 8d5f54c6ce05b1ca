"""Messages to the operator: one line above the footer, and a history of every one.

Toasts cover the list and the detail an operator is reading; here a message
takes the line reserved for it (`NoticeBar`, on every screen that shows the
panes or a list of its own) and stays readable in full in the history
(`ctrl+n`, `NoticesScreen`). `App.notify` is routed here, so every part of the
dashboard reports the same way. Text is shown as plain text, never markup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from crisiscomm import i18n
from crisiscomm.clock import local_clock_time
from crisiscomm.printable import printable
from crisiscomm.tui import when
from crisiscomm.tui.screens.dialog import Dialog, DialogBody

HISTORY = 500
SHOWN_S = {"information": 6.0, "warning": 12.0, "error": 15.0}
STYLES = {"information": "", "warning": "bold black on yellow", "error": "bold white on red"}

i18n.register({
    "notices.title": {"tr": "Bildirimler (en yeni üstte)", "en": "Notifications (newest first)"},
    "notices.none": {"tr": "Henüz bildirim yok.", "en": "No notifications yet."},
    "notices.more": {"tr": " (+{count} satır · Ctrl+N)", "en": " (+{count} lines · Ctrl+N)"},
    "notices.close": {"tr": "Kapat: Esc", "en": "Close: Esc"},
    "notices.idle": {"tr": "? tüm tuşlar · Ctrl+P her eylem · Ctrl+N bildirim geçmişi · Esc listeye döner",
                     "en": "? every key · Ctrl+P every action · Ctrl+N past messages · Esc back to the list"},
})


@dataclass(frozen=True)
class Notice:
    at: dt.datetime
    text: str
    title: str = ""
    severity: str = "information"

    def line(self) -> Text:
        lines = self.text.splitlines() or [""]
        head = f"{self.title}: " if self.title else ""
        more = i18n.t("notices.more", count=len(lines) - 1) if len(lines) > 1 else ""
        out = Text(f"{local_clock_time(self.at, seconds=True)} ", style="dim")
        out.append(head + lines[0] + more, style=STYLES.get(self.severity, ""))
        return out


class NoticeBar(Static):
    """The latest message, for a while (it stays in the history)."""

    DEFAULT_CSS = """
    NoticeBar { height: 1; background: $panel; color: $text; padding: 0 1; }
    """

    def on_mount(self) -> None:
        self._timer = None
        self.show_latest()

    def show_latest(self) -> None:
        notices = getattr(self.app, "notices", [])
        if not notices:
            self._idle()
            return
        latest = notices[-1]
        self.update(latest.line())
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SHOWN_S.get(latest.severity, 6.0), self._idle)

    def _idle(self) -> None:
        """Nothing new: where to find the keys, the commands and the messages."""
        self.update(Text(i18n.t("notices.idle"), style="dim"))


class NoticesScreen(Dialog[None]):
    """Every message of this session, newest first, in full."""

    BINDINGS = [Binding("escape,q", "close", "Close")]
    DEFAULT_CSS = "NoticesScreen .dialog { width: 100; }"

    def compose(self) -> ComposeResult:
        with DialogBody(id="notices", can_focus=True):
            yield Static(self._text(), id="notices-text")

    def _text(self) -> Text:
        out = Text(i18n.t("notices.title") + "\n\n", style="bold")
        notices = list(reversed(getattr(self.app, "notices", [])))
        if not notices:
            out.append(i18n.t("notices.none"))
        for notice in notices:
            out.append(f"{local_clock_time(notice.at, seconds=True)} ", style="dim")
            if notice.title:
                out.append(notice.title + "\n", style="bold")
            out.append(notice.text + "\n\n", style=STYLES.get(notice.severity, ""))
        out.append(i18n.t("notices.close"), style="dim")
        return out

    def on_mount(self) -> None:
        self.query_one("#notices").focus()

    def action_close(self) -> None:
        self.dismiss(None)


def record(app, message: str, *, title: str = "", severity: str = "information") -> Notice:
    """Keep a message in the history and show it on every notice bar."""
    notice = Notice(when.now(), printable(str(message)), printable(str(title or "")), severity)
    app.notices.append(notice)
    del app.notices[:-HISTORY]
    for screen in app.screen_stack:
        for bar in screen.query(NoticeBar):
            bar.show_latest()
    return notice
