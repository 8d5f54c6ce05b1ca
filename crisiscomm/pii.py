"""Personal data (KVKK) in free text: find it, and redact it for exports.

Kinds found:
- `tc_kimlik`: 11 unbroken digits that pass the TC Kimlik checksum (an
  11-digit file number that fails it is not flagged);
- `mobile`: Turkish mobile numbers (05xx xxx xx xx, +90 5xx …, 5xx xxx xx xx).
  Official hotlines are not mobiles and are never flagged: 112, 155, 110,
  0 800 …, 444 …, 0 850 … and landlines;
- `email`: e-mail addresses, except an institution's generic role addresses
  (`info@`, `basin@`, `iletisim@` …) on Turkish public domains (`.gov.tr`,
  `.bel.tr`, `.edu.tr`, `.pol.tr`, `.tsk.tr`, `.k12.tr`): those name an
  office, not a person. `ahmet.yilmaz@afad.gov.tr` is personal data;
- `iban`: IBANs (compact or in groups of four) that pass the mod-97 check.
"""

from __future__ import annotations

import re

TC_KIMLIK = "tc_kimlik"
MOBILE = "mobile"
EMAIL = "email"
IBAN = "iban"
KINDS = (TC_KIMLIK, MOBILE, EMAIL, IBAN)

_TCKN_RE = re.compile(r"(?<!\d)[1-9]\d{10}(?!\d)")
_SEP = r"[ .\-]?"
_MOBILE_RE = re.compile(
    r"(?<![\d+])(?:(?:\+|00)90" + _SEP + r"|\(?0" + _SEP + r")?\(?5[03-6]\d\)?"
    + _SEP + r"\d{3}" + _SEP + r"\d{2}" + _SEP + r"\d{2}(?!\d)"
)
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}", re.UNICODE)
_IBAN_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){11,30}")

INSTITUTIONAL_DOMAINS = (".gov.tr", ".bel.tr", ".edu.tr", ".pol.tr", ".tsk.tr", ".k12.tr")
GENERIC_MAILBOXES = frozenset(
    {
        "info", "bilgi", "basin", "iletisim", "halklailiskiler", "halkla.iliskiler", "cimer",
        "destek", "media", "press", "contact", "kvkk", "bilgiedinme", "bilgi.edinme",
        "sikayet", "oneri", "webmaster", "kurumsal", "yardim", "help",
    }
)

# IBAN lengths of the countries a Turkish institution meets most; others try every length.
IBAN_LENGTHS = {
    "TR": 26, "DE": 22, "FR": 27, "GB": 22, "NL": 18, "BE": 16, "AT": 20, "CH": 21, "IT": 27,
    "ES": 24, "GR": 27, "BG": 22, "CY": 28, "AZ": 28, "GE": 22, "SA": 24, "AE": 23, "QA": 29,
    "PL": 28, "RO": 24, "SE": 24, "DK": 18, "NO": 15, "FI": 18, "IE": 22, "PT": 25, "LU": 20,
}


def tckn_valid(number: str) -> bool:
    """The TC Kimlik checksum: digits 10 and 11 are derived from the first nine."""
    if len(number) != 11 or not number.isdigit() or number[0] == "0":
        return False
    d = [int(c) for c in number]
    tenth = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    return tenth == d[9] and sum(d[:10]) % 10 == d[10]


def iban_valid(iban: str) -> bool:
    """ISO 13616 mod-97: move the first four characters to the end, letters to numbers."""
    compact = iban.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    expected = IBAN_LENGTHS.get(compact[:2])
    if expected is not None and len(compact) != expected:
        return False
    digits = "".join(str(int(c, 36)) for c in compact[4:] + compact[:4])
    return int(digits) % 97 == 1


def _iban_spans(text: str) -> list[tuple[str, int, int, str]]:
    found = []
    for m in _IBAN_RE.finditer(text):
        raw = m.group(0)
        # The pattern may run into following words: try the country's length, else the longest valid prefix.
        ends = [i + 1 for i, ch in enumerate(raw) if ch != " "]
        want = IBAN_LENGTHS.get(raw[:2].upper())
        lengths = [want] if want else range(len(ends), 14, -1)
        for n in lengths:
            if n <= len(ends) and iban_valid(raw[: ends[n - 1]]):
                end = m.start() + ends[n - 1]
                found.append((IBAN, m.start(), end, text[m.start():end]))
                break
    return found


def is_institutional_email(address: str) -> bool:
    local, _, domain = address.lower().rpartition("@")
    return domain.endswith(INSTITUTIONAL_DOMAINS) and local in GENERIC_MAILBOXES


def find_personal_data(text: str) -> list[tuple[str, int, int, str]]:
    """(kind, start, end, value) for each piece of personal data, in text order."""
    found: list[tuple[str, int, int, str]] = _iban_spans(text)
    for m in _EMAIL_RE.finditer(text):
        if not is_institutional_email(m.group(0)):
            found.append((EMAIL, m.start(), m.end(), m.group(0)))
    for m in _TCKN_RE.finditer(text):
        if tckn_valid(m.group(0)):
            found.append((TC_KIMLIK, m.start(), m.end(), m.group(0)))
    for m in _MOBILE_RE.finditer(text):
        found.append((MOBILE, m.start(), m.end(), m.group(0)))
    return _without_overlaps(found)


def _without_overlaps(found: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int, str]]:
    """Keep the earliest (then longest) of overlapping spans: digits inside an IBAN are not a phone."""
    kept: list[tuple[str, int, int, str]] = []
    for item in sorted(found, key=lambda f: (f[1], -(f[2] - f[1]))):
        if kept and item[1] < kept[-1][2]:
            continue
        kept.append(item)
    return kept


REDACTION_LABELS = {TC_KIMLIK: "TC Kimlik", MOBILE: "telefon/phone", EMAIL: "e-posta/e-mail", IBAN: "IBAN"}


def redact(text: str) -> str:
    """The text with each piece of personal data replaced by `[kişisel veri / personal data: kind]`."""
    out, pos = [], 0
    for kind, start, end, _value in find_personal_data(text):
        out.append(text[pos:start])
        out.append(f"[kişisel veri / personal data: {REDACTION_LABELS[kind]}]")
        pos = end
    out.append(text[pos:])
    return "".join(out)
