"""Text cut into tokens for fact extraction (crisiscomm.extract).

Scanners in priority order — an earlier one's spans are not scanned again:
web addresses, hashtags, dates (`23.11.2026`, `23 Kasım`), phone numbers,
times (`14:30`, `saat 14.30'da`, `akşam saat 9'da`, `4 pm`), percentages
(`%7,5`, `yüzde 7,5`); then numbers (Turkish `1.250` thousands and `2,5`
decimals, `4 bin 750`, `üç yüz`), words and punctuation. A number said
with `yaklaşık` / `civarında` is marked approximate.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from crisiscomm.text.fold import fold, fold_with_positions, has_turkish_letters, tr_lower
from crisiscomm.text.keywords import word_matches
from crisiscomm.text.numbers import (
    AMBIGUOUS_INFLECTED, APPROXIMATE_AFTER, AT_LEAST_AFTER, APPROXIMATE_BEFORE, NUMBER_WORDS, clock_phrases, number_text,
    parse_decimal, percent_phrases, read_number,
)

TYPED = ("phone", "time", "date", "url", "hashtag", "percent")
MONTHS = {
    "ocak": 1, "subat": 2, "mart": 3, "nisan": 4, "mayis": 5, "haziran": 6, "temmuz": 7,
    "agustos": 8, "eylul": 9, "ekim": 10, "kasim": 11, "aralik": 12,
}
EN_MONTHS = {
    name: n for n, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1)
    for name in names
}
_TURKISH_WORDS = re.compile(r"(?<!\w)(?:ve|bir|ile|kisi|sayisi|olarak|icin|oldu|edildi)(?!\w)")


@dataclass
class Token:
    kind: str  # the kinds above, or number, word, break, clause, link
    start: int
    end: int
    text: str
    value: str = ""   # words: folded (before an apostrophe); numbers: the value; typed: normal form
    display: str = ""
    suffix: str = ""  # folded letters after an apostrophe (`15'e` → e), or after a number word
    low: str = ""     # words: Turkish lower case (before an apostrophe)
    ascii: bool = False  # words: typed without Turkish letters
    approx: bool | str = False  # numbers: `yaklaşık 3 bin` (True), `en az 12` ("min")


# -- scanners, in priority order: an earlier one's spans are not scanned again --
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'«»]+", re.I)
_HASHTAG = re.compile(r"(?<![\w&#])#([^\W_][\w]*)")
_ISO_DATE = re.compile(r"(?<![\d.])(\d{4})-(\d{2})-(\d{2})(?!\d)")
_NUM_DATE = re.compile(r"(?<![\d.,])(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?![\d])(?!\.\d)")
_PHONE = re.compile(r"(?<![\w+.,])\+?(?:\(\d{1,4}\)|\d{1,4})(?:[ \-]?(?:\(\d{1,4}\)|\d{1,4})){1,7}")
_AMPM = re.compile(r"(?<![\d:.])(\d{1,2})(?:[:.](\d{2}))?\s?([ap])\.?m\b", re.I)
_CLOCK = re.compile(r"(?<![\d.:,])([01]?\d|2[0-3])([:.])([0-5]\d)(?!\d|[.,]\d)")
_DAY_MONTH = re.compile(r"(?<![\d.,])(\d{1,2})\s+([^\W\d_]+)(?:\s+(\d{4})(?!\d))?")
_MONTH_DAY = re.compile(r"\b([^\W\d_]+)\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?(?![\d.,]?\d)")
_GENERIC = re.compile(
    r"(?P<number>(?<![\w.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+(?![\d,])|\d+,\d+|\d+\.\d+|\d+)(?![\w.,]?\d))"
    r"(?:['’](?P<suffix>[^\W\d_]+)|(?P<bare>(?:y?[aeıiuü]|n?[dt][ae]n?|[dt][ae]ki|n[ıiuü]n)(?![\w])))?"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)?)"
    r"|(?P<break>[.!?;\n]+)"
    r"|(?P<clause>[,()\[\]«»\"“”/])"
    r"|(?P<link>[:=]|[-–—](?=\s))"
)


def _number_value(text: str) -> str:
    return number_text(parse_decimal(text))


def _phone_digits(text: str) -> str | None:
    """The national digits of a phone number, or None when it is not one."""
    groups = re.findall(r"\d+", text)
    digits = "".join(groups)
    if text.startswith("+"):
        ok = 8 <= len(digits) <= 13
        if digits.startswith("90") and len(digits) == 12:
            digits = digits[2:]
    elif digits.startswith("0"):
        ok = len(digits) == 11
        digits = digits[1:]
    elif groups and groups[0] == "444":
        ok = len(digits) == 7
    elif len(groups) == 1:
        ok = 10 <= len(digits) <= 11
    else:
        ok = "-" in text and len(groups) >= 3 and 10 <= len(digits) <= 11
    return digits if ok else None


def _trim_phone(text: str) -> int | None:
    """Length of the phone number at the start of `text` (a greedy match may run into the next number)."""
    for m in reversed(list(re.finditer(r"\(\d+\)|\d+", text))):
        if _phone_digits(text[: m.end()]) is not None:
            return m.end()
    return None


def _scan_phones(text: str, add) -> None:
    """Phone numbers; a rejected candidate is retried from its next digit group."""
    pos = 0
    while (m := _PHONE.search(text, pos)) is not None:
        length = _trim_phone(m.group())
        if length:
            add("phone", m.start(), m.start() + length, _phone_digits(m.group()[:length]) or "")
            pos = m.start() + length
        else:
            first = re.match(r"\+?\(?\d+\)?", m.group())
            pos = m.start() + (first.end() if first else 1) + 1


def _url_value(text: str) -> str:
    text = re.sub(r"^(?:https?://)?(?:www\.)?", "", text, flags=re.I).split("#")[0]
    host, _, path = text.partition("/")
    return (host.lower() + ("/" + path if path else "")).rstrip("/")


def _date_value(day: int, month: int, year: int | None) -> tuple[str, str] | None:
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    if year is not None and year < 100:
        year += 2000
    value = f"{year or 0:04d}-{month:02d}-{day:02d}"  # 0000: no year given
    display = f"{day:02d}.{month:02d}" + (f".{year}" if year else "")
    return value, display


def _month(word: str | None) -> int | None:
    if not word:
        return None
    folded = fold(word)
    if folded in EN_MONTHS:
        return EN_MONTHS[folded]
    return next((n for stem, n in MONTHS.items() if folded.startswith(stem)), None)


class _Spans:
    """Non-overlapping (start, end) spans, sorted, for overlap tests in O(log n)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)  # spans starting before `end`
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _lowered(text: str) -> tuple[str, list[int] | None]:
    """`tr_lower(text)`, and positions in `text` when its length differs."""
    low = tr_lower(text)
    if len(low) == len(text):
        return low, None
    return fold_with_positions(text, tr_lower)


def _scan_typed(text: str, low: str, positions: list[int] | None) -> tuple[list[Token], _Spans]:
    """Addresses, hashtags, dates, phones, times and percentages, without overlaps."""
    taken: list[Token] = []
    spans = _Spans()

    def at(start: int, end: int) -> tuple[int, int]:
        return (start, end) if positions is None else (positions[start], positions[end - 1] + 1)

    def add(kind: str, start: int, end: int, value: str, display: str | None = None) -> None:
        if start < end and not spans.overlaps(start, end):
            spans.add(start, end)
            taken.append(Token(kind, start, end, text[start:end], value, display or text[start:end]))

    for m in _URL.finditer(text):
        end = m.start() + len(m.group().rstrip(".,;:!?)]'\"»"))
        add("url", m.start(), end, _url_value(text[m.start():end]))
    for m in _HASHTAG.finditer(text):
        add("hashtag", m.start(), m.end(), "#" + fold(m.group(1)))
    for m in _ISO_DATE.finditer(text):
        found = _date_value(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if found:
            add("date", m.start(), m.end(), *found)
    for m in _NUM_DATE.finditer(text):
        found = _date_value(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if found:
            add("date", m.start(), m.end(), *found)
    _scan_phones(text, add)
    for m in _AMPM.finditer(text):
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if 1 <= hour <= 12 and minute < 60:
            hour = hour % 12 + (12 if m.group(3).lower() == "p" else 0)
            add("time", m.start(), m.end(), f"{hour:02d}:{minute:02d}")
    for start, end, value in clock_phrases(low):
        add("time", *at(start, end), value)
    for m in _CLOCK.finditer(text):
        # `9.30` could be a decimal; a dotted time needs two hour digits
        if m.group(2) == "." and len(m.group(1)) < 2:
            continue
        add("time", m.start(), m.end(), f"{int(m.group(1)):02d}:{m.group(3)}")
    for m in _DAY_MONTH.finditer(text):  # 23 Kasım [2026]
        month, year = _month(m.group(2)), m.group(3)
        if month is not None and (year or fold(m.group(2)) != "may"):
            found = _date_value(int(m.group(1)), month, int(year) if year else None)
            if found:
                add("date", m.start(), m.end() if year else m.end(2), *found)
    for m in _MONTH_DAY.finditer(text):  # November 23[, 2026]
        month, year = EN_MONTHS.get(fold(m.group(1))), m.group(3)
        found = _date_value(int(m.group(2)), month, int(year) if year else None) if month else None
        if found:
            add("date", m.start(), m.end(), *found)
    for start, end, value in percent_phrases(low):
        add("percent", *at(start, end), value)
    return taken, spans


def tokenize(text: str) -> list[Token]:
    low, positions = _lowered(text)
    tokens, spans = _scan_typed(text, low, positions)
    for m in _GENERIC.finditer(text):
        if spans.overlaps(m.start(), m.end()):
            continue
        if m.group("number") is not None:
            suffix = fold(m.group("suffix") or m.group("bare") or "")  # `15'e`, or typed `15e`
            tokens.append(Token("number", m.start(), m.end(), m.group(), _number_value(m.group("number")),
                                m.group("number"), suffix))
        elif m.lastgroup == "word":
            stem = re.split(r"['’`´]", m.group())[0]
            lowered = tr_lower(stem)
            tokens.append(Token("word", m.start(), m.end(), m.group(), fold(stem), low=lowered,
                                ascii=stem.isascii() or ("I" in stem and stem.isupper())))
        else:
            tokens.append(Token(m.lastgroup, m.start(), m.end(), m.group()))
    tokens.sort(key=lambda t: t.start)
    turkish = has_turkish_letters(text) or _TURKISH_WORDS.search(fold(text)) is not None
    return _merge_numbers(tokens, text, turkish)


def _number_word(token: Token, inflected_ok: bool) -> tuple[str, str] | None:
    """(number word, folded suffix) when `token` is one: `üç`, `yediye`, `dörde`. Words that
    inflected mean something else (`ona` him, `altında` under, `yüzünden`) are numbers only
    inflected after another number word (`üç yüze`)."""
    if token.kind != "word":
        return None
    if token.low in NUMBER_WORDS:
        return token.low, ""
    for word in NUMBER_WORDS:
        if word in AMBIGUOUS_INFLECTED and not inflected_ok:
            continue
        if fold(token.low)[:len(word) - 1] == fold(word)[:-1] and word_matches(word, token.low, token.ascii):
            return word, token.value[len(word):]
    return None


def _merge_numbers(tokens: list[Token], text: str, turkish: bool) -> list[Token]:
    """Numbers with scale words and number words as one number token: `4 bin 750`, `üç yüz`."""
    merged: list[Token] = []
    i = 0
    while i < len(tokens):
        run: list[tuple[Token, str]] = []
        parts: list[float | str] = []
        for token in tokens[i:]:
            if run and (run[-1][1] or text[run[-1][0].end:token.start].strip()):
                break  # a suffix ends a number; its parts are only spaces apart
            if token.kind == "number":
                parts.append(parse_decimal(token.display))
                run.append((token, token.suffix))
            elif turkish and (word := _number_word(token, bool(run))) is not None:
                parts.append(word[0])
                run.append((token, word[1]))
            else:
                break
        read = read_number(parts) if run and (len(run) > 1 or run[0][0].kind == "word") else None
        if read is not None and read[1] == 1 and parts[0] == "bir":
            read = None  # `bir çocuk yaralandı`: an article (one case told), not a count
        if read is None:
            merged.append(tokens[i])
            i += 1
            continue
        value, used = read
        first, (last, suffix) = run[0][0], run[used - 1]
        shown_end = last.start + len(last.display) if last.kind == "number" else last.end
        merged.append(Token("number", first.start, last.end, text[first.start:last.end], number_text(value),
                            text[first.start:shown_end], suffix))
        i += used
    _mark_approximate(merged)
    return merged


def _word(tokens: list[Token], i: int) -> str | None:
    return tokens[i].low if 0 <= i < len(tokens) and tokens[i].kind == "word" else None


def _mark_approximate(tokens: list[Token]) -> None:
    """`yaklaşık 3 bin`, `3 bin civarında`: approx True; `en az 12`, `12'den fazla`, `500'ü aşkın`,
    `at least 12`, `more than 12`: approx "min" (the fact is that many or more)."""
    for i, token in enumerate(tokens):
        if token.kind != "number":
            continue
        b = i - 2 if _word(tokens, i - 1) == "olarak" else i - 1  # yaklaşık olarak 3 bin
        before, after = _word(tokens, b), _word(tokens, i + 1)
        if (before == "az" and _word(tokens, b - 1) == "en") or (before == "least" and _word(tokens, b - 1) == "at") \
                or (before == "than" and _word(tokens, b - 1) == "more") or after in AT_LEAST_AFTER:
            token.approx = "min"
        else:
            token.approx = before in APPROXIMATE_BEFORE or after in APPROXIMATE_AFTER
