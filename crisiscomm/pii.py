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
- `iban`: IBANs (compact, or in groups split by spaces or dashes) that pass
  the mod-97 check; TC Kimlik numbers may be split the same way;
- `plate`: Turkish licence plates (`34 ABC 123`: province 01–81, then 1–3
  letters and 2–5 digits as the regulation pairs them);
- `health`: health data about a named person (KVKK art. 6, special category):
  a diagnosis or treatment in a sentence that names someone (`Ahmet Y.`,
  `A.Y.`, `Ayşe Hanım`, `… adlı vatandaş`). Aggregates (`3 yaralı yoğun
  bakımda`) name nobody and are not personal data.

`allow` (the team's lint configuration) lists the institution's own IBANs,
mailboxes and hotlines: never personal data. An entry `@domain` allows every
address on that domain (a KEP or office-only domain).
"""

from __future__ import annotations

import re

from crisiscomm.health_data import health_spans

TC_KIMLIK = "tc_kimlik"
MOBILE = "mobile"
EMAIL = "email"
IBAN = "iban"
PLATE = "plate"
HEALTH = "health"
KINDS = (TC_KIMLIK, MOBILE, EMAIL, IBAN, PLATE, HEALTH)

# 11 digits, in one piece or split by single spaces, dots or dashes (`123 456 789 01`)
_TCKN_RE = re.compile(r"(?<![\d+])(?<!\d[ .\-])[1-9](?:[ .\-]?\d){10}(?![ .\-]?\d)")
_SEP = r"[ .\-]?"
_MOBILE_RE = re.compile(
    r"(?<![\d+])(?:(?:\+|00)90" + _SEP + r"|\(?0" + _SEP + r")?\(?5[03-6]\d\)?"
    + _SEP + r"\d{3}" + _SEP + r"\d{2}" + _SEP + r"\d{2}(?!\d)"
)
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}", re.UNICODE)
_IBAN_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}[ \-]?\d{2}(?:[ \-]?[A-Za-z0-9]){11,30}")
# Plates use these 23 letters; the number of digits follows the number of letters.
_PLATE_RE = re.compile(
    r"(?<![\w.,/-])(0[1-9]|[1-7]\d|8[01])[ -]?(?:([A-PR-VYZ])[ -]?(\d{4,5})|([A-PR-VYZ]{2})[ -]?(\d{3,4})"
    r"|([A-PR-VYZ]{3})[ -]?(\d{2,3}))(?![\w,.]?\d)(?!\w)"
)
NOT_PLATE_LETTERS = frozenset({"TL", "KM", "MW", "KW", "KV", "GB", "MB", "AM", "PM", "UTC", "TSI", "ABD", "AB", "BM",
                               "NATO", "USD", "EUR", "KG", "CM", "MM", "MT", "TON"})

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
    compact = re.sub(r"[ \-]", "", iban).upper()
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
        ends = [i + 1 for i, ch in enumerate(raw) if ch not in " -"]
        want = IBAN_LENGTHS.get(raw[:2].upper())
        lengths = [want] if want else range(len(ends), 14, -1)
        for n in lengths:
            if n <= len(ends) and iban_valid(raw[: ends[n - 1]]):
                end = m.start() + ends[n - 1]
                found.append((IBAN, m.start(), end, text[m.start():end]))
                break
    return found


# Words of office mailboxes: `afet.koordinasyon@`, `basin.yayin@` name an office, not a person.
OFFICE_WORDS = frozenset(
    "afet acil koordinasyon kriz merkez merkezi basin yayin halkla iliskiler ozel kalem bilgi islem yazi isleri "
    "muhasebe destek hizmet hizmetleri ihbar sosyal yardim bagis kizilay emniyet jandarma itfaiye saglik "
    "mudurluk mudurlugu baskanlik baskanligi valilik kaymakamlik belediye sekreterlik genel kurumsal "
    "medya iletisim info bilgi contact press media office".split()
)


def is_institutional_email(address: str) -> bool:
    local, _, domain = address.lower().rpartition("@")
    if domain.endswith(".kep.tr") or domain == "kep.tr":
        return True  # registered e-mail (KEP) addresses belong to institutions
    if not domain.endswith(INSTITUTIONAL_DOMAINS):
        return False
    parts = [p for p in re.split(r"[._\-]", local) if p]
    return local in GENERIC_MAILBOXES or (bool(parts) and all(p in OFFICE_WORDS for p in parts))


def _allowed(kind: str, value: str, allow: tuple[str, ...]) -> bool:
    if not allow:
        return False
    if kind == EMAIL:
        address = value.lower()
        return any(a.strip().lower() in (address, "@" + address.rpartition("@")[2]) for a in allow)
    compact = re.sub(r"[\s().\-]", "", value).upper()
    digits = re.sub(r"\D", "", value)
    for entry in allow:
        other = re.sub(r"[\s().\-]", "", entry).upper()
        if other == compact or (kind == MOBILE and digits and re.sub(r"\D", "", entry)[-10:] == digits[-10:]):
            return True
    return False


def _plate_spans(text: str) -> list[tuple[str, int, int, str]]:
    found = []
    for m in _PLATE_RE.finditer(text):
        letters = m.group(2) or m.group(4) or m.group(6)
        if letters in NOT_PLATE_LETTERS:
            continue
        found.append((PLATE, m.start(), m.end(), m.group(0)))
    return found


def find_personal_data(text: str, allow: tuple[str, ...] = ()) -> list[tuple[str, int, int, str]]:
    """(kind, start, end, value) for each piece of personal data, in text order; values in
    `allow` (the institution's own) are not personal data."""
    found: list[tuple[str, int, int, str]] = _iban_spans(text)
    for m in _EMAIL_RE.finditer(text):
        if not is_institutional_email(m.group(0)):
            found.append((EMAIL, m.start(), m.end(), m.group(0)))
    for m in _TCKN_RE.finditer(text):
        if tckn_valid(re.sub(r"\D", "", m.group(0))):
            found.append((TC_KIMLIK, m.start(), m.end(), m.group(0)))
    for m in _MOBILE_RE.finditer(text):
        found.append((MOBILE, m.start(), m.end(), m.group(0)))
    found += _plate_spans(text)
    found += [(HEALTH, s, e, text[s:e]) for s, e in health_spans(text)]
    found = [f for f in found if not _allowed(f[0], f[3], allow)]
    return _without_overlaps(found)


def _without_overlaps(found: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int, str]]:
    """Keep the earliest (then longest) of overlapping spans: digits inside an IBAN are not a phone."""
    kept: list[tuple[str, int, int, str]] = []
    for item in sorted(found, key=lambda f: (f[1], -(f[2] - f[1]))):
        if kept and item[1] < kept[-1][2]:
            continue
        kept.append(item)
    return kept


REDACTION_LABELS = {TC_KIMLIK: "TC Kimlik", MOBILE: "telefon/phone", EMAIL: "e-posta/e-mail", IBAN: "IBAN",
                    PLATE: "plaka/plate", HEALTH: "sağlık/health"}


def redact(text: str) -> str:
    """The text with each piece of personal data replaced by `[kişisel veri / personal data: kind]`."""
    out, pos = [], 0
    for kind, start, end, _value in find_personal_data(text):
        out.append(text[pos:start])
        out.append(f"[kişisel veri / personal data: {REDACTION_LABELS[kind]}]")
        pos = end
    out.append(text[pos:])
    return "".join(out)
