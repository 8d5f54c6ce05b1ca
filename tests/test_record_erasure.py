"""Erasure that stays: a tombstone (keyed hash of feed + guid and of the link, never the text) keeps
an erased item out of every later poll, from its feed or another; text copied from it into a claim,
its evidence or an event payload is redacted in the same transaction; `verify` accepts and explains
the redaction and still catches a payload changed any other way. Real files, a real loopback HTTP
feed and the real CLI in subprocesses."""

from __future__ import annotations

import json
import sqlite3

from conftest import run_cli_process

PHONE = "0532 417 22 91"
TITLE = f"Barajda çatlak var, bilgi için Ahmet Yılmaz'ı arayın: {PHONE}"
LINK = "https://haber.example/baraj-catlak"


def _rss(items: list[tuple[str, str, str]]) -> str:
    body = "".join(f"<item><guid>{g}</guid><title>{t}</title><link>{link}</link><description>{t}</description></item>"
                   for g, t, link in items)
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>{body}</channel></rss>'


def _ok(proc):
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stdout + proc.stderr
    return proc.stdout


def _files_contain(db_path, needle: str) -> bool:
    return any(needle.encode() in p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))


def _mentions(db_path) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT id, guid, title FROM mentions ORDER BY id").fetchall()
    finally:
        conn.close()


def test_an_erased_item_stays_erased_and_its_copies_are_redacted(tmp_path, db_path, serve_folder):
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.xml").write_text(_rss([("g1", TITLE, LINK), ("g2", "Valilik açıklama yaptı", "https://haber.example/2")]))
    base = serve_folder(site)
    _ok(run_cli_process(db_path, "incident", "open", "Baraj", "--playbook", "general"))
    _ok(run_cli_process(db_path, "feeds", "add", f"{base}/a.xml", "--name", "haber", "--trust", "media"))
    _ok(run_cli_process(db_path, "ingest"))
    erased_id = next(m[0] for m in _mentions(db_path) if m[1] == "g1")
    # a claim made from the mention, its text copied word for word, and evidence quoting the phone number
    _ok(run_cli_process(db_path, "claim", "add", "1", TITLE, "--mention", str(erased_id)))
    _ok(run_cli_process(db_path, "claim", "set", "1", "false", "--source", LINK,
                        "--note", f"Aranan numara {PHONE} bir vatandaşa ait"))
    assert _files_contain(db_path, PHONE)

    out = _ok(run_cli_process(db_path, "mention", "erase", str(erased_id), "--reason", "KVKK başvurusu"))
    assert f"mention {erased_id} erased" in out

    # the next polls bring nothing back: same feed (guid and page), another feed with the same page
    # under another guid and a tracking parameter; a new item still arrives
    (site / "a.xml").write_text(_rss([("g1", TITLE, LINK), ("g1-edit", "Güncellendi", LINK + "?utm_source=rss"),
                                      ("g3", "Yeni haber", "https://haber.example/3")]))
    (site / "b.xml").write_text(_rss([("other-7", "Başka sitede aynı haber", "http://www." + LINK[8:] + "#top")]))
    _ok(run_cli_process(db_path, "feeds", "add", f"{base}/b.xml", "--name", "baska", "--trust", "media"))
    _ok(run_cli_process(db_path, "ingest"))
    _ok(run_cli_process(db_path, "ingest"))
    assert [m[1] for m in _mentions(db_path)] == ["g2", "g3"]

    conn = sqlite3.connect(db_path)
    claim_text, = conn.execute("SELECT text FROM claims WHERE id = 1").fetchone()
    evidence = conn.execute("SELECT source, note FROM claim_evidence").fetchall()
    erased, = conn.execute("SELECT payload FROM events WHERE kind = 'mention.erased'").fetchone()
    added, = conn.execute("SELECT payload FROM events WHERE kind = 'claim.added'").fetchone()
    stones = conn.execute("SELECT key, kind FROM tombstones").fetchall()
    conn.close()
    assert PHONE not in claim_text and "Ahmet" not in claim_text and "█" in claim_text
    assert all(PHONE not in (note or "") and LINK not in (source or "") for source, note in evidence)
    assert PHONE not in added and "Barajda" not in added
    record = json.loads(erased)
    assert record["mention"] == erased_id and record["feed"] == "haber" and record["tombstones"] == 2
    assert record["redacted_rows"]["claims"] == [1] and record["redacted_events"]
    assert not any(piece in erased for piece in (PHONE, "Barajda", LINK, "g1"))
    assert sorted(kind for _key, kind in stones) == ["guid", "link"]
    assert not any("g1" in key or "haber" in key for key, _kind in stones)  # keyed hashes, never the text

    verified = _ok(run_cli_process(db_path, "verify"))
    assert "redacted by an erasure" in verified and "mention.erased" in verified
    assert not _files_contain(db_path, PHONE) and not _files_contain(db_path, "Ahmet Yılmaz")


def test_a_payload_changed_other_than_by_an_erasure_is_caught(tmp_path, db_path):
    _ok(run_cli_process(db_path, "incident", "open", "Baraj", "--playbook", "general"))
    _ok(run_cli_process(db_path, "mention", "add", "1", TITLE, "--source", "phone"))
    _ok(run_cli_process(db_path, "claim", "add", "1", TITLE, "--mention", "1"))
    _ok(run_cli_process(db_path, "mention", "erase", "1", "--reason", "KVKK"))
    assert "redacted by an erasure" in _ok(run_cli_process(db_path, "verify"))
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TRIGGER events_no_update")
    redacted_id, = conn.execute("SELECT id FROM events WHERE kind = 'claim.added'").fetchone()
    conn.execute("UPDATE events SET payload = replace(payload, '█████', 'Baraj yıkılacak') WHERE id = ?",
                 (redacted_id,))
    conn.commit()
    proc = run_cli_process(db_path, "verify")
    assert proc.returncode == 1 and f"event {redacted_id}" in proc.stdout and "no erasure redacted it" in proc.stdout
    # and a payload never redacted, changed the same way
    conn.execute("UPDATE events SET payload = replace(payload, 'Baraj', 'Köprü') WHERE kind = 'incident.opened'")
    conn.commit()
    conn.close()
    assert "no erasure redacted it" in run_cli_process(db_path, "verify").stdout


def test_an_event_payload_cannot_be_rewritten_through_crisiscomm_outside_an_erasure(db_path):
    _ok(run_cli_process(db_path, "incident", "open", "Baraj", "--playbook", "general"))
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("UPDATE events SET payload = '{}' WHERE id = 1")
        raise AssertionError("the trigger let a payload change")
    except sqlite3.IntegrityError as refused:
        assert "cannot be changed" in str(refused)
    finally:
        conn.close()


def test_a_mention_quoting_the_institution_does_not_blank_out_its_own_words(db_path):
    quoted = "Ekiplerimiz bölgede çalışmalarını sürdürmektedir."
    _ok(run_cli_process(db_path, "incident", "open", "Deprem", "--playbook", "general"))
    _ok(run_cli_process(db_path, "post", "add", "1", "--channel", "x", "--text", f"15 kişi yaralandı. {quoted}"))
    _ok(run_cli_process(db_path, "mention", "add", "1", f"{quoted} Beni arayın {PHONE}",
                        "--source", "citizen"))
    _ok(run_cli_process(db_path, "claim", "add", "1", f"{quoted} Beni arayın {PHONE}", "--mention", "1"))
    _ok(run_cli_process(db_path, "mention", "erase", "1", "--reason", "KVKK"))
    conn = sqlite3.connect(db_path)
    posted, = conn.execute("SELECT payload FROM events WHERE kind = 'post.added'").fetchone()
    post_text, = conn.execute("SELECT text FROM posts").fetchone()
    claim_text, = conn.execute("SELECT text FROM claims WHERE id = 1").fetchone()
    conn.close()
    assert quoted in posted and quoted in post_text  # the institution's own words stay, row and event
    assert quoted not in claim_text and PHONE not in claim_text
    assert "redacted by an erasure" in _ok(run_cli_process(db_path, "verify"))
