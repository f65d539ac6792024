"""JSON, JSON Lines and CSV records as raw articles.

A record finds its text and metadata under the field names listed in
``data/ingest_fields.toml`` (or the ``--text-field``... overrides in
``ReaderOptions``). One bad record (an object, a line, a row) costs only
itself: each is read under its own guard (``guarded_record``), and the records
after it are read.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache, partial
from importlib import resources
from pathlib import Path
from typing import IO, Any

from entente.errors import DataFileError
from entente.ingest.decode import looks_like_html
from entente.ingest.options import Item, ReaderOptions
from entente.records import RawArticle, Rejection

FIELDS_FILE = "ingest_fields.toml"
# JSON integers longer than this stay digit strings: Python refuses to convert
# more than 4,300 digits (a ValueError that ended the reading of a whole file),
# and no field entente reads holds a number that long.
JSON_INT_MAX_DIGITS = 1_000
# Nesting levels of a JSON field value read for a title, author or id: lists of
# lists 600 deep made ``_scalar`` exceed Python's recursion limit (issue 18).
MAX_FIELD_DEPTH = 16
# Field names shown in a "no text field" reason before "...".
REASON_FIELD_NAMES = 6


@dataclass(frozen=True, slots=True)
class FieldNames:
    """The field-name vocabularies of ``ingest_fields.toml``, casefolded."""

    text: tuple[str, ...]
    title: tuple[str, ...]
    date: tuple[str, ...]
    url: tuple[str, ...]
    author: tuple[str, ...]
    id: tuple[str, ...]
    outlet: tuple[str, ...]
    containers: tuple[str, ...]


@cache
def load_field_names(path: Path | None = None) -> FieldNames:
    """Load the field-name vocabularies (cached). Raises ``DataFileError`` if malformed."""
    source = path or resources.files("entente") / "data" / FIELDS_FILE
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
        fields = data["fields"]
        names = {
            key: tuple(str(n).casefold() for n in fields[key])
            for key in ("text", "title", "date", "url", "author", "id", "outlet")
        }
        return FieldNames(
            **names, containers=tuple(k.casefold() for k in data["containers"]["keys"])
        )
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(str(source), None, str(exc)) from exc
    except KeyError as exc:
        raise DataFileError(str(source), None, f"missing key {exc.args[0]!r}") from exc


def _scalar(value: Any, depth: int = 0) -> str | None:
    """A field value as a string; objects give their name, lists join their items.

    Values nested deeper than ``MAX_FIELD_DEPTH`` give nothing.
    """
    if value is None or isinstance(value, bool) or depth > MAX_FIELD_DEPTH:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Mapping):
        for key in ("name", "title", "value", "$oid", "id"):
            if key in value:
                return _scalar(value[key], depth + 1)
        return None
    if isinstance(value, list | tuple):
        parts = [p for p in (_scalar(v, depth + 1) for v in value) if p]
        return ", ".join(parts) or None
    return None


def _json_int(digits: str) -> int | str:
    """A JSON integer, or its digits when too long to convert (``JSON_INT_MAX_DIGITS``)."""
    return int(digits) if len(digits.lstrip("-")) <= JSON_INT_MAX_DIGITS else digits


def _parse_json(text: str) -> Any:
    return json.loads(text, parse_int=_json_int)


def guarded_record(source: str, build: Callable[[], Item]) -> Item:
    """``build()``, or a Rejection of this one record when reading it fails.

    A record is arbitrary data: whatever breaks on one (a reader bug included)
    must cost that record, logged with its reason, never the records after it.
    """
    try:
        return build()
    except RecursionError:
        return Rejection(source, "error", "could not read record: nested too deeply")
    except Exception as exc:  # see the docstring: report against the record, read on
        return Rejection(source, "error", f"could not read record: {type(exc).__name__}: {exc}")


def _epoch_to_iso(value: str) -> str:
    """Unix timestamps (seconds or milliseconds) as ISO dates; other values unchanged."""
    if not re.fullmatch(r"\d{9,13}(?:\.\d+)?", value):
        return value
    seconds = float(value)
    if seconds > 1e11:
        seconds /= 1000
    return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()


def _pick(record: Mapping[str, Any], override: str | None, names: tuple[str, ...]) -> Any:
    """The value of the first listed field present with a value (override alone if given)."""
    for name in (override.casefold(),) if override else names:
        value = record.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _text_value(value: Any) -> str | None:
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(v.strip() for v in value if v.strip()) or None
    return None


def _no_text_reason(record: Mapping[str, Any], options: ReaderOptions, names: FieldNames) -> str:
    if options.text_field:
        fields = ", ".join(list(record)[:10]) or "none"
        return f"no text in field {options.text_field!r} (fields: {fields})"
    present = [name for name in names.text if name in {str(k).casefold() for k in record}]
    if present:
        return f"empty text (field {present[0]!r} is blank)"
    looked = ", ".join(names.text[:REASON_FIELD_NAMES])
    return f"no text field (looked for {looked}, ...; use --text-field)"


def record_to_article(
    record: Mapping[Any, Any], base: str, number: int, options: ReaderOptions
) -> Item:
    """One JSON object or CSV row as a raw article, its source ``base#id`` or ``base#number``."""
    names = load_field_names()
    fields: dict[str, Any] = {}
    for key, value in record.items():
        fields.setdefault(str(key).strip().casefold(), value)
    record_id = _scalar(_pick(fields, options.id_field, names.id))
    source = f"{base}#{record_id}" if record_id else f"{base}#{number}"
    text = _text_value(_pick(fields, options.text_field, names.text))
    if text is None:
        return Rejection(source, "skipped", _no_text_reason(fields, options, names))
    published = _scalar(_pick(fields, options.date_field, names.date))
    article = RawArticle(
        source=source,
        title=_scalar(_pick(fields, options.title_field, names.title)),
        author=_scalar(_pick(fields, options.author_field, names.author)),
        published=_epoch_to_iso(published) if published else None,
        url=_scalar(_pick(fields, options.url_field, names.url)),
        outlet=_scalar(_pick(fields, None, names.outlet)),
    )
    if looks_like_html(text):
        article.html = text
    else:
        article.text = text
    return article


def _json_error(exc: json.JSONDecodeError, line: int | None = None) -> str:
    return f"malformed JSON at line {line or exc.lineno}, column {exc.colno}: {exc.msg}"


def _json_records(value: Any, names: FieldNames) -> list[Any] | None:
    """The records a JSON document holds: itself, its list, or a list under a known key."""
    if isinstance(value, list):
        return value
    if not isinstance(value, dict):
        return None
    lowered = {str(k).casefold(): v for k, v in value.items()}
    if _pick(lowered, None, names.text) is not None:
        return [value]
    for key in names.containers:
        if isinstance(lowered.get(key), list):
            return lowered[key]
    for item in value.values():
        if isinstance(item, list) and item and all(isinstance(i, dict) for i in item):
            return item
    return [value]


_JSON_TYPE_NAMES = {str: "string", int: "number", float: "number", list: "array", bool: "boolean"}
_JSON_TYPE_NAMES[type(None)] = "null"


def _record_or_rejection(value: Any, base: str, number: int, options: ReaderOptions) -> Item:
    if isinstance(value, dict):
        return guarded_record(
            f"{base}#{number}", lambda: record_to_article(value, base, number, options)
        )
    kind = _JSON_TYPE_NAMES.get(type(value), type(value).__name__)
    return Rejection(f"{base}#{number}", "skipped", f"record is a JSON {kind}, not an object")


def read_json(text: str, source: str, options: ReaderOptions) -> Iterator[Item]:
    """A JSON object, a list of objects, or an object holding a list of objects."""
    try:
        value = _parse_json(text)
    except json.JSONDecodeError as exc:
        yield Rejection(source, "error", _json_error(exc))
        return
    except RecursionError:
        yield Rejection(source, "error", "malformed JSON: nested too deeply")
        return
    records = _json_records(value, load_field_names())
    if records is None:
        kind = type(value).__name__
        yield Rejection(source, "skipped", f"JSON holds a {kind}, not objects")
        return
    if len(records) == 1 and isinstance(records[0], dict) and records[0] is value:
        item = guarded_record(source, lambda: record_to_article(value, source, 1, options))
        # A file holding one article is its own source: no "#1".
        if item.source == f"{source}#1":
            item.source = source
        yield item
        return
    for number, record in enumerate(records, start=1):
        yield _record_or_rejection(record, source, number, options)


def read_jsonl(
    lines: Iterable[str], source: str, options: ReaderOptions, first_line: int = 1
) -> Iterator[Item]:
    """One JSON object per line; a bad line is rejected and the rest are read.

    ``first_line`` numbers the lines of a part of a file (the Ray engine reads
    a large file in parts), so each record keeps the name ``file#line`` it has
    when the file is read whole.
    """
    for number, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        try:
            value = _parse_json(line)
        except json.JSONDecodeError as exc:
            yield Rejection(f"{source}#{number}", "error", _json_error(exc, line=number))
            continue
        except RecursionError:
            yield Rejection(f"{source}#{number}", "error", "malformed JSON: nested too deeply")
            continue
        yield _record_or_rejection(value, source, number, options)


def _csv_delimiter(header_line: str) -> str:
    """The delimiter the header row uses most among comma, semicolon, tab and bar."""
    counts = {d: header_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ","


def read_csv(
    stream: IO[str], source: str, options: ReaderOptions, delimiter: str | None = None
) -> Iterator[Item]:
    """A header row, then one article per row, numbered from 1 after the header.
    ``stream`` is opened with ``newline=""``, as the csv module wants."""
    # Article texts are longer than csv's default 128 KB field limit allows.
    csv.field_size_limit(max(options.max_bytes, csv.field_size_limit()))
    first = stream.readline()
    delimiter = delimiter or _csv_delimiter(first.lstrip("\ufeff").split("\n", 1)[0])
    lines = itertools.chain([first], stream)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        yield Rejection(source, "skipped", "empty CSV (no header row)")
        return
    except csv.Error as exc:
        yield Rejection(source, "error", f"malformed CSV at line {reader.line_num}: {exc}")
        return
    names = load_field_names()
    columns = {h.casefold() for h in header}
    wanted = (options.text_field.casefold(),) if options.text_field else names.text
    if not columns & set(wanted):
        reason = _no_text_reason(dict.fromkeys(header), options, names)
        yield Rejection(source, "skipped", f"{reason}; columns: {', '.join(header)[:200]}")
        return
    number = 0
    failed_at = -1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # The reader starts afresh at the next line: one bad row costs only itself
            # (unless it read nothing, which would repeat for ever).
            if reader.line_num == failed_at:
                return
            failed_at = reader.line_num
            number += 1
            reason = f"malformed CSV at line {reader.line_num}: {exc}"
            yield Rejection(f"{source}#{number}", "error", reason)
            continue
        number += 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            reason = (
                f"malformed CSV at line {reader.line_num}: "
                f"{len(row)} fields, the header has {len(header)}"
            )
            yield Rejection(f"{source}#{number}", "error", reason)
            continue
        record = dict(zip(header, row, strict=True))
        yield guarded_record(
            f"{source}#{number}", partial(record_to_article, record, source, number, options)
        )
