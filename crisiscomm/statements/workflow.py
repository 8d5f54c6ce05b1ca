"""Statements and their versions: draft → in_review → approved → published / superseded.

- Actions work on a statement's newest version. A revision is a new version;
  older versions still pending (draft, in review, approved) become superseded,
  published ones stay published until a newer version is published.
- Two-person rule: the author of a version cannot approve or reject it (who
  may approve at all is the use-case layer's role check).
- A version with lint errors (checked again with the current fact sheet)
  cannot be approved; warnings need `acknowledge_warnings=True`. Publishing
  lints again with the channel, so a fact changed since approval, or a text
  too long for the channel, is refused.
- Approve and publish read and write in one immediate transaction: of two
  operators approving at once, exactly one wins.
- Exercise incidents: every version starts with `TATBİKAT / EXERCISE` and so
  does every channel text. Publishing records a *simulated* post (the drill
  needs it for the consistency tracker and scoring) and never takes a live
  URL: an exercise statement cannot be recorded as posted on a live channel.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from crisiscomm import facts as fact_sheet
from crisiscomm import signing, timeline
from crisiscomm.clock import utc_now_iso
from crisiscomm.errors import CrisisError, NotFound, Refused
from crisiscomm.identity import same_person
from crisiscomm.i18n import t, word
from crisiscomm.incidents import Incident
from crisiscomm.incidents import get as get_incident
from crisiscomm.posts import channel_name
from crisiscomm.statements import channel_texts, channels
from crisiscomm.statements.findings import Finding, errors, rule_label, warnings
from crisiscomm.statements.lint import lint
from crisiscomm.statements.lint_config import load_config
from crisiscomm.statements.templates import fill, find_template
from crisiscomm.store import Store
from crisiscomm.text import strip_controls

STATES = ("draft", "in_review", "approved", "published", "superseded", "rejected")
MAX_BODY = 70_000


def guess_language(text: str) -> str:
    if re.search(r"[ıİşŞğĞ]", text) or re.search(r"(?i)\b(ve|bir|için|ile|olarak)\b", text):
        return "tr"
    return "en" if re.search(r"(?i)\b(the|and|is|are|we|will)\b", text) else "tr"


def _prepared(body: str, sheet: dict, exercise: bool) -> str:
    body = strip_controls(body).strip()
    if len(body) > MAX_BODY:
        raise CrisisError(t("error.statement.too_long", limit=f"{MAX_BODY:,}"))
    body, _missing = fill(body, sheet)
    return channels.with_exercise_mark(body) if exercise else body


def lint_for_incident(store: Store, incident: Incident, text: str, channel: str | None = None) -> list[Finding]:
    """Lint with the incident's fact sheet, its mode and the lint.toml beside the database."""
    return lint(
        text, channel=channel, facts=fact_sheet.current(store, incident.id),
        exercise=incident.is_exercise, config=load_config(),
    )


def lint_version(store: Store, incident: Incident, body: str, forms: dict[str, str]) -> list[Finding]:
    """The body's findings and each channel text's, linted against its channel."""
    sheet, config = fact_sheet.current(store, incident.id), load_config()
    body_found = lint(body, facts=sheet, exercise=incident.is_exercise, config=config)
    return channel_texts.lint_forms(
        body_found, forms,
        lambda text, channel: lint(text, channel=channel, facts=sheet, exercise=incident.is_exercise, config=config))


def _lint_json(found: list[Finding]) -> str:
    return json.dumps([f.as_dict() for f in found], ensure_ascii=False)


def _insert_version(store: Store, statement_id: int, number: int, body: str, language: str,
                    operator: str, found: list[Finding], forms: dict[str, str]) -> int:
    cur = store.execute(
        "INSERT INTO statement_versions (statement_id, version, body, language, author, created_at, lint, state,"
        " channel_texts) VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', ?)",
        (statement_id, number, body, language, operator, utc_now_iso(), _lint_json(found),
         json.dumps(forms, ensure_ascii=False)),
    )
    return cur.lastrowid


def draft(
    store: Store, incident_id: int, *, operator: str, body: str | None = None,
    template_id: str | None = None, title: str = "", language: str | None = None, short: str | None = None,
    forms: dict[str, str] | None = None,
) -> dict:
    """A new statement (version 1) from a template, a text, or blank; a template's short form
    (or `short`) becomes the X, Bluesky and SMS text, `forms` sets channel texts outright."""
    if body is not None and template_id:
        raise CrisisError(t("error.statement.template_and_text"))
    incident = get_incident(store, incident_id)
    if incident.is_closed:
        raise Refused(t("error.incident.closed", id=incident_id))
    if template_id:
        template = find_template(incident.playbook, template_id, language)
        body, title = template["body"], title or template.get("title", "")
        short = short or template.get("short")
        language = language or template.get("language")
    body = body or ""
    with store.write():
        sheet = fact_sheet.current(store, incident_id)
        text = _prepared(body, sheet, incident.is_exercise)
        written = {**channel_texts.forms_for(text, short), **(forms or {})}
        written = {channels.check_channel(ch): _prepared(form, sheet, incident.is_exercise)
                   for ch, form in written.items() if form and form.strip()}
        language = language or guess_language(text)
        cur = store.execute(
            "INSERT INTO statements (incident_id, title, template_id, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
            (incident_id, strip_controls(title).strip()[:200], template_id, operator, utc_now_iso()),
        )
        statement_id = cur.lastrowid
        found = lint_version(store, incident, text, written)
        _insert_version(store, statement_id, 1, text, language, operator, found, written)
        timeline.append(
            store, "statement.drafted",
            {"statement": statement_id, "version": 1, "title": title, "template": template_id,
             "errors": len(errors(found)), "warnings": len(warnings(found))},
            operator=operator, incident_id=incident_id,
        )
    return get_statement(store, statement_id)


def revise(store: Store, statement_id: int, body: str, *, operator: str, channel: str | None = None) -> dict:
    """A new version (of the body, or of one channel's text); older pending versions become superseded."""
    with store.write():
        statement, newest = _statement_and_newest(store, statement_id)
        incident = get_incident(store, statement["incident_id"])
        revised = _prepared(body, fact_sheet.current(store, incident.id), incident.is_exercise)
        forms = channel_texts.parsed(newest["channel_texts"])
        text = newest["body"]
        if channel is None:
            text = revised
        elif revised == newest["body"]:
            forms.pop(channels.check_channel(channel), None)  # the channel gets the body again
        else:
            forms[channels.check_channel(channel)] = revised
        if (text, forms) == (newest["body"], channel_texts.parsed(newest["channel_texts"])):
            raise Refused(t("error.statement.unchanged", id=statement_id))
        store.execute(
            "UPDATE statement_versions SET state = 'superseded'"
            " WHERE statement_id = ? AND state IN ('draft', 'in_review', 'approved')",
            (statement_id,),
        )
        found = lint_version(store, incident, text, forms)
        number = newest["version"] + 1
        _insert_version(store, statement_id, number, text, newest["language"], operator, found, forms)
        timeline.append(
            store, "statement.revised",
            {"statement": statement_id, "version": number, "errors": len(errors(found)),
             "warnings": len(warnings(found))},
            operator=operator, incident_id=incident.id,
        )
    return get_statement(store, statement_id)


def submit(store: Store, statement_id: int, *, operator: str) -> dict:
    with store.write():
        statement, newest = _statement_and_newest(store, statement_id)
        if newest["state"] != "draft":
            hint = t("error.statement.revise_first") if newest["state"] == "rejected" else ""
            raise Refused(t("error.statement.not_draft", id=statement_id, version=newest["version"],
                            state=word("review.state", newest["state"]), hint=hint))
        if not newest["body"].strip():
            raise Refused(t("error.statement.empty", id=statement_id))
        _set_state(store, newest, "in_review", submitted_at=utc_now_iso())
        timeline.append(store, "statement.submitted", {"statement": statement_id, "version": newest["version"]},
                        operator=operator, incident_id=statement["incident_id"])
    return get_statement(store, statement_id)


def _listed(found: list[Finding]) -> str:
    """Findings on one line, each named by what it checks (the rule's id on an English screen)."""
    return "; ".join(f"{rule_label(f.rule)}: {f.message}" for f in found)


def _reviewable(store: Store, statement_id: int, operator: str, verb: str) -> tuple[dict, dict]:
    """The statement and its newest version, when `operator` may `verb` (approve, reject) it now."""
    statement, newest = _statement_and_newest(store, statement_id)
    if newest["state"] != "in_review":
        by = t("error.statement.by", approver=newest["approver"]) if newest["approver"] else ""
        raise Refused(t("error.statement.not_in_review", id=statement_id, version=newest["version"],
                        state=word("review.state", newest["state"]), by=by))
    if same_person(newest["author"], operator):
        also = "" if newest["author"] == operator else t("error.statement.same_name", author=newest["author"])
        raise Refused(t(f"error.statement.two_person.{verb}", operator=operator, id=statement_id,
                        version=newest["version"], also=also))
    return statement, newest


def approve(
    store: Store, statement_id: int, *, operator: str, acknowledge_warnings: bool = False,
) -> dict:
    with store.write():
        statement, newest = _reviewable(store, statement_id, operator, "approve")
        incident = get_incident(store, statement["incident_id"])
        found = lint_version(store, incident, newest["body"], channel_texts.parsed(newest["channel_texts"]))
        if errors(found):
            raise Refused(t("error.statement.lint_errors", id=statement_id, version=newest["version"],
                            count=len(errors(found)), listed=_listed(errors(found))))
        if warnings(found) and not acknowledge_warnings:
            raise Refused(t("error.statement.lint_warnings", id=statement_id, version=newest["version"],
                            count=len(warnings(found)), listed=_listed(warnings(found))))
        signature = signing.sign_approval(operator, statement_id, newest["version"],
                                          channel_texts.signed_text(newest), incident.id)
        _set_state(store, newest, "approved", approver=operator, approved_at=utc_now_iso(), lint=_lint_json(found))
        payload = {"statement": statement_id, "version": newest["version"], "author": newest["author"],
                   "acknowledged_warnings": [f.rule for f in warnings(found)]}
        if signature is not None:
            payload["signature"] = signature
        timeline.append(store, "statement.approved", payload, operator=operator, incident_id=incident.id)
    return get_statement(store, statement_id)


def reject(store: Store, statement_id: int, *, operator: str, reason: str) -> dict:
    reason = strip_controls(reason or "").strip()
    if not reason:
        raise CrisisError(t("error.statement.reject_reason"))
    with store.write():
        statement, newest = _reviewable(store, statement_id, operator, "reject")
        _set_state(store, newest, "rejected", approver=operator, reason=reason[:1000])
        timeline.append(store, "statement.rejected",
                        {"statement": statement_id, "version": newest["version"], "reason": reason[:1000]},
                        operator=operator, incident_id=statement["incident_id"])
    return get_statement(store, statement_id)


@dataclass(frozen=True)
class Publication:
    """An approved version ready to go out on one channel, with the text that channel gets."""

    statement_id: int
    incident_id: int
    version: dict
    channel: str
    text: str
    url: str | None
    simulated: bool


def publication(store: Store, statement_id: int, channel: str, *, url: str | None = None) -> Publication:
    """Check that the newest version may go out on `channel` (simulated in an exercise) and give its text."""
    channel = channels.check_channel(channel)
    url = (url or "").strip() or None
    if url and not re.match(r"https?://", url, re.IGNORECASE):
        raise CrisisError(t("error.statement.url"))
    statement, newest = _statement_and_newest(store, statement_id)
    incident = get_incident(store, statement["incident_id"])
    if incident.is_exercise and url:
        raise Refused(t("error.statement.exercise_url"))
    if newest["state"] not in ("approved", "published"):
        raise Refused(t("error.statement.not_approved", id=statement_id, version=newest["version"],
                        state=word("review.state", newest["state"])))
    text = channel_texts.posted_text(newest, channel, exercise=incident.is_exercise)
    found = errors(lint_for_incident(store, incident, text, channel))
    if found:
        raise Refused(t("error.statement.channel_errors", id=statement_id, version=newest["version"],
                        channel=channel_name(channel), listed=_listed(found)))
    return Publication(statement_id, incident.id, newest, channel, text, url, incident.is_exercise)


def mark_published(store: Store, item: Publication, post_id: int, *, operator: str) -> dict:
    """The version is published (older published versions superseded), inside the caller's transaction."""
    version = item.version
    older = store.all(
        "SELECT version FROM statement_versions WHERE statement_id = ? AND state = 'published' AND id != ?",
        (item.statement_id, version["id"]),
    )
    store.execute("UPDATE statement_versions SET state = 'superseded' WHERE statement_id = ? AND state = 'published' AND id != ?",
                  (item.statement_id, version["id"]))
    _set_state(store, version, "published", published_at=version["published_at"] or utc_now_iso())
    timeline.append(
        store, "statement.published",
        {"statement": item.statement_id, "version": version["version"], "channel": item.channel, "post": post_id,
         "url": item.url, "simulated": item.simulated, "superseded": [r["version"] for r in older]},
        operator=operator, incident_id=item.incident_id,
    )
    return get_statement(store, item.statement_id)


# -- reading -------------------------------------------------------------------
def _set_state(store: Store, version: dict, state: str, **fields: object) -> None:
    sets = ", ".join(["state = ?"] + [f"{k} = ?" for k in fields])
    store.execute(f"UPDATE statement_versions SET {sets} WHERE id = ?", (state, *fields.values(), version["id"]))


def _statement_and_newest(store: Store, statement_id: int) -> tuple[dict, dict]:
    statement = store.one("SELECT * FROM statements WHERE id = ?", (statement_id,))
    if statement is None:
        raise NotFound(t("error.statement.not_found", id=statement_id))
    newest = store.one("SELECT * FROM statement_versions WHERE statement_id = ? ORDER BY version DESC LIMIT 1",
                       (statement_id,))
    return statement, newest


def _version_view(row: dict) -> dict:
    view = dict(row)
    view["lint"] = json.loads(row["lint"] or "[]")
    view["channel_texts"] = channel_texts.parsed(row.get("channel_texts"))
    return view


def _assemble(statement: dict, versions: list[dict], posts: list[dict]) -> dict:
    versions = [_version_view(v) for v in versions]
    newest = versions[-1]
    return {
        **statement, "version": newest["version"], "state": newest["state"], "author": newest["author"],
        "approver": newest["approver"], "body": newest["body"], "language": newest["language"],
        "channel_texts": newest["channel_texts"],
        "versions": versions,
        "channels": sorted({p["channel"] for p in posts}),
    }


def list_statements(store: Store, incident_id: int) -> list[dict]:
    """Every statement of the incident, newest first, each with its versions."""
    get_incident(store, incident_id)
    statements = store.all("SELECT * FROM statements WHERE incident_id = ? ORDER BY id DESC", (incident_id,))
    versions = store.all(
        "SELECT v.* FROM statement_versions v JOIN statements s ON s.id = v.statement_id"
        " WHERE s.incident_id = ? ORDER BY v.statement_id, v.version", (incident_id,))
    posts = store.all("SELECT statement_id, channel FROM posts WHERE incident_id = ? AND statement_id IS NOT NULL",
                      (incident_id,))
    by_statement: dict[int, list[dict]] = {}
    for v in versions:
        by_statement.setdefault(v["statement_id"], []).append(v)
    return [_assemble(s, by_statement[s["id"]], [p for p in posts if p["statement_id"] == s["id"]])
            for s in statements]


def get_statement(store: Store, statement_id: int) -> dict:
    statement, _newest = _statement_and_newest(store, statement_id)
    versions = store.all("SELECT * FROM statement_versions WHERE statement_id = ? ORDER BY version", (statement_id,))
    posts = store.all("SELECT channel FROM posts WHERE statement_id = ?", (statement_id,))
    return _assemble(statement, versions, posts)
