"""click's own words (usage errors, help headings, metavars) through the catalogue.

click words its messages with `gettext`'s `_()`/`ngettext()`, bound by name in each of its
modules; a gettext catalogue would follow the process locale, not `--lang`, so `install()` binds
those names to a lookup in our catalogue instead (a message we have no words for stays as click
wrote it: those are programming errors, never a user's). `localize(main)` then puts the words
click fixes when a command is built (help texts, metavars, the file and number types' names) into
the chosen language; the command line calls it before parsing, so a usage error is already worded.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from crisiscomm import i18n
from crisiscomm.cli import help_words

# click's message (its gettext msgid) → our key; the English text is click's own.
MESSAGES: dict[str, dict[str, i18n.Text]] = {
    "click.aborted": {"tr": "İşlem iptal edildi.", "en": "Aborted!"},
    "click.deprecated": {"tr": "kaldırılacak", "en": "deprecated"},
    "click.missing_command": {"tr": "Bir komut verilmedi.", "en": "Missing command."},
    "click.options": {"tr": "Seçenekler", "en": "Options"},
    "click.positional": {"tr": "Bağımsız değişkenler", "en": "Positional arguments"},
    "click.commands": {"tr": "Komutlar", "en": "Commands"},
    "click.deprecated_command": {
        "tr": "Uyarı: {name!r} komutu kaldırılacak.{extra_message}",
        "en": "DeprecationWarning: The command {name!r} is deprecated.{extra_message}"},
    "click.deprecated_param": {
        "tr": "Uyarı: {name!r} ({param_type}) kaldırılacak.{extra_message}",
        "en": "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}"},
    "click.extra_args": {"tr": "Fazladan bağımsız değişken verildi ({args}).",
                         "en": {"one": "Got unexpected extra argument ({args})",
                                "other": "Got unexpected extra arguments ({args})"}},
    "click.iterable": {"tr": "Değer bir liste olmalı.", "en": "Value must be an iterable."},
    "click.env_var": {"tr": "ortam değişkeni: {var}", "en": "env var: {var}"},
    "click.default": {"tr": "varsayılan: {default}", "en": "default: {default}"},
    "click.required": {"tr": "zorunlu", "en": "required"},
    "click.dynamic": {"tr": "(değişken)", "en": "(dynamic)"},
    "click.nargs": {"tr": "{nargs} değer alır, {len} değer verildi.",
                    "en": {"one": "Takes {nargs} values but 1 was given.",
                           "other": "Takes {nargs} values but {len} were given."}},
    "click.continue": {"tr": "Devam edilsin mi?", "en": "Do you want to continue?"},
    "click.confirm_help": {"tr": "İşlemi sormadan onaylar.", "en": "Confirm the action without prompting."},
    "click.version_help": {"tr": "Sürümü gösterir ve çıkar.", "en": "Show the version and exit."},
    "click.help_help": {"tr": "Bu yardım metnini gösterir ve çıkar.", "en": "Show this message and exit."},
    "click.did_you_mean": {"tr": {"one": "Bunu mu demek istediniz: {possibility}?",
                                  "other": "(Şunlardan birini mi demek istediniz: {possibilities}?)"},
                           "en": {"one": "Did you mean {possibility}?",
                                  "other": "(Did you mean one of: {possibilities}?)"}},
    "click.missing_argument": {"tr": "Zorunlu bağımsız değişken verilmedi:", "en": "Missing argument"},
    "click.missing_option": {"tr": "Zorunlu seçenek verilmedi:", "en": "Missing option"},
    "click.missing_parameter": {"tr": "Zorunlu değer verilmedi:", "en": "Missing parameter"},
    "click.missing_type": {"tr": "Zorunlu {param_type} verilmedi:", "en": "Missing {param_type}"},
    "click.missing_named": {"tr": "Zorunlu değer verilmedi: {param_name}", "en": "Missing parameter: {param_name}"},
    "click.unknown_error": {"tr": "bilinmeyen hata", "en": "unknown error"},
    "click.invalid_for": {"tr": "{param_hint} için geçersiz değer: {message}",
                          "en": "Invalid value for {param_hint}: {message}"},
    "click.invalid": {"tr": "Geçersiz değer: {message}", "en": "Invalid value: {message}"},
    "click.cannot_open": {"tr": "{filename!r} dosyası açılamadı: {message}",
                          "en": "Could not open file {filename!r}: {message}"},
    "click.error": {"tr": "Hata: {message}", "en": "Error: {message}"},
    "click.try_help": {"tr": "Yardım için '{command} {option}' komutunu çalıştırın.",
                       "en": "Try '{command} {option}' for help."},
    "click.no_option": {"tr": "{name!r} adında bir seçenek yok.", "en": "No such option {name!r}."},
    "click.no_command": {"tr": "{name!r} adında bir komut yok.", "en": "No such command {name!r}."},
    "click.usage": {"tr": "Kullanım:", "en": "Usage:"},
    "click.no_value": {"tr": "{name!r} seçeneği değer almaz.", "en": "Option {name!r} does not take a value."},
    "click.needs_value": {"tr": {"one": "{name!r} seçeneğine bir değer verilmeli.",
                                 "other": "{name!r} seçeneğine {nargs} değer verilmeli."},
                          "en": {"one": "Option {name!r} requires an argument.",
                                 "other": "Option {name!r} requires {nargs} arguments."}},
    "click.arg_nargs": {"tr": "{name!r} bağımsız değişkeni {nargs} değer alır.",
                        "en": "Argument {name!r} takes {nargs} values."},
    "click.choose_from": {"tr": "Şunlardan birini seçin:\n\t{choices}", "en": "Choose from:\n\t{choices}"},
    "click.not_choice": {"tr": {"one": "{value!r} olamaz; yalnızca {choice} olabilir.",
                                "other": "{value!r} olamaz; şunlardan biri olmalı: {choices}."},
                         "en": {"one": "{value!r} is not {choice}.", "other": "{value!r} is not one of {choices}."}},
    "click.bad_format": {"tr": {"one": "{value!r} beklenen biçimde değil ({format}).",
                                "other": "{value!r} beklenen biçimlerin hiçbirinde değil ({formats})."},
                         "en": {"one": "{value!r} does not match the format {format}.",
                                "other": "{value!r} does not match the formats {formats}."}},
    "click.out_of_range": {"tr": "{value} izin verilen aralığın dışında ({range}).",
                           "en": "{value} is not in the range {range}."},
    "click.bad_bool": {"tr": "{value!r} bir evet/hayır değeri değil. Geçerli değerler: {states}",
                       "en": "{value!r} is not a valid boolean. Recognized values: {states}"},
    "click.tuple_len": {"tr": "{len_type} değer gerekli, {len_value} değer verildi.",
                        "en": {"one": "{len_type} values are required, but {len_value} was given.",
                               "other": "{len_type} values are required, but {len_value} were given."}},
    "click.bad_number": {"tr": "{value!r} geçerli bir {number_type} değil.",
                         "en": "{value!r} is not a valid {number_type}."},
    "click.bad_uuid": {"tr": "{value!r} geçerli bir UUID değil.", "en": "{value!r} is not a valid UUID."},
    "click.path_is_file": {"tr": "{name} bekleniyordu; {filename!r} bir dosya.", "en": "{name} {filename!r} is a file."},
    "click.path_is_dir": {"tr": "{name} bekleniyordu; {filename!r} bir klasör.",
                          "en": "{name} {filename!r} is a directory."},
    "click.path_unreadable": {"tr": "{name} okunamıyor: {filename!r}.", "en": "{name} {filename!r} is not readable."},
    "click.path_unwritable": {"tr": "{name} yazılamıyor: {filename!r}.", "en": "{name} {filename!r} is not writable."},
    "click.path_not_executable": {"tr": "{name} çalıştırılamıyor: {filename!r}.",
                                  "en": "{name} {filename!r} is not executable."},
    "click.path_missing": {"tr": "{name} bulunamadı: {filename!r}.", "en": "{name} {filename!r} does not exist."},
    "click.press_key": {"tr": "Devam etmek için bir tuşa basın...", "en": "Press any key to continue..."},
    "click.repeat": {"tr": "Doğrulamak için yeniden girin", "en": "Repeat for confirmation"},
    "click.no_match": {"tr": "Hata: Girilen iki değer aynı değil.", "en": "Error: The two entered values do not match."},
    "click.bad_input": {"tr": "Hata: geçersiz giriş", "en": "Error: invalid input"},
}

# What click builds into a command: its metavars, and the names of the types it reports.
BUILT: dict[str, dict[str, i18n.Text]] = {
    "click.options_metavar": {"tr": "[SEÇENEKLER]", "en": "[OPTIONS]"},
    "click.subcommand_metavar": {"tr": "KOMUT [BAĞIMSIZ DEĞİŞKENLER]...", "en": "COMMAND [ARGS]..."},
    "click.subcommand_metavar_optional": {"tr": "[KOMUT] [BAĞIMSIZ DEĞİŞKENLER]...", "en": "[COMMAND] [ARGS]..."},
    "click.type.file": {"tr": "dosya", "en": "file"},
    "click.type.directory": {"tr": "klasör", "en": "directory"},
    "click.type.path": {"tr": "yol", "en": "path"},
    "click.type.integer": {"tr": "tam sayı", "en": "integer"},
    "click.type.number": {"tr": "sayı", "en": "number"},
    "click.metavar.text": {"tr": "METİN", "en": "TEXT"},
    "click.metavar.integer": {"tr": "SAYI", "en": "INTEGER"},
    "click.metavar.number": {"tr": "SAYI", "en": "NUMBER"},
    "click.metavar.file": {"tr": "DOSYA", "en": "FILE"},
    "click.metavar.directory": {"tr": "KLASÖR", "en": "DIRECTORY"},
    "click.metavar.path": {"tr": "YOL", "en": "PATH"},
}
i18n.register(MESSAGES)
i18n.register(BUILT)

_BY_MSGID: dict[str, str] = {}
for _key, _entry in MESSAGES.items():
    _english = _entry["en"]
    for _form in _english.values() if isinstance(_english, dict) else [_english]:
        _BY_MSGID[_form] = _key

CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types")


def gettext(message: str) -> str:
    key = _BY_MSGID.get(message)
    return i18n.t(key) if key else message


def ngettext(singular: str, plural: str, n: int) -> str:
    key = _BY_MSGID.get(singular)
    if key is None:
        return singular if n == 1 else plural
    text = i18n.entry(key).get(i18n.get_lang()) or i18n.entry(key)["en"]
    return text if isinstance(text, str) else text["one" if n == 1 else "other"]


def install() -> None:
    """Bind click's `_`/`ngettext` to the catalogue (they look the language up on each call)."""
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext


def localize(command: click.Command, path: tuple[str, ...] = ()) -> None:
    """Put a command tree's built-in words (help, metavars, type names) into the current language."""
    help_words.apply(command, path)
    command.options_metavar = i18n.t("click.options_metavar")
    command._help_option = None  # rebuilt on demand, its help worded by `gettext` in the current language
    if isinstance(command, click.Group):
        optional = command.invoke_without_command
        command.subcommand_metavar = i18n.t("click.subcommand_metavar_optional" if optional
                                            else "click.subcommand_metavar")
    for param in command.params:
        _name_type(param.type)
        if isinstance(param, click.Argument):
            param.metavar = help_words.argument_metavar(param)
        elif isinstance(param, click.Option) and not param.is_flag:
            param.metavar = help_words.option_metavar(param) or _type_metavar(param.type)
    for name, sub in getattr(command, "commands", {}).items():
        localize(sub, (*path, name))


def _name_type(kind: Any) -> None:
    if isinstance(kind, click.Path):
        kind.name = i18n.t("click.type.file" if not kind.dir_okay else "click.type.directory"
                           if not kind.file_okay else "click.type.path")
    elif isinstance(kind, click.types.IntParamType):
        kind.name = i18n.t("click.type.integer")
    elif isinstance(kind, click.types.FloatParamType):
        kind.name = i18n.t("click.type.number")


def _type_metavar(kind: Any) -> str | None:
    if isinstance(kind, click.Choice):
        return None
    if isinstance(kind, click.Path):
        word = "file" if not kind.dir_okay else "directory" if not kind.file_okay else "path"
    elif isinstance(kind, click.types.IntParamType):
        word = "integer"
    elif isinstance(kind, click.types.FloatParamType):
        word = "number"
    else:
        word = "text"
    return i18n.t(f"click.metavar.{word}")
