"""Turkish numbers, percentages and times of day as a Turkish reader reads them.

- `read_number(words)`: a number written with words and scale words, digits
  mixed in: `üç yüz` 300, `bin beş yüz` 1500, `4 bin 750` 4750,
  `2,5 milyon` 2500000, `on iki` 12.
- `clock_phrases(lowered)`: times with their day part: `gece saat 11'de`
  23:00, `akşam saat 9'da` 21:00, `sabah 7'de` 07:00, `öğleden sonra 3'te`
  15:00, `saat dokuzda` 09:00, `9 buçukta` 09:30, `saat 10'a çeyrek kala` 09:45,
  `9'u 20 geçe` 09:20, `gece yarısı` 00:00.
- `percent_phrases(lowered)`: `%7,5`, `% 40`, `yüzde 7,5`, `yüzde elli`.

Functions take `tr_lower`ed text and return positions in it.
"""

from __future__ import annotations

import re

UNITS = {"sıfır": 0, "bir": 1, "iki": 2, "üç": 3, "dört": 4, "beş": 5, "altı": 6, "yedi": 7, "sekiz": 8, "dokuz": 9}
TENS = {"on": 10, "yirmi": 20, "otuz": 30, "kırk": 40, "elli": 50, "altmış": 60, "yetmiş": 70, "seksen": 80, "doksan": 90}
SCALES = {"bin": 1_000, "milyon": 1_000_000, "milyar": 1_000_000_000}
HUNDRED = "yüz"
NUMBER_WORDS = {**UNITS, **TENS, HUNDRED: 100, **SCALES}
# Inflected forms that are other words: `ona` (to him), `altında` (under), `yüzünden`
# (because of), `bire bir`: these take a suffix only at the end of a longer number.
AMBIGUOUS_INFLECTED = frozenset({"bir", "on", "altı", "yüz", "bin", "sıfır"})
APPROXIMATE_BEFORE = frozenset({"yaklaşık", "tahmini", "tahminen", "ortalama", "about", "around", "approximately",
                                "roughly", "nearly", "some"})
APPROXIMATE_AFTER = frozenset({"civarında", "civarı", "kadar", "dolayında"})
AT_LEAST_AFTER = frozenset({"fazla", "aşkın", "geçkin", "üzerinde", "üzeri"})  # `12'den fazla`, `500'ü aşkın`


def parse_decimal(text: str) -> float:
    """`1.250` → 1250, `2,5` → 2.5, `1,250` → 1250 (English thousands), `12.000.000`."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
        text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    return float(text)


def number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def read_number(parts: list[float | str]) -> tuple[float, int] | None:
    """The value of the longest number at the start of `parts` (digit values or uninflected number
    words) and how many parts it used; None when it does not start with a number."""
    total, group, used, last = 0.0, 0.0, 0, None  # group: the part below the last scale word
    for part in parts:
        if isinstance(part, float):
            ok = last in (None, "scale")
            kind, group_after = "digits", part
        elif part in SCALES:
            ok = last not in ("scale",) and (last is not None or part == "bin")
            kind = "scale"
        elif part == HUNDRED:
            ok = last in (None, "scale", "unit") and group < 10
            kind, group_after = "hundred", (group or 1) * 100
        elif part in TENS:
            ok = last not in ("tens", "unit", "digits") and group % 100 == 0
            kind, group_after = "tens", group + TENS[part]
        elif part in UNITS:
            ok = last not in ("unit", "digits") and group % 10 == 0
            kind, group_after = "unit", group + UNITS[part]
        else:
            ok = False
        if not ok:
            break
        if kind == "scale":
            total += (group or 1) * SCALES[part]
            group = 0.0
        else:
            group = group_after
        last = kind
        used += 1
    if used == 0:
        return None
    return total + group, used


# -- times of day --------------------------------------------------------------------
_HOUR_WORDS = "on iki|on bir|bir|iki|üç|dört|beş|altı|yedi|sekiz|dokuz|on"
_HOUR_VALUE = {w: n for w, n in (("on iki", 12), ("on bir", 11), *UNITS.items(), ("on", 10))}
_MINUTE_WORDS = {"çeyrek": 15, "beş": 5, "on": 10, "on beş": 15, "yirmi": 20, "yirmi beş": 25}
_DAY_PART = r"gece yarısı|sabaha karşı|öğleden sonra|öğlen|öğle|sabah|akşam|gece|ikindi"
# a suffix of place or time on the hour: 9'da, 11'de, dokuzda, 3'te, 10'a (kala), 9'u (geçe)
_SUFFIX = r"(?:'?(?:y?[ae]|[ıiuü]|n?[dt][ae]n?|ya|ye|[dt][ae]ki))"
_CLOCK = re.compile(
    rf"(?<!\w)(?:(?P<part>{_DAY_PART})(?:\s+saat)?|(?P<saat>saat))\s+"
    rf"(?P<hour>\d{{1,2}}|{_HOUR_WORDS})(?![\w])?(?::(?P<minute>[0-5]\d)|\.(?P<dotmin>[0-5]\d)(?!\d))?"
    rf"(?P<suffix>{_SUFFIX})?(?!\w)"
    rf"(?:\s+(?P<half>buçuk)\w*"
    rf"|\s+(?P<minutes>\d{{1,2}}|çeyrek|yirmi beş|on beş|yirmi|beş|on)\s+(?P<way>geçe|kala)(?!\w))?"
)
_MIDNIGHT = re.compile(r"(?<!\w)gece yarısı(?:ndan|nda|na|)(?!\w)(?!\s+(?:saat\s+)?\d)")


def day_part_hour(part: str | None, hour: int) -> int:
    """The 24-hour hour for `hour` said with a day part (`akşam 9` → 21, `gece 11` → 23, `gece 2` → 2)."""
    if part in ("akşam", "öğleden sonra", "ikindi") and 1 <= hour <= 11:
        return hour + 12
    if part in ("öğle", "öğlen") and 1 <= hour <= 6:
        return hour + 12
    if part == "gece" and 6 <= hour <= 11:
        return hour + 12
    if part in ("gece", "akşam", "gece yarısı") and hour == 12:
        return 0
    return hour


def clock_phrases(low: str) -> list[tuple[int, int, str]]:
    """(start, end, "HH:MM") for each time of day said in words and digits."""
    found = []
    for m in _CLOCK.finditer(low):
        hour_text = m.group("hour")
        hour = int(hour_text) if hour_text.isdigit() else _HOUR_VALUE[hour_text]
        minute = int(m.group("minute") or m.group("dotmin") or 0)
        spelled_minutes = m.group("minute") or m.group("dotmin")
        if m.group("part") and not (m.group("saat") or m.group("suffix") or spelled_minutes or m.group("half")
                                    or m.group("way") or "saat" in m.group(0)):
            continue  # `gece 2 kişi`: a day part and a count, not a time
        if hour > 23:
            continue
        if m.group("half"):
            minute = 30
        elif m.group("way"):
            said = m.group("minutes")
            minutes = int(said) if said.isdigit() else _MINUTE_WORDS[said]
            if minutes >= 60:
                continue
            if m.group("way") == "kala":
                hour, minute = (hour - 1) % 24, 60 - minutes
            else:
                minute = minutes
        hour = day_part_hour(m.group("part"), hour) if hour <= 12 else hour
        found.append((m.start(), m.end(), f"{hour:02d}:{minute:02d}"))
    for m in _MIDNIGHT.finditer(low):
        if not any(s <= m.start() < e for s, e, _v in found):
            found.append((m.start(), m.end(), "00:00"))
    return sorted(found)


# -- percentages ------------------------------------------------------------------------
_PERCENT = re.compile(
    r"%\s?(?P<a>\d+(?:[.,]\d+)?)|(?P<b>\d+(?:[.,]\d+)?)\s?%"
    r"|(?<!\w)yüzde\s+(?P<c>\d+(?:[.,]\d+)?)"
    rf"|(?<!\w)yüzde\s+(?P<w>(?:(?:{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))})(?:\s+|(?=\W|$)))+)"
)


def percent_phrases(low: str) -> list[tuple[int, int, str]]:
    """(start, end, value) for `%7,5`, `40 %`, `yüzde 7,5`, `yüzde elli`."""
    found = []
    for m in _PERCENT.finditer(low):
        digits = m.group("a") or m.group("b") or m.group("c")
        if digits:
            value = float(digits.replace(",", "."))
            end = m.end()
        else:
            words = m.group("w").split()
            read = read_number(words)
            if read is None:
                continue
            value = read[0]
            end = m.start("w") + len(" ".join(words[:read[1]]))
        found.append((m.start(), end, number_text(value)))
    return found
