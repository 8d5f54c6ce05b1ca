"""The checklist pane: the playbook's steps by phase, owners, live deadlines.

Rows are rendered as `rich.text.Text` (never markup); the remaining time is
computed at render time from the incident clock, so a one-second refresh
keeps every deadline live without touching the database.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from crisiscomm import actions, checklist, i18n, incidents
from crisiscomm.clock import format_clock, format_offset
from crisiscomm.errors import CrisisError
from crisiscomm.tui.panes.base import Pane
from crisiscomm.tui.safe import safe_content, safe_line
from crisiscomm.tui.screens.dialog import TextPrompt

i18n.register(
    {
        "checklist.key.start": {"tr": "Başla", "en": "Start"},
        "checklist.key.done": {"tr": "Tamam", "en": "Done"},
        "checklist.key.skip": {"tr": "Atla", "en": "Skip"},
        "checklist.key.note": {"tr": "Not", "en": "Note"},
        "checklist.key.reopen": {"tr": "Geri aç", "en": "Reopen"},
        "checklist.next": {"tr": "Sıradaki", "en": "Next"},
        "checklist.updates_every": {"tr": "güncelleme aralığı {every}", "en": "updates every {every}"},
        "checklist.all_done": {"tr": "Tüm adımlar kapandı", "en": "All steps closed"},
        "checklist.no_incident": {"tr": "Olay seçilmedi.", "en": "No incident selected."},
        "checklist.blocked": {"tr": "BEKLİYOR", "en": "BLOCKED"},
        "checklist.owner": {"tr": "Sorumlu", "en": "Owner"},
        "checklist.principle": {"tr": "İlke", "en": "Principle"},
        "checklist.after": {"tr": "Önce", "en": "After"},
        "checklist.by": {"tr": "{who}, {clock}", "en": "{who} at {clock}"},
        "checklist.automatic": {"tr": "(otomatik: olay {event})", "en": "(automatically: event {event})"},
        "checklist.skip_prompt": {"tr": "'{step}' neden atlanıyor?", "en": "Why skip '{step}'?"},
        "checklist.note_prompt": {"tr": "'{step}' için not", "en": "Note for '{step}'"},
        "checklist.reason_required": {"tr": "Bir gerekçe yazın.", "en": "Write a reason."},
        "checklist.prompt_hint": {"tr": "Enter: kaydet · Esc: vazgeç", "en": "Enter: save · Esc: cancel"},
        "checklist.changed": {"tr": "{step}: {state}", "en": "{step}: {state}"},
        "checklist.noted": {"tr": "{step}: not eklendi", "en": "{step}: note added"},
    }
)

MARKS = {"todo": "○", "doing": "▶", "done": "✓", "skipped": "–"}
OWNER_WIDTH = 18
WIDE_ROW = 72  # narrower rows (tiled panes) leave the owner to the detail lines


def rows_with_phases(items: list[dict]) -> list[dict]:
    """Step rows with a heading row before each phase."""
    rows, phase = [], None
    for item in items:
        if item["phase"] != phase:
            phase = item["phase"]
            rows.append({"id": f"phase:{phase}", "kind": "phase", "title": item["phase_title"]})
        rows.append({"id": item["step_id"], "kind": "step", **item})
    return rows


def deadline_text(item: dict, clock: float) -> tuple[str, str]:
    """(text, style) for a step's deadline against the incident clock now."""
    if item["state"] == "done":
        late = " " + i18n.t("checklist.late") if item["late"] else ""
        return i18n.t("checklist.state.done") + late, "yellow" if item["late"] else "green"
    if item["state"] == "skipped":
        return i18n.t("checklist.state.skipped"), "dim"
    remaining = item["due_clock"] - clock
    if remaining < 0:
        return i18n.t("checklist.overdue_by", time=format_offset(-remaining)), "bold white on red"
    if item["blocked_by"]:
        return i18n.t("checklist.blocked"), "dim"
    return i18n.t("checklist.due_in", time=format_offset(remaining)), "bold yellow" if remaining < 300 else ""


def render_step(item: dict, clock: float, width: int = 80) -> Text:
    """One row, cut to `width`; the owner column only where there is room for it."""
    if item["kind"] == "phase":
        line = Text(f"━━ {safe_line(item['title'])} ", style="bold cyan")
        line.truncate(width, overflow="ellipsis")
        return line
    line = Text(no_wrap=True, overflow="ellipsis")
    state_style = {"done": "green", "doing": "bold cyan", "skipped": "dim"}.get(item["state"], "")
    line.append(f" {MARKS[item['state']]} ", style=state_style)
    line.append(f"T+{item['due_shown']:<6} ", style="cyan")
    text, style = deadline_text(item, clock)
    line.append(f"{text:<15}", style=style)
    line.append(" ")
    if width >= WIDE_ROW:
        line.append(f"{safe_line(item['owner_title'])[:OWNER_WIDTH]:<{OWNER_WIDTH}} ", style="magenta")
    line.append(safe_line(item["title"]), style="dim strike" if item["state"] == "skipped" else ("dim" if item["blocked_by"] and item["state"] == "todo" else ""))
    if item["note"]:
        line.append(" ✎", style="dim")
    line.truncate(width, overflow="ellipsis")
    return line


class ChecklistPane(Pane):
    PANE_ID = "checklist"
    TITLE_KEY = "pane.checklist"
    WATCHES = ("checklist.", "incident.", "clock.", "drill.scored")
    BINDINGS = [  # descriptions are i18n keys (Pane translates them)
        Binding("s", "set_state('doing')", "checklist.key.start"),
        Binding("d", "set_state('done')", "checklist.key.done"),
        Binding("x", "skip", "checklist.key.skip"),
        Binding("n", "note", "checklist.key.note"),
        Binding("r", "set_state('todo')", "checklist.key.reopen"),
    ]
    DEFAULT_CSS = """
    ChecklistPane #checklist-summary { height: auto; max-height: 2; padding: 0 1; background: $boost; }
    ChecklistPane #checklist-summary.-overdue { background: $error 40%; }
    ChecklistPane #checklist-list { height: 1fr; border: none; padding: 0; }
    ChecklistPane #checklist-list:focus { border: none; background-tint: $foreground 3%; }
    ChecklistPane #checklist-detail-box { height: auto; max-height: 7; border-top: solid $primary-darken-2; }
    ChecklistPane #checklist-detail { height: auto; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="checklist-summary", markup=False)
        # A playbook has tens of steps: an OptionList (prompts as rich Text, markup off) fits.
        yield OptionList(id="checklist-list", markup=False)
        with VerticalScroll(id="checklist-detail-box"):  # long guidance scrolls (Tab, then the arrows)
            yield Static(Content(""), id="checklist-detail", markup=False)

    def on_mount(self) -> None:
        self.border_title = i18n.t(self.TITLE_KEY)
        self._incident: dict | None = None
        self._items: list[dict] = []
        self._playbook_info: dict = {}
        self._error = ""
        self._rows: dict[str, dict] = {}
        self.set_interval(1.0, self._tick)
        super().on_mount()

    def primary(self):
        return self.query_one(OptionList)

    # -- data ------------------------------------------------------------------
    def refresh_data(self) -> None:
        self._load(self.incident_id)

    @work(thread=True, exclusive=True, group="checklist-pane", exit_on_error=False)
    def _load(self, incident_id: int | None) -> None:
        store = self.dash.thread_store()
        incident, items, info, error = None, [], {}, ""
        if incident_id is not None:
            try:
                incident = incidents.get(store, incident_id)
                playbook = checklist.incident_playbook(store, incident)
                items = checklist.items_for(store, incident)
                info = {"title": playbook.text(playbook.title), "update_every": playbook.update_every}
            except CrisisError as exc:
                error = str(exc)
        self.app.call_from_thread(self._show, incident, items, info, error)

    def _show(self, incident: dict | None, items: list[dict], info: dict, error: str) -> None:
        self._incident, self._items, self._playbook_info, self._error = incident, items, info, error
        options = self.query_one(OptionList)
        current = self.current_step()
        self._rows = {row["id"]: row for row in rows_with_phases(items)}
        clock, width = self._clock(), self._row_width()
        options.set_options(
            Option(render_step(row, clock, width), id=row_id, disabled=row["kind"] == "phase")
            for row_id, row in self._rows.items()
        )
        self._select(current["step_id"] if current else None)
        self._tick()

    def _row_width(self) -> int:
        options = self.query_one(OptionList)
        width = options.size.width - options.styles.scrollbar_size_vertical - 1
        return max(20, width) if options.size.width else 80

    def on_resize(self) -> None:
        if self._rows:
            self._tick()

    def _clock(self) -> float:
        return incidents.clock_at(self._incident) if self._incident else 0.0

    # -- live parts --------------------------------------------------------------
    def _tick(self) -> None:
        options, clock, width = self.query_one(OptionList), self._clock(), self._row_width()
        for row_id, row in self._rows.items():
            options.replace_option_prompt(row_id, render_step(row, clock, width))
        self._update_summary()
        self._update_detail()

    def _update_summary(self) -> None:
        summary = self.query_one("#checklist-summary", Static)
        if self._incident is None or self._error:
            summary.update(Content(self._error or i18n.t("checklist.no_incident")))
            summary.set_class(bool(self._error), "-overdue")
            return
        clock = self._clock()
        overdue = [i for i in self._items if i["state"] in checklist.OPEN_STATES and clock > i["due_clock"]]
        counts = checklist.summary(self._items) | {"overdue": len(overdue)}
        parts = [self._playbook_info.get("title", ""), i18n.t("checklist.summary", **counts)]
        if self._playbook_info.get("update_every"):
            parts.append(i18n.t("checklist.updates_every", every=format_offset(self._playbook_info["update_every"])))
        open_items = [i for i in self._items if i["state"] in checklist.OPEN_STATES]
        if open_items:
            nxt = min(open_items, key=lambda i: i["due_clock"])
            when, _ = deadline_text(nxt, clock)
            parts.append(f"{i18n.t('checklist.next')}: {nxt['title']} ({nxt['owner_title']}) T+{nxt['due_shown']} · {when}")
        else:
            parts.append(i18n.t("checklist.all_done"))
        summary.update(safe_content(" · ".join(p for p in parts if p)))
        summary.set_class(bool(overdue), "-overdue")

    def _update_detail(self) -> None:
        detail = self.query_one("#checklist-detail", Static)
        item = self.current_step()
        if item is None:
            detail.update(Content(""))
            return
        lines = [f"{item['title']}  [{item['step_id']}]",
                 f"{i18n.t('checklist.owner')}: {item['owner_title']} · T+{item['due_shown']} · "
                 f"{i18n.t('checklist.principle')}: {item['principle_title']}"]
        if item["depends_on"]:
            lines[-1] += f" · {i18n.t('checklist.after')}: {', '.join(item['depends_on'])}"
        if item["operator"] and item["changed_clock"] is not None:
            lines[-1] += f" · {i18n.t('checklist.state.' + item['state'])}: " + i18n.t(
                "checklist.by", who=item["operator"], clock=format_clock(item["changed_clock"]))
            if item.get("done_by_event"):
                lines[-1] += " " + i18n.t("checklist.automatic", event=item["done_by_event"])
        lines.append(item["guidance"])
        if item["note"]:
            lines.append(f"{i18n.t('checklist.note')}: {item['note']}")
        detail.update(safe_content("\n".join(lines)))

    @on(OptionList.OptionHighlighted, "#checklist-list")
    def _highlighted(self) -> None:
        self._update_detail()

    def current_step(self) -> dict | None:
        option = self.query_one(OptionList).highlighted_option
        row = self._rows.get(option.id) if option is not None else None
        return row if row and row["kind"] == "step" else None

    # -- actions -------------------------------------------------------------------
    def action_set_state(self, state: str) -> None:
        item = self.current_step()
        if item is not None and self.incident_id is not None:
            self._set_state(self.incident_id, item["step_id"], state)

    def _set_state(self, incident_id: int, step_id: str, state: str, note: str = "") -> None:
        self.act(
            lambda session: actions.checklist.set_step(session, incident_id, step_id, state, note=note),
            lambda result: i18n.t("checklist.changed", step=result.title, state=i18n.t("checklist.state." + result.state)),
        )

    def _add_note(self, incident_id: int, step_id: str, text: str) -> None:
        self.act(
            lambda session: actions.checklist.add_note(session, incident_id, step_id, text),
            lambda result: i18n.t("checklist.noted", step=result.title),
        )

    def _prompt(self, key: str, then: Callable[[int, str, str], None]) -> None:
        """Ask for a text about the highlighted step; `then(incident, step, text)` on Enter."""
        item, incident_id = self.current_step(), self.incident_id
        if item is None or incident_id is None:
            return
        prompt = TextPrompt(
            i18n.t(key, step=item["title"]), hint=i18n.t("checklist.prompt_hint"),
            required=i18n.t("checklist.reason_required"), max_length=checklist.MAX_NOTE,
        )
        self.app.push_screen(prompt, lambda text: text and then(incident_id, item["step_id"], text))

    def action_skip(self) -> None:
        self._prompt("checklist.skip_prompt", lambda incident_id, step_id, reason: self._set_state(incident_id, step_id, "skipped", reason))

    def action_note(self) -> None:
        self._prompt("checklist.note_prompt", self._add_note)

    def _select(self, step_id: str | None) -> None:
        """Highlight a step (after a reload), else the first step."""
        options = self.query_one(OptionList)
        ids = list(self._rows)
        target = step_id if step_id in self._rows else next((i for i in ids if self._rows[i]["kind"] == "step"), None)
        if target is not None:
            options.highlighted = ids.index(target)

    def commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        item = self.current_step()
        if item is None:
            return []
        label = f" — {item['title']}"
        return [
            (i18n.t("checklist.key.start") + label, "", partial(self.action_set_state, "doing")),
            (i18n.t("checklist.key.done") + label, "", partial(self.action_set_state, "done")),
            (i18n.t("checklist.key.skip") + label, "", self.action_skip),
            (i18n.t("checklist.key.note") + label, "", self.action_note),
            (i18n.t("checklist.key.reopen") + label, "", partial(self.action_set_state, "todo")),
        ]
