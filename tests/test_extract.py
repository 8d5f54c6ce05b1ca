"""Fact extraction from real-looking Turkish and English posts."""

from __future__ import annotations

import pytest

from crisiscomm.errors import CrisisError
from crisiscomm.extract import extract_facts, infer_kind, normalize_fact, same_value, tokenize
from crisiscomm.vocabulary import load_vocabulary


def facts_of(text: str, vocabulary=None) -> set[tuple]:
    """(kind, key, value) for every extracted item."""
    return {(e.kind, e.key, e.value) for e in extract_facts(text, vocabulary)}


POSTS = [
    # counts with their noun, both orders, Turkish number formats
    ("Selde 15 yaralı var. Bilgi hattı: 0 800 123 45 67. Sonraki açıklama 16:00.",
     {("count", "injured", "15"), ("phone", "hotline", "8001234567"), ("time", "next_update", "16:00")}),
    ("Sel felaketinde yaralı sayısı 15. Yardım için 0 800 123 45 67.",
     {("count", "injured", "15"), ("phone", None, "8001234567")}),
    ("Sel nedeniyle 12 vatandaşımız yaralandı. 2 ev boşaltıldı.", {("count", "injured", "12")}),
    ("Depremde 15 kişi hayatını kaybetti, 1.250 kişi tahliye edildi.",
     {("count", "dead", "15"), ("count", "evacuated", "1250")}),
    ("Can kaybı 7'ye yükseldi. Yaralılardan 3'ü ağır.", {("count", "dead", "7")}),
    ("Yaralı sayısı 15'ten 18'e yükseldi.", {("count", "injured", "18")}),
    ("Bölgede 3 ağır yaralı bulunuyor.", {("count", "seriously_injured", "3")}),
    ("Yaralılardan 15 kişi taburcu edildi.", set()),
    ("AFAD: 2,5 ton yardım malzemesi ulaştırıldı, 40 kişi kurtarıldı.", {("count", "rescued", "40")}),
    ("Toplam 1.250 yaralı, 12 ölü.", {("count", "injured", "1250"), ("count", "dead", "12")}),
    # English
    ("15 people were injured and the death toll rose to 7.", {("count", "injured", "15"), ("count", "dead", "7")}),
    ("Update: 3 killed, 1,250 evacuated. Hotline +90 800 123 45 67. Next update at 4 pm.",
     {("count", "dead", "3"), ("count", "evacuated", "1250"), ("phone", "hotline", "8001234567"),
      ("time", "next_update", "16:00")}),
    ("Number of injured is 15; 2 people remain missing.", {("count", "injured", "15"), ("count", "missing", "2")}),
    # times, dates, addresses, hashtags
    ("Bir sonraki bilgilendirme saat 14.30'da yapılacak.", {("time", "next_update", "14:30")}),
    ("Saat 16'da basın toplantısı düzenlenecek.", {("time", "next_update", "16:00")}),
    ("16:00'da yeni açıklama yapılacak.", {("time", "next_update", "16:00")}),
    ("Okullar 23 Kasım'a kadar tatil. #SelBilgi", {("date", None, "0000-11-23"), ("hashtag", None, "#selbilgi")}),
    ("23.11.2026 tarihinde başlayan yağışlar", {("date", "date", "2026-11-23")}),
    ("Ayrıntılar web sitemizde: https://www.valilik.gov.tr/duyuru/sel.", {("url", "website", "valilik.gov.tr/duyuru/sel")}),
    ("Çağrı merkezi 444 1 122 açık.", {("phone", "hotline", "4441122")}),
    # numbers that belong to no fact
    ("3 ilçede 40 okul tatil edildi, 2 köprü kapalı, %40 oranında hasar.", {("percent", None, "40")}),
    ("Sel sabah saatlerinde başladı, 3 kişi daha yaralandı.", set()),
    # addresses, ages, percentages, supplies: labels and amounts, never counts of a fact
    ("Atatürk Cad. No: 15'teki binada hasar var. 15 yaşındaki bir çocuk yaralandı.", set()),
    ("Bina No 15 hasar gördü, 1.250 çadır kuruldu, hasarın %15'i tespit edildi.", {("percent", None, "15")}),
    ("The building at No. 15 collapsed; two children aged 15 were rescued.", set()),
    ("15 Temmuz Mahallesi 12. Sokak No: 7 önünde toplanma alanı kuruldu.", {("date", None, "0000-07-15")}),
]


@pytest.mark.parametrize("text, expected", POSTS, ids=[p[0][:40] for p in POSTS])
def test_extracts_the_facts_of_real_looking_posts(text: str, expected: set) -> None:
    assert facts_of(text) == expected


def test_extracted_values_point_at_their_text() -> None:
    text = "Sel nedeniyle 12 vatandaşımız yaralandı."
    (item,) = extract_facts(text)
    assert text[item.start:item.end] == item.text == "12 vatandaşımız yaralandı"
    assert item.display == "12"
    assert item.as_dict()["key"] == "injured"


def test_phone_number_stops_before_a_following_count() -> None:
    found = extract_facts("Hat: 0 800 123 45 67 15 yaralı")
    assert [(e.kind, e.display) for e in found] == [("phone", "0 800 123 45 67"), ("count", "15")]


def test_turkish_number_formats() -> None:
    values = {t.text: t.value for t in tokenize("1.250 ve 2,5 ile 1,250 ve 12.000.000") if t.kind == "number"}
    assert values == {"1.250": "1250", "2,5": "2.5", "1,250": "1250", "12.000.000": "12000000"}


def test_times_are_not_thousands_and_dates_are_not_times() -> None:
    kinds = {t.text: t.kind for t in tokenize("14.30 14.300 23.11.2026 9.30 16:05")}
    assert kinds["14.30"] == "time" and kinds["14.300"] == "number"
    assert kinds["23.11.2026"] == "date" and kinds["16:05"] == "time"
    assert "9.30" in kinds and kinds["9.30"] == "number"


@pytest.mark.parametrize("kind, value, normal", [
    ("count", "15", "15"), ("count", "en az 1.250 kişi", "1250"),
    ("phone", "0 800 123 45 67", "8001234567"), ("phone", "+90 (800) 123 45 67", "8001234567"), ("phone", "112", "112"),
    ("time", "16.00", "16:00"), ("time", "16", "16:00"), ("time", "saat 16:30'da", "16:30"),
    ("date", "23 Kasım", "0000-11-23"), ("date", "2026-11-23", "2026-11-23"),
    ("url", "valilik.gov.tr/", "valilik.gov.tr"), ("url", "https://www.Valilik.gov.tr/sel", "valilik.gov.tr/sel"),
    ("hashtag", "SelBilgi", "#selbilgi"), ("hashtag", "#SelBilgi", "#selbilgi"),
    ("count", "bilinmiyor", None), ("time", "öğleden sonra", None),
])
def test_fact_values_normalise_like_post_values(kind: str, value: str, normal: str | None) -> None:
    assert normalize_fact(kind, value) == normal


@pytest.mark.parametrize("value, kind", [
    ("15", "count"), ("0 800 123 45 67", "phone"), ("16:00", "time"), ("23.11.2026", "date"),
    ("https://valilik.gov.tr", "url"), ("valilik.gov.tr", "url"), ("#SelBilgi", "hashtag"), ("şiddetli yağış", None),
    ("1.250 çadır", "count"), ("4,9 büyüklüğünde deprem", None),
])
def test_kind_of_a_fact_without_vocabulary(value: str, kind: str | None) -> None:
    assert infer_kind(value) == kind


def test_same_value_rules() -> None:
    assert same_value("count", "15", "15") and not same_value("count", "12", "15")
    assert same_value("date", "0000-11-23", "2026-11-23") and not same_value("date", "2025-11-23", "2026-11-23")
    assert same_value("url", "valilik.gov.tr/sel/1", "valilik.gov.tr/sel")
    assert not same_value("url", "valilik.gov.tr/selx", "valilik.gov.tr/sel")


def test_override_next_to_the_database_adds_words_and_keys(tmp_path) -> None:
    (tmp_path / "fact_synonyms.toml").write_text(
        '[facts.injured]\nwords = ["yaralık"]\n'
        '[facts.shelters]\nkind = "count"\nwords = ["çadır*"]\n'
        '[words]\nfillers = ["adet"]\n',
        encoding="utf-8",
    )
    vocabulary = load_vocabulary(tmp_path)
    assert facts_of("5 yaralık durum, 300 adet çadır kuruldu.", vocabulary) == {
        ("count", "injured", "5"), ("count", "shelters", "300")}
    # the bundled words are still there
    assert facts_of("15 yaralı", vocabulary) == {("count", "injured", "15")}


def test_override_can_replace_a_keys_words(tmp_path) -> None:
    (tmp_path / "fact_synonyms.toml").write_text('[facts.injured]\nreplace = true\nwords = ["casualties"]\n', encoding="utf-8")
    vocabulary = load_vocabulary(tmp_path)
    assert facts_of("15 yaralı, 20 casualties", vocabulary) == {("count", "injured", "20")}


@pytest.mark.parametrize("content, message", [
    ("[facts.injured\n", "cannot read"),
    ('[facts.injured]\nkind = "weight"\n', "kind must be one of"),
    ('[facts.injured]\nwords = "yaralı"\n', "must be a list of strings"),
    ('facts = 3\n', "one table per fact key"),
])
def test_a_broken_override_is_a_clear_error(tmp_path, content: str, message: str) -> None:
    (tmp_path / "fact_synonyms.toml").write_text(content, encoding="utf-8")
    with pytest.raises(CrisisError, match=message):
        load_vocabulary(tmp_path)


def test_oldu_is_not_a_death_count():
    """Folded, `öldü` (died) would read as `oldu` (became): the count stays with its own noun."""
    found = [(f.key, f.value) for f in extract_facts("Yaralı sayısı 12 oldu. 3 kişi hayatını kaybetti.") if f.key]
    assert found == [("injured", "12"), ("dead", "3")]


# -- Turkish numbers, changes, times of day, the official wording -----------------------------
TURKISH = [
    ("Depremde 4 bin 750 kişi yaralandı.", {("count", "injured", "4750")}),
    ("Yaralı sayısı 3 bin 500 olarak açıklandı.", {("count", "injured", "3500")}),
    ("Depremde üç yüz kişi yaralandı.", {("count", "injured", "300")}),
    ("Bin beş yüz vatandaşımız tahliye edildi.", {("count", "evacuated", "1500")}),
    ("Depremden 2,5 milyon kişi etkilendi.", {("count", "affected", "2500000")}),
    ("Can kaybı 5 artarak 40'a yükseldi.", {("count", "dead", "40")}),
    ("Yaralı sayısı dün 12 iken bugün 15 oldu.", {("count", "injured", "15")}),
    ("Yaralı sayısı 3 arttı.", set()),
    ("Ölü sayısı yediye yükseldi.", {("count", "dead", "7")}),
    ("Depremde 240 vatandaşımız yaşamını yitirmiştir.", {("count", "dead", "240")}),
    ("Depremde 204 kişi vefat etmiştir.", {("count", "dead", "204")}),
    ("Ölenlerin sayısı 86 olarak açıklandı.", {("count", "dead", "86")}),
    ("Enkaz altında kalan 12 kişi hayatını kaybetti.", {("count", "dead", "12")}),
    ("Selde 3 kişiden haber alınamıyor; haber alınamayan 3 kişi aranıyor.", {("count", "missing", "3")}),
    ("Bir sonraki bilgilendirme akşam saat 9'da yapılacaktır.", {("time", "next_update", "21:00")}),
    ("Yeni açıklama gece saat 11'de yapılacak.", {("time", "next_update", "23:00")}),
    ("Sabah 7'de toplanma alanlarına gidin.", {("time", None, "07:00")}),
    ("Basın toplantısı saat 10'a çeyrek kala başlayacak.", {("time", "next_update", "09:45")}),
    ("İşsizlik %7,5 oldu; enflasyon yüzde 48,6.", {("percent", None, "7.5"), ("percent", None, "48.6")}),
    ("Elektrik yüzde elli oranında geri geldi.", {("percent", None, "50")}),
    ("15 yaşındaki bir çocuk yaralandı.", set()),
    ("Yarali sayisi 12 oldu.", {("count", "injured", "12")}),  # typed without Turkish letters
    ("Yaralı sayısı 12 oldu. 3 kişi öldü.", {("count", "injured", "12"), ("count", "dead", "3")}),
]


@pytest.mark.parametrize("text, expected", TURKISH, ids=[t[0][:40] for t in TURKISH])
def test_reads_turkish_numbers_changes_times_and_official_wording(text: str, expected: set) -> None:
    assert facts_of(text) == expected


def test_kayip_is_reported_as_ambiguous_never_guessed() -> None:
    (item,) = extract_facts("Depremde 5 kayıp var.")
    assert (item.key, item.value, item.ambiguous) == (None, "5", ("dead", "missing"))
    assert [(e.key, e.ambiguous) for e in extract_facts("Kayıp kişi sayısı 4")] == [("missing", ())]
    assert [e.key for e in extract_facts("Can kaybı 4")] == ["dead"]


def test_approximate_figures_agree_with_what_they_round() -> None:
    (item,) = extract_facts("Yaklaşık üç bin kişi tahliye edildi.")
    assert (item.value, item.approx, item.display) == ("3000", True, "üç bin")
    assert same_value("count", "3000", "2950", approx=True)
    assert not same_value("count", "3000", "2400", approx=True)
    assert not same_value("count", "3000", "2950")
    assert same_value("count", "12", "12", approx=True) and not same_value("count", "12", "14", approx=True)


def test_the_consistency_tracker_shows_an_ambiguous_count_without_judging_it() -> None:
    from crisiscomm.consistency import review_text

    judgements, unlisted = review_text("Depremde 5 kayıp var.", {}, load_vocabulary())
    assert judgements == {} and [(i.value, i.key, i.ambiguous) for i in unlisted] == [("5", None, ("dead", "missing"))]


def test_lower_bounds_agree_with_any_value_not_below_them() -> None:
    for text in ("En az 12 kişi hayatını kaybetti.", "12'den fazla kişi hayatını kaybetti.",
                 "Depremde 12'yi aşkın vatandaşımız hayatını kaybetti.", "At least 12 people died."):
        (item,) = [e for e in extract_facts(text) if e.kind == "count"]
        assert (item.key, item.value, item.approx) == ("dead", "12", "min"), text
    assert same_value("count", "12", "15", approx="min") and not same_value("count", "12", "9", approx="min")
