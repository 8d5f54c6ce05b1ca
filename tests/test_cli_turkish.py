"""Under `--lang tr` the command line speaks Turkish: no English message, no id where a word belongs,
no raw timestamp, no `8m15s`; plurals right in English."""

from __future__ import annotations

import re

# English words the CLI's own messages use (user text in these flows is Turkish, so any hit is ours)
ENGLISH = re.compile(
    r"\b(incident|statement|opened|closed|approved|rejected|published|recorded|error|warning|findings?|"
    r"mentions?|claims?|posts?|playbook|severity|version|draft|in review|correction|evidence|owners?|"
    r"reviewed|never|feeds?|events?|written|due in|overdue|kept|made|not found|no such)\b",
    re.IGNORECASE,
)
IDS = re.compile(r"\b(natural-disaster|accuracy\.\w+|transparency\.\w+|fact\.set|statement\.\w+|in_review|"
                 r"unverified|social-lead|spokesperson)\b")
RAW_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d|\b\d+[smh]\b|\d+\.\d+/h")


def tr(cli, *args: str, operator: str = "ayse", input: str | None = None):
    return cli("--lang", "tr", *args, operator=operator, input=input)


STEP_IDS = re.compile(r"\b[a-z]+(?:-[a-z]+)*\b(?=\s{2,}|,|$)", re.MULTILINE)  # `checklist done 1 STEP` takes them


def turkish_only(text: str, *, step_ids: bool = False) -> list[str]:
    text = re.sub(r"crisiscomm [a-z ]+", " ", text)  # a command to type stays a command
    if step_ids:
        text = STEP_IDS.sub(" ", text)
    return ENGLISH.findall(text) + IDS.findall(text) + RAW_TIME.findall(text)


def test_a_turkish_session_on_the_command_line(cli):
    lines = []
    for args in (
        ("incident", "list"),
        ("incident", "open", "Malatya depremi", "--playbook", "natural-disaster", "--severity", "3"),
        ("fact", "set", "1", "yaralı", "112"),
        ("fact", "set", "1", "next_update", "16.00"),
        ("fact", "list", "1"),
        ("incident", "list"),
        ("checklist", "1"),
        ("statement", "draft", "1", "--template", "holding"),
        ("statement", "list", "1"),
        ("statement", "submit", "1"),
        ("post", "add", "1", "--channel", "x", "--text", "Malatya'da 90 yaralı var."),
        ("post", "list", "1"),
        ("consistency", "1"),
        ("cadence", "1"),
        ("claim", "add", "1", "AFAD ölü sayısını gizliyor"),
        ("claim", "set", "1", "verifying", "--source", "AFAD", "--note", "İnceleniyor"),
        ("claim", "list", "1"),
        ("claim", "show", "1"),
        ("alerts",),
        ("incident", "status", "1", "monitoring"),
    ):
        result = tr(cli, *args)
        lines.append(result.output)
        found = turkish_only(result.output, step_ids=args[0] == "checklist")
        assert not found, (args, found, result.output)
    assert "olay açıldı" in lines[1] and "Seviye 3" in lines[1] and "Doğal afet" in lines[1]
    assert "Yaralı sayısı: 112" in lines[2]
    assert re.search(r"\d{1,2} (Ocak|Şubat|Mart|Nisan|Mayıs|Haziran|Temmuz|Ağustos|Eylül|Ekim|Kasım|Aralık) \d{4} "
                     r"\d\d\.\d\d", lines[5])  # local time, Turkish date
    assert "T+10 dk" in lines[6] and "kaldı" in lines[6]
    assert "çelişiyor: X paylaşımında Yaralı sayısı = 90, bilgi föyünde 112" in lines[12]


def test_turkish_errors_and_refusals(cli):
    tr(cli, "incident", "open", "Sel", "--playbook", "general")
    tr(cli, "statement", "draft", "1", "--file", "-", input="Kesin olmayan bilgi.\n")
    tr(cli, "statement", "submit", "1")
    for args, expected in (
        (("statement", "approve", "1"), "iki kişi kuralı"),
        (("statement", "show", "99"), "99 numaralı açıklama yok"),
        (("incident", "open", "Sel", "--playbook", "nope"), "eylem planı yok"),
        (("checklist", "done", "1", "nope"), "adımı yok"),
        (("claim", "show", "7"), "7 numaralı iddia yok"),
        (("mention", "set", "99", "seen"), "99 numaralı içerik yok"),
    ):
        result = tr(cli, *args)
        assert result.exit_code == 1 and result.output.startswith("hata: ") and expected in result.output, result.output
        listed = result.output.split("olanlar:")[0]  # the playbook ids one can type
        assert not turkish_only(listed, step_ids=True), (args, result.output)


def test_lint_summary_in_words_and_plurals_in_english(cli):
    found = tr(cli, "statement", "lint", "-", input="Kesin olmayan bilgi.\n")
    assert "hata" in found.output and "uyarı" in found.output and "error(s)" not in found.output
    assert not IDS.findall(found.output)  # rule titles, not `transparency.next_update`
    clean = cli("statement", "lint", "-", input="x")
    assert "(s)" not in clean.output
    cli("incident", "open", "Sel", "--playbook", "general")
    cli("claim", "add", "1", "Baraj çöktü")
    assert "0 mentions" in cli("claim", "list", "1").output
