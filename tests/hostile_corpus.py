"""Build a folder of hostile inputs among good articles, and say what must become of each.

    python tests/hostile_corpus.py FOLDER      # writes the corpus, prints its expectations

Issue 18 tried 46 kinds of bad input against ``entente ingest``. This script
builds the ones that cost good data or ended a file early, from code (no
stored binaries): deep nesting, 4,400-digit numbers, malformed lines and rows,
a base64 blob, a lone surrogate, archives whose entries overlap or climb out
with ``..``, cut WARC files, UTF-16 without a byte-order mark, 100,000 nested
divs, a FIFO, symlinks out of the folder and in a loop, empty and binary files.

``build_corpus`` returns an ``Expected``: every source that must be stored,
and every source that must be logged, with its status and a piece of its
reason. ``tests/test_hostile_corpus.py`` ingests the folder and checks both.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import struct
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

PLACES = ["Lisbon", "Nairobi", "Oslo", "Lima", "Hanoi", "Accra", "Quito", "Riga", "Doha", "Suva"]
TOPICS = ["fishing rights", "a rail link", "water sharing", "grain exports", "visa rules"]


def article_text(number: int) -> str:
    """An invented article, different for each number, long and plainly English."""
    place = PLACES[number % len(PLACES)]
    topic = TOPICS[number % len(TOPICS)]
    return (
        f"The foreign ministers of two neighbouring states met in {place} on the "
        f"{number + 1}th day of talks about {topic} and the shared border. Both delegations "
        f"said the meeting had been useful and agreed to meet again within {number + 2} weeks. "
        f"A spokesman for the host government said {number + 3} observers had been invited, "
        "and that the talks would continue at the level of deputies.\n\n"
        f"Officials in {place} said a draft text on {topic} could be ready by the summer."
    )


@dataclass
class Expected:
    """What ingesting the corpus must do: ``stored`` sources, and ``logged`` ones with
    their status and a piece of their reason."""

    stored: list[str] = field(default_factory=list)
    logged: dict[str, tuple[str, str]] = field(default_factory=dict)


class _Corpus:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.expected = Expected()
        self.number = 0

    def text(self) -> str:
        self.number += 1
        return article_text(self.number)

    def path(self, name: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def good(self, source: str) -> None:
        self.expected.stored.append(source)

    def bad(self, source: str, status: str, reason: str) -> None:
        self.expected.logged[source] = (status, reason)


def _write_plain(corpus: _Corpus) -> None:
    for i in range(5):
        path = corpus.path(f"plain/article-{i}.txt")
        path.write_text(f"Envoys meet, part {i}\n\n{corpus.text()}\n", encoding="utf-8")
        corpus.good(str(path))
    path = corpus.path("plain/utf16-no-bom.txt")
    path.write_bytes(corpus.text().encode("utf-16-le"))
    corpus.good(str(path))
    path = corpus.path("plain/empty.txt")
    path.write_text("")
    corpus.bad(str(path), "skipped", "empty file")
    path = corpus.path("plain/picture.txt")
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    corpus.bad(str(path), "skipped", "binary file")


def _write_html(corpus: _Corpus) -> None:
    path = corpus.path("pages/talks.html")
    body = "".join(f"<p>{p}</p>" for p in corpus.text().split("\n\n"))
    path.write_text(
        f"<html><head><title>Talks resume</title></head><body><article>{body}"
        "</article></body></html>",
        encoding="utf-8",
    )
    corpus.good(str(path))
    depth = 100_000
    path = corpus.path("pages/nested.html")
    path.write_text(
        "<html><body>" + "<div>" * depth + f"<p>{corpus.text()}</p>" + "</div>" * depth,
        encoding="utf-8",
    )
    corpus.bad(str(path), "skipped", "elements deep, over the 255 levels")


def _nested(levels: int, inner: str) -> str:
    return "[" * levels + inner + "]" * levels


def _write_records(corpus: _Corpus) -> None:
    path = corpus.path("records/feed.jsonl")
    source = str(path)
    lines: list[str] = []

    def good(record_id: str, **extra: object) -> None:
        lines.append(json.dumps({"id": record_id, "text": corpus.text(), **extra}))
        corpus.good(f"{source}#{record_id}")

    for i in range(4):
        good(f"good-{i}", title=f"Talks, day {i}")
    lines.append('{"id": "broken", "text": "no closing brace"')
    corpus.bad(f"{source}#{len(lines)}", "error", "malformed JSON")
    lines.append('{"id": "deep", "text": ' + _nested(5_000, '"x"') + "}")
    corpus.bad(f"{source}#{len(lines)}", "error", "nested too deeply")
    # A 4,400-digit number and a field 600 lists deep cost nothing: the text is fine.
    lines.append(
        json.dumps({"id": "long-number", "text": corpus.text()})[:-1]
        + ', "views": '
        + "7" * 4_400
        + "}"
    )
    corpus.good(f"{source}#long-number")
    lines.append(
        json.dumps({"id": "deep-author", "text": corpus.text()})[:-1]
        + ', "author": '
        + _nested(600, '"Ann Lee"')
        + "}"
    )
    corpus.good(f"{source}#deep-author")
    lines.append("[1, 2, 3]")
    corpus.bad(f"{source}#{len(lines)}", "skipped", "not an object")
    lines.append(json.dumps({"id": "no-text", "headline": "Only a headline"}))
    corpus.bad(f"{source}#no-text", "skipped", "no text field")
    # A pasted image (2 MB of base64) and a lone surrogate, a cut emoji.
    lines.append(
        json.dumps({"id": "blob", "title": "A pasted image", "text": "iVBORw0KGgo" * 190_000})
    )
    corpus.bad(f"{source}#blob", "skipped", "without a space")
    lines.append(
        json.dumps(
            {
                "id": "surrogate",
                "title": "Cut emoji \ud83d here",
                "text": "Talks \ud83d. " + corpus.text(),
            }
        )
    )
    corpus.good(f"{source}#surrogate")
    for i in range(4, 8):
        good(f"good-{i}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    path = corpus.path("records/list.json")
    records: list[object] = [{"id": f"listed-{i}", "text": corpus.text()} for i in range(3)]
    records.append("a string, not a record")
    path.write_text(json.dumps(records), encoding="utf-8")
    for i in range(3):
        corpus.good(f"{path}#listed-{i}")
    corpus.bad(f"{path}#4", "skipped", "not an object")


def _csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _write_csv(corpus: _Corpus) -> None:
    path = corpus.path("records/rows.csv")
    rows = ["id,title,text"]
    for i in range(3):
        rows.append(f"row-{i},Talks {i},{_csv_cell(corpus.text())}")
        corpus.good(f"{path}#row-{i}")
    rows.append('bad-quote,Talks,"quoted" then more,x')
    corpus.bad(f"{path}#4", "error", "malformed CSV")
    rows.append("short-row,Talks")
    corpus.bad(f"{path}#5", "error", "the header has 3")
    for i in range(3, 5):
        rows.append(f"row-{i},Talks {i},{_csv_cell(corpus.text())}")
        corpus.good(f"{path}#row-{i}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def overlapping_zip(member_bytes: int, copies: int) -> bytes:
    """A zip whose directory lists one member ``copies`` times (the entries overlap)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", b"a" * member_bytes)
    data = buffer.getvalue()
    directory = data.index(b"PK\x01\x02")
    end = data.index(b"PK\x05\x06")
    entry = data[directory:end]
    entries = [entry.replace(b"a.txt", f"{n:05d}"[-5:].encode()) for n in range(copies)]
    new_directory = b"".join(entries)
    tail = bytearray(data[end:])
    struct.pack_into("<HHII", tail, 8, copies, copies, len(new_directory), directory)
    return data[:directory] + new_directory + bytes(tail)


def _write_archives(corpus: _Corpus) -> None:
    path = corpus.path("archives/bundle.zip")
    inner = "\n".join(
        [json.dumps({"id": "inner-good", "text": corpus.text()}), '{"id": "inner-bad"']
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(2):
            archive.writestr(f"member-{i}.txt", corpus.text())
            corpus.good(f"{path}!member-{i}.txt")
        archive.writestr("../escape.txt", corpus.text())
        corpus.bad(f"{path}!../escape.txt", "skipped", "unsafe member path")
        archive.writestr("/etc/absolute.txt", corpus.text())
        corpus.bad(f"{path}!/etc/absolute.txt", "skipped", "unsafe member path")
        archive.writestr("inner.jsonl", inner)
        corpus.good(f"{path}!inner.jsonl#inner-good")
        corpus.bad(f"{path}!inner.jsonl#2", "error", "malformed JSON")
    path = corpus.path("archives/bomb.zip")
    path.write_bytes(overlapping_zip(member_bytes=1_000_000, copies=1_500))
    corpus.bad(str(path), "error", "overlap")


def warc_bytes(pages: list[tuple[str, str]], compress: bool) -> bytes:
    """WARC response records of HTML pages ``(url, html)``, each gzip member apart if asked."""
    out = io.BytesIO()
    for number, (url, html) in enumerate(pages):
        payload = (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            + html.encode("utf-8")
        )
        head = (
            "WARC/1.0\r\nWARC-Type: response\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012d}>\r\n"
            f"WARC-Target-URI: {url}\r\nWARC-Date: 2025-03-0{number + 1}T10:00:00Z\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(payload)}\r\n\r\n"
        ).encode("ascii")
        record = head + payload + b"\r\n\r\n"
        out.write(gzip.compress(record) if compress else record)
    return out.getvalue()


def _page(corpus: _Corpus) -> str:
    body = "".join(f"<p>{p}</p>" for p in corpus.text().split("\n\n"))
    return f"<html><head><title>Talks</title></head><body><article>{body}</article></body></html>"


def _write_warcs(corpus: _Corpus) -> None:
    # Cut inside the last record's payload (warcio hands over what there is), and
    # a gzip file cut at the start of its last member (warcio stops quietly).
    for name, compress, keep in (
        ("cut.warc", False, 0.5),
        ("cut.warc.gz", True, 0.5),
        ("short.warc.gz", True, 0.02),
    ):
        path = corpus.path(f"archives/{name}")
        pages = [(f"https://news.example/{name}/{n}", _page(corpus)) for n in range(3)]
        whole = warc_bytes(pages, compress)
        last = len(warc_bytes(pages[2:], compress))
        path.write_bytes(whole[: len(whole) - last + int(last * keep)])
        for url, _ in pages[:2]:
            corpus.good(f"{path}#{url}")
        if name == "short.warc.gz":
            corpus.bad(str(path), "error", "truncated gzip")
        else:
            corpus.bad(f"{path}#{pages[2][0]}", "error", "truncated WARC record")


def _write_special(corpus: _Corpus, outside: Path) -> None:
    fifo = corpus.path("special/pipe.jsonl")
    os.mkfifo(fifo)
    corpus.bad(str(fifo), "skipped", "FIFO")
    secret = outside / "secret.txt"
    secret.write_text(article_text(10_000), encoding="utf-8")
    link = corpus.path("special/passwd.txt")
    link.symlink_to(secret)
    corpus.bad(str(link), "skipped", "outside")
    loop = corpus.path("special/loop/again")
    loop.symlink_to(corpus.root)  # a folder that holds its own ancestor
    corpus.bad(str(loop), "skipped", "read once")
    if os.geteuid() != 0:  # root reads any folder: the case exists only for users
        locked = corpus.path("special/locked/inside.txt")
        locked.write_text(corpus.text(), encoding="utf-8")
        locked.parent.chmod(0)
        corpus.bad(str(locked.parent), "error", "cannot read folder")


def build_corpus(root: Path) -> Expected:
    """Write the hostile corpus under ``root/corpus`` (and a file outside it under
    ``root/outside``) and return what ingesting ``root/corpus`` must do."""
    outside = root / "outside"
    outside.mkdir(parents=True)
    corpus = _Corpus(root / "corpus")
    corpus.root.mkdir(parents=True)
    _write_plain(corpus)
    _write_html(corpus)
    _write_records(corpus)
    _write_csv(corpus)
    _write_archives(corpus)
    _write_warcs(corpus)
    _write_special(corpus, outside)
    return corpus.expected


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    expected = build_corpus(Path(sys.argv[1]))
    print(json.dumps({"stored": expected.stored, "logged": expected.logged}, indent=1))
