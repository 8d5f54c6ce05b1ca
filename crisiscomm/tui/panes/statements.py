"""The statements pane: versions and states, an editor with live lint, channel counters.

Left: the incident's statements (newest version's state) and the lint findings
of the text in the editor. Right: the editor and each channel's length. The
lint runs in a worker a moment after typing stops. Keys (outside the editor):
`n` new blank draft, `t` draft from a template, `e` edit, `s` submit for
review, `a` approve, `A` approve acknowledging warnings, `r` reject with a
reason, `p` publish, `y` copy the highlighted channel's text, Enter on a
channel: preview. In the editor: Ctrl+S saves a new version, Esc leaves.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import DataTable, Static, TextArea

from crisiscomm import actions, i18n, incidents
from crisiscomm.models import Statement
from crisiscomm.posts import CHANNELS
from crisiscomm.statements import channel_texts, channels, workflow
from crisiscomm.statements.findings import Finding, errors, warnings
from crisiscomm.statements.templates import templates_for
from crisiscomm.tui.panes.base import Pane
from crisiscomm.tui.panes.statements_dialogs import (
    PreviewScreen,
    PublishScreen,
    ReasonScreen,
    TemplateScreen,
)

LINT_DELAY = 0.4

i18n.register(
    {  # footer keys (binding descriptions)
        "New": {"tr": "Yeni", "en": "New"},
        "Template": {"tr": "Şablon", "en": "Template"},
        "Edit": {"tr": "Düzenle", "en": "Edit"},
        "Submit": {"tr": "Onaya sun", "en": "Submit"},
        "Approve": {"tr": "Onayla", "en": "Approve"},
        "Approve+ack": {"tr": "Uyarılarla onayla", "en": "Approve+ack"},
        "Reject": {"tr": "Reddet", "en": "Reject"},
        "Publish": {"tr": "Yayımla", "en": "Publish"},
        "Leave editor": {"tr": "Düzenleyiciden çık", "en": "Leave editor"},
    }
)
i18n.register(
    {
        "st.col.id": {"tr": "#", "en": "#"},
        "st.col.version": {"tr": "Sür.", "en": "Ver."},
        "st.col.state": {"tr": "Durum", "en": "State"},
        "st.col.title": {"tr": "Başlık", "en": "Title"},
        "st.col.channel": {"tr": "Kanal", "en": "Channel"},
        "st.col.length": {"tr": "Uzunluk", "en": "Length"},
        "st.state.draft": {"tr": "taslak", "en": "draft"},
        "st.state.in_review": {"tr": "incelemede", "en": "in review"},
        "st.state.approved": {"tr": "onaylı", "en": "approved"},
        "st.state.published": {"tr": "yayımlandı", "en": "published"},
        "st.state.superseded": {"tr": "eskidi", "en": "superseded"},
        "st.state.rejected": {"tr": "reddedildi", "en": "rejected"},
        "st.no_incident": {"tr": "Olay seçilmedi.", "en": "No incident selected."},
        "st.empty": {
            "tr": "Açıklama yok: n boş taslak, t şablondan; ya da yazıp Ctrl+S.",
            "en": "No statements: n blank draft, t from a template; or type and Ctrl+S.",
        },
        "st.clean": {"tr": "Bulgu yok.", "en": "No findings."},
        "st.summary": {"tr": "{errors} hata, {warnings} uyarı", "en": "{errors} error(s), {warnings} warning(s)"},
        "st.status": {"tr": "#{id} sürüm {version} {state} · yazan {author}", "en": "#{id} v{version} {state} · by {author}"},
        "st.approved_by": {"tr": " · onaylayan {who}", "en": " · approved by {who}"},
        "st.rejected_by": {"tr": " · {who} reddetti: {reason}", "en": " · rejected by {who}: {reason}"},
        "st.unsaved": {"tr": " · kaydedilmedi (Ctrl+S)", "en": " · unsaved (Ctrl+S)"},
        "st.saved": {"tr": "Açıklama #{id} sürüm {version} kaydedildi", "en": "Statement #{id} v{version} saved"},
        "st.submitted": {"tr": "#{id} incelemeye gönderildi", "en": "#{id} sent for review"},
        "st.approved": {"tr": "#{id} onaylandı", "en": "#{id} approved"},
        "st.rejected": {"tr": "#{id} reddedildi", "en": "#{id} rejected"},
        "st.published": {"tr": "#{id} {channel} kanalında yayımlandı", "en": "#{id} published on {channel}"},
        "st.simulated": {
            "tr": "#{id} {channel}: BENZETİM kaydı (tatbikat, canlı kanala gitmedi)",
            "en": "#{id} {channel}: SIMULATED post (exercise, nothing went live)",
        },
        "st.copied": {"tr": "{channel} metni panoya kopyalandı", "en": "{channel} text copied to the clipboard"},
        "st.select_first": {"tr": "Önce bir açıklama seçin.", "en": "Select a statement first."},
        "st.key.new": {"tr": "Yeni taslak", "en": "New draft"},
        "st.key.template": {"tr": "Şablondan", "en": "From template"},
        "st.key.save": {"tr": "Kaydet", "en": "Save version"},
        "st.key.submit": {"tr": "İncelemeye gönder", "en": "Submit for review"},
        "st.key.approve": {"tr": "Onayla", "en": "Approve"},
        "st.key.approve_ack": {"tr": "Uyarıları kabul edip onayla", "en": "Approve, acknowledging warnings"},
        "st.key.reject": {"tr": "Reddet", "en": "Reject"},
        "st.key.publish": {"tr": "Yayımla", "en": "Publish"},
        "st.key.copy": {"tr": "Kanal metnini kopyala", "en": "Copy channel text"},
        "st.key.edit": {"tr": "Düzenle", "en": "Edit"},
    }
)


def finding_line(f: Finding) -> Text:
    """One finding as plain text (its message quotes the statement: never markup)."""
    line = Text()
    line.append("✖ " if f.severity == "error" else "▲ ", style="bold red" if f.severity == "error" else "bold yellow")
    line.append(f.rule, style="bold")
    line.append(" " + f.message)
    return line


def findings_text(found: list[Finding]) -> Text:
    if not found:
        return Text(i18n.t("st.clean"), style="green")
    out = Text(i18n.t("st.summary", errors=len(errors(found)), warnings=len(warnings(found))) + "\n", style="bold")
    out.append_text(Text("\n").join(finding_line(f) for f in found))
    return out


class StatementsPane(Pane):
    PANE_ID = "statements"
    TITLE_KEY = "pane.statements"
    # statements; facts change the lint; posts and corrections show on a statement's line
    WATCHES = ("statement.", "fact.", "post.", "claim.correction_started", "consistency.")

    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("n", "new", "New"),
        Binding("t", "from_template", "Template"),
        Binding("e", "edit", "Edit", show=False),
        Binding("s", "submit", "Submit"),
        Binding("a", "approve", "Approve"),
        Binding("A,shift+a", "approve(True)", "Approve+ack", show=False),
        Binding("r", "reject", "Reject"),
        Binding("p", "publish", "Publish"),
        Binding("y", "copy", "Copy"),
        Binding("escape", "leave_editor", "Leave editor", show=False),
    ]

    DEFAULT_CSS = """
    StatementsPane #st-main { height: 1fr; }
    StatementsPane #st-side { width: 40%; min-width: 24; }
    StatementsPane #st-list { height: 1fr; min-height: 4; overflow-x: hidden; }
    StatementsPane #st-findings-box { height: 1fr; border-top: solid $primary-darken-2; }
    StatementsPane #st-work { width: 1fr; }
    StatementsPane #st-editor { height: 1fr; min-height: 5; }
    StatementsPane #st-channels { height: 7; }
    StatementsPane #st-status { height: 1; background: $panel; }
    StatementsPane #st-status.-unsaved { background: $warning-darken-2; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[dict] = []
        self._selected: int | None = None           # statement id
        self._loaded_version: int | None = None     # version row id shown in the editor
        self._unsaved: dict[int | None, str] = {}   # edits not yet saved, per statement (None: a new one)
        self._measures: list[channels.Measure] = []
        self._lint_timer: Timer | None = None
        self._shown_incident: int | None = None

    # -- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="st-main"):
            with Vertical(id="st-side"):
                yield DataTable(id="st-list", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="st-findings-box"):
                    yield Static(Text(""), id="st-findings", markup=False)
            with Vertical(id="st-work"):
                yield TextArea("", id="st-editor", soft_wrap=True, tab_behavior="focus")
                yield DataTable(id="st-channels", cursor_type="row")
        yield Static(Text(""), id="st-status", markup=False)

    def on_mount(self) -> None:
        self.border_title = i18n.t(self.TITLE_KEY)
        listing = self.query_one("#st-list", DataTable)
        listing.add_column(Text(i18n.t("st.col.id")), key="id", width=3)
        listing.add_column(Text(i18n.t("st.col.version")), key="version", width=3)
        listing.add_column(Text(i18n.t("st.col.state")), key="state", width=10)
        listing.add_column(Text(i18n.t("st.col.title")), key="title")
        table = self.query_one("#st-channels", DataTable)
        table.add_column(Text(i18n.t("st.col.channel")), key="channel", width=10)
        table.add_column(Text(i18n.t("st.col.length")), key="length")
        super().on_mount()

    def focus(self, scroll_visible: bool = True) -> StatementsPane:
        """Focusing the pane (F3, a tab) puts the cursor on the statements, where its keys work."""
        self.query_one("#st-list", DataTable).focus(scroll_visible)
        return self

    # -- loading ------------------------------------------------------------------
    @property
    def exercise(self) -> bool:
        incident = self.dash.incident
        return bool(incident and incident.is_exercise)

    def refresh_data(self) -> None:
        if self.incident_id != self._shown_incident:
            self._shown_incident = self.incident_id
            self._selected, self._loaded_version, self._unsaved = None, None, {}
        if self.incident_id is None:
            self._show_list(None, [])
            return
        self._load(self.incident_id)

    @work(thread=True, exclusive=True, group="statements-load", exit_on_error=False)
    def _load(self, incident_id: int) -> None:
        rows = workflow.list_statements(self.dash.thread_store(), incident_id)
        self.app.call_from_thread(self._show_list, incident_id, rows)

    def _show_list(self, incident_id: int | None, rows: list[dict]) -> None:
        if incident_id != self.incident_id:
            return
        self._rows = rows
        listing = self.query_one("#st-list", DataTable)
        listing.clear()
        for st in rows:
            listing.add_row(Text(str(st["id"])), Text(f"v{st['version']}"), self._state_text(st["state"]),
                            Text(st["title"] or st["body"][:60].replace("\n", " ")), key=str(st["id"]))
        if self._selected is None and rows:
            self._selected = rows[0]["id"]
        ids = [st["id"] for st in rows]
        if self._selected in ids:
            listing.move_cursor(row=ids.index(self._selected), animate=False)
        self._load_editor()

    @staticmethod
    def _state_text(state: str) -> Text:
        styles = {"approved": "bold green", "published": "bold cyan", "rejected": "bold red",
                  "in_review": "bold yellow", "superseded": "dim"}
        return Text(i18n.t(f"st.state.{state}"), style=styles.get(state, ""))

    @property
    def current(self) -> dict | None:
        return next((st for st in self._rows if st["id"] == self._selected), None)

    def _load_editor(self) -> None:
        """Show the selected statement's newest version, unless the operator is editing it."""
        st = self.current
        version_id = st["versions"][-1]["id"] if st else None
        editor = self.query_one("#st-editor", TextArea)
        if version_id != self._loaded_version:
            self._loaded_version = version_id
            text = self._unsaved.get(self._selected, st["body"] if st else "")
            if editor.text != text:
                editor.load_text(text)
        self._show_status()
        self._schedule_lint()

    @on(DataTable.RowHighlighted, "#st-list")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value if event.row_key else None
        if key is not None and int(key) != self._selected:
            self._selected = int(key)
            self._loaded_version = None
            self._load_editor()

    # -- editing and live lint ----------------------------------------------------
    @on(TextArea.Changed, "#st-editor")
    def _edited(self, event: TextArea.Changed) -> None:
        st = self.current
        saved = st["body"] if st else ""
        if event.text_area.text != saved:
            self._unsaved[self._selected] = event.text_area.text
        else:
            self._unsaved.pop(self._selected, None)
        self._show_status()
        self._schedule_lint()

    def _schedule_lint(self) -> None:
        if self._lint_timer is not None:
            self._lint_timer.stop()
        self._lint_timer = self.set_timer(LINT_DELAY, self._start_lint)

    def _start_lint(self) -> None:
        if self.incident_id is not None:
            self._lint(self.incident_id, self.query_one("#st-editor", TextArea).text, self._forms())

    @work(thread=True, exclusive=True, group="statements-lint", exit_on_error=False)
    def _lint(self, incident_id: int, text: str, forms: dict[str, str]) -> None:
        store = self.dash.thread_store()
        incident = incidents.get(store, incident_id)
        exercise = incident.is_exercise
        shown = channels.with_exercise_mark(text) if exercise and text.strip() else text
        found = workflow.lint_version(store, incident, shown, forms) if text.strip() else []
        measures = channel_texts.measure_version({"body": text, "channel_texts": forms}, exercise=exercise)
        self.app.call_from_thread(self._show_lint, text, found, measures)

    def _show_lint(self, text: str, found: list[Finding], measures: list[channels.Measure]) -> None:
        if text != self.query_one("#st-editor", TextArea).text:
            return  # typed again since: a newer lint is on its way
        self.query_one("#st-findings", Static).update(findings_text(found))
        self._measures = measures
        table = self.query_one("#st-channels", DataTable)
        cursor = table.cursor_row
        table.clear()
        for m in measures:
            style = "bold red" if m.over else ("yellow" if m.unit == "segments" and (m.segments or 0) > 1 else "")
            table.add_row(Text(m.channel), Text(m.describe() + (" ✖" if m.over else ""), style=style), key=m.channel)
        if measures:
            table.move_cursor(row=min(cursor, len(measures) - 1), animate=False)

    def _show_status(self) -> None:
        status = self.query_one("#st-status", Static)
        unsaved = self._selected in self._unsaved
        status.set_class(unsaved, "-unsaved")
        if self.incident_id is None:
            status.update(Text(i18n.t("st.no_incident")))
            return
        st = self.current
        if st is None:
            status.update(Text(i18n.t("st.empty") + (i18n.t("st.unsaved") if unsaved else "")))
            return
        newest = st["versions"][-1]
        line = i18n.t("st.status", id=st["id"], version=st["version"], state=i18n.t(f"st.state.{st['state']}"),
                      author=st["author"])
        if st["state"] == "rejected":
            line += i18n.t("st.rejected_by", who=newest["approver"], reason=newest["reason"])
        elif newest["approver"]:
            line += i18n.t("st.approved_by", who=newest["approver"])
        if st["channels"]:
            line += " · " + ", ".join(st["channels"])
        status.update(Text(line + (i18n.t("st.unsaved") if unsaved else "")))

    # -- actions ------------------------------------------------------------------
    def _need_selection(self) -> int | None:
        if self._selected is None:
            self.app.notify(i18n.t("st.select_first"), severity="warning", markup=False)
        return self._selected

    def _show_after(self, edited: int | None = None, *, was_edit: bool = False) -> Callable[[Statement], None]:
        """After a write succeeded: show that statement, drop the edits it saved."""
        def apply(st: Statement) -> None:
            if was_edit:
                self._unsaved.pop(edited, None)
            self._selected, self._loaded_version = st.id, None

        return apply

    @staticmethod
    def _saved(st: Statement) -> str:
        return i18n.t("st.saved", id=st.id, version=st.version)

    def action_save(self) -> None:
        if self.incident_id is None:
            return
        text = self.query_one("#st-editor", TextArea).text
        sid, inc = self._selected, self.incident_id
        if sid is None:
            call = lambda session: actions.statements.draft(session, inc, body=text)  # noqa: E731
        else:
            call = lambda session: actions.statements.revise(session, sid, text)  # noqa: E731
        self.act(call, self._saved, on_success=self._show_after(sid, was_edit=True))

    def action_new(self) -> None:
        if self.incident_id is None:
            return
        inc = self.incident_id
        self.act(lambda session: actions.statements.draft(session, inc), self._saved,
                 on_success=self._show_after())

    def action_from_template(self) -> None:
        incident = self.dash.incident
        if incident is None:
            return
        self.app.push_screen(TemplateScreen(templates_for(incident.playbook)),
                             self._template_chosen)

    def _template_chosen(self, choice: tuple[str, str] | None) -> None:
        if choice is None or self.incident_id is None:
            return
        template_id, language = choice
        inc = self.incident_id
        self.act(lambda session: actions.statements.draft(session, inc, template_id=template_id,
                                                               language=language or None),
                 self._saved, on_success=self._show_after())

    def action_edit(self) -> None:
        self.query_one("#st-editor", TextArea).focus()

    def action_leave_editor(self) -> None:
        self.query_one("#st-list", DataTable).focus()

    def action_submit(self) -> None:
        sid = self._need_selection()
        if sid is not None:
            self.act(lambda session: actions.statements.submit(session, sid), i18n.t("st.submitted", id=sid))

    def action_approve(self, acknowledge: bool = False) -> None:
        sid = self._need_selection()
        if sid is not None:
            self.act(lambda session: actions.statements.approve(session, sid, acknowledge_warnings=acknowledge),
                     i18n.t("st.approved", id=sid))

    def action_reject(self) -> None:
        if self._need_selection() is not None:
            self.app.push_screen(ReasonScreen(), self._rejected)

    def _rejected(self, reason: str | None) -> None:
        sid = self._selected
        if reason and sid is not None:
            self.act(lambda session: actions.statements.reject(session, sid, reason=reason),
                     i18n.t("st.rejected", id=sid))

    def _highlighted_channel(self) -> str:
        table = self.query_one("#st-channels", DataTable)
        if self._measures and 0 <= table.cursor_row < len(self._measures):
            return self._measures[table.cursor_row].channel
        return CHANNELS[0]

    def action_publish(self) -> None:
        if self._need_selection() is not None:
            self.app.push_screen(PublishScreen(self._highlighted_channel(), self.exercise), self._publish_chosen)

    def _publish_chosen(self, choice: tuple[str, str] | None) -> None:
        sid = self._selected
        if choice is None or sid is None:
            return
        channel, url = choice

        def done(st: Statement) -> str:
            return i18n.t("st.simulated" if st.post.simulated else "st.published", id=st.id, channel=channel)

        self.act(lambda session: actions.statements.publish(session, sid, channel, url=url or None), done)

    def _forms(self) -> dict[str, str]:
        """The selected version's own channel texts (X, Bluesky, SMS): they stay when the body is edited."""
        st = self.current
        return dict(st.get("channel_texts") or {}) if st else {}

    def _channel_text(self, channel: str) -> str:
        version = {"body": self.query_one("#st-editor", TextArea).text, "channel_texts": self._forms()}
        return channel_texts.posted_text(version, channel, exercise=self.exercise)

    def action_copy(self) -> None:
        channel = self._highlighted_channel()
        self.app.copy_to_clipboard(self._channel_text(channel))
        self.app.notify(i18n.t("st.copied", channel=channel), markup=False)

    @on(DataTable.RowSelected, "#st-channels")
    def _preview(self, event: DataTable.RowSelected) -> None:
        channel = str(event.row_key.value)
        text = self._channel_text(channel)
        self.app.push_screen(PreviewScreen(text, channels.measure(text, channel)),
                             lambda edited: self._save_channel_text(channel, edited))

    def _save_channel_text(self, channel: str, edited: str | None) -> None:
        """The channel's own text edited in its preview: a new version, the body and the others kept."""
        sid = self._selected
        if edited is None or sid is None:
            return
        self.act(lambda session: actions.statements.revise(session, sid, edited, channel=channel),
                 self._saved, on_success=self._show_after())

    def commands(self):
        return [
            (i18n.t("st.key.new"), "n", self.action_new),
            (i18n.t("st.key.template"), "t", self.action_from_template),
            (i18n.t("st.key.save"), "Ctrl+S", self.action_save),
            (i18n.t("st.key.submit"), "s", self.action_submit),
            (i18n.t("st.key.approve"), "a", self.action_approve),
            (i18n.t("st.key.approve_ack"), "A", lambda: self.action_approve(True)),
            (i18n.t("st.key.reject"), "r", self.action_reject),
            (i18n.t("st.key.publish"), "p", self.action_publish),
            (i18n.t("st.key.copy"), "y", self.action_copy),
        ]
