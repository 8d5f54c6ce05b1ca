"""The guide linter: every rule with a true and a false positive."""

import pytest
from test_pii import INVALID_TC, VALID_IBAN, VALID_TC

from crisiscomm.statements import channels
from crisiscomm.statements.findings import PRINCIPLES
from crisiscomm.statements.lint import lint
from crisiscomm.statements.lint_config import load_config

GOOD = ("Malatya'da saat 04:17'de meydana gelen deprem nedeniyle ekiplerimiz bölgede çalışıyor. "
        "Bir sonraki bilgilendirme saat 08:00'de yapılacaktır. Bilgi: 0 800 123 45 67")
GOOD_EN = ("An earthquake occurred in Malatya at 04:17. Our teams are working in the area. "
           "Next update at 08:00.")


def rules(text, **kw):
    return [f.rule for f in lint(text, **kw)]


def test_a_good_statement_is_clean_in_both_languages():
    assert lint(GOOD) == []
    assert lint(GOOD_EN) == []
    assert lint(GOOD, channel="x") == []


def test_every_finding_names_a_guide_principle_and_a_severity():
    found = lint("{injured} yaralı. TC " + VALID_TC + " X Market sponsorluğunda, muhtemelen. özürlü", channel="x",
                 facts={"injured": "3"}, exercise=True)
    assert {f.severity for f in found} <= {"error", "warning"}
    assert all(f.principle in PRINCIPLES.values() and f.message for f in found)
    assert {"template.slot", "personal_data.tc_kimlik", "advertising.sponsor", "accuracy.speculation",
            "non_discrimination", "exercise.mark"} <= {f.rule for f in found}


def test_personal_data_errors():
    assert rules(GOOD + f" Yaralı (TC {VALID_TC}) hastanede.") == ["personal_data.tc_kimlik"]
    assert rules(GOOD + f" Dosya no {INVALID_TC}.") == []
    assert rules(GOOD + " Bize ulaşın: 0532 111 22 33") == ["personal_data.mobile"]
    assert rules(GOOD + " Acil durumlarda 112'yi arayın.") == []
    assert rules(GOOD + " Yazın: ahmet.yilmaz@example.com") == ["personal_data.email"]
    assert rules(GOOD + " Basın: basin@afad.gov.tr") == []
    assert rules(GOOD + f" Bağış: {VALID_IBAN}") == ["personal_data.iban"]
    assert all(f.severity == "error" for f in lint(GOOD + " 0532 111 22 33"))


def test_accuracy_numbers_times_and_phones_against_the_fact_sheet():
    sheet = {"injured": "15", "next_update": "08:00", "hotline": "0 800 123 45 67"}
    assert rules(GOOD + " 15 yaralı var.", facts=sheet) == []
    assert rules(GOOD + " 12 yaralı var.", facts=sheet) == ["accuracy.number"]
    assert rules(GOOD + " Yaralı sayısı 12.", facts=sheet) == ["accuracy.number"]
    later = GOOD.replace("08:00", "09:00")
    assert rules(later, facts=sheet) == ["accuracy.time"]
    other_line = GOOD.replace("0 800 123 45 67", "0 800 123 45 68")
    assert rules(other_line, facts=sheet) == ["accuracy.not_on_sheet"]
    # a figure of a known kind that the sheet does not have
    assert rules(GOOD + " 3 kişi hayatını kaybetti.", facts=sheet) == ["accuracy.not_on_sheet"]
    # without a fact sheet nothing is compared
    assert rules(GOOD + " 12 yaralı var.") == []


def test_unconfirmed_facts_must_be_qualified():
    sheet = {"injured": {"value": "15", "status": "unconfirmed"}}
    assert rules(GOOD + " 15 yaralı var.", facts=sheet) == ["accuracy.unconfirmed"]
    assert rules(GOOD + " İlk belirlemelere göre 15 yaralı var.", facts=sheet) == []
    assert rules(GOOD_EN + " According to preliminary figures, 15 people were injured.", facts=sheet) == []
    cause = {"cause": {"value": "gaz kaçağı", "status": "unconfirmed"}}
    assert rules(GOOD + " Olayın nedeni gaz kaçağıdır.", facts=cause) == ["accuracy.unconfirmed"]
    assert rules(GOOD + " Teyit edilmemiş bilgilere göre neden gaz kaçağı.", facts=cause) == []


@pytest.mark.parametrize("phrase, rule", [
    ("iddia edildiğine göre", "accuracy.hearsay"), ("muhtemelen", "accuracy.speculation"),
    ("sanırım", "accuracy.speculation"), ("galiba", "accuracy.speculation"), ("reportedly", "accuracy.hearsay"),
    ("probably", "accuracy.speculation"), ("allegedly", "accuracy.hearsay"), ("İDDİA EDİLDİ", "accuracy.hearsay"),
    ("büyük ihtimalle", "accuracy.speculation"), ("tahminen", "accuracy.speculation.estimate"),
])
def test_speculation_and_hearsay_words_are_warned(phrase, rule):
    found = lint(GOOD + f" Binalar {phrase} çöktü.")
    assert [(f.rule, f.severity) for f in found] == [(rule, "warning")]


def test_speculation_needs_the_word_not_a_lookalike():
    assert rules(GOOD + " Galibarda köyüne ekip gönderildi.") == []  # not `galiba`
    assert rules(GOOD + " İddialara yanıt veriyoruz.") == []  # `iddialar`, not a hedge of a fact


def test_transparency_parts():
    assert rules("Ekiplerimiz çalışıyor. Bir sonraki bilgilendirme saat 08:00'de.") == ["transparency.what_happened"]
    assert rules("Malatya'da deprem oldu. Bir sonraki bilgilendirme saat 08:00'de.") == ["transparency.being_done"]
    assert rules("Malatya'da deprem oldu, ekiplerimiz bölgede.") == ["transparency.next_update"]
    assert rules("Malatya'da deprem oldu, ekiplerimiz bölgede. Gelişmeler paylaşılacaktır.") == [
        "transparency.next_update_time"]
    assert rules("Malatya'da deprem oldu, ekiplerimiz bölgede. Bir sonraki bilgilendirme saat 08:00'de.") == []


def test_non_discrimination_terms_and_lint_toml(tmp_path):
    assert rules(GOOD + " Özürlü vatandaşlarımız için rampa kuruldu.") == ["non_discrimination"]
    assert rules(GOOD + " Engelli vatandaşlarımız için rampa kuruldu.") == []
    assert rules(GOOD + " Sakatlanan iki işçi hastanede.") == []  # `sakat$` is the whole word only
    (tmp_path / "lint.toml").write_text(
        'exclude_terms = ["özürlü"]\n[[non_discrimination]]\nterm = "yabancı istilası"\nseverity = "error"\n'
        '[advertising]\nbrands = ["Örnek Cola"]\n', encoding="utf-8")
    config = load_config()
    assert rules(GOOD + " Özürlü vatandaşlar.", config=config) == []
    found = lint(GOOD + " Yabancı istilası yok.", config=config)
    assert [(f.rule, f.severity) for f in found] == [("non_discrimination", "error")]
    assert rules(GOOD + " Örnek Cola su dağıtıyor.", config=config) == ["advertising.brand"]
    assert rules(GOOD + " Örnek Cola su dağıtıyor. #işbirliği", config=config) == []


def test_bad_lint_toml_is_a_clear_error(tmp_path):
    from crisiscomm.errors import CrisisError

    (tmp_path / "lint.toml").write_text("[[non_discrimination]]\nterm = 'x'\nseverity = 'fatal'\n")
    with pytest.raises(CrisisError, match="severity"):
        load_config()


def test_advertising_needs_a_disclosure():
    assert rules(GOOD + " Su dağıtımı X Market sponsorluğunda yapılıyor.") == ["advertising.sponsor"]
    assert rules(GOOD + " Su dağıtımı X Market sponsorluğunda yapılıyor. #reklam") == []
    assert rules(GOOD_EN + " Water is handed out, sponsored by X Market. #ad") == []
    assert rules(GOOD + " Reklam panoları fırtınada devrildi.") == []  # the word, not an advertisement


def test_channel_limits():
    long_x = GOOD + " " + "Ek bilgi " * 30
    assert rules(long_x, channel="x") == ["channel.length"]
    assert rules(long_x, channel="mastodon") == []
    url = " https://example.gov.tr/" + "a" * 200
    assert channels.x_length("a" + url) == 1 + 1 + 23
    assert rules(GOOD + url, channel="x") == []  # a long URL counts 23
    # X links bare domains (23 each) but not e-mail addresses; a closing full stop still counts
    assert channels.x_length("Bilgi: afad.gov.tr") == len("Bilgi: ") + 23
    assert channels.x_length("e-devlet.gov.tr/deprem") == 23
    assert channels.x_length("basin@afad.gov.tr") == len("basin@afad.gov.tr")
    assert channels.x_length("Bilgi: https://afad.gov.tr.") == len("Bilgi: ") + 23 + 1
    assert channels.x_length("1.250 çadır, No: 15, saat 14.30") == len("1.250 çadır, No: 15, saat 14.30")
    assert channels.measure("Bilgi: afad.gov.tr", "mastodon").length == len("Bilgi: afad.gov.tr")
    assert rules(GOOD + " " + "x" * 301, channel="bluesky") == ["channel.length"]
    assert rules(GOOD + " " + "y" * 2200, channel="instagram") == ["channel.length"]
    assert rules(GOOD + " " + "y" * 2200, channel="linkedin") == []


def test_sms_segments_and_turkish_letters():
    plain = "Deprem oldu. Ekipler calisiyor. Sonraki bilgi 08:00. " + "a" * 100
    assert channels.sms_measure(plain[:160]).segments == 1
    assert channels.sms_measure(plain[:160]).encoding == "GSM-7"
    assert channels.sms_measure("a" * 161).segments == 2
    assert channels.sms_measure("a" * 306).segments == 2 and channels.sms_measure("a" * 307).segments == 3
    # ö ü Ö Ü and the capital Ç are GSM-7; without the Turkish tables the capital İ forces UCS-2
    assert channels.sms_measure("öüÖÜÇ" * 20).encoding == "GSM-7"
    with_i = "İ" + "a" * 99
    m = channels.sms_measure(with_i)
    assert (m.plain_encoding, m.plain_segments, m.forcing) == ("UCS-2", 2, "İ")
    assert (m.segments, m.encoding, m.tables) == (1, "GSM-7 TR", "single shift")  # 2 septets + a 3-octet header
    for letter in "ıİğĞşŞç":
        assert channels.sms_measure(letter).plain_encoding == "UCS-2", letter
        assert channels.sms_measure(letter).encoding.startswith("GSM-7 TR"), letter
    assert channels.sms_measure("a" * 70 + "ş").segments == 1 and channels.sms_measure("a" * 70 + "ş").plain_segments == 2
    assert channels.sms_measure("{" * 80).segments == 1 and channels.sms_measure("{" * 81).segments == 2
    assert channels.sms_measure("😀" * 10).encoding == "UCS-2"  # no table carries an emoji


def test_turkish_shift_table_counts_a_correction_in_two_parts_not_four():
    text = ("DÜZELTME: Şanlıurfa'daki selde yaralı sayısı 12 değil 15'tir. Çadır kentte ığdırlı "
            "ailelerin ihtiyaçları karşılanıyor. ") * 3
    text = text[:248]
    m = channels.sms_measure(text)
    assert (m.segments, m.plain_segments, m.plain_encoding) == (2, 4, "UCS-2")
    assert m.encoding.startswith("GSM-7 TR")
    assert "4 SMS" in m.describe() and "2 SMS" in m.describe()
    # a fully Turkish text uses the locking shift table: one septet per letter, 149 per part
    turkish = "ığşçİĞŞ" * 40
    assert channels.sms_measure(turkish[:155]).segments == 1
    assert channels.sms_measure(turkish[:156]).segments == 2 and channels.sms_measure(turkish[:298]).segments == 2
    found = lint("İ" + GOOD, channel="sms")
    assert [(f.rule, f.severity) for f in found] == [("channel.sms_segments", "warning")]
    assert "UCS-2" in found[0].message
    assert rules(GOOD * 6, channel="sms") == ["channel.sms_too_long"]


def test_exercise_mark():
    assert rules(GOOD, exercise=True) == ["exercise.mark"]
    assert rules(channels.with_exercise_mark(GOOD), exercise=True) == []
    assert channels.with_exercise_mark(channels.with_exercise_mark(GOOD)).count("TATBİKAT") == 1
    for ch in ("x", "sms", "website"):
        assert channels.channel_text(GOOD, ch, exercise=True).startswith("TATBİKAT / EXERCISE\n")
