"""Turkish-aware folding, keyword matching, HTML to text, control characters, encodings."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomm.feeds.encoding import normalise_feed_encoding
from crisiscomm.text.keywords import FUNCTION_WORDS
from crisiscomm.text import (
    clean_field, fold, fts_query, html_to_text, keyword_spans, match_keywords,
    strip_controls,
)


def test_fold_turkish_casing():
    assert fold("İSTANBUL") == "istanbul"
    assert fold("ISPARTA") == "isparta"
    assert fold("Kızılay'ın") == "kizilay'in"
    assert fold("ŞANLIURFA") == fold("şanlıurfa") == "sanliurfa"
    assert fold("i̇stanbul") == "istanbul"  # decomposed İ (i + combining dot)


def test_keywords_match_word_prefixes_case_and_diacritics():
    text = "DEPREMDEN sonra Kızılay'ın çadırları İSTANBUL'a da gitti"
    assert match_keywords(text, ["deprem", "kizilay", "istanbul", "çadır", "baraj"]) == [
        "deprem", "kizilay", "istanbul", "çadır"]
    assert match_keywords("Depremin etkisi", ["DEPREM"]) == ["DEPREM"]
    assert match_keywords("ılık bir gece", ["ILIK"]) == ["ILIK"]


def test_keywords_match_only_at_word_starts():
    assert match_keywords("ön depremde", ["deprem"]) == ["deprem"]
    assert match_keywords("predeprem", ["deprem"]) == []
    assert match_keywords("TOPLANMA   alanına git", ["toplanma alanı"]) == ["toplanma alanı"]
    assert match_keywords("anything", []) == []
    assert match_keywords("anything", ["   "]) == []


def test_keyword_spans_point_at_the_original_text():
    text = "Kızılay'ın DEPREMDEN"
    spans = keyword_spans(text, ["kizilay", "deprem"])
    assert [text[a:b] for a, b in spans] == ["Kızılay'ın", "DEPREMDEN"]
    decomposed = "I\u0307STANBUL depremi"  # a combining dot changes the folded length
    spans = keyword_spans(decomposed, ["istanbul", "deprem"])
    assert [decomposed[a:b] for a, b in spans] == ["I\u0307STANBUL", "depremi"]
    hidden = "Son dakika: dep\u200brem\u200bde yıkım"
    assert [hidden[a:b] for a, b in keyword_spans(hidden, ["deprem"])] == ["dep\u200brem\u200bde"]


def _tr_upper(word: str) -> str:
    return word.replace("i", "İ").replace("ı", "I").upper()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcçdefgğhıijklmnoöprsştuüvyz", min_size=1, max_size=12))
def test_every_word_matches_itself_and_its_plural_in_any_case(word):
    plural = word + ("lar" if [c for c in word if c in "aeıioöuü"][-1:] in (["a"], ["ı"], ["o"], ["u"]) else "ler")
    for form in (word, plural):
        for sentence in (f"önce {form} sonra", f"önce {_tr_upper(form)} sonra", f"{_tr_upper(form[0]) + form[1:]} sonra"):
            assert match_keywords(sentence, [word]) == [word], sentence
            if form != word or word not in FUNCTION_WORDS:  # `şu`, `şimdi` unfold onto nothing: `su` is water
                assert match_keywords(sentence, [fold(word)]) == [fold(word)], sentence


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_fts_query_is_always_quoted_terms(query):
    q = fts_query(query)
    if q is not None:
        outside = re.sub(r'"[^"]*"\*?', "T", q)  # every term is one quoted string with no quote inside
        assert re.fullmatch(r"(?:T|\((?:T(?: OR T)*)\))(?: AND (?:T|\((?:T(?: OR T)*)\)))*", outside), q


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_clean_field_never_leaves_control_characters(value):
    out = clean_field(value, "title", html_input=True)
    assert not any(ord(c) < 32 and c not in "\t\n" or 0x7f <= ord(c) <= 0x9f for c in out)
    assert not any(c in out for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert len(out) <= 500


def test_html_to_text():
    html = "<p>Bir&nbsp;sonraki <b>açıklama</b> 12:00&#39;de</p><script>alert(1)</script><ul><li>bir</li><li>iki</li></ul>"
    assert html_to_text(html) == "Bir sonraki açıklama 12:00'de\n\nbir\n\niki"
    assert html_to_text("a < b & c") == "a < b & c"
    assert html_to_text("&lt;b&gt;kalın&lt;/b&gt;") == "<b>kalın</b>"  # escaped markup stays text
    assert html_to_text("") == ""


def test_entities_that_decode_to_controls_are_stripped():
    assert clean_field("Uyarı &#x1b;[2J ekran &#x202e;ters", "title", html_input=True) == "Uyarı [2J ekran ters"
    assert strip_controls("a\x1b]52;c;x\x07b\r\nc") == "a]52;c;xb\nc"


def test_field_caps():
    assert len(clean_field("x" * 10_000, "text")) == 4000
    assert clean_field("x" * 600, "title").endswith("…")


def test_misdeclared_turkish_encodings_are_repaired():
    utf8_claim = b'<?xml version="1.0" encoding="utf-8"?><t>' + "Şanlıurfa ığüşöç İ".encode("cp1254") + b"</t>"
    assert "Şanlıurfa ığüşöç İ" in normalise_feed_encoding(utf8_claim).decode("utf-8")
    latin1_claim = b'<?xml version="1.0" encoding="ISO-8859-1"?><t>' + "Kızılay şişe".encode("iso-8859-9") + b"</t>"
    out = normalise_feed_encoding(latin1_claim).decode("utf-8")
    assert "Kızılay şişe" in out and 'encoding="utf-8"' in out
    proper = '<?xml version="1.0" encoding="windows-1254"?><t>Ağrı</t>'.encode("cp1254")
    assert "Ağrı" in normalise_feed_encoding(proper).decode("utf-8")
    bom16 = '<?xml version="1.0" encoding="UTF-16"?><t>Iğdır</t>'.encode("utf-16")
    assert "Iğdır" in normalise_feed_encoding(bom16).decode("utf-8")
    plain = '<?xml version="1.0"?><t>Çorum</t>'.encode()
    assert normalise_feed_encoding(plain) == plain


# -- the Turkish keyword matcher: classes of the language, not examples ---------------
MATCHES = [
    # vowel harmony and the case / possessive / plural / copula chain
    ("deprem", "DEPREMDEN sonra", True), ("deprem", "Depremin etkisi", True), ("baraj", "barajlardaki su", True),
    ("çadır", "Aileler çadırlara yerleştirildi", True), ("yangın", "Orman YANGINLARI sürüyor", True),
    ("köprü", "Köprüsü çöken köy", True), ("deprem", "depremzedelere yardım", True),
    ("bölge", "bölgelerimizdekiler", True), ("okul", "okulumuzdaydı", True),
    # buffer letters y / n / s; su takes y
    ("su", "Suyun kesildiği mahalleler", True), ("su", "sulardan korunun", True), ("su", "susuz kaldık", True),
    ("deprem bölgesi", "deprem bölgesindeki okullar", True), ("toplanma alanı", "toplanma alanına gidin", True),
    # consonant softening, vowel drop, doubling, loanword harmony
    ("yurt", "yurdumuzun her yerinde", True), ("renk", "rengi değişti", True), ("gök", "göğü kapladı", True),
    ("hesap", "hesabımıza bağış", True), ("ağaç", "Rüzgarda ağacı devrildi", True),
    ("dolandırıcılık", "Dolandırıcılığa karşı uyarı", True), ("kayıp", "kaybımız büyük", True),
    ("hak", "hakkınızı arayın", True), ("saat", "saatinde açıklama", True), ("kontrol", "kontrolü sağlandı", True),
    # apostrophes: a name takes any suffix
    ("kizilay", "Kızılay'ın çadırları", True), ("afad", "AFAD’ın açıklaması", True), ("malatya", "MALATYA'DAKİ hasar", True),
    # ASCII on either side
    ("yangın", "yanginlar devam ediyor", True), ("kizilay", "KIZILAY tır gönderdi", True), ("çadır", "cadir kent", True),
    ("istanbul", "ISTANBUL'DA fırtına", True),
    # unrelated words that share the first letters
    ("su", "Suriye sınırında hareketlilik", False), ("tren", "Trendlere giren etiket", False),
    ("çığ", "Çiğ köfte dükkanı açıldı", False), ("göl", "Gölge oyunu festivali", False),
    ("yük", "Yukarı mahallede su yok", False), ("ön", "Onay bekleniyor", False), ("kira", "Kiraz festivali", False),
    ("yan", "yangın söndürüldü", False), ("sel", "Selçuk'ta tören", False), ("at", "adınızı yazın", False),
    ("ev", "evli çiftler", False), ("yol", "yolcular bekliyor", False), ("su", "şu an bilgi yok", False),
    ("ön", "önce açıklama", False),
    # a capitalised word with a suffix inside a sentence is a name
    ("sel", "Dün Selin Hanım açıklama yaptı", False), ("su", "Ekipler Sudan'a gitti", False),
    ("yangın", "Orman Yangınları Sürüyor", True), ("sel", "Karadeniz'de Selde Can Kaybı Arttı", True),
    ("su", "Yardım Sudan ve Çad'a ulaştı", False),
    # invisible characters do not hide a word
    ("deprem", "dep\u200brem\u00adde yıkım", True),
    # compounds, institutions writing of themselves, names made of the noun, hashtags
    ("toplanma alanı", "toplanma alanlarına gidin", True), ("valilik", "valiliğimizce belirlenen alanlar", True),
    ("belediye", "Bakanlık ile Malatya Belediyesi işbirliğiyle", True),
    ("valilik", "Yardımlar Valiliğimiz koordinasyonunda dağıtılıyor", True),
    ("köprü", "15 Temmuz Şehitler Köprüsü'nde bakım", True), ("su", "Sudan'da iç savaş", False),
    ("deprem", "#DepremOldu herkes sokakta", True), ("kızılay", "#KızılayaDestek", True),
    ("kar", "Kara yolu kapandı", False), ("kar", "Kardan kapanan yollar", True),
    ("su", "Susuzluk sürüyor", True), ("ölü", "Dolandiricilara karsi uyanik olun", False),
    # keywords with digits or punctuation: as written, then a suffix
    ("e-devlet", "e-Devlet'e giriş yapın", True), ("e-devlet", "e-devletçi", False), ("112", "112'yi arayın", True),
    ("112", "1120 kişi", False), ("covid-19", "Covid-19 vakaları", True),
]


@pytest.mark.parametrize("keyword, text, expected", MATCHES, ids=[f"{k}~{t[:20]}" for k, t, _ in MATCHES])
def test_keywords_match_inflected_forms_and_not_lookalikes(keyword, text, expected):
    assert bool(match_keywords(text, [keyword])) is expected


def test_keyword_order_and_repeats():
    text = "Deprem sonrası çadır kentler kuruldu; depremzedeler çadırlarda kalıyor"
    assert match_keywords(text, ["çadır", "sel", "deprem"]) == ["çadır", "deprem"]
    spans = keyword_spans(text, ["çadır", "deprem"])
    assert [text[a:b] for a, b in spans] == ["Deprem", "çadır", "depremzedeler", "çadırlarda"]


def test_clean_field_removes_invisible_format_characters_and_normalises():
    assert clean_field("dep\u200brem\u200d \ufeffAFAD\u2060 so\u00adnuç", "title") == "deprem AFAD sonuç"
    assert clean_field("s\u0327ehir", "text") == "şehir"  # decomposed ş from NFD sources
    assert fold("dep\u200brem") == "deprem"
