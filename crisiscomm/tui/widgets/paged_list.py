"""A Line-API list that renders only the visible rows, fetched page by page.

Like Toolong's `log_lines.py`: the widget knows the number of rows and asks a
`PageSource` for the page under the viewport, so a million rows cost the same
as a hundred. Rows are plain dicts; `render_row` turns one into a
`rich.text.Text` (never markup), so untrusted text stays data.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Protocol

from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

PAGE_SIZE = 100
CACHED_PAGES = 32


class PageSource(Protocol):
    def count(self) -> int: ...

    def fetch(self, offset: int, limit: int, total: int) -> list[dict]:
        """Rows offset..offset+limit of `total` (the last count, which the source may use to page faster)."""


RowRenderer = Callable[[dict, int], Text]


class PagedList(ScrollView, can_focus=True):
    """A cursor, a multi-selection, and rows paged from a `PageSource`."""

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("space", "toggle_select", "Select", show=False),
    ]

    DEFAULT_CSS = """
    PagedList { background: $surface; }
    PagedList > .paged-list--cursor { background: $accent 40%; }
    PagedList:focus > .paged-list--cursor { background: $accent; color: $text; }
    PagedList > .paged-list--selected { background: $secondary 30%; }
    PagedList > .paged-list--loading { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"paged-list--cursor", "paged-list--selected", "paged-list--loading"}

    cursor: reactive[int] = reactive(0)

    class Highlighted(Message):
        def __init__(self, paged_list: PagedList, row: dict | None) -> None:
            super().__init__()
            self.paged_list = paged_list
            self.row = row

        @property
        def control(self) -> PagedList:
            return self.paged_list

    class Counted(Message):
        """The rows were counted again: `row_count` is the list's one count."""

        def __init__(self, paged_list: PagedList) -> None:
            super().__init__()
            self.paged_list = paged_list

        @property
        def control(self) -> PagedList:
            return self.paged_list

    class Activated(Message):
        def __init__(self, paged_list: PagedList, row: dict) -> None:
            super().__init__()
            self.paged_list = paged_list
            self.row = row

        @property
        def control(self) -> PagedList:
            return self.paged_list

    def __init__(
        self,
        source: PageSource | None,
        render_row: RowRenderer,
        *,
        key: str = "id",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.source = source
        self.render_row = render_row
        self.key = key
        self.row_count = 0
        self.selected: set[Any] = set()
        self._pages: OrderedDict[int, list[dict]] = OrderedDict()
        self._generation = 0

    # -- data ---------------------------------------------------------------
    def set_source(self, source: PageSource | None) -> None:
        self.source = source
        self.selected.clear()
        self.cursor = 0
        self.scroll_to(y=0, animate=False)
        self.reload()

    def reload(self) -> None:
        """Count again (in a worker) and drop cached pages."""
        self._generation += 1
        self._count_rows(self._generation)

    @work(thread=True, exclusive=True, group="paged-list-count", exit_on_error=False)
    def _count_rows(self, generation: int) -> None:
        count = self.source.count() if self.source is not None else 0
        self.app.call_from_thread(self._set_count, generation, count)

    def _set_count(self, generation: int, count: int) -> None:
        if generation != self._generation:
            return
        self._pages.clear()
        self.row_count = count
        self.virtual_size = Size(self.size.width, count)
        if self.cursor >= count:
            self.cursor = max(0, count - 1)
        self.refresh()
        self.post_message(self.Counted(self))
        self.post_message(self.Highlighted(self, self.row_at(self.cursor)))

    def row_at(self, index: int) -> dict | None:
        if self.source is None or not 0 <= index < self.row_count:
            return None
        page_no = index // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            page = self.source.fetch(page_no * PAGE_SIZE, PAGE_SIZE, self.row_count)
            self._pages[page_no] = page
            while len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        offset = index - page_no * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    @property
    def current_row(self) -> dict | None:
        return self.row_at(self.cursor)

    def target_keys(self) -> list[Any]:
        """The selection, or the row under the cursor when nothing is selected."""
        if self.selected:
            return sorted(self.selected)
        row = self.current_row
        return [row[self.key]] if row else []

    # -- rendering ------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.size.width
        base = self.rich_style
        if index >= self.row_count:
            return Strip.blank(width, base)
        row = self.row_at(index)
        if row is None:
            text = Text("…", style=self.get_component_rich_style("paged-list--loading"))
        else:
            text = self.render_row(row, width)
            text.no_wrap = True
            text.end = ""
        if row is not None and row.get(self.key) in self.selected:
            text.stylize(self.get_component_rich_style("paged-list--selected"))
            text = Text("▌", style=self.get_component_rich_style("paged-list--selected")) + text
        if index == self.cursor:
            text.stylize(self.get_component_rich_style("paged-list--cursor"))
        segments = list(text.render(self.app.console))
        strip = Strip(segments, text.cell_len)
        style = base if index != self.cursor else base + self.get_component_rich_style("paged-list--cursor")
        return strip.crop_extend(scroll_x, scroll_x + width, style)

    # -- cursor ---------------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        _, top = self.scroll_offset
        height = self.scrollable_content_region.height or self.size.height
        if new < top:
            self.scroll_to(y=new, animate=False)
        elif height and new >= top + height:
            self.scroll_to(y=new - height + 1, animate=False)
        self.refresh()
        self.post_message(self.Highlighted(self, self.row_at(new)))

    def _move_to(self, index: int) -> None:
        if self.row_count:
            self.cursor = max(0, min(self.row_count - 1, index))

    def action_cursor(self, delta: int) -> None:
        self._move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor + direction * max(1, self.size.height - 1))

    def action_jump(self, where: int) -> None:
        self._move_to(self.row_count - 1 if where < 0 else where)

    def action_toggle_select(self) -> None:
        row = self.current_row
        if row is None:
            return
        key = row[self.key]
        if key in self.selected:
            self.selected.discard(key)
        else:
            self.selected.add(key)
        self._move_to(self.cursor + 1)
        self.refresh()

    def clear_selection(self) -> None:
        self.selected.clear()
        self.refresh()

    def on_click(self, event) -> None:
        _, top = self.scroll_offset
        self._move_to(top + event.y)

    def key_enter(self) -> None:
        row = self.current_row
        if row is not None:
            self.post_message(self.Activated(self, row))
