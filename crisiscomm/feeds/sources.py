"""Source kinds: what a feed's address means, how it is read, and each service's limits.

- `rss`: RSS/Atom (the default), a URL or a file. Google News searches and YouTube
  channels are RSS feeds built by `google_news_url` / `youtube_url`.
- `mastodon`: a public tag timeline, added by its web address
  (`https://INSTANCE/tags/TAG`), read from `/api/v1/timelines/tag/TAG` (JSON), paged
  forward from the newest status seen (`min_id`), at most MAX_PAGES per poll.
- `telegram`: a public channel's web preview `https://t.me/s/CHANNEL` (HTML).
- `bluesky`: the Jetstream firehose `wss://…/subscribe?wantedCollections=app.bsky.feed.post`,
  held open and filtered on arrival (stream.py), never polled.
- `intake` / `import`: what people phone in and monitoring-service exports; written by
  hand or from files, never fetched.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

from crisiscomm.errors import CrisisError
from crisiscomm.feeds.budget import Budget
from crisiscomm.feeds.strings import t

KINDS = ("rss", "mastodon", "telegram", "bluesky")
MASTODON_PAGE = 40
MAX_PAGES = 5
JSON_ACCEPT = "application/json"
HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9"
JETSTREAM_COLLECTION = "app.bsky.feed.post"

_TAG = re.compile(r"^[\w]{1,100}$")
_CHANNEL = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,63}$")
_YOUTUBE_CHANNEL = re.compile(r"^UC[A-Za-z0-9_-]{22}$")


@dataclass(frozen=True)
class Kind:
    name: str
    budget: Budget  # per host, from the service's published limits (or a polite guess)
    accept: str = ""
    schemes: tuple[str, ...] = ("http", "https")


KIND_INFO = {
    "rss": Kind("rss", Budget(60, 60.0)),
    # Mastodon: 300 requests per 5 minutes per address for unauthenticated API calls.
    "mastodon": Kind("mastodon", Budget(300, 300.0), JSON_ACCEPT),
    # Telegram publishes no limit for its web preview: one page every 3 s per host at most.
    "telegram": Kind("telegram", Budget(20, 60.0), HTML_ACCEPT),
    # One connection held open: its reconnects back off (1 s … 60 s) instead of spending a budget.
    "bluesky": Kind("bluesky", Budget(6, 60.0), schemes=("ws", "wss")),
}
# Hosts whose feeds share a budget stricter than the kind's (Google and YouTube publish none).
HOST_BUDGETS = {"news.google.com": Budget(30, 60.0), "www.youtube.com": Budget(30, 60.0)}


def budget_for(kind: str, host: str) -> Budget:
    return HOST_BUDGETS.get(host, KIND_INFO.get(kind, KIND_INFO["rss"]).budget)


def detect_kind(url: str) -> str:
    """The kind an address names by itself; `rss` when it does not say."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return "rss"
    if parts.scheme.lower() in ("ws", "wss"):
        return "bluesky"
    host = (parts.hostname or "").lower()
    if host in ("t.me", "telegram.me") and not parts.path.rstrip("/").endswith((".rss", ".xml")):
        return "telegram"
    if "/api/v1/timelines/tag/" in parts.path:
        return "mastodon"
    return "rss"


def _path_parts(url: str) -> tuple[urllib.parse.SplitResult, list[str]]:
    parts = urllib.parse.urlsplit(url)
    return parts, [urllib.parse.unquote(p) for p in parts.path.split("/") if p]


def canonical_url(kind: str, url: str) -> str:
    """The address stored for a source of this kind (validated); CrisisError saying what is expected."""
    if kind == "mastodon":
        return _mastodon_url(url)
    if kind == "telegram":
        return _telegram_url(url)
    if kind == "bluesky":
        return _jetstream_url(url)
    return url


def _mastodon_url(url: str) -> str:
    parts, segments = _path_parts(url)
    tag = None
    if len(segments) == 2 and segments[0] == "tags":
        tag = segments[1]
    elif segments[:4] == ["api", "v1", "timelines", "tag"] and len(segments) == 5:
        tag = segments[4]
    if tag is not None:
        tag = tag.removeprefix("#")
    if not tag or not _TAG.match(tag):
        raise CrisisError(t("feed.source.mastodon"))
    return f"{parts.scheme}://{parts.netloc}/tags/{urllib.parse.quote(tag)}"


def mastodon_tag(url: str) -> str:
    return _path_parts(url)[1][-1]


def mastodon_api_url(url: str, cursor: str | None) -> str:
    """The tag timeline's API page after `cursor` (the newest status id seen), newest first."""
    parts, _ = _path_parts(url)
    query = {"limit": str(MASTODON_PAGE)}
    if cursor:
        query["min_id"] = cursor
    tag = urllib.parse.quote(mastodon_tag(url))
    return f"{parts.scheme}://{parts.netloc}/api/v1/timelines/tag/{tag}?{urllib.parse.urlencode(query)}"


def _telegram_url(url: str) -> str:
    parts, segments = _path_parts(url)
    if segments[:1] == ["s"]:
        segments = segments[1:]
    name = segments[0].removeprefix("@") if len(segments) == 1 else ""
    if not _CHANNEL.match(name):
        raise CrisisError(t("feed.source.telegram"))
    return f"{parts.scheme}://{parts.netloc}/s/{name}"


def telegram_channel(url: str) -> str:
    return _path_parts(url)[1][-1]


def _jetstream_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if not parts.path.rstrip("/").endswith("/subscribe"):
        raise CrisisError(t("feed.source.bluesky"))
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True) if k != "cursor"]
    if ("wantedCollections", JETSTREAM_COLLECTION) not in query:
        query.append(("wantedCollections", JETSTREAM_COLLECTION))
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, urllib.parse.urlencode(query), ""))


def google_news_url(query: str, *, period: str = "1d") -> str:
    """A Google News search as RSS, in Turkish for Turkey, limited to the last `period`."""
    words = " ".join(query.split())
    if not words:
        raise CrisisError(t("feed.source.news_words"))
    if len(words) > 200:
        raise CrisisError(t("feed.source.news_long"))
    q = urllib.parse.quote_plus(f"{words} when:{period}")
    return f"https://news.google.com/rss/search?q={q}&hl=tr&gl=TR&ceid=TR:tr"


def youtube_url(channel_id: str) -> str:
    channel_id = channel_id.strip()
    if not _YOUTUBE_CHANNEL.match(channel_id):
        raise CrisisError(t("feed.source.youtube"))
    return f"https://www.youtube.com/feeds/videos.xml?channel_id={channel_id}"
