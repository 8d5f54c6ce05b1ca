"""Alerts: what the room must hear about without watching the terminal.

Kinds: a mention spike, a checklist step that became overdue, a promised
update that became overdue, a new contradiction between a channel and the fact
sheet, a new item from an official feed, a drill inject that expects a
response. A `Watcher` (one per dashboard or wall) turns what happened since its
last look into `Alert`s; it only reads. Each operator switches each kind on or
off (`alert_settings`); delivering them (bell, desktop notification, a flash on
the wall) is the interface's part.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from crisiscomm import cadence, i18n
from crisiscomm.clock import format_offset, utc_now_iso
from crisiscomm.errors import CrisisError
from crisiscomm.store import Store
from crisiscomm.text import strip_controls
from crisiscomm.text.grammar import format_number
from crisiscomm.error_strings import t

KINDS = ("spike", "step_overdue", "update_overdue", "contradiction", "official_item", "inject_response")
EVENT_KINDS = ("mentions.spike", "update.overdue", "mentions.ingested", "drill.inject")
SHORT = 140

i18n.register({
    "alert.kind.spike": {"tr": "Ani artış", "en": "Mention spike"},
    "alert.kind.step_overdue": {"tr": "Geciken adım", "en": "Overdue step"},
    "alert.kind.update_overdue": {"tr": "Geciken bilgilendirme", "en": "Overdue update"},
    "alert.kind.contradiction": {"tr": "Yeni çelişki", "en": "New contradiction"},
    "alert.kind.official_item": {"tr": "Resmî kaynaktan yeni içerik", "en": "New from an official feed"},
    "alert.kind.inject_response": {"tr": "Yanıt bekleyen tatbikat girdisi", "en": "Drill inject awaiting a response"},
    "alert.spike": {"tr": "{minute}: dakikada {count} içerik (olağan {baseline})",
                    "en": "{minute}: {count} mentions a minute (usually {baseline})"},
    "alert.step_overdue": {"tr": "{title} — {owner}", "en": "{title} — {owner}"},
    "alert.update_overdue": {"tr": "Söz verilen bilgilendirme ({promised}) gecikti",
                             "en": "The promised update ({promised}) is overdue"},
    "alert.contradiction": {"tr": "{channel}: {fact} {value}, bilgi föyünde {expected}",
                            "en": "{channel}: {fact} {value}, the fact sheet says {expected}"},
    "alert.official_item": {"tr": "{feed}: {title}", "en": "{feed}: {title}"},
    "alert.inject_response": {"tr": "{description} ({within} içinde)", "en": "{description} (within {within})"},
})


@dataclass(frozen=True)
class Alert:
    kind: str
    text: str  # one line in the UI language; from outside data, control characters removed

    @property
    def title(self) -> str:
        return i18n.t(f"alert.kind.{self.kind}")


def _short(text: object) -> str:
    line = " ".join(strip_controls(str(text or "")).split())
    return line if len(line) <= SHORT else line[:SHORT - 1] + "…"


# -- preferences ----------------------------------------------------------------
def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise CrisisError(t("error.alert.kind", kind=kind, kinds=', '.join(KINDS)))
    return kind


def enabled_kinds(store: Store, operator: str) -> set[str]:
    off = {r["kind"] for r in store.all(
        "SELECT kind FROM alert_settings WHERE operator = ? AND enabled = 0", (operator,))}
    return set(KINDS) - off


def set_enabled(store: Store, operator: str, kind: str, enabled: bool) -> set[str]:
    """Switch one kind on or off for one operator; returns the kinds now on."""
    check_kind(kind)
    with store.write():
        store.execute(
            "INSERT INTO alert_settings (operator, kind, enabled, changed_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (operator, kind) DO UPDATE SET enabled = excluded.enabled, changed_at = excluded.changed_at",
            (operator, kind, int(enabled), utc_now_iso()))
        return enabled_kinds(store, operator)


# -- watching -------------------------------------------------------------------
class Watcher:
    """What is new for one incident since the last look (the first look only takes stock)."""

    def __init__(self, incident_id: int) -> None:
        self.incident_id = incident_id
        self.last_event: int | None = None
        self.overdue_steps: set[str] | None = None
        self.bad_cells: set[tuple[str, str]] | None = None

    def poll(self, store: Store, *, changed: bool = True) -> list[Alert]:
        """New alerts; `changed=False` (nothing committed since) looks only at the clock's consequences."""
        from crisiscomm.incidents import get

        alerts: list[Alert] = []
        with store.snapshot():
            incident = get(store, self.incident_id)
            if changed or self.last_event is None:
                alerts += self._events(store, incident)
                alerts += self._contradictions(store)
            alerts += self._steps(store, incident)
        return alerts

    def _events(self, store: Store, incident: dict) -> list[Alert]:
        last = store.scalar("SELECT coalesce(max(id), 0) FROM events")
        since, self.last_event = self.last_event, last
        if since is None:
            return []
        marks = ",".join("?" * len(EVENT_KINDS))
        rows = store.all(
            f"SELECT id, kind, incident_id, payload FROM events WHERE id > ? AND id <= ? AND kind IN ({marks})"
            " AND (incident_id = ? OR (incident_id IS NULL AND kind = 'mentions.ingested')) ORDER BY id",
            (since, last, *EVENT_KINDS, self.incident_id))
        alerts = []
        for row in rows:
            payload = json.loads(row["payload"])
            alert = _EVENT_ALERTS[row["kind"]](store, incident, payload)
            if alert is not None:
                alerts.append(alert)
        return alerts

    def _steps(self, store: Store, incident: dict) -> list[Alert]:
        from crisiscomm.checklist import items_for

        if incident.is_closed:
            return []
        try:
            items = [i for i in items_for(store, incident) if i["overdue"]]
        except CrisisError:
            return []
        seen, self.overdue_steps = self.overdue_steps, {i["step_id"] for i in items}
        if seen is None:
            return []
        return [Alert("step_overdue", i18n.t("alert.step_overdue", title=i["title"], owner=i["owner_title"]))
                for i in items if i["step_id"] not in seen]

    def _contradictions(self, store: Store) -> list[Alert]:
        from crisiscomm.consistency import BAD_STATES, matrix

        cells = [c for c in matrix(store, self.incident_id)["cells"] if c["state"] in BAD_STATES]
        seen, self.bad_cells = self.bad_cells, {(c["channel"], c["fact"]) for c in cells}
        if seen is None:
            return []
        return [Alert("contradiction", _short(i18n.t("alert.contradiction", channel=c["channel"], fact=c["fact_name"],
                                                    value=c["value"] or "—", expected=c["expected"])))
                for c in cells if (c["channel"], c["fact"]) not in seen]


def _spike(store: Store, incident: dict, payload: dict) -> Alert:
    from crisiscomm.feeds.spike_drivers import summary

    baseline = payload.get("baseline", "")
    if isinstance(baseline, (int, float)):
        baseline = format_number(round(baseline, 1), i18n.get_lang())
    text = i18n.t("alert.spike", minute=payload.get("minute", ""), count=payload.get("count", ""), baseline=baseline)
    drivers = summary(payload.get("drivers") or {})
    return Alert("spike", _short(f"{text} — {drivers}" if drivers else text))


def _update(store: Store, incident: dict, payload: dict) -> Alert:
    return Alert("update_overdue", i18n.t("alert.update_overdue", promised=_short(cadence.promise_label(payload.get("promised", ""), payload.get("source")))))


def _ingested(store: Store, incident: dict, payload: dict) -> Alert | None:
    if not payload.get("new") or payload.get("feed_id") is None:
        return None
    feed = store.one("SELECT name, trust FROM feeds WHERE id = ?", (payload["feed_id"],))
    if feed is None or feed["trust"] != "official":
        return None
    newest = store.one("SELECT title, text FROM mentions WHERE id = ?", (payload.get("last_id"),))
    title = (newest or {}).get("title") or (newest or {}).get("text") or ""
    return Alert("official_item", _short(i18n.t("alert.official_item", feed=feed["name"], title=title)))


def _inject(store: Store, incident: dict, payload: dict) -> Alert | None:
    row = store.one("SELECT scenario_json FROM drills WHERE incident_id = ?", (incident.id,))
    if row is None:
        return None
    injects = {i.get("id"): i for i in json.loads(row["scenario_json"]).get("injects", [])}
    inject = injects.get(payload.get("inject")) or {}
    expect = inject.get("expect")
    if not expect:
        return None
    within = format_offset(float(expect.get("deadline", 0)))  # counted from the inject
    return Alert("inject_response", _short(i18n.t("alert.inject_response",
                                                  description=expect.get("description") or expect.get("action", ""),
                                                  within=within)))


_EVENT_ALERTS = {
    "mentions.spike": _spike,
    "update.overdue": _update,
    "mentions.ingested": _ingested,
    "drill.inject": _inject,
}
