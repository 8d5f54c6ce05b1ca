"""Turkish-aware folding, keyword matching, HTML to text, control characters, encodings."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from crisiscomm.feeds.encoding import normalise_feed_encoding
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
    assert [text[a:b] for a, b in spans] == ["Kızılay", "DEPREM"]
    decomposed = "I\u0307STANBUL depremi"  # a combining dot changes the folded length
    spans = keyword_spans(decomposed, ["istanbul", "deprem"])
    assert [decomposed[a:b] for a, b in spans] == ["I\u0307STANBUL", "deprem"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcçdefgğhıijklmnoöprsştuüvyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ", min_size=1, max_size=12))
def test_every_word_matches_itself_in_any_case(word):
    sentence = f"önce {word.upper()}lar sonra"
    assert match_keywords(sentence, [word.lower()]) == [word.lower()]
    assert match_keywords(sentence, [fold(word)]) == [fold(word)]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_fts_query_is_always_quoted_words(query):
    q = fts_query(query)
    if q is not None:
        for term in q.split(" "):
            assert term.startswith('"') and term.endswith('"*')
            assert '"' not in term[1:-2]


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
