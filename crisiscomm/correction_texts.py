"""Corrections written as prose a team can publish as is.

- A channel correction (the consistency tracker's): what is true now first, each
  wrong fact in a sentence with its name or phrase (`112 kişi yaralanmıştır`),
  unconfirmed facts hedged, then which post it corrects (the channel by its name,
  with its Turkish suffix: `X'te`, `web sitesinde`), then the next update. The old,
  wrong values are never repeated (the lint would read them as contradictions).
- A claim correction (the truth sandwich of the disinformation playbook): the
  verified information and its source first, then that the claim is wrong — without
  its wording or its numbers — then where the truth is and the next update.

Each is fitted to its channel: sentences that can go are dropped, last first, until
the text fits (X 280, SMS five parts …), and confirmed figures become a list
(`Güncel bilgiler: yaralı sayısı 112, can kaybı 7.`) when sentences do not fit; the
full text is the body, the fitted one the short form X, Bluesky and SMS get.
"""

from __future__ import annotations

import re

from crisiscomm.fact_names import display_name, fact_names
from crisiscomm.i18n import register, t_in
from crisiscomm.posts import channel_name
from crisiscomm.statements import channels
from crisiscomm.text.grammar import COPULA, LOCATIVE, lower_first, upper_first, with_case

register({
    "fix.now": {"tr": "Güncel bilgilere göre {facts}.", "en": "According to current figures, {facts}."},
    "fix.now_unconfirmed": {"tr": "İlk belirlemelere göre {facts}.", "en": "According to initial reports, {facts}."},
    "fix.fact": {"tr": "{name} {value_is}", "en": "the {name} is {value_is}"},
    "fix.compact": {"tr": "Güncel bilgiler: {facts}.", "en": "Current figures: {facts}."},
    "fix.earlier": {"tr": "{where} daha önce paylaştığımız {names} bilgisi bu açıklamayla düzeltilmiştir.",
                    "en": "This corrects the {names} we posted earlier {where}."},
    # where a post went out, as a sentence says it: `X hesabımızda`, `on our website`, `by SMS`
    "fix.where.account": {"tr": "{channel} hesabımızda", "en": "on our {channel} account"},
    "fix.where.website": {"tr": "Web sitemizde", "en": "on our website"},
    "fix.where.press": {"tr": "Basın bültenimizde", "en": "in our press release"},
    "fix.where.sms": {"tr": "SMS ile", "en": "by SMS"},
    "fix.where.email": {"tr": "E-posta ile", "en": "by e-mail"},
    "fix.where.phone": {"tr": "Telefonla", "en": "by phone"},
    "fix.next_update": {"tr": "Bir sonraki bilgilendirme saat {time_at} yapılacaktır.",
                        "en": "Next update at {time_at}."},
    "fix.keep_informed": {"tr": "Gelişmeler bu hesaptan paylaşılacaktır.",
                          "en": "We will share further information on this account."},
    "fix.claim_source": {"tr": "Kaynak: {source}.", "en": "Source: {source}."},
    "fix.claim_false": {"tr": "Bu konuda sosyal medyada dolaşan iddia doğru değildir.",
                        "en": "The claim circulating on social media about this is false."},
    "fix.claim_misleading": {"tr": "Bu konuda sosyal medyada dolaşan iddia yanıltıcıdır.",
                             "en": "The claim circulating on social media about this is misleading."},
    "fix.claim_website": {"tr": "Doğrulanmış bilgiler: {website}", "en": "Verified information: {website}"},
    "fix.claim_official": {"tr": "Lütfen paylaşmadan önce resmî kaynakları kontrol ediniz.",
                           "en": "Please check official sources before sharing."},
})

# The tightest channels a short form is fitted to.
SHORT_FIT = ("x", "bluesky", "sms")
_ATTRIBUTED = re.compile(r"(?i)\b(göre|according to|kaynak|source)\b")


def _join(items: list[str], lang: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {'ve' if lang == 'tr' else 'and'} {items[-1]}"


def fact_clause(key: str, value: str, lang: str) -> str:
    """`112 kişi yaralanmıştır`, `bilgi hattı 0 800 314 23 45'tir`, `the information line is …`."""
    phrase = fact_names().phrase(key, lang)
    if phrase:
        return phrase.replace("{value}", value)
    name = lower_first(display_name(key, lang), lang)
    return t_in(lang, "fix.fact", name=name, value_is=with_case(value, COPULA) if lang == "tr" else value)


def _facts_sentence(rows: list[dict], lang: str) -> str:
    """One sentence per kind of certainty: confirmed facts, then unconfirmed ones hedged."""
    sentences = []
    for unconfirmed in (False, True):
        chosen = [r for r in rows if (r["status"] == "unconfirmed") == unconfirmed]
        if chosen:
            clauses = _join([fact_clause(r["key"], r["value"], lang) for r in chosen], lang)
            sentences.append(t_in(lang, "fix.now_unconfirmed" if unconfirmed else "fix.now", facts=clauses))
    return " ".join(sentences)


def next_update_sentence(sheet: dict[str, dict], lang: str) -> str:
    row = sheet.get("next_update")
    if row is None:
        return t_in(lang, "fix.keep_informed")
    return t_in(lang, "fix.next_update", time_at=with_case(row["value"], LOCATIVE) if lang == "tr" else row["value"])


def first_fitting(candidates: list[list[str]], channel: str, *, exercise: bool = False) -> str:
    """The first candidate (a list of sentences, longest first) that fits `channel`, else the last."""
    texts = [" ".join(s for s in sentences if s) for sentences in candidates]
    for text in texts:
        marked = channels.with_exercise_mark(text) if exercise else text
        if not channels.measure(channels.channel_text(marked, channel), channel).over:
            return text
    return texts[-1]


def _compact(rows: list[dict], lang: str) -> str:
    """`Güncel bilgiler: yaralı sayısı 112, can kaybı 7.` for a channel too short for sentences."""
    pairs = ", ".join(f"{lower_first(display_name(r['key'], lang), lang)} {r['value']}" for r in rows)
    return t_in(lang, "fix.compact", facts=pairs)


def _where(channel: str, lang: str) -> str:
    if channel in ("website", "press", "sms", "email", "phone"):
        return t_in(lang, f"fix.where.{channel}")
    return t_in(lang, "fix.where.account", channel=channel_name(channel, lang))


def channel_correction(sheet: dict[str, dict], wrong: list[str], channel: str, lang: str, *,
                       missing: list[str] = (), exercise: bool = False) -> tuple[str, str]:
    """(body, short form) correcting `channel` on the facts `wrong` (keys), from the fact sheet;
    with nothing wrong, an update with the counts the channel has not given (`missing`)."""
    told = wrong or [k for k in missing if fact_names().phrase(k, lang)]
    stated = [sheet[k] for k in told if k in sheet and k != "next_update"]
    truth = _facts_sentence(stated, lang) if stated else ""
    names = _join([lower_first(display_name(k, lang), lang) for k in wrong], lang)
    earlier = t_in(lang, "fix.earlier", names=names, where=_where(channel, lang)) if wrong else ""
    closing = next_update_sentence(sheet, lang)
    candidates = [[truth, earlier, closing], [truth, closing]] if truth else [[earlier, closing]]
    unconfirmed = [r for r in stated if r["status"] == "unconfirmed"]
    if stated and not unconfirmed:  # hedged facts keep their sentence: a list would state them as certain
        candidates.append([_compact(stated, lang), closing])
    return (first_fitting(candidates, channel, exercise=exercise),
            first_fitting(candidates, "x", exercise=exercise))


def claim_correction(status: str, source: str, note: str, sheet: dict[str, dict], lang: str, *,
                     exercise: bool = False) -> tuple[str, str]:
    """(body, short form) of a false or misleading claim's correction: truth, myth named not
    repeated, truth again."""
    truth = note.strip()
    if truth and truth[-1] not in ".!?":
        truth += "."
    truth = upper_first(truth, lang)
    attributed = source.strip() and not _ATTRIBUTED.search(truth) and source.strip().lower() not in truth.lower()
    verdict = t_in(lang, f"fix.claim_{status}")
    source_line = t_in(lang, "fix.claim_source", source=source.strip()) if attributed else ""
    website = sheet.get("website")
    checking = t_in(lang, "fix.claim_website", website=website["value"]) if website else ""
    closing = next_update_sentence(sheet, lang)
    candidates = [
        [truth, source_line, verdict, checking, t_in(lang, "fix.claim_official"), closing],
        [truth, source_line, verdict, checking, closing],
        [truth, source_line, verdict, closing],
        [truth, verdict, closing],
    ]
    return " ".join(s for s in candidates[0] if s), first_fitting(candidates, "x", exercise=exercise)
