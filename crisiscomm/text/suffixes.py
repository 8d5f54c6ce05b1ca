"""Turkish noun suffixes, enough to tell an inflected word from an unrelated one.

A word is a stem plus a chain of suffixes in a fixed order — plural, possessive,
case, `-ki`, copula — each written by the rules of the language:

- vowel harmony: `A` is a/e and `I` is ı/i/u/ü after the last vowel
  (`depremde`, `barajda`, `köprüsü`, `yurdumuz`);
- buffer letters: y, n, s after a vowel (`suyun`, `köprüsü`, `bölgesinde`);
- `D` and `C` are t and ç after a voiceless consonant (`saatte`, `kitapta`);
- consonant softening of the stem before a vowel: p→b, ç→c, t→d, k→ğ (nk→ng),
  g→ğ (`hesabımız`, `ağacı`, `yurdu`, `göğü`, `rengi`), and the closed lists of
  stems that drop a vowel (`kayıp`→`kaybı`) or double a consonant (`hak`→`hakkı`).

The derivations `-sIz` (`susuz`, `susuzluk`) and `-zede` (`depremzede`) are accepted;
`-lI`, `-lIK`, `-CI`, `-CA` are not: they make new words (`evli`, `gözlük`,
`yolcu`, `önce`).

A word written in plain ASCII is compared on folded letters: its vowels stand
for either reading (`u` is u or ü) and harmony is checked for each.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from crisiscomm.text.fold import ascii_fold

VOWELS = frozenset("aeıioöuü")
BACK = frozenset("aıou")
VOICELESS = frozenset("çfhkpsşt")
_UNFOLD_VOWEL = {"a": "a", "e": "e", "i": "ıi", "o": "oö", "u": "uü"}
_FRONT_OF = {"a": "e", "ı": "i", "o": "ö", "u": "ü"}
_SOFT = {"p": "b", "ç": "c", "t": "d", "g": "ğ"}
_HARD = {"b": "p", "c": "ç", "d": "t", "ğ": "k", "g": "k"}

# Monosyllables that soften (most do not: at → atı, top → topu, süt → sütü).
SOFTENING_MONOSYLLABLES = frozenset("kap dip uç gök çok renk yurt kurt dert borç genç tat dört but denk ahenk".split())
# Stems that drop their last vowel before a vowel: (written, before a vowel).
VOWEL_DROP = dict(pair.split(":") for pair in (
    "ağız:ağz alın:aln akıl:akl beyin:beyn boyun:boyn burun:burn bağır:bağr cisim:cism emir:emr "
    "fikir:fikr göğüs:göğs gönül:gönl hüküm:hükm isim:ism karın:karn kayıp:kayb kayıt:kayd kahır:kahr "
    "nehir:nehr oğul:oğl ömür:ömr resim:resm sabır:sabr şehir:şehr vakit:vakt zehir:zehr nabız:nabz "
    "metin:metn hapis:haps kısım:kısm ilim:ilm zulüm:zulm şükür:şükr seyir:seyr nesil:nesl asıl:asl "
    "nakil:nakl hacim:hacm kabir:kabr zihin:zihn şekil:şekl devir:devr kasıt:kast azim:azm").split())
# Stems that double their last consonant before a vowel.
DOUBLING = dict(pair.split(":") for pair in (
    "hak:hakk hat:hatt his:hiss sır:sırr zam:zamm af:aff ret:redd tıp:tıbb şık:şıkk hac:hacc üs:üss "
    "zan:zann fen:fenn had:hadd şer:şerr").split())
# Loanwords whose suffixes take front vowels after a back one (`saati`, `kontrolü`).
FRONT_HARMONY = frozenset(
    "saat dikkat hakikat cemaat itaat harf kalp hayal ihtimal kabul usul meşgul hal istiklal idrak "
    "ittifak istikbal meal misal sual rol gol alkol petrol protokol kontrol sembol hormon"
    .split())
# Stems whose genitive and possessive take y instead of n and s (`suyun`, `suyu`).
Y_BUFFER = frozenset({"su", "ne"})

# -- the suffix graph -----------------------------------------------------------
_CASES = (("(y)I", "end"), ("(y)A", "end"), ("DA", "loc"), ("DAn", "abl"), ("(n)In", "gen"), ("(y)lA", "end"))
_PRONOMINAL = (("nI", "end"), ("nA", "end"), ("ndA", "loc"), ("ndAn", "abl"), ("nIn", "gen"), ("(y)lA", "end"))
_COPULA = (("DIr", "dir"), ("(y)DI", "past"), ("(y)mIş", "ev"), ("(y)sA", "past"), ("(y)ken", "end"),
           ("(y)Im", "end"), ("sIn", "end"), ("(y)Iz", "end"), ("sInIz", "end"))
_POSSESSIVE = (("(I)m", "poss"), ("(I)n", "poss"), ("(I)mIz", "poss"), ("(I)nIz", "poss"), ("(s)I", "poss3"))
_PERSON = (("m", "end"), ("n", "end"), ("k", "end"), ("nIz", "end"), ("lAr", "end"))
EDGES: dict[str, tuple[tuple[str, str], ...]] = {
    "stem": (("sIz", "der"), ("zede", "der"), ("lAr", "pl"), *_POSSESSIVE, *_CASES, *_COPULA),
    "der": (("lAr", "pl"), ("lIk", "lik"), ("lIğ", "lik_v"), *_POSSESSIVE, *_CASES, *_COPULA),
    # -sIz + -lIk: `susuzluk`, `elektriksizliğe`
    "lik": (("lAr", "pl"), *_POSSESSIVE, *_CASES, *_COPULA),
    "lik_v": (("(y)I", "end"), ("(y)A", "end"), ("(n)In", "gen"), *_POSSESSIVE),
    "pl": (*_POSSESSIVE[:4], ("I", "poss3"), *_CASES, *_COPULA, ("CA", "end")),
    "poss": (*_CASES, *_COPULA, ("CA", "end")),  # valiliğimizce: by our governorship
    "poss3": (*_PRONOMINAL, *_COPULA, ("ncA", "end")),
    "loc": (("ki", "ki"), *_COPULA),
    "abl": (("DIr", "end"),),
    "gen": (("ki", "ki"), ("DIr", "end")),
    "ki": (("ler", "kipl"), *_PRONOMINAL),
    "kipl": (*_CASES, ("I", "poss3")),
    "dir": (("lAr", "end"),),
    "past": _PERSON,
    "ev": (("lAr", "end"), ("DIr", "end"), ("(y)Im", "end"), ("sIn", "end"), ("(y)Iz", "end")),
    "end": (),
}


def harmony_i(vowel: str) -> str:
    return {"a": "ı", "ı": "ı", "e": "i", "i": "i", "o": "u", "u": "u", "ö": "ü", "ü": "ü"}[vowel]


def harmony_a(vowel: str) -> str:
    return "a" if vowel in BACK else "e"


def realise(template: str, vowel: str, prev: str, y_buffer: bool = False) -> tuple[str, str]:
    """The suffix `template` written after a stem ending in `prev` whose last vowel is `vowel`;
    also the last vowel after it."""
    out: list[str] = []
    i = 0
    while i < len(template):
        ch = template[i]
        last = out[-1] if out else prev
        if ch == "(":
            buffer = template[i + 1]
            i += 3
            if buffer == "I":
                if last not in VOWELS:
                    out.append(harmony_i(vowel))
                elif y_buffer:  # su → suyum, suyumuz
                    out += ["y", harmony_i(vowel)]
            elif last in VOWELS:
                out.append("y" if y_buffer and buffer in "ns" else buffer)
            continue
        if ch == "A":
            vowel = harmony_a(vowel)
            out.append(vowel)
        elif ch == "I":
            vowel = harmony_i(vowel)
            out.append(vowel)
        elif ch == "D":
            out.append("t" if last in VOICELESS else "d")
        elif ch == "C":
            out.append("ç" if last in VOICELESS else "c")
        else:
            out.append(ch)
            if ch in VOWELS:
                vowel = ch
        i += 1
    return "".join(out), vowel


@functools.lru_cache(maxsize=65536)
def chain_ok(rest: str, node: str, vowel: str, prev: str, folded: bool, y_buffer: bool = False) -> bool:
    """Can `rest` be read as a chain of suffixes from `node`, after a stem ending in `prev`
    with last vowel `vowel`? `folded`: `rest` is ASCII-folded text."""
    if not rest:
        return True
    for template, target in EDGES[node]:
        written, after = realise(template, vowel, prev, y_buffer and node == "stem")
        compare = ascii_fold(written) if folded else written
        if written and rest.startswith(compare) and chain_ok(rest[len(compare):], target, after, written[-1], folded):
            return True
    return False


# -- stems ------------------------------------------------------------------------
@dataclass(frozen=True)
class Stem:
    """One written form of a stem, with what a suffix after it must agree with."""

    text: str                    # as compared: Turkish lower case, or folded for an ASCII-typed word
    vowels: tuple[str, ...]      # readings of its last vowel (Turkish letters)
    prevs: tuple[str, ...]       # readings of its last letter
    before_vowel: bool = False   # a softened, shortened or doubled form: only a vowel may follow
    y_buffer: bool = False

    def takes(self, rest: str, folded: bool) -> bool:
        """Is `rest` (the word after this stem) a suffix chain for it?"""
        if not rest:
            return not self.before_vowel
        if rest[0] == "'":
            return not self.before_vowel
        if "'" in rest:  # `Şehitler Köprüsü'nde`: a name made of the noun and its possessive
            before = rest.split("'", 1)[0]
            return any(before == (ascii_fold(w) if folded else w)
                       for v in self.vowels for p in self.prevs
                       for w in (realise("(s)I", v, p, self.y_buffer)[0],))
        if self.before_vowel and rest[0] not in VOWELS:
            return False
        return any(chain_ok(rest, "stem", v, p, folded, self.y_buffer) for v in self.vowels for p in self.prevs)


def _syllables(word: str) -> int:
    return sum(ch in VOWELS for ch in word)


def _readings(word: str, ascii_typed: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    vowel = next((ch for ch in reversed(word) if ch in VOWELS), None)
    if vowel is None:  # an acronym: any harmony
        vowels = tuple("aeıioöuü")
    elif ascii_typed:
        vowels = tuple(_UNFOLD_VOWEL.get(vowel, vowel))
    else:
        vowels = (vowel,)
    if word in FRONT_HARMONY or ascii_fold(word) in _FRONT_FOLDED or (word[-1:] == "l" and vowel in BACK):
        vowels = tuple(dict.fromkeys(vowels + tuple(_FRONT_OF.get(v, v) for v in vowels)))
    last = word[-1:]
    prevs = ("c", "ç") if ascii_typed and last == "c" else (last,)
    if ascii_typed and last in "aeiou":
        prevs = tuple(_UNFOLD_VOWEL[last])
    return vowels, prevs


_FRONT_FOLDED = frozenset(ascii_fold(w) for w in FRONT_HARMONY)
_DROP_FOLDED = {ascii_fold(k): v for k, v in VOWEL_DROP.items()}
_DOUBLE_FOLDED = {ascii_fold(k): v for k, v in DOUBLING.items()}


def _softened(word: str) -> str | None:
    last = word[-1:]
    if _syllables(word) < 2 and word not in SOFTENING_MONOSYLLABLES and word[-2:] not in ("rt", "nk", "nç", "rç"):
        return None
    if last == "k":
        return word[:-1] + ("g" if word[-2:-1] == "n" else "ğ")
    if last in _SOFT:
        return word[:-1] + _SOFT[last]
    return None


@functools.lru_cache(maxsize=4096)
def stems_of(word: str, ascii_typed: bool) -> tuple[Stem, ...]:
    """The written forms of `word` (Turkish lower case) that suffixes attach to."""
    if not word:
        return ()
    vowels, prevs = _readings(word, ascii_typed)
    key = ascii_fold(word) if ascii_typed else word
    found = [Stem(key, vowels, prevs, y_buffer=word in Y_BUFFER or ascii_fold(word) in Y_BUFFER)]
    alternatives = []
    if (soft := _softened(word)) is not None:
        alternatives.append(soft)
    drop = (_DROP_FOLDED.get(key) if ascii_typed else VOWEL_DROP.get(word))
    if drop:
        alternatives.append(drop)
    double = (_DOUBLE_FOLDED.get(key) if ascii_typed else DOUBLING.get(word))
    if double:
        alternatives.append(double)
    for form in alternatives:
        text = ascii_fold(form) if ascii_typed else form
        if text != key:
            found.append(Stem(text, vowels, (form[-1],), before_vowel=True))
    return tuple(found)


# -- analysis: the stems a written word may come from -----------------------------------
@functools.lru_cache(maxsize=16384)
def stem_candidates(word: str, *, min_length: int = 2) -> tuple[str, ...]:
    """Every stem (folded) that `word` (folded) can be read as, plus suffixes; the word itself first.

    `barajlardaki` → (barajlardaki, baraj); `hesabimiz` → (…, hesap); `kaybi` → (…, kayip)."""
    found = [word]
    for cut in range(len(word) - 1, min_length - 1, -1):
        stem, rest = word[:cut], word[cut:]
        if not any(ch in "aeiou" for ch in stem):
            continue
        vowels, prevs = _readings(stem, True)
        if any(chain_ok(rest, "stem", v, p, True, stem in Y_BUFFER) for v in vowels for p in prevs):
            found.append(stem)
            if rest[0] in "aeiou":
                for full, short in VOWEL_DROP.items():
                    if ascii_fold(short) == stem:
                        found.append(ascii_fold(full))
                if stem[-1] in "bdg" and (_syllables(stem) > 1 or stem[-2:-1] in "rn"):
                    found.append(stem[:-1] + {"b": "p", "d": "t", "g": "k"}[stem[-1]])
    return tuple(dict.fromkeys(found))


def canonical_stem(stem: str) -> str:
    """A folded stem with a softened last consonant hardened: `yurd` and `yurt` are one stem."""
    if len(stem) > 2 and stem[-1] in "bdg" and (_syllables(stem) > 1 or stem[-2] in "rn"):
        return stem[:-1] + {"b": "p", "d": "t", "g": "k"}[stem[-1]]
    return stem


def inflections(stem: str, *, depth: int = 3, limit: int = 160) -> list[str]:
    """Folded inflected forms of a folded stem, shortest chains first (for exact-term search)."""
    forms: dict[str, None] = {stem: None}
    layer = [(base.text, "stem", v, p, base.before_vowel) for base in stems_of(stem, True)
             for v in base.vowels for p in base.prevs]
    y_buffer = stem in Y_BUFFER
    for _ in range(depth):
        following = []
        for written, node, vowel, prev, before_vowel in layer:
            for template, target in EDGES[node]:
                suffix, after = realise(template, vowel, prev, y_buffer and node == "stem")
                if suffix and not (before_vowel and suffix[0] not in VOWELS):
                    form = written + ascii_fold(suffix)
                    forms.setdefault(form, None)
                    following.append((form, target, after, suffix[-1], False))
        layer = following
        if len(forms) >= limit:
            break
    return list(forms)[:limit]
