"""What every dashboard pane shares: its id, its tab label, reloading on change."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.containers import Vertical

from crisiscomm.errors import CrisisError
from crisiscomm.tui.bindings import translate_bindings
from crisiscomm.tui.messages import ActionDone, ActionFailed, DataChanged

if TYPE_CHECKING:
    from crisiscomm.tui.app import DashboardApp


class Pane(Vertical):
    """A pane of the dashboard; a tab at 80x24, a tile on a large terminal.

    Subclasses set PANE_ID and TITLE_KEY (an i18n key) and implement
    `refresh_data()`, which runs on the UI thread and should hand any
    large query to a worker.
    """

    PANE_ID = "pane"
    TITLE_KEY = "pane"
    DEFAULT_CLASSES = "pane"

    def __init__(self) -> None:
        super().__init__(id=f"pane-{self.PANE_ID}")
        translate_bindings(self)

    @property
    def dash(self) -> DashboardApp:
        return self.app  # type: ignore[return-value]

    @property
    def incident_id(self) -> int | None:
        return self.dash.incident_id

    def focus(self, scroll_visible: bool = True) -> Pane:
        """Focus the pane's first focusable widget (a pane itself takes no keys)."""

        def focus_first() -> None:
            for widget in self.query("*"):
                if widget.can_focus and not widget.disabled and widget.styles.display != "none":
                    widget.focus(scroll_visible)
                    return

        self.call_after_refresh(focus_first)
        return self

    def refresh_data(self) -> None:
        """Reload from the database; called on mount and whenever data changed."""

    def on_mount(self) -> None:
        active = self.PANE_ID == self.dash.active_pane_id
        self.set_class(active, "-active")
        if active:
            self.focus()
        self.refresh_data()

    def run_action(self, fn: Callable[[], Any], done: str | Callable[[Any], str] | None = None) -> None:
        """Run a core write in a thread; report its result or its refusal."""
        self.dash.run_core_action(fn, done)

    def commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        """(name, help, callback) triples for the command palette."""
        return []


__all__ = ["Pane", "DataChanged", "ActionDone", "ActionFailed", "CrisisError"]
