"""Operator names compared the way people read them.

A name is taken as written (terminal escape sequences dropped) after NFKC normalisation (full-width `ａｙｓｅ` is
`ayse`, a decomposed `ayşe` is the composed one), on one line. A name is
refused, with the reason, when it carries characters a reader cannot see
(zero-width, bidi controls, a byte-order mark, any other format or control
character) or mixes look-alike letters of different scripts (`аyse` with a
Cyrillic `а`).

Two names are the same person when their identity keys are equal: Turkish
case folding (`AYŞE`, `İSMAİL`), the Unicode TR39 confusable skeleton (ICU's
SpoofChecker: Cyrillic `ауѕе` looks like `ayse`, `rn` like `m`), marks
removed (`ayşe` is how `ayse` is typed on a Turkish keyboard) and case folded
again. The two-person rule and team.toml lookups use the key; what is stored
is the name as written (NFKC).
"""

from __future__ import annotations

import functools
import unicodedata

from crisiscomm.errors import CrisisError
from crisiscomm.printable import without_sequences
from crisiscomm.text.fold import tr_lower
from crisiscomm.file_strings import t

MAX_NAME = 100


class InvalidName(CrisisError):
    """An operator name that cannot be used, with why."""


def _char_name(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, t('file.name.unnamed'))}"


def shown(raw: str) -> str:
    """A name as it can be shown: characters a terminal would hide or obey as <U+XXXX>."""
    return "".join(f"<U+{ord(ch):04X}>" if unicodedata.category(ch)[0] in "CZ" and ch != " " else ch for ch in raw)


@functools.cache
def _spoof_checker():
    import icu  # PyICU: loaded on the first name compared (~10 ms)

    checker = icu.SpoofChecker()
    checker.setChecks(icu.USpoofChecks.RESTRICTION_LEVEL)
    checker.setRestrictionLevel(icu.URestrictionLevel.MODERATELY_RESTRICTIVE)
    return checker


def _scripts(name: str) -> list[str]:
    seen: dict[str, None] = {}
    for ch in name:
        if ch.isalpha():
            seen.setdefault(unicodedata.name(ch, "UNKNOWN").split()[0].title(), None)
    return list(seen)


def check_name(raw: str) -> str:
    """The name as it will be recorded (NFKC, spaces collapsed), or InvalidName saying why.
    Whole terminal escape sequences are dropped first (they show as nothing, like everywhere else)."""
    raw = without_sequences(raw)
    for ch in raw:
        category = unicodedata.category(ch)
        if category == "Cf":
            raise InvalidName(t("file.name.invisible", name=shown(raw), char=_char_name(ch)))
        if category in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp"):
            raise InvalidName(t("file.name.control", name=shown(raw), char=_char_name(ch)))
    name = " ".join(unicodedata.normalize("NFKC", raw).split())
    if not name:
        raise InvalidName(t("file.name.empty"))
    if len(name) > MAX_NAME:
        raise InvalidName(t("file.name.long", max_name=MAX_NAME))
    if _spoof_checker().check(name):
        scripts = t("file.name.and").join(_scripts(name)) or t("file.name.scripts")
        raise InvalidName(t("file.name.mixed", name=name, scripts=scripts))
    return name


@functools.lru_cache(maxsize=1024)
def identity_key(name: str) -> str:
    """What two spellings of one person share (see the module's docstring)."""
    folded = tr_lower(unicodedata.normalize("NFKC", name)).casefold()
    skeleton = str(_spoof_checker().getSkeleton(0, folded))
    plain = "".join(ch for ch in unicodedata.normalize("NFD", skeleton) if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def same_person(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and identity_key(a) == identity_key(b)
