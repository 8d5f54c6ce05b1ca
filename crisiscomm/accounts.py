"""Account register: the institution's social accounts and their security readiness.

The guide asks for two-factor authentication, access for a limited number of
named people and regular security reviews. Each account records its channel,
handle, named owners, 2FA and the date of its last review; the readiness
warnings (shown on the dashboard's start screen, before any incident) name
what falls short. The account-compromise playbook reads the same register.
"""

from __future__ import annotations

import datetime as dt
import json

from crisiscomm import i18n, timeline
from crisiscomm.clock import parse_iso, utc_now, utc_now_iso
from crisiscomm.errors import CrisisError, NotFound
from crisiscomm.store import Store
from crisiscomm.text import strip_controls

REVIEW_EVERY_DAYS = 90
MIN_OWNERS, MAX_OWNERS = 2, 5
MAX_FIELD = 200

i18n.register(
    {
        "account.warn.twofa": {"tr": "2FA kapalı", "en": "2FA is off"},
        "account.warn.never_reviewed": {
            "tr": "güvenlik incelemesi hiç yapılmadı", "en": "security review never done",
        },
        "account.warn.review_overdue": {
            "tr": "son güvenlik incelemesi {days} gün önce ({limit} günde bir olmalı)",
            "en": "last security review {days} days ago (due every {limit} days)",
        },
        "account.warn.few_owners": {
            "tr": "{count} yetkili sahip (en az {min} kişi adıyla atanmalı)",
            "en": {"one": "{count} named owner (at least {min} are needed)",
                   "other": "{count} named owners (at least {min} are needed)"},
        },
        "account.warn.many_owners": {
            "tr": "{count} yetkili sahip (erişim en çok {max} kişiyle sınırlı olmalı)",
            "en": "{count} named owners (access should be limited to {max})",
        },
    }
)


def _decode(row: dict) -> dict:
    row["owners"] = json.loads(row["owners"])
    row["twofa"] = bool(row["twofa"])
    return row


def _clean(text: str) -> str:
    return strip_controls(text or "").strip()[:MAX_FIELD]


def _owners(owners: list[str]) -> list[str]:
    clean = list(dict.fromkeys(o for o in (_clean(x) for x in owners) if o))
    if not clean:
        raise CrisisError(i18n.t("error.account.owner"))
    return clean


def list_accounts(store: Store) -> list[dict]:
    return [_decode(r) for r in store.all("SELECT * FROM accounts ORDER BY channel, handle")]


def find_account(store: Store, handle: str, channel: str | None = None) -> dict:
    """The account with this handle (and channel, when the handle is on several)."""
    handle = _clean(handle)
    if channel:
        rows = store.all("SELECT * FROM accounts WHERE handle = ? AND channel = ?", (handle, channel.strip().lower()))
    else:
        rows = store.all("SELECT * FROM accounts WHERE handle = ? ORDER BY channel", (handle,))
    if not rows:
        raise NotFound(i18n.t("error.account.not_found_on", handle=handle, channel=channel) if channel
                       else i18n.t("error.account.not_found", handle=handle))
    if len(rows) > 1:
        channels = ", ".join(r["channel"] for r in rows)
        raise CrisisError(i18n.t("error.account.several", handle=handle, channels=channels))
    return _decode(rows[0])


def add_account(
    store: Store, channel: str, handle: str, *, owners: list[str], twofa: bool, operator: str,
) -> dict:
    """Register an account; adding it counts as its first security review."""
    channel, handle = _clean(channel).lower(), _clean(handle)
    if not channel or not handle or any(c.isspace() for c in channel + handle):
        raise CrisisError(i18n.t("error.account.fields"))
    owners = _owners(owners)
    now = utc_now_iso()
    with store.write():
        if store.one("SELECT 1 FROM accounts WHERE channel = ? AND handle = ?", (channel, handle)):
            raise CrisisError(i18n.t("error.account.exists", handle=handle, channel=channel))
        store.execute(
            "INSERT INTO accounts (channel, handle, owners, twofa, last_review, added_by, added_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (channel, handle, json.dumps(owners, ensure_ascii=False), int(twofa), now, operator, now),
        )
        timeline.append(
            store, "account.added", {"channel": channel, "handle": handle, "owners": owners, "twofa": twofa},
            operator=operator,
        )
    return find_account(store, handle, channel)


def review_account(
    store: Store, handle: str, *, operator: str, channel: str | None = None,
    twofa: bool | None = None, owners: list[str] | None = None,
) -> dict:
    """Record a security review today, with what it found (2FA, owners) when given."""
    with store.write():
        account = find_account(store, handle, channel)
        new_twofa = account["twofa"] if twofa is None else twofa
        new_owners = account["owners"] if owners is None else _owners(owners)
        store.execute(
            "UPDATE accounts SET twofa = ?, owners = ?, last_review = ? WHERE id = ?",
            (int(new_twofa), json.dumps(new_owners, ensure_ascii=False), utc_now_iso(), account["id"]),
        )
        timeline.append(
            store, "account.reviewed",
            {"channel": account["channel"], "handle": account["handle"], "owners": new_owners, "twofa": new_twofa},
            operator=operator,
        )
    return find_account(store, account["handle"], account["channel"])


def account_warnings(account: dict, *, now: dt.datetime | None = None) -> list[str]:
    """What falls short of the guide's security practice, in the UI language."""
    warnings = []
    if not account["twofa"]:
        warnings.append(i18n.t("account.warn.twofa"))
    if not account["last_review"]:
        warnings.append(i18n.t("account.warn.never_reviewed"))
    else:
        days = ((now or utc_now()) - parse_iso(account["last_review"])).days
        if days > REVIEW_EVERY_DAYS:
            warnings.append(i18n.t("account.warn.review_overdue", days=days, limit=REVIEW_EVERY_DAYS))
    count = len(account["owners"])
    if count < MIN_OWNERS:
        warnings.append(i18n.t("account.warn.few_owners", count=count, min=MIN_OWNERS))
    elif count > MAX_OWNERS:
        warnings.append(i18n.t("account.warn.many_owners", count=count, max=MAX_OWNERS))
    return warnings


def public_view(account: dict, *, now: dt.datetime | None = None) -> dict:
    """The documented JSON fields (SPEC §11)."""
    return {
        "channel": account["channel"],
        "handle": account["handle"],
        "owners": account["owners"],
        "twofa": account["twofa"],
        "last_review": account["last_review"],
        "warnings": account_warnings(account, now=now),
    }


def readiness_warnings(store: Store, *, now: dt.datetime | None = None) -> list[str]:
    """Every account's shortfalls as `channel handle: warning` lines (the start screen shows them)."""
    now = now or utc_now()
    return [
        f"{account['channel']} {account['handle']}: {warning}"
        for account in list_accounts(store)
        for warning in account_warnings(account, now=now)
    ]
