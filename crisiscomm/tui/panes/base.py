"""What every dashboard pane shares: its id, its tab label, reloading on change."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.widget import Widget
from textual.widgets import Input, TextArea

from crisiscomm.i18n import register
from crisiscomm.tui.bindings import translate_bindings
from crisiscomm.tui.messages import DataChanged

register({
    "pane.key.to_list": {"tr": "Listeye dön", "en": "Back to the list"},
    "guard.save": {"tr": "Kaydet", "en": "Save"},
    "guard.discard": {"tr": "Kaydetme", "en": "Discard"},
    "guard.stay": {"tr": "Kal", "en": "Stay"},
    "guard.quit": {"tr": "Çıkmadan önce: {what}. Kaydedilsin mi?", "en": "Before quitting: {what}. Save it?"},
    "guard.switch": {"tr": "Başka olaya geçmeden önce: {what}. Kaydedilsin mi?",
                     "en": "Before showing another incident: {what}. Save it?"},
})


def focus_now(widget: Widget, scroll_visible: bool = True) -> None:
    """Give the keys to `widget` at once: `Widget.focus` waits behind the events already queued, so keys typed
    ahead ("F3 n Su…", "/flood") would act on the widget that had them before (flag a mention, say)."""
    try:
        widget.screen.set_focus(widget, scroll_visible=scroll_visible)
    except NoScreen:  # not on a screen (yet): the usual way
        widget.focus(scroll_visible)


def is_typing(widget: Widget | None) -> bool:
    """A text field has the keys: letters are text there, never commands."""
    return isinstance(widget, (Input, TextArea)) and not getattr(widget, "read_only", False)

if TYPE_CHECKING:
    from crisiscomm.tui.app import DashboardApp


class Pane(Vertical):
    """A pane of the dashboard; a tab at 80x24, a tile on a large terminal.

    Subclasses set PANE_ID, TITLE_KEY (an i18n key) and WATCHES (the event
    kind prefixes whose events change what the pane shows), and implement
    `primary()` (the list its keys act on) and `refresh_data()`, which runs on
    the UI thread and should hand any large query to a worker.

    While a text field of the pane has the keys, only TYPING_ACTIONS are
    offered (and shown in the footer): no single letter becomes a command.
    Escape always brings the keys back to the pane's list.
    """

    BINDINGS = [Binding("escape", "to_list", "pane.key.to_list")]

    PANE_ID = "pane"
    TITLE_KEY = "pane"
    DEFAULT_CLASSES = "pane"
    WATCHES: tuple[str, ...] = ()
    # reload also on changes that leave no timeline event (a feed's health)
    UNTRACKED = False
    TYPING_ACTIONS: tuple[str, ...] = ("to_list",)

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

    def primary(self) -> Widget | None:
        """The list the pane's keys act on (where the keys go when the pane is shown)."""
        return None

    def focus(self, scroll_visible: bool = True) -> Pane:
        """Give the keys to the pane's list (a pane itself takes no keys)."""
        try:
            primary = self.primary()
        except NoMatches:  # shown before its list is built (a loaded machine): focus it once it is
            self.call_after_refresh(self._focus_when_built, scroll_visible)
            return self
        if primary is not None:
            focus_now(primary, scroll_visible)
        return self

    def _built_primary(self) -> Widget | None:
        try:
            return self.primary()
        except NoMatches:  # not built yet, or removed meanwhile
            return None

    def _focus_when_built(self, scroll_visible: bool) -> None:
        primary = self._built_primary()
        if primary is not None:
            focus_now(primary, scroll_visible)

    def typing(self) -> bool:
        focused = self.app.focused
        return is_typing(focused) and self in focused.ancestors

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.typing():
            return action in self.TYPING_ACTIONS
        if action == "to_list":
            return self.app.focused is not self._built_primary()
        return True

    def action_to_list(self) -> None:
        self.focus()

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

    # -- unsaved work: the app asks before quitting or showing another incident ----
    def has_unsaved(self) -> bool:
        return False

    def unsaved_summary(self) -> str:
        return ""

    def save_unsaved(self, then: Callable[[], None]) -> None:
        then()

    def discard_unsaved(self) -> None:
        """Forget what was typed and not saved (the operator said so)."""

    def commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        """(name, help, callback) triples for the command palette."""
        return []
