"""Polled source kinds over loopback servers that speak their shape: Mastodon tag timelines
(paged forward, rate limits, refusals), Telegram channel previews, Google News and YouTube."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli_process
from crisiscomm.errors import CrisisError
from crisiscomm.feeds import budget, registry, sources
from crisiscomm.feeds.ingest import poll_feeds
from crisiscomm.feeds.social import parse_mastodon, parse_telegram
from fakes import MastodonHandler, TelegramHandler, serve, status, telegram_page


@pytest.fixture
def mastodon():
    handler = type("Masto", (MastodonHandler,), {"statuses": [], "answers": {}, "requests": []})
    srv, base = serve(handler)
    yield handler, base
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def telegram():
    handler = type("Tg", (TelegramHandler,), {"pages": {}})
    srv, base = serve(handler)
    yield handler, base
    srv.shutdown()
    srv.server_close()


def _poll(store, name):
    return poll_feeds(store, [registry.get_feed(store, name)], operator="t")[0]


def test_mastodon_tag_timeline_is_read_as_plain_text_with_reach(store, mastodon):
    handler, base = mastodon
    handler.statuses = [
        status(1, "Malatya'da #deprem sonrası <b>elektrik</b> kesintisi &amp; su yok"),
        status(2, "Yaralılar Şanlıurfa'ya sevk edildi", acct="veli@baska.example", reply=True, followers=50),
        status(3, "", acct="ayse", boost_of=status(9, "AFAD: toplanma alanları açık", acct="afad", followers=90000)),
    ]
    feed = registry.add_feed(store, f"{base}/tags/deprem", operator="t", kind="mastodon")
    assert feed["kind"] == "mastodon" and feed["url"] == f"{base}/tags/deprem" and feed["name"] == "127.0.0.1-deprem"
    result = _poll(store, feed["name"])
    assert (result.status, result.new) == ("ok", 3)
    rows = {r["handle"]: r for r in store.all("SELECT * FROM mentions")}
    first = rows["@ali@127.0.0.1"]
    assert first["text"] == "Malatya'da #deprem sonrası elektrik kesintisi & su yok"
    assert (first["author"], first["reach"], first["shares"], first["post_type"], first["lang"]) == ("Ali", 1200, 4, None, "tr")
    assert first["link"].startswith("https://mastodon.example/@ali/")
    assert rows["@veli@baska.example"]["post_type"] == "reply"
    boosted = rows["@afad@127.0.0.1"]
    assert boosted["post_type"] == "boost" and boosted["reach"] == 90000 and "(boost: @ayse)" in boosted["text"]
    assert registry.get_feed(store, feed["name"])["cursor"] == str(113_000_000_000_000_003)
    assert "/api/v1/timelines/tag/deprem?limit=40" in handler.requests[0]


def test_mastodon_pages_forward_from_the_cursor_without_gaps(store, mastodon):
    handler, base = mastodon
    handler.statuses = [status(n, f"ileti {n}") for n in range(1, 6)]
    registry.add_feed(store, f"{base}/tags/deprem", operator="t", kind="mastodon", name="m")
    assert _poll(store, "m").new == 5
    handler.statuses += [status(n, f"ileti {n}") for n in range(6, 6 + 95)]  # 95 new: three pages of 40
    handler.requests.clear()
    result = _poll(store, "m")
    assert (result.status, result.new) == ("ok", 95)
    assert len(handler.requests) == 3 and all("min_id=" in r for r in handler.requests)
    assert store.scalar("SELECT count(DISTINCT guid) FROM mentions") == 100
    handler.requests.clear()
    assert _poll(store, "m").status == "unchanged"  # an empty page: nothing parsed
    assert len(handler.requests) == 1


def test_mastodon_rate_limits_and_refusals_are_named_and_honoured(store, mastodon):
    handler, base = mastodon
    # a 429 closes its whole server (Mastodon counts per address): the rate-limited tag runs alone first
    handler.answers = {"/api/v1/timelines/tag/sinirli": (429, {"Retry-After": "120"}, b'{"error":"Too many requests"}')}
    registry.add_feed(store, f"{base}/tags/sinirli", operator="t", kind="mastodon", name="sinirli")
    assert _poll(store, "sinirli").error == "HTTP 429 Too Many Requests (rate limited; retry after 120 s)"
    budget.reset()
    handler.answers = {
        "/api/v1/timelines/tag/gizli": (401, {}, b'{"error":"This method requires an authenticated user"}'),
        "/api/v1/timelines/tag/yasak": (403, {}, b'{"error":"forbidden"}'),
        "/api/v1/timelines/tag/yok": (404, {}, b'{"error":"Record not found"}'),
    }
    for tag in ("gizli", "yasak", "yok"):
        registry.add_feed(store, f"{base}/tags/{tag}", operator="t", kind="mastodon", name=tag)
    refused = [registry.get_feed(store, n) for n in ("gizli", "yasak", "yok")]
    results = {r.name: r for r in poll_feeds(store, refused, operator="t")}
    assert set(results) == {"gizli", "yasak", "yok"}
    assert results["gizli"].error == "HTTP 401 Unauthorized (login required)"
    assert results["yasak"].error == "HTTP 403 Forbidden (access refused)"
    assert results["yok"].error == "HTTP 404 Not Found (not found)"
    limited = registry.get_feed(store, "sinirli")
    assert limited["retry_at"] and registry.next_poll_at(limited) >= registry.retry_at(limited)
    budget.reset()  # a new process: the feed's own retry_at still holds it back
    handler.requests.clear()
    again = poll_feeds(store, [limited], operator="t")[0]
    assert again.status == "deferred" and "Retry-After" in again.error and not handler.requests


def test_mastodon_garbage_is_a_clear_error():
    for body, message in ((b"<html>", "not a Mastodon timeline"), (b'{"a": 1}', "expected a list"),
                          (b'{"error": "\\u001b[2Jgone"}', "Mastodon says: [2Jgone"), (b"[" * 100_000, "not a Mastodon")):
        with pytest.raises(Exception, match=message.replace("[", r"\[")):
            parse_mastodon(body)
    odd = parse_mastodon(json.dumps([{"id": True, "content": 5, "account": []}, "x", None,
                                     {"id": "7", "content": "<p>ok</p>", "reblogs_count": -3}]).encode())
    assert [i["text"] for i in odd["items"]] == ["ok"] and odd["items"][0]["shares"] is None and odd["cursor"] == "7"


def test_telegram_preview_posts_with_markers_and_subscribers(store, telegram):
    handler, base = telegram
    handler.pages["/s/afadsim"] = telegram_page("afadsim", [
        {"id": 811, "html": "Deprem bölgesinde <b>toplanma</b> alanı<br>duyurusu &amp; harita", "time": "2026-11-28T04:40:00+00:00"},
        {"id": 812, "html": "İletilen uyarı", "time": "2026-11-28T04:41:00+00:00", "forwarded": True},
        {"id": 813, "html": "Yanıt \x1b]52;c;eA==\x07metni", "time": "2026-11-28T04:42:00+00:00", "reply": True},
    ])
    feed = registry.add_feed(store, f"{base}/s/afadsim", operator="t", kind="telegram")
    assert feed["name"] == "telegram-afadsim"
    assert _poll(store, feed["name"]).new == 3
    rows = store.all("SELECT guid, text, link, handle, reach, post_type, author, published_at FROM mentions ORDER BY guid")
    assert rows[0]["text"] == "Deprem bölgesinde toplanma alanı\nduyurusu & harita"
    assert rows[0]["link"] == "https://t.me/afadsim/811" and rows[0]["handle"] == "@afadsim"
    assert rows[0]["reach"] == 12300 and rows[0]["author"] == "AFAD Sim"
    assert rows[0]["published_at"] == "2026-11-28T04:40:00+00:00"
    assert [r["post_type"] for r in rows] == [None, "forward", "reply"]
    assert "\x1b" not in rows[2]["text"] and "\x07" not in rows[2]["text"]
    again = _poll(store, feed["name"])
    assert again.status == "unchanged"  # same page: the body hash skips parsing


def test_telegram_preview_turned_off_is_named(store, telegram):
    handler, base = telegram
    handler.pages["/s/kapali"] = telegram_page("kapali", [], preview=False)
    registry.add_feed(store, f"{base}/s/kapali", operator="t", kind="telegram", name="kapali")
    assert _poll(store, "kapali").error.startswith("no public preview")
    assert parse_telegram(telegram_page("bos", []).encode())["items"] == []  # a channel without posts yet


@pytest.mark.parametrize("url, kind, stored", [
    ("https://t.me/afadsim", None, "https://t.me/s/afadsim"),
    ("https://t.me/s/afadsim/", None, "https://t.me/s/afadsim"),
    ("https://mastodon.social/tags/deprem", "mastodon", "https://mastodon.social/tags/deprem"),
    ("https://mastodon.social/api/v1/timelines/tag/deprem", None, "https://mastodon.social/tags/deprem"),
    ("https://mastodon.social/tags/%C4%B0zmir", "mastodon", "https://mastodon.social/tags/%C4%B0zmir"),
    ("https://bsky.app/profile/did:plc:abc/rss", None, "https://bsky.app/profile/did:plc:abc/rss"),
])
def test_kinds_from_addresses(store, url, kind, stored):
    feed = registry.add_feed(store, url, operator="t", kind=kind)
    assert feed["url"] == stored
    assert feed["kind"] == (kind or sources.detect_kind(url))


@pytest.mark.parametrize("url, kind", [
    ("https://mastodon.social/@ali", "mastodon"), ("https://mastodon.social/tags/a-b", "mastodon"),
    ("https://t.me/s/x", "telegram"), ("https://t.me/joinchat/abc/def", "telegram"),
    ("wss://jetstream.example/other", "bluesky"), ("https://jetstream.example/subscribe", "bluesky"),
    ("/etc/hosts", "mastodon"),
])
def test_wrong_addresses_for_a_kind_are_clear_errors(store, url, kind):
    with pytest.raises(CrisisError):
        registry.add_feed(store, url, operator="t", kind=kind)


def test_google_news_and_youtube_builders(tmp_path):
    db = tmp_path / "cc.db"
    r = run_cli_process(db, "feeds", "add", "--google-news", "deprem Malatya")
    assert r.returncode == 0, r.stderr
    r = run_cli_process(db, "feeds", "add", "--youtube", "UCabcdefghijklmnopqrstuv")
    assert r.returncode == 0, r.stderr
    feeds = {f["name"]: f for f in json.loads(run_cli_process(db, "feeds", "list", "--json").stdout)}
    assert feeds["gnews-deprem-malatya"]["url"] == (
        "https://news.google.com/rss/search?q=deprem+Malatya+when%3A1d&hl=tr&gl=TR&ceid=TR:tr")
    assert feeds["youtube-UCabcdefghijklmnopqrstuv"]["url"] == (
        "https://www.youtube.com/feeds/videos.xml?channel_id=UCabcdefghijklmnopqrstuv")
    assert {f["trust"] for f in feeds.values()} == {"media"} and {f["kind"] for f in feeds.values()} == {"rss"}
    for args in (["--youtube", "nope"], ["--google-news", "  "], ["--google-news", "x", "https://e.org/f"], []):
        bad = run_cli_process(db, "feeds", "add", *args)
        assert bad.returncode in (1, 2) and "Traceback" not in bad.stderr


def test_cli_adds_mastodon_and_telegram_and_ingest_reads_them(tmp_path, mastodon, telegram):
    mhandler, mbase = mastodon
    mhandler.statuses = [status(1, "Malatya'da #deprem sonrası elektrik kesintisi mastodonda")]
    thandler, tbase = telegram
    thandler.pages["/s/afadsim"] = telegram_page("afadsim", [
        {"id": 812, "html": "Deprem bölgesinde telegramdan toplanma alanı duyurusu", "time": "2026-11-28T04:40:00+00:00"}])
    db = tmp_path / "cc.db"
    assert run_cli_process(db, "feeds", "add", f"{mbase}/tags/deprem", "--kind", "mastodon", "--name", "masto").returncode == 0
    assert run_cli_process(db, "feeds", "add", f"{tbase}/s/afadsim", "--kind", "telegram", "--name", "tg").returncode == 0
    r = run_cli_process(db, "ingest")
    assert r.returncode == 0, r.stdout + r.stderr
    found = json.loads(run_cli_process(db, "search", "mastodonda", "--json").stdout)
    assert found[0]["source"] == "mastodon" and found[0]["reach"] == 1200 and found[0]["handle"] == "@ali@127.0.0.1"
    found = json.loads(run_cli_process(db, "search", "telegramdan", "--json").stdout)
    assert found[0]["source"] == "telegram" and found[0]["reach"] == 12300
