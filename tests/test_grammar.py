"""Turkish grammar helpers: suffixes after values and names, numbers, durations, dates."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from crisiscomm.text.grammar import (
    ABLATIVE,
    ACCUSATIVE,
    COPULA,
    DATIVE,
    GENITIVE,
    INSTRUMENTAL,
    LOCATIVE,
    RELATIVE,
    date_text,
    date_time,
    duration,
    format_number,
    format_percent,
    join_words,
    lower_first,
    suffix_case,
    upper_first,
    with_case,
)

ISTANBUL = zoneinfo.ZoneInfo("Europe/Istanbul")


@pytest.mark.parametrize(("value", "suffix", "expected"), [
    # times are read by their last spoken word: on dört otuz, on üç, dört on yedi, on altı
    ("14.30", LOCATIVE, "14.30'da"), ("13.00", LOCATIVE, "13.00'te"), ("04.17", LOCATIVE, "04.17'de"),
    ("16.00", LOCATIVE, "16.00'da"), ("09:45", ABLATIVE, "09:45'ten"), ("10.00", DATIVE, "10.00'a"),
    # numbers: bin iki yüz elli, yüz on iki, yüz yirmi, üç yüz, dört, kırk, sıfır, bin, milyon
    ("1.250", DATIVE, "1.250'ye"), ("112", ABLATIVE, "112'den"), ("120", DATIVE, "120'ye"),
    ("300", COPULA, "300'dür"), ("4", COPULA, "4'tür"), ("40", LOCATIVE, "40'ta"), ("0", DATIVE, "0'a"),
    ("1000", ACCUSATIVE, "1000'i"), ("12.000.000", GENITIVE, "12.000.000'un"), ("6", DATIVE, "6'ya"),
    ("90", COPULA, "90'dır"), ("7", COPULA, "7'dir"), ("6,1", LOCATIVE, "6,1'de"), ("%7,5", DATIVE, "%7,5'e"),
    ("0 800 314 23 45", COPULA, "0 800 314 23 45'tir"),
    # names: vowel harmony, buffer letters, no softening
    ("Malatya", LOCATIVE, "Malatya'da"), ("Kızılay", GENITIVE, "Kızılay'ın"), ("İstanbul", ABLATIVE, "İstanbul'dan"),
    ("Malatya", RELATIVE, "Malatya'daki"), ("Erzurum", INSTRUMENTAL, "Erzurum'la"), ("Ankara", INSTRUMENTAL, "Ankara'yla"),
    ("Malatya Yeşilyurt", LOCATIVE, "Malatya Yeşilyurt'ta"), ("e-Devlet", DATIVE, "e-Devlet'e"),
    # abbreviations: read as words when they can be, letter by letter otherwise
    ("AFAD", GENITIVE, "AFAD'ın"), ("NATO", LOCATIVE, "NATO'da"), ("SGK", DATIVE, "SGK'ye"),
    ("ABD", LOCATIVE, "ABD'de"), ("DSİ", DATIVE, "DSİ'ye"), ("TBMM", ABLATIVE, "TBMM'den"),
    # compounds whose head carries the possessive take a pronominal n
    ("Karakaya Barajı", LOCATIVE, "Karakaya Barajı'nda"), ("Malatya Valiliği", ABLATIVE, "Malatya Valiliği'nden"),
    ("İnönü Üniversitesi kampüsü", LOCATIVE, "İnönü Üniversitesi kampüsünde"),
    # a common word takes the suffix directly, softened before a vowel
    ("bölge", LOCATIVE, "bölgede"), ("6,1 büyüklüğünde deprem", LOCATIVE, "6,1 büyüklüğünde depremde"),
    ("kitap", ACCUSATIVE, "kitabı"),
    # an aside in parentheses stays after the inflected word
    ("Malatya (Yeşilyurt merkezli)", LOCATIVE, "Malatya'da (Yeşilyurt merkezli)"),
])
def test_case_suffixes(value: str, suffix: str, expected: str) -> None:
    assert with_case(value, suffix) == expected


def test_suffixes_as_templates_write_them() -> None:
    assert {suffix_case(w) for w in ("de", "'da", "te", "ta")} == {LOCATIVE}
    assert suffix_case("'den") == ABLATIVE and suffix_case("ye") == DATIVE and suffix_case("nın") == GENITIVE
    assert suffix_case("dır") == COPULA and suffix_case("deki") == RELATIVE
    with pytest.raises(ValueError, match="unknown suffix"):
        suffix_case("lar")


@pytest.mark.parametrize(("seconds", "lang", "expected"), [
    (495, "tr", "8 dk 15 sn"), (56, "tr", "56 sn"), (3600, "tr", "1 sa"), (5400, "tr", "1 sa 30 dk"),
    (2 * 86400 + 3 * 3600 + 5, "tr", "2 gün 3 sa"), (0, "tr", "0 sn"), (-75, "tr", "-1 dk 15 sn"),
    (495, "en", "8 min 15 s"), (5400, "en", "1 h 30 min"), (3 * 86400, "en", "3 d"),
])
def test_durations(seconds: float, lang: str, expected: str) -> None:
    assert duration(seconds, lang) == expected


def test_durations_to_the_parts_asked_for() -> None:
    assert duration(3725, "tr", parts=3) == "1 sa 2 dk 5 sn"
    assert duration(3725, "tr", parts=1) == "1 sa"


def test_numbers_with_decimal_commas() -> None:
    assert format_number(1250) == "1.250" and format_number(1250, "en") == "1,250"
    assert format_number(3.29) == "3,29" and format_number(3.29, "en") == "3.29"
    assert format_number(3.2876, places=2) == "3,29" and format_number(12, places=1) == "12,0"
    assert format_percent(7.5) == "%7,5" and format_percent(7.5, "en") == "7.5%"


def test_dates_in_the_institutions_time_zone() -> None:
    moment = dt.datetime(2026, 11, 28, 11, 30, tzinfo=dt.timezone.utc)
    assert date_time(moment, "tr", ISTANBUL) == "28 Kasım 2026 14.30 (TSİ)"
    assert date_time(moment, "en", ISTANBUL) == "28 November 2026, 14:30 (UTC+3)"
    assert date_time(moment, "tr", zoneinfo.ZoneInfo("Asia/Kolkata")) == "28 Kasım 2026 17.00 (UTC+5:30)"
    assert date_time(moment, "tr", dt.timezone.utc) == "28 Kasım 2026 11.30 (UTC)"
    assert date_time(moment, "tr", ISTANBUL, zone=False) == "28 Kasım 2026 14.30"
    # the local date, not the UTC one, just before midnight UTC
    assert date_text(dt.datetime(2026, 12, 31, 22, 30, tzinfo=dt.timezone.utc), "tr", ISTANBUL) == "1 Ocak 2027"


def test_casing_and_lists() -> None:
    assert upper_first("ilk açıklama") == "İlk açıklama" and upper_first("ilk", "en") == "Ilk"
    assert lower_first("Yaralı sayısı") == "yaralı sayısı" and lower_first("İlk") == "ilk"
    assert lower_first("SMS kanalı") == "SMS kanalı"
    assert join_words(["a", "b", "c"]) == "a, b ve c" and join_words(["a", "b"], "en") == "a and b"
    assert join_words(["a"]) == "a" and join_words([]) == ""
