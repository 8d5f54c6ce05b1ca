"""Turkish as an institution writes it: the one place where text is *produced* (suffixes.py reads it).

- `with_case(value, LOCATIVE)`: a case suffix after a value or a name, as it is read
  aloud: `14.30'da`, `13.00'te`, `Malatya'da`, `1.250'ye`, `112'yi`, `AFAD'ın`,
  `SGK'ye` (letter by letter), `Malatya'da (Yeşilyurt merkezli)`;
- `suffix_case("de")`: the case a template writes after a slot (`{when'de}`);
- `format_number` / `format_percent`: `1.250`, `3,29`, `%7,5` (English: `1,250`,
  `3.29`, `7.5%`);
- `duration`: `8 dk 15 sn`, `1 sa 30 dk`, `2 gün 3 sa` (English `8 min 15 s`);
- `clock_time` / `date_text` / `date_time`: `14.30`, `28 Kasım 2026`,
  `28 Kasım 2026 14.30 (TSİ)` in the institution's time zone;
- `upper_first` / `lower_first` / `join_words`: Turkish casing (`i` → `İ`), `a, b ve c`.

The functions hold no state: the language and the time zone are arguments.
"""

from __future__ import annotations

import datetime as dt
import re

from crisiscomm.text.fold import tr_lower
from crisiscomm.text.numbers import TENS, UNITS
from crisiscomm.text.suffixes import VOWELS, realise

LOCATIVE = "DA"  # -de/-da/-te/-ta
ABLATIVE = "DAn"  # -den/-dan/-ten/-tan
DATIVE = "(y)A"  # -e/-a/-ye/-ya
GENITIVE = "(n)In"  # -in/-ın/-nin/-nın …
ACCUSATIVE = "(y)I"  # -i/-ı/-yi/-yı …
INSTRUMENTAL = "(y)lA"  # -le/-la/-yle/-yla
COPULA = "DIr"  # -dir/-dır/-tir/-tür …
RELATIVE = "DAki"  # -deki/-daki/-teki/-taki

# What a template writes after a slot (`{when'de}`), in any of its forms, → the suffix.
_WRITTEN = {
    LOCATIVE: "de da te ta", ABLATIVE: "den dan ten tan", DATIVE: "e a ye ya",
    GENITIVE: "in ın un ün nin nın nun nün", ACCUSATIVE: "i ı u ü yi yı yu yü",
    INSTRUMENTAL: "le la yle yla", COPULA: "dir dır dur dür tir tır tur tür",
    RELATIVE: "deki daki teki taki",
}
SUFFIX_FORMS = {form: suffix for suffix, forms in _WRITTEN.items() for form in forms.split()}

_UNIT_WORDS = {v: k for k, v in UNITS.items()}
_TEN_WORDS = {v: k for k, v in TENS.items()}
# Consonants are read with an `e` (`SGK'ye`, `TBMM'ye`); these have names of their own.
_LETTER_NAMES = {"ğ": "yumuşak ge", "q": "kü", "w": "çift ve", "x": "iks"}
_TRAILING_NUMBER = re.compile(r"(\d+(?:[.,:]\d+)*)\W*$")
_LAST_WORD = re.compile(r"([^\W\d_]+)\W*$")
_PARENTHETICAL = re.compile(r"^(.*\S)(\s+\([^()]*\))$")
_SOFT = {"p": "b", "ç": "c", "t": "d", "k": "ğ"}


def number_word(n: int) -> str:
    """The last word of `n` read aloud: 112 → iki, 120 → yirmi, 300 → yüz, 5000 → bin."""
    if n == 0:
        return "sıfır"
    if n % 10:
        return _UNIT_WORDS[n % 10]
    if n % 100:
        return _TEN_WORDS[n % 100]
    if n % 1000:
        return "yüz"
    if n % 1_000_000:
        return "bin"
    return "milyon" if n % 1_000_000_000 else "milyar"


def _spoken_number(text: str) -> str:
    groups = re.split(r"[.,:]", text)
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and ":" not in text:
        return number_word(int("".join(groups)))  # 1.000 / 12.000.000: thousands
    if len(groups) > 1 and int(groups[-1]) == 0 and len(groups[-1]) == 2:
        return number_word(int(groups[-2]))  # 16.00, 16:00: "on altı"
    return number_word(int(groups[-1]))  # 12,5: "beş"; 04.17: "on yedi"


def _read_by_letters(word: str) -> bool:
    """An abbreviation read letter by letter: no vowel, or a consonant cluster at an end (ABD, DSİ);
    AFAD and NATO are read as words."""
    low = tr_lower(word)
    if not any(c in VOWELS for c in low):
        return True
    if not word.isupper() or len(word) < 2:
        return False
    return (low[0] not in VOWELS and low[1] not in VOWELS) or (low[-1] not in VOWELS and low[-2] not in VOWELS)


def spoken_ending(value: str) -> str:
    """The end of `value` as it is read aloud (enough to choose a suffix)."""
    value = value.strip()
    number = _TRAILING_NUMBER.search(value)
    word = _LAST_WORD.search(value)
    if number and (not word or number.end(1) > word.end(1)):
        return _spoken_number(number.group(1))
    if not word:
        return "e"
    text = word.group(1)
    if _read_by_letters(text):
        last = tr_lower(text[-1])
        return last if last in VOWELS else _LETTER_NAMES.get(last, last + "e")
    return tr_lower(text)


def _is_name(word: str) -> bool:
    """Numbers, times, codes and proper names take an apostrophe before a suffix."""
    return any(c.isdigit() or c.isupper() for c in word) or not word.isalpha()


# A compound's head that carries the possessive -(s)I takes a pronominal n before a case
# (`Karakaya Barajı'nda`, `İnönü Üniversitesi kampüsünde`, `Malatya Valiliği'nden`).
_COMPOUND_HEADS = frozenset(
    "barajı meydanı bulvarı merkezi limanı havalimanı tüneli yolu parkı stadyumu stadı okulu gölü köyü ili "
    "cumhuriyeti ofisi kurumu kurulu birimi ekibi".split())
_PRONOMINAL = {LOCATIVE: "ndA", ABLATIVE: "ndAn", DATIVE: "nA", GENITIVE: "nIn", ACCUSATIVE: "nI",
               RELATIVE: "ndAki"}


def _compound_head(words: list[str]) -> bool:
    if len(words) < 2:
        return False
    last = tr_lower(words[-1].strip(".,;:!?"))
    return last in _COMPOUND_HEADS or re.search(r"[sğ][ıiuü]$", last) is not None


def with_case(value: object, suffix: str) -> str:
    """`value` with `suffix` (LOCATIVE …) as Turkish writes it: `with_case("112", ABLATIVE)` → `112'den`.

    Names and values take an apostrophe and keep their letters; a common word takes the suffix
    directly, its last p/ç/t/k softened before a vowel (`bölge` → `bölgede`, `merkez` → `merkezi`).
    A closing parenthesis stays after the inflected word (`Malatya'da (Yeşilyurt)`).
    """
    value = str(value).strip()
    if not value:
        return value
    aside = _PARENTHETICAL.match(value)
    if aside:
        return with_case(aside.group(1), suffix) + aside.group(2)
    words = value.split()
    if _compound_head(words):
        suffix = _PRONOMINAL.get(suffix, suffix)
    ending = spoken_ending(value)
    vowel = next((c for c in reversed(ending) if c in VOWELS), "e")
    written = realise(suffix, vowel, ending[-1])[0]
    if _is_name(words[-1]):
        return f"{value}'{written}"
    syllables = sum(1 for c in words[-1] if c in VOWELS)
    if written[:1] in VOWELS and syllables > 1 and value[-1] in _SOFT:
        value = value[:-2] + "ng" if value.endswith("nk") else value[:-1] + _SOFT[value[-1]]
    return value + written


def suffix_case(written: str) -> str:
    """The suffix a template writes after a slot (`de`, `'den`, `ye`) → LOCATIVE, ABLATIVE, DATIVE …"""
    form = tr_lower(written.lstrip("'’"))
    if form not in SUFFIX_FORMS:
        known = ", ".join(f"'{forms.split()[0]}" for forms in _WRITTEN.values())
        raise ValueError(f"unknown suffix '{written}' (suffixes: {known})")
    return SUFFIX_FORMS[form]


# -- casing and lists ------------------------------------------------------------
def upper_first(text: str, lang: str = "tr") -> str:
    """The first letter in capitals, the Turkish way in Turkish (`ilk` → `İlk`)."""
    if not text:
        return text
    first = "İ" if lang == "tr" and text[0] == "i" else text[0].upper()
    return first + text[1:]


def lower_first(text: str, lang: str = "tr") -> str:
    """The first letter in small letters, unless the first word is an abbreviation (`SMS`, `AFAD`)."""
    if not text or (len(text) > 1 and text[1].isupper()):
        return text
    return (tr_lower(text[0]) if lang == "tr" else text[0].lower()) + text[1:]


def join_words(items: list[str], lang: str = "tr") -> str:
    """`a`, `a ve b`, `a, b ve c` (English: `a, b and c`)."""
    items = [i for i in items if i]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {'ve' if lang == 'tr' else 'and'} {items[-1]}"


# -- numbers ---------------------------------------------------------------------
def format_number(value: float, lang: str = "tr", places: int | None = None) -> str:
    """`1.250`, `3,29`, `12.500` (English `1,250`, `3.29`); `places` fixes the decimals."""
    if places is None:
        places = 0 if float(value).is_integer() else len(repr(float(value)).split(".")[1])
    text = f"{value:,.{places}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "tr" else text


def format_percent(value: float, lang: str = "tr", places: int | None = None) -> str:
    """`%7,5` (English `7.5%`)."""
    number = format_number(value, lang, places)
    return f"%{number}" if lang == "tr" else f"{number}%"


# -- durations -------------------------------------------------------------------
_DURATION_UNITS = {"tr": ("gün", "sa", "dk", "sn"), "en": ("d", "h", "min", "s")}


def duration(seconds: float, lang: str = "tr", parts: int = 2) -> str:
    """`8 dk 15 sn`, `1 sa 30 dk`, `2 gün 3 sa`, `56 sn` (English `8 min 15 s`): the `parts`
    largest units; a negative duration starts with `-`."""
    total = int(round(abs(seconds)))
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    names = _DURATION_UNITS.get(lang, _DURATION_UNITS["en"])
    amounts = [(n, name) for n, name in zip((days, hours, minutes, secs), names)]
    while amounts and amounts[0][0] == 0 and len(amounts) > 1:
        amounts.pop(0)
    shown = [f"{n} {name}" for n, name in amounts[:parts] if n]
    return ("-" if seconds < 0 and total else "") + (" ".join(shown) or f"0 {names[-1]}")


# -- dates and times -------------------------------------------------------------
MONTHS = {
    "tr": ("Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim",
           "Kasım", "Aralık"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
TURKEY_ZONES = frozenset({"Europe/Istanbul", "Asia/Istanbul", "Turkey"})


def _local(moment: dt.datetime, tz: dt.tzinfo | None) -> dt.datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(tz) if tz is not None else moment


def clock_time(moment: dt.datetime, lang: str = "tr", tz: dt.tzinfo | None = None, *, seconds: bool = False) -> str:
    """`14.30` (English `14:30`) in `tz`; `seconds`: `14.30.05` (`14:30:05`)."""
    local = _local(moment, tz)
    sep = "." if lang == "tr" else ":"
    return sep.join(f"{part:02d}" for part in (local.hour, local.minute, *((local.second,) if seconds else ())))


def date_text(moment: dt.datetime, lang: str = "tr", tz: dt.tzinfo | None = None) -> str:
    """`28 Kasım 2026` (English `28 November 2026`) in `tz`."""
    local = _local(moment, tz)
    return f"{local.day} {MONTHS.get(lang, MONTHS['en'])[local.month - 1]} {local.year}"


def zone_label(moment: dt.datetime, lang: str = "tr", tz: dt.tzinfo | None = None) -> str:
    """`TSİ` for Turkey's time in Turkish, otherwise the offset: `UTC+3`, `UTC+5:30`, `UTC`."""
    local = _local(moment, tz)
    if lang == "tr" and str(getattr(tz, "key", "")) in TURKEY_ZONES:
        return "TSİ"
    offset = local.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    if not minutes:
        return "UTC"
    sign, minutes = ("+" if minutes > 0 else "-"), abs(minutes)
    return f"UTC{sign}{minutes // 60}" + (f":{minutes % 60:02d}" if minutes % 60 else "")


def date_time(moment: dt.datetime, lang: str = "tr", tz: dt.tzinfo | None = None, *, zone: bool = True) -> str:
    """`28 Kasım 2026 14.30 (TSİ)` (English `28 November 2026, 14:30 (UTC+3)`) in `tz`."""
    text = f"{date_text(moment, lang, tz)}{' ' if lang == 'tr' else ', '}{clock_time(moment, lang, tz)}"
    return f"{text} ({zone_label(moment, lang, tz)})" if zone else text
