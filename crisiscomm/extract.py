"""Fact extraction from posted text, Turkish and English.

The text is cut into tokens (`crisiscomm.text.tokens`): addresses, hashtags,
dates, phone numbers, times with their day part, percentages, numbers in
digits or words (`4 bin 750`, `üç yüz`), words and punctuation. A count is a
number next to words that name a fact (`15 yaralı`, `12 vatandaşımız
yaralandı`, `yaralı sayısı 15`, `can kaybı 5 artarak 40'a yükseldi` → 40);
phones, times, dates, percentages and addresses carry the key named by the
nearest such words in their sentence as a hint. Words naming two facts
(`kayıp`: the dead or the missing) give a count with no key and both
candidates in `ambiguous`: reported, never guessed. Which fact a value is
compared with is decided in `consistency`, where the fact sheet is known.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import asdict, dataclass

from crisiscomm.text import fold
from crisiscomm.text.tokens import TYPED, Token, _phone_digits, _url_value, tokenize
from crisiscomm.vocabulary import Vocabulary, Word, load_vocabulary

__all__ = ["Extracted", "Token", "TYPED", "extract_facts", "infer_kind", "normalize_fact", "same_value", "tokenize"]

PART_SUFFIXES = ("i", "u", "si", "su", "yi", "yu")  # `15'i ağır`: fifteen of them, not the count
ABLATIVE = ("den", "dan", "ten", "tan")  # `15'ten 18'e`: from fifteen
PLACE_SUFFIXES = ("teki", "taki", "deki", "daki")  # `No: 15'teki bina`: the one at number 15
# Words that make the next number a label, not a count: `No: 15`, `aged 15`, `yaş 65`.
LABEL_WORDS = frozenset({"no", "nr", "numara", "numarali", "kapi", "daire", "kat", "blok", "aged", "age", "yas"})


@dataclass(frozen=True)
class Extracted:
    """One fact-like value found in a text."""

    kind: str  # count, phone, time, date, url, hashtag, percent
    value: str  # normalised, comparable
    display: str  # as written
    text: str  # the stretch of text it came from
    start: int
    end: int
    key: str | None = None  # the fact key its words name
    approx: bool | str = False  # `yaklaşık 3 bin` (True): agrees with a value it rounds; `en az 12` ("min")
    ambiguous: tuple[str, ...] = ()  # `5 kayıp`: the keys it may name

    def as_dict(self) -> dict:
        return asdict(self)


def _words(tokens: list[Token]) -> list[Word | None]:
    return [Word(t.low, t.value, t.ascii) if t.kind == "word" else None for t in tokens]


def _folded(words: list[Word | None], index: int) -> str | None:
    return words[index].folded if 0 <= index < len(words) and words[index] is not None else None


def _countable(tokens: list[Token], index: int) -> bool:
    token = tokens[index]
    if token.kind != "number" or token.suffix.startswith(("inc", "unc", "nc")):
        return False
    if token.suffix in PART_SUFFIXES and token.approx != "min":  # `500'ü aşkın` counts
        return False
    if token.suffix in PLACE_SUFFIXES:
        return False
    before = index - 1
    if before >= 0 and tokens[before].kind in ("link", "break") and tokens[before].text in (":", "."):
        before -= 1  # `No: 15`, `No. 15`
    return not (before >= 0 and tokens[before].kind == "word" and tokens[before].value in LABEL_WORDS)


def _count(tokens: list[Token], number: int, first: int, last: int, key: str, text: str, vocab: Vocabulary) -> Extracted:
    start, end = min(tokens[number].start, tokens[first].start), max(tokens[number].end, tokens[last].end)
    tok = tokens[number]
    if key.startswith("?"):  # `5 kayıp`: reported with its candidates, never guessed
        return Extracted("count", tok.value, tok.display, text[start:end], start, end, None, tok.approx,
                         vocab.ambiguous.get(key, ()))
    return Extracted("count", tok.value, tok.display, text[start:end], start, end, key, tok.approx)


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
                found.append(_count(tokens, i, j, last, phrase.key, text, vocab))
                used.update(range(i, last + 1))
                break
            if words[j] is None or not (vocab.is_filler(words[j]) or _instrumental(words[j], vocab)):
                break
            j += 1
    return found


def _instrumental(word: Word, vocab: Vocabulary) -> bool:
    """`12 kişi helikopterle kurtarıldı`: how it was done, between the count and its words."""
    return len(word.folded) > 5 and word.folded.endswith(("la", "le")) and not vocab.is_delta(word)


def _can_end_count(tokens, words, index: int, vocab: Vocabulary) -> bool:
    if index >= len(tokens):
        return True
    word = words[index]
    if word is None:
        return tokens[index].kind != "number"
    if vocab.is_delta(word):  # `3 arttı`, `3 kişi daha`: a change, not the count
        return False
    return vocab.is_filler(word) or vocab.is_link(word) or vocab.is_conjunction(word) or vocab.is_change(word)


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
        stem_word = _folded(words, last) or ""
        # `yaralılardan 15 kişi taburcu edildi`: fifteen of the injured, not their number
        suffix = stem_word[len(phrase.words[-1].folded):]
        partitive = phrase.words[-1].prefix and suffix.endswith(ABLATIVE)
        j = last + 1
        # `yaralı sayısı 15`, `yaralı vatandaş sayısı 15`, `can kaybı yaklaşık 3 bin`
        while j < len(tokens) and j - last <= 4 and (tokens[j].kind == "link" or (
                words[j] and (vocab.is_link(words[j]) or vocab.is_filler(words[j])))):
            j += 1
        if not partitive and j < len(tokens) and j not in used and _countable(tokens, j):
            j = _range_end(tokens, words, j, vocab)
            if _can_end_count(tokens, words, j + 1, vocab):
                found.append(_count(tokens, j, i, last, phrase.key, text, vocab))
                used.update(range(i, j + 1))
        i = last + 1
    return found


def _range_end(tokens, words, j: int, vocab: Vocabulary) -> int:
    """The number that holds now: the second in `15'ten 18'e` / `from 15 to 18`, `5 artarak
    40'a yükseldi`, `dün 12 iken bugün 15`."""
    came_from = tokens[j].suffix in ABLATIVE or _folded(words, j - 1) == "from"
    k = j + 1
    if _folded(words, k) == "to":
        k += 1
    if came_from and k < len(tokens) and _countable(tokens, k):
        return k
    if j + 1 < len(tokens) and words[j + 1] is not None and vocab.is_change(words[j + 1]):
        for m in range(j + 2, min(j + 5, len(tokens))):
            if _countable(tokens, m):
                return m
            if tokens[m].kind != "word":
                break
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
    wanted = ("number",) if kind == "count" else ("percent", "number") if kind == "percent" else (kind,)
    for token in tokenize(value):
        if token.kind in wanted:
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


def same_value(kind: str, said: str, fact: str, approx: bool | str = False) -> bool:
    """Does a value said in a post state this fact value? An approximate count (`yaklaşık 3 bin`)
    agrees with a value it rounds: within half its last non-zero place, or 5 %; a lower bound
    (`en az 12`, `12'den fazla`) with any value not below it."""
    if kind in ("count", "percent"):
        said_n, fact_n = float(said), float(fact)
        if approx == "min":
            return fact_n >= said_n
        if not approx:
            return said_n == fact_n
        places = len(str(int(said_n))) - len(str(int(said_n)).rstrip("0")) if said_n >= 1 else 0
        return abs(said_n - fact_n) <= max(10 ** places / 2, said_n * 0.05)
    if kind == "date":
        if said[5:] != fact[5:]:
            return False
        return said[:4] == fact[:4] or "0000" in (said[:4], fact[:4])
    if kind == "url":
        return said == fact or said.startswith(fact + "/")
    return said == fact
