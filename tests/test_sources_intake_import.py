"""What people phone in (`mention add`) and monitoring-service exports (`import`): real
processes, fixtures written here (CSV in several dialects, XLSX made with openpyxl, JSON)."""

from __future__ import annotations

import datetime as dt
import json
import os
import pty
import subprocess
import sys
import zipfile

import pytest

from conftest import run_cli_process
from crisiscomm import audit, incidents, timeline
from crisiscomm.errors import CrisisError
from crisiscomm.feeds import imports
from crisiscomm.feeds.intake import add_report

CONTRACT_CSV = ("Date,Headline,Opening Text,URL,Source Name,Author\n"
                "2026-11-28 07:10,Deprem sonrası ilk tespitler,Valilik açıklama yaptı,https://haber.example.org/a,Haber Ajansı,Muhabir\n"
                "2026-11-28 07:12,İkinci haber CSV içe aktarım,Hasar tespit sürüyor,https://haber.example.org/b,Gazete,Yazar\n"
                "bozuk tarih,,,,,\n")


def _json(result) -> object:
    return json.loads(result.stdout)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cc.db"
    assert run_cli_process(path, "incident", "open", "Deprem", "--playbook", "general").returncode == 0
    return path


# -- manual intake -----------------------------------------------------------------------------

def test_mention_add_lands_in_the_incident_list(db):
    r = run_cli_process(db, "mention", "add", "1", "Vatandaş aradı: Yeşilyurt'ta su baskını \x1b[2Jvar",
                        "--source", "phone", "--author", "0 800 000 00 00")
    assert r.returncode == 0 and r.stdout.startswith("1\t")
    again = run_cli_process(db, "mention", "add", "1", "Vatandaş aradı: Yeşilyurt'ta su baskını var", "--source", "phone")
    assert again.returncode == 0  # a second caller with the same words is a second report
    rows = _json(run_cli_process(db, "mentions", "1", "--json", "--all"))
    assert len(rows) == 2 and {r["feed"] for r in rows} == {"intake-phone"} and {r["source"] for r in rows} == {"intake"}
    assert all("\x1b" not in r["text"] for r in rows) and rows[-1]["author"] == "0 800 000 00 00"
    field = run_cli_process(db, "mention", "add", "1", "Saha ekibi: köprü hasarlı", "--source", "field")
    assert field.returncode == 0
    feeds = {f["name"]: f for f in _json(run_cli_process(db, "feeds", "list", "--json"))}
    assert feeds["intake-field"]["trust"] == "official" and feeds["intake-phone"]["trust"] == "social"
    assert not feeds["intake-phone"]["polled"]
    events = run_cli_process(db, "timeline", "1", "--json")
    assert events.stdout.count("mention.reported") == 3


@pytest.mark.parametrize("args, code", [
    (["1", "metin", "--source", "fax"], 2),
    (["1", "   ", "--source", "phone"], 1),
    (["9", "metin", "--source", "phone"], 1),
    (["1", "metin", "--source", "email", "--link", "javascript:alert(1)"], 1),
    (["1", "metin", "--source", "email", "--link", "http://[::1"], 1),
    (["x", "metin", "--source", "phone"], 2),
])
def test_mention_add_refuses_what_it_must(db, args, code):
    r = run_cli_process(db, "mention", "add", *args)
    assert r.returncode == code and "Traceback" not in r.stderr and r.stderr.strip()


def test_a_report_about_a_known_page_is_kept_and_linked(store):
    iid = incidents.open_incident(store, "Sel", "general", operator="t").id
    first = add_report(store, iid, "Sosyal medyada tahliye iddiası", source="citizen", operator="t",
                       link="https://www.afad.gov.tr/duyuru/9?utm_source=x")
    second = add_report(store, iid, "Vatandaş aynı duyuruyu sordu", source="phone", operator="t",
                        link="https://afad.gov.tr/duyuru/9")
    assert store.scalar("SELECT duplicate_of FROM mentions WHERE id = ?", (second,)) == first
    incidents.close(store, iid, operator="t")
    with pytest.raises(CrisisError, match="closed"):
        add_report(store, iid, "geç kalan", source="phone", operator="t")
    assert audit.verify(store).ok


# -- import -------------------------------------------------------------------------------------

def test_contract_csv_with_a_bad_row(db, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(CONTRACT_CSV, encoding="utf-8")
    r = run_cli_process(db, "import", str(path), "--map", "Headline=title", "--map", "Opening Text=text",
                        "--map", "URL=link", "--map", "Date=published_at", "--map", "Author=author")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "row 3 (line 4), column 'Date': not a date or time: 'bozuk tarih'" in r.stdout
    assert "2 new mentions" in r.stdout
    found = _json(run_cli_process(db, "search", "içe aktarım", "--json"))
    assert found[0]["title"] == "İkinci haber CSV içe aktarım" and found[0]["author"] == "Yazar (Gazete)"
    assert found[0]["published_at"] == "2026-11-28T04:12:00+00:00"  # Turkish local time, stored in UTC
    again = _json(run_cli_process(db, "import", str(path), "--json"))  # profile found by itself
    assert again["profile"] == "meltwater" and (again["new"], again["duplicates"], again["left_out"]) == (0, 2, 1)


def test_turkish_excel_csv_semicolons_cp1254_generic_headers(db, tmp_path):
    text = ("Tarih;Başlık;İçerik;Bağlantı;Kaynak;Erişim\r\n"
            "28.11.2026 07:10;Kızılay çadır kurdu;\"Çadırlar; battaniyeler\r\nve ısıtıcılar\";https://www.haber.example/k?utm_source=tw;Yerel Gazete;1.250.000\r\n"
            "28.11.2026;Şanlıurfa'da yardım;;https://haber.example/s;Ajans;yok\r\n")
    path = tmp_path / "rapor.csv"
    path.write_bytes(text.encode("cp1254"))
    r = _json(run_cli_process(db, "import", str(path), "--json"))
    assert r["profile"] == "generic" and r["new"] == 1 and r["left_out"] == 1
    assert r["problems"] == ["row 2 (line 4), column 'Erişim': not a number: 'yok'"]
    row = _json(run_cli_process(db, "search", "kızılay", "--json"))[0]
    assert row["text"] == "Çadırlar; battaniyeler\nve ısıtıcılar" and row["reach"] == 1_250_000
    assert row["author"] == "Yerel Gazete"


def test_utf16_tab_separated_and_json_exports(db, tmp_path):
    tsv = tmp_path / "unicode.txt"
    tsv.write_bytes("Title\tText\tURL\tDate\nIğdır'da sel\tKöprü kapandı\thttps://e.org/1\t2026-11-28T05:00:00Z\n".encode("utf-16"))
    r = run_cli_process(db, "import", str(tsv), "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    doc = tmp_path / "export.json"
    doc.write_text(json.dumps({"data": [{"id": "a1", "title": "JSON haberi", "url": "https://e.org/j", "reach": 10},
                                        {"id": "a2", "content": "İkinci JSON", "published": 1764306000},
                                        "not an object"]}), encoding="utf-8")
    r = _json(run_cli_process(db, "import", str(doc), "--json", "--profile", "talkwalker"))
    assert (r["new"], r["left_out"]) == (2, 1)
    lines = tmp_path / "export.jsonl"
    lines.write_text('{"Başlık": "Satır satır"}\n\n{"Başlık": "İkinci satır"}\n', encoding="utf-8")
    assert _json(run_cli_process(db, "import", str(lines), "--json"))["new"] == 2
    found = _json(run_cli_process(db, "search", "JSON", "--json"))
    assert {m["title"] or m["text"] for m in found} == {"JSON haberi", "İkinci JSON"}


def test_xlsx_export(db, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Date", "Title", "Full Text", "Url", "Author", "Domain", "Reach (new)", "Language"])
    sheet.append([dt.datetime(2026, 11, 28, 7, 30), "XLSX haberi", "Tahliye sürüyor", "https://e.org/x",
                  "Ayşe", "e.org", 52000.0, "tr"])
    sheet.append(["dün", "Tarihi bozuk", "", "ftp://e.org/y", "", "", -5, ""])
    path = tmp_path / "brandwatch.xlsx"
    book.save(path)
    r = _json(run_cli_process(db, "import", str(path), "--json"))
    assert r["profile"] == "brandwatch" and r["new"] == 1 and r["left_out"] == 1
    assert r["problems"] == ["row 2, column 'Date': not a date or time: 'dün'",
                             "row 2, column 'Url': not an http(s) address: 'ftp://e.org/y'",
                             "row 2, column 'Reach (new)': not a count"]
    row = _json(run_cli_process(db, "search", "xlsx", "--json"))[0]
    assert (row["reach"], row["lang"], row["author"]) == (52000, "tr", "Ayşe (e.org)")
    assert row["published_at"] == "2026-11-28T04:30:00+00:00"


@pytest.mark.parametrize("maps, message", [
    (["--map", "Headline=body"], "the field must be one of"),
    (["--map", "Başlık=title"], "the file has no column 'Başlık'"),
    (["--map", "Headline"], "write COLUMN=FIELD"),
    (["--profile", "nope"], "is not one of"),
])
def test_bad_mappings_are_clear(db, tmp_path, maps, message):
    path = tmp_path / "export.csv"
    path.write_text(CONTRACT_CSV, encoding="utf-8")
    r = run_cli_process(db, "import", str(path), *maps)
    assert r.returncode in (1, 2) and message in r.stderr and "Traceback" not in r.stderr


def test_files_that_are_not_exports(db, tmp_path):
    cases = {
        "/dev/zero": "",
        str(tmp_path): "",
        str(tmp_path / "none.csv"): "",
        str(tmp_path / "x.pdf"): "import reads .csv, .xlsx and .json",
    }
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    no_text = tmp_path / "cols.csv"
    no_text.write_text("a,b\n1,2\n", encoding="utf-8")
    cases[str(no_text)] = "no column for the title or the text"
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    cases[str(broken)] = "not an XLSX workbook"
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    cases[str(deep)] = "nested"
    for path, message in cases.items():
        r = run_cli_process(db, "import", path)
        assert r.returncode in (1, 2) and "Traceback" not in r.stderr, (path, r.stderr)
        assert message in r.stderr, (path, r.stderr)


def test_a_workbook_with_an_entity_bomb_or_too_much_inside_is_refused(tmp_path, monkeypatch):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Title"])
    book.active.append(["x"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bomb, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + data.replace(
                    b"<v>", b"<v>&b;", 1)
            dst.writestr(info, data)
    with pytest.raises(CrisisError):
        imports.read_table(str(bomb))
    monkeypatch.setattr(imports, "MAX_UNPACKED", 1000)
    with pytest.raises(CrisisError, match="unpacks to more than"):
        imports.read_table(str(path))


def test_row_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 5)
    path = tmp_path / "big.csv"
    path.write_text("title\n" + "".join(f"r{n}\n" for n in range(10)), encoding="utf-8")
    with pytest.raises(CrisisError, match="more than 5 rows"):
        imports.read_table(str(path))


def test_import_shows_a_progress_bar_on_a_terminal_only(db, tmp_path):
    path = tmp_path / "many.csv"
    path.write_text("title\n" + "".join(f"haber {n}\n" for n in range(3000)), encoding="utf-8")
    master, slave = pty.openpty()
    env = dict(os.environ, CRISISCOMM_OPERATOR="t", CRISISCOMM_LANG="en")
    proc = subprocess.run([sys.executable, "-m", "crisiscomm", "--db", str(db), "import", str(path)],
                          stdout=subprocess.PIPE, stderr=slave, env=env, timeout=120)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert proc.returncode == 0 and b"import" in seen and b"100%" in seen
    piped = run_cli_process(db, "import", str(path))
    assert "\r" not in piped.stderr and "3000 duplicates" in piped.stdout
