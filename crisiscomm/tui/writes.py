"""The dashboard's one write path, and the dialog for what nobody expected.

Every change a person makes runs as `app.act(call, …)`: `call(session)` runs
in a thread worker (`exit_on_error=False`) on the write session's own
connection, never on the UI thread, one at a time in the order given. A
refusal (`CrisisError`) is told in the message line, or handed to
`on_refused` (a form shows it beside the fields, so nothing typed is lost);
anything else opens `ErrorDialog`; neither ends the dashboard. After a write the change watcher looks at once, so every pane
hears of it through the one `DataChanged`.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from crisiscomm import i18n
from crisiscomm.actions import Done, Session
from crisiscomm.errors import CrisisError
from crisiscomm.printable import printable
from crisiscomm.tui.screens.dialog import Dialog, DialogBody

if TYPE_CHECKING:
    from crisiscomm.tui.app import DashboardApp

i18n.register({
    "error.title": {"tr": "Beklenmeyen bir hata oldu", "en": "Something unexpected went wrong"},
    "error.kept": {
        "tr": "Pano çalışmaya devam ediyor; bu işlem kaydedilmedi. Aşağıdaki metni teknik ekibe iletin.",
        "en": "The dashboard keeps running; this action was not saved. Pass the text below to your technical team.",
    },
    "error.close": {"tr": "Kapat: Esc / Enter", "en": "Close: Esc / Enter"},
})

Call = Callable[[Session], Done]
Done_ = Callable[[Any], str] | str | None


class ErrorDialog(Dialog[None]):
    """An unexpected error: what it was, and that the dashboard goes on (like Harlequin's worker-error modal)."""

    BINDINGS = [Binding("escape,enter", "close", "Close")]
    DEFAULT_CSS = """
    ErrorDialog .dialog { width: 90; border: thick $error; }
    ErrorDialog #error-title { text-style: bold; color: $error; }
    ErrorDialog #error-hint { color: $text-muted; }
    """

    def __init__(self, summary: str, details: str) -> None:
        super().__init__()
        self.summary, self.details = summary, details

    def compose(self) -> ComposeResult:
        with DialogBody(can_focus=True):
            yield Static(Content(i18n.t("error.title")), id="error-title")
            yield Static(Text(self.summary), id="error-summary")
            yield Static(Content(i18n.t("error.kept")))
            yield Static(Text(self.details, style="dim"), id="error-details")
            yield Static(Content(i18n.t("error.close")), id="error-hint")

    def action_close(self) -> None:
        self.dismiss(None)


def describe_error(exc: BaseException) -> tuple[str, str]:
    """(one line, the last frames) of an exception, free of control characters."""
    summary = printable(f"{type(exc).__name__}: {exc}")
    details = printable("".join(traceback.format_exception(exc, limit=-6)))
    return summary, details


class WritePath:
    """Runs the dashboard's writes; owns the write session (opened on first use)."""

    def __init__(self, app: DashboardApp) -> None:
        self.app = app
        self._session: Session | None = None
        self._lock = threading.Lock()
        # actions run in the order the operator gave them (F7 then F9, approve then publish), one at a time
        self._turn = threading.Condition()
        self._issued = 0  # tickets handed out, on the UI thread
        self._serving = 0  # the ticket whose action may run
        self._closed = False

    def session(self) -> Session:
        with self._lock:
            if self._session is None:
                self._session = Session.open(self.app.db_path, operator=self.app.operator)
            return self._session

    def close(self) -> None:
        with self._turn:  # actions still waiting their turn are not run on a closing dashboard
            self._closed = True
            self._turn.notify_all()
        with self._lock:
            if self._session is not None:
                self._session.close()

    def act(
        self,
        call: Call,
        done: Done_ = None,
        *,
        on_success: Callable[[Any], None] | None = None,
        on_refused: Callable[[str], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        group: str = "write",
    ) -> None:
        """Run `call(session)` in a worker; `done(value)` (or a fixed text) is told on success.

        `on_success(value)`, `on_refused(message)` and `on_error(exc)` run on the UI thread;
        `on_error` replaces both the refusal notice and the error dialog.
        """
        ticket, self._issued = self._issued, self._issued + 1
        self.app.run_worker(
            lambda: self._in_turn(ticket, lambda: self._run(call, done, on_success, on_refused, on_error)),
            thread=True, group=group, exit_on_error=False,
        )

    def _in_turn(self, ticket: int, run: Callable[[], None]) -> None:
        with self._turn:
            while self._serving != ticket and not self._closed:
                self._turn.wait()
        try:
            if not self._closed:
                run()
        finally:
            self._done(ticket)

    def _done(self, ticket: int) -> None:
        with self._turn:
            self._serving = max(self._serving, ticket + 1)
            self._turn.notify_all()

    def _run(self, call, done, on_success, on_refused, on_error) -> None:
        app = self.app
        try:
            result = call(self.session())
        except Exception as exc:  # noqa: BLE001 - the dashboard outlives every action
            app.call_from_thread(self._failed, exc, on_refused, on_error)
            return
        app.call_from_thread(self._succeeded, result, done, on_success)
        app.watcher.check()

    def _failed(self, exc: BaseException, on_refused, on_error) -> None:
        if on_error is not None:
            on_error(exc)
        elif isinstance(exc, CrisisError):
            if on_refused is not None:
                on_refused(str(exc))
            else:
                self.app.notify(str(exc), severity="error", markup=False, timeout=6)
        else:
            self.app.push_screen(ErrorDialog(*describe_error(exc)))

    def _succeeded(self, result: Done, done: Done_, on_success) -> None:
        text = done(result.value) if callable(done) else done
        lines = [line for line in (text, *result.notes) if line]
        if lines:
            self.app.notify("\n".join(lines), markup=False, timeout=4 if len(lines) == 1 else 8)
        if on_success is not None:
            on_success(result.value)
