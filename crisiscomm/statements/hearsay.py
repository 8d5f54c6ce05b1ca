"""Speculation and hearsay in Turkish statements (SPEC §6, accuracy).

- `accuracy.hearsay` / `accuracy.speculation` / `accuracy.speculation.estimate`:
  the word lists of lint_terms.toml (`iddia ediliyor`, `muhtemelen`, `tahmin
  ediliyor` …);
- `accuracy.hearsay.evidential`: a verb in the evidential past -mIş closing its
  clause (`Köprü çökmüş, bölgeye gitmeyiniz`): the speaker did not see it. The
  assertive -mIştIr of official prose (`çökmüştür`), a participle before its
  noun (`yıkılmış binalar`), `-mış olup`, and a quoted rumour are not;
- `accuracy.speculation.modal`: -(y)AbIl on a figure (`ölü sayısı 50'yi
  bulabilir`, `yaralı sayısının artabileceği`), not ability (`112'yi arayabilirsiniz`).

A sentence that answers a rumour (`… iddiaları asılsızdır`) may quote it: no
hearsay finding there.
"""

from __future__ import annotations

import re

from crisiscomm.statements.lint_config import LintConfig
from crisiscomm.text import fold, tr_lower
from crisiscomm.text.numbers import NUMBER_WORDS

# A sentence ends at . ! ? … before a space and a capital (or the end), or at a line break:
# `A.Ş. iş birliğiyle` and `Ahmet Y. kanser` go on.
SENTENCE_END = re.compile(r"[.!?…]+(?=\s+[^a-zçğıöşü\s]|\s*$)|\n")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_EVIDENTIAL = re.compile(r"m[ıiuü]ş(?:lar|ler|[ıiuü]m|s[ıiuü]n|[ıiuü]z|s[ıiuü]n[ıiuü]z)?$")
# typed without Turkish letters: `cokmus`, `acilmayacakmis`
_EVIDENTIAL_ASCII = re.compile(r"m[iu]s(?:lar|ler|[iu]m|s[iu]n|[iu]z|s[iu]n[iu]z)?$")
# Words that end like the evidential and are not: numbers, nouns, the fixed `geçmiş olsun`.
NOT_EVIDENTIAL = frozenset("altmış yetmiş gümüş kamış yemiş geçmiş ermiş miş mış muş müş altmis yetmis gumus "
                           "kamis yemis gecmis mis mus".split())
_CLAUSE_WORDS = frozenset("ve ama fakat ancak diye gibi ki veya".split())
_QUOTES = "\"'“”«»’‘"
_FIGURE_WORDS = re.compile(r"(?<!\w)(?:sayı|rakam|bilanço|can kayb|toplam)", re.I)


def sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def sentence_of(text: str, pos: int) -> tuple[int, int]:
    return next(((s, e) for s, e in sentences(text) if s <= pos < e), (0, len(text)))


def denies(config: LintConfig, sentence: str) -> bool:
    return config.denials.search(sentence)


def evidential_spans(text: str) -> list[tuple[int, int]]:
    """Verbs in the evidential -mIş that close their clause."""
    low = tr_lower(text)
    if len(low) != len(text):
        return []
    words = list(_WORD.finditer(low))
    found = []
    for n, m in enumerate(words):
        word = m.group()
        if "'" in word or "’" in word or word in NOT_EVIDENTIAL or len(word) < 5:
            continue
        evidential = _EVIDENTIAL_ASCII if word.isascii() else _EVIDENTIAL
        if not evidential.search(word) or (word.isascii() and len(word) < 6):
            continue
        between = low[m.end():words[n + 1].start()] if n + 1 < len(words) else low[m.end():]
        if between.strip()[:1] and between.strip()[0] in _QUOTES:
            continue  # a quoted rumour: `'Köprü çökmüş' iddiası`
        following = words[n + 1].group() if n + 1 < len(words) else ""
        closes = not following or any(ch in between for ch in ".!?;:\n") or following in _CLAUSE_WORDS
        if not closes and "," in between:
            # `görmüş, yıkılmış binalar`: a list of participles; `kaybetmiş, … yaralanmıştır`: the
            # -DIr of the sentence's last verb covers the earlier ones (official prose)
            closes = not evidential.search(following) and not _assertive_end(text, low, m.end())
        if closes:
            found.append(m.span())
    return found


def _assertive_end(text: str, low: str, pos: int) -> bool:
    """Does the sentence after `pos` end with an assertive -mIştIr / -mAktAdIr verb?"""
    end = SENTENCE_END.search(text, pos)
    words = _WORD.findall(low[pos:end.start() if end else len(low)])
    return bool(words) and re.search(r"(?:m[ıiuü]ş(?:lar|ler)?|m[ae]kt[ae])[dt][ıiuü]r(?:lar|ler)?$", words[-1]) is not None


def modal_figure_spans(text: str, config: LintConfig) -> list[tuple[int, int]]:
    """Verbs with -(y)AbIl whose stem says what a figure does, in a sentence with a figure."""
    if not config.modal_figure_verbs:
        return []
    stems = "|".join(sorted(map(re.escape, config.modal_figure_verbs), key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{stems})[ae]bil(?:ir|ecek|ecegi|eceg|mekte|iyor|irler)\w*")
    folded = fold(text)
    if len(folded) != len(text):
        return []
    found = []
    for m in pattern.finditer(folded):
        s, e = sentence_of(text, m.start())
        sentence = folded[s:e]
        has_figure = re.search(r"\d", sentence) or _FIGURE_WORDS.search(sentence) or any(
            w in NUMBER_WORDS for w in tr_lower(text[s:e]).split() if w not in ("bir",))
        if has_figure:
            found.append(m.span())
    return found
