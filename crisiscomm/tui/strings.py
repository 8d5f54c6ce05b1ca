"""Strings of the dashboard frame (panes register their own)."""

from crisiscomm.i18n import register

register(
    {
        "pane.mentions": {"tr": "İçerikler", "en": "Mentions"},
        "pane.checklist": {"tr": "Adımlar", "en": "Checklist"},
        "pane.statements": {"tr": "Açıklamalar", "en": "Statements"},
        "pane.consistency": {"tr": "Tutarlılık", "en": "Consistency"},
        "pane.claims": {"tr": "İddialar", "en": "Claims"},
        "pane.timeline": {"tr": "Zaman çizelgesi", "en": "Timeline"},
        "app.read_only": {"tr": "SALT OKUNUR", "en": "READ-ONLY"},
        "app.read_only_note": {
            "tr": "{path} salt okunur açıldı (arşiv kopyası): görüntülenir, hiçbir şey değiştirilemez.",
            "en": "{path} is open read-only (an archived copy): it is shown, nothing can be changed.",
        },
        "header.no_incident": {"tr": "Aktif olay yok", "en": "No active incident"},
        "header.next_due": {"tr": "Sıradaki", "en": "Next due"},
        "header.overdue": {"tr": "GECİKTİ", "en": "OVERDUE"},
        "header.next_update": {"tr": "Bilgilendirme", "en": "Update"},
        "start.title": {"tr": "crisiscomm — kriz iletişim odası", "en": "crisiscomm — crisis communication room"},
        "start.no_incident": {
            "tr": "Aktif olay yok. Yeni bir olay açın ya da tanıtım tatbikatını başlatın.",
            "en": "No active incident. Open one, or start the demo drill.",
        },
        "start.open": {"tr": "Olay aç", "en": "Open incident"},
        "start.demo": {"tr": "Tanıtım tatbikatı", "en": "Demo drill"},
        "start.active": {"tr": "Açık olaylar", "en": "Open incidents"},
        "start.readiness": {"tr": "Hazırlık uyarıları", "en": "Readiness warnings"},
        "start.readiness_ok": {"tr": "Hesap güvenliği uyarısı yok.", "en": "No account security warnings."},
        "open.title": {"tr": "Başlık", "en": "Title"},
        "open.playbook": {"tr": "Eylem planı", "en": "Playbook"},
        "open.severity": {"tr": "Seviye (1–4)", "en": "Severity (1–4)"},
        "open.exercise": {"tr": "Tatbikat", "en": "Exercise (drill)"},
        "open.keywords": {"tr": "İzlenecek kelimeler (virgülle)", "en": "Watch keywords (comma separated)"},
        "open.submit": {"tr": "Aç", "en": "Open"},
        "open.cancel": {"tr": "Vazgeç", "en": "Cancel"},
        "timeline.empty": {"tr": "Henüz kayıt yok.", "en": "No events yet."},
        "cmd.close_incident": {"tr": "Olayı kapat", "en": "Close incident"},
        "cmd.monitoring": {"tr": "Olayı izlemeye al", "en": "Move incident to monitoring"},
        "cmd.reactivate": {"tr": "Olayı yeniden aktif et", "en": "Make incident active again"},
        "cmd.switch": {"tr": "Olay değiştir / aç", "en": "Switch or open incident"},
        "cmd.verify": {"tr": "Zaman çizelgesi zincirini doğrula", "en": "Verify the timeline chain"},
    }
)
