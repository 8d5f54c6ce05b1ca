"""The help screen (`?`): every key of the shown pane (or screen), of its list, and of the whole dashboard.

Built from the bindings themselves, so a key that exists is a key that is
listed, in the UI language. The footer shows the keys that work right now;
this screen shows all of them, hidden ones included.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import Static

from crisiscomm import i18n
from crisiscomm.tui.screens.dialog import Dialog, DialogBody

i18n.register({
    "help.title": {"tr": "Tuşlar — {where}", "en": "Keys — {where}"},
    "help.everywhere": {"tr": "Her yerde", "en": "Everywhere"},
    "help.list": {"tr": "Listede", "en": "In the list"},
    "help.typing": {
        "tr": "Bir metin alanında (arama kutusu, düzenleyici) harfler metne gider; yalnız {keys} komuttur.",
        "en": "In a text field (search box, editor) letters are text; only {keys} are commands.",
    },
    "help.palette": {"tr": "Ctrl+P: komut paleti — her eylem adıyla aranabilir.",
                     "en": "Ctrl+P: the command palette — every action, found by its name."},
    "help.close": {"tr": "Kapat: Esc / Enter / ?", "en": "Close: Esc / Enter / ?"},
    # the list's own keys (PagedList, OptionList, DataTable)
    "Up": {"tr": "Yukarı", "en": "Up"},
    "Down": {"tr": "Aşağı", "en": "Down"},
    "Page up": {"tr": "Sayfa yukarı", "en": "Page up"},
    "Page down": {"tr": "Sayfa aşağı", "en": "Page down"},
    "First": {"tr": "En üste (yeniler)", "en": "To the top (new ones)"},
    "Last": {"tr": "En alta", "en": "To the bottom"},
    "Toggle selection": {"tr": "Seç / bırak (çoklu seçim)", "en": "Select / unselect (several at once)"},
    "Select": {"tr": "Aç / seç", "en": "Open / choose"},
    "Page Up": {"tr": "Sayfa yukarı", "en": "Page up"},
    "Page Down": {"tr": "Sayfa aşağı", "en": "Page down"},
    "Cursor up": {"tr": "Yukarı", "en": "Up"},
    "Cursor down": {"tr": "Aşağı", "en": "Down"},
    "Cursor left": {"tr": "Sola", "en": "Left"},
    "Cursor right": {"tr": "Sağa", "en": "Right"},
    "Top": {"tr": "En üst", "en": "Top"},
    "Bottom": {"tr": "En alt", "en": "Bottom"},
    "Home": {"tr": "Satır başı", "en": "Home"},
    "End": {"tr": "Satır sonu", "en": "End"},
})

Row = tuple[str, str]


def binding_rows(app, node: DOMNode, *, hidden: bool = True) -> list[Row]:
    """(keys, what) for every binding of `node` (keys of one action joined), in order."""
    rows: dict[tuple[str, str], list[str]] = {}
    for key, bindings in node._bindings.key_to_bindings.items():
        for binding in bindings:
            if not binding.description or (binding.show is False and not hidden):
                continue
            shown = app.get_key_display(Binding(key, binding.action, key_display=binding.key_display))
            rows.setdefault((binding.action, i18n.t(binding.description)), []).append(shown)
    return [(" ".join(dict.fromkeys(keys)), what) for (_action, what), keys in rows.items()]


class HelpScreen(Dialog[None]):
    BINDINGS = [Binding("escape,question_mark", "close", "Close"), Binding("enter", "close", "Close", show=False)]
    DEFAULT_CSS = """
    HelpScreen .dialog { width: 90; }
    HelpScreen #help-text { height: auto; }
    """

    def __init__(self, where: str, sections: list[tuple[str, list[Row]]], typing_keys: str = "") -> None:
        super().__init__()
        self.where, self.sections, self.typing_keys = where, sections, typing_keys

    def compose(self) -> ComposeResult:
        with DialogBody(id="help", can_focus=True):
            yield Static(self._text(), id="help-text")

    def _text(self) -> Text:
        out = Text(i18n.t("help.title", where=self.where) + "\n", style="bold")
        for title, rows in self.sections:
            if not rows:
                continue
            out.append(f"\n{title}\n", style="bold underline")
            width = max(len(keys) for keys, _ in rows)
            for keys, what in rows:
                out.append(f"  {keys:<{width}}  ", style="bold cyan")
                out.append(f"{what}\n")
        if self.typing_keys:
            out.append("\n" + i18n.t("help.typing", keys=self.typing_keys) + "\n", style="italic")
        out.append("\n" + i18n.t("help.palette") + "\n" + i18n.t("help.close"), style="dim")
        return out

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_close(self) -> None:
        self.dismiss(None)
