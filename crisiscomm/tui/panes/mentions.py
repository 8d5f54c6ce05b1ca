"""The mentions pane: a live list paged from SQLite, a search box, triage keys,
a mentions-per-minute sparkline with spike detection.

The cursor and the selection are mentions, not rows (see PagedList): new
arrivals never move them, and show as "N new ↑". The list is newest first by
arrival or by publication (`o`), and each row says how old the mention is.
Feed text is untrusted: it reaches widgets only as `rich.text.Text` /
`Content` (never markup). Feeds are polled by the app's feed service; their
health and registration are on the feeds screen (`h`).
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Sparkline, Static

from crisiscomm import actions, i18n, mentions
from crisiscomm.feeds import registry, spikes
from crisiscomm.feeds.intake import shown_feed_name
from crisiscomm.models import Incident
from crisiscomm.text import keyword_spans
from crisiscomm.tui.bindings import translate_bindings
from crisiscomm.tui.panes.base import Pane, focus_now
from crisiscomm.tui.safe import safe_content
from crisiscomm.tui.screens.intake import ReportDialog
from crisiscomm.tui.when import SHORT_WIDTH, world_age
from crisiscomm.tui.when import WIDTH as TIME_WIDTH
from crisiscomm.tui.widgets.paged_list import PagedList
from crisiscomm.world_time import World

FILTER_DELAY_S = 0.25
AGE_TICK_S = 10.0  # ages ("3dk") count on while nothing arrives
STATE_KEYS = {"s": "seen", "f": "flagged", "e": "escalated", "a": "answered", "x": "ignored", "n": "new"}
SHOWN_STATES = ("seen", "flagged", "escalated", "ignored")
STATE_STYLES = {
    "new": "bold", "seen": "dim", "flagged": "bold yellow", "escalated": "bold red",
    "answered": "green", "ignored": "dim strike",
}
KEYWORD_STYLE = "bold black on yellow"
FEED_WIDTH = 12

i18n.register({
    "mentions.filter": {"tr": "Ara / filtrele (ör. deprem kızılay) — Enter: listeye geç", "en": "Search / filter (e.g. deprem kizilay) — Enter: to the list"},
    "mentions.no_incident": {"tr": "Açık olay yok: Ctrl+O ile bir olay seçin ya da açın.", "en": "No incident: choose or open one with Ctrl+O."},
    "mentions.no_feeds_hint": {
        "tr": "Bu olay için içerik yok. Kayıtlı akış yok: h ile akışlar ekranını açıp a ile ekleyin.",
        "en": "No mentions for this incident. No feeds registered: press h for the feeds screen, then a to add one.",
    },
    "mentions.spike": {"tr": "ANİ ARTIŞ: dakikada {count} (olağan {baseline})", "en": "SPIKE: {count}/min (baseline {baseline})"},
    "mentions.all_states": {"tr": "tümü", "en": "all"},
    "mentions.triaged": {"tr": "{count} içerik: {state}", "en": {"one": "{count} mention: {state}", "other": "{count} mentions: {state}"}},
    "mentions.empty": {
        "tr": "Bu olay için henüz içerik yok. Olay açılmadan önce gelenler sayılmaz: b ile onları da gösterin; "
              "r ile akışları şimdi tarayın.",
        "en": "No mentions for this incident yet. Items that arrived before it opened do not count: b shows them too; "
              "r polls the feeds now.",
    },
    "mentions.key.earlier": {"tr": "Öncekiler", "en": "Earlier"},
    "mentions.earlier_on": {"tr": "Olay açılmadan önce gelenler de gösteriliyor (b: yalnız olayınkiler)",
                            "en": "Showing items from before the incident opened too (b: the incident's only)"},
    "mentions.earlier_off": {"tr": "Yalnız olay açıldıktan sonra gelenler", "en": "Only items since the incident opened"},
    "mentions.with_earlier": {"tr": " · öncekiler dahil", "en": " · earlier included"},
    "mentions.key.seen": {"tr": "Görüldü", "en": "Seen"},
    "mentions.key.flagged": {"tr": "İşaretle", "en": "Flag"},
    "mentions.key.escalated": {"tr": "Yetkiliye ilet", "en": "Escalate"},
    "mentions.key.answered": {"tr": "Yanıtlandı", "en": "Answered"},
    "mentions.key.ignored": {"tr": "Yok say", "en": "Ignore"},
    "mentions.key.new": {"tr": "Okunmadı", "en": "Unread"},
    "mentions.key.select": {"tr": "Seç", "en": "Select"},
    "mentions.key.filter": {"tr": "Durum filtresi", "en": "State filter"},
    "mentions.key.health": {"tr": "Akışlar", "en": "Feeds"},
    "mentions.key.order": {"tr": "Sıralama", "en": "Order"},
    "mentions.key.open": {"tr": "Tamamını oku", "en": "Read in full"},
    "mentions.rate": {"tr": "dakikada {count} · {total} içerik · filtre: {state} · sıra: {order}",
                      "en": "{count}/min · {total} mentions · filter: {state} · order: {order}"},
    "mentions.order.arrival": {"tr": "geliş", "en": "arrival"},
    "mentions.order.published": {"tr": "yayım", "en": "published"},
    "mentions.ordered": {"tr": "Sıra: {order} zamanına göre, en yeni üstte", "en": "Order: by {order} time, newest first"},
    "mentions.cmd.feeds": {"tr": "Akışlar: sağlık, akış ekle, şimdi tara", "en": "Feeds: health, add a feed, poll now"},
    "mentions.cmd.earlier": {"tr": "İçerik: olaydan önce gelenleri göster / gizle",
                             "en": "Mentions: show / hide items from before the incident opened"},
    "mentions.cmd.order": {"tr": "İçerik: sıralamayı değiştir (geliş / yayım)", "en": "Mentions: change the order (arrival / published)"},
    "mentions.feed.scenario": {"tr": "senaryo", "en": "scenario"},
    "mentions.feed.unknown": {"tr": "kaynaksız", "en": "no source"},
    "mentions.published": {"tr": "yayım {when}", "en": "published {when}"},
    "mentions.arrived": {"tr": "geldi {when}", "en": "arrived {when}"},
    "mentions.more": {"tr": "Enter: tamamı", "en": "Enter: in full"},
    "mentions.key.search": {"tr": "Ara", "en": "Search"},
    "mentions.key.poll": {"tr": "Şimdi tara", "en": "Poll now"},
    "mentions.selected": {"tr": "{count} seçili", "en": "{count} selected"},
    "mentions.cmd.state": {"tr": "İçerik: {state} olarak işaretle", "en": "Mentions: mark {state}"},
    "mentions.cmd.poll": {"tr": "İçerik: akışları şimdi tara", "en": "Mentions: poll feeds now"},
    "mentions.key.report": {"tr": "Bildirim ekle", "en": "Add report"},
    "mentions.cmd.report": {"tr": "İçerik: gelen bildirimi ekle (telefon, vatandaş, e-posta, saha)",
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
    "mstate.escalated": {"tr": "yetkiliye iletildi", "en": "escalated"},
    "mstate.answered": {"tr": "yanıtlandı", "en": "answered"},
    "mstate.ignored": {"tr": "yok sayıldı", "en": "ignored"},
})


def feed_label(row: dict) -> str:
    """Where a mention came from: its feed; a drill's own injects say so."""
    if row.get("feed"):
        return shown_feed_name(row["feed"])
    return i18n.t("mentions.feed.scenario" if row.get("incident_id") else "mentions.feed.unknown")


def when_label(row: dict, width: int = TIME_WIDTH, world: World | None = None) -> str:
    """Its age and time in the incident's time (a drill's mentions carry the scenario's)."""
    world = world or World()
    if row.get("published_at"):
        return world_age(world, row["published_at"], recorded=False, width=width)
    return world_age(world, row.get("fetched_at"), width=width)


def columns(width: int) -> tuple[int, int]:
    """(time, feed) column widths for a row `width` wide: the title keeps at least half of a narrow row."""
    if width >= 100:
        return TIME_WIDTH, FEED_WIDTH + 2
    if width >= 64:
        return SHORT_WIDTH, FEED_WIDTH
    return 4, 10


def compact_count(n: int) -> str:
    """A follower count in four cells or so: 950, 12K, 1.2M."""
    if n < 1000:
        return str(n)
    for unit, size in (("M", 1_000_000), ("K", 1000)):
        if n >= size:
            value = n / size
            return (f"{value:.1f}".rstrip("0").rstrip(".") if value < 10 else f"{value:.0f}") + unit
    return str(n)


def render_mention(row: dict, width: int, world: World | None = None) -> Text:
    """One list row: age and time, feed, state, reach (when the source tells it), and the title (or
    text) with keywords highlighted."""
    time_width, feed_width = columns(width)
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(f"{when_label(row, time_width, world):>{time_width}}", style="dim")
    line.append(" ")
    line.append(feed_label(row)[:feed_width].ljust(feed_width), style="cyan")
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
    """A PageSource over a MentionQuery: surveyed in a worker, pages read on the UI thread."""

    def __init__(self, pane: MentionsPane, query: mentions.MentionQuery) -> None:
        self.pane = pane
        self.query = query

    def count(self) -> int:
        return self.query.count(self.pane.dash.thread_store())

    def survey(self, key: int | None, mark: int | None):
        return self.query.survey(self.pane.dash.thread_store(), key, mark)

    def present(self, keys: set[int]) -> set[int]:
        return self.query.present(self.pane.dash.thread_store(), keys)

    def fetch(self, offset: int, limit: int, total: int) -> list[dict]:
        # Called on the UI thread (PagedList.row_at): the UI's own connection, which no
        # worker holds, so a page never waits for a background ingest's transaction.
        return self.query.fetch(self.pane.dash.store, offset, limit, total=total)


class MentionList(PagedList):
    """The paged list, with its multi-select key shown in the footer (triage applies to the selection)."""

    BINDINGS = [Binding("space", "toggle_select", "mentions.key.select"),
                Binding("enter", "open", "mentions.key.open")]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)

    def action_open(self) -> None:
        self.key_enter()


class MentionsPane(Pane):
    PANE_ID = "mentions"
    TITLE_KEY = "pane.mentions"
    # mentions.ingested/spike, mention.triaged/erased; incident.keywords changes the highlights
    WATCHES = ("mention", "incident.")

    BINDINGS = [  # descriptions are i18n keys (Pane translates them)
        *[Binding(key, f"triage('{state}')", f"mentions.key.{state}", show=state in SHOWN_STATES)
          for key, state in STATE_KEYS.items()],
        Binding("slash", "focus_filter", "mentions.key.search", key_display="/"),
        Binding("o", "toggle_order", "mentions.key.order"),
        Binding("b", "toggle_earlier", "mentions.key.earlier", show=False),
        Binding("h", "feeds", "mentions.key.health"),
        Binding("v", "cycle_state", "mentions.key.filter", show=False),
        Binding("r", "poll_now", "mentions.key.poll", show=False),
        Binding("i", "add_report", "mentions.key.report"),
    ]

    DEFAULT_CSS = """
    MentionsPane #mentions-filter { height: 1; border: none; padding: 0 1; background: $boost; }
    MentionsPane #mentions-filter:focus { background: $accent 20%; }
    MentionsPane #mentions-bar { height: 1; }
    MentionsPane #mentions-rate { width: auto; max-width: 75%; padding: 0 1; }
    MentionsPane #mentions-rate.-spike { background: $error; color: $text; text-style: bold; }
    MentionsPane #mentions-spark { width: 1fr; height: 1; }
    MentionsPane #mentions-list { height: 1fr; }
    MentionsPane #mentions-detail { height: 4; padding: 0 1; background: $boost; color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.state_filter: str | None = None
        self.order = "arrival"
        self.earlier = False  # items fetched before the incident opened (a feed added just before it, say)
        self._query_text = ""
        self._signature: tuple | None = None
        self._filter_timer = None
        self._rate_args: tuple[list[int], dict | None] = ([0], None)
        self._no_feeds = False
        self._detail_row: dict | None = None  # the mention the detail line shows

    def compose(self):
        yield Input(placeholder=i18n.t("mentions.filter"), id="mentions-filter")
        with Horizontal(id="mentions-bar"):
            yield Static(id="mentions-rate", markup=False)
            yield Sparkline([0], id="mentions-spark", summary_function=max)
        yield MentionList(None, self._render_row, id="mentions-list")
        yield Static(id="mentions-detail", markup=False)

    def on_mount(self) -> None:
        self.border_title = Content(i18n.t(self.TITLE_KEY))
        super().on_mount()
        self.set_interval(AGE_TICK_S, self._ages_moved)

    def _ages_moved(self) -> None:
        """Redraw the ages of a quiet list from the rows it holds (no query): "2dk" must not stay "2dk"."""
        self.paged.refresh()
        if self._detail_row is not None:
            self._show_detail(self._detail_row)

    @property
    def paged(self) -> PagedList:
        return self.query_one("#mentions-list", PagedList)

    def primary(self):
        return self.paged

    def selected_mention_ids(self) -> list[int]:
        """The selection, or the mention under the cursor (the claims pane links these)."""
        return [int(i) for i in self.paged.target_keys()]

    # -- data -------------------------------------------------------------------------
    def refresh_data(self) -> None:
        incident = self.dash.incident
        signature = (incident.id, incident.closed_at, tuple(incident.keywords), self.state_filter,
                     self._query_text, self.order, self.earlier) if incident else None
        if signature != self._signature:
            same_incident = bool(signature and self._signature and signature[0] == self._signature[0])
            self._signature = signature
            source = None
            if incident is not None:
                query = mentions.MentionQuery(incident, state=self.state_filter, query=self._query_text,
                                              order=self.order, include_earlier=self.earlier)
                source = MentionSource(self, query)
            self.paged.set_source(source, keep=same_incident)
        else:
            self.paged.reload()
        if incident is None:
            self._show_detail(None)
        self._load_side(incident)

    @work(thread=True, exclusive=True, group="mentions-side", exit_on_error=False)
    def _load_side(self, incident: Incident | None) -> None:
        store = self.dash.thread_store()
        no_feeds = not registry.list_feeds(store)
        if incident is None:
            self.app.call_from_thread(self._show_rate, [0], None, no_feeds)
            return
        counts, spike = spikes.check_incident(store, incident, operator=self.dash.operator)
        self.app.call_from_thread(self._show_rate, counts, spike, no_feeds)

    @on(PagedList.Counted, "#mentions-list")
    def _counted(self) -> None:
        self._show_rate(*self._rate_args, self._no_feeds)

    def _show_rate(self, counts: list[int], spike: dict | None, no_feeds: bool) -> None:
        self._rate_args, self._no_feeds = (counts, spike), no_feeds
        self.query_one("#mentions-spark", Sparkline).data = counts
        label = self.query_one("#mentions-rate", Static)
        state = i18n.t(f"mstate.{self.state_filter}") if self.state_filter else i18n.t("mentions.all_states")
        text = i18n.t("mentions.rate", count=counts[-1] if counts else 0, total=f"{self.paged.row_count:,}", state=state,
                      order=i18n.t(f"mentions.order.{self.order}"))
        if self.earlier:
            text += i18n.t("mentions.with_earlier")
        if spike:
            text = i18n.t("mentions.spike", count=spike["count"], baseline=spike["baseline"]) + " · " + text
        label.update(Content(text))
        label.set_class(bool(spike), "-spike")
        if not self.paged.row_count:
            self._show_detail(None)

    # -- detail ---------------------------------------------------------------------------
    @on(PagedList.Highlighted, "#mentions-list")
    def _highlighted(self, message: PagedList.Highlighted) -> None:
        self._show_detail(message.row)

    @on(PagedList.Activated, "#mentions-list")
    def _activated(self, message: PagedList.Activated) -> None:
        from crisiscomm.tui.screens.mention_view import MentionView

        self.app.push_screen(MentionView(message.row, self.dash.world))

    def _render_row(self, row: dict, width: int) -> Text:
        return render_mention(row, width, self.dash.world)

    def _show_detail(self, row: dict | None) -> None:
        self._detail_row = row
        detail = self.query_one("#mentions-detail", Static)
        if row is None:
            if self.dash.incident_id is None:
                detail.update(Content(i18n.t("mentions.no_incident")))
            elif self.paged.row_count == 0:
                detail.update(Content(i18n.t("mentions.no_feeds_hint" if self._no_feeds else "mentions.empty")))
            else:
                detail.update(Content(""))
            return
        head = [f"#{row['id']}", feed_label(row), row.get("author") or "", row.get("handle") or "",
                i18n.t("mstate." + row["state"]), i18n.t("mentions.published", when=when_label(row, world=self.dash.world)),
                i18n.t("mentions.arrived", when=world_age(self.dash.world, row.get("fetched_at")))]
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
            parts.append(" ".join(row["title"].split()))
        parts.append(" ".join((row.get("text") or "").split()))
        if row.get("link"):
            parts.append(row["link"])
        detail.update(safe_content("\n".join(parts)))

    # -- filter and order -------------------------------------------------------------------
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
        focus_now(self.paged)

    def _apply_filter(self, value: str) -> None:
        if value.strip() != self._query_text:
            self._query_text = value.strip()
            self.refresh_data()

    def action_focus_filter(self) -> None:
        focus_now(self.query_one("#mentions-filter", Input))

    def action_cycle_state(self) -> None:
        order = [None, *mentions.STATES]
        self.state_filter = order[(order.index(self.state_filter) + 1) % len(order)]
        self.refresh_data()

    def action_toggle_order(self) -> None:
        self.order = "published" if self.order == "arrival" else "arrival"
        self.dash.notify(i18n.t("mentions.ordered", order=i18n.t(f"mentions.order.{self.order}")), markup=False)
        self.refresh_data()

    def action_toggle_earlier(self) -> None:
        self.earlier = not self.earlier
        self.dash.notify(i18n.t("mentions.earlier_on" if self.earlier else "mentions.earlier_off"), markup=False)
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

    def action_feeds(self) -> None:
        self.dash.action_feeds()

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
        cmds.append((i18n.t("mentions.cmd.order"), "o", self.action_toggle_order))
        cmds.append((i18n.t("mentions.cmd.earlier"), "b", self.action_toggle_earlier))
        cmds.append((i18n.t("mentions.cmd.poll"), "r", self.action_poll_now))
        cmds.append((i18n.t("mentions.cmd.report"), "i", self.action_add_report))
        return cmds
