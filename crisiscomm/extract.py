"""Fact extraction from posted text, Turkish and English.

The text is cut into tokens: web addresses, hashtags, dates (`23.11.2026`,
`23 Kasım`), phone numbers, clock times (`14:30`, `saat 14.30'da`, `4 pm`),
percentages, numbers (Turkish `1.250` thousands and `2,5` decimals), words
and punctuation. A count is a number next to words that name a fact
(`15 yaralı`, `12 vatandaşımız yaralandı`, `yaralı sayısı 15`); phones,
times, dates and addresses carry the key named by the nearest such words in
their sentence as a hint. Which fact a value is compared with is decided in
`consistency`, where the fact sheet is known.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass

from crisiscomm.text import fold
from crisiscomm.vocabulary import Vocabulary, load_vocabulary

TYPED = ("phone", "time", "date", "url", "hashtag")
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
PART_SUFFIXES = ("i", "u", "si", "su")  # `15'i ağır`: fifteen of them, not the count
ABLATIVE = ("den", "dan", "ten", "tan")  # `15'ten 18'e`: from fifteen
PLACE_SUFFIXES = ("teki", "taki", "deki", "daki")  # `No: 15'teki bina`: the one at number 15
# Words that make the next number a label, not a count: `No: 15`, `aged 15`, `yaş 65`.
LABEL_WORDS = frozenset({"no", "nr", "numara", "numarali", "kapi", "daire", "kat", "blok", "aged", "age", "yas"})


@dataclass(frozen=True)
class Extracted:
    """One fact-like value found in a text."""

    kind: str  # count, phone, time, date, url, hashtag
    value: str  # normalised, comparable
    display: str  # as written
    text: str  # the stretch of text it came from
    start: int
    end: int
    key: str | None = None  # the fact key its words name

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Token:
    kind: str  # the kinds above, or number, percent, word, break, clause, link
    start: int
    end: int
    text: str
    value: str = ""
    display: str = ""
    suffix: str = ""  # folded letters after an apostrophe (`15'e` → e)


# -- scanners, in priority order: an earlier one's spans are not scanned again --
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'«»]+", re.I)
_HASHTAG = re.compile(r"(?<![\w&#])#([^\W_][\w]*)")
_ISO_DATE = re.compile(r"(?<![\d.])(\d{4})-(\d{2})-(\d{2})(?!\d)")
_NUM_DATE = re.compile(r"(?<![\d.,])(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?![\d])(?!\.\d)")
_PHONE = re.compile(r"(?<![\w+.,])\+?(?:\(\d{1,4}\)|\d{1,4})(?:[ \-]?(?:\(\d{1,4}\)|\d{1,4})){1,7}")
_AMPM = re.compile(r"(?<![\d:.])(\d{1,2})(?:[:.](\d{2}))?\s?([ap])\.?m\b", re.I)
_SAAT = re.compile(r"\bsaat\s+((?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?)(?![\d]|[.,:]\d)", re.I)
_CLOCK = re.compile(r"(?<![\d.:,])([01]?\d|2[0-3])([:.])([0-5]\d)(?!\d|[.,]\d)")
_DAY_MONTH = re.compile(r"(?<![\d.,])(\d{1,2})\s+([^\W\d_]+)(?:\s+(\d{4})(?!\d))?")
_MONTH_DAY = re.compile(r"\b([^\W\d_]+)\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?(?![\d.,]?\d)")
_PERCENT = re.compile(r"%\s?\d+(?:[.,]\d+)?|\d+(?:[.,]\d+)?\s?%")
_GENERIC = re.compile(
    r"(?P<number>(?<![\w.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+(?![\d,])|\d+,\d+|\d+\.\d+|\d+)(?![\w.,]?\d))"
    r"(?:['’](?P<suffix>[^\W\d_]+))?"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)?)"
    r"|(?P<break>[.!?;\n]+)"
    r"|(?P<clause>[,()\[\]«»\"“”/])"
    r"|(?P<link>[:=]|[-–—](?=\s))"
)


def _number_value(text: str) -> str:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
        text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    number = float(text)
    return str(int(number)) if number.is_integer() else repr(number)


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


def _scan_typed(text: str) -> tuple[list[Token], _Spans]:
    """Addresses, hashtags, dates, phones, times and percentages, without overlaps."""
    taken: list[Token] = []
    spans = _Spans()

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
    for m in _SAAT.finditer(text):
        hour, _, minute = re.sub(r"[:.]", ":", m.group(1)).partition(":")
        add("time", m.start(1), m.end(1), f"{int(hour):02d}:{minute or '00'}")
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
    for m in _PERCENT.finditer(text):
        add("percent", m.start(), m.end(), m.group())
    return taken, spans


def tokenize(text: str) -> list[Token]:
    tokens, spans = _scan_typed(text)
    for m in _GENERIC.finditer(text):
        if spans.overlaps(m.start(), m.end()):
            continue
        if m.group("number") is not None:
            suffix = fold(m.group("suffix") or "")
            tokens.append(Token("number", m.start(), m.end(), m.group(), _number_value(m.group("number")),
                                m.group("number"), suffix))
        elif m.lastgroup == "word":
            stem = re.split(r"['’]", m.group())[0]
            tokens.append(Token("word", m.start(), m.end(), m.group(), fold(stem)))
        else:
            tokens.append(Token(m.lastgroup, m.start(), m.end(), m.group()))
    tokens.sort(key=lambda t: t.start)
    return tokens


# -- counts --------------------------------------------------------------------
def _words(tokens: list[Token]) -> list[str | None]:
    return [t.value if t.kind == "word" else None for t in tokens]


def _countable(tokens: list[Token], index: int) -> bool:
    token = tokens[index]
    if token.kind != "number" or token.suffix in PART_SUFFIXES or token.suffix.startswith(("inc", "unc", "nc")):
        return False
    if token.suffix in PLACE_SUFFIXES:
        return False
    before = index - 1
    if before >= 0 and tokens[before].kind in ("link", "break") and tokens[before].text in (":", "."):
        before -= 1  # `No: 15`, `No. 15`
    return not (before >= 0 and tokens[before].kind == "word" and tokens[before].value in LABEL_WORDS)


def _count(tokens: list[Token], number: int, first: int, last: int, key: str, text: str) -> Extracted:
    start, end = min(tokens[number].start, tokens[first].start), max(tokens[number].end, tokens[last].end)
    tok = tokens[number]
    return Extracted("count", tok.value, tok.display, text[start:end], start, end, key)


def _forward_counts(tokens, words, vocab: Vocabulary, used: set[int], text: str) -> list[Extracted]:
    """`15 yaralı`, `12 vatandaşımız yaralandı`, `15 people were injured`."""
    found = []
    for i, token in enumerate(tokens):
        if not _countable(tokens, i):
            continue
        j = i + 1
        while j < len(tokens) and j - i <= 3:
            phrase = vocab.phrase_at(words, j, ("count",))
            if phrase:
                last = j + len(phrase.words) - 1
                found.append(_count(tokens, i, j, last, phrase.key, text))
                used.update(range(i, last + 1))
                break
            if words[j] is None or not vocab.is_filler(words[j]):
                break
            j += 1
    return found


def _can_end_count(tokens, words, index: int, vocab: Vocabulary) -> bool:
    if index >= len(tokens):
        return True
    word = words[index]
    if word is None:
        return tokens[index].kind != "number"
    return vocab.is_filler(word) or vocab.is_link(word) or vocab.is_conjunction(word)


def _backward_counts(tokens, words, vocab: Vocabulary, used: set[int], text: str) -> list[Extracted]:
    """`yaralı sayısı 15`, `can kaybı 7'ye yükseldi`, `death toll rose from 5 to 7`."""
    found = []
    i = 0
    while i < len(tokens):
        phrase = vocab.phrase_at(words, i, ("count",)) if i not in used else None
        if phrase is None:
            i += 1
            continue
        last = i + len(phrase.words) - 1
        stem_word = words[last] or ""
        # `yaralılardan 15 kişi taburcu edildi`: fifteen of the injured, not their number
        partitive = phrase.words[-1].endswith("*") and stem_word.endswith(ABLATIVE)
        j = last + 1
        while j < len(tokens) and j - last <= 4 and (tokens[j].kind == "link" or (words[j] and vocab.is_link(words[j]))):
            j += 1
        if not partitive and j < len(tokens) and j not in used and _countable(tokens, j):
            j = _range_end(tokens, words, j)
            if _can_end_count(tokens, words, j + 1, vocab):
                found.append(_count(tokens, j, i, last, phrase.key, text))
                used.update(range(i, j + 1))
        i = last + 1
    return found


def _range_end(tokens, words, j: int) -> int:
    """In `15'ten 18'e` / `from 15 to 18` the count is the second number."""
    came_from = tokens[j].suffix in ABLATIVE or (j > 0 and words[j - 1] == "from")
    k = j + 1
    if k < len(tokens) and words[k] == "to":
        k += 1
    if came_from and k < len(tokens) and _countable(tokens, k):
        return k
    return j


# -- hints for typed values ----------------------------------------------------------
def _hint_phrases(words, vocab: Vocabulary) -> list[tuple[int, int, str]]:
    found, i = [], 0
    while i < len(words):
        phrase = vocab.phrase_at(words, i, TYPED)
        if phrase:
            found.append((i, i + len(phrase.words) - 1, phrase.key))
            i += len(phrase.words)
        else:
            i += 1
    return found


def _separated(tokens, a: int, b: int, kinds: tuple[str, ...]) -> bool:
    lo, hi = min(a, b), max(a, b)
    return any(t.kind in kinds for t in tokens[lo + 1:hi])


def _hint_for(tokens, index: int, hints, vocab: Vocabulary) -> str | None:
    kind = tokens[index].kind
    best: tuple[int, int, str] | None = None
    nearby = hints[bisect.bisect_left(hints, (index - 8 - 6,)):bisect.bisect_right(hints, (index + 6,))]
    for first, last, key in nearby:
        if vocab.kinds.get(key) != kind:
            continue
        # before the value within its sentence (`Bilgi hattı, 7/24: 0 800 …`),
        # or just after it within its clause (`16:00'da yeni açıklama yapılacak`)
        if last < index:
            distance, order = index - last, 0
            if distance > 8 or _separated(tokens, last, index, ("break",)):
                continue
        elif first > index:
            distance, order = first - index, 1
            if distance > 5 or _separated(tokens, index, first, ("break", "clause")):
                continue
        else:
            continue
        if best is None or (distance, order) < best[:2]:
            best = (distance, order, key)
    return best[2] if best else None


def extract_facts(text: str, vocabulary: Vocabulary | None = None) -> list[Extracted]:
    """Every fact-like value in `text`, in order; counts and hinted values carry their key."""
    vocab = vocabulary or load_vocabulary()
    tokens = tokenize(text)
    words = _words(tokens)
    used: set[int] = set()
    found = _forward_counts(tokens, words, vocab, used, text)
    found += _backward_counts(tokens, words, vocab, used, text)
    hints = _hint_phrases(words, vocab)
    for i, token in enumerate(tokens):
        if token.kind in TYPED:
            found.append(Extracted(token.kind, token.value, token.display, token.text, token.start, token.end,
                                   _hint_for(tokens, i, hints, vocab)))
    found.sort(key=lambda e: e.start)
    return found


# -- fact-sheet values ---------------------------------------------------------------
def infer_kind(value: str) -> str | None:
    """What a fact value is when no vocabulary says so (None: free text, not compared)."""
    all_tokens = tokenize(value)
    tokens = [t for t in all_tokens if t.kind in (*TYPED, "number")]
    if not tokens:
        return "url" if _bare_domain(value) else None
    if tokens[0].kind != "number":
        return tokens[0].kind
    # `1.250 çadır` is a count; `4,9 büyüklüğünde deprem` is a description that happens to start with one
    return "count" if sum(t.kind == "word" for t in all_tokens) <= 1 else None


def _bare_domain(value: str) -> bool:
    return re.fullmatch(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?", value.strip(), re.I) is not None


def normalize_fact(kind: str, value: str) -> str | None:
    """A fact value in the same normal form as values extracted from posts."""
    wanted = "number" if kind == "count" else kind
    for token in tokenize(value):
        if token.kind == wanted:
            return token.value
    stripped = value.strip()
    if kind == "phone" and re.fullmatch(r"[\d\s()+-]{3,}", stripped):
        return _phone_digits(stripped) or re.sub(r"\D", "", stripped).lstrip("0") or None
    if kind == "time" and re.fullmatch(r"(?:[01]?\d|2[0-3])", stripped):
        return f"{int(stripped):02d}:00"
    if kind == "url" and _bare_domain(stripped):
        return _url_value(stripped)
    if kind == "hashtag" and re.fullmatch(r"[^\W_]\w*", stripped):
        return "#" + fold(stripped)
    return None


def same_value(kind: str, said: str, fact: str) -> bool:
    """Does a value said in a post state this fact value?"""
    if kind == "count":
        return float(said) == float(fact)
    if kind == "date":
        if said[5:] != fact[5:]:
            return False
        return said[:4] == fact[:4] or "0000" in (said[:4], fact[:4])
    if kind == "url":
        return said == fact or said.startswith(fact + "/")
    return said == fact
