"""The fact sheet: versioned key → value facts, the single source of truth."""

from __future__ import annotations

from crisiscomm import timeline
from crisiscomm.clock import utc_now_iso
from crisiscomm.errors import CrisisError, NotFound
from crisiscomm.fact_names import canonical_key, display_name, fact_names
from crisiscomm.i18n import register, t
from crisiscomm.incidents import get as get_incident
from crisiscomm.store import Store
from crisiscomm.text import strip_controls
from crisiscomm.error_strings import t

STATUSES = ("confirmed", "unconfirmed")
MAX_KEY, MAX_VALUE = 80, 1000


register({"fact.ambiguous": {"tr": "'{typed}' birden fazla bilgiye karşılık gelebilir: {options} olarak yazın",
                             "en": "'{typed}' may mean more than one fact: write {options}"}})


def set_fact(
    store: Store, incident_id: int, key: str, value: str, *, operator: str,
    status: str = "confirmed", source: str = "",
) -> dict:
    """A new version of `key` (the current one unchanged when value, status and source are the same).

    `key` may be any name or alias of a fact (`yaralı`, `Yaralı sayısı`, `injured`): it is stored
    under its canonical key, so that the sheet holds one value per fact."""
    key, value, source = (strip_controls(part or "").strip() for part in (key, value, source))
    if not key or not value:
        raise CrisisError(t("error.fact.empty"))
    if len(key) > MAX_KEY or len(value) > MAX_VALUE:
        raise CrisisError(t("error.fact.too_long", max_key=MAX_KEY, max_value=MAX_VALUE))
    if status not in STATUSES:
        raise CrisisError(t("error.fact.status", statuses=', '.join(STATUSES)))
    with store.write():
        get_incident(store, incident_id)
        sheet = current(store, incident_id)
        meanings = fact_names().meanings(key)
        if meanings and key not in sheet:
            options = " / ".join(f"'{display_name(k)}'" for k in meanings)
            raise CrisisError(t("fact.ambiguous", typed=key, options=options))
        key = canonical_key(key, sheet)
        previous = sheet.get(key)
        if previous and (previous["value"], previous["status"], previous["source"]) == (value, status, source):
            return previous  # nothing changed: no new version, no event, no corrections to open
        version = (previous["version"] + 1) if previous else 1
        store.execute(
            "INSERT INTO facts (incident_id, key, value, status, source, version, set_by, set_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (incident_id, key, value, status, source, version, operator, utc_now_iso()),
        )
        timeline.append(
            store, "fact.set",
            {"key": key, "value": value, "status": status, "source": source, "version": version,
             "previous": previous["value"] if previous else None},
            operator=operator, incident_id=incident_id,
        )
    return current(store, incident_id)[key]


def current(store: Store, incident_id: int) -> dict[str, dict]:
    """key -> the newest version of each fact."""
    rows = store.all(
        "SELECT f.* FROM facts f JOIN (SELECT key, max(version) AS v FROM facts WHERE incident_id = ? GROUP BY key) m"
        " ON f.key = m.key AND f.version = m.v WHERE f.incident_id = ? ORDER BY f.key",
        (incident_id, incident_id),
    )
    return {r["key"]: r for r in rows}


def history(store: Store, incident_id: int, key: str | None = None) -> list[dict]:
    if key is None:
        return store.all("SELECT * FROM facts WHERE incident_id = ? ORDER BY key, version", (incident_id,))
    key = canonical_key(key, current(store, incident_id))
    rows = store.all("SELECT * FROM facts WHERE incident_id = ? AND key = ? ORDER BY version", (incident_id, key))
    if not rows:
        raise NotFound(t("error.fact.not_found", incident_id=incident_id, fact=display_name(key)))
    return rows


def public_view(fact: dict) -> dict:
    """The fact as `--json` prints it: the canonical key and the name people see."""
    view = {k: fact[k] for k in ("key", "value", "status", "source", "version", "set_by", "set_at")}
    return {**view, "name": display_name(fact["key"])}
