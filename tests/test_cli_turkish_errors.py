"""Under `--lang tr` no English reaches the user from the command line, bad input included: click's
own usage errors and help, every command's help, and the core's errors.

Every command of the tree is run in-process (click's runner) with a wrong option, without its
arguments, with a word where a number goes, and with --help; the output must hold no English word.
"""

from __future__ import annotations

import ast
import pathlib
import re

import click
import pytest
from click.testing import CliRunner

from crisiscomm.cli import main

# English a message would use; user-typed syntax (commands, options, choices, files) is removed first
WORDS = ("error usage missing invalid must cannot such try options commands show this message exit argument arguments "
         "value required the and with for of is are has have expected unknown file directory database already exists "
         "incident statement claim mention mentions fact feed drill scenario playbook template channel backup default "
         "when only an to in at was were or by from gone broken hold holds written fingerprint found").split()
# ASCII case folding only: Python folds the Turkish dotless ı onto i ("KANAL'ın" is no "in")
ENGLISH = re.compile(r"\b(" + "|".join(f"[{w[0]}{w[0].upper()}]{w[1:]}" for w in WORDS) + r")\b")
SYNTAX = [
    re.compile(r"crisiscomm(?: [a-z][a-z-]*)*"),  # a command to type (usage lines, hints)
    re.compile(r"(?<![\w-])--?[a-zA-Z][\w-]*"),  # options
    re.compile(r"\[[^\]\n]*\|[^\]\n]*\]|\w+(?:\|\w+)+"),  # choices
    re.compile(r"\b[a-z][\w.-]*(?:, [a-z][\w.-]*){2,}"),  # the ids a file may use, listed
    re.compile(r"`[^`\n]*`|'[^'\n]*'|\"[^\"\n]*\"|“[^”\n]*”"),  # quoted: typed values, file lines
    re.compile(r"^ {2}[a-z][a-z-]*(?= {2,}|$)", re.MULTILINE),  # the command column of a help's list
    re.compile(r"(?<![\w/])/[^\s:]+|\S+\.(?:toml|key|csv|xlsx|json|org|sqlite|txt)\b|https?://\S+|wss://\S+|"
               r"[\w.]+@[\w.]+"),  # files, addresses
    re.compile(r"\b(?:TATBİKAT / EXERCISE|Google News|YouTube|Bluesky(?: Jetstream)?|Mastodon|Telegram|SQLite|"
               r"CAP 1\.2|ClaimReview JSON-LD|JSON-LD|Ed25519|Exercise|Cancel|RSS/Atom|CSV|XLSX|JSON|KVKK|IBAN|"
               r"UTF-8|ISO 8601|UC…|(?:[A-Z]+_)+[A-Z]+)\b"),  # names and formats
]


def english_in(text: str) -> list[str]:
    for pattern in SYNTAX:
        text = pattern.sub(" ", text)
    return ENGLISH.findall(text)


def leaves(command: click.Command, path: tuple[str, ...] = ()):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from leaves(sub, (*path, name))


COMMANDS = list(leaves(main))


@pytest.fixture
def turkish(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISISCOMM_KEY", str(tmp_path / "no-such.key"))
    monkeypatch.delenv("CRISISCOMM_LANG", raising=False)
    runner = CliRunner()
    db = str(tmp_path / "room.sqlite")

    def run(*args: str, input: str | None = None):
        result = runner.invoke(main, ["--db", db, "--operator", "ayse", "--lang", "tr", *args], input=input,
                               prog_name="crisiscomm")
        assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), \
            f"{args}: {result.exception!r}"
        return result

    return run


def _bad_calls(path: tuple[str, ...], command: click.Command) -> list[tuple[str, ...]]:
    """Calls that must fail before the command does anything: a wrong option, missing or ill-typed arguments."""
    calls = [(*path, "--no-such-option")]
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    if any(p.required for p in arguments):
        calls.append(path)
    numbers = [p for p in command.params if isinstance(p.type, (click.types.IntParamType, click.types.FloatParamType))]
    if arguments and isinstance(arguments[0].type, click.types.IntParamType):
        calls.append((*path, "bir"))
    for option in numbers:
        if isinstance(option, click.Option) and arguments and isinstance(arguments[0].type, click.types.IntParamType):
            calls.append((*path, "1", option.opts[-1], "bir"))
    return calls


def test_usage_errors_of_every_command_are_turkish(turkish):
    found = {}
    for path, command in COMMANDS:
        for call in _bad_calls(path, command):
            result = turkish(*call)
            assert result.exit_code == 2, (call, result.output)
            if english_in(result.output):
                found[" ".join(call)] = (english_in(result.output), result.output)
    assert not found, found


def test_help_of_every_command_is_turkish(turkish):
    found = {}
    for path, _command in COMMANDS:
        result = turkish(*path, "--help")
        assert result.exit_code == 0 and "Kullanım:" in result.output, (path, result.output)
        if english_in(result.output):
            found[" ".join(path) or "crisiscomm"] = (english_in(result.output), result.output)
    assert not found, found


def test_english_stays_click_s_own(tmp_path):
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "r.sqlite"), "--lang", "en", "incident", "open"])
    assert result.exit_code == 2
    assert "Usage:" in result.output and "Error: Missing argument 'TITLE'." in result.output
    result = CliRunner().invoke(main, ["--lang", "en", "incident", "open", "--help"])
    assert "Show this message and exit." in result.output and "[OPTIONS] TITLE" in result.output


def test_a_usage_error_before_the_language_option_is_parsed_is_turkish(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISISCOMM_LANG", "tr")
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "r.sqlite"), "--no-such-option"])
    assert result.exit_code == 2 and "'--no-such-option' adında bir seçenek yok." in result.output
    result = CliRunner().invoke(main, ["--lang", "tr", "--version"])
    assert result.output.startswith("crisiscomm, sürüm ")


def test_metrics_key_and_verify_speak_turkish(turkish, tmp_path, monkeypatch):
    assert turkish("incident", "open", "Malatya depremi", "--playbook", "natural-disaster").exit_code == 0
    for args in (("metrics", "1"), ("metrics",), ("verify",)):
        result = turkish(*args)
        assert result.exit_code == 0 and not english_in(result.output), (args, result.output)
        assert "=" not in result.output and "_s:" not in result.output, result.output  # no key=value, no field names
    assert "Kontrol listesi süreleri:" in turkish("metrics", "1").output
    assert turkish("verify").output.startswith("zincir sağlam: ")
    assert turkish("metrics", "1", "--json").output.lstrip().startswith("{")
    listed = turkish("accounts", "add", "x", "@kurum", "--owner", "ayse").output
    assert not re.search(r"\d{4}-\d\d-\d\dT", listed) and not english_in(listed), listed  # local time, in words
    monkeypatch.setenv("CRISISCOMM_KEY", str(tmp_path / "signing.key"))
    made = turkish("key", "new")
    assert made.exit_code == 0 and "özel anahtar yazıldı" in made.output and 'public_key = "' in made.output
    shown = turkish("key", "show")
    assert shown.exit_code == 0 and "parmak izi: " in shown.output
    assert not english_in(made.output + shown.output), made.output + shown.output


# --- every message a user reads goes through the catalogue -------------------------------------

def _error_types() -> set[str]:
    import importlib
    import pkgutil

    import crisiscomm
    from crisiscomm.errors import CrisisError

    for info in pkgutil.walk_packages(crisiscomm.__path__, "crisiscomm."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    found, todo = set(), [CrisisError]
    while todo:
        kind = todo.pop()
        found.add(kind.__name__)
        todo += kind.__subclasses__()
    return found | {"UsageError", "BadParameter", "ClickException", "FileError"}


def _literal_words(node: ast.AST) -> str:
    """The words a literal (or an f-string's literal parts) writes itself."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(v.value for v in node.values if isinstance(v, ast.Constant))
    return ""


WORDS_OF_A_SENTENCE = re.compile(r"[A-Za-z]{2,}[ ,.:;'()]+[A-Za-z]{2,}")
SOURCE = pathlib.Path(__file__).resolve().parent.parent / "crisiscomm"


def test_no_error_or_cli_line_is_written_in_english_outside_the_catalogue():
    types = _error_types()
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            checked = name in types or (name in ("echo", "secho", "fail") and "cli" in path.parts)
            if name in ("error", "err") and path.name in ("validate.py", "playbook_check.py"):
                checked = True  # a scenario's or playbook's problems
            for message in node.args if checked else ():
                if WORDS_OF_A_SENTENCE.search(_literal_words(message)):
                    found.append(f"{path.relative_to(SOURCE.parent)}:{node.lineno}: {_literal_words(message)[:70]}")
    assert not found, "\n".join(found)


def test_the_core_s_refusals_are_turkish(turkish, tmp_path, monkeypatch):
    """Bad input that reaches the core: files, imports, drills, playbooks, keys, backups, exports."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    (tmp_path / "no-text.csv").write_text("Yazar\nayse\n", encoding="utf-8")
    (tmp_path / "scenario.toml").write_text('[exercise]\nname = "x"\nplaybook = "yok"\nlanguage = "fr"\n'
                                            '[[inject]]\nid = "A b"\nat = "zz"\ntype = "x"\n', encoding="utf-8")
    (tmp_path / "playbook.toml").write_text('id = "X y"\nlanguage = ["tr", "fr"]\ntitle = "a"\nfoo = 1\n'
                                            '[[steps]]\nid = "s"\nowner = "q"\n', encoding="utf-8")
    assert turkish("incident", "open", "Malatya depremi", "--playbook", "natural-disaster").exit_code == 0
    calls = [
        ("fact", "set", "9", "ölü", "5"), ("statement", "show", "9"), ("claim", "show", "9"),
        ("incident", "open", " "), ("incident", "open", "x", "--playbook", "yok"),
        ("import", "notes.txt"), ("import", "empty.csv"), ("import", "no-text.csv"), ("import", "yok.csv"),
        ("import", "no-text.csv", "--map", "yanlış"), ("import", "no-text.csv", "--profile", "yok"),
        ("drill", "run", "yok", "--headless"), ("drill", "check", "scenario.toml"), ("drill", "status", "1"),
        ("drill", "run", "yok", "--json"), ("playbooks", "check", "playbook.toml"), ("playbooks", "show", "yok"),
        ("playbooks", "check", str(tmp_path / "boş")), ("key", "show"),
        ("backup", str(tmp_path / "yok" / "yedek.sqlite")), ("restore", "yok.sqlite"),
        ("export", "cap", "9"), ("export", "claimreview", "9"), ("feeds", "add", "ftp://örnek"),
        ("feeds", "add", "https://t.me/yanlis", "--kind", "telegram"), ("feeds", "add", str(tmp_path)),
        ("ingest", "--stream", "1"), ("alerts", "--on", "yok"), ("statement", "draft", "1", "--template", "yok"),
        ("statement", "publish", "1", "--channel", "yok"), ("mention", "erase", "9", "--reason", "KVKK"),
        ("mention", "add", "1", "metin", "--source", "yok"), ("serve", "--host", "0.0.0.0"),
        ("timeline", "1", "--format", "yok"), ("report", "1", "--format", "yok"), ("statement", "lint", "-"),
    ]
    found = {}
    for call in calls:
        if call[:2] == ("statement", "lint"):  # the room's lint.toml, read by every lint
            (tmp_path / "lint.toml").write_text('[rules]\n"accuracy.number" = "often"\n', encoding="utf-8")
        result = turkish(*call, input="")
        text = result.output
        assert result.exit_code in (0, 1, 2) and "Traceback" not in text, (call, text)
        if english_in(text):
            found[" ".join(call)] = (english_in(text), text)
    assert not found, found
