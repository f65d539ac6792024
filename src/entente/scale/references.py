"""The inputs of an ingest as references: what one read task of the Ray engine reads.

A reference is a few spans of input files, about one chunk of articles
(``CHUNK_DOCS``), so that reading, cleaning and coding spread over a cluster
even when a corpus is one large JSON Lines file:

1. a JSON Lines file (UTF-8, under the size cap) is cut at line boundaries
   into byte ranges of ``CHUNK_DOCS`` records, each read on its own, its
   records named ``file#line`` as when the file is read whole;
2. any other file is read whole by ``read_source`` (a ZIP, CSV or WARC file is
   one task: split a very large one, or convert it to JSON Lines, to spread it);
   consecutive small files share a reference.

Each reference has a key, a digest of its spans (file, size, modification
time, byte range) and of everything else that decides what coding it gives
(``identity``): the Ray engine names the Parquet part it writes after the key,
so a part already written is found again, and never recoded, when a killed run
is started again. Nothing here needs Ray.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import BinaryIO

from entente.ingest.decode import SNIFF_BYTES, sniff_binary
from entente.ingest.prepare import prepare_document
from entente.ingest.readers import Item, ReaderOptions, format_of, read_jsonl, read_source
from entente.ingest.run import CHUNK_CHARS, CHUNK_DOCS
from entente.ingest.sources import Sources, find_sources
from entente.records import Document, Rejection
from entente.settings import Settings
from entente.store.db import SCHEMA_VERSION
from entente.store.write import LogEntry

# Hex digits of the sha256 kept as a reference's key.
KEY_HEX_CHARS = 20


@dataclass(frozen=True, slots=True)
class InputSpan:
    """A whole file, or (``end`` set) a byte range of a JSON Lines file."""

    source: str  # the file as the user named it: records are named after it
    path: str  # the absolute path, which a task on any node opens
    size: int
    mtime_ns: int
    start: int = 0
    end: int | None = None
    first_line: int = 1


@dataclass(frozen=True, slots=True)
class InputRef:
    """Spans read by one task; ``expected`` estimates the articles in them (for progress)."""

    key: str
    spans: tuple[InputSpan, ...]
    expected: int


def run_identity(settings: Settings, options: ReaderOptions) -> str:
    """What, besides the inputs, decides the coding of an article: the entente
    version, the store's schema (the tables a part holds follow it: parts of an
    older layout are coded again, not read), the model and the reading and
    cleaning settings."""
    from entente import __version__

    return json.dumps(
        {
            "entente": __version__,
            "schema": SCHEMA_VERSION,
            "model": settings.model,
            "min_chars": settings.min_chars,
            "languages": list(settings.languages),
            "reader": asdict(options),
        },
        sort_keys=True,
    )


def _line_spans(
    path: Path, source: str, options: ReaderOptions
) -> list[tuple[InputSpan, int]] | None:
    """A JSON Lines file cut into spans of CHUNK_DOCS records (or CHUNK_CHARS
    characters), each with its count of records; None when it must be read
    whole (too big, empty, not UTF-8, binary, a byte-order mark: ``read_source``
    then says why, or decodes it)."""
    stat = path.stat()
    if stat.st_size == 0 or stat.st_size > options.max_bytes:
        return None
    with path.open("rb") as raw:
        head = raw.read(SNIFF_BYTES)
    if head.startswith(b"\xef\xbb\xbf") or sniff_binary(head) is not None:
        return None
    spans: list[tuple[InputSpan, int]] = []
    absolute = os.path.abspath(path)
    start = offset = records = chars = 0
    first_line = 1

    def close(end: int) -> None:
        span = InputSpan(source, absolute, stat.st_size, stat.st_mtime_ns, start, end, first_line)
        spans.append((span, records))

    try:
        # newline="" splits lines as read_source's reader does (\n, \r\n or \r).
        with path.open(encoding="utf-8", newline="") as text:
            for line_number, line in enumerate(text, start=1):
                if records == 0 and chars == 0:
                    start, first_line = offset, line_number
                offset += len(line.encode("utf-8"))
                if line.strip():
                    records += 1
                    chars += len(line)
                if records >= CHUNK_DOCS or chars >= CHUNK_CHARS:
                    close(offset)
                    records = chars = 0
    except UnicodeDecodeError:
        return None
    if records or chars:
        close(offset)
    return spans or None


def _count_records(raw: BinaryIO, fmt: str | None) -> int:
    """Records in a CSV/TSV (rows after the header, a quoted field may span
    lines: paragraphs of an article) or JSON Lines stream (non-blank lines);
    1 for any other format."""
    if fmt not in ("csv", "tsv", "jsonl"):
        return 1
    text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
    if fmt == "jsonl":
        return max(1, sum(1 for line in text if line.strip()))
    csv.field_size_limit(1 << 30)
    rows = csv.reader(text, delimiter="\t" if fmt == "tsv" else ",")
    return max(1, sum(1 for _ in rows) - 1)


def _expected_articles(path: Path) -> int:
    """About how many articles a file read whole holds (for progress only): the
    records of a CSV, TSV or JSON Lines file, alone or in a zip; one otherwise."""
    fmt = format_of(path.name)
    try:
        if fmt == "zip":
            with zipfile.ZipFile(path) as archive:
                total = 0
                for info in archive.infolist():
                    if not info.is_dir():
                        with archive.open(info) as member:
                            total += _count_records(member, format_of(info.filename))
                return max(1, total)
        with path.open("rb") as raw:
            return _count_records(raw, fmt)
    except (OSError, ValueError, csv.Error, zipfile.BadZipFile):
        return 1


def _key(spans: tuple[InputSpan, ...], identity: str) -> str:
    digest = hashlib.sha256(identity.encode("utf-8"))
    for span in spans:
        digest.update(json.dumps(asdict(span), sort_keys=True).encode("utf-8"))
    return digest.hexdigest()[:KEY_HEX_CHARS]


def list_references(
    paths: list[str], options: ReaderOptions, identity: str, sources: Sources | None = None
) -> list[InputRef]:
    """The inputs that ``paths`` name as references, in the order the local engine reads them.

    ``sources`` is what ``find_sources(paths)`` gave, when the caller has it.
    Raises SourceNotFound when no path matches anything.
    """
    refs: list[InputRef] = []
    group: list[InputSpan] = []
    group_expected = group_bytes = 0

    def close_group() -> None:
        nonlocal group_expected, group_bytes
        if group:
            spans = tuple(group)
            refs.append(InputRef(_key(spans, identity), spans, group_expected))
            group.clear()
        group_expected = group_bytes = 0

    for path in (sources or find_sources(paths)).files:
        source = str(path)
        lines = _line_spans(path, source, options) if format_of(path.name) == "jsonl" else None
        if lines is not None:
            close_group()
            for span, records in lines:
                refs.append(InputRef(_key((span,), identity), (span,), records))
            continue
        stat = path.stat()
        span = InputSpan(source, os.path.abspath(path), stat.st_size, stat.st_mtime_ns)
        expected = _expected_articles(path)
        if group and (
            group_expected + expected > CHUNK_DOCS or group_bytes + stat.st_size > CHUNK_CHARS
        ):
            close_group()
        group.append(span)
        group_expected += expected
        group_bytes += stat.st_size
    close_group()
    return refs


def expected_articles(paths: list[str], options: ReaderOptions, identity: str) -> int:
    """About how many articles ``paths`` hold (for the time left of a run, either engine)."""
    return sum(ref.expected for ref in list_references(paths, options, identity))


def _renamed(items: Iterator[Item], opened: str, source: str) -> Iterator[Item]:
    """Items named after the file as the user named it, not the absolute path opened."""
    for item in items:
        if opened != source and item.source.startswith(opened):
            item.source = source + item.source[len(opened) :]
        yield item


def read_reference(ref: InputRef, options: ReaderOptions) -> Iterator[Item]:
    """The raw articles and rejections of a reference, as ``read_source`` gives them."""
    for span in ref.spans:
        if span.end is None:
            opened = str(Path(span.path))
            yield from _renamed(read_source(Path(span.path), options), opened, span.source)
            continue
        try:
            with open(span.path, "rb") as raw:
                raw.seek(span.start)
                text = raw.read(span.end - span.start).decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            yield Rejection(span.source, "error", f"cannot read file: {exc}")
            continue
        yield from read_jsonl(
            io.StringIO(text, newline=""), span.source, options, first_line=span.first_line
        )


def prepare_reference(
    ref: InputRef, options: ReaderOptions, settings: Settings, stored: frozenset[str]
) -> list[Document | LogEntry]:
    """Read and clean a reference: documents to code, and log entries for the rest.

    A document whose id is in ``stored`` is logged as a duplicate and not coded.
    """
    prepared: list[Document | LogEntry] = []
    for item in read_reference(ref, options):
        if not isinstance(item, Rejection):
            item = prepare_document(
                item, min_chars=settings.min_chars, languages=settings.languages
            )
        if isinstance(item, Rejection):
            prepared.append(LogEntry(item.source, item.status, item.reason))
        elif item.id in stored:
            prepared.append(
                LogEntry(
                    item.source, "duplicate", f"same text as an earlier run (id {item.id})", item.id
                )
            )
        else:
            prepared.append(item)
    return prepared
