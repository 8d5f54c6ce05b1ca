"""The linter reads Turkish: hearsay and the evidential -mIş, guesses about figures, hedges that
correctly mark an unconfirmed fact, public cooperation, disclosure tags, personal data in its
written forms, inflected discrimination terms, and per-institution rule settings."""

from __future__ import annotations

import pytest

from crisiscomm import pii, timeline
from crisiscomm.statements.lint import lint
from crisiscomm.statements.lint_config import config_change, fingerprint, load_config

GOOD = ("Malatya'da saat 04:17'de meydana gelen deprem nedeniyle ekiplerimiz bölgede çalışıyor. "
        "Bir sonraki bilgilendirme saat 08:00'de yapılacaktır.")


def rules(text, **kw):
    return sorted(f.rule for f in lint(GOOD + " " + text, **kw))


@pytest.mark.parametrize("sentence", [
    "Barajda çatlak oluştuğu ileri sürülüyor.", "Köprünün çöktüğü söyleniyor.",
    "Binanın yıkıldığı iddia ediliyor.", "İddiaya göre 3 kişi yaralandı.", "Yangının sabotaj olduğu konuşuluyor.",
    "Öne sürülen bilgilere göre baraj boşaltılacak.", "Duyumlara göre ekipler geri çekildi.",
])
def test_hearsay_family(sentence):
    assert rules(sentence) == ["accuracy.hearsay"]


@pytest.mark.parametrize("sentence, expected", [
    ("Köprü çökmüş, bölgeye gitmeyiniz.", ["accuracy.hearsay.evidential"]),
    ("Okul binası yıkılmış.", ["accuracy.hearsay.evidential"]),
    ("Ekipler geç gelmişler.", ["accuracy.hearsay.evidential"]),
    ("Köprü çökmüştür, bölgeye gitmeyiniz.", []),  # the assertive -mIştIr of official prose
    ("Yıkılmış binalara girmeyiniz.", []),  # a participle before its noun
    ("Hasar görmüş, yıkılmış binalara girmeyiniz.", []),
    ("Yaralanmış olup tedavileri sürmektedir.", []),
    ("'Köprü çökmüş' iddiaları gerçeği yansıtmamaktadır.", []),  # a quoted rumour, answered
    ("Geçmiş olsun dileklerimizi iletiyoruz.", []),
    ("Altmış kişi tahliye edildi.", []),
])
def test_evidential_mis_but_not_the_assertive_mistir(sentence, expected):
    assert rules(sentence) == expected


def test_a_rumour_answered_is_not_hearsay():
    assert rules("Sosyal medyada barajın çöktüğü iddia ediliyor; bu iddialar asılsızdır.") == []
    assert rules("Barajın çöktüğü söyleniyor.") == ["accuracy.hearsay"]


@pytest.mark.parametrize("sentence, expected", [
    ("Muhtemelen 12 kişi yaralandı.", ["accuracy.speculation"]),
    ("Büyük ihtimalle elektrik akşam gelecek.", ["accuracy.speculation"]),
    ("Yaralı sayısının 40 olduğu tahmin ediliyor.", ["accuracy.speculation.estimate"]),
    ("Ölü sayısı 50'yi bulabilir.", ["accuracy.speculation.modal"]),
    ("Yaralı sayısının artabileceği belirtildi.", ["accuracy.speculation.modal"]),
    ("Vatandaşlarımız 0 800 123 45 67'yi arayabilir.", []),  # ability, not a guess about a figure
    ("Bölgede artçı sarsıntılar olabilir, binalara girmeyiniz.", []),  # no figure
    ("Yaklaşık 1.200 çadır kuruldu.", []),
])
def test_guesses_about_figures(sentence, expected):
    assert rules(sentence) == expected


def test_a_figure_hedged_as_unconfirmed_is_not_an_error():
    sheet = {"dead": {"value": "12", "status": "unconfirmed"}}
    assert rules("12 kişi hayatını kaybetti.", facts=sheet) == ["accuracy.unconfirmed"]
    for hedged in ("İlk belirlemelere göre 12 kişi hayatını kaybetti.",
                   "Henüz teyit edilmemekle birlikte 12 kişinin hayatını kaybettiği bildirildi.",
                   "Kesinleşmemiş bilgilere göre 12 kişi hayatını kaybetti.",
                   "Şu ana kadar 12 kişinin hayatını kaybettiği tespit edildi.",
                   "Hayatını kaybedenlerin sayısının 12 olduğu tahmin ediliyor."):
        assert rules(hedged, facts=sheet) == [], hedged
    confirmed = {"dead": {"value": "12", "status": "confirmed"}}
    assert rules("Hayatını kaybedenlerin sayısının 12 olduğu tahmin ediliyor.", facts=confirmed) == [
        "accuracy.speculation.estimate"]


def test_the_dead_in_official_wording_are_checked_against_the_sheet():
    sheet = {"dead": "68"}
    assert rules("Depremde 86 vatandaşımız hayatını kaybetmiştir.", facts=sheet) == ["accuracy.number"]
    assert rules("Depremde 68 vatandaşımız yaşamını yitirmiştir.", facts=sheet) == []
    assert rules("Depremde 4 bin 750 kişi yaralandı.", facts={"injured": "4750"}) == []
    assert rules("Depremde 5 kayıp var.", facts=sheet) == ["accuracy.ambiguous"]
    # a lower bound and a rounded figure are right about a larger or nearby value
    assert rules("Depremde en az 60 vatandaşımız hayatını kaybetmiştir.", facts=sheet) == []
    assert rules("Depremde 70'ten fazla vatandaşımız hayatını kaybetmiştir.", facts=sheet) == ["accuracy.number"]
    assert rules("Yaklaşık 3 bin vatandaşımız tahliye edilmiştir.", facts={"evacuated": "2950"}) == []


def test_public_cooperation_is_not_advertising_a_company_is():
    assert rules("Valiliğimiz ve Türk Kızılay iş birliğiyle 500 çadır kurulmuştur.") == []
    assert rules("Bakanlığımız ile Malatya Belediyesi işbirliğiyle su dağıtılıyor.") == []
    assert rules("Örnek Market A.Ş. iş birliğiyle gıda kolisi dağıtıldı.") == ["advertising.sponsor"]
    assert rules("Örnek Market A.Ş. iş birliğiyle gıda kolisi dağıtıldı. #işbirliği") == []


@pytest.mark.parametrize("tag", ["#reklam", "#Reklam", "#işbirliği", "#iş_birliği", "#sponsor", "#ortaklık",
                                 "#ad", "#sponsored", "#paidpartnership"])
def test_every_disclosure_tag_is_accepted(tag):
    assert rules(f"Su dağıtımı X Market sponsorluğunda yapılıyor. {tag}") == []


@pytest.mark.parametrize("tag", ["#reklamXYZ", "#reklamsız", "#adana", "#sponsorlukbasvurusu"])
def test_a_tag_that_only_starts_like_a_disclosure_is_not_one(tag):
    assert set(rules(f"Su dağıtımı X Market sponsorluğunda yapılıyor. {tag}")) == {"advertising.sponsor"}


def _tckn(nine: str) -> str:
    d = [int(c) for c in nine]
    d.append(((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10)
    d.append(sum(d) % 10)
    return "".join(map(str, d))


def test_personal_data_in_its_written_forms():
    number = _tckn("104526789")
    for written in (number, f"{number[:3]} {number[3:6]} {number[6:9]} {number[9:]}",
                    f"{number[:3]}-{number[3:6]}-{number[6:9]}-{number[9:]}"):
        assert [k for k, *_ in pii.find_personal_data(f"TC: {written}")] == ["tc_kimlik"], written
    assert [k for k, *_ in pii.find_personal_data("IBAN TR33-0006-1005-1978-6457-8413-26")] == ["iban"]
    assert [k for k, *_ in pii.find_personal_data("IBAN: tr33 0006 1005 1978 6457 8413 26")] == ["iban"]
    for plate in ("34 ABC 123", "06 A 1234", "35KB1234", "81 ZZZ 99"):
        assert [k for k, *_ in pii.find_personal_data(f"{plate} plakalı araç")] == ["plate"], plate
    for not_plate in ("12 TL 500", "99 ABC 123", "5 A 1234", "34 ABC 1234567"):
        assert pii.find_personal_data(f"{not_plate} kayıt") == [], not_plate


@pytest.mark.parametrize("sentence, found", [
    ("Ahmet Y. kanser tedavisi görüyordu.", True), ("A.Y. adlı vatandaş diyaliz hastasıdır.", True),
    ("Ayşe Hanım hamile olduğu için önce tahliye edildi.", True),
    ("Yaralılardan 3'ü yoğun bakımda.", False), ("Diyaliz hastalarımız için jeneratör kuruldu.", False),
    ("Türk Kızılay kan bağışı çağrısı yaptı.", False),
])
def test_health_data_of_a_named_person(sentence, found):
    assert ("personal_data.health" in rules(sentence)) is found


def test_the_institutions_own_iban_mailbox_and_hotline_are_allowed(tmp_path):
    own = "TR33 0006 1005 1978 6457 8413 26"
    text = f"Bağışlar için IBAN: {own}. E-posta: ayse.kaya@valilik.gov.tr, WhatsApp ihbar hattı 0 532 000 00 01."
    assert rules(text) == ["personal_data.email", "personal_data.iban", "personal_data.mobile"]
    (tmp_path / "lint.toml").write_text(
        f'[personal_data]\nallow = ["{own.replace(" ", "")}", "ayse.kaya@valilik.gov.tr", "+90 532 000 00 01"]\n',
        encoding="utf-8")
    assert rules(text, config=load_config()) == []
    # office mailboxes and KEP addresses are the institution's anyway
    assert rules("Yazışmalar için afet.koordinasyon@malatya.gov.tr ve valilik@hs01.kep.tr.") == []


@pytest.mark.parametrize("sentence", [
    "Özürlülere öncelik verilecek.", "Sakatlar için rampa kuruldu.", "Kaçak göçmenlerin sayısı açıklanmadı.",
    "Bölgeye göçmen akınından söz edilemez.",
])
def test_inflected_discrimination_terms(sentence):
    assert rules(sentence) == ["non_discrimination"]


def test_rules_can_be_tuned_per_institution_and_the_change_is_detected(tmp_path, store):
    lint_file = tmp_path / "lint.toml"
    before = fingerprint(lint_file)
    assert config_change(store) is None  # the bundled configuration, as recorded by default
    (tmp_path / "lint.toml").write_text(
        '[rules]\n"accuracy.hearsay" = "off"\n"non_discrimination" = "error"\n', encoding="utf-8")
    config = load_config()
    assert rules("Köprünün çöktüğü söyleniyor. Köprü çökmüş.", config=config) == []  # the family is off
    assert [(f.rule, f.severity) for f in lint(GOOD + " Sakatlar için rampa.", config=config)] == [
        ("non_discrimination", "error")]
    change = config_change(store)
    assert change["fingerprint"] == fingerprint(lint_file) != before and change["previous"] == before
    assert change["rules"] == {"accuracy.hearsay": "off", "non_discrimination": "error"}
    timeline.append(store, "lint.config_changed", change, operator="ayse")
    assert config_change(store) is None  # recorded: nothing new


def test_a_bad_rule_setting_is_a_clear_error(tmp_path):
    from crisiscomm.errors import CrisisError

    (tmp_path / "lint.toml").write_text('[rules]\n"accuracy.hearsay" = "maybe"\n', encoding="utf-8")
    with pytest.raises(CrisisError, match="rules"):
        load_config()
