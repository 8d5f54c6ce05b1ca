"""Bluesky Jetstream as a streaming source, against a real websocket server on loopback:
filtering on arrival, the cursor across restarts, reconnects, load shedding, refusals."""

from __future__ import annotations

import json
import time

import pytest

from conftest import run_cli_process
from crisiscomm import incidents
from crisiscomm.feeds import registry
from crisiscomm.feeds.jetstream import item_of, read_message
from crisiscomm.feeds.stream import StreamSource
from fakes import Jetstream, jet_post


@pytest.fixture
def jet():
    servers: list[Jetstream] = []

    def start(*args, **kwargs) -> Jetstream:
        srv = Jetstream(*args, **kwargs)
        servers.append(srv)
        return srv

    yield start
    for srv in servers:
        srv.close()


def _wait(condition, timeout: float = 8.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def _source(store, url, **options):
    return registry.add_feed(store, url, operator="t", kind="bluesky", name="jet", options=options or None)


def test_posts_are_filtered_by_turkish_keywords_and_language():
    keywords = ("deprem", "kızılay")
    assert item_of(jet_post(1, "Malatya'da DEPREMDEN sonra ilk görüntüler"), keywords)["post_type"] is None
    assert item_of(jet_post(2, "Kizilay'in cadirlari kuruldu"), keywords)  # typed in plain ASCII
    assert item_of(jet_post(3, "Bugün hava çok güzel"), keywords) is None
    assert item_of(jet_post(4, "deprem yanıtı", reply=True), keywords)["post_type"] == "reply"
    assert item_of(jet_post(5, "deprem alıntısı", quote=True), keywords)["post_type"] == "quote"
    assert item_of(jet_post(6, "deprem", operation="delete"), keywords) is None
    assert item_of(jet_post(7, "deprem", collection="app.bsky.feed.like"), keywords) is None
    assert item_of(jet_post(8, "deprem in english", langs=("en",)), keywords, frozenset({"tr"})) is None
    assert item_of(jet_post(9, "deprem dili yok", langs=()), keywords, frozenset({"tr"}))  # unknown: kept
    item = item_of(jet_post(10, "deprem \x1b]52;c;eA==\x07 \u202eters"), keywords)
    assert item["guid"] == "at://did:plc:user3/app.bsky.feed.post/3kx000010"
    assert item["link"] == "https://bsky.app/profile/did:plc:user3/post/3kx000010"
    assert "\x1b" not in item["text"] and "\u202e" not in item["text"]


@pytest.mark.parametrize("raw", [b"\xff\xfe", "[" * 50_000, "x" * 300_000, "{}", '{"kind": "commit", "commit": 5}',
                                 json.dumps({"kind": "commit", "did": "did:plc:a", "commit": {
                                     "operation": "create", "collection": "app.bsky.feed.post", "rkey": "../x",
                                     "record": {"text": "deprem"}}})])
def test_hostile_messages_are_skipped(raw):
    message = read_message(raw)
    assert message is None or item_of(message, ("deprem",)) is None


def test_stream_stores_matches_and_persists_the_cursor(store, jet):
    incidents.open_incident(store, "Deprem", "general", operator="t", keywords=["deprem"])
    srv = jet([jet_post(1, "Malatya'da deprem: jetstreamden ilk görüntüler"), jet_post(2, "Bugün hava çok güzel"),
               jet_post(3, "Nice weather today", langs=("en",)), "not json", jet_post(4, "Depremzedelere yardım")])
    feed = _source(store, srv.url)
    stream = StreamSource(store, feed, operator="t").start()
    _wait(lambda: stream.stats.stored == 2)
    stats = stream.stop()
    assert (stats.received, stats.stored, stats.shed) == (5, 2, 0)
    texts = [r["text"] for r in store.all("SELECT text FROM mentions ORDER BY id")]
    assert sorted(texts) == ["Depremzedelere yardım", "Malatya'da deprem: jetstreamden ilk görüntüler"]
    saved = registry.get_feed(store, "jet")
    assert saved["cursor"] == str(jet_post(4, "")["time_us"]) and saved["received"] == 5 and saved["status"] == "ok"
    assert srv.cursors == [None]


def test_a_restart_resumes_after_the_cursor_without_gaps_or_duplicates(store, jet):
    incidents.open_incident(store, "Deprem", "general", operator="t", keywords=["deprem"])
    srv = jet([jet_post(n, f"deprem haberi {n}") for n in range(1, 4)])
    feed = _source(store, srv.url)
    first = StreamSource(store, feed, operator="t").start()
    _wait(lambda: first.stats.stored == 3)
    first.stop()
    srv.messages += [jet_post(n, f"deprem haberi {n}") for n in range(4, 7)]  # sent while nobody listened
    second = StreamSource(store, registry.get_feed(store, "jet"), operator="t").start()
    _wait(lambda: store.scalar("SELECT count(*) FROM mentions") == 6)
    second.stop()
    assert srv.cursors == [None, str(jet_post(3, "")["time_us"])]
    assert store.scalar("SELECT count(DISTINCT guid) FROM mentions") == 6


def test_a_dropped_connection_is_resumed_with_backoff(store, jet):
    srv = jet([jet_post(n, f"deprem {n}") for n in range(1, 7)], close_after=3)
    feed = _source(store, srv.url, keywords=["deprem"])  # the source's own keyword, no incident open
    stream = StreamSource(store, feed, operator="t").start()
    _wait(lambda: store.scalar("SELECT count(*) FROM mentions") == 6, timeout=15)
    stream.stop()
    assert len(srv.cursors) >= 3 and srv.cursors[1] is not None


def test_a_full_queue_sheds_load_visibly(store, jet):
    srv = jet([jet_post(n, f"deprem {n}") for n in range(1, 2001)])
    feed = _source(store, srv.url, keywords=["deprem"])
    blocker = store.clone()
    blocker.execute("BEGIN IMMEDIATE")  # the writer waits on the database; the reader keeps receiving
    stream = StreamSource(store, feed, operator="t", queue_size=50).start()
    _wait(lambda: stream.stats.received == 2000)
    blocker.execute("ROLLBACK")
    blocker.close()
    stats = stream.stop()
    assert stats.shed >= 1000 and stats.stored == 2000 - stats.shed  # the queue held 50, a batch was in hand
    saved = registry.get_feed(store, "jet")
    assert saved["shed"] == stats.shed and saved["received"] == 2000


def test_a_refused_stream_is_named_in_health(store, jet):
    srv = jet(refuse=429)
    feed = _source(store, srv.url, keywords=["deprem"])
    stream = StreamSource(store, feed, operator="t").start()
    _wait(lambda: registry.get_feed(store, "jet")["status"] == "error")
    stream.stop()
    assert registry.get_feed(store, "jet")["last_error"] == "HTTP 429 when opening the stream (rate limited)"


def test_without_watch_keywords_nothing_is_kept_and_health_says_so(store, jet):
    srv = jet([jet_post(1, "deprem")])
    stream = StreamSource(store, _source(store, srv.url), operator="t").start()
    _wait(lambda: stream.stats.received == 1 and registry.get_feed(store, "jet")["received"] == 1)
    stream.stop()
    assert store.scalar("SELECT count(*) FROM mentions") == 0
    assert registry.get_feed(store, "jet")["last_error"] == "no watch keywords: posts are read, none kept"


def test_cli_ingest_stream(tmp_path, jet):
    srv = jet([jet_post(1, "Malatya'da deprem: jetstreamden ilk görüntüler"), jet_post(2, "Bugün hava çok güzel"),
               jet_post(3, "Nice weather today", langs=("en",))])
    db = tmp_path / "cc.db"
    run_cli_process(db, "incident", "open", "Kaynaklar", "--playbook", "general", "--keyword", "deprem")
    r = run_cli_process(db, "feeds", "add", srv.url, "--kind", "bluesky", "--name", "jet", "--post-lang", "tr")
    assert r.returncode == 0, r.stderr
    plain = run_cli_process(db, "ingest")
    assert "jet: a streaming source, read with --stream SECONDS" in plain.stderr
    started = time.monotonic()
    r = run_cli_process(db, "ingest", "--feed", "jet", "--stream", "1.5")
    assert r.returncode == 0, r.stdout + r.stderr
    assert time.monotonic() - started < 6
    assert "read 3, kept 1" in r.stdout
    found = json.loads(run_cli_process(db, "search", "jetstreamden", "--json").stdout)
    assert found[0]["source"] == "bluesky" and found[0]["lang"] == "tr"
    assert json.loads(run_cli_process(db, "search", "hava", "--json").stdout) == []
    for bad in (["ingest", "--stream", "0"], ["ingest", "--stream", "inf"], ["ingest", "--stream", "nan"]):
        result = run_cli_process(db, *bad)
        assert result.returncode == 2 and "Traceback" not in result.stderr
