"""Channel texts and their limits (SPEC §6).

- X: 280, weighted like twitter-text: every URL counts 23, and so does a bare
  domain X links by itself (`afad.gov.tr`, `www.afad.gov.tr/duyuru`); letters of Latin,
  Greek, Cyrillic … (code points up to U+10FF, general punctuation) count 1,
  everything else (CJK, emoji) 2; a variation selector or an emoji joined by
  ZWJ adds nothing.
- Mastodon: 500, every URL counts 23. Bluesky: 300 graphemes (code points
  without combining marks here). Instagram 2,200, LinkedIn 3,000, Facebook
  63,206 characters. Website, press release, e-mail, phone script: no limit.
- SMS: segments. GSM-7 (3GPP TS 23.038 default alphabet and its extension
  table, whose characters take two septets): 160 in one message, 153 per part
  when concatenated; otherwise UCS-2: 70, or 67 per part (UTF-16 units).
  Turkish: ö Ö ü Ü and the capital Ç are in the GSM-7 default alphabet; ı İ ğ Ğ
  ş Ş and the small ç are not and force UCS-2 — unless the Turkish national
  language tables of TS 23.038 (Annex A) are used, which Turkish operators
  support: the locking shift table carries every Turkish letter in one septet,
  the single shift table in two; each table costs a 3-octet header element
  (155/152 septets in one message, 149/146 per part). The count with the
  tables (the fewest parts of the options) is the default; the count without
  them is shown beside it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from crisiscomm.i18n import register, t
from crisiscomm.incidents import EXERCISE_MARK
from crisiscomm.posts import CHANNELS
from crisiscomm.error_strings import t

URL_LENGTH = 23
register({"channel.sms_count": {"tr": "{length} karakter, {segments} SMS ({encoding})",
                                 "en": "{length} chars, {segments} SMS ({encoding})"},
          "channel.sms_plain": {"tr": "; Türkçe tablo olmadan {segments} SMS ({encoding})",
                                "en": "; without the Turkish table {segments} SMS ({encoding})"}})
LIMITS = {
    "x": 280, "bluesky": 300, "mastodon": 500, "instagram": 2200,
    "linkedin": 3000, "facebook": 63206,
}
SMS_MAX_SEGMENTS = 5  # beyond this many parts an SMS is not a holding statement any more
_URL_RE = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
# X links a domain without a scheme too; these top-level domains cover what Turkish institutions post.
_BARE_DOMAIN_RE = re.compile(
    r"(?<![\w@.\-/])(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+"
    r"(?:com|net|org|info|biz|io|co|me|tv|app|dev|news|online|site|gov|edu|mil|int|eu|tr|de|uk|fr|nl|us|az|istanbul)"
    r"(?![\w\-])(?:/\S*)?",
    re.IGNORECASE,
)
_TRAILING_PUNCTUATION = ".,;:!?)]'\"»"

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")
# 3GPP TS 23.038 A.3.1 (locking shift) and A.2.1 (single shift), Turkish.
TURKISH_LOCKING = frozenset(
    "@£$¥€éùıòÇ\nĞğ\rÅåΔ_ΦΓΛΩΠΨΣΘΞŞşßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "İABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§çabcdefghijklmnopqrstuvwxyzäöñüà"
)
TURKISH_SINGLE_SHIFT = frozenset("\f^{}\\[~]|ĞİŞç€ğış")
GSM7_SINGLE, GSM7_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67
# (tables, basic table, extension table, header octets for the national tables)
SMS_ALPHABETS = (
    ("", GSM7_BASIC, GSM7_EXTENSION, 0),
    ("single shift", GSM7_BASIC, TURKISH_SINGLE_SHIFT, 3),
    ("locking shift", TURKISH_LOCKING, GSM7_EXTENSION, 3),
    ("locking + single shift", TURKISH_LOCKING, TURKISH_SINGLE_SHIFT, 6),
)


@dataclass(frozen=True)
class Measure:
    channel: str
    length: int
    limit: int | None
    unit: str = "chars"            # chars | segments
    segments: int | None = None    # SMS only
    encoding: str | None = None    # SMS only: GSM-7 | GSM-7 TR … shift | UCS-2
    forcing: str = ""              # SMS only: the characters that forced UCS-2 without the national tables
    plain_segments: int | None = None   # SMS only: parts without the Turkish national tables
    plain_encoding: str | None = None
    tables: str = ""               # SMS only: the Turkish tables used (single shift, locking shift …)

    @property
    def over(self) -> bool:
        if self.unit == "segments":
            return (self.segments or 0) > SMS_MAX_SEGMENTS
        return self.limit is not None and self.length > self.limit

    def as_dict(self) -> dict:
        return {
            "channel": self.channel, "length": self.length, "limit": self.limit, "unit": self.unit,
            "segments": self.segments, "encoding": self.encoding, "forcing": self.forcing, "over": self.over,
            "plain_segments": self.plain_segments, "plain_encoding": self.plain_encoding, "tables": self.tables,
        }

    def describe(self) -> str:
        if self.unit == "segments":
            shown = t("channel.sms_count", length=self.length, segments=self.segments, encoding=self.encoding)
            if self.plain_segments is not None and self.plain_encoding != self.encoding:
                shown += t("channel.sms_plain", segments=self.plain_segments, encoding=self.plain_encoding)
            return shown
        if self.limit is None:
            return f"{self.length}"
        return f"{self.length}/{self.limit}"


def _x_weight(ch: str) -> int:
    cp = ord(ch)
    if cp <= 0x10FF or 0x2000 <= cp <= 0x200D or 0x2010 <= cp <= 0x201F or 0x2032 <= cp <= 0x2037:
        return 1
    return 2


def _weighted(text: str) -> int:
    total, joined = 0, False
    for ch in text:
        if ch in "\ufe0e\ufe0f":
            continue
        if ch == "\u200d":
            joined = True
            continue
        if not joined:
            total += _x_weight(ch)
        joined = False
    return total


def _with_urls(text: str, count, pattern: re.Pattern = _URL_RE) -> int:
    """The length with every link counted as 23; punctuation closing a sentence after it still counts."""
    links = 0

    def shorten(m: re.Match) -> str:
        nonlocal links
        links += 1
        link = m.group().rstrip(_TRAILING_PUNCTUATION)
        return m.group()[len(link):]

    return count(pattern.sub(shorten, text)) + URL_LENGTH * links


_X_LINK_RE = re.compile(f"{_URL_RE.pattern}|{_BARE_DOMAIN_RE.pattern}", re.IGNORECASE)


def x_length(text: str) -> int:
    return _with_urls(text, _weighted, _X_LINK_RE)


def graphemes(text: str) -> int:
    return sum(1 for ch in text if not unicodedata.combining(ch) and ch not in "\u200d\ufe0e\ufe0f")


def _header_septets(octets: int) -> int:
    return -(-octets * 8 // 7)


def _sms_count(text: str, basic: frozenset, extension: frozenset, national: int) -> int | None:
    """Parts in GSM-7 with these tables, None when a character is in neither."""
    if any(ch not in basic and ch not in extension for ch in text):
        return None
    units = [1 if ch in basic else 2 for ch in text]
    single = GSM7_SINGLE - (_header_septets(1 + national) if national else 0)
    part = GSM7_SINGLE - _header_septets(1 + 5 + national)  # UDHL + concatenation element + tables
    return _segments(units, single, part)


def sms_measure(text: str) -> Measure:
    """Parts needed, with the Turkish national tables (the default) and without them."""
    forcing = "".join(sorted({ch for ch in text if ch not in GSM7_BASIC and ch not in GSM7_EXTENSION}))
    ucs2 = _segments([len(ch.encode("utf-16-le")) // 2 for ch in text], UCS2_SINGLE, UCS2_PART)
    plain = _sms_count(text, GSM7_BASIC, GSM7_EXTENSION, 0)
    plain_segments, plain_encoding = (plain, "GSM-7") if plain is not None else (ucs2, "UCS-2")
    options = [(n, tables) for tables, basic, ext, national in SMS_ALPHABETS
               if (n := _sms_count(text, basic, ext, national)) is not None]
    segments, tables = min(options, key=lambda o: o[0]) if options else (ucs2, None)
    if tables is None or ucs2 < segments:
        segments, tables, encoding = ucs2, "", "UCS-2"
    else:
        encoding = "GSM-7 TR" if tables else "GSM-7"
    single = GSM7_SINGLE if encoding.startswith("GSM") else UCS2_SINGLE
    return Measure("sms", len(text), single, "segments", segments, encoding, forcing, plain_segments, plain_encoding,
                   tables)


def _segments(units: list[int], single: int, part: int) -> int:
    """Parts needed; a two-unit character (escape pair, surrogate pair) never splits."""
    if sum(units) <= single:
        return 1 if units else 0
    count, used = 1, 0
    for u in units:
        if used + u > part:
            count, used = count + 1, 0
        used += u
    return count


def measure(text: str, channel: str) -> Measure:
    if channel == "sms":
        return sms_measure(text)
    if channel == "x":
        return Measure(channel, x_length(text), LIMITS[channel])
    if channel == "mastodon":
        return Measure(channel, _with_urls(text, len), LIMITS[channel])
    if channel == "bluesky":
        return Measure(channel, graphemes(text), LIMITS[channel])
    return Measure(channel, len(text), LIMITS.get(channel))


def check_channel(channel: str) -> str:
    channel = (channel or "").strip().lower()
    if channel not in CHANNELS:
        from crisiscomm.errors import CrisisError

        raise CrisisError(t("error.channel.unknown", channel=channel, channels=', '.join(CHANNELS)))
    return channel


def with_exercise_mark(body: str) -> str:
    """The body with `TATBİKAT / EXERCISE` as its first line (added once)."""
    lines = body.lstrip("\n").splitlines()
    if lines and lines[0].strip() == EXERCISE_MARK:
        return body.lstrip("\n")
    return f"{EXERCISE_MARK}\n{body.lstrip(chr(10))}"


def has_exercise_mark(text: str) -> bool:
    lines = text.strip().splitlines()
    return bool(lines) and lines[0].strip() == EXERCISE_MARK


_BLANK_RUNS = re.compile(r"\n{3,}")
_SPACE_RUNS = re.compile(r"[ \t]+")


def channel_text(body: str, channel: str, *, exercise: bool = False) -> str:
    """The text posted on a channel: tidy whitespace; SMS on one paragraph flow; the drill mark on top."""
    text = _BLANK_RUNS.sub("\n\n", body.strip())
    if channel == "sms":
        text = _SPACE_RUNS.sub(" ", text.replace("\n\n", "\n"))
    else:
        text = "\n".join(line.rstrip() for line in text.splitlines())
    return with_exercise_mark(text) if exercise else text


# The tightest limits first, so a short list (the pane at 80×24) shows the channels that can overflow.
MEASURE_ORDER = ("x", "sms", "bluesky", "mastodon", "instagram", "linkedin", "facebook")


def measure_all(body: str, *, exercise: bool = False) -> list[Measure]:
    order = [*MEASURE_ORDER, *(ch for ch in CHANNELS if ch not in MEASURE_ORDER)]
    return [measure(channel_text(body, ch, exercise=exercise), ch) for ch in order]
