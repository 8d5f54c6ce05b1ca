"""Erasing a mention leaves no copy of its text in the database files."""

import unicodedata

import pytest
from conftest import session_as

from crisiscomm import actions, audit, claims, erased_text, erasure, incidents, mentions, timeline
from crisiscomm.actions.mentions import erase
from crisiscomm.errors import CrisisError, NotFound

MARKER = "zqxvbnadsoyad"  # folds to itself, so the search index's copy is caught too


def _files_contain(db_path, needle: str) -> bool:
    data = b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))
    return needle.encode() in data


def test_erased_mention_leaves_no_copy(store, db_path, cli):
    inc = incidents.open_incident(store, "Deprem", "general", operator="a")
    items = [{"title": f"Yaralı {MARKER} hastanede", "text": f"Telefon {MARKER} 0532", "link": f"http://e.org/{i}",
              "guid": str(i)} for i in range(3)]
    items += [{"title": f"Başka haber {i}", "text": "deprem", "link": f"http://e.org/x{i}", "guid": f"x{i}"}
              for i in range(200)]
    mentions.add_mentions(store, items, operator="a")
    ids = [m["id"] for m in mentions.incident_mentions(store, inc.id) if MARKER in m["title"]]
    claim = claims.add_claim(store, inc.id, "Baraj çöktü", operator="a", mention_id=ids[0])
    assert _files_contain(db_path, MARKER)
    for mention_id in ids[:-1]:
        erase(session_as(store, "kvkk"), mention_id, reason="ilgili kişinin silme talebi")
    r = cli("mention", "erase", str(ids[-1]), "--reason", "KVKK talebi")
    assert r.exit_code == 0, r.output
    store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert not _files_contain(db_path, MARKER)
    assert store.scalar("SELECT count(*) FROM mentions") == 200
    assert claims.get_claim(store, claim["id"])["first_mention_id"] is None
    erased = [e for e in timeline.events(store) if e["kind"] == "mention.erased"]
    assert [e["payload"]["mention"] for e in erased] == ids and audit.verify(store).ok
    assert not any(MARKER in str(e["payload"]) for e in timeline.events(store, limit=10_000))


def test_erase_needs_a_reason_and_a_mention(store, cli):
    with pytest.raises(CrisisError, match="reason"):
        erase(session_as(store, "a"), 1, reason=" ")
    with pytest.raises(NotFound):
        erase(session_as(store, "a"), 99, reason="x")
    assert cli("mention", "erase", "99", "--reason", "x").exit_code == 1
    assert cli("mention", "erase", "99").exit_code == 2


SAID = "Barajda çatlak var, İzmir'de herkes tahliye ediliyor. Bilgi için Işıl Hanım'ı arayın: 0532 417 22 91"


@pytest.mark.parametrize("copy", [
    unicodedata.normalize("NFD", SAID),  # decomposed ş ç İ ı, as a Mac writes them
    SAID.upper().replace("I", "I"),  # plain upper case: İ stays İ, ı becomes I
    "BARAJDA ÇATLAK VAR, İZMİR'DE HERKES TAHLİYE EDİLİYOR. " + SAID[SAID.index("Bilgi"):].lower(),
    SAID.replace(" ", "  ").replace(", ", ",\n").replace("İzmir'de", "İzmir\u2019de"),
    "Barajda catlak var, Izmir'de herkes tahliye ediliyor. Bilgi icin Isil Hanim'i arayin: +90 532-417-2291",
    "Ｂａｒａｊｄａ çatlak var, İz\u200bmir'de herkes tahliye ediliyor. Tel: 05324172291",
])
def test_a_copy_written_differently_is_redacted_too(store, copy):
    inc = incidents.open_incident(store, "Sel", "general", operator="a")
    ayse = session_as(store, "ayse")
    mention = actions.mentions.report(ayse, inc.id, SAID, source="phone").value
    copied = claims.add_claim(store, inc.id, copy, operator="ayse", mention_id=mention)["id"]
    other = claims.add_claim(store, inc.id, "Köprüde çatlak var diyorlar, İzmir yolu kapalı", operator="ayse")["id"]
    assert 0 < erasure._first_event(store, mention) < timeline.last_id(store)  # where copies can start
    erase(ayse, mention, reason="KVKK talebi")
    left = claims.get_claim(store, copied)["text"]
    folded = erased_text.loose(left)
    for word in ("catlak", "tahliye", "izmir", "isil", "417", "2291"):
        assert word not in folded, left
    assert claims.get_claim(store, other)["text"] == "Köprüde çatlak var diyorlar, İzmir yolu kapalı"
    added = next(e for e in timeline.events(store) if e["kind"] == "claim.added" and e["payload"]["claim"] == copied)
    assert added["payload"]["text"] == left  # the event's copy too
    assert audit.verify(store).ok


def test_loose_positions_map_back_to_the_original_text():
    text = unicodedata.normalize("NFD", "Önce  İZMİR\u200b’de\nçatlak")
    folded, spans = erased_text.loose_with_spans(text)
    assert folded == "once izmir'de catlak" and len(spans) == len(folded)
    start = folded.index("izmir'de")
    assert text[spans[start][0]:spans[start + len("izmir'de") - 1][1]].startswith("I")
