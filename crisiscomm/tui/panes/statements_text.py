"""The statements pane's words (Turkish and English) and its plain-text renderings of lint findings."""

from __future__ import annotations

from rich.text import Text

from crisiscomm import i18n
from crisiscomm.statements.findings import Finding, rule_label
from crisiscomm.statements.findings import counts as lint_counts

i18n.register(
    {  # footer keys (binding descriptions)
        "New": {"tr": "Yeni", "en": "New"},
        "Template": {"tr": "Şablon", "en": "Template"},
        "Edit": {"tr": "Düzenle", "en": "Edit"},
        "Submit": {"tr": "Onaya sun", "en": "Submit"},
        "Approve": {"tr": "Onayla", "en": "Approve"},
        "Approve+ack": {"tr": "Uyarılarla onayla", "en": "Approve+ack"},
        "Versions": {"tr": "Sürümler", "en": "Versions"},
        "Save version": {"tr": "Sürüm kaydet", "en": "Save version"},
        "Reject": {"tr": "Reddet", "en": "Reject"},
        "Publish": {"tr": "Yayımla", "en": "Publish"},
    }
)
i18n.register(
    {
        "st.col.id": {"tr": "#", "en": "#"},
        "st.col.version": {"tr": "Sür.", "en": "Ver."},
        "st.col.state": {"tr": "Durum", "en": "State"},
        "st.col.title": {"tr": "Başlık", "en": "Title"},
        "st.col.channel": {"tr": "Kanal", "en": "Channel"},
        "st.col.length": {"tr": "Uzunluk", "en": "Length"},
        "st.state.draft": {"tr": "taslak", "en": "draft"},
        "st.state.in_review": {"tr": "incelemede", "en": "in review"},
        "st.state.approved": {"tr": "onaylı", "en": "approved"},
        "st.state.published": {"tr": "yayımlandı", "en": "published"},
        "st.state.superseded": {"tr": "eskidi", "en": "superseded"},
        "st.state.rejected": {"tr": "reddedildi", "en": "rejected"},
        "st.no_incident": {"tr": "Olay seçilmedi.", "en": "No incident selected."},
        "st.empty": {
            "tr": "Açıklama yok: n ile yenisini yazın, t ile şablondan başlayın.",
            "en": "No statements: n to write a new one, t to start from a template.",
        },
        "st.clean": {"tr": "Bulgu yok.", "en": "No findings."},
        "st.status": {"tr": "#{id} sürüm {version} {state} · yazan {author}", "en": "#{id} v{version} {state} · by {author}"},
        "st.approved_by": {"tr": " · onaylayan {who}", "en": " · approved by {who}"},
        "st.rejected_by": {"tr": " · {who} reddetti: {reason}", "en": " · rejected by {who}: {reason}"},
        "st.unsaved": {"tr": " · kaydedilmedi (Ctrl+S)", "en": " · unsaved (Ctrl+S)"},
        "st.saved": {"tr": "Açıklama #{id} sürüm {version} kaydedildi", "en": "Statement #{id} v{version} saved"},
        "st.submitted": {"tr": "#{id} incelemeye gönderildi", "en": "#{id} sent for review"},
        "st.approved": {"tr": "#{id} onaylandı", "en": "#{id} approved"},
        "st.rejected": {"tr": "#{id} reddedildi", "en": "#{id} rejected"},
        "st.published": {"tr": "#{id} {channel} kanalında yayımlandı", "en": "#{id} published on {channel}"},
        "st.simulated": {
            "tr": "#{id} {channel}: BENZETİM kaydı (tatbikat, canlı kanala gitmedi)",
            "en": "#{id} {channel}: SIMULATED post (exercise, nothing went live)",
        },
        "st.copied": {"tr": "{channel} metni panoya kopyalandı", "en": "{channel} text copied to the clipboard"},
        "st.select_first": {"tr": "Önce bir açıklama seçin.", "en": "Select a statement first."},
        "st.key.new": {"tr": "Yeni taslak", "en": "New draft"},
        "st.key.template": {"tr": "Şablondan", "en": "From template"},
        "st.key.save": {"tr": "Kaydet", "en": "Save version"},
        "st.key.submit": {"tr": "İncelemeye gönder", "en": "Submit for review"},
        "st.key.approve": {"tr": "Onayla", "en": "Approve"},
        "st.key.approve_ack": {"tr": "Uyarıları kabul edip onayla", "en": "Approve, acknowledging warnings"},
        "st.key.reject": {"tr": "Reddet", "en": "Reject"},
        "st.key.publish": {"tr": "Yayımla", "en": "Publish"},
        "st.key.copy": {"tr": "Kanal metnini kopyala", "en": "Copy channel text"},
        "st.key.edit": {"tr": "Düzenle", "en": "Edit"},
    }
)


i18n.register(
    {
        "st.editing": {"tr": "Düzenleniyor: harfler metne gider · Ctrl+S sürüm kaydet · Esc listeye dön",
                       "en": "Editing: letters go into the text · Ctrl+S save a version · Esc back to the list"},
        "st.unsaved_short": {"tr": " · kaydedilmedi", "en": " · unsaved"},
        "st.composing": {"tr": "Yeni açıklama (henüz kaydedilmedi)", "en": "New statement (not saved yet)"},
        "st.autosaved": {"tr": "Taslak kendiliğinden kaydedildi: #{id} sürüm {version}",
                         "en": "Draft saved automatically: #{id} version {version}"},
        "st.ack_hint": {"tr": "Uyarıları okuyup kabul ediyorsanız A (Shift+a) ile onaylayın.",
                        "en": "If you have read the warnings and accept them, approve with A (Shift+a)."},
        "st.leave_question": {"tr": "Bu açıklamada kaydedilmemiş değişiklik var.",
                              "en": "This statement has unsaved changes."},
        "st.unsaved_summary": {"tr": "{count} açıklamada kaydedilmemiş metin", "en": "unsaved text in {count} statement(s)"},
        "st.key.versions": {"tr": "Sürümler (eskisine dön)", "en": "Versions (go back to one)"},
        "st.key.edit_long": {"tr": "Düzenleyiciye geç", "en": "Edit in the editor"},
        "st.version_loaded": {"tr": "Sürüm {version} düzenleyicide: Ctrl+S ile yeni sürüm olarak kaydedin",
                              "en": "Version {version} is in the editor: Ctrl+S saves it as a new version"},
    }
)


def finding_line(f: Finding) -> Text:
    """One finding as plain text (its message quotes the statement: never markup)."""
    line = Text()
    line.append("✖ " if f.severity == "error" else "▲ ", style="bold red" if f.severity == "error" else "bold yellow")
    line.append(rule_label(f.rule), style="bold")
    line.append(" " + f.message)
    return line


def findings_text(found: list[Finding]) -> Text:
    if not found:
        return Text(i18n.t("st.clean"), style="green")
    out = Text(lint_counts(found) + "\n", style="bold")
    out.append_text(Text("\n").join(finding_line(f) for f in found))
    return out
