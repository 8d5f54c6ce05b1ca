"""Times as a person in the room reads them: how long ago, and when, in local time.

`3dk 14.02` today, `5g 23 Kas 02.08` on another day, `23 Kas 2025` in
another year (English `14:02`); an item five days old never looks like one
from this morning. Times of day are the institution's (`CRISISCOMM_TZ`, as
every listing of the command line), or in a drill the scenario's own zone.
Counted from the incident's now (`crisiscomm.world_time`): in a drill with a
scenario start, its mention of 05.07 is `2dk` old at the scenario's 05.09.
"""

from __future__ import annotations

import datetime as dt

from crisiscomm import config, i18n
from crisiscomm.clock import parse_iso
from crisiscomm.text.grammar import clock_time
from crisiscomm.world_time import World

MONTHS = {
    "tr": ("Oca", "Şub", "Mar", "Nis", "May", "Haz", "Tem", "Ağu", "Eyl", "Eki", "Kas", "Ara"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
UNITS = {"tr": ("sn", "dk", "sa", "g"), "en": ("s", "m", "h", "d")}


def now() -> dt.datetime:
    """The moment ages are counted from (tests fix it)."""
    return dt.datetime.now(dt.timezone.utc)


WIDTH = 16  # the longest: "99g 23 Kas 02.08"
SHORT_WIDTH = 10  # "99g 23 Kas" (the time of day only for today)


def age(moment: dt.datetime, now: dt.datetime) -> str:
    """`45sn`, `3dk`, `2sa`, `5g` (Turkish) or `45s`, `3m`, `2h`, `5d`."""
    seconds, minutes, hours, days = UNITS[i18n.get_lang()]
    delta = max(0, int((now - moment).total_seconds()))
    if delta < 60:
        return f"{delta}{seconds}"
    if delta < 3600:
        return f"{delta // 60}{minutes}"
    if delta < 86400:
        return f"{delta // 3600}{hours}"
    return f"{delta // 86400}{days}"


def stamp(moment: dt.datetime, now: dt.datetime, *, short: bool = False, zone: dt.tzinfo | None = None) -> str:
    """Local time (in `zone`, else the institution's); the date too when it is not today (`short`: the
    date alone); the year in another year."""
    zone = zone or config.current().tz
    local, today = moment.astimezone(zone), now.astimezone(zone)
    lang = i18n.get_lang()
    month = MONTHS[lang][local.month - 1]
    if local.year != today.year:
        return f"{local.day} {month} {local.year}"
    time_of_day = clock_time(local, lang, zone)
    if local.date() != today.date():
        return f"{local.day} {month}" if short else f"{local.day} {month} {time_of_day}"
    return time_of_day


def age_and_time(value: str | dt.datetime | None, at: dt.datetime | None = None, *, width: int = WIDTH,
                 zone: dt.tzinfo | None = None) -> str:
    """`3dk 14.02` from an ISO time, shorter to fit `width` (down to the age alone), `at` being now;
    `--:--` when there is none (or it cannot be read)."""
    if not value:
        return "--:--"
    try:
        moment = parse_iso(value) if isinstance(value, str) else value
    except ValueError:
        return "--:--"
    at = at or now()
    if width < SHORT_WIDTH:
        return age(moment, at)
    return f"{age(moment, at)} {stamp(moment, at, short=width < WIDTH, zone=zone)}"


def world_age(world: World, value: str | None, *, recorded: bool = True, width: int = WIDTH) -> str:
    """`age_and_time` in the incident's time: a stored (`recorded`) time placed there first; a time the
    content itself carries (a mention's publication, in a drill the scenario's) read as it is; a
    scenario's times of day in its own zone, as the header shows its now."""
    moment = world.recorded(value) if recorded else value
    return age_and_time(moment, world.now(now()), width=width, zone=world.zone)
