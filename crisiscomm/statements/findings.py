"""A lint finding, the guide principle behind each rule, and the messages.

Rule names are stable (`--json` consumers key on them); messages follow the
UI language; principles quote the guide in Turkish with an English rendering.
"""

from __future__ import annotations

from dataclasses import dataclass

from crisiscomm.i18n import get_lang, register, t

ERROR, WARNING = "error", "warning"

# principle → (Turkish, English, the guide's section); `PRINCIPLES` joins both languages (the
# `principle` field of --json and of stored findings), `principle_label` gives one.
_PRINCIPLE_TEXTS = {
    "accuracy": ("Doğruluk ve güvenilirlik", "Accuracy and reliability", "§1"),
    "verification": ("Teyit mekanizmaları", "Verification against reliable sources", "§4"),
    "transparency": ("Şeffaflık ve hesap verebilirlik; kriz iletişimi hızlı, şeffaf, tutarlı",
                     "Transparency and accountability; fast, transparent, consistent crisis communication", "§1, §4"),
    "personal_data": ("Kişisel verilerin korunması (KVKK)", "Personal data protection", "§3"),
    "non_discrimination": ("Ayrımcılık yasağı", "Non-discrimination", "§3"),
    "advertising": ("Reklam ve sponsorluk açıkça belirtilmeli", "Advertising and sponsorship clearly marked", "§3"),
    "channel": ("Kullanıcı odaklılık: metin kanalda eksiksiz okunmalı", "User focus: the text must reach readers whole",
                "§1"),
    "exercise": ("Şeffaflık: tatbikat metni gerçek sanılmamalı", "Transparency: a drill must never pass for real",
                 "§1; SPEC §9"),
}
PRINCIPLES = {key: f"{tr} / {en} (guide {ref})" for key, (tr, en, ref) in _PRINCIPLE_TEXTS.items()}

# rule -> principle key (the rule's first part unless listed)
_RULE_PRINCIPLE = {"accuracy.unconfirmed": "verification", "accuracy.speculation": "verification",
                   "accuracy.speculation.estimate": "verification", "accuracy.speculation.modal": "verification",
                   "accuracy.hearsay": "verification", "accuracy.hearsay.evidential": "verification",
                   "accuracy.ambiguous": "accuracy", "template.slot": "accuracy"}


def _principle_key(rule: str) -> str:
    return _RULE_PRINCIPLE.get(rule, rule.split(".", 1)[0])


def principle_for(rule: str) -> str:
    return PRINCIPLES[_principle_key(rule)]


def principle_label(rule: str) -> str:
    """The guide's principle behind `rule` in the UI language only ("Doğruluk ve güvenilirlik (rehber §1)")."""
    tr, en, ref = _PRINCIPLE_TEXTS.get(_principle_key(rule), ("", "", ""))
    return t("lint.principle", principle=tr, ref=ref) if get_lang() == "tr" else t("lint.principle", principle=en, ref=ref)


def rule_label(rule: str) -> str:
    """What a rule checks, in the UI language; English shows the rule's id (what lint.toml names)."""
    return t(f"lint.rule.{rule}") if f"lint.rule.{rule}" in RULE_TITLES else rule


def severity_label(severity: str) -> str:
    return t(f"lint.severity.{severity}")


def counts(found: list[Finding]) -> str:
    """"2 errors, 1 warning" / "2 hata, 1 uyarı"; "no findings" / "bulgu yok"."""
    if not found:
        return t("lint.no_findings")
    return t("lint.counts", errors=t("lint.errors", count=len(errors(found))),
             warnings=t("lint.warnings", count=len(warnings(found))))


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    principle: str
    start: int | None = None
    end: int | None = None

    def as_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "principle": self.principle, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        return cls(data["rule"], data["severity"], data["message"], data["principle"],
                   data.get("start"), data.get("end"))


def finding(rule: str, severity: str, span: tuple[int, int] | None = None, *, message: str | None = None,
            **values: object) -> Finding:
    """A finding whose message is `message` (default `lint.<rule>`) in the UI language."""
    start, end = span if span else (None, None)
    return Finding(rule, severity, t(message or f"lint.{rule}", **values), principle_for(rule), start, end)


def errors(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.severity == ERROR]


def warnings(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.severity == WARNING]


register(
    {
        "lint.template.slot": {
            "tr": "“{slot}” alanı doldurulmadı (metinde {{{key}}} olarak duruyor): bilgi föyüne bu bilgiyi girin ya da "
                  "metni düzeltin",
            "en": "The “{slot}” slot is not filled (it stands as {{{key}}} in the text): set this fact on the fact sheet "
                  "or edit the text",
        },
        "lint.accuracy.contradicts": {
            "tr": "'{found}' bilgi föyüyle çelişiyor: {fact} {value}",
            "en": "'{found}' contradicts the fact sheet: {fact} is {value}",
        },
        "lint.accuracy.not_on_sheet": {
            "tr": "'{found}' bilgi föyünde yok: teyit edip föye ekleyin",
            "en": "'{found}' is not on the fact sheet: confirm it and add it",
        },
        "lint.accuracy.unconfirmed": {
            "tr": "Teyit edilmemiş bilgi kesinmiş gibi yazılmış: {fact} {value} ('ilk belirlemelere göre' gibi belirtin)",
            "en": "Unconfirmed fact stated as certain: {fact} {value} (say 'according to initial reports' or similar)",
        },
        "lint.accuracy.speculation": {
            "tr": "Tahmin/söylenti ifadesi: '{found}' — yalnız teyitli bilgiyi paylaşın",
            "en": "Speculation or hearsay: '{found}' — share confirmed information only",
        },
        "lint.accuracy.speculation.estimate": {
            "tr": "Tahmini rakam: '{found}' — kesin rakamı ya da 'ilk belirlemelere göre' gibi bir kaydı yazın",
            "en": "Estimated figure: '{found}' — give the confirmed figure or mark it as preliminary",
        },
        "lint.accuracy.speculation.modal": {
            "tr": "Rakam hakkında tahmin: '{found}' — olası artışı değil, teyitli rakamı paylaşın",
            "en": "A guess about a figure: '{found}' — share the confirmed figure, not what it may become",
        },
        "lint.accuracy.hearsay": {
            "tr": "Duyuma dayalı ifade: '{found}' — kaynağı belirtin ya da yalnız teyitli bilgiyi paylaşın",
            "en": "Hearsay: '{found}' — name the source or share confirmed information only",
        },
        "lint.accuracy.hearsay.evidential": {
            "tr": "Duyulan geçmiş zaman (-mış): '{found}' — kurum ağzından kesin anlatım ('-mıştır') ya da kaynak kullanın",
            "en": "Evidential past (-mış, 'reportedly'): '{found}' — state it as confirmed ('-mıştır') or name the source",
        },
        "lint.accuracy.ambiguous": {
            "tr": "'{found}' iki anlama gelebilir ({keys}): 'hayatını kaybeden' ya da 'haber alınamayan' diye açıkça yazın",
            "en": "'{found}' can mean either ({keys}): say 'dead' or 'missing' explicitly",
        },
        "lint.transparency.what_happened": {
            "tr": "Ne olduğu söylenmiyor (olay, yer, zaman)",
            "en": "Does not say what happened (event, place, time)",
        },
        "lint.transparency.being_done": {
            "tr": "Ne yapıldığı söylenmiyor (ekipler, önlemler)",
            "en": "Does not say what is being done (teams, measures)",
        },
        "lint.transparency.next_update": {
            "tr": "Bir sonraki bilgilendirmenin ne zaman olacağı söylenmiyor",
            "en": "Does not say when the next update comes",
        },
        "lint.transparency.next_update_time": {
            "tr": "Sonraki bilgilendirme anılıyor ama zamanı yok",
            "en": "Mentions a next update but not when",
        },
        "lint.personal_data.tc_kimlik": {
            "tr": "TC Kimlik numarası: {found}", "en": "TC Kimlik number: {found}",
        },
        "lint.personal_data.mobile": {
            "tr": "Kişisel cep telefonu numarası: {found}", "en": "Personal mobile number: {found}",
        },
        "lint.personal_data.email": {
            "tr": "E-posta adresi: {found} (yalnız kurumun genel adresi, ör. basin@…gov.tr, olabilir)",
            "en": "E-mail address: {found} (only an institution's generic address such as basin@…gov.tr may appear)",
        },
        "lint.personal_data.iban": {"tr": "IBAN: {found}", "en": "IBAN: {found}"},
        "lint.personal_data.plate": {"tr": "Araç plakası: {found}", "en": "Licence plate: {found}"},
        "lint.personal_data.health": {
            "tr": "Adı geçen kişinin sağlık verisi (KVKK md. 6, özel nitelikli): '{found}'",
            "en": "Health data of a named person (KVKK art. 6, special category): '{found}'",
        },
        "lint.non_discrimination": {
            "tr": "Ayrımcı ya da damgalayıcı ifade: '{found}'{use}",
            "en": "Discriminatory or stigmatising wording: '{found}'{use}",
        },
        "lint.advertising.sponsor": {
            "tr": "Ticari/sponsorlu içerik ('{found}') açıklama olmadan: #reklam ya da #işbirliği ekleyin (kamu kurumları arası iş birliği reklam değildir)",
            "en": "Commercial or sponsored content ('{found}') without a disclosure: add #reklam, #işbirliği or 'sponsored'",
        },
        "lint.advertising.brand": {
            "tr": "Marka adı '{found}' açıklama olmadan: tanıtım ise #reklam ekleyin",
            "en": "Brand name '{found}' without a disclosure: add #reklam / #ad if it promotes the brand",
        },
        "lint.channel.length": {
            "tr": "{channel} için çok uzun: {length}/{limit}",
            "en": "Too long for {channel}: {length}/{limit}",
        },
        "lint.channel.sms_segments": {
            "tr": "SMS {segments} parça ({encoding}; Türkçe tablo olmadan {plain}, {plain_encoding}{forcing}); tek mesaja sığmıyor",
            "en": "SMS needs {segments} parts ({encoding}; without the Turkish table {plain}, {plain_encoding}{forcing}); it does not fit one message",
        },
        "lint.channel.sms_too_long": {
            "tr": "SMS için çok uzun: {segments} parça (en çok {limit})",
            "en": "Too long for SMS: {segments} parts (at most {limit})",
        },
        "lint.exercise.mark": {
            "tr": "Tatbikat metninin ilk satırı 'TATBİKAT / EXERCISE' olmalı",
            "en": "An exercise statement must start with the line 'TATBİKAT / EXERCISE'",
        },
    }
)


# Rule titles a Turkish screen shows instead of the id (English shows the id, which lint.toml names).
RULE_TITLES = {f"lint.rule.{rule}": {"tr": tr, "en": rule} for rule, tr in {
    "template.slot": "doldurulmamış alan",
    "accuracy.number": "sayı bilgi föyüyle çelişiyor",
    "accuracy.time": "saat bilgi föyüyle çelişiyor",
    "accuracy.date": "tarih bilgi föyüyle çelişiyor",
    "accuracy.phone": "telefon bilgi föyüyle çelişiyor",
    "accuracy.link": "bağlantı bilgi föyüyle çelişiyor",
    "accuracy.hashtag": "etiket bilgi föyüyle çelişiyor",
    "accuracy.not_on_sheet": "bilgi föyünde olmayan sayı",
    "accuracy.unconfirmed": "teyitsiz bilgi",
    "accuracy.ambiguous": "iki anlamlı ifade",
    "accuracy.speculation": "tahmin ya da söylenti",
    "accuracy.speculation.estimate": "tahmini rakam",
    "accuracy.speculation.modal": "rakam hakkında tahmin",
    "accuracy.hearsay": "duyuma dayalı ifade",
    "accuracy.hearsay.evidential": "duyulan geçmiş zaman",
    "transparency.what_happened": "ne olduğu yok",
    "transparency.being_done": "ne yapıldığı yok",
    "transparency.next_update": "sonraki bilgilendirme yok",
    "transparency.next_update_time": "sonraki bilgilendirmenin saati yok",
    "personal_data.tc_kimlik": "kişisel veri: TC kimlik no",
    "personal_data.mobile": "kişisel veri: cep telefonu",
    "personal_data.email": "kişisel veri: e-posta",
    "personal_data.iban": "kişisel veri: IBAN",
    "personal_data.plate": "kişisel veri: plaka",
    "personal_data.health": "kişisel veri: sağlık",
    "non_discrimination": "ayrımcı ifade",
    "advertising.sponsor": "belirtilmemiş sponsorluk",
    "advertising.brand": "belirtilmemiş marka",
    "channel.length": "kanal sınırı",
    "channel.sms_segments": "SMS parça sayısı",
    "channel.sms_too_long": "SMS sınırı",
    "exercise.mark": "tatbikat işareti",
}.items()}
register(RULE_TITLES)
register(
    {
        "lint.principle": {"tr": "{principle} (rehber {ref})", "en": "{principle} (guide {ref})"},
        "lint.severity.error": {"tr": "hata", "en": "error"},
        "lint.severity.warning": {"tr": "uyarı", "en": "warning"},
        "lint.no_findings": {"tr": "bulgu yok", "en": "no findings"},
        "lint.counts": {"tr": "{errors}, {warnings}", "en": "{errors}, {warnings}"},
        "lint.errors": {"tr": "{count} hata", "en": {"one": "{count} error", "other": "{count} errors"}},
        "lint.warnings": {"tr": "{count} uyarı", "en": {"one": "{count} warning", "other": "{count} warnings"}},
    }
)
