"""What every dashboard pane shares: its id, its tab label, reloading on change."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.containers import Vertical

from crisiscomm.tui.bindings import translate_bindings
from crisiscomm.tui.messages import DataChanged

if TYPE_CHECKING:
    from crisiscomm.tui.app import DashboardApp


class Pane(Vertical):
    """A pane of the dashboard; a tab at 80x24, a tile on a large terminal.

    Subclasses set PANE_ID, TITLE_KEY (an i18n key) and WATCHES (the event
    kind prefixes whose events change what the pane shows), and implement
    `refresh_data()`, which runs on the UI thread and should hand any large
    query to a worker.
    """

    PANE_ID = "pane"
    TITLE_KEY = "pane"
    DEFAULT_CLASSES = "pane"
    WATCHES: tuple[str, ...] = ()
    # reload also on changes that leave no timeline event (a feed's health)
    UNTRACKED = False

    def __init__(self) -> None:
        super().__init__(id=f"pane-{self.PANE_ID}")
        translate_bindings(self)
        self.ready = False  # mounted and loading: changes before that are in its first load

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

    def wants(self, change: DataChanged) -> bool:
        """Whether this change touches what the pane shows."""
        if not self.ready:
            return False
        return (self.UNTRACKED and change.untracked) or change.touches(self.WATCHES, self.incident_id)

    def refresh_data(self) -> None:
        """Reload from the database; called on mount and whenever data it shows changed."""

    def on_mount(self) -> None:
        active = self.PANE_ID == self.dash.active_pane_id
        self.set_class(active, "-active")
        if active:
            self.focus()
        self.ready = True
        self.refresh_data()

    def act(self, call: Callable, done: Any = None, **callbacks: Any) -> None:
        """Run a user action through the dashboard's one write path."""
        self.dash.act(call, done, **callbacks)

    def commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        """(name, help, callback) triples for the command palette."""
        return []
