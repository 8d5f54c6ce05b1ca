"""Claims register core: status workflow and evidence, linking, spread, Turkish similarity, correction times."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from conftest import start_correction

from crisiscomm import claims, incidents, posts, timeline
from crisiscomm.clock import iso, parse_iso, utc_now
from crisiscomm.errors import CrisisError, NotFound, Refused

CLAIM = "Baraj çöktü, şehir sular altında kalacak"


def add_feed(store, name: str = "sosyal", trust: str = "social") -> int:
    row = store.one("SELECT id FROM feeds WHERE name = ?", (name,))
    if row:
        return row["id"]
    with store.write():
        return store.execute(
            "INSERT INTO feeds (name, url, trust, added_at) VALUES (?, ?, ?, ?)",
            (name, f"https://{name}.example/feed", trust, iso(utc_now())),
        ).lastrowid


def add_mention(store, text: str, *, title: str = "", feed: str = "sosyal", trust: str = "social",
                published_at: dt.datetime | None = None, fetched_at: dt.datetime | None = None,
                link: str | None = None) -> int:
    """A mention row as the feeds area stores it (written directly: the tests need no feed server)."""
    feed_id = add_feed(store, feed, trust)
    fetched = fetched_at or utc_now()
    digest = hashlib.sha256(f"{feed}{title}{text}{fetched}".encode()).hexdigest()
    with store.write():
        return store.execute(
            "INSERT INTO mentions (feed_id, guid, link, title, text, published_at, fetched_at, content_hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (feed_id, digest, link, title, text, iso(published_at) if published_at else None, iso(fetched), digest),
        ).lastrowid


@pytest.fixture
def incident(store):
    return incidents.open_incident(store, "Baraj", "general", operator="ayse").id


def kinds(store, incident_id):
    return [e["kind"] for e in timeline.events(store, incident_id)]


# -- creating and linking ---------------------------------------------------------
def test_typed_claim_is_numbered_and_logged(store, incident):
    claim = claims.add_claim(store, incident, "  " + CLAIM + "\x1b[31m ", operator="ayse")
    assert claim["id"] == 1 and claim["text"] == CLAIM + "[31m"
    assert claim["status"] == "unverified" and claim["first_mention_id"] is None
    assert "claim.added" in kinds(store, incident)
    second = claims.add_claim(store, incident, "Su kesintisi bir hafta sürecek", operator="ayse")
    assert second["id"] == 2


def test_claim_from_mention_links_it_and_dates_the_first_sighting(store, incident):
    seen = utc_now() - dt.timedelta(minutes=40)
    mention = add_mention(store, CLAIM, fetched_at=seen)
    claim = claims.add_claim(store, incident, CLAIM, operator="ayse", mention_id=mention)
    assert claim["first_mention_id"] == mention
    assert parse_iso(claim["first_seen_at"]) == seen
    assert store.scalar("SELECT claim_id FROM mentions WHERE id = ?", (mention,)) == claim["id"]
    view = claims.public_view(store, claim)
    assert view["mentions"] == [mention]
    assert kinds(store, incident)[-2:] == ["claim.added", "claim.linked"]


@pytest.mark.parametrize("text, mention", [("   ", None), (CLAIM, 999)])
def test_bad_claim_is_refused_and_nothing_is_saved(store, incident, text, mention):
    with pytest.raises(CrisisError):
        claims.add_claim(store, incident, text, operator="ayse", mention_id=mention)
    assert store.scalar("SELECT count(*) FROM claims") == 0
    assert "claim.added" not in kinds(store, incident)


def test_claim_on_unknown_incident_is_refused(store):
    with pytest.raises(NotFound):
        claims.add_claim(store, 42, CLAIM, operator="ayse")


def test_linking_is_all_or_nothing_and_idempotent(store, incident):
    claim = claims.add_claim(store, incident, CLAIM, operator="ayse")["id"]
    a, b = add_mention(store, "baraj çöktü mü?"), add_mention(store, "BARAJ ÇÖKTÜ")
    with pytest.raises(NotFound):
        claims.link_mentions(store, claim, [a, 999], operator="mehmet")
    assert store.scalar("SELECT count(*) FROM claim_mentions") == 0
    assert claims.link_mentions(store, claim, [a, b, a], operator="mehmet") == [a, b]
    assert claims.link_mention(store, claim, a, operator="mehmet") == []
    linked = [e for e in timeline.events(store, incident) if e["kind"] == "claim.linked"]
    assert len(linked) == 1 and linked[0]["payload"]["mentions"] == [a, b] and linked[0]["operator"] == "mehmet"
    assert {m["id"] for m in claims.linked_mentions(store, claim)} == {a, b}
    with pytest.raises(CrisisError):
        claims.link_mentions(store, claim, [], operator="mehmet")


def test_earlier_linked_mention_moves_the_first_sighting_back(store, incident):
    claim = claims.add_claim(store, incident, CLAIM, operator="ayse")
    early = utc_now() - dt.timedelta(hours=2)
    claims.link_mention(store, claim["id"], add_mention(store, CLAIM, fetched_at=early), operator="ayse")
    claims.link_mention(store, claim["id"], add_mention(store, CLAIM), operator="ayse")
    assert parse_iso(claims.get_claim(store, claim["id"])["first_seen_at"]) == early


# -- status workflow and evidence ---------------------------------------------------
def test_status_change_needs_a_source_and_a_note(store, incident):
    claim = claims.add_claim(store, incident, CLAIM, operator="ayse")["id"]
    for source, note in (("", "not"), ("DSİ", ""), ("  ", "  "), ("\x1b", "x")):
        with pytest.raises(CrisisError, match="evidence"):
            claims.set_status(store, claim, "false", operator="ayse", source=source, note=note)
    row = claims.get_claim(store, claim)
    assert row["status"] == "unverified" and row["verdict_at"] is None
    assert claims.evidence(store, claim) == []
    assert "claim.status" not in kinds(store, incident)


def test_workflow_keeps_every_piece_of_evidence(store, incident):
    claim = claims.add_claim(store, incident, CLAIM, operator="ayse")["id"]
    claims.set_status(store, claim, "verifying", operator="fatma", source="DSİ çağrı merkezi", note="arandı, dönüş bekleniyor")
    assert claims.get_claim(store, claim)["verdict_at"] is None
    row = claims.set_status(store, claim, "false", operator="fatma", source="DSİ Genel Müdürlüğü",
                            note="Baraj gövdesi sağlam, resmi açıklama 14:05")
    assert row["status"] == "false" and row["verdict_at"]
    ev = claims.evidence(store, claim)
    assert [(e["previous_status"], e["status"]) for e in ev] == [("unverified", "verifying"), ("verifying", "false")]
    assert ev[1]["source"] == "DSİ Genel Müdürlüğü" and ev[1]["operator"] == "fatma"
    event = [e for e in timeline.events(store, incident) if e["kind"] == "claim.status"][-1]
    assert event["payload"] == {"claim": claim, "from": "verifying", "to": "false",
                                "source": "DSİ Genel Müdürlüğü", "note": "Baraj gövdesi sağlam, resmi açıklama 14:05"}
    times = claims.correction_times(store, claim)
    assert times["time_to_verdict_s"] is not None and times["time_to_verdict_s"] >= 0


def test_verdict_time_is_kept_across_verdicts_and_cleared_on_reopening(store, incident):
    claim = claims.add_claim(store, incident, CLAIM, operator="ayse")["id"]
    first = claims.set_status(store, claim, "inconclusive", operator="a", source="s", note="n")["verdict_at"]
    assert claims.set_status(store, claim, "misleading", operator="a", source="s", note="n2")["verdict_at"] == first
    assert claims.set_status(store, claim, "verifying", operator="a", source="s", note="yeni bilgi")["verdict_at"] is None
    assert claims.set_status(store, claim, "true", operator="a", source="s", note="n")["verdict_at"] > first


@pytest.mark.parametrize("status, error", [("unverified", Refused), ("bogus", CrisisError)])
def test_invalid_moves_are_refused(store, incident, status, error):
    claim = claims.add_claim(store, incident, CLAIM, operator="ayse")["id"]
    claims.set_status(store, claim, "verifying", operator="a", source="s", note="n")
    with pytest.raises(error):
        claims.set_status(store, claim, status, operator="a", source="s", note="n")
    with pytest.raises(Refused, match="already"):
        claims.set_status(store, claim, "verifying", operator="a", source="s", note="n")
    with pytest.raises(NotFound):
        claims.set_status(store, 99, "false", operator="a", source="s", note="n")
    assert len(claims.evidence(store, claim)) == 1


def test_official_feeds_are_offered_as_sources(store, incident):
    add_mention(store, "Baraj gövdesi sağlam", title="DSİ açıklaması", feed="DSİ", trust="official",
                link="https://dsi.example/1")
    add_mention(store, CLAIM, feed="sosyal")
    sources = claims.official_sources(store)
    assert [s["feed"] for s in sources] == ["DSİ", "DSİ"]
    assert sources[0]["source"] == "DSİ"
    assert sources[1]["source"] == "DSİ: DSİ açıklaması <https://dsi.example/1>"


# -- spread -------------------------------------------------------------------------
def test_spread_is_mentions_per_hour_over_their_span(store, incident):
    claim = claims.add_claim(store, incident, CLAIM, operator="ayse")["id"]
    now = utc_now()
    ids = [add_mention(store, CLAIM, published_at=now - dt.timedelta(minutes=m)) for m in (120, 90, 30, 10)]
    claims.link_mentions(store, claim, ids, operator="ayse")
    rate = claims.spread(store, claim, now=now, hours=3)
    assert rate["count"] == 4 and rate["per_hour"] == pytest.approx(4 / (110 / 60), abs=0.01)
    assert rate["series"] == [1, 1, 2] and rate["last_hour"] == 2


def test_a_burst_counts_per_hour_not_per_minute(store, incident):
    claim = claims.add_claim(store, incident, CLAIM, operator="ayse")["id"]
    now = utc_now()
    # a published time in the future (a wrong feed clock) counts as fetched
    ids = [add_mention(store, CLAIM, published_at=now + dt.timedelta(days=3)) for _ in range(3)]
    claims.link_mentions(store, claim, ids, operator="ayse")
    assert claims.spread(store, claim)["per_hour"] == 3.0


def test_list_by_spread_puts_the_fastest_first(store, incident):
    slow = claims.add_claim(store, incident, "Okullar bir ay kapalı kalacak", operator="a")["id"]
    fast = claims.add_claim(store, incident, CLAIM, operator="a")["id"]
    claims.link_mentions(store, fast, [add_mention(store, CLAIM) for _ in range(3)], operator="a")
    assert [v["id"] for v in claims.list_claims(store, incident, order="spread")] == [fast, slow]
    assert [v["id"] for v in claims.list_claims(store, incident)] == [slow, fast]


# -- Turkish similarity ---------------------------------------------------------------
def test_stems_fold_turkish_and_read_suffixes():
    assert {"baraj", "iddia"} <= claims.stems("Barajın ÇÖKTÜĞÜ iddiası")
    assert claims.stems("KIZILAY'IN yardımı") >= {"kizilay", "yardim"}
    assert claims.stems("kizilay yardimi") >= {"kizilay", "yardim"}
    assert {"istanbul", "15", "olu"} <= claims.stems("İstanbul'da ve bu 15 ölü")
    # softening, vowel drop and buffer letters undone
    for inflected, stem in (("yurdumuz", "yurt"), ("kaybı", "kayip"), ("hesabımız", "hesap"), ("suyun", "su"),
                            ("ağacı", "agac"), ("köprüsü", "kopru")):
        assert stem in claims.stems(inflected), inflected
    assert "su" not in claims.stems("Suriye")


def test_similarity_needs_two_shared_words():
    claim = claims.word_stems(CLAIM)
    assert claims.similarity(claim, "BARAJ ÇÖKTÜ!!! Şehir sular altında kalacakmış, herkes kaçsın") == pytest.approx(1.0)
    assert claims.similarity(claim, "Barajdaki son durum") == 0.0
    assert claims.similarity([], "baraj") == 0.0
    hospital = claims.word_stems("Devlet hastanesinin su deposu kirlendi")
    assert claims.similarity(hospital, "Hastanedeki depo suyu kirli değil") >= 0.5
    assert claims.similarity(hospital, "Suriye sınırında hastane yok") < 0.5


def test_suggestions_find_turkish_variants_and_skip_linked_ones(store, incident):
    claim = claims.add_claim(store, incident, CLAIM, operator="ayse")["id"]
    full = add_mention(store, "BARAJ ÇÖKTÜ!!! Şehir sular altında kalacakmış, herkes kaçsın", title="")
    partial = add_mention(store, "Barajın çöktüğü söyleniyor, doğru mu?", title="soru")
    add_mention(store, "Barajdaki son durum: DSİ açıklaması bekleniyor")
    add_mention(store, "İstanbul'da trafik yoğun")
    linked = add_mention(store, "baraj çöktü şehir sular altında")
    claims.link_mention(store, claim, linked, operator="ayse")
    found = claims.suggest_mentions(store, claim)
    assert [m["id"] for m in found] == [full, partial]
    assert found[0]["score"] == 1.0 and 0.3 <= found[1]["score"] < 1.0
    assert claims.suggest_mentions(store, claim, min_score=0.9) == found[:1]


def test_suggestions_keep_to_the_incident(store, incident):
    claim = claims.add_claim(store, incident, "Kızılay yardım dağıtımını durdurdu", operator="ayse")["id"]
    before = add_mention(store, "KIZILAY yardım dağıtımını durdurdu", fetched_at=utc_now() - dt.timedelta(days=2))
    during = add_mention(store, "KIZILAY'IN YARDIM DAĞITIMI DURDURULDU iddiası")
    assert [m["id"] for m in claims.suggest_mentions(store, claim)] == [during]
    assert before not in [m["id"] for m in claims.suggest_mentions(store, claim)]


# -- correction --------------------------------------------------------------------------
def test_correction_is_only_for_false_or_misleading_claims(store, incident):
    claim = claims.add_claim(store, incident, CLAIM, operator="ayse")["id"]
    with pytest.raises(Refused, match="false or misleading"):
        start_correction(store, claim, operator="ayse")
    claims.set_status(store, claim, "true", operator="ayse", source="DSİ", note="doğru")
    with pytest.raises(Refused):
        start_correction(store, claim, operator="ayse")
    assert claims.get_claim(store, claim)["correction_statement_id"] is None


def test_correction_puts_the_truth_first_and_never_repeats_the_claim(store, incident):
    claim = claims.add_claim(store, incident, CLAIM, operator="ayse")["id"]
    row = claims.set_status(store, claim, "misleading", operator="a", source="DSİ", note="Baraj gövdesi sağlam")
    body, short = claims.correction_texts(store, row, claims.evidence(store, claim)[-1])
    assert body.startswith("Baraj gövdesi sağlam.") and "DSİ" in body and CLAIM not in body
    assert "misleading" in body and len(short) <= 280


def test_time_to_correction_comes_from_the_published_statement(store, incident):
    claim = claims.add_claim(store, incident, CLAIM, operator="ayse")["id"]
    claims.set_status(store, claim, "false", operator="a", source="DSİ", note="sağlam")
    with store.write():
        statement = store.execute(
            "INSERT INTO statements (incident_id, title, created_by, created_at) VALUES (?, 'Düzeltme', 'a', ?)",
            (incident, iso(utc_now())),
        ).lastrowid
        store.execute("UPDATE claims SET correction_statement_id = ? WHERE id = ?", (statement, claim))
    assert claims.correction_times(store, claim)["corrected_at"] is None
    post = posts.add_post(store, incident, "x", "Baraj sağlam.", operator="a", statement_id=statement)
    times = claims.correction_times(store, claim)
    assert times["corrected_at"] == post["posted_at"]
    assert times["time_to_correction_s"] >= times["time_to_verdict_s"] >= 0
    view = claims.list_claims(store, incident)[0]
    assert view["corrected_at"] == post["posted_at"] and view["correction_statement"] == statement


def test_start_correction_drafts_a_statement(store, incident):
    claim = claims.add_claim(store, incident, CLAIM, operator="ayse")["id"]
    claims.set_status(store, claim, "false", operator="ayse", source="DSİ Genel Müdürlüğü", note="Baraj gövdesi sağlam")
    statement = start_correction(store, claim, operator="fatma")
    row = claims.get_claim(store, claim)
    assert row["correction_statement_id"] == statement["id"] and row["correction_started_at"]
    body = store.scalar("SELECT body FROM statement_versions WHERE statement_id = ? ORDER BY version", (statement["id"],))
    assert CLAIM not in body and body.startswith("Baraj gövdesi sağlam.") and "DSİ Genel Müdürlüğü" in body
    assert "claim.correction_started" in kinds(store, incident)
    with pytest.raises(Refused, match="already"):
        start_correction(store, claim, operator="fatma")


def test_works_on_mentions_stored_by_the_feeds_area(store, incident):
    from crisiscomm.mentions import add_mentions

    items = [{"title": "", "text": text, "link": f"https://x.example/{i}", "author": "@a", "guid": str(i),
              "published_at": None, "plain": True}
             for i, text in enumerate(("Barajın ÇÖKTÜĞÜ doğru mu? Şehir sular altında", "Hava güzel"))]
    assert add_mentions(store, items, operator="ayse")[0] == 2
    claim = claims.add_claim(store, incident, CLAIM, operator="ayse", mention_id=None)["id"]
    found = claims.suggest_mentions(store, claim)
    assert [m["text"] for m in found] == ["Barajın ÇÖKTÜĞÜ doğru mu? Şehir sular altında"]
    claims.link_mention(store, claim, found[0]["id"], operator="ayse")
    assert claims.spread(store, claim)["count"] == 1
