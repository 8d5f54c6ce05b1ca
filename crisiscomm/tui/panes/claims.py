"""The claims pane: claims by spread and status, their evidence and mentions.

Keys: `a` add a claim from the mention selected in the mentions pane (its
text, editable), `n` type a new claim, `l` link the selected mention(s) (or
typed ids), `s` similar mentions to link, `v` change the status with its
evidence, `c` start the correction statement. Every text shown here comes
from feeds or operators, so it is rendered as `Text`/`Content`, never markup.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from crisiscomm import actions, claims, i18n
from crisiscomm.clock import format_offset
from crisiscomm.errors import CrisisError
from crisiscomm.text.grammar import clock_time, format_number
from crisiscomm.tui.panes.base import Pane
from crisiscomm.tui.screens.claim_dialogs import (
    StatusScreen,
    SuggestionsScreen,
    TextPrompt,
    one_line,
)
from crisiscomm.world_time import World

i18n.register(
    {
        "claims.empty": {
            "tr": "Henüz iddia yok. İçerikler bölmesinde bir içerik seçip a ile ya da n ile yazarak ekleyin.",
            "en": "No claims yet. Select a mention in the mentions pane and press a, or type one with n.",
        },
        "claims.no_incident": {"tr": "Olay seçilmedi.", "en": "No incident selected."},
        "claims.add": {"tr": "İddia ekle", "en": "Add claim"},
        "claims.add_typed": {"tr": "İddia yaz", "en": "Type a claim"},
        "claims.link": {"tr": "İçerik bağla", "en": "Link mention"},
        "claims.suggest": {"tr": "Benzer içerikler", "en": "Similar mentions"},
        "claims.status": {"tr": "Durum değiştir", "en": "Change status"},
        "claims.correct": {"tr": "Düzeltme başlat", "en": "Start correction"},
        "claims.text": {"tr": "İddia metni", "en": "Claim text"},
        "claims.from_mention": {"tr": "#{id} numaralı içerikten", "en": "From mention #{id}"},
        "claims.mention_ids": {
            "tr": "Bağlanacak içerik numaraları (boşlukla ayırın)", "en": "Mention numbers to link (space separated)",
        },
        "claims.source": {"tr": "Kaynak", "en": "Source"},
        "claims.note": {"tr": "Not (kaynak ne diyor)", "en": "Note (what the source says)"},
        "claims.official": {"tr": "Resmi kaynaklar (seçince kaynağa yazılır)", "en": "Official sources (choose to fill the source)"},
        "claims.no_official": {"tr": "Resmi akış yok.", "en": "No official feeds."},
        "claims.save": {"tr": "Kaydet", "en": "Save"},
        "claims.cancel": {"tr": "Vazgeç", "en": "Cancel"},
        "claims.need_evidence": {"tr": "Kaynak ve not gerekli.", "en": "A source and a note are needed."},
        "claims.no_claim": {"tr": "Önce bir iddia seçin.", "en": "Select a claim first."},
        "claims.no_suggestions": {"tr": "Bağlanmamış benzer içerik yok.", "en": "No similar unlinked mentions."},
        "claims.suggest_help": {
            "tr": "Boşluk: seç · Enter: seçilenleri bağla · Esc: vazgeç",
            "en": "Space: select · Enter: link the selected · Esc: cancel",
        },
        "claims.added": {"tr": "İddia #{id} eklendi", "en": "Claim #{id} added"},
        "claims.linked": {"tr": "{count} içerik bağlandı", "en": {"one": "{count} mention linked", "other": "{count} mentions linked"}},
        "claims.status_set": {"tr": "İddia #{id}: {status}", "en": "Claim #{id}: {status}"},
        "claims.correction_started": {
            "tr": "Düzeltme açıklaması #{id} taslak olarak hazır: Açıklamalar bölmesinde düzenleyin",
            "en": "Correction statement #{id} drafted: edit it in the Statements pane",
        },
        "claims.spread": {"tr": "Yayılma", "en": "Spread"},
        "claims.per_hour": {"tr": "/saat", "en": "/h"},
        "claims.last_hour": {"tr": "son saat", "en": "last hour"},
        "claims.mentions": {"tr": "içerik", "en": "mentions"},
        "claims.first_seen": {"tr": "İlk görülme", "en": "First seen"},
        "claims.to_verdict": {"tr": "karara", "en": "to verdict"},
        "claims.to_correction": {"tr": "düzeltmeye", "en": "to correction"},
        "claims.correction": {"tr": "Düzeltme açıklaması #{id}", "en": "Correction statement #{id}"},
        "claims.not_published": {"tr": "henüz yayımlanmadı", "en": "not published yet"},
        "claims.published": {"tr": "yayımlandı", "en": "published"},
        "claims.evidence": {"tr": "Kanıtlar", "en": "Evidence"},
        "claims.linked_mentions": {"tr": "Bağlı içerikler", "en": "Linked mentions"},
        "claims.key.add": {"tr": "İddia ekle", "en": "Add claim"},
        "claims.key.type": {"tr": "Yaz", "en": "Type"},
        "claims.key.link": {"tr": "Bağla", "en": "Link"},
        "claims.key.similar": {"tr": "Benzerler", "en": "Similar"},
        "claims.key.status": {"tr": "Durum", "en": "Status"},
        "claims.key.correct": {"tr": "Düzeltme", "en": "Correction"},
        "claims.needs_correction": {
            "tr": "Yanlış/yanıltıcı: c ile düzeltme başlatın", "en": "False/misleading: press c to start the correction",
        },
    }
)

STATUS_STYLE = {
    "unverified": "bold yellow", "verifying": "bold cyan", "true": "bold green",
    "false": "bold red", "misleading": "bold magenta", "inconclusive": "bold white",
}
SPARK = "▁▂▃▄▅▆▇█"
DETAIL_MENTIONS = 15


def sparkline(series: list[int]) -> str:
    top = max(series) if series else 0
    if not top:
        return SPARK[0] * len(series)
    return "".join(SPARK[min(len(SPARK) - 1, round(v / top * (len(SPARK) - 1)))] for v in series)


def _rate(per_hour: float) -> str:
    """`18,5` in Turkish, `18.5` in English."""
    return format_number(round(per_hour, 1), i18n.get_lang())


def claim_row(view: dict) -> Text:
    """One line of the claims list: status, spread, mention count, text."""
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(f"#{view['id']} ", style="bold")
    line.append(f"{claims.status_label(view['status']):<13}", style=STATUS_STYLE[view["status"]])
    line.append(f"{_rate(view['spread_per_hour']):>5}{i18n.t('claims.per_hour')} ", style="cyan")
    line.append(f"{len(view['mentions']):>3}✉ ")
    line.append(one_line(view["text"], 300))
    return line


def _time(value: str | None, world: World | None = None) -> str:
    """A recorded time of day: the institution's, or in a drill with a scenario start the scenario's."""
    world = world or World()
    moment = world.recorded(value)
    return clock_time(moment, i18n.get_lang(), world.zone) if moment is not None else "-"


def claim_detail(view: dict, mentions: list[dict], world: World | None = None) -> Text:
    """The highlighted claim: text, spread, times, evidence, linked mentions."""
    out = Text()
    out.append(f"#{view['id']} ", style="bold")
    out.append(claims.status_label(view["status"]).upper(), style=STATUS_STYLE[view["status"]])
    out.append("  " + view["text"] + "\n")
    out.append(f"{i18n.t('claims.spread')}: {_rate(view['spread_per_hour'])}{i18n.t('claims.per_hour')} · "
               f"{i18n.t('claims.last_hour')} {view['mentions_last_hour']} · "
               f"{len(view['mentions'])} {i18n.t('claims.mentions')} ")
    out.append(sparkline(view["spread_series"]) + "\n", style="cyan")
    out.append(f"{i18n.t('claims.first_seen')}: {_time(view['first_seen_at'], world)}")
    for key, label in (("time_to_verdict_s", "claims.to_verdict"), ("time_to_correction_s", "claims.to_correction")):
        if view[key] is not None:
            out.append(f" · {format_offset(view[key])} {i18n.t(label)}")
    out.append("\n")
    if view["correction_statement"] is not None:
        state = i18n.t("claims.published") if view["corrected_at"] else i18n.t("claims.not_published")
        out.append(i18n.t("claims.correction", id=view["correction_statement"]) + f": {state}\n", style="bold")
    elif view["status"] in claims.NEEDS_CORRECTION:
        out.append(i18n.t("claims.needs_correction") + "\n", style="bold red")
    if view["evidence"]:
        out.append(i18n.t("claims.evidence") + "\n", style="underline")
        for ev in view["evidence"]:
            out.append(f" {_time(ev['at'], world)} {claims.status_label(ev['from'])} → ")
            out.append(claims.status_label(ev["status"]), style=STATUS_STYLE[ev["status"]])
            out.append(f" {ev['operator']}: {ev['source']} — {ev['note']}\n")
    if mentions:
        out.append(i18n.t("claims.linked_mentions") + "\n", style="underline")
        for m in mentions:
            out.append(f" #{m['id']} {one_line(m['feed'] or '-', 40)}: ", style="dim")
            out.append(one_line(m["title"] or m["text"], 160) + "\n")
    return out


class ClaimsPane(Pane):
    PANE_ID = "claims"
    TITLE_KEY = "pane.claims"
    # claims, and their spread (new and erased mentions), and correction statements' publication
    WATCHES = ("claim.", "mention", "statement.published")
    BINDINGS = [  # descriptions are i18n keys (Pane translates them)
        Binding("a", "add_from_mention", "claims.key.add"),
        Binding("n", "add_typed", "claims.key.type"),
        Binding("l", "link", "claims.key.link"),
        Binding("s", "suggest", "claims.key.similar"),
        Binding("v", "set_status", "claims.key.status"),
        Binding("c", "correct", "claims.key.correct"),
    ]
    DEFAULT_CSS = """
    ClaimsPane #claims-list { height: 2fr; min-height: 4; border: none; }
    ClaimsPane #claims-detail { height: 3fr; border-top: solid $primary-darken-2; }
    ClaimsPane #claims-empty { color: $text-muted; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="claims-empty", markup=False)
        yield OptionList(id="claims-list", markup=False)
        with VerticalScroll(id="claims-detail"):
            yield Static(Content(""), id="claims-detail-text", markup=False)

    def primary(self):
        return self.query_one("#claims-list", OptionList)

    def on_mount(self) -> None:
        self.border_title = Content(i18n.t(self.TITLE_KEY))
        self._views: list[dict] = []
        super().on_mount()

    # -- data -----------------------------------------------------------------
    def refresh_data(self) -> None:
        self._load(self.incident_id, self.current_claim_id)

    @work(thread=True, exclusive=True, group="claims-pane", exit_on_error=False)
    def _load(self, incident_id: int | None, claim_id: int | None) -> None:
        store = self.dash.thread_store()
        views = claims.list_claims(store, incident_id, order="spread") if incident_id is not None else []
        self.app.call_from_thread(self._show, incident_id, views, claim_id)

    def _show(self, incident_id: int | None, views: list[dict], keep_claim: int | None) -> None:
        if incident_id != self.incident_id:
            return
        self._views = views
        options = self.query_one("#claims-list", OptionList)
        options.clear_options()
        options.add_options([Option(claim_row(v), id=str(v["id"])) for v in views])
        ids = [v["id"] for v in views]
        if ids:
            options.highlighted = ids.index(keep_claim) if keep_claim in ids else 0
        empty = "claims.no_incident" if incident_id is None else "claims.empty"
        self.query_one("#claims-empty", Static).update(Content("" if views else i18n.t(empty)))
        self.query_one("#claims-empty").display = not views
        self._show_detail()

    @property
    def current_claim_id(self) -> int | None:
        try:
            options = self.query_one("#claims-list", OptionList)
        except NoMatches:
            return None
        if options.highlighted is None or options.option_count == 0:
            return None
        return int(options.get_option_at_index(options.highlighted).id)

    @property
    def current_claim(self) -> dict | None:
        claim_id = self.current_claim_id
        return next((v for v in self._views if v["id"] == claim_id), None)

    @on(OptionList.OptionHighlighted, "#claims-list")
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        view = self.current_claim
        if view is None:
            self.query_one("#claims-detail-text", Static).update(Content(""))
            return
        self._load_detail(view)

    @work(thread=True, exclusive=True, group="claims-detail", exit_on_error=False)
    def _load_detail(self, view: dict) -> None:
        mentions = claims.linked_mentions(self.dash.thread_store(), view["id"], limit=DETAIL_MENTIONS)
        self.app.call_from_thread(self._put_detail, view, mentions)

    def _put_detail(self, view: dict, mentions: list[dict]) -> None:
        if self.current_claim_id == view["id"]:
            self.query_one("#claims-detail-text", Static).update(claim_detail(view, mentions, self.dash.world))

    # -- the mentions pane's selection ------------------------------------------
    def selected_mention_ids(self) -> list[int]:
        """The mentions pane's selection (or the mention under its cursor)."""
        pane = self.dash.pane("mentions")
        getter = getattr(pane, "selected_mention_ids", None)
        return [int(i) for i in getter()] if callable(getter) else []

    def _need_claim(self) -> dict | None:
        view = self.current_claim
        if view is None:
            self.dash.notify(i18n.t("claims.no_claim"), severity="warning", markup=False)
        return view

    # -- actions ----------------------------------------------------------------
    def action_add_from_mention(self) -> None:
        if self.incident_id is None:
            return
        selected = self.selected_mention_ids()
        if not selected:
            self.action_add_typed()
            return
        self._open_add_from(selected[0])

    @work(thread=True, group="claims-pane-read", exit_on_error=False)
    def _open_add_from(self, mention_id: int) -> None:
        try:
            mention = claims.mention_brief(self.dash.thread_store(), mention_id)
        except CrisisError as exc:
            self.app.call_from_thread(self.dash.notify, str(exc), severity="error", markup=False)
            return
        text = (mention["text"] or mention["title"])[: claims.MAX_TEXT]
        self.app.call_from_thread(self._ask_claim_text, text, mention_id)

    def action_add_typed(self) -> None:
        if self.incident_id is not None:
            self._ask_claim_text("", None)

    def _ask_claim_text(self, text: str, mention_id: int | None) -> None:
        incident_id = self.incident_id
        label = i18n.t("claims.from_mention", id=mention_id) if mention_id else i18n.t("claims.add_typed")

        def chosen(value: str | None) -> None:
            if value:
                self.act(
                    lambda session: actions.claims.add(session, incident_id, value, mention_id=mention_id),
                    lambda row: i18n.t("claims.added", id=row.id),
                )

        self.app.push_screen(TextPrompt(label, text, hint=i18n.t("claims.prompt_help")), chosen)

    def action_link(self) -> None:
        view = self._need_claim()
        if view is None:
            return
        # The mentions pane's selection is offered, not linked blindly: that pane may be a hidden tab.
        offered = " ".join(str(i) for i in self.selected_mention_ids())

        def typed(value: str | None) -> None:
            ids = [int(tok) for tok in (value or "").replace(",", " ").split() if tok.isdigit()]
            if ids:
                self._link(view["id"], ids)

        prompt = TextPrompt(i18n.t("claims.mention_ids"), offered, hint=i18n.t("claims.prompt_help"), restrict=r"[0-9 ,]*")
        self.app.push_screen(prompt, typed)

    def _link(self, claim_id: int, mention_ids: list[int]) -> None:
        self.act(
            lambda session: actions.claims.link(session, claim_id, mention_ids),
            lambda added: i18n.t("claims.linked", count=len(added)),
        )

    def action_suggest(self) -> None:
        view = self._need_claim()
        if view is not None:
            self._find_similar(view["id"])

    @work(thread=True, exclusive=True, group="claims-suggest", exit_on_error=False)
    def _find_similar(self, claim_id: int) -> None:
        found = claims.suggest_mentions(self.dash.thread_store(), claim_id)
        self.app.call_from_thread(self._offer_similar, claim_id, found)

    def _offer_similar(self, claim_id: int, found: list[dict]) -> None:
        if not found:
            self.dash.notify(i18n.t("claims.no_suggestions"), markup=False)
            return

        def chosen(ids: list[int] | None) -> None:
            if ids:
                self._link(claim_id, ids)

        self.app.push_screen(SuggestionsScreen(found), chosen)

    def action_set_status(self) -> None:
        view = self._need_claim()
        if view is not None:
            self._open_status(view)

    @work(thread=True, group="claims-pane-read", exit_on_error=False)
    def _open_status(self, view: dict) -> None:
        sources = claims.official_sources(self.dash.thread_store())
        self.app.call_from_thread(self._ask_status, view, sources)

    def _ask_status(self, view: dict, sources: list[dict]) -> None:
        claim_id = view["id"]

        def chosen(result: dict | None) -> None:
            if result:
                self.act(
                    lambda session: actions.claims.set_status(session, claim_id, **result),
                    lambda row: i18n.t("claims.status_set", id=row.id, status=claims.status_label(row.status)),
                )

        self.app.push_screen(StatusScreen(view, sources), chosen)

    def action_correct(self) -> None:
        view = self._need_claim()
        if view is None:
            return
        claim_id = view["id"]
        self.act(
            lambda session: actions.claims.correct(session, claim_id),
            lambda statement: i18n.t("claims.correction_started", id=statement.id),
        )

    def commands(self):
        if self.incident_id is None:
            return []
        return [
            (i18n.t("claims.add"), "a", self.action_add_from_mention),
            (i18n.t("claims.add_typed"), "n", self.action_add_typed),
            (i18n.t("claims.link"), "l", self.action_link),
            (i18n.t("claims.suggest"), "s", self.action_suggest),
            (i18n.t("claims.status"), "v", self.action_set_status),
            (i18n.t("claims.correct"), "c", self.action_correct),
        ]
