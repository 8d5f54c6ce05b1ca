"""Health data about a named person: a special category of personal data (KVKK art. 6).

A statement may say that "3 yaralı yoğun bakımda" (nobody is named); it may
not say that "Ahmet Y. kanser tedavisi görüyor". A health term counts only in
a sentence that names someone: a given name with a surname or initial, initials
(`A.Y.`), `X Hanım` / `X Bey` / `Sayın X`, or `… adlı / isimli`.
"""

from __future__ import annotations

import re

from crisiscomm.text import fold

HEALTH_TERMS = (
    "kanser", "tumor", "hiv", "aids", "hepatit", "diyabet", "seker hasta", "epilepsi", "sara hasta",
    "kalp hasta", "kalp krizi", "felc", "psikiyatri", "psikolojik tedavi", "depresyon", "sizofreni", "bipolar",
    "otizm", "engelli rapor", "engel oran", "hamile", "gebe", "madde bagimli", "alkol bagimli", "bagimlilik tedavi",
    "covid", "koronaviruse yakalan", "test sonucu pozitif", "kan grubu", "ameliyat", "kemoterapi", "diyaliz",
    "yogun bakim", "entube", "tedavi gor", "saglik durumu", "teshis", "tanisi kon", "kronik", "tuberkuloz",
    "verem", "alzheimer", "demans", "cancer", "diabetes", "pregnant", "intensive care", "diagnosed", "hiv-positive",
    "psychiatric", "surgery", "chemotherapy", "dialysis",
)
_HEALTH = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, HEALTH_TERMS)) + ")")
# Common given names: enough to tell `Ahmet Yılmaz` from `Türk Kızılay`.
GIVEN_NAMES = frozenset(fold(n) for n in (
    "Ahmet Mehmet Mustafa Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Ramazan Halil Süleyman Abdullah "
    "Mahmut Recep Salih Fatih Kemal Hakan Kadir Emre Burak Serkan Onur Volkan Can Cem Emir Eren Arda Kerem Berk "
    "Yiğit Furkan Enes Oğuz Orhan Erkan Erdem Sinan Tolga Tuncay Uğur Umut Levent Selim Metin Sedat Cengiz Gökhan "
    "Ayşe Fatma Emine Hatice Zeynep Elif Meryem Şerife Zehra Sultan Hanife Merve Özlem Yasemin Esra Büşra Derya "
    "Ebru Gül Selin Sibel Aylin Deniz Ece Ceren Melike Nur Seda Tuğba Gamze Pınar Aslı Burcu Dilek Filiz Hülya "
    "Leyla Nazlı Songül Sevgi Sevim Şule Tülay Yeliz Zerrin Kübra Rabia Sude Irmak Defne Eylül Duygu Gizem".split()))
_PERSON = re.compile(
    r"(?<!\w)(?P<given>[A-ZÇĞİÖŞÜ][a-zçğıöşü]+)\s+(?:[A-ZÇĞİÖŞÜ][a-zçğıöşü]+|[A-ZÇĞİÖŞÜ]\.)"
    r"|(?<!\w)[A-ZÇĞİÖŞÜ]\.\s?[A-ZÇĞİÖŞÜ]\.(?:\s?[A-ZÇĞİÖŞÜ]\.)?"
    r"|(?<!\w)[A-ZÇĞİÖŞÜ][a-zçğıöşü]+\s+(?:Hanım|Bey|Hoca)(?!\w)"
    r"|(?<!\w)Sayın\s+[A-ZÇĞİÖŞÜ]"
    r"|(?<!\w)[A-ZÇĞİÖŞÜ][a-zçğıöşü]+(?:\s+[A-ZÇĞİÖŞÜ][\w.]*)?\s+(?:adlı|isimli)(?!\w)"
)
_END = re.compile(r"[.!?]+(?=\s|$)|\n")


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans; the dot of an initial (`Ahmet Y.`, `A.Y.`) ends none."""
    spans, start = [], 0
    for m in _END.finditer(text):
        i = m.start()
        if text[i] == "." and i and text[i - 1].isupper() and (i < 2 or not text[i - 2].isalpha()):
            continue
        spans.append((start, m.end()))
        start = m.end()
    return spans + ([(start, len(text))] if start < len(text) else [])


def _names_someone(sentence: str) -> bool:
    for m in _PERSON.finditer(sentence):
        given = m.group("given")
        if given is None or fold(given) in GIVEN_NAMES:
            return True
    return False


def health_spans(text: str) -> list[tuple[int, int]]:
    """Health terms in sentences that name a person."""
    folded = fold(text)
    if len(folded) != len(text) or not _HEALTH.search(folded):
        return []
    found = []
    for start, end in _sentences(text):
        terms = list(_HEALTH.finditer(folded, start, end))
        if terms and _names_someone(text[start:end]):
            found += [m.span() for m in terms]
    return found
