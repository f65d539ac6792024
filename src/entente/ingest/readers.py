"""Read input files of every supported format into raw articles.

One reader per format, chosen by file suffix from ``FORMATS``: plain text,
HTML, JSON, JSON Lines, CSV/TSV, ZIP archives (members of any format), WARC
and ARC web archives, and RSS/Atom feeds. JSON and CSV records find their
text and metadata under the field names listed in ``data/ingest_fields.toml``.

``read_source`` never raises on bad input. A file that is too big, empty,
binary, in an unknown encoding or malformed yields a ``Rejection`` with a
one-line reason, and reading carries on with the next record or file. One bad
record (a JSON object, a line, a CSV row, an archive member) costs only itself:
each is read under its own guard, and the records after it are read.
Archives (ZIP, WARC) are streamed from disk: the size cap applies to each
member or record, since a web archive of many small pages is normal input; a
ZIP archive as a whole is bounded too (``MAX_ARCHIVE_MEMBERS``,
``ARCHIVE_BYTES_PER_MAX_BYTES``), and one whose entries overlap is refused.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import re
import stat
import tomllib
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache, partial
from importlib import resources
from pathlib import Path
from typing import IO, Any

from entente.errors import DataFileError
from entente.ingest.decode import (
    BOMS,
    SNIFF_BYTES,
    binary_reason,
    declared_charset,
    decode_text,
    sniff_binary,
)
from entente.records import RawArticle, Rejection
from entente.settings import SETTINGS

Item = RawArticle | Rejection

DEFAULT_MAX_BYTES: int = next(s.default for s in SETTINGS if s.name == "max_bytes")
FIELDS_FILE = "ingest_fields.toml"
# Zips inside zips are read this deep, no deeper (a zip bomb defence).
MAX_ARCHIVE_DEPTH = 3
# Members one ZIP archive may list: zipfile holds the whole central directory in
# memory, and a few hundred bytes of directory can name a member again and again.
MAX_ARCHIVE_MEMBERS = 250_000
# A ZIP archive's members may add up to this many times the per-file cap
# (--max-bytes; 2 GB by default) uncompressed: a 120 KB zip listing one 18 MB
# member 2,000 times cost hours (issue 18). A user who raises --max-bytes
# raises this with it.
ARCHIVE_BYTES_PER_MAX_BYTES = 100
# JSON integers longer than this stay digit strings: Python refuses to convert
# more than 4,300 digits (a ValueError that ended the reading of a whole file),
# and no field entente reads holds a number that long.
JSON_INT_MAX_DIGITS = 1_000
# Nesting levels of a JSON field value read for a title, author or id: lists of
# lists 600 deep made ``_scalar`` exceed Python's recursion limit (issue 18).
MAX_FIELD_DEPTH = 16
# Field names shown in a "no text field" reason before "...".
REASON_FIELD_NAMES = 6

# fmt: off
# Suffix to format; two-part suffixes are matched first.
FORMATS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".zip": "zip",
    ".warc": "warc", ".warc.gz": "warc", ".arc": "warc", ".arc.gz": "warc",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
}
# fmt: on

# An ARC file opens with its "filedesc://" record; a WARC with "WARC/1.x".
_ARC_START = b"filedesc://"
_HTML_TAG = re.compile(
    r"<(?:!doctype|html|head|body|div|p|article|section|span|br|h[1-6]|ul|li|a|table)\b",
    re.I,
)
_ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


@dataclass(slots=True)
class ReaderOptions:
    """How to read: the size cap, and field names that override the vocabularies."""

    max_bytes: int = DEFAULT_MAX_BYTES
    text_field: str | None = None
    title_field: str | None = None
    date_field: str | None = None
    url_field: str | None = None
    author_field: str | None = None
    id_field: str | None = None


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


# --- HTML detection ---------------------------------------------------------------


def looks_like_html(text: str) -> bool:
    """The text starts with ``<`` and holds HTML tags."""
    stripped = text.lstrip()
    return stripped.startswith("<") and bool(_HTML_TAG.search(stripped[:SNIFF_BYTES]))


# --- records (JSON, JSONL, CSV) -------------------------------------------------------


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


def _guarded_record(source: str, build: Callable[[], Item]) -> Item:
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
        return _guarded_record(
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
        item = _guarded_record(source, lambda: record_to_article(value, source, 1, options))
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
        yield _guarded_record(
            f"{source}#{number}", partial(record_to_article, record, source, number, options)
        )


# Formats read a line at a time, straight from a UTF-8 file (``_utf8_lines``), so
# that reading a corpus file holds one record, not the whole file three times over
# (its bytes, its text and its list of lines: 57 MB for a 14 MB JSON Lines file);
# from decoded text otherwise (archive members, other encodings).
LINE_READERS: dict[str, Callable[[IO[str], str, ReaderOptions], Iterator[Item]]] = {
    "jsonl": read_jsonl,
    "csv": read_csv,
    "tsv": partial(read_csv, delimiter="\t"),  # CSV with tabs
}


# --- text, HTML, feeds ------------------------------------------------------------------


def read_txt(text: str, source: str, options: ReaderOptions) -> Iterator[Item]:
    """The whole file is one article."""
    if not text.strip():
        yield Rejection(source, "skipped", "empty file")
        return
    yield RawArticle(source=source, text=text)


def read_html(text: str, source: str, options: ReaderOptions) -> Iterator[Item]:
    """The whole page is one article, extracted later by ``prepare``."""
    yield RawArticle(source=source, html=text)


def read_feed(data: bytes, source: str, options: ReaderOptions) -> Iterator[Item]:
    """RSS or Atom: one article per entry, from its longest content, else its summary."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        if feed.bozo:
            problem = str(feed.get("bozo_exception", "unreadable")).splitlines()[0]
            yield Rejection(source, "error", f"malformed feed: {problem}")
        else:
            yield Rejection(source, "skipped", "no entries (not an RSS or Atom feed?)")
        return
    for number, entry in enumerate(feed.entries, start=1):
        key = entry.get("id") or entry.get("link") or str(number)
        entry_source = f"{source}#{key}"
        contents = [c for c in entry.get("content", []) if c.get("value", "").strip()]
        if contents:
            body = max(contents, key=lambda c: len(c["value"]))
            value, kind = body["value"], body.get("type", "")
        else:
            value = entry.get("summary", "")
            kind = entry.get("summary_detail", {}).get("type", "")
        if not value.strip():
            yield Rejection(entry_source, "skipped", "feed entry has no content or summary")
            continue
        article = RawArticle(
            source=entry_source,
            title=entry.get("title") or None,
            author=entry.get("author_detail", {}).get("name") or entry.get("author") or None,
            published=entry.get("published") or entry.get("updated") or None,
            url=entry.get("link") or None,
        )
        # Feeds label plain summaries "text/html" too: only markup makes it HTML.
        if ("html" in kind and _ANY_TAG.search(value)) or looks_like_html(value):
            article.html = value
        else:
            article.text = value
        yield article


# --- archives ----------------------------------------------------------------------


def _is_hidden_member(info: zipfile.ZipInfo) -> bool:
    parts = info.filename.split("/")
    return info.is_dir() or any(p.startswith(".") or p == "__MACOSX" for p in parts)


def _unsafe_member_path(name: str) -> bool:
    """An absolute path, a drive, or ``..``: a member that would land outside the
    archive's folder if unpacked (entente never unpacks, but no honest archive has one)."""
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or bool(re.match(r"[A-Za-z]:", name)) or ".." in parts


def zip_refusal(infos: list[zipfile.ZipInfo], options: ReaderOptions) -> str | None:
    """Why a ZIP archive as a whole is not read, or None: too many members, too many
    bytes uncompressed, or entries whose data overlap (one member listed many times,
    the zip bomb's trick), checked on the central directory before anything is inflated.
    """
    if len(infos) > MAX_ARCHIVE_MEMBERS:
        return f"zip archive lists {len(infos):,} members, over the {MAX_ARCHIVE_MEMBERS:,} cap"
    total = sum(i.file_size for i in infos if not _is_hidden_member(i))
    cap = ARCHIVE_BYTES_PER_MAX_BYTES * options.max_bytes
    if total > cap:
        return (
            f"zip archive holds {total:,} bytes uncompressed, over the {cap:,}-byte cap "
            f"for one archive ({ARCHIVE_BYTES_PER_MAX_BYTES} x --max-bytes)"
        )
    end = -1
    for info in sorted(infos, key=lambda i: i.header_offset):
        if info.header_offset < end:
            return (
                f"zip archive's entries overlap (member {info.filename!r} starts inside "
                "another's data): a zip bomb or a corrupt archive"
            )
        end = info.header_offset + info.compress_size
    return None


def read_zip(
    stream: IO[bytes], source: str, options: ReaderOptions, depth: int = 0
) -> Iterator[Item]:
    """Every member of a supported format, as ``archive.zip!member``; the cap is per member.

    Refused whole when ``zip_refusal`` says so. A member that cannot be read,
    or whose path is absolute or climbs out with ``..``, costs only itself.
    """
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
        yield Rejection(source, "error", f"corrupt zip archive: {exc}")
        return
    with archive:
        infos = archive.infolist()
        refusal = zip_refusal(infos, options)
        if refusal:
            yield Rejection(source, "error", refusal)
            return
        for info in infos:
            member = f"{source}!{info.filename}"
            # Before the hidden-name check: ".." starts with a dot too, and such a
            # member was passed over without a word (issue 18).
            if _unsafe_member_path(info.filename):
                reason = f"unsafe member path {info.filename!r} (absolute or with '..'): not read"
                yield Rejection(member, "skipped", reason)
                continue
            if _is_hidden_member(info):
                continue
            if info.file_size > options.max_bytes:
                yield _too_big(member, info.file_size, options)
                continue
            try:
                data = archive.read(info)
            except (
                zipfile.BadZipFile,
                zlib.error,
                RuntimeError,
                NotImplementedError,
                OSError,
                EOFError,
            ) as exc:
                yield Rejection(member, "error", f"cannot read zip member: {exc}")
                continue
            yield from _guarded_items(
                read_bytes(data, info.filename, member, options, depth + 1), member
            )


def _guarded_items(items: Iterator[Item], source: str) -> Iterator[Item]:
    """``items``, then a Rejection of ``source`` if reading them fails part way:
    one archive member costs only itself (see ``_guarded_record``)."""
    try:
        yield from items
    except RecursionError:
        yield Rejection(source, "error", "could not read member: nested too deeply")
    except Exception as exc:  # report against the member, read the next one
        yield Rejection(source, "error", f"could not read member: {type(exc).__name__}: {exc}")


def read_warc(
    stream: IO[bytes], source: str, options: ReaderOptions, depth: int = 0
) -> Iterator[Item]:
    """HTML responses with status 200, as ``file.warc#URL``, dated by WARC-Date (the capture)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    # warcio reads almost any text as a run of ARC records; check the first bytes first.
    head = stream.read(len(_ARC_START))
    stream.seek(0)
    if not head.startswith((b"WARC/", b"\x1f\x8b", _ARC_START)):
        first = head.decode("ascii", errors="replace")
        reason = f"malformed WARC: it starts with {first!r}, not a WARC or ARC record"
        yield Rejection(source, "error", reason)
        return
    records = pages = cut = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            records += 1
            headers = record.http_headers
            if record.rec_type != "response" or headers is None:
                continue
            content_type = headers.get_header("Content-Type") or ""
            if headers.get_statuscode() != "200" or "html" not in content_type.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            page_source = f"{source}#{url or records}"
            body = record.content_stream().read(options.max_bytes + 1)
            if len(body) > options.max_bytes:
                yield _too_big(page_source, len(body), options, at_least=True)
                continue
            # A record the file ends inside: warcio hands over what there is.
            missing = getattr(record.raw_stream, "limit", 0)
            if missing:
                reason = (
                    f"truncated WARC record: the file ends {missing:,} bytes before "
                    "the record does (a cut download?)"
                )
                yield Rejection(page_source, "error", reason)
                cut += 1
                continue
            charset = re.search(r"charset=([\w.:-]+)", content_type, re.I)
            declared = charset.group(1) if charset else declared_charset(body)
            html, reason = decode_text(body, declared)
            if html is None:
                yield Rejection(page_source, "skipped", reason or "undecodable page")
                continue
            pages += 1
            yield RawArticle(
                source=page_source,
                html=html,
                url=url,
                published=record.rec_headers.get_header("WARC-Date"),
            )
    # warcio fails with AttributeError/KeyError on records missing required headers.
    except (
        ArchiveLoadFailed,
        ValueError,
        OSError,
        EOFError,
        zlib.error,
        AttributeError,
        KeyError,
    ) as exc:
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        yield Rejection(source, "error", f"malformed WARC after {records} records: {problem}")
        return
    if head.startswith(b"\x1f\x8b") and not cut and not _gzip_complete(stream):
        # warcio stops quietly where a gzip stream is cut: say so, or the records
        # after the cut vanish without a word.
        reason = f"truncated gzip: the file ends inside a record after {records} WARC records"
        yield Rejection(source, "error", reason)
        return
    if not pages:
        reason = f"no HTML responses with status 200 among {records} WARC records"
        yield Rejection(source, "skipped", reason)


# Bytes read at a time while checking that a gzip file is whole.
_GZIP_CHECK_BLOCK = 1 << 20


def _gzip_complete(stream: IO[bytes]) -> bool:
    """Every gzip member of the stream ends (a .warc.gz is one member per record).

    The output is discarded, a block at a time, so checking holds no record whole.
    """
    stream.seek(0)
    inflater = zlib.decompressobj(wbits=31)
    inside = False  # a member has begun and not yet ended
    try:
        while block := stream.read(_GZIP_CHECK_BLOCK):
            while block:
                inside = True
                inflater.decompress(block, _GZIP_CHECK_BLOCK)
                if inflater.eof:
                    block = inflater.unused_data
                    inflater = zlib.decompressobj(wbits=31)
                    inside = False
                else:
                    block = inflater.unconsumed_tail
        if inside:  # output zlib still holds past the last block's limit
            inflater.flush()
    except zlib.error:
        return False
    return not inside or inflater.eof


# --- dispatch ---------------------------------------------------------------------------


TextReader = Callable[[str, str, ReaderOptions], Iterator[Item]]
StreamReader = Callable[[IO[bytes], str, ReaderOptions, int], Iterator[Item]]

TEXT_READERS: dict[str, TextReader] = {
    "text": read_txt,
    "html": read_html,
    "json": read_json,
}
STREAM_READERS: dict[str, StreamReader] = {"zip": read_zip, "warc": read_warc}


def format_of(name: str) -> str:
    """The format a file name's suffix says; ``text`` for unknown suffixes."""
    lower = name.lower()
    for suffix in sorted(FORMATS, key=len, reverse=True):
        if lower.endswith(suffix):
            return FORMATS[suffix]
    return "text"


def _too_big(source: str, size: int, options: ReaderOptions, at_least: bool = False) -> Rejection:
    over = "over " if at_least else ""
    return Rejection(
        source,
        "skipped",
        f"{over}{size:,} bytes is over the {options.max_bytes:,}-byte cap (--max-bytes)",
    )


def read_bytes(
    data: bytes, name: str, source: str, options: ReaderOptions, depth: int = 0
) -> Iterator[Item]:
    """Read a file's contents already in memory (a file or an archive member)."""
    if not data.strip():
        yield Rejection(source, "skipped", "empty file")
        return
    fmt = format_of(name)
    if fmt in STREAM_READERS:
        if depth > MAX_ARCHIVE_DEPTH:
            yield Rejection(source, "skipped", f"archive nested deeper than {MAX_ARCHIVE_DEPTH}")
            return
        yield from STREAM_READERS[fmt](io.BytesIO(data), source, options, depth)
        return
    if fmt == "feed":
        label = sniff_binary(data[:SNIFF_BYTES])
        if label is not None and not data.startswith(tuple(b for b, _ in BOMS)):
            yield Rejection(source, "skipped", binary_reason(label))
            return
        yield from read_feed(data, source, options)
        return
    text, reason = decode_text(data, declared_charset(data) if fmt == "html" else None)
    if text is None:
        yield Rejection(source, "skipped", reason or "not text")
        return
    if fmt in LINE_READERS:
        yield from LINE_READERS[fmt](io.StringIO(text, newline=""), source, options)
        return
    yield from TEXT_READERS[fmt](text, source, options)


# Bytes read at a time while checking that a file is UTF-8.
_UTF8_CHECK_BLOCK = 1 << 20


def _utf8_lines(path: Path) -> IO[str] | None:
    """The file as a stream of text lines when it is UTF-8 text (a UTF-8 byte-order
    mark included) with something besides whitespace in it; None otherwise, and
    ``read_bytes`` then decides as it does for every file (other encodings,
    binary files, empty files). The check reads the file once in blocks."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    blank = True
    with path.open("rb") as raw:
        head = raw.read(SNIFF_BYTES)
        bom = head.startswith(codecs.BOM_UTF8)
        if not bom and (
            head.startswith(tuple(b for b, _ in BOMS)) or sniff_binary(head) is not None
        ):
            return None
        block = head
        try:
            while block:
                decoder.decode(block)
                blank = blank and not block.strip()
                block = raw.read(_UTF8_CHECK_BLOCK)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return None
    if blank:
        return None
    return path.open(encoding="utf-8-sig" if bom else "utf-8", newline="")


def read_source(path: Path, options: ReaderOptions | None = None) -> Iterator[Item]:
    """Read one file into raw articles and rejections, by its suffix (see ``FORMATS``).

    Never raises on bad input: every problem is a ``Rejection`` whose reason
    says what was wrong, and reading goes on.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> (folder / "empty.txt").write_text("")
    0
    >>> [r.reason for r in read_source(folder / "empty.txt")]
    ['empty file']
    """
    options = options or ReaderOptions()
    path = Path(path)
    source = str(path)
    fmt = format_of(path.name)
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            # A FIFO or a device: opening it could block for ever, or never end.
            yield Rejection(source, "skipped", "not a regular file (a FIFO or device): not read")
            return
        size = status.st_size
        if size == 0:
            yield Rejection(source, "skipped", "empty file")
            return
        if fmt in STREAM_READERS:
            with path.open("rb") as stream:
                yield from STREAM_READERS[fmt](stream, source, options, 0)
            return
        if size > options.max_bytes:
            yield _too_big(source, size, options)
            return
        if fmt in LINE_READERS:
            stream = _utf8_lines(path)
            if stream is not None:
                with stream:
                    yield from LINE_READERS[fmt](stream, source, options)
                return
        yield from read_bytes(path.read_bytes(), path.name, source, options)
    except OSError as exc:
        yield Rejection(source, "error", f"cannot read file: {exc.strerror or exc}")
    except Exception as exc:  # a reader bug must not stop a run: report it against the file
        yield Rejection(source, "error", f"could not read {fmt} file: {type(exc).__name__}: {exc}")
