"""The wall's strings (Turkish and English)."""

from crisiscomm import i18n

i18n.register({
    "wall.no_incident": {"tr": "Açık olay yok", "en": "No open incident"},
    "wall.clock": {"tr": "OLAY SAATİ", "en": "INCIDENT CLOCK"},
    "wall.scenario_time": {"tr": "SENARYODA SAAT {time}", "en": "SCENARIO TIME {time}"},
    "wall.next_update": {"tr": "SONRAKİ BİLGİLENDİRME", "en": "NEXT UPDATE"},
    "wall.next_update.at": {"tr": "söz: {text}", "en": "promised: {text}"},
    "wall.next_update.none": {"tr": "söz verilmedi", "en": "none promised"},
    "wall.next_update.met": {"tr": "verildi", "en": "given"},
    "wall.next_update.overdue": {"tr": "GECİKTİ", "en": "OVERDUE"},
    "wall.deadlines": {"tr": "SIRADAKİ ADIMLAR", "en": "NEXT DEADLINES"},
    "wall.deadlines.none": {"tr": "Açık adım yok", "en": "No open steps"},
    "wall.in": {"tr": "{left} kaldı", "en": "in {left}"},
    "wall.claim_spread": {"tr": "  saatte {rate} · {mentions} içerik", "en": "  {rate}/h · {mentions}"},
    "wall.late": {"tr": "{late} gecikti", "en": "{late} late"},
    "wall.rate": {"tr": "ANMA / DAKİKA", "en": "MENTIONS / MINUTE"},
    "wall.rate.now": {"tr": "şimdi {now}/dk · 30 dk: {total}", "en": "now {now}/min · 30 min: {total}"},
    "wall.spike": {"tr": "ANİ ARTIŞ {minute}: {count}/dk (olağan {baseline})",
                   "en": "SPIKE {minute}: {count}/min (usual {baseline})"},
    "wall.contradictions": {"tr": "AÇIK ÇELİŞKİLER", "en": "OPEN CONTRADICTIONS"},
    "wall.contradictions.none": {"tr": "Çelişki yok", "en": "No contradictions"},
    "wall.contradiction": {"tr": "{channel}: {fact} {value} (olmalı: {expected})",
                           "en": "{channel}: {fact} {value} (should be {expected})"},
    "wall.claims": {"tr": "DOĞRULANAN İDDİALAR", "en": "CLAIMS UNDER VERIFICATION"},
    "wall.claims.none": {"tr": "Doğrulama bekleyen iddia yok", "en": "No claims under verification"},
    "wall.facts": {"tr": "BİLGİ FÖYÜ", "en": "FACT SHEET"},
    "wall.facts.none": {"tr": "Henüz bilgi yok", "en": "No facts yet"},
    "wall.unconfirmed": {"tr": "teyitsiz", "en": "unconfirmed"},
})
