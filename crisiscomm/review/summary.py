"""An incident's metrics as lines a person reads (`crisiscomm metrics`): the report's headings and
sentences, durations in `sa dk sn`, numbers in the reader's notation; `--json` keeps the figures."""

from __future__ import annotations

from crisiscomm import i18n
from crisiscomm.clock import format_clock
from crisiscomm.review import strings  # noqa: F401  (the report's words, shared with these lines)
from crisiscomm.review.render import duration
from crisiscomm.review.render import hour_range
from crisiscomm.text.grammar import format_number

i18n.register({
    "summary.clock": {"tr": "Olay saati: {clock}", "en": "Incident clock: {clock}"},
    "summary.first": {"tr": "{label}: {value}", "en": "{label}: {value}"},
    "summary.latency": {
        "tr": "{approved} sürüm onaylandı (ortanca {median}, en uzun {longest}); {waiting} onay bekliyor, "
              "{rejected} geri çevrildi",
        "en": "{approved} versions approved (median {median}, longest {longest}); {waiting} waiting, {rejected} "
              "rejected"},
    "summary.statements": {"tr": "{count} açıklama", "en": {"one": "{count} statement", "other": "{count} statements"}},
    "summary.mentions_none": {"tr": "İçerik yok; {spikes} ani artış",
                              "en": {"one": "No mentions; {spikes} spike", "other": "No mentions; {spikes} spikes"}},
    "summary.spikes": {"tr": "{count} ani artış", "en": {"one": "{count} spike", "other": "{count} spikes"}},
    "summary.median": {"tr": "{label}: ortanca {value}", "en": "{label}: median {value}"},
})


def _n(value) -> str:
    return "—" if value is None else format_number(round(value, 1), i18n.get_lang())


def _unavailable(title: str, section: dict) -> str:
    reason = i18n.t(f"review.reason.{section.get('reason')}")
    return f"{title}: {i18n.t('report.not_available').lower()} ({reason})"


def incident_lines(data: dict) -> list[str]:
    """`IncidentMetrics.all()` as one heading and one sentence per area."""
    lines = [i18n.t("summary.clock", clock=format_clock(data.get("clock_now_s") or 0))]
    sections = [("first_statement", "report.first_statement", _first), ("approval_latency", "report.approval_latency",
                _latency), ("checklist", "report.checklist", _checklist), ("mentions", "report.mentions", _mentions),
                ("consistency", "report.consistency", _consistency), ("claims", "report.claims", _claims),
                ("update_cadence", "report.update_cadence", _cadence), ("drill", "report.drill", _drill)]
    for name, title_key, describe in sections:
        section = data.get(name)
        if section is None:
            continue
        title = i18n.t(title_key)
        lines.append(_unavailable(title, section) if not section.get("available", True)
                     else f"{title}: {describe(section)}")
    return lines


def _first(s: dict) -> str:
    def after(seconds):
        return i18n.t("report.after_start", d=duration(seconds)) if seconds is not None else i18n.t("report.not_yet")

    return "; ".join([i18n.t("summary.statements", count=s["statements"]),
                      i18n.t("summary.first", label=i18n.t("report.first_approved"), value=after(s["approved_after_s"])),
                      i18n.t("summary.first", label=i18n.t("report.first_published"),
                             value=after(s["published_after_s"]))])


def _latency(a: dict) -> str:
    return i18n.t("summary.latency", approved=a["approved"], median=duration(a["median_s"]), longest=duration(a["max_s"]),
                  waiting=a["waiting"], rejected=a["rejected"])


def _checklist(c: dict) -> str:
    return i18n.t("report.checklist_summary", met=c["met"], late=c["late"], missed=c["missed"], pending=c["pending"],
                  skipped=c["skipped"], total=duration(c["total_late_s"]))


def _mentions(m: dict) -> str:
    spikes = len(m.get("spikes") or [])
    if not m["total"]:
        return i18n.t("summary.mentions_none", spikes=spikes, count=spikes)
    peak = m["peak"] or {}
    return "; ".join([i18n.t("report.mentions_summary", total=m["total"], avg=_n(m["average_per_hour"]),
                             hour=hour_range(peak.get("hour", 0)), peak=peak.get("count", 0)),
                      i18n.t("summary.spikes", count=spikes)])


def _consistency(k: dict) -> str:
    return i18n.t("report.consistency_summary", total=k["total"], resolved=k["resolved"], dismissed=k["dismissed"],
                  open=k["open"])


def _claims(c: dict) -> str:
    return i18n.t("report.claims_summary", total=c["total"], verdict=duration(c["median_to_verdict_s"]),
                  correction=duration(c["median_to_correction_s"]), awaiting=c["awaiting_verdict"])


def _cadence(u: dict) -> str:
    return i18n.t("report.update_cadence_summary", promised=u["promised"], on_time=u["met_on_time"],
                  late=u["met_late"], max_late=duration(u["max_late_s"]), renewed=u["renewed"], missed=u["missed"],
                  pending=u["pending"])


def _drill(d: dict) -> str:
    score = d.get("score") or {}
    percent = score.get("percent")
    return f"{d.get('scenario')}: " + i18n.t(
        "report.drill_summary", met=score.get("met", 0), late=score.get("late", 0), missed=score.get("missed", 0),
        pending=score.get("pending", 0), percent="—" if percent is None else _n(percent))


def across_lines(data: dict) -> list[str]:
    """The medians across actual incidents (`across_incidents`)."""
    return [
        i18n.t("report.comparison_note", n=data["incidents"], x=data["exercises_excluded"]),
        i18n.t("summary.median", label=i18n.t("report.first_approved"), value=duration(data["median_first_approved_s"])),
        i18n.t("summary.median", label=i18n.t("report.first_published"), value=duration(data["median_first_published_s"])),
        i18n.t("summary.median", label=i18n.t("report.approval_latency"),
               value=duration(data["median_approval_latency_s"])),
        i18n.t("report.deadlines_met_missed", met=data["deadlines_met"], missed=data["deadlines_missed"]),
    ]
