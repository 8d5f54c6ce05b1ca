"""Watch keywords matched the way a Turkish reader reads them (SPEC §4).

- Turkish casing (İ/i, I/ı); the Turkish letters folded to plain ASCII only
  where a word is written in plain ASCII, on either side: `kizilay` finds
  `Kızılay'ın` and `yangın` finds `YANGIN`, but `çığ` does not find `Çiğ`
  and `yük` does not find `Yukarı`.
- A keyword matches its inflected forms (`deprem` → `depremden`, `hesap` →
  `hesabımız`, `su` → `suyun`) and not longer words that merely start with it
  (`su` ↛ `Suriye`, `göl` ↛ `gölge`): see `suffixes`. After an apostrophe any
  suffix is accepted (`AFAD'ın`, `Malatya'daki`).
- In a phrase (`toplanma alanı`) the last word takes the suffixes.
- A capitalised word inside a sentence, with a suffix but no apostrophe, is a
  proper name (`Selin`, `Sudan`) and not the lower-case keyword `sel`/`su`.

One matcher is compiled per keyword list and cached: a single regular
expression over the folded text finds candidate word starts; only those are
checked against the suffix grammar (checks are cached per word).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from crisiscomm.text.fold import ascii_fold, fold_with_positions, tr_lower
from crisiscomm.text.suffixes import VOWELS, stems_of

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_SPACE = re.compile(r"\s+")
_OUR = re.compile(r"(?:[ıiuü]?m[ıiuü]z|[ıiuü]?n[ıiuü]z|ğ[ıiuü]m[ıiuü]z)")
_POSSESSIVE_3 = re.compile(r"(?:s?[ıiuü]|ğ[ıiuü])(?:n(?:[ae]|[dt][ae]n?|[ıiuü]n?|[dt][ae]ki))?")
_CAMEL_TAG = re.compile(r"#(\w*[a-zçğıöşü][A-ZÇĞİÖŞÜ]\w*)")
_CAMEL_PART = re.compile(r"[A-ZÇĞİÖŞÜ]?[a-zçğıöşü0-9]+|[A-ZÇĞİÖŞÜ]+(?![a-zçğıöşü])")
# Turkish-lettered function words that would fold onto a keyword typed in ASCII (`şu` → `su`).
FUNCTION_WORDS = frozenset("şu şunu şuna şunda şundan şunun şöyle böyle öyle için çok göre üzere şey şimdi".split())
# Common words typed in ASCII that would unfold onto a keyword (`olun` "be!" is not `ölün`).
ASCII_WORDS = frozenset("olun olunuz olum".split())
# Inflected forms far more often another word: `kara` (land, black) rather than kar + a.
HOMOGRAPHS = frozenset({"kara"})
_SENTENCE_END = frozenset(".!?:;\n\"'«»“”()[]-–—•#@")


@dataclass(frozen=True)
class _Keyword:
    text: str
    words: tuple[str, ...]  # Turkish lower case
    lowercase: bool  # typed without capitals: a capitalised inflected word is somebody's name


def _word_is_ascii(word: str) -> bool:
    """Typed without Turkish letters — or in capitals with `I`, which may stand for İ or I."""
    stem = word.split("'", 1)[0]
    return stem.isascii() or ("I" in stem and stem.isupper())


@functools.lru_cache(maxsize=65536)
def word_matches(keyword_word: str, text_word: str, text_ascii: bool, *, inflected: bool = True) -> bool:
    """Does `text_word` (Turkish lower case) read as `keyword_word` (Turkish lower case), inflected?"""
    keyword_ascii = keyword_word.isascii()
    if text_word in HOMOGRAPHS and text_word != keyword_word or (
            text_ascii and not keyword_ascii and text_word in ASCII_WORDS):
        return False
    folded = text_ascii or (keyword_ascii and text_word not in FUNCTION_WORDS)
    word = ascii_fold(text_word) if folded else text_word
    for stem in stems_of(keyword_word, keyword_ascii):
        base = ascii_fold(stem.text) if folded else stem.text
        if word.startswith(base):
            rest = word[len(base):]
            if not inflected:
                if not rest and not stem.before_vowel:
                    return True
            elif stem.takes(rest, folded):
                return True
    return False


_PLAIN = re.compile(r"[^\W\d_]+")
_AFTER = re.compile(r"(?:'[^\W_]+|[^\W\d_]+)?")


def _literal_at(keyword_word: str, low: str, source: str, pos: int) -> int | None:
    """End of `keyword_word` (with digits or punctuation) written at `pos`, with its suffix (`e-devlet'e`,
    `112'yi`); folded when either side is in ASCII; None when it is not there or runs into a longer word."""
    said = low[pos:pos + len(keyword_word)]
    if said != keyword_word and ascii_fold(said) != ascii_fold(keyword_word):
        return None
    if said != keyword_word and not (keyword_word.isascii() or source[pos:pos + len(said)].isascii()):
        return None
    end = pos + len(said)
    if end < len(low) and keyword_word[-1].isdigit() and low[end].isdigit():
        return None  # 112 is not 1120
    suffix = _AFTER.match(low, end)
    rest = suffix.group()
    if rest and not rest.startswith("'") and keyword_word[-1:].isalpha() and not any(
            s.takes(ascii_fold(rest), True) for s in stems_of(ascii_fold(keyword_word).rsplit("-", 1)[-1], True)):
        return None
    return suffix.end()


def compound_plural(keyword_word: str, text_word: str, text_ascii: bool) -> bool:
    """`toplanma alanı` → `toplanma alanlarına`: the head of a compound takes its plural before
    the possessive (alan-lar-ı-na), so its stem is the word without the possessive."""
    base = keyword_word[:-2] if keyword_word[-2:-1] == "s" and keyword_word[-3:-2] in VOWELS else keyword_word[:-1]
    if keyword_word[-1:] not in "ıiuü" or len(base) < 2 or base[-1:] in VOWELS and keyword_word[-2:-1] != "s":
        return False
    folded = text_ascii or keyword_word.isascii()
    word, base = (ascii_fold(text_word), ascii_fold(base)) if folded else (text_word, base)
    rest = word[len(base):]
    return word.startswith(base) and rest[:3] in ("lar", "ler") and any(
        s.takes(rest, folded) for s in stems_of(base, folded))


def _sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END or text[i] == "…"


def _capitalised_words(text: str) -> dict[int, bool]:
    """Start → capitalised? for the words that tell a title-case headline (`Orman Yangınları
    Sürüyor`): longer than three letters, no apostrophe (a name), not starting a sentence."""
    return {m.start(): m.group()[0].isupper() for m in _WORD.finditer(text)
            if len(m.group()) > 3 and "'" not in m.group() and "’" not in m.group()
            and m.group()[0].isalpha() and not _sentence_start(text, m.start())}


def _title_case(words: dict[int, bool], skip: int) -> bool:
    """Are two thirds of the words other than the one at `skip` capitalised?"""
    total = len(words) - (skip in words)
    capitals = sum(words.values()) - words.get(skip, False)
    return total > 0 and capitals * 3 >= total * 2


class KeywordMatcher:
    """Compiled for one keyword list; `find` returns (keyword index, start, end) for each match."""

    def __init__(self, keywords: tuple[str, ...]):
        self.keywords: list[_Keyword | None] = []
        self.index: dict[str, list[int]] = {}
        for i, keyword in enumerate(keywords):
            words = tuple(tr_lower(w.strip("'")) for w in keyword.split() if w.strip("'"))
            words = tuple(w.split("'", 1)[0] for w in words if w.split("'", 1)[0])
            if not words:
                self.keywords.append(None)
                continue
            self.keywords.append(_Keyword(keyword, words, keyword == keyword.lower() and keyword.upper() != keyword))
            heads = [words[0]] if len(words) > 1 else [s.text for s in stems_of(words[0], words[0].isascii())]
            for head in heads:
                self.index.setdefault(ascii_fold(head), []).append(i)
        alternatives = sorted(self.index, key=len, reverse=True)
        # the regex finds the longest key at a word start; the shorter ones there are its prefixes
        self.prefixes = {key: [k for k in alternatives if key.startswith(k)] for key in alternatives}
        self.pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, alternatives)) + ")") if alternatives else None

    def find(self, text: str) -> list[tuple[int, int, int]]:
        if self.pattern is None or not text:
            return []
        found = self._find(text)
        if "#" in text:  # `#DepremOldu`, `#KızılayaDestek`: each capitalised part is a word
            for tag in _CAMEL_TAG.finditer(text):
                for part in _CAMEL_PART.finditer(tag.group(1)):
                    offset = tag.start(1) + part.start()
                    found += [(k, s + offset, e + offset) for k, s, e in self._find(part.group())]
        return found

    def _find(self, text: str) -> list[tuple[int, int, int]]:
        low = tr_lower(text)
        source, positions = text, None
        if len(low) != len(text):  # invisibles or a decomposed İ: work on a same-length copy
            low, positions = fold_with_positions(text, tr_lower)
            source = "".join([text[p] for p in positions]) if positions else text
        found: list[tuple[int, int, int]] = []
        words: dict[int, bool] | None = None
        for m in self.pattern.finditer(ascii_fold(low)):
            start = m.start()
            for key in self.prefixes[m.group()]:
                for k in self.index[key]:
                    keyword = self.keywords[k]
                    end = self._match_at(keyword, low, source, start)
                    if end is None:
                        continue
                    if (keyword.lowercase and source[start].isupper()
                            and self._looks_like_a_name(keyword, source, low, start, end)):
                        if words is None:
                            words = _capitalised_words(source)
                        if not _title_case(words, start):
                            continue
                    if positions is not None:
                        found.append((k, positions[start], positions[end - 1] + 1))
                    else:
                        found.append((k, start, end))
        return found

    @staticmethod
    def _match_at(keyword: _Keyword, low: str, source: str, start: int) -> int | None:
        pos = start
        last = len(keyword.words) - 1
        for n, kw_word in enumerate(keyword.words):
            if n:
                gap = _SPACE.match(low, pos)
                if gap is None:
                    return None
                pos = gap.end()
            if not _PLAIN.fullmatch(kw_word):  # `e-devlet`, `covid-19`, `112`: as written, then a suffix
                end = _literal_at(kw_word, low, source, pos)
                if end is None:
                    return None
                pos = end
                continue
            m = _WORD.match(low, pos)
            if m is None:
                return None
            ascii_typed = _word_is_ascii(source[m.start():m.end()])
            if not word_matches(kw_word, m.group(), ascii_typed, inflected=n == last) and not (
                    n == last > 0 and compound_plural(kw_word, m.group(), ascii_typed)):
                return None
            pos = m.end()
        return pos

    @staticmethod
    def _looks_like_a_name(keyword: _Keyword, source: str, low: str, start: int, end: int) -> bool:
        """`Selin`, `Gazi Mustafa Kemal`: capitalised, with a suffix but no apostrophe, inside a
        sentence or before another capitalised word."""
        word_start = source.rfind(" ", 0, end) + 1 if len(keyword.words) > 1 else start
        word = source[word_start:end]
        if "'" in word or "’" in word or not word[:1].isupper() or not word[1:].islower():
            return False
        if len(word) == len(keyword.words[-1]):
            return False
        rest = low[word_start + len(keyword.words[-1]):end]
        if _OUR.fullmatch(rest) or _OUR.match(rest) and rest[_OUR.match(rest).end():][:1] in ("", "c", "ç", "d", "t", "e", "a", "i", "ı", "n"):
            return False  # `Valiliğimiz`, `Belediyemizce`: an institution writing of itself
        before = source[:word_start].rstrip().rsplit(" ", 1)[-1]
        if _POSSESSIVE_3.fullmatch(rest) and before[:1].isupper() and before[1:].islower():
            return False  # `Malatya Belediyesi`, `Atatürk Barajı`: a name made of the common noun
        following = _WORD.match(source, end + 1) if source[end:end + 1] == " " else None
        return not _sentence_start(source, start) or bool(
            following and following.group()[0].isupper() and following.group()[1:].islower())


@functools.lru_cache(maxsize=256)
def matcher(keywords: tuple[str, ...]) -> KeywordMatcher:
    return KeywordMatcher(keywords)


def match_keywords(text: str, keywords: list[str] | tuple[str, ...]) -> list[str]:
    """The watch keywords found in `text`, in the order given."""
    if not text or not keywords:
        return []
    found = matcher(tuple(keywords)).find(text)
    if not found:
        return []
    return [keywords[i] for i in sorted({k for k, _s, _e in found})]


def keyword_spans(text: str, keywords: list[str] | tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of each matched word or phrase in `text`, suffixes included, for highlighting."""
    if not text or not keywords:
        return []
    return sorted({(s, e) for _k, s, e in matcher(tuple(keywords)).find(text)})
