"""A Line-API list that renders only the visible rows, fetched page by page.

Like Toolong's `log_lines.py`: the widget knows the number of rows and asks a
`PageSource` for the page under the viewport, so a million rows cost the same
as a hundred. Rows are plain dicts; `render_row` turns one into a
`rich.text.Text` (never markup), so untrusted text stays data.

The cursor is an item, not a row number: the list remembers the key under the
cursor (and the keys selected) and, each time it counts again, asks the
source where that item now sits (`survey`). The item the operator chose is
remembered apart: a narrower filter that hides it moves the cursor to another
row, and the cursor returns to the chosen item once a wider filter shows it
again (typing a search letter by letter never loses it). Items arriving above it push the
cursor and the view down together, so nothing moves under the operator's
eyes; they are announced as "N new ↑" until the operator goes up to them.
Keys always name what the operator saw: `target_keys()` never reads a row
number.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from crisiscomm import i18n
from crisiscomm.paging import Survey

PAGE_SIZE = 100
CACHED_PAGES = 32

i18n.register({
    "list.new_above": {"tr": " ▲ {count} yeni (Home) ", "en": " ▲ {count} new (Home) "},
})


class PageSource(Protocol):
    def count(self) -> int: ...

    def fetch(self, offset: int, limit: int, total: int) -> list[dict]:
        """Rows offset..offset+limit of `total` (the last count, which the source may use to page faster)."""

    # Optional, for a cursor that follows its item:
    #   survey(key, mark) -> Survey     count, the item's row, arrivals after `mark` (one snapshot)
    #   present(keys) -> set            which of these keys are in the list


RowRenderer = Callable[[dict, int], Text]


class PagedList(ScrollView, can_focus=True):
    """A cursor on an item, a multi-selection of items, and rows paged from a `PageSource`."""

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("space", "toggle_select", "Toggle selection", show=False),
    ]

    DEFAULT_CSS = """
    PagedList { background: $surface; overflow-x: hidden; }
    PagedList > .paged-list--cursor { background: $accent 40%; }
    PagedList:focus > .paged-list--cursor { background: $accent; color: $text; }
    PagedList > .paged-list--selected { background: $secondary 30%; }
    PagedList > .paged-list--loading { color: $text-muted; }
    PagedList > .paged-list--new { background: $warning; color: black; text-style: bold; }
    """
    COMPONENT_CLASSES = {"paged-list--cursor", "paged-list--selected", "paged-list--loading", "paged-list--new"}

    cursor: reactive[int] = reactive(0)

    class Highlighted(Message):
        """The cursor is on `row` (None: the list is empty or the row is still loading)."""

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
        self.cursor_key: Any = None  # the item the operator is on
        self._chosen_key: Any = None  # the item the operator last put the cursor on (may be filtered out)
        self.selected: set[Any] = set()
        self.new_above = 0  # arrivals since the operator last looked at the top
        self._mark: int | None = None  # the newest arrival the operator has seen
        self._newest = 0
        self._pages: OrderedDict[int, list[dict]] = OrderedDict()
        self._generation = 0
        self._check_selection = False

    # -- data ---------------------------------------------------------------
    def set_source(self, source: PageSource | None, *, keep: bool = True) -> None:
        """Show another list (a filter, another order); the cursor's item and the selection
        stay where they are still in it. `keep=False` starts afresh (another incident)."""
        self.source = source
        if not keep:
            self.selected.clear()
            self.cursor_key, self._chosen_key, self._mark, self.new_above = None, None, None, 0
            self.cursor = 0
            self.scroll_to(y=0, animate=False)
        self._check_selection = bool(self.selected)
        self.reload()

    def reload(self) -> None:
        """Count again (in a worker), find the cursor's item, drop cached pages."""
        self._generation += 1
        check = set(self.selected) if self._check_selection else None
        self._check_selection = False
        keys = [key for key in (self._chosen_key, self.cursor_key) if key is not None]
        self._survey(self._generation, self.source, list(dict.fromkeys(keys)), self._mark, check)

    @work(thread=True, exclusive=True, group="paged-list-count", exit_on_error=False)
    def _survey(self, generation: int, source: PageSource | None, keys: list, mark: int | None,
                check: set | None) -> None:
        """Count, and find the first of `keys` still in the list (the chosen item, else the cursor's)."""
        present, found = None, None
        if source is None:
            survey = Survey(0)
        elif hasattr(source, "survey"):
            for key in keys or [None]:
                survey = source.survey(key, mark)
                if survey.index is not None:
                    found = key
                    break
            if check is not None and hasattr(source, "present"):
                present = source.present(check)
        else:
            survey = Survey(source.count())
        self.app.call_from_thread(self._apply, generation, survey, present, found)

    def _apply(self, generation: int, survey: Survey, present: set | None, found: Any = None) -> None:
        if generation != self._generation:
            return
        if survey.index is not None:
            self.cursor_key = found
        self._pages.clear()
        self.row_count = survey.total
        self.virtual_size = Size(self.size.width, survey.total)
        if present is not None:
            self.selected &= present
        if survey.index is not None:
            shift = survey.index - self.cursor
            if shift:  # the item moved (arrivals above it): the view moves with it
                self.set_reactive(PagedList.cursor, survey.index)
                self.scroll_to(y=max(0, self.scroll_offset.y + shift), animate=False, immediate=True)
        else:
            self.set_reactive(PagedList.cursor, max(0, min(self.cursor, survey.total - 1)))
            row = self.row_at(self.cursor)
            self.cursor_key = row[self.key] if row else None
        self._newest = survey.newest
        self.new_above = survey.newer if self._mark is not None else 0
        if self._mark is None or self.scroll_offset.y == 0:
            self._seen_top()
        self.refresh()
        self.post_message(self.Counted(self))
        self.post_message(self.Highlighted(self, self.current_row))

    def _seen_top(self) -> None:
        self._mark, self.new_above = self._newest, 0

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(new_value) == 0 and self.new_above:
            self._seen_top()
            self.refresh()

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
        """The row of the cursor's item (None while the list has not caught up with it)."""
        row = self.row_at(self.cursor)
        if row is None or (self.cursor_key is not None and row[self.key] != self.cursor_key):
            return None
        return row

    def target_keys(self) -> list[Any]:
        """The selection, or the cursor's item when nothing is selected."""
        if self.selected:
            return sorted(self.selected)
        return [self.cursor_key] if self.cursor_key is not None and self.row_count else []

    def select_keys(self, keys: Iterable[Any]) -> None:
        self.selected.update(keys)
        self.refresh()

    # -- rendering ------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width or self.size.width  # without the scrollbar
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
        if y == 0 and self.new_hidden:
            text = self._with_banner(text, width)
        segments = list(text.render(self.app.console))
        strip = Strip(segments, text.cell_len)
        style = base if index != self.cursor else base + self.get_component_rich_style("paged-list--cursor")
        return strip.crop_extend(scroll_x, scroll_x + width, style)

    @property
    def new_hidden(self) -> int:
        """New arrivals above the view (newest first: they are the rows above it)."""
        return min(self.new_above, round(self.scroll_offset.y))

    def _with_banner(self, text: Text, width: int) -> Text:
        """The top line, with "▲ N new" at its right end (the rows above are the new ones)."""
        banner = Text(i18n.t("list.new_above", count=self.new_hidden), style=self.get_component_rich_style("paged-list--new"))
        room = max(0, width - banner.cell_len)
        text = text.copy()
        text.truncate(room, pad=True)
        return text + banner

    # -- cursor ---------------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        _, top = self.scroll_offset
        height = self.scrollable_content_region.height or self.size.height
        if new < top:
            self.scroll_to(y=new, animate=False)
        elif height and new >= top + height:
            self.scroll_to(y=new - height + 1, animate=False)
        self.refresh()
        self.post_message(self.Highlighted(self, self.current_row))

    def _move_to(self, index: int) -> None:
        if not self.row_count:
            return
        index = max(0, min(self.row_count - 1, index))
        row = self.row_at(index)
        self.cursor_key = self._chosen_key = row[self.key] if row else None
        if index == self.cursor:
            self.post_message(self.Highlighted(self, self.current_row))
        self.cursor = index

    def move_to_key(self, key: Any) -> None:
        """Put the cursor on an item (found at the next count)."""
        self.cursor_key = self._chosen_key = key
        self.reload()

    def action_cursor(self, delta: int) -> None:
        self._move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor + direction * max(1, self.size.height - 1))

    def action_jump(self, where: int) -> None:
        self._move_to(self.row_count - 1 if where < 0 else where)
        if where == 0:
            self.scroll_to(y=0, animate=False)

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
