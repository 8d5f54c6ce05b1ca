"""The consistency pane: the channel × fact matrix beside the fact sheet.

Keys: arrows move over the matrix, enter/p opens the cell's post, n jumps to
the next contradiction or stale cell, c drafts a correction for the cell's
channel, d dismisses its open correction, f sets a fact, a records a post.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Static

from crisiscomm import actions, facts, posts
from crisiscomm.consistency import BAD_STATES, matrix
from crisiscomm.errors import CrisisError
from crisiscomm.fact_names import display_name
from crisiscomm.i18n import register, t
from crisiscomm.models import Correction, Fact, Post
from crisiscomm.tui.panes.base import Pane, focus_now
from crisiscomm.tui.screens.consistency_forms import (
    FactForm,
    PostForm,
    PostView,
    ReasonForm,
)
from crisiscomm.tui.widgets.matrix_grid import STATE_STYLES, MatrixGrid, letter

register({
    "cons.key.fact": {"tr": "Bilgi", "en": "Set fact"},
    "cons.key.post": {"tr": "Paylaşım", "en": "Record post"},
    "cons.key.next": {"tr": "Sonraki çelişki", "en": "Next conflict"},
    "cons.key.correct": {"tr": "Düzeltme taslağı", "en": "Draft correction"},
    "cons.key.dismiss": {"tr": "Düzeltmeyi kapat", "en": "Dismiss"},
    "cons.key.open": {"tr": "Paylaşımı aç", "en": "Open post"},
    "cons.fact_sheet": {"tr": "Bilgi föyü (f: düzenle, ?: teyitsiz)", "en": "Fact sheet (f: edit, ?: unconfirmed)"},
    "cons.no_incident": {"tr": "Olay seçilmedi.", "en": "No incident selected."},
    "cons.state.agrees": {"tr": "uyumlu", "en": "agrees"},
    "cons.state.contradicts": {"tr": "çelişiyor", "en": "contradicts"},
    "cons.state.stale": {"tr": "eski", "en": "stale"},
    "cons.state.missing": {"tr": "yok", "en": "missing"},
    "cons.says": {"tr": "{channel} · {fact}: “{value}” diyor", "en": "{channel} · {fact}: says “{value}”"},
    "cons.not_stated": {"tr": "{channel} · {fact}: belirtilmemiş", "en": "{channel} · {fact}: not stated"},
    "cons.expected": {"tr": "bilgi föyü: {expected}", "en": "fact sheet: {expected}"},
    "cons.old_value": {"tr": "eski değer (sürüm {version})", "en": "old value (version {version})"},
    "cons.superseded": {"tr": "eskimiş açıklama sürümünden", "en": "from a superseded statement version"},
    "cons.post_ref": {"tr": "paylaşım #{post}", "en": "post #{post}"},
    "cons.corrections": {"tr": "Düzeltme gerekli: {items}", "en": "Correction needed: {items}"},
    "cons.no_corrections": {"tr": "Açık düzeltme yok.", "en": "No open corrections."},
    "cons.title_counts": {"tr": "{title} · {bad} sorun · {open} düzeltme", "en": "{title} · {bad} problems · {open} corrections"},
    "cons.no_problem": {"tr": "Çelişki ya da eski değer yok.", "en": "No contradictions or stale values."},
    "cons.no_open_correction": {"tr": "Bu hücre için açık düzeltme yok.", "en": "No open correction for this cell."},
    "cons.dismiss_title": {"tr": "Düzeltmeyi kapat: {channel} / {fact}", "en": "Dismiss correction: {channel} / {fact}"},
    "cons.dismissed": {"tr": "Düzeltme kapatıldı: {channel} / {fact}", "en": "Correction dismissed: {channel} / {fact}"},
    "cons.fact_saved": {"tr": "{fact}: {value} (sürüm {version})", "en": "{fact}: {value} (version {version})"},
    "cons.post_saved": {"tr": "Paylaşım #{id} kaydedildi ({channel})", "en": "Post #{id} recorded ({channel})"},
    "cons.drafted": {"tr": "Düzeltme taslağı oluşturuldu: açıklama #{id}", "en": "Correction drafted: statement #{id}"},
    "cons.pick_cell": {"tr": "Önce matriste bir hücre seçin.", "en": "Pick a cell of the matrix first."},
    "cons.legend": {"tr": "{a} uyumlu  {c} çelişki  {s} eski  {m} yok",
                    "en": "{a} agrees  {c} contradicts  {s} stale  {m} missing"},
    "cons.unconfirmed": {"tr": "?", "en": "?"},
})


def detail_text(cell: dict | None) -> Text:
    """Two lines about one cell: what the channel says against the fact sheet, and where."""
    if cell is None:
        return Text("")
    state = cell["state"]
    out = Text()
    out.append(f" {letter(state)} {t('cons.state.' + state)} ", style=STATE_STYLES[state])
    out.append(" ")
    if cell["value"] is None:
        out.append(t("cons.not_stated", channel=cell["channel"], fact=cell["fact_name"]))
    else:
        out.append(t("cons.says", channel=cell["channel"], fact=cell["fact_name"], value=cell["value"]))
    if state != "agrees":
        out.append(" — " + t("cons.expected", expected=cell["expected"]), style="bold")
    if cell["old_version"]:
        out.append(" · " + t("cons.old_value", version=cell["old_version"]))
    elif cell["superseded"]:
        out.append(" · " + t("cons.superseded"))
    out.append("\n")
    if cell["text"]:
        out.append(f"“{cell['text']}” ", style="italic")
    out.append(t("cons.post_ref", post=cell["post"]), style="dim")
    return out


class ConsistencyPane(Pane):
    PANE_ID = "consistency"
    TITLE_KEY = "pane.consistency"
    WATCHES = ("fact.", "post.", "statement.published", "consistency.")
    BINDINGS = [
        Binding("f", "edit_fact", "cons.key.fact"),
        Binding("a", "add_post", "cons.key.post"),
        Binding("n", "next_problem", "cons.key.next"),
        Binding("c", "draft_correction", "cons.key.correct"),
        Binding("d", "dismiss_correction", "cons.key.dismiss"),
        Binding("p", "open_post", "cons.key.open"),
    ]
    DEFAULT_CSS = """
    ConsistencyPane #cons-body { height: 1fr; }
    ConsistencyPane #cons-left { width: 1fr; height: 1fr; }
    ConsistencyPane #cons-right { width: 32; height: 1fr; border-left: vkey $primary-darken-2; padding-left: 1; }
    ConsistencyPane.-narrow #cons-body { layout: vertical; }
    ConsistencyPane.-narrow #cons-right { width: 1fr; border-left: none; border-top: hkey $primary-darken-2; padding-left: 0; }
    ConsistencyPane #cons-grid { max-height: 13; }
    ConsistencyPane #cons-detail { height: auto; margin-top: 1; }
    ConsistencyPane #cons-corrections { height: auto; color: $warning; text-style: bold; }
    ConsistencyPane #cons-corrections.-none { color: $text-muted; text-style: none; }
    ConsistencyPane #cons-legend { height: 1; color: $text-muted; }
    ConsistencyPane .cons-heading { text-style: bold; height: auto; }
    ConsistencyPane #cons-facts { height: 1fr; }
    """
    NARROW = 70

    def __init__(self) -> None:
        super().__init__()
        self._result: dict = {"cells": [], "corrections": [], "channels": [], "facts": []}
        self._sheet: list[dict] = []
        self._latest: dict[str, dict] = {}

    def compose(self):
        with Horizontal(id="cons-body"):
            with Vertical(id="cons-left"):
                yield MatrixGrid(id="cons-grid")
                yield Static(id="cons-detail", markup=False)
                yield Static(id="cons-corrections", markup=False)
                yield Static(Content(t("cons.legend", a=letter("agrees"), c=letter("contradicts"), s=letter("stale"),
                                       m=letter("missing"))), id="cons-legend")
            with Vertical(id="cons-right"):
                yield Static(Content(t("cons.fact_sheet")), classes="cons-heading")
                yield DataTable(id="cons-facts", cursor_type="row", show_header=False)

    def on_mount(self) -> None:
        self.border_title = Content(t(self.TITLE_KEY))
        if not self.query("#cons-facts"):  # the app closed while the pane was being built
            return
        table = self.query_one("#cons-facts", DataTable)
        table.add_columns(Text("key"), Text("value"))
        super().on_mount()

    def primary(self):
        return self.query_one(MatrixGrid)

    def on_resize(self) -> None:
        self.set_class(self.size.width < self.NARROW, "-narrow")

    # -- data -------------------------------------------------------------------------
    def refresh_data(self) -> None:
        if self.incident_id is None:
            self._show(None, {"cells": [], "corrections": [], "channels": [], "facts": []}, [], {})
            return
        self._load(self.incident_id)

    @work(thread=True, exclusive=True, group="consistency-pane", exit_on_error=False)
    def _load(self, incident_id: int) -> None:
        store = self.dash.thread_store()
        try:
            result = matrix(store, incident_id)
            sheet = list(facts.current(store, incident_id).values())
            latest = posts.latest_per_channel(store, incident_id)
        except CrisisError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self._show, incident_id, result, sheet, latest)

    def _show(self, incident_id: int | None, result: dict, sheet: list[dict], latest: dict[str, dict]) -> None:
        if incident_id != self.incident_id:
            return
        self._result, self._sheet, self._latest = result, sheet, latest
        grid = self.query_one(MatrixGrid)
        grid.set_data([c["channel"] for c in result["channels"]], [f["key"] for f in result["facts"]], result["cells"],
                      {f["key"]: f["name"] for f in result["facts"]})
        self._show_sheet(sheet, {f["key"] for f in result["facts"]})
        open_ones = [c for c in result["corrections"] if c["state"] == "open"]
        status = self.query_one("#cons-corrections", Static)
        if open_ones:
            items = ", ".join(f"{c['channel']}/{display_name(c['fact'])}" for c in open_ones)
            status.update(Text("⚠ " + t("cons.corrections", items=items)))
        else:
            status.update(Text(t("cons.no_corrections") if incident_id is not None else t("cons.no_incident")))
        status.set_class(not open_ones, "-none")
        bad = sum(1 for c in result["cells"] if c["state"] in BAD_STATES)
        self.border_title = Content(t("cons.title_counts", title=t(self.TITLE_KEY), bad=bad, open=len(open_ones)))

    def _show_sheet(self, sheet: list[dict], compared: set[str]) -> None:
        table = self.query_one("#cons-facts", DataTable)
        keep = table.cursor_row
        # the cursor stays on its fact when a new one is set above it (the selection is an item, not a row)
        keep_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value if table.row_count else None
        table.clear()
        for row in sheet:
            style = "" if row["key"] in compared else "dim"
            value = Text(row["value"], style=style)
            if row["status"] == "unconfirmed":
                value.append(" " + t("cons.unconfirmed"), style="bold yellow")
            table.add_row(Text(display_name(row["key"]), style=style), value, key=row["key"])
        if sheet:
            keys = [row["key"] for row in sheet]
            table.move_cursor(row=keys.index(keep_key) if keep_key in keys else min(keep, len(sheet) - 1))

    @on(MatrixGrid.CellHighlighted)
    def _cell_highlighted(self, message: MatrixGrid.CellHighlighted) -> None:
        self.query_one("#cons-detail", Static).update(detail_text(message.cell))

    @on(MatrixGrid.CellActivated)
    def _cell_activated(self) -> None:
        self.action_open_post()

    @on(DataTable.RowSelected, "#cons-facts")
    def _fact_selected(self) -> None:
        self.action_edit_fact()

    # -- actions ------------------------------------------------------------------------
    def _cell(self) -> dict | None:
        cell = self.query_one(MatrixGrid).current_cell
        if cell is None:
            self.notify(t("cons.pick_cell"), markup=False)
        return cell

    def _chosen_fact(self) -> dict | None:
        table = self.query_one("#cons-facts", DataTable)
        if table.has_focus and self._sheet:
            return self._sheet[table.cursor_row]
        cell = self.query_one(MatrixGrid).current_cell
        return next((f for f in self._sheet if cell and f["key"] == cell["fact"]), None)

    def action_edit_fact(self) -> None:
        if self.incident_id is None:
            return
        incident_id = self.incident_id

        def save(key: str, value: str, status: str, source: str):
            return lambda session: actions.facts.set_fact(session, incident_id, key, value, status=status,
                                                                source=source)

        def done(row: Fact) -> str:
            return t("cons.fact_saved", fact=row.name, value=row.value, version=row.version)

        self.app.push_screen(FactForm(save, self._chosen_fact(), done))

    def action_add_post(self) -> None:
        if self.incident_id is None:
            return
        incident_id = self.incident_id
        cell = self.query_one(MatrixGrid).current_cell

        def save(channel: str, text: str, url: str):
            return lambda session: actions.posts.add_post(session, incident_id, channel, text, url=url or None)

        def done(post: Post) -> str:
            return t("cons.post_saved", id=post.id, channel=post.channel)

        self.app.push_screen(PostForm(save, cell["channel"] if cell else None, done))

    def action_next_problem(self) -> None:
        grid = self.query_one(MatrixGrid)
        focus_now(grid)
        if not grid.next_problem():
            self.notify(t("cons.no_problem"), markup=False)

    def action_open_post(self) -> None:
        cell = self._cell()
        if cell is None or cell["channel"] not in self._latest:
            return
        self.app.push_screen(PostView(self._latest[cell["channel"]], cell), self._post_view_closed)

    def _post_view_closed(self, choice: str | None) -> None:
        if choice == "correct":
            self.action_draft_correction()
        elif choice == "dismiss":
            self.action_dismiss_correction()

    def action_draft_correction(self) -> None:
        cell = self._cell()
        if cell is None or self.incident_id is None:
            return
        incident_id, channel = self.incident_id, cell["channel"]
        self.act(lambda session: actions.consistency.draft_correction(session, incident_id, channel),
                 lambda statement: t("cons.drafted", id=statement.id))

    def action_dismiss_correction(self) -> None:
        cell = self._cell()
        if cell is None or self.incident_id is None:
            return
        channel, fact = cell["channel"], cell["fact"]
        if not any(c["state"] == "open" and c["channel"] == channel and c["fact"] == fact for c in self._result["corrections"]):
            self.notify(t("cons.no_open_correction"), markup=False)
            return
        incident_id = self.incident_id

        def save(reason: str):
            return lambda session: actions.consistency.dismiss(session, incident_id, channel, fact, reason=reason)

        def done(row: Correction) -> str:
            return t("cons.dismissed", channel=row.channel, fact=display_name(row.fact))

        self.app.push_screen(ReasonForm(t("cons.dismiss_title", channel=channel, fact=display_name(fact)), save, done))

    def commands(self):
        return [
            (t("cons.key.fact"), t("cons.fact_sheet"), self.action_edit_fact),
            (t("cons.key.post"), t("pane.consistency"), self.action_add_post),
            (t("cons.key.next"), t("pane.consistency"), self.action_next_problem),
            (t("cons.key.correct"), t("pane.consistency"), self.action_draft_correction),
        ]
