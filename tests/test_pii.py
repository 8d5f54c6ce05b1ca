"""Personal data detectors: TC Kimlik checksum, mobiles vs hotlines, e-mail, IBAN mod-97, redaction."""

import pytest

from crisiscomm.pii import find_personal_data, iban_valid, redact, tckn_valid


def tckn(nine: str) -> str:
    d = [int(x) for x in nine]
    tenth = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    return nine + str(tenth) + str((sum(d) + tenth) % 10)


VALID_TC = tckn("123456789")
INVALID_TC = VALID_TC[:-1] + str((int(VALID_TC[-1]) + 1) % 10)
VALID_IBAN = "TR33 0006 1005 1978 6457 8413 26"


def kinds(text: str) -> list[str]:
    return [k for k, *_ in find_personal_data(text)]


def test_tc_kimlik_checksum():
    assert tckn_valid(VALID_TC) and tckn_valid(tckn("987654321"))
    assert not tckn_valid(INVALID_TC)
    assert not tckn_valid("0" + VALID_TC[1:])  # never starts with 0
    assert kinds(f"Hasta (TC {VALID_TC}) taburcu edildi") == ["tc_kimlik"]
    assert kinds(f"Dosya no {INVALID_TC}") == []
    assert kinds(f"Sipariş {VALID_TC}5") == []  # part of a longer number


@pytest.mark.parametrize("text", ["Bize ulaşın: 0532 111 22 33", "+90 532 111 22 33", "(0542) 111-22-33",
                                  "05051112233", "arayın 555 111 22 33"])
def test_personal_mobiles_are_found(text):
    assert kinds(text) == ["mobile"]


@pytest.mark.parametrize("text", ["Acil durumlarda 112'yi arayın.", "ALO 155 polis", "Bilgi: 0 800 123 45 67",
                                  "Çağrı merkezi 444 1 122", "Santral: 0 312 555 12 12", "0850 222 33 44"])
def test_hotlines_and_landlines_are_not_personal(text):
    assert kinds(text) == []


def test_email_and_institutional_exception():
    assert kinds("Yazın: ahmet.yilmaz@example.com") == ["email"]
    assert kinds("ahmet.yilmaz@afad.gov.tr") == ["email"]  # a person at an institution
    assert kinds("basin@afad.gov.tr ve info@ankara.bel.tr") == []
    assert kinds("info@firma.com.tr") == ["email"]  # generic, but not a public institution


def test_iban_mod97():
    assert iban_valid(VALID_IBAN)
    assert not iban_valid(VALID_IBAN[:-1] + "7")
    assert kinds(f"Bağış: {VALID_IBAN} ACİL") == ["iban"]
    assert kinds(VALID_IBAN.replace(" ", "")) == ["iban"]
    assert kinds("TR33 0006 1005 1978 6457 8413 27") == []
    assert kinds("DE89 3704 0044 0532 0130 00") == ["iban"]


def test_redact_replaces_each_piece_and_keeps_the_rest():
    text = f"Ayşe 0532 111 22 33, TC {VALID_TC}, {VALID_IBAN}, a@b.com; hat 112."
    out = redact(text)
    for secret in ("0532", VALID_TC, "TR33", "a@b.com"):
        assert secret not in out
    assert out.startswith("Ayşe [kişisel veri / personal data: telefon/phone]")
    assert out.endswith("hat 112.")
    assert redact("nothing here") == "nothing here"
