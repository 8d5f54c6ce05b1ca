"""A statement as a CAP 1.2 alert (OASIS Common Alerting Protocol).

- The exported version is the statement's newest approved or published one.
- `msgType`: `Alert` for the first version that was approved, `Update` for a
  later one (its `references` name the alerts of the earlier approved
  versions), `Cancel` when the room withdraws the statement (`cancel=True`).
- `status`: `Exercise` for a drill (and `note` says `TATBİKAT / EXERCISE`),
  `Actual` otherwise.
- One `info` block in Turkish and one in English. The approved text goes into
  the block of its language; the other block carries the translated event,
  headline and a pointer to the approved text, or a paired statement's approved
  text (`paired`) when the room approved one in the other language.
- A public alert is read on phones and sirens' displays: `description` is the
  version's approved short form (its SMS text, else X's or Bluesky's) when it
  has one, and the full approved body then travels in the same block as a
  `resource` (text/plain, inline as `derefUri`, with its SHA-1 `digest`).
- Identifiers are deterministic (database, statement, version), so that an
  `Update` can reference the earlier `Alert` exported from the same database.
- `sent` is when the version was approved, as `YYYY-MM-DDThh:mm:ss±hh:mm`.
"""

from __future__ import annotations

import base64
import hashlib
import socket
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from crisiscomm import facts as fact_sheet
from crisiscomm import i18n
from crisiscomm.clock import utc_now
from crisiscomm.errors import CrisisError, NotFound, Refused
from crisiscomm.exports import database_id, local_seconds
from crisiscomm.incidents import EXERCISE_MARK, Incident
from crisiscomm.incidents import get as get_incident
from crisiscomm.statements import channel_texts
from crisiscomm.statements.channels import with_exercise_mark
from crisiscomm.store import Store
from crisiscomm.error_strings import t

NS = "urn:oasis:names:tc:emergency:cap:1.2"
LANGS = {"tr": "tr-TR", "en": "en-US"}
# CAP categories for the bundled playbooks; a playbook of a team's own is `Other`.
CATEGORY = {
    "natural-disaster": "Geo", "account-compromise": "Security", "data-breach": "Security",
    "service-outage": "Infra", "disinformation": "Other", "general": "Other",
}
# crisiscomm severity 1 (lowest) … 4 (highest)
SEVERITY = {1: "Minor", 2: "Moderate", 3: "Severe", 4: "Extreme"}
URGENCY = {1: "Expected", 2: "Expected", 3: "Immediate", 4: "Immediate"}
AREA_FACTS = ("where", "area", "location", "yer", "bolge", "bölge")
CONTACT_FACTS = ("hotline", "phone", "contact", "iletisim", "iletişim")
HEADLINE_MAX = 160
# the channel forms a CAP description takes, first found first: an SMS is what a phone shows
SHORT_FORMS = ("sms", "x", "bluesky")

i18n.register({
    "cap.headline": {"tr": "{title}: kamuoyu açıklaması", "en": "{title}: public statement"},
    "cap.elsewhere": {
        "tr": "Onaylanmış açıklama metni {block} bölümündedir.",
        "en": "The approved statement text is in the {block} block.",
    },
    "cap.full_text": {"tr": "Açıklamanın onaylanmış tam metni", "en": "The approved full text of the statement"},
    "cap.cancel": {
        "tr": "Bu açıklama geri çekilmiştir; önceki uyarılar geçersizdir.",
        "en": "This statement is withdrawn; the earlier alerts no longer apply.",
    },
})


class CapError(CrisisError):
    pass


@dataclass(frozen=True)
class Version:
    statement_id: int
    version: int
    body: str
    language: str
    approved_at: str
    forms: dict[str, str]

    @property
    def short(self) -> str | None:
        """The approved short form (see SHORT_FORMS), if the version has one other than its body."""
        return next((self.forms[ch] for ch in SHORT_FORMS if self.forms.get(ch, self.body) != self.body), None)


def _approved_versions(store: Store, statement_id: int) -> tuple[dict, list[Version]]:
    statement = store.one("SELECT * FROM statements WHERE id = ?", (statement_id,))
    if statement is None:
        raise NotFound(t("error.statement.not_found", id=statement_id))
    rows = store.all(
        "SELECT statement_id, version, body, language, approved_at, channel_texts FROM statement_versions"
        " WHERE statement_id = ? AND approved_at IS NOT NULL ORDER BY version", (statement_id,))
    return statement, [Version(r["statement_id"], r["version"], r["body"], r["language"], r["approved_at"],
                               channel_texts.parsed(r["channel_texts"])) for r in rows]


def _current(store: Store, statement_id: int) -> tuple[dict, Version, list[Version]]:
    """The statement, its exported version, and the approved versions before it."""
    statement, approved = _approved_versions(store, statement_id)
    live = store.scalar(
        "SELECT max(version) FROM statement_versions WHERE statement_id = ? AND state IN ('approved', 'published')",
        (statement_id,))
    if live is None:
        raise Refused(t("error.cap.not_approved", statement_id=statement_id))
    chosen = next(v for v in approved if v.version == live)
    return statement, chosen, [v for v in approved if v.version < live]


def _identifier(db_id: str, version: Version) -> str:
    return f"crisiscomm.{db_id}.statement{version.statement_id}.v{version.version}"


def _check_sender(sender: str) -> str:
    if not sender or any(ch.isspace() or ch in ",<&" for ch in sender):
        raise CapError(t("error.cap.sender", sender=sender))
    return sender


def default_sender() -> str:
    return f"crisiscomm@{socket.getfqdn() or 'localhost'}"


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    node = ET.SubElement(parent, f"{{{NS}}}{tag}")
    if text is not None:
        node.text = text
    return node


def _fact(sheet: dict[str, dict], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if key in sheet:
            return sheet[key]["value"]
    return None


def _event_name(incident: Incident, lang: str) -> str:
    from crisiscomm.playbooks import load_playbook

    try:
        playbook = load_playbook(incident.playbook, lang)
    except CrisisError:
        return incident.title
    return playbook.text(playbook.title)


def _marked(text: str, exercise: bool) -> str:
    return with_exercise_mark(text) if exercise else text


def _full_text(info: ET.Element, lang: str, body: str) -> None:
    """The full approved body as an inline resource of the block (CAP 1.2 §3.2.3)."""
    data = body.encode("utf-8")
    resource = _sub(info, "resource")
    _sub(resource, "resourceDesc", i18n.t_in(lang, "cap.full_text"))
    _sub(resource, "mimeType", "text/plain")
    _sub(resource, "size", str(len(data)))
    _sub(resource, "derefUri", base64.b64encode(data).decode("ascii"))
    _sub(resource, "digest", hashlib.sha1(data).hexdigest())  # CAP 1.2 names SHA-1


def _info(alert: ET.Element, *, lang: str, incident: Incident, version: Version | None, text_lang: str,
          sheet: dict, web: str | None, cancel: bool) -> None:
    info = _sub(alert, "info")
    _sub(info, "language", LANGS[lang])
    _sub(info, "category", CATEGORY.get(incident.playbook, "Other"))
    _sub(info, "event", _event_name(incident, lang))
    _sub(info, "responseType", "AllClear" if cancel else "Monitor")
    _sub(info, "urgency", "Past" if cancel else URGENCY[incident.severity])
    _sub(info, "severity", SEVERITY[incident.severity])
    _sub(info, "certainty", "Observed")
    headline = i18n.t_in(lang, "cap.headline", title=incident.title)
    if incident.is_exercise:
        headline = f"{EXERCISE_MARK}: {headline}"
    _sub(info, "headline", headline[:HEADLINE_MAX])
    full = None
    if cancel:
        text = i18n.t_in(lang, "cap.cancel")
    elif version is not None:
        text = version.short or version.body
        full = version.body if version.short else None
    else:
        text = i18n.t_in(lang, "cap.elsewhere", block=LANGS[text_lang])
    _sub(info, "description", _marked(text, incident.is_exercise))
    if web:
        _sub(info, "web", web)
    contact = _fact(sheet, CONTACT_FACTS)
    if contact:
        _sub(info, "contact", contact)
    if full is not None:
        _full_text(info, lang, _marked(full, incident.is_exercise))
    area = _fact(sheet, AREA_FACTS)
    if area:
        _sub(_sub(info, "area"), "areaDesc", area)


def _web(store: Store, statement_id: int, exercise: bool) -> str | None:
    """A live post's address (never in a drill: exercise posts carry no live URL)."""
    if exercise:
        return None
    return store.scalar(
        "SELECT url FROM posts WHERE statement_id = ? AND url LIKE 'http%' ORDER BY id DESC LIMIT 1", (statement_id,))


def build(store: Store, statement_id: int, *, sender: str | None = None, paired: int | None = None,
          cancel: bool = False) -> bytes:
    """The CAP 1.2 document (UTF-8 bytes, with an XML declaration)."""
    sender = _check_sender(sender or default_sender())
    with store.snapshot():
        statement, version, earlier = _current(store, statement_id)
        incident = get_incident(store, statement["incident_id"])
        sheet = fact_sheet.current(store, incident.id)
        exercise = incident.is_exercise
        texts = {version.language if version.language in LANGS else "tr": version}
        if paired is not None:
            pair_statement, pair_version, _ = _current(store, paired)
            if pair_statement["incident_id"] != incident.id:
                raise CapError(t("error.cap.paired_incident", paired=paired))
            if pair_version.language in texts or pair_version.language not in LANGS:
                raise CapError(t("error.cap.paired_language", paired=paired, language=pair_version.language))
            texts[pair_version.language] = pair_version
        db_id = database_id(store)
        web = _web(store, statement_id, exercise)
    ET.register_namespace("", NS)
    alert = ET.Element(f"{{{NS}}}alert")
    own = _identifier(db_id, version)
    _sub(alert, "identifier", f"{own}.cancel" if cancel else own)
    _sub(alert, "sender", sender)
    _sub(alert, "sent", local_seconds(utc_now() if cancel else version.approved_at))
    _sub(alert, "status", "Exercise" if exercise else "Actual")
    _sub(alert, "msgType", "Cancel" if cancel else ("Update" if earlier else "Alert"))
    _sub(alert, "source", "crisiscomm")
    _sub(alert, "scope", "Public")
    if exercise:
        _sub(alert, "note", EXERCISE_MARK)
    referenced = earlier + [version] if cancel else earlier
    if referenced:
        _sub(alert, "references", " ".join(
            f"{sender},{_identifier(db_id, v)},{local_seconds(v.approved_at)}" for v in referenced))
    _sub(alert, "incidents", f"crisiscomm.{db_id}.incident{incident.id}")
    for lang in LANGS:
        _info(alert, lang=lang, incident=incident, version=texts.get(lang), text_lang=next(iter(texts)),
              sheet=sheet, web=web, cancel=cancel)
    ET.indent(alert)
    return ET.tostring(alert, encoding="utf-8", xml_declaration=True) + b"\n"


def default_name(statement_id: int, cancel: bool = False) -> str:
    return f"crisiscomm-statement-{statement_id}{'-cancel' if cancel else ''}.cap.xml"
