"""The mentions pane: a live list paged from SQLite, a search box, triage keys,
a mentions-per-minute sparkline with spike detection, and a feed health view.

Feed text is untrusted: it reaches widgets only as `rich.text.Text` /
`Content` (never markup). Feeds are polled by the app's feed service
(crisiscomm/tui/feed_service.py); new mentions arrive as change events.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Input, Sparkline, Static

from crisiscomm import actions, i18n, mentions
from crisiscomm.clock import parse_iso
from crisiscomm.feeds import registry, spikes
from crisiscomm.text import keyword_spans
from crisiscomm.tui.bindings import translate_bindings
from crisiscomm.tui.messages import DataChanged
from crisiscomm.tui.panes.base import Pane
from crisiscomm.tui.safe import safe_content
from crisiscomm.tui.screens.intake import ReportDialog
from crisiscomm.tui.widgets.paged_list import PagedList

FILTER_DELAY_S = 0.25
STATE_KEYS = {"s": "seen", "f": "flagged", "e": "escalated", "a": "answered", "x": "ignored", "n": "new"}
SHOWN_STATES = ("seen", "flagged", "escalated", "ignored")
STATE_STYLES = {
    "new": "bold", "seen": "dim", "flagged": "bold yellow", "escalated": "bold red",
    "answered": "green", "ignored": "dim strike",
}
KEYWORD_STYLE = "bold black on yellow"
FEED_WIDTH = 14

i18n.register({
    "mentions.filter": {"tr": "Ara / süz (ör. deprem kızılay) — Enter: listeye geç", "en": "Search / filter (e.g. deprem kizilay) — Enter: to the list"},
    "mentions.no_incident": {"tr": "Açık olay yok: Ctrl+O ile bir olay seçin ya da açın.", "en": "No incident: choose or open one with Ctrl+O."},
    "mentions.rate": {"tr": "{count}/dk · {total} bahsetme · süzgeç: {state}", "en": "{count}/min · {total} mentions · filter: {state}"},
    "mentions.spike": {"tr": "ANİ ARTIŞ: {count}/dk (taban {baseline})", "en": "SPIKE: {count}/min (baseline {baseline})"},
    "mentions.all_states": {"tr": "tümü", "en": "all"},
    "mentions.triaged": {"tr": "{count} bahsetme: {state}", "en": "{count} mention(s): {state}"},
    "mentions.empty": {"tr": "Bu olay için bahsetme yok.", "en": "No mentions for this incident."},
    "mentions.health": {"tr": "Akış sağlığı", "en": "Feed health"},
    "mentions.no_feeds": {"tr": "Kayıtlı akış yok: crisiscomm feeds add URL", "en": "No feeds registered: crisiscomm feeds add URL"},
    "mentions.col.feed": {"tr": "Akış", "en": "Feed"},
    "mentions.col.trust": {"tr": "Güven", "en": "Trust"},
    "mentions.col.status": {"tr": "Durum", "en": "Status"},
    "mentions.col.new": {"tr": "Yeni", "en": "New"},
    "mentions.col.last_ok": {"tr": "Son başarılı", "en": "Last success"},
    "mentions.col.error": {"tr": "Hata", "en": "Error"},
    "mentions.key.seen": {"tr": "Görüldü", "en": "Seen"},
    "mentions.key.flagged": {"tr": "İşaretle", "en": "Flag"},
    "mentions.key.escalated": {"tr": "Üste ilet", "en": "Escalate"},
    "mentions.key.answered": {"tr": "Yanıtlandı", "en": "Answered"},
    "mentions.key.ignored": {"tr": "Yok say", "en": "Ignore"},
    "mentions.key.new": {"tr": "Okunmadı", "en": "Unread"},
    "mentions.key.select": {"tr": "Seç", "en": "Select"},
    "mentions.key.filter": {"tr": "Durum süzgeci", "en": "State filter"},
    "mentions.key.health": {"tr": "Akış sağlığı", "en": "Feed health"},
    "mentions.key.search": {"tr": "Ara", "en": "Search"},
    "mentions.key.poll": {"tr": "Şimdi tara", "en": "Poll now"},
    "mentions.selected": {"tr": "{count} seçili", "en": "{count} selected"},
    "mentions.cmd.state": {"tr": "Bahsetme: {state} olarak işaretle", "en": "Mentions: mark {state}"},
    "mentions.cmd.health": {"tr": "Bahsetme: akış sağlığını göster/gizle", "en": "Mentions: show/hide feed health"},
    "mentions.cmd.poll": {"tr": "Bahsetme: akışları şimdi tara", "en": "Mentions: poll feeds now"},
    "mentions.key.report": {"tr": "Bildirim ekle", "en": "Add report"},
    "mentions.cmd.report": {"tr": "Bahsetme: gelen bildirimi ekle (telefon, vatandaş, e-posta, saha)",
                            "en": "Mentions: add an incoming report (phone, citizen, e-mail, field)"},
    "mentions.reach": {"tr": "{n} takipçi", "en": "{n} followers"},
    "mentions.shares": {"tr": "{n} paylaşım", "en": "{n} shares"},
    "mentions.post.reply": {"tr": "yanıt", "en": "reply"},
    "mentions.post.boost": {"tr": "yeniden paylaşım", "en": "boost"},
    "mentions.post.quote": {"tr": "alıntı", "en": "quote"},
    "mentions.post.forward": {"tr": "iletilmiş", "en": "forwarded"},
    "mentions.same_page": {"tr": "aynı sayfa: #{id}", "en": "same page as #{id}"},
    # short forms for the list's state column (8 cells)
    "mstate.short.new": {"tr": "yeni", "en": "new"},
    "mstate.short.seen": {"tr": "görüldü", "en": "seen"},
    "mstate.short.flagged": {"tr": "işaretli", "en": "flagged"},
    "mstate.short.escalated": {"tr": "iletildi", "en": "escal."},
    "mstate.short.answered": {"tr": "yanıtlı", "en": "answered"},
    "mstate.short.ignored": {"tr": "yok say.", "en": "ignored"},
    "mstate.new": {"tr": "yeni", "en": "new"},
    "mstate.seen": {"tr": "görüldü", "en": "seen"},
    "mstate.flagged": {"tr": "işaretli", "en": "flagged"},
    "mstate.escalated": {"tr": "üste iletildi", "en": "escalated"},
    "mstate.answered": {"tr": "yanıtlandı", "en": "answered"},
    "mstate.ignored": {"tr": "yok sayıldı", "en": "ignored"},
})


def _clock(value: str | None) -> str:
    if not value:
        return "--:--"
    try:
        return parse_iso(value).astimezone().strftime("%H:%M")
    except ValueError:
        return "--:--"


def compact_count(n: int) -> str:
    """A follower count in four cells or so: 950, 12K, 1.2M."""
    if n < 1000:
        return str(n)
    for unit, size in (("M", 1_000_000), ("K", 1000)):
        if n >= size:
            value = n / size
            return (f"{value:.1f}".rstrip("0").rstrip(".") if value < 10 else f"{value:.0f}") + unit
    return str(n)


def render_mention(row: dict, width: int) -> Text:
    """One list row: time, feed, state, reach (when the source tells it), and the title (or text)
    with keywords highlighted."""
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(_clock(row.get("published_at") or row.get("fetched_at")), style="dim")
    line.append(" ")
    line.append((row.get("feed") or "-")[:FEED_WIDTH].ljust(FEED_WIDTH), style="cyan")
    line.append(" ")
    state = row.get("state", "new")
    line.append(f"{i18n.t('mstate.short.' + state)[:8]:<8}", style=STATE_STYLES.get(state, ""))
    line.append(" ")
    if row.get("reach"):
        line.append(f"{compact_count(row['reach']):>4}", style="magenta")
        line.append(" ")
    body = " ".join((row.get("title") or row.get("text") or "").split())
    text = Text(body)
    for start, end in keyword_spans(body, row.get("keywords") or []):
        text.stylize(KEYWORD_STYLE, start, end)
    line.append_text(text)
    line.truncate(max(1, width), overflow="ellipsis")
    return line


class MentionSource:
    """A PageSource over a MentionQuery: counted in a worker, pages read on the UI thread."""

    def __init__(self, pane: MentionsPane, query: mentions.MentionQuery) -> None:
        self.pane = pane
        self.query = query

    def count(self) -> int:
        return self.query.count(self.pane.dash.thread_store())

    def fetch(self, offset: int, limit: int, total: int) -> list[dict]:
        # Called on the UI thread (PagedList.row_at): the UI's own connection, which no
        # worker holds, so a page never waits for a background ingest's transaction.
        return self.query.fetch(self.pane.dash.store, offset, limit, total=total)


class MentionList(PagedList):
    """The paged list, with its multi-select key shown in the footer (triage applies to the selection)."""

    BINDINGS = [Binding("space", "toggle_select", "mentions.key.select")]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)


class MentionsPane(Pane):
    PANE_ID = "mentions"
    TITLE_KEY = "pane.mentions"
    # mentions.ingested/spike, mention.triaged/erased; incident.keywords changes the highlights
    WATCHES = ("mention", "incident.")

    BINDINGS = [  # descriptions are i18n keys (Pane translates them)
        *[Binding(key, f"triage('{state}')", f"mentions.key.{state}", show=state in SHOWN_STATES)
          for key, state in STATE_KEYS.items()],
        Binding("slash", "focus_filter", "mentions.key.search", key_display="/"),
        Binding("h", "toggle_health", "mentions.key.health"),
        Binding("v", "cycle_state", "mentions.key.filter", show=False),
        Binding("r", "poll_now", "mentions.key.poll", show=False),
        Binding("i", "add_report", "mentions.key.report"),
    ]

    DEFAULT_CSS = """
    MentionsPane #mentions-filter { height: 1; border: none; padding: 0 1; background: $boost; }
    MentionsPane #mentions-filter:focus { background: $accent 20%; }
    MentionsPane #mentions-bar { height: 1; }
    MentionsPane #mentions-rate { width: auto; max-width: 60%; padding: 0 1; }
    MentionsPane #mentions-rate.-spike { background: $error; color: $text; text-style: bold; }
    MentionsPane #mentions-spark { width: 1fr; height: 1; }
    MentionsPane #mentions-list { height: 1fr; }
    MentionsPane #mentions-detail { height: 4; padding: 0 1; background: $boost; color: $text-muted; }
    MentionsPane #feeds-health { height: 1fr; display: none; }
    MentionsPane.-health #feeds-health { display: block; }
    MentionsPane.-health #mentions-list, MentionsPane.-health #mentions-detail { display: none; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.state_filter: str | None = None
        self._query_text = ""
        self._signature: tuple | None = None
        self._filter_timer = None
        self._rate_args: tuple[list[int], dict | None] = ([0], None)

    def compose(self):
        yield Input(placeholder=i18n.t("mentions.filter"), id="mentions-filter")
        with Horizontal(id="mentions-bar"):
            yield Static(id="mentions-rate", markup=False)
            yield Sparkline([0], id="mentions-spark", summary_function=max)
        yield MentionList(None, render_mention, id="mentions-list")
        yield DataTable(id="feeds-health", cursor_type="row", zebra_stripes=True)
        yield Static(id="mentions-detail", markup=False)

    def on_mount(self) -> None:
        table = self.query_one("#feeds-health", DataTable)
        for key in ("feed", "trust", "status", "new", "last_ok", "error"):
            table.add_column(Text(i18n.t(f"mentions.col.{key}")), key=key)
        self.border_title = Content(i18n.t(self.TITLE_KEY))
        super().on_mount()

    @property
    def paged(self) -> PagedList:
        return self.query_one("#mentions-list", PagedList)

    def focus(self, scroll_visible: bool = True) -> MentionsPane:
        """Showing the pane (F1) puts the cursor in the list, where the triage keys work."""
        self.paged.focus(scroll_visible)
        return self

    def selected_mention_ids(self) -> list[int]:
        """The selection, or the mention under the cursor (the claims pane links these)."""
        return [int(i) for i in self.paged.target_keys()]

    # -- data -------------------------------------------------------------------------
    def wants(self, change: DataChanged) -> bool:
        if self.has_class("-health") and (change.untracked or change.touches(("mentions.", "feed."), self.incident_id)):
            self._load_health()  # a poll changed the feeds' health
        return super().wants(change)

    def refresh_data(self) -> None:
        incident = self.dash.incident
        signature = (incident.id, incident.closed_at, tuple(incident.keywords), self.state_filter,
                     self._query_text) if incident else None
        if signature != self._signature:
            self._signature = signature
            source = None
            if incident is not None:
                query = mentions.MentionQuery(incident, state=self.state_filter, query=self._query_text)
                source = MentionSource(self, query)
            self.paged.set_source(source)
        else:
            self.paged.reload()
        if incident is None:
            self._show_detail(None)
        self._load_side(incident)
        if self.has_class("-health"):
            self._load_health()

    @work(thread=True, exclusive=True, group="mentions-side", exit_on_error=False)
    def _load_side(self, incident: dict | None) -> None:
        if incident is None:
            self.app.call_from_thread(self._show_rate, [0], None)
            return
        counts, spike = spikes.check_incident(self.dash.thread_store(), incident, operator=self.dash.operator)
        self.app.call_from_thread(self._show_rate, counts, spike)

    @on(PagedList.Counted, "#mentions-list")
    def _counted(self) -> None:
        self._show_rate(*self._rate_args)

    def _show_rate(self, counts: list[int], spike: dict | None) -> None:
        self._rate_args = (counts, spike)
        self.query_one("#mentions-spark", Sparkline).data = counts
        label = self.query_one("#mentions-rate", Static)
        state = i18n.t(f"mstate.{self.state_filter}") if self.state_filter else i18n.t("mentions.all_states")
        text = i18n.t("mentions.rate", count=counts[-1] if counts else 0, total=f"{self.paged.row_count:,}", state=state)
        if spike:
            text = i18n.t("mentions.spike", count=spike["count"], baseline=spike["baseline"]) + " · " + text
        label.update(Content(text))
        label.set_class(bool(spike), "-spike")

    @work(thread=True, exclusive=True, group="mentions-health", exit_on_error=False)
    def _load_health(self) -> None:
        feeds = registry.list_feeds(self.dash.thread_store())
        self.app.call_from_thread(self._show_health, feeds)

    def _show_health(self, feeds: list[dict]) -> None:
        table = self.query_one("#feeds-health", DataTable)
        table.clear()
        if not feeds:
            table.add_row(Text(i18n.t("mentions.no_feeds")), *[Text("")] * 5)
        status_styles = {"ok": "green", "unchanged": "green", "error": "bold red", "new": "dim"}
        for feed in feeds:
            error = feed["last_error"] or ""
            if feed["failures"]:
                error = f"{feed['failures']}× {error}"
            table.add_row(
                Text(feed["name"]), Text(feed["trust"]),
                Text(feed["status"], style=status_styles.get(feed["status"], "")),
                Text(str(feed["last_new"])), Text(_clock(feed["last_success"])), Text(error),
                key=str(feed["id"]),
            )

    # -- detail ---------------------------------------------------------------------------
    @on(PagedList.Highlighted, "#mentions-list")
    def _highlighted(self, message: PagedList.Highlighted) -> None:
        self._show_detail(message.row)

    def _show_detail(self, row: dict | None) -> None:
        detail = self.query_one("#mentions-detail", Static)
        if row is None:
            key = "mentions.no_incident" if self.dash.incident_id is None else "mentions.empty"
            detail.update(Content(i18n.t(key) if self.paged.row_count == 0 or self.dash.incident_id is None else ""))
            return
        head = [f"#{row['id']}", row.get("feed") or "-", row.get("author") or "", row.get("handle") or "",
                i18n.t("mstate." + row["state"])]
        if row.get("reach"):
            head.append(i18n.t("mentions.reach", n=f"{row['reach']:,}"))
        if row.get("shares"):
            head.append(i18n.t("mentions.shares", n=f"{row['shares']:,}"))
        if row.get("post_type"):
            head.append(i18n.t(f"mentions.post.{row['post_type']}"))
        if row.get("duplicate_of"):
            head.append(i18n.t("mentions.same_page", id=row["duplicate_of"]))
        if self.paged.selected:
            head.insert(0, i18n.t("mentions.selected", count=len(self.paged.selected)))
        parts = [" · ".join(p for p in head if p)]
        if row.get("title"):
            parts.append(row["title"])
        parts.append(" ".join((row.get("text") or "").split()))
        if row.get("link"):
            parts.append(row["link"])
        detail.update(safe_content("\n".join(parts)))

    # -- filter -----------------------------------------------------------------------------
    @on(Input.Changed, "#mentions-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY_S, lambda: self._apply_filter(event.value))

    @on(Input.Submitted, "#mentions-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._apply_filter(event.value)
        self.paged.focus()

    def _apply_filter(self, value: str) -> None:
        if value.strip() != self._query_text:
            self._query_text = value.strip()
            self.refresh_data()

    def action_focus_filter(self) -> None:
        self.query_one("#mentions-filter", Input).focus()

    def action_cycle_state(self) -> None:
        order = [None, *mentions.STATES]
        self.state_filter = order[(order.index(self.state_filter) + 1) % len(order)]
        self.refresh_data()

    # -- triage ------------------------------------------------------------------------------
    def action_triage(self, state: str) -> None:
        ids = self.paged.target_keys()
        if not ids:
            return
        incident_id = self.incident_id
        self.paged.clear_selection()
        self.act(
            lambda session: actions.mentions.triage(session, ids, state, incident_id=incident_id),
            lambda result: i18n.t("mentions.triaged", count=len(result.changed), state=i18n.t(f"mstate.{state}")),
        )

    def action_toggle_health(self) -> None:
        self.toggle_class("-health")
        if self.has_class("-health"):
            self._load_health()

    def action_poll_now(self) -> None:
        self.dash.feeds.poll_now()

    def action_add_report(self) -> None:
        """What was phoned in, written in or seen in the field, as a mention of this incident."""
        incident_id = self.incident_id
        if incident_id is None:
            self.app.notify(i18n.t("mentions.no_incident"), markup=False)
            return

        def chosen(report: dict | None) -> None:
            if report:
                self.act(lambda session: actions.mentions.report(session, incident_id, **report),
                         lambda mention_id: i18n.t("intake.added", id=mention_id))

        self.app.push_screen(ReportDialog(), chosen)

    # -- command palette ------------------------------------------------------------------------
    def commands(self):
        cmds = [(i18n.t("mentions.cmd.state", state=i18n.t(f"mstate.{state}")), "", lambda s=state: self.action_triage(s))
                for state in mentions.STATES]
        cmds.append((i18n.t("mentions.cmd.health"), "", self.action_toggle_health))
        cmds.append((i18n.t("mentions.cmd.poll"), "", self.action_poll_now))
        cmds.append((i18n.t("mentions.cmd.report"), "", self.action_add_report))
        return cmds
