"""The channel × fact grid: one letter per cell when narrow, values too when wide.

Cells are dicts from `consistency.matrix`; everything drawn is a
`rich.text.Text` (post text and fact keys are never read as markup). The
columns scroll with the cursor when more facts exist than fit.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from crisiscomm.i18n import register, t

STATE_STYLES = {
    "agrees": "green",
    "contradicts": "bold white on red",
    "stale": "bold black on yellow",
    "missing": "dim",
}
PROBLEMS = ("contradicts", "stale")
COMPACT_WIDTH = 5
VALUE_WIDTH = 8  # from this column width on, cells show their value too
RICH_WIDTH = 18
CHANNEL_WIDTH = 10

register({
    "grid.letter.agrees": {"tr": "U", "en": "A"},
    "grid.letter.contradicts": {"tr": "Ç", "en": "C"},
    "grid.letter.stale": {"tr": "E", "en": "S"},
    "grid.letter.missing": {"tr": "·", "en": "·"},
    "grid.no_posts": {"tr": "Henüz kanal paylaşımı yok (a: paylaşım kaydet).", "en": "No channel posts yet (a: record a post)."},
    "grid.no_facts": {"tr": "Bilgi föyünde karşılaştırılacak bilgi yok (f: bilgi ekle).", "en": "No comparable facts on the fact sheet (f: set a fact)."},
})


def letter(state: str) -> str:
    return t(f"grid.letter.{state}")


class MatrixGrid(Widget, can_focus=True):
    """A cursor over channels (rows) × facts (columns)."""

    BINDINGS = [
        Binding("up,k", "move(-1, 0)", show=False),
        Binding("down,j", "move(1, 0)", show=False),
        Binding("left,h", "move(0, -1)", show=False),
        Binding("right,l", "move(0, 1)", show=False),
        Binding("home", "home", show=False),
        Binding("enter", "activate", show=False),
    ]
    DEFAULT_CSS = """
    MatrixGrid { height: auto; width: 1fr; padding: 0 1 0 0; }
    """

    cursor: reactive[tuple[int, int]] = reactive((0, 0))

    class CellHighlighted(Message):
        def __init__(self, cell: dict | None) -> None:
            super().__init__()
            self.cell = cell

    class CellActivated(Message):
        def __init__(self, cell: dict) -> None:
            super().__init__()
            self.cell = cell

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.channels: list[str] = []
        self.facts: list[str] = []
        self.labels: dict[str, str] = {}  # fact key → the name shown over its column
        self.cells: dict[tuple[str, str], dict] = {}
        self._first_column = 0

    # -- data -------------------------------------------------------------------
    def set_data(self, channels: list[str], facts: list[str], cells: list[dict],
                 labels: dict[str, str] | None = None) -> None:
        """New matrix (`labels`: the facts' names); the cursor stays on the same channel and fact."""
        current = self.current_cell
        self.channels, self.facts, self.labels = channels, facts, labels or {}
        self.cells = {(c["channel"], c["fact"]): c for c in cells}
        row, column = self.cursor
        if current is not None:
            row = channels.index(current["channel"]) if current["channel"] in channels else row
            column = facts.index(current["fact"]) if current["fact"] in facts else column
        self.cursor = (min(row, max(0, len(channels) - 1)), min(column, max(0, len(facts) - 1)))
        self.refresh(layout=True)
        self.post_message(self.CellHighlighted(self.current_cell))

    @property
    def current_cell(self) -> dict | None:
        row, column = self.cursor
        if row < len(self.channels) and column < len(self.facts):
            return self.cells.get((self.channels[row], self.facts[column]))
        return None

    def select(self, channel: str, fact: str) -> None:
        if channel in self.channels and fact in self.facts:
            self.cursor = (self.channels.index(channel), self.facts.index(fact))

    # -- cursor -----------------------------------------------------------------
    def watch_cursor(self) -> None:
        self.refresh()
        self.post_message(self.CellHighlighted(self.current_cell))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, rows: int, columns: int) -> None:
        if not self.channels or not self.facts:
            return
        row, column = self.cursor
        self.cursor = (max(0, min(len(self.channels) - 1, row + rows)), max(0, min(len(self.facts) - 1, column + columns)))

    def action_home(self) -> None:
        self.cursor = (0, 0)

    def action_activate(self) -> None:
        cell = self.current_cell
        if cell is not None:
            self.post_message(self.CellActivated(cell))

    def next_problem(self) -> bool:
        """Move to the next contradicting or stale cell (row by row, wrapping)."""
        width = len(self.facts)
        total = len(self.channels) * width
        start = self.cursor[0] * width + self.cursor[1]
        for step in range(1, total + 1):
            index = (start + step) % total
            cell = self.cells.get((self.channels[index // width], self.facts[index % width]))
            if cell is not None and cell["state"] in PROBLEMS:
                self.cursor = (index // width, index % width)
                return True
        return False

    def on_click(self, event: Click) -> None:
        column_width = self._column_width()
        if event.y >= 1 and event.x >= CHANNEL_WIDTH:
            row = event.y - 1
            column = self._first_column + (event.x - CHANNEL_WIDTH) // column_width
            if row < len(self.channels) and column < len(self.facts):
                self.cursor = (row, column)

    # -- drawing ----------------------------------------------------------------
    def _column_width(self) -> int:
        room = max(1, self.size.width - CHANNEL_WIDTH)
        width = min(RICH_WIDTH, room // max(1, len(self.facts)))
        return width if width >= VALUE_WIDTH else COMPACT_WIDTH

    def _visible_columns(self, column_width: int) -> range:
        fits = max(1, (self.size.width - CHANNEL_WIDTH) // column_width)
        column = self.cursor[1]
        if column < self._first_column:
            self._first_column = column
        elif column >= self._first_column + fits:
            self._first_column = column - fits + 1
        return range(self._first_column, min(len(self.facts), self._first_column + fits))

    def _cell_text(self, cell: dict | None, width: int, rich: bool) -> Text:
        if cell is None:
            return Text(" " * width)
        shown = letter(cell["state"])
        if rich and cell["value"] is not None:
            shown += " " + str(cell["value"])
        if len(shown) > width - 1:
            shown = shown[: width - 2] + "…"
        text = Text(shown, style=STATE_STYLES[cell["state"]])
        text.pad_right(width - text.cell_len)
        return text

    def render(self) -> Text:
        if not self.channels:
            return Text(t("grid.no_posts"), style="dim")
        if not self.facts:
            return Text(t("grid.no_facts"), style="dim")
        width = self._column_width()
        rich = width >= VALUE_WIDTH
        columns = self._visible_columns(width)
        focused = self.has_focus
        out = Text(" " * CHANNEL_WIDTH, no_wrap=True, overflow="crop")
        for column in columns:
            style = "bold underline" if column == self.cursor[1] else "bold"
            label = self.labels.get(self.facts[column], self.facts[column])
            out.append(label[: width - 1].ljust(width), style=style)
        if columns.start > 0 or columns.stop < len(self.facts):
            out.append(f" {columns.start + 1}-{columns.stop}/{len(self.facts)}", style="dim")
        for row, channel in enumerate(self.channels):
            out.append("\n")
            out.append(channel[: CHANNEL_WIDTH - 1].ljust(CHANNEL_WIDTH), style="bold" if row == self.cursor[0] else "")
            for column in columns:
                cell_text = self._cell_text(self.cells.get((channel, self.facts[column])), width, rich)
                if (row, column) == self.cursor:
                    cell_text.stylize("reverse" if focused else "underline", 0, width - 1)
                out.append_text(cell_text)
        return out
