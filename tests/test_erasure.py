"""Erasing a mention leaves no copy of its text in the database files."""

import pytest
from conftest import session_as

from crisiscomm import audit, claims, incidents, mentions, timeline
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
