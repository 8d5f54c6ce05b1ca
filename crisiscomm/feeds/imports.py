"""Importing monitoring-service exports (CSV, XLSX, JSON) as mentions.

Files are read through `crisiscomm.files` (regular files only, a size cap) and
parsed within caps (rows, cells, nesting, the unpacked size of a workbook).
Each row is checked; a problem names its row, its line in the file (CSV) and
its column, and the row is left out while the others go in, in one
transaction with the same dedupe as feeds (per source by guid or link, across
sources by normalised link). Runs inside the caller's transaction when one is open.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import pathlib
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from crisiscomm import files
from crisiscomm.errors import CrisisError
from crisiscomm.feeds import registry
from crisiscomm.feeds.import_profiles import FIELDS, PROFILES, best_profile, column_map, header_key
from crisiscomm.feeds.links import norm_link
from crisiscomm.mentions import add_mentions
from crisiscomm.store import Store
from crisiscomm.text import clean_field
from crisiscomm.feeds.strings import t

MAX_FILE = 100 * 1024 * 1024
MAX_UNPACKED = 400 * 1024 * 1024  # an XLSX is a zip: its parts unpacked, all together
MAX_ROWS = 200_000
MAX_PROBLEMS = 1_000
MAX_COLUMNS = 200
FORMATS = ("csv", "xlsx", "json")
_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y",
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d-%b-%Y %I:%M%p", "%d-%b-%Y %H:%M", "%d-%b-%Y",
    "%b %d, %Y %I:%M %p", "%b %d, %Y %H:%M", "%b %d, %Y", "%d %b %Y %H:%M", "%d %b %Y", "%m/%d/%Y %I:%M %p",
)
# Exports give local times without an offset: Turkey's (UTC+3 all year).
LOCAL = dt.timezone(dt.timedelta(hours=3), "TRT")


@dataclass
class Problem:
    row: int  # data row, from 1
    line: int | None  # line in the file (CSV), when it has lines
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f" (line {self.line})" if self.line else "")
        return f"{where}" + (f", column {self.column!r}" if self.column else "") + f": {self.message}"


@dataclass
class ImportResult:
    profile: str
    rows: int = 0
    new: int = 0
    duplicates: int = 0
    problems: list[Problem] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # header → field


@dataclass
class _Table:
    headers: list[str]
    rows: list[tuple[int | None, list[object]]]  # (line in the file, cells)


def file_format(path: str) -> str:
    suffix = pathlib.Path(path).suffix.lower().lstrip(".")
    if suffix in ("csv", "tsv", "txt"):
        return "csv"
    if suffix in ("xlsx", "xlsm"):
        return "xlsx"
    if suffix in ("json", "jsonl", "ndjson"):
        return "json"
    raise CrisisError(t("feed.import.format", path=path))


# -- reading tables -------------------------------------------------------------------------

def _decode(data: bytes, name: str) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1254", "replace")  # Excel's "CSV" on a Turkish Windows


def _read_csv(data: bytes, name: str) -> _Table:
    text = _decode(data, name)
    sample = text[:65536]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(1 << 20)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        headers = next(reader)
    except StopIteration:
        raise CrisisError(t("feed.import.empty", name=name)) from None
    rows: list[tuple[int | None, list[object]]] = []
    try:
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            if any(c.strip() for c in cells):
                rows.append((start, list(cells)))
            if len(rows) > MAX_ROWS:
                raise CrisisError(t("feed.import.too_many_rows", name=name, max_rows=MAX_ROWS))
    except csv.Error as exc:
        raise CrisisError(t("feed.import.bad_csv", name=name, line_num=reader.line_num, exc=exc)) from None
    return _Table(headers, rows)


def _read_xlsx(path: str, data: bytes) -> _Table:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise CrisisError(t("feed.import.not_xlsx", path=path)) from None
    if unpacked > MAX_UNPACKED:
        raise CrisisError(t("feed.import.xlsx_unpacked", path=path, limit=MAX_UNPACKED // (1 << 20)))
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return _sheet_table(path, book.worksheets[0])
        finally:
            book.close()
    except CrisisError:
        raise
    except Exception as exc:  # openpyxl (and defusedxml under it) raise many kinds for a damaged workbook
        reason = "entity declarations refused" if "Forbidden" in type(exc).__name__ else type(exc).__name__
        raise CrisisError(t("feed.import.bad_xlsx", path=path, reason=reason)) from None


def _sheet_table(path: str, sheet) -> _Table:
    rows_iter = sheet.iter_rows(values_only=True)
    headers = [("" if c is None else str(c)) for c in next(rows_iter, ())[:MAX_COLUMNS]]
    rows: list[tuple[int | None, list[object]]] = []
    for cells in rows_iter:
        if any(c not in (None, "") for c in cells):
            rows.append((None, list(cells[:MAX_COLUMNS])))
        if len(rows) > MAX_ROWS:
            raise CrisisError(t("feed.import.too_many_rows_path", path=path, max_rows=MAX_ROWS))
    if not headers:
        raise CrisisError(t("feed.import.empty_sheet", path=path))
    return _Table(headers, rows)


def _read_json(path: str, data: bytes) -> _Table:
    text = files.decode_text(data, path)
    if pathlib.Path(path).suffix.lower() in (".jsonl", ".ndjson"):
        records = [files.parse_json(line, f"{path}:{n}") for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    else:
        records = files.parse_json(text, path)
        if isinstance(records, dict):  # {"data": [...]} / {"results": [...]} / {"items": [...]}
            records = next((v for k, v in records.items() if isinstance(v, list) and k.lower() in
                            ("data", "results", "items", "mentions", "documents", "hits")), None)
    if not isinstance(records, list):
        raise CrisisError(t("feed.import.not_list", path=path))
    if len(records) > MAX_ROWS:
        raise CrisisError(t("feed.import.too_many_rows_path", path=path, max_rows=MAX_ROWS))
    headers: list[str] = []
    for record in records:
        if isinstance(record, dict):
            headers += [k for k in record if k not in headers and len(headers) < MAX_COLUMNS]
    rows = [(None, [record.get(h) if isinstance(record, dict) else None for h in headers]) for record in records]
    return _Table(headers, rows)


def read_table(path: str) -> _Table:
    kind = file_format(path)
    data = files.read_bytes(path, limit=MAX_FILE)
    if kind == "csv":
        return _read_csv(data, path)
    if kind == "xlsx":
        return _read_xlsx(path, data)
    return _read_json(path, data)


# -- rows to items --------------------------------------------------------------------------

def parse_time(value: object) -> str | None:
    """A cell as an ISO time with offset (local Turkish time when none is given); ValueError if it is none."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value > 10**9:
        moment = dt.datetime.fromtimestamp(value / 1000 if value > 10**11 else value, dt.timezone.utc)
    else:
        text = " ".join(str(value).split())
        try:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            for fmt in _DATE_FORMATS:
                try:
                    moment = dt.datetime.strptime(text, fmt)
                    break
                except ValueError:
                    continue
            else:
                raise ValueError(t("feed.import.not_date", value=clean_field(text, 'title')[:40])) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL)
    if not 1990 <= moment.year <= 2100:
        raise ValueError(t("feed.import.date_range", year=moment.year))
    return moment.astimezone(dt.timezone.utc).isoformat()


def _number(value: object) -> int:
    if isinstance(value, bool):
        raise ValueError(t("feed.import.not_number"))
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or value < 0:
            raise ValueError(t("feed.import.not_count"))
        return int(value)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(".", "").replace(",", "")
    if not text.isdigit() or len(text) > 13:
        raise ValueError(t("feed.import.not_number_value", value=clean_field(str(value), 'title')[:20]))
    return int(text)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value if isinstance(value, str) else str(value)


def row_item(cells: list[object], columns: dict[int, str], headers: list[str]) -> tuple[dict | None, list[tuple[str, str]]]:
    """One row as an item, and its problems as (column, message)."""
    values: dict[str, object] = {}
    where: dict[str, str] = {}
    for index, name in columns.items():
        if index < len(cells) and _cell(cells[index]).strip():
            values[name], where[name] = cells[index], headers[index]
    problems: list[tuple[str, str]] = []
    item: dict = {"plain": True}
    for name in ("title", "text", "author", "handle", "guid", "lang"):
        if name in values:
            item[name] = clean_field(_cell(values[name]), "text" if name == "text" else "title")
    if "outlet" in values:
        outlet = clean_field(_cell(values["outlet"]), "author")
        item["author"] = f"{item['author']} ({outlet})" if item.get("author") else outlet
    if "link" in values:
        link = _cell(values["link"]).strip()
        if norm_link(link) is None:
            problems.append((where["link"], f"not an http(s) address: {clean_field(link, 'title')[:60]!r}"))
        item["link"] = link
    if "published_at" in values:
        try:
            item["published_at"] = parse_time(values["published_at"])
        except (ValueError, OverflowError, OSError) as exc:
            problems.append((where["published_at"], str(exc)))
    for name in ("reach", "shares"):
        if name in values:
            try:
                item[name] = _number(values[name])
            except ValueError as exc:
                problems.append((where[name], str(exc)))
    problems.sort(key=lambda p: headers.index(p[0]))  # left to right, as the file shows them
    if not item.get("title") and not item.get("text"):
        problems.append(("", "no title and no text"))
    return (None if problems else item), problems


def _columns(table: _Table, profile: str | None, mapping: dict[str, str]) -> tuple[str, dict[int, str]]:
    if profile is not None and profile not in PROFILES:
        raise CrisisError(t("feed.import.no_profile", profile=profile, profiles=', '.join(PROFILES)))
    chosen = profile or best_profile(table.headers)
    columns = column_map(table.headers, chosen)
    keys = [header_key(h) for h in table.headers]
    for column, name in mapping.items():
        if name not in FIELDS:
            raise CrisisError(t("feed.import.map_field", column=column, name=name, fields=', '.join(FIELDS)))
        if header_key(column) not in keys:
            shown = ", ".join(repr(h) for h in table.headers[:30])
            raise CrisisError(t("feed.import.map_column", column=column, name=name, shown=shown))
        columns = {i: f for i, f in columns.items() if f != name}
        columns[keys.index(header_key(column))] = name
    if not {"title", "text"} & set(columns.values()):
        raise CrisisError(t("feed.import.no_text_column"))
    return chosen, columns


@dataclass
class ImportPlan:
    """A file read and its columns chosen, before anything is stored."""
    path: str
    table: _Table
    profile: str
    columns: dict[int, str]

    @property
    def rows(self) -> int:
        return len(self.table.rows)


def plan_import(path: str, *, profile: str | None = None, mapping: dict[str, str] | None = None) -> ImportPlan:
    table = read_table(path)
    chosen, columns = _columns(table, profile, mapping or {})
    return ImportPlan(path, table, chosen, columns)


def store_import(
    store: Store,
    plan: ImportPlan,
    *,
    operator: str,
    trust: str = "media",
    incident_id: int | None = None,
    on_row: Callable[[int], None] | None = None,
) -> ImportResult:
    """Check every row and store the good ones (one transaction); problems are in the result."""
    if trust not in registry.TRUST_LEVELS:
        raise CrisisError(t("feed.trust_choice", levels=', '.join(registry.TRUST_LEVELS)))
    table = plan.table
    result = ImportResult(plan.profile, rows=plan.rows,
                          columns={table.headers[i]: f for i, f in sorted(plan.columns.items())})
    items = list(_good_items(table, plan.columns, result, on_row))
    with store.write():
        if incident_id is not None:
            from crisiscomm import incidents

            incidents.get(store, incident_id)
        feed = registry.add_internal(store, f"import:{plan.profile}", kind="import", name=f"import-{plan.profile}",
                                     trust=trust, operator=operator)
        if items:
            result.new, result.duplicates = add_mentions(
                store, items, operator=operator, feed_id=feed["id"], incident_id=incident_id, event="mentions.imported")
    return result


def import_file(store: Store, path: str, *, operator: str, profile: str | None = None,
                mapping: dict[str, str] | None = None, **kwargs) -> ImportResult:
    """Read, check and store one export (see `store_import` for the options)."""
    return store_import(store, plan_import(path, profile=profile, mapping=mapping), operator=operator, **kwargs)


def _good_items(table: _Table, columns: dict[int, str], result: ImportResult,
                on_row: Callable[[int], None] | None) -> Iterator[dict]:
    for number, (line, cells) in enumerate(table.rows, 1):
        item, problems = row_item(cells, columns, table.headers)
        for column, message in problems:
            if len(result.problems) < MAX_PROBLEMS:
                result.problems.append(Problem(number, line, column or None, message))
        if item is not None:
            yield item
        if on_row:
            on_row(number)


def parse_mapping(pairs: tuple[str, ...]) -> dict[str, str]:
    """`COLUMN=FIELD` pairs (the column may contain `=`: the last one splits)."""
    mapping = {}
    for pair in pairs:
        column, sep, name = pair.rpartition("=")
        if not sep or not column.strip() or not name.strip():
            raise CrisisError(t("feed.import.map_pair", pair=pair))
        mapping[column.strip()] = name.strip().lower()
    return mapping
