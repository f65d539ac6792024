"""Read input files of every supported format into raw articles.

One reader per format, chosen by file suffix from ``FORMATS``: plain text,
HTML, JSON, JSON Lines, CSV/TSV (their records: ``tabular``), ZIP archives
(members of any format), WARC and ARC web archives, and RSS/Atom feeds. JSON
and CSV records find their text and metadata under the field names listed in
``data/ingest_fields.toml``.

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
import io
import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import IO

from entente.ingest.decode import (
    BOMS,
    SNIFF_BYTES,
    binary_reason,
    declared_charset,
    decode_text,
    looks_like_html,
    sniff_binary,
)
from entente.ingest.options import DEFAULT_MAX_BYTES, Item, ReaderOptions
from entente.ingest.tabular import read_csv, read_json, read_jsonl
from entente.records import RawArticle, Rejection

# The names other modules import from here.
__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "Item",
    "ReaderOptions",
    "format_of",
    "read_bytes",
    "read_csv",
    "read_json",
    "read_jsonl",
    "read_source",
]

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
_ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


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
    one archive member costs only itself (see ``tabular.guarded_record``)."""
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
