"""Ingest end to end: sample feeds, hostile feeds, dedupe, scoping, triage, the CLI, kill -9."""

from __future__ import annotations

import json
import os
import pathlib
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from conftest import run_cli_process

from crisiscomm import incidents, mentions, timeline
from crisiscomm.feeds import registry
from crisiscomm.feeds.ingest import ingest_path
from crisiscomm.feeds.parse_worker import ParseFailed, ParserPool

SAMPLES = pathlib.Path(__file__).resolve().parent.parent / "crisiscomm" / "data" / "sample_feeds"


def rss(items: list[tuple[str, str, str]]) -> bytes:
    body = "".join(
        f"<item><guid>{g}</guid><title>{t}</title><link>{link}</link><description>d {t}</description></item>"
        for g, t, link in items
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>{body}</channel></rss>'.encode()


def test_sample_feeds_ingest_and_repoll_cheaply(cli):
    assert cli("incident", "open", "Malatya", "--playbook", "general", "--keyword", "karakaya").exit_code == 0
    first = cli("ingest", str(SAMPLES), "--json")
    assert first.exit_code == 0, first.output
    results = json.loads(first.output)
    assert len(results) >= 6 and all(r["status"] == "ok" and r["new"] > 0 for r in results)
    again = json.loads(cli("ingest", "--json").output)
    assert {r["status"] for r in again} == {"unchanged"}
    feeds = json.loads(cli("feeds", "list", "--json").output)
    assert all({"id", "name", "url", "trust", "status", "last_error", "last_success"} <= set(f) for f in feeds)
    found = json.loads(cli("mentions", "1", "--search", "karakaya", "--json").output)
    assert found and all(m["keywords"] == ["karakaya"] for m in found)
    assert {"id", "feed", "title", "text", "link", "author", "published_at", "state", "fetched_at"} <= set(found[0])


def test_hostile_sample_feeds_each_get_a_clear_status(cli, store):
    result = cli("ingest", str(SAMPLES / "hostile"))
    assert result.exit_code == 1  # some feeds failed: said per feed, the rest went in
    feeds = {f["name"]: f for f in registry.list_feeds(store)}
    assert feeds["billion-laughs"]["last_error"].startswith("refused: DOCTYPE/ENTITY")
    assert feeds["external-entity"]["last_error"].startswith("refused: DOCTYPE/ENTITY")
    assert feeds["html-page"]["last_error"] == "not a feed: HTML page"
    assert feeds["empty"]["last_error"] == "empty body"
    assert feeds["binary-garbage"]["last_error"].startswith("not a feed")
    assert feeds["truncated"]["status"] == "ok"
    assert feeds["wrong-charset"]["status"] == "ok"
    titles = [r["title"] for r in store.all("SELECT title FROM mentions")]
    assert "[bold red]SAHTE[/] haber [@click=app.quit]tıkla[/] [link=https://evil.example]bağlantı[/link]" in titles
    assert "Malatya depremi: Kızılay çadır kurdu, yaralılar Şanlıurfa'ya sevk edildi" in titles
    everything = json.dumps(store.all("SELECT title, text, link FROM mentions"), ensure_ascii=False)
    assert not any(ch in everything for ch in "\x1b\x07\x9b\u202e\u2066\x7f")
    assert store.scalar("SELECT link FROM mentions WHERE guid = 'mk-3'") is None  # javascript: link dropped
    assert "xxe" not in everything and "root:" not in everything


def test_dedupe_across_repolls_and_feeds(tmp_path, store):
    a, b = tmp_path / "a.xml", tmp_path / "b.xml"
    a.write_bytes(rss([("g1", "Bir", "https://news.example/1"), ("g2", "İki", "https://news.example/2")]))
    b.write_bytes(rss([("x9", "Aynı haber", "http://www.news.example/1/?utm_source=rss#top")]))
    assert ingest_path(store, str(a), operator="t")[0].new == 2
    assert ingest_path(store, str(b), operator="t")[0].duplicates == 1  # same story, normalised link
    time.sleep(0.01)
    a.write_bytes(rss([("g1", "Bir (güncellendi)", "https://news.example/1"), ("g2", "İki", "https://news.example/2"),
                       ("g3", "Üç", "https://news.example/3")]))
    again = ingest_path(store, str(a), operator="t")[0]
    assert (again.new, again.duplicates) == (1, 2)
    assert store.scalar("SELECT count(*) FROM mentions") == 3
    assert store.scalar("SELECT count(*) FROM mentions_fts") == 3
    batches = [e for e in timeline.events(store) if e["kind"] == "mentions.ingested"]
    assert [e["payload"]["new"] for e in batches] == [2, 1]  # one event per batch, none for empty ones


def test_items_without_guid_or_link_dedupe_by_content(store):
    items = [{"title": "Aynı", "text": "metin"}, {"title": "Aynı", "text": "metin"}, {"title": "", "text": ""}]
    assert mentions.add_mentions(store, items, operator="t") == (1, 1)
    assert mentions.add_mentions(store, items, operator="t") == (0, 2)


def test_incident_scope_and_drill_injects(tmp_path, store):
    feed = tmp_path / "f.xml"
    feed.write_bytes(rss([("g1", "Önceki deprem haberi", "https://n.example/1")]))
    ingest_path(store, str(feed), operator="t")
    inc = incidents.open_incident(store, "Deprem", "general", operator="t", keywords=["deprem"])
    assert mentions.incident_mentions(store, inc.id) == []
    earlier = mentions.incident_mentions(store, inc.id, include_earlier=True)
    assert [m["keywords"] for m in earlier] == [["deprem"]]
    drill = incidents.open_incident(store, "Tatbikat", "general", operator="t", exercise=True)
    sample = SAMPLES / "bluesky-afad-sim.rss"
    first = ingest_path(store, str(sample), operator="t", incident_id=drill.id)[0]
    second = ingest_path(store, str(sample), operator="t", incident_id=inc.id)[0]
    assert first.new == second.new > 0  # a replay per incident, deduped within each
    assert ingest_path(store, str(sample), operator="t", incident_id=drill.id)[0].new == 0
    assert registry.get_feed(store, "bluesky-afad-sim")["polled"] == 0
    assert len(mentions.incident_mentions(store, drill.id)) == first.new
    event = [e for e in timeline.events(store, drill.id) if e["kind"] == "mentions.ingested"]
    assert event and event[0]["payload"]["new"] == first.new


def test_triage_many_at_once_is_one_event(store):
    inc = incidents.open_incident(store, "Deprem", "general", operator="t")
    mentions.add_mentions(store, [{"title": f"m{i}", "guid": f"g{i}"} for i in range(5)], operator="t",
                          incident_id=inc.id)
    ids = [m["id"] for m in mentions.incident_mentions(store, inc.id)]
    assert mentions.set_state(store, ids[:3], "escalated", operator="ayse") == (inc.id, sorted(ids[:3]))
    assert mentions.set_state(store, ids[:3], "escalated", operator="ayse") == (inc.id, [])
    assert [m["id"] for m in mentions.incident_mentions(store, inc.id, state="escalated")] == ids[:3]
    events = [e for e in timeline.events(store, inc.id) if e["kind"] == "mention.triaged"]
    assert len(events) == 1 and events[0]["payload"]["ids"] == sorted(ids[:3])
    assert events[0]["operator"] == "ayse"
    with pytest.raises(mentions.CrisisError):
        mentions.set_state(store, ids, "bogus", operator="t")
    with pytest.raises(mentions.NotFound):
        mentions.set_state(store, [999], "seen", operator="t")


def test_cli_bad_input_is_a_clear_error(cli, tmp_path):
    cases = [
        (("feeds", "add", "ftp://example.org/rss"), 1, "only http and https"),
        (("feeds", "add", str(tmp_path / "missing.xml")), 1, "no such file"),
        (("feeds", "add", "https://example.org/rss", "--trust", "gossip"), 2, "Invalid value"),
        (("ingest", "--feed", "nope"), 1, "no feed named"),
        (("ingest",), 1, "no feeds registered"),
        (("mentions", "7"), 1, "no incident 7"),
        (("mention", "set", "1", "seen"), 1, "no mention 1"),
        (("mention", "set", "1", "maybe"), 2, "state must be one of"),
        (("mention", "set", "x", "seen"), 2, "mention ids are numbers"),
        (("search", 'ekran"  OR (', "--json"), 0, "[]"),
    ]
    for args, code, text in cases:
        result = cli(*args)
        assert result.exit_code == code, (args, result.output)
        assert text in result.output, (args, result.output)
        assert "Traceback" not in result.output
    assert cli("feeds", "add", "https://example.org/rss", "--name", "x").exit_code == 0
    dup = cli("feeds", "add", "https://example.org/other", "--name", "x")
    assert dup.exit_code == 1 and "exists already" in dup.output
    same = cli("feeds", "add", "https://example.org/rss")
    assert same.exit_code == 1 and "already registered" in same.output


def test_cli_feeds_add_folder_skips_registered_files(cli, tmp_path):
    for name in ("afad-sim-duyurular.rss", "kizilay-sim-haberler.atom"):
        (tmp_path / name).write_bytes((SAMPLES / name).read_bytes())
    assert cli("feeds", "add", str(tmp_path / "afad-sim-duyurular.rss"), "--trust", "official").exit_code == 0
    grown = cli("feeds", "add", str(tmp_path))
    assert grown.exit_code == 0 and "skipped:" in grown.output and "feed added: kizilay-sim-haberler" in grown.output
    again = cli("feeds", "add", str(tmp_path))
    assert again.exit_code == 1 and "registered already" in again.output


def test_cli_mentions_and_mention_set(cli, store):
    cli("incident", "open", "Deprem", "--playbook", "general", "--keyword", "kizilay")
    cli("ingest", str(SAMPLES / "kizilay-sim-haberler.atom"))
    rows = json.loads(cli("mentions", "1", "--json").output)
    ids = [str(r["id"]) for r in rows[:2]]
    out = cli("mention", "set", *ids, "flagged")
    assert out.exit_code == 0 and "2 mentions now flagged" in out.output
    flagged = json.loads(cli("mentions", "1", "--state", "flagged", "--json").output)
    assert sorted(str(r["id"]) for r in flagged) == sorted(ids)
    event = [e for e in timeline.events(store, 1) if e["kind"] == "mention.triaged"]
    assert event and event[0]["operator"] == "tester"


def test_parse_worker_limits_memory_and_time(monkeypatch):
    monkeypatch.setenv("CRISISCOMM_PARSE_MEMORY", str(60 * 1024 * 1024))
    pool = ParserPool(1)
    try:
        huge = rss([(f"g{i}", "x" * 20000, f"https://h.example/{i}") for i in range(450)])
        with pytest.raises(ParseFailed, match="memory limit|parser stopped"):
            pool.parse(huge)
        assert len(pool.parse(rss([("g", "sonra", "https://h.example/1")]))["items"]) == 1
        monkeypatch.delenv("CRISISCOMM_PARSE_MEMORY")
        with pytest.raises(ParseFailed, match="took longer than 0.01 s"):
            pool.parse(rss([(f"g{i}", "y" * 2000, f"https://h.example/{i}") for i in range(900)]), timeout=0.01)
        assert len(pool.parse(rss([("g", "yine", "https://h.example/1")]))["items"]) == 1
    finally:
        pool.close()


def test_kill_9_mid_ingest_leaves_no_half_batch(tmp_path, db_path):
    folder = tmp_path / "feeds"
    folder.mkdir()
    for f in range(8):
        (folder / f"f{f}.xml").write_bytes(
            rss([(f"g{f}-{i}", f"deprem haberi {f} {i} " + "ayrıntı " * 40, f"https://k.example/{f}/{i}")
                 for i in range(1000)]))
    assert run_cli_process(db_path, "incident", "open", "K", "--playbook", "general").returncode == 0
    env = dict(os.environ, CRISISCOMM_OPERATOR="tester", CRISISCOMM_LANG="en")
    proc = subprocess.Popen([sys.executable, "-m", "crisiscomm", "--db", str(db_path), "ingest", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    con = sqlite3.connect(db_path, timeout=30)
    while time.monotonic() < deadline and proc.poll() is None:
        if con.execute("SELECT count(*) FROM mentions").fetchone()[0] >= 1000:
            break
        time.sleep(0.02)
    time.sleep(0.15)
    os.killpg(proc.pid, signal.SIGKILL)  # the CLI and its parse workers
    assert proc.wait() == -signal.SIGKILL  # killed, not finished
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    per_feed = [n for (n,) in con.execute("SELECT count(*) FROM mentions GROUP BY feed_id")]
    assert per_feed and all(n == 1000 for n in per_feed), per_feed
    assert con.execute("SELECT count(*) FROM mentions_fts").fetchone()[0] == sum(per_feed)
    con.close()
    assert run_cli_process(db_path, "verify").returncode == 0


def test_an_exercise_sees_only_its_own_injected_mentions(store, tmp_path):
    from crisiscomm import incidents, mentions

    actual = incidents.open_incident(store, "Deprem", "general", operator="a")
    drill = incidents.open_incident(store, "Tatbikat", "general", operator="a", exercise=True)
    mentions.add_mentions(store, [{"title": "Gerçek paylaşım", "text": "", "link": "http://e.org/1", "guid": "1"}],
                          operator="a")
    mentions.add_mentions(store, [{"title": "Tatbikat paylaşımı", "text": "", "link": "http://e.org/2", "guid": "2"}],
                          operator="a", incident_id=drill.id)
    titles = lambda inc: [m["title"] for m in mentions.incident_mentions(store, inc.id)]
    assert titles(incidents.get(store, drill.id)) == ["Tatbikat paylaşımı"]
    assert titles(incidents.get(store, actual.id)) == ["Gerçek paylaşım"]
