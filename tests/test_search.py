"""Search: FTS5 over a Turkish-folded copy, newest first, safe with any input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crisiscomm import incidents, mentions
from crisiscomm.mentions import search
from crisiscomm.models import Incident

TEXTS = [
    "Kızılay'ın çadır kenti Malatya'da kuruldu",
    "DEPREMDEN sonra İSTANBUL'da toplanma alanları",
    "Ilık bir gece bekleniyor",
    "Şanlıurfa'ya yaralı sevki",
    "Karakaya Barajı çatladı iddiası asılsız",
]


def _fill(store):
    mentions.add_mentions(store, [{"title": t, "guid": f"g{i}", "published_at": f"2026-11-23T0{i}:00:00+00:00"}
                                  for i, t in enumerate(TEXTS)], operator="t")


def titles(rows):
    return [r["title"] for r in rows]


def test_turkish_spellings_find_each_other(store):
    _fill(store)
    assert titles(search(store, "kizilay")) == [TEXTS[0]]
    assert titles(search(store, "KIZILAY'IN")) == [TEXTS[0]]
    assert titles(search(store, "istanbul")) == [TEXTS[1]]
    assert titles(search(store, "deprem")) == [TEXTS[1]]
    assert titles(search(store, "ılık")) == [TEXTS[2]]
    assert titles(search(store, "sanliurfa")) == [TEXTS[3]]
    assert titles(search(store, "baraj catladi")) == [TEXTS[4]]
    assert search(store, "   ") == []


def test_newest_first_and_limit(store):
    _fill(store)
    mentions.add_mentions(store, [{"title": "Kızılay yeni açıklama", "guid": "n1"}], operator="t")
    rows = search(store, "kizilay", limit=1)
    assert titles(rows) == ["Kızılay yeni açıklama"]
    assert titles(search(store, "kizilay", limit=5, offset=1)) == [TEXTS[0]]


def test_search_within_an_incident_and_state(store):
    inc = incidents.open_incident(store, "D", "general", operator="t")
    _fill(store)
    found = mentions.incident_mentions(store, inc.id, query="karakaya")
    assert titles(found) == [TEXTS[4]]
    mentions.set_state(store, [found[0]["id"]], "flagged", operator="t")
    assert titles(mentions.incident_mentions(store, inc.id, query="karakaya", state="flagged")) == [TEXTS[4]]
    assert mentions.incident_mentions(store, inc.id, query="kizilay", state="flagged") == []
    q = mentions.MentionQuery(inc, query="deprem OR")
    assert q.count(store) == 0  # every word must match: "or" is a word here, not an operator


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_any_input_is_a_valid_query(store, query):
    search(store, query)
    incident = Incident(id=1, title="t", playbook="general", severity=2, status="active", mode="actual",
                        started_at="2000", clock_base_wall="2000-01-01T00:00:00+00:00")
    mentions.MentionQuery(incident, query=query).count(store)


def test_pages_from_either_end_agree(store):
    inc = incidents.open_incident(store, "D", "general", operator="t")
    mentions.add_mentions(store, [{"title": f"deprem {i}", "guid": str(i), "published_at": f"2026-11-23T01:{i:02d}:00"}
                                  for i in range(57)], operator="t", incident_id=inc.id)
    for query in (mentions.MentionQuery(inc), mentions.MentionQuery(inc, query="deprem")):
        total = query.count(store)
        everything = [r["id"] for r in query.fetch(store, 0, None)]
        assert total == 57 and everything == sorted(everything, reverse=True)
        for offset in range(0, 60, 7):
            for limit in (5, 10, 100):
                page = [r["id"] for r in query.fetch(store, offset, limit, total=total)]
                assert page == everything[offset:offset + limit], (offset, limit)


def test_keyset_pages_stay_right_as_mentions_arrive(store, monkeypatch):
    """Unfiltered pages are read from keyset anchors; counting again extends them with the new rows only."""
    monkeypatch.setattr(mentions, "ANCHOR_STEP", 7)
    inc = incidents.open_incident(store, "D", "general", operator="t")
    other = incidents.open_incident(store, "E", "general", operator="t", exercise=True)

    def add(first: int, n: int, incident_id: int) -> None:
        mentions.add_mentions(store, [{"title": f"deprem {i}", "guid": f"{incident_id}-{i}",
                                       "published_at": f"2026-11-23T01:{i % 60:02d}:00"} for i in range(first, first + n)],
                              operator="t", incident_id=incident_id)

    query = mentions.MentionQuery(inc)
    assert query.keyset and not mentions.MentionQuery(inc, state="new").keyset
    for first, n in ((0, 30), (30, 1), (31, 13), (44, 0)):
        add(first, n, inc.id)
        add(first, 3, other.id)  # another incident's rows interleave and never count here
        total = query.count(store)
        everything = [r["id"] for r in query.fetch(store, 0, None)]
        assert total == len(everything) == first + n
        for offset in range(0, total + 2):
            for limit in (1, 5, 100):
                page = [r["id"] for r in query.fetch(store, offset, limit, total=total)]
                assert page == everything[offset:offset + limit], (total, offset, limit)


SUFFIXED = [
    "AFAD bugün yeni bir açıklama yaptı",
    "Baraj kapakları kontrollü açıldı",
    "Malatya merkezli sarsıntı hissedildi",
    "Çadır kent Pazartesi kuruldu",
    "Hesap numaramıza bağışlar sürüyor",
    "Suriye sınırında hareketlilik",
    "Mahallede su kesintisi",
    "Kayıp kişi aranıyor",
]


def test_queries_with_suffixes_and_apostrophes_find_the_stem(store):
    mentions.add_mentions(store, [{"title": t, "guid": f"s{i}"} for i, t in enumerate(SUFFIXED)], operator="t")
    assert titles(search(store, "AFAD'ın açıklaması")) == [SUFFIXED[0]]
    assert titles(search(store, "barajlardaki")) == [SUFFIXED[1]]
    assert titles(search(store, "Malatya'daki")) == [SUFFIXED[2]]
    assert titles(search(store, "çadırlara")) == [SUFFIXED[3]]
    assert titles(search(store, "hesabımıza")) == [SUFFIXED[4]]  # softening undone
    assert titles(search(store, "suyun")) == [SUFFIXED[6]]  # short stem: its forms, not every su… word
    assert titles(search(store, "kaybı")) == [SUFFIXED[7]]  # vowel drop undone


def test_invisible_characters_neither_hide_nor_split_words(store):
    mentions.add_mentions(store, [{"title": "Son dakika: dep\u200brem\u2060de yıkım", "guid": "z"}], operator="t")
    assert titles(search(store, "deprem")) == ["Son dakika: depremde yıkım"]
    assert titles(search(store, "dep\u200brem")) == ["Son dakika: depremde yıkım"]


def test_older_databases_are_cleaned_and_reindexed(db_path):
    from crisiscomm.store import Store

    first = Store(db_path)
    first.execute("INSERT INTO mentions (guid, title, fetched_at, content_hash) VALUES ('x', 'dep\u200brem ve\u00adri', '2026', 'h')")
    first.execute("INSERT INTO mentions_fts (rowid, body) SELECT id, 'dep\u200brem ve\u00adri' FROM mentions")
    first.execute("DELETE FROM _sqlite_migrations WHERE name = 'm003_invisible_characters'")
    first.execute("PRAGMA user_version = 0")
    first.close()
    again = Store(db_path)
    assert [r["title"] for r in search(again, "deprem")] == ["deprem veri"]
    assert again.scalar("SELECT count(*) FROM mentions_fts WHERE mentions_fts MATCH 'dep'") == 0
    again.close()
