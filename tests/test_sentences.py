"""Timeline events as sentences (UI-free), ages on screen."""

from __future__ import annotations

import datetime as dt

import pytest

from crisiscomm import i18n
from crisiscomm.review.sentences import sentence


@pytest.fixture
def turkish():
    i18n.set_lang("tr")
    yield
    i18n.set_lang("en")


def event(kind: str, payload: dict, operator: str = "Ayşe") -> dict:
    return {"id": 1, "kind": kind, "payload": payload, "operator": operator, "clock": 60.0}


def test_a_fact_change_reads_as_the_issue_asks(turkish):
    changed = event("fact.set", {"key": "injured", "value": "120", "previous": "112", "status": "confirmed", "source": ""})
    assert sentence(changed) == "Ayşe 'Yaralı sayısı' bilgisini 112'den 120'ye güncelledi"  # the fact's name, not its key
    first = event("fact.set", {"key": "yaralı", "value": "112", "previous": None, "status": "unconfirmed", "source": "AFAD"})
    assert sentence(first) == "Ayşe 'yaralı' bilgisini 112 olarak girdi (doğrulanmadı) — kaynak: AFAD"


def test_sentences_in_english_and_every_kind_told():
    i18n.set_lang("en")
    approved = event("statement.approved", {"statement": 3, "version": 2, "author": "mehmet"})
    assert sentence(approved) == "Ayşe approved statement #3 (version 2) written by mehmet"
    triaged = event("mention.triaged", {"ids": [4, 5], "state": "flagged", "count": 2, "from": ["new"]})
    assert sentence(triaged) == "Ayşe marked 2 mention(s) “flagged” (#4, #5)"
    # a kind without a sentence of its own, or an odd payload, is still told plainly
    assert sentence(event("export.cap", {"file": "x"})) == "Ayşe: export.cap"
    assert sentence(event("fact.set", "not a dict")) .startswith("Ayşe")


def test_turkish_statement_approval_names_the_author_in_the_genitive(turkish):
    approved = event("statement.approved", {"statement": 3, "version": 2, "author": "Mehmet"})
    assert sentence(approved) == "Ayşe Mehmet'in yazdığı #3 numaralı açıklamayı (2. sürüm) onayladı"
    ingested = event("mentions.ingested", {"feed": "AFAD", "new": 6}, operator="poller")
    assert sentence(ingested) == "AFAD'dan 6 yeni içerik geldi"


def test_untrusted_values_stay_quoted_text():
    i18n.set_lang("en")
    added = event("claim.added", {"claim": 1, "text": "[bold]x[/bold] {who} {0}", "mention": None})
    assert sentence(added) == "Ayşe registered claim #1: “[bold]x[/bold] {who} {0}”"


def test_ages_and_local_times(monkeypatch):
    from crisiscomm.tui import when

    now = dt.datetime(2026, 11, 23, 14, 10, tzinfo=dt.timezone.utc)
    i18n.set_lang("tr")
    try:
        assert when.age_and_time("2026-11-23T14:07:00+00:00", now) == "3dk 14:07"
        assert when.age_and_time("2026-11-18T02:08:00+00:00", now) == "5g 18 Kas 02:08"
        assert when.age_and_time("2025-11-18T02:08:00+00:00", now) == "370g 18 Kas 2025"
        assert when.age_and_time("2026-11-18T02:08:00+00:00", now, width=10) == "5g 18 Kas"
        assert when.age_and_time("2026-11-18T02:08:00+00:00", now, width=4) == "5g"
        assert when.age_and_time(None, now) == "--:--" and when.age_and_time("yesterday", now) == "--:--"
    finally:
        i18n.set_lang("en")
    assert when.age_and_time("2026-11-23T12:10:00+00:00", now) == "2h 12:10"
    monkeypatch.setenv("TZ", "Europe/Istanbul")
    import time

    time.tzset()
    try:
        assert when.age_and_time("2026-11-23T12:10:00+00:00", now) == "2h 15:10"  # local time
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()
