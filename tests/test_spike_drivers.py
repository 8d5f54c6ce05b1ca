"""What drives a spike: rising terms (Turkish-folded), feeds, authors new to the incident, reach,
and the same hour a day and a week before when the database has it."""

from __future__ import annotations

import datetime as dt

from crisiscomm import alerts, incidents, timeline
from crisiscomm.clock import iso, utc_now
from crisiscomm.feeds import spike_drivers, spikes
from crisiscomm.feeds.registry import add_feed
from crisiscomm.mentions import add_mentions


def row(text, **kw):
    return {"title": "", "text": text, **kw}


def test_terms_that_rose_folded_and_shown_as_written():
    spike = [row("KIZILAY çadır satıyor #Malatya"), row("Kızılay'ın çadırları satılık mı?"),
             row("kizilay cadir sattı deprem"), row("Kızılay çadır parası #malatya deprem")]
    baseline = [row("deprem bölgesinde arama kurtarma"), row("deprem sonrası artçılar"), row("Malatya deprem")]
    terms = [t["term"] for t in spike_drivers.top_terms(spike, baseline)]
    assert terms[0] == "kızılay" and "çadır" in terms
    assert "deprem" not in terms  # as common before the spike: it does not explain it
    assert not {"ve", "bir", "mı"} & set(terms)


def test_feeds_reach_and_summary():
    spike = [row("a", feed="X arama", reach=120_000, handle="@buyuk"), row("b", feed="X arama", reach=300),
             row("c", feed="Haber", reach=None), row("d", feed="X arama")]
    assert spike_drivers.feeds(spike)[0] == {"feed": "X arama", "mentions": 3, "share": 0.75}
    reach = spike_drivers.reach(spike)
    assert reach["total"] == 120_300 and reach["reported_by"] == 2 and reach["widest"]["author"] == "@buyuk"
    assert spike_drivers.reach([row("x")]) is None  # no source says: nothing made up
    line = spike_drivers.summary({"terms": [{"term": "kızılay"}], "feeds": spike_drivers.feeds(spike),
                                  "new_authors": {"count": 3}, "reach": reach,
                                  "same_hour": {"day_before": 0.4, "week_before": None}})
    assert line == "kızılay · X arama 75% · 3 new authors · reach 120.3K · this hour yesterday 0.4/min"


def _feed(store, tmp_path, name, trust="social"):
    path = tmp_path / f"{name}.xml"
    path.write_text("<rss/>")
    return add_feed(store, str(path), operator="ayse", name=name, trust=trust, polled=False)["id"]


def test_a_logged_spike_says_what_drives_it(store, tmp_path):
    now = utc_now().replace(second=30, microsecond=0)
    incident = incidents.open_incident(store, "Deprem", "general", operator="ayse", started_at=now - dt.timedelta(hours=2))
    x = _feed(store, tmp_path, "X arama")
    news = _feed(store, tmp_path, "Haber", "media")
    # the database has been collecting for ten days: a week and a day ago are known hours
    add_mentions(store, [{"guid": "first", "text": "ilk kayıt"}], operator="sistem", feed_id=news,
                 fetched_at=iso(now - dt.timedelta(days=10)))
    add_mentions(store, [{"guid": f"w{n}", "text": "hava durumu"} for n in range(120)], operator="sistem",
                 feed_id=news, fetched_at=iso(now - dt.timedelta(days=7)))
    add_mentions(store, [{"guid": f"d{n}", "text": "trafik"} for n in range(30)], operator="sistem",
                 feed_id=news, fetched_at=iso(now - dt.timedelta(days=1)))
    # the quiet half hour before: deprem, by @eski
    for minute in range(3, 28, 5):
        add_mentions(store, [{"guid": f"b{minute}", "text": "deprem bölgesinde çalışmalar sürüyor", "author": "@eski"}],
                     operator="sistem", feed_id=news, fetched_at=iso(now - dt.timedelta(minutes=minute)))
    burst = [{"guid": f"s{n}", "text": f"Kızılay çadır satıyor! deprem {n}", "author": f"@hesap{n % 7}",
              "reach": 1000 * (n + 1)} for n in range(14)]
    burst.append({"guid": "s-old", "text": "KIZILAY ÇADIR SATIYOR", "author": "@eski"})
    add_mentions(store, burst, operator="sistem", feed_id=x, fetched_at=iso(now))
    counts, shown = spikes.check_incident(store, incident, operator="sistem", now=now + dt.timedelta(seconds=10))
    assert shown and shown["count"] == 15
    [event] = [e for e in timeline.events(store, incident.id) if e["kind"] == "mentions.spike"]
    drivers = event["payload"]["drivers"]
    assert {t["term"] for t in drivers["terms"][:3]} == {"kızılay", "çadır", "satıyor"}  # each in all 15
    assert "deprem" not in [t["term"] for t in drivers["terms"]][:3]
    assert drivers["feeds"][0] == {"feed": "X arama", "mentions": 15, "share": 1.0}
    assert drivers["new_authors"]["count"] == 7  # @eski wrote before the spike
    assert drivers["reach"]["total"] == sum(1000 * (n + 1) for n in range(14))
    assert drivers["same_hour"]["day_before"] == 0.5 and drivers["same_hour"]["week_before"] == 2.0
    watcher = alerts.Watcher(incident.id)
    watcher.last_event = event["id"] - 1
    [alert] = [a for a in watcher.poll(store) if a.kind == "spike"]
    assert "kızılay" in alert.text and "çadır" in alert.text and "X arama 100%" in alert.text


def test_no_yesterday_in_a_new_database(store, tmp_path):
    now = utc_now()
    feed = _feed(store, tmp_path, "X arama")
    add_mentions(store, [{"guid": "1", "text": "ilk"}], operator="sistem", feed_id=feed, fetched_at=iso(now))
    assert spike_drivers.same_hour_before(store, now) == {"day_before": None, "week_before": None}


def test_the_report_says_what_drove_each_spike(store, tmp_path):
    from crisiscomm.review import report

    incident = incidents.open_incident(store, "Deprem", "general", operator="ayse",
                                       started_at=utc_now() - dt.timedelta(hours=1))
    feed = _feed(store, tmp_path, "X arama")
    add_mentions(store, [{"guid": f"s{n}", "text": f"Baraj çatladı {n}", "author": f"@h{n}"} for n in range(12)],
                 operator="sistem", feed_id=feed)
    spikes.check_incident(store, incident, operator="sistem")
    data = report.build(store, incident.id)
    [spike] = data["metrics"]["mentions"]["spikes"]
    assert {t["term"] for t in spike["drivers"]["terms"]} >= {"baraj", "çatladı"}
    assert "X arama 100%" in spike["explained"] and "12 new authors" in spike["explained"]
    assert spike["explained"] in report.render(data, "md") and spike["explained"] in report.render(data, "html")
