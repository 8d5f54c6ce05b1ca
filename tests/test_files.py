"""files.py: regular files only, a size cap, a nesting cap; printable.py: no control sequence survives."""

import io
import os
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crisiscomm import files
from crisiscomm.files import FileRefused
from crisiscomm.printable import one_line, printable

# -- printable -----------------------------------------------------------------


@pytest.mark.parametrize("raw, shown", [
    ("Deprem \x1b[31mkırmızı\x1b[0m", "Deprem kırmızı"),
    ("a\x1b]52;c;cHduZWQ=\x07b", "ab"),  # clipboard write ended by BEL
    ("a\x1b]0;title\x1b\\b", "ab"),  # OSC ended by ST
    ("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),  # hyperlink
    ("a\x9b2Jb\x9d0;t\x9cc", "abc"),  # 8-bit C1 forms
    ("a\x1bPq#0;2;0;0;0\x1b\\b", "ab"),  # DCS (sixel)
    ("a\x1b[2J\x1b[Hb", "ab"),
    ("a\x1b7\x1b8b\x1bc", "ab"),  # save/restore cursor, full reset
    ("a\x1b]52;c;unterminated", "a"),
    ("satır\r\nbir\riki", "satır\nbir\niki"),
    ("\u202egnp.exe", "gnp.exe"),
    ("bozuk \udcff metin", "bozuk \ufffd metin"),
    ("ÇĞİÖŞÜ çğıöşü\tsekme\nsatır", "ÇĞİÖŞÜ çğıöşü\tsekme\nsatır"),
])
def test_printable_removes_sequences_whole(raw, shown):
    assert printable(raw) == shown


def test_one_line_folds_breaks_and_spaces():
    assert one_line("  Baraj\x1b[2J\n  taştı \t ") == "Baraj taştı"


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_printable_leaves_no_control_character(text):
    out = printable(text)
    assert not any((ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F or 0xD800 <= ord(c) <= 0xDFFF
                   for c in out)
    assert printable(out) == out
    out.encode("utf-8")  # never raises


# -- reading files --------------------------------------------------------------


def test_reads_a_regular_file_without_its_byte_order_mark(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffAçıklama".encode())
    assert files.read_text(path) == "Açıklama"


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_devices_are_refused_at_once(special):
    start = time.monotonic()
    with pytest.raises(FileRefused, match="cannot read a device"):
        files.read_bytes(special)
    assert time.monotonic() - start < 1


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    start = time.monotonic()
    with pytest.raises(FileRefused, match="cannot read a FIFO"):
        files.load_toml(fifo)
    assert time.monotonic() - start < 1


def test_a_directory_and_a_missing_file_are_refused(tmp_path):
    with pytest.raises(FileRefused, match="a directory"):
        files.read_bytes(tmp_path)
    with pytest.raises(FileRefused, match="No such file"):
        files.read_bytes(tmp_path / "yok.toml")


def test_the_size_cap_holds_for_files_and_streams(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 1024)
    assert len(files.read_bytes(path, limit=1024)) == 1024
    with pytest.raises(FileRefused, match="larger than 1023 bytes"):
        files.read_bytes(path, limit=1023)
    with pytest.raises(FileRefused, match="larger than"):
        files.read_stream(io.BytesIO(b"y" * 5000), name="standard input", limit=4096)
    with pytest.raises(FileRefused, match="no standard input"):
        files.read_stream(None, name="standard input")


def test_text_that_is_not_utf8_names_its_line(tmp_path):
    path = tmp_path / "cp1254.txt"
    path.write_bytes(b"ilk\nikinci \xfe\n")
    with pytest.raises(FileRefused) as caught:
        files.read_text(path)
    assert caught.value.line == 2 and "not UTF-8 text" in str(caught.value)


# -- structured documents ----------------------------------------------------------


@pytest.mark.parametrize("source", [
    "x = " + "[" * 50_000 + "]" * 50_000 + "\n",
    "x = " + "{a=" * 50_000 + "1" + "}" * 50_000 + "\n",
    "a." * 50_000 + "b = 1\n",
    "[" + "a." * 50_000 + "b]\n",
    "x = " + "[" * 65 + "]" * 65 + "\n",  # within tomli's limit, beyond ours
])
def test_deep_toml_is_refused_quickly(source):
    start = time.monotonic()
    with pytest.raises(FileRefused, match="nested more than 64 levels"):
        files.parse_toml(source, "deep.toml")
    assert time.monotonic() - start < 2


def test_toml_within_the_limit_parses():
    assert files.parse_toml("x = " + "[" * 60 + "]" * 60, "ok.toml")["x"]


def test_toml_errors_name_line_and_column():
    with pytest.raises(FileRefused) as caught:
        files.parse_toml("a = 1\nb = = 2\n", "p.toml")
    assert caught.value.line == 2 and str(caught.value).startswith("p.toml:2: invalid TOML:")
    with pytest.raises(FileRefused, match="end of the file"):
        files.parse_toml("a = 1\nb =", "p.toml")
    with pytest.raises(FileRefused, match="invalid TOML: Exceeds the limit"):
        files.parse_toml("x = " + "9" * 5000, "p.toml")


def test_strings_from_files_come_back_printable():
    data = files.parse_toml('"k\\u001b[2J" = "a\\u001b]52;c;SGk=\\u0007b"\nlist = ["\\u009b31m!"]', "p.toml")
    assert data == {"k": "ab", "list": ["!"]}
    assert files.parse_json('{"t": "x\\u001b[31my"}', "p.json") == {"t": "xy"}


@pytest.mark.parametrize("source", ["[" * 100_000 + "]" * 100_000, '{"a":' * 70 + "1" + "}" * 70])
def test_deep_json_is_refused(source):
    with pytest.raises(FileRefused, match="nested more than 64 levels"):
        files.parse_json(source, "deep.json")


def test_json_errors_name_their_line(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{\n "a": ,\n}')
    with pytest.raises(FileRefused) as caught:
        files.load_json(path)
    assert caught.value.line == 2
