"""The feed register: adding feeds, listing them with their health, recording polls."""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import re
import urllib.parse

from crisiscomm import timeline
from crisiscomm.clock import iso, parse_iso, utc_now, utc_now_iso
from crisiscomm.errors import CrisisError, NotFound
from crisiscomm.feeds import sources
from crisiscomm.feeds.fetch import is_url
from crisiscomm.i18n import get_lang, t
from crisiscomm.store import Store
from crisiscomm.text import strip_controls
from crisiscomm.text.grammar import join_words

TRUST_LEVELS = ("official", "media", "social")
# Read by a held connection (the dashboard, `ingest --stream`), not by polling.
STREAMING_KINDS = ("bluesky",)
FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")
MIN_INTERVAL_S = 30
MAX_BACKOFF = 16


def feed_files(folder: pathlib.Path) -> list[pathlib.Path]:
    """The feed files directly in a folder (not its subfolders), by name."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in FEED_SUFFIXES)


def source_kind(source: str, kind: str | None = None) -> str:
    """The kind asked for, else the one the address names (`rss` for files)."""
    if kind is None:
        return sources.detect_kind(source.strip()) if is_url(source.strip()) else "rss"
    if kind not in sources.KINDS:
        raise CrisisError(t("error.feed.kind", kinds=", ".join(sources.KINDS)))
    return kind


def normalise_source(source: str, kind: str = "rss") -> str:
    """A URL of the kind's schemes in its stored form, or (RSS) an absolute file path; CrisisError otherwise."""
    source = source.strip()
    if not source:
        raise CrisisError(t("error.feed.no_source"))
    if kind != "rss" and not is_url(source):
        raise CrisisError(t("error.feed.not_a_file", kind=kind, source=repr(strip_controls(source)[:80])))
    if is_url(source):
        return sources.canonical_url(kind, check_url(source, sources.KIND_INFO[kind].schemes))
    path = pathlib.Path(source).expanduser()
    if not path.exists():
        raise CrisisError(t("error.feed.no_file", source=source))
    return str(path.resolve())


def check_url(url: str, schemes: tuple[str, ...] = ("http", "https")) -> str:
    """The URL itself when it is well formed with one of these schemes; CrisisError saying what is wrong."""
    shown = repr(strip_controls(url)[:80])
    if any(ch.isspace() or not ch.isprintable() for ch in url):
        raise CrisisError(t("error.feed.bad_url_chars", url=shown))
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError as exc:
        raise CrisisError(t("error.feed.bad_url", reason=exc, url=shown)) from None
    if parts.scheme.lower() not in schemes:
        raise CrisisError(t("error.feed.scheme", schemes=join_words(list(schemes), get_lang()), url=shown))
    if not host:
        raise CrisisError(t("error.feed.no_host", url=shown))
    return url


def _derived_name(source: str, kind: str = "rss") -> str:
    if kind == "telegram":
        base = f"telegram-{sources.telegram_channel(source)}"
    elif kind == "mastodon":
        base = f"{urllib.parse.urlsplit(source).hostname}-{sources.mastodon_tag(source)}"
    elif kind == "bluesky":
        base = "bluesky-jetstream"
    elif is_url(source):
        parts = urllib.parse.urlsplit(source)
        stem = pathlib.PurePosixPath(parts.path).stem
        base = parts.hostname.removeprefix("www.") + (f"-{stem}" if stem else "")
    else:
        base = pathlib.Path(source).stem
    return re.sub(r"[^\w.-]+", "-", base).strip("-")[:60] or "feed"


def get_feed(store: Store, name: str) -> dict:
    row = store.one("SELECT * FROM feeds WHERE name = ?", (name,))
    if row is None:
        raise NotFound(t("error.feed.not_found", name=name))
    return row


def add_feed(
    store: Store,
    source: str,
    *,
    operator: str,
    name: str | None = None,
    trust: str = "social",
    interval_s: int = 120,
    polled: bool = True,
    kind: str | None = None,
    options: dict | None = None,
) -> dict:
    """Register one source (a URL or a file) of a kind (default: what the address names)."""
    if trust not in TRUST_LEVELS:
        raise CrisisError(t("error.feed.trust", levels=", ".join(TRUST_LEVELS)))
    if interval_s < MIN_INTERVAL_S:
        raise CrisisError(t("error.feed.interval", seconds=MIN_INTERVAL_S))
    kind = source_kind(source, kind)
    source = normalise_source(source, kind)
    if not is_url(source) and pathlib.Path(source).is_dir():
        raise CrisisError(t("error.feed.folder", source=source))
    if name is not None and not name.strip():
        raise CrisisError(t("error.feed.empty_name"))
    with store.write():
        existing = store.one("SELECT name FROM feeds WHERE url = ?", (source,))
        if existing:
            raise CrisisError(t("error.feed.registered", name=existing["name"], source=source))
        if name:
            name = name.strip()
            if store.one("SELECT 1 FROM feeds WHERE name = ?", (name,)):
                raise CrisisError(t("error.feed.name_taken", name=name))
        else:
            name = _free_name(store, _derived_name(source, kind))
        return _insert(store, source, name=name, trust=trust, interval_s=interval_s, polled=polled, kind=kind,
                       options=options, operator=operator)


def _free_name(store: Store, base: str) -> str:
    name, n = base, 2
    while store.one("SELECT 1 FROM feeds WHERE name = ?", (name,)):
        name, n = f"{base}-{n}", n + 1
    return name


def _insert(store: Store, source: str, *, name: str, trust: str, interval_s: int, polled: bool, kind: str,
            options: dict | None, operator: str) -> dict:
    cur = store.execute(
        "INSERT INTO feeds (name, url, trust, interval_s, polled, added_at, kind, options)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (name, source, trust, interval_s, int(polled), utc_now_iso(), kind,
         json.dumps(options or {}, ensure_ascii=False)),
    )
    timeline.append(
        store, "feed.added", {"name": name, "url": source, "trust": trust, "polled": polled, "kind": kind},
        operator=operator,
    )
    return store.one("SELECT * FROM feeds WHERE id = ?", (cur.lastrowid,))


def add_internal(store: Store, key: str, *, kind: str, name: str, trust: str, operator: str) -> dict:
    """A source that is never fetched (manual intake, a file import), registered under `key`."""
    with store.write():
        row = store.one("SELECT * FROM feeds WHERE url = ?", (key,))
        return row or _insert(store, key, name=_free_name(store, name), trust=trust, interval_s=120, polled=False,
                              kind=kind, options=None, operator=operator)


def registered_as(store: Store, source: str) -> str | None:
    """The name this URL or file is registered under, if it is."""
    return store.scalar("SELECT name FROM feeds WHERE url = ?", (normalise_source(source, source_kind(source)),))


def feed_for_source(store: Store, source: str, *, operator: str, name: str | None = None, polled: bool = True) -> dict:
    """The registered feed for this URL or file, registering it when new (kind from the address)."""
    kind = source_kind(source)
    source = normalise_source(source, kind)
    row = store.one("SELECT * FROM feeds WHERE url = ?", (source,))
    return row or add_feed(store, source, operator=operator, name=name, polled=polled, kind=kind)


def options_of(feed: dict) -> dict:
    try:
        value = json.loads(feed.get("options") or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def list_feeds(store: Store, *, polled_only: bool = False) -> list[dict]:
    where = "WHERE polled = 1" if polled_only else ""
    return store.all(f"SELECT * FROM feeds {where} ORDER BY name")


def next_poll_at(feed: dict) -> dt.datetime:
    """When a feed is due: its interval after the last attempt, backing off while it fails."""
    if not feed.get("last_attempt"):
        return dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    backoff = min(2 ** max(0, feed["failures"] - 1), MAX_BACKOFF) if feed["failures"] else 1
    due = parse_iso(feed["last_attempt"]) + dt.timedelta(seconds=feed["interval_s"] * backoff)
    return max(due, retry_at(feed) or due)


def retry_at(feed: dict) -> dt.datetime | None:
    """When the feed's server allows the next request (its Retry-After), if it said so."""
    return parse_iso(feed["retry_at"]) if feed.get("retry_at") else None


def is_polled_kind(feed: dict) -> bool:
    """Read by fetching (RSS/Atom, Mastodon, Telegram), not held open nor written by hand."""
    return feed.get("kind", "rss") in sources.KINDS and feed.get("kind", "rss") not in STREAMING_KINDS


def is_streaming(feed: dict) -> bool:
    return feed.get("kind") in STREAMING_KINDS


def due_feeds(store: Store, now: dt.datetime | None = None) -> list[dict]:
    moment = now or utc_now()
    return [f for f in list_feeds(store, polled_only=True) if next_poll_at(f) <= moment]


def record_poll(store: Store, feed_id: int, *, status: str, error: str = "", new: int = 0,
                duration_ms: int = 0, etag: str | None = None, last_modified: str | None = None,
                body_hash: str | None = None, retry_after: float | None = None, cursor: str | None = None) -> None:
    """Health after one poll (inside the batch's transaction)."""
    now = utc_now_iso()
    error = strip_controls(error)[:300]  # may quote a server's reason phrase
    if status == "error":
        until = iso(utc_now() + dt.timedelta(seconds=retry_after)) if retry_after else None
        store.execute(
            "UPDATE feeds SET status = 'error', last_error = ?, failures = failures + 1, last_attempt = ?,"
            " last_new = 0, last_duration_ms = ?, retry_at = ? WHERE id = ?",
            (error, now, duration_ms, until, feed_id),
        )
        return
    store.execute(
        "UPDATE feeds SET status = ?, last_error = NULL, failures = 0, last_attempt = ?, last_success = ?,"
        " last_new = ?, last_duration_ms = ?, etag = coalesce(?, etag), last_modified = coalesce(?, last_modified),"
        " body_hash = coalesce(?, body_hash), cursor = coalesce(?, cursor), retry_at = NULL WHERE id = ?",
        (status, now, now, new, duration_ms, etag, last_modified, body_hash, cursor, feed_id),
    )


def public_view(feed: dict) -> dict:
    """The documented JSON fields (SPEC §11) and a few more."""
    return {
        "id": feed["id"], "name": feed["name"], "url": feed["url"], "trust": feed["trust"],
        "status": feed["status"], "last_error": feed["last_error"], "last_success": feed["last_success"],
        "last_attempt": feed["last_attempt"], "failures": feed["failures"], "interval_s": feed["interval_s"],
        "last_new": feed["last_new"], "last_duration_ms": feed["last_duration_ms"], "polled": bool(feed["polled"]),
        "kind": feed["kind"], "retry_at": feed["retry_at"], "received": feed["received"], "shed": feed["shed"],
    }
