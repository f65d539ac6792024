"""Tests for entente.ingest.readers and entente.ingest.sources: every format, every bad input."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from entente.errors import SourceNotFound
from entente.ingest.readers import ReaderOptions, decode_text, format_of, read_source
from entente.ingest.sources import expand_paths, find_sources
from entente.records import RawArticle, Rejection

ARTICLE = (
    "The defence ministers of Poland and Lithuania met in Vilnius on Monday to plan joint "
    "air-defence exercises near the border. They agreed to share radar data and to hold "
    "a second meeting in Warsaw in the autumn, officials said."
)


def read_all(path: Path, **options) -> list[RawArticle | Rejection]:
    return list(read_source(path, ReaderOptions(**options)))


def only(items: list) -> RawArticle | Rejection:
    assert len(items) == 1, items
    return items[0]


@pytest.fixture
def ingest_fixtures(fixtures: Path) -> Path:
    return fixtures / "ingest"


# --- sources ----------------------------------------------------------------------


def test_expand_paths_folder_recursive_sorted_without_hidden(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("b/2.txt", "a.txt", ".hidden.txt", ".git/config", "b/1.json"):
        (tmp_path / name).write_text("x")
    found = expand_paths([str(tmp_path)])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.txt", "b/1.json", "b/2.txt"]


def test_expand_paths_glob_recursive(tmp_path: Path):
    (tmp_path / "x" / "y").mkdir(parents=True)
    (tmp_path / "x" / "y" / "deep.jsonl").write_text("{}")
    (tmp_path / "top.jsonl").write_text("{}")
    (tmp_path / "other.txt").write_text("x")
    found = expand_paths([str(tmp_path / "**" / "*.jsonl")])
    assert sorted(p.name for p in found) == ["deep.jsonl", "top.jsonl"]


def test_expand_paths_file_named_twice_read_once(tmp_path: Path):
    (tmp_path / "a.txt").write_text("x")
    assert expand_paths([str(tmp_path / "a.txt"), str(tmp_path)]) == [tmp_path / "a.txt"]


def test_expand_paths_missing_path_raises_source_not_found(tmp_path: Path):
    with pytest.raises(SourceNotFound, match="nothing-here"):
        expand_paths([str(tmp_path / "nothing-here.txt")])


def test_find_sources_missing_path_among_others_listed_not_raised(tmp_path: Path):
    (tmp_path / "a.txt").write_text("x")
    found = find_sources([str(tmp_path / "gone.txt"), str(tmp_path / "a.txt")])
    assert found.files == [tmp_path / "a.txt"]
    assert found.missing == [str(tmp_path / "gone.txt")]
    [rejection] = found.skipped
    assert (rejection.source, rejection.status) == (str(tmp_path / "gone.txt"), "error")
    with pytest.raises(SourceNotFound, match="gone"):
        find_sources([str(tmp_path / "gone.txt"), str(tmp_path / "*.warc")])


def test_expand_paths_glob_matching_nothing_raises(tmp_path: Path):
    with pytest.raises(SourceNotFound):
        expand_paths([str(tmp_path / "*.warc")])


# --- format table -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.txt", "text"),
        ("a.HTM", "html"),
        ("a.ndjson", "jsonl"),
        ("a.warc.gz", "warc"),
        ("a.arc", "warc"),
        ("a.atom", "feed"),
        ("a.tsv", "tsv"),
        ("README", "text"),
    ],
)
def test_format_of_suffix(name: str, fmt: str):
    assert format_of(name) == fmt


# --- text and HTML -------------------------------------------------------------------


def test_read_source_txt_whole_file_is_one_article(ingest_fixtures: Path):
    item = only(read_all(ingest_fixtures / "article.txt"))
    assert isinstance(item, RawArticle)
    assert "Ankara" in item.text and item.html is None
    assert item.source == str(ingest_fixtures / "article.txt")


def test_read_source_unknown_suffix_read_as_text(tmp_path: Path):
    path = tmp_path / "story.article"
    path.write_text(ARTICLE)
    assert only(read_all(path)).text == ARTICLE


def test_read_source_html_passed_as_html(ingest_fixtures: Path):
    item = only(read_all(ingest_fixtures / "article.html"))
    assert item.html is not None and item.text is None
    assert "<article>" in item.html


def test_read_source_html_declared_charset_used(tmp_path: Path):
    path = tmp_path / "page.html"
    html = f'<html><head><meta charset="windows-1251"></head><body><p>Москва. {ARTICLE}</p></body></html>'
    path.write_bytes(html.encode("cp1251"))
    assert "Москва" in only(read_all(path)).html


# --- bad files -------------------------------------------------------------------------


def test_read_source_empty_file_skipped(tmp_path: Path):
    path = tmp_path / "empty.txt"
    path.write_text("")
    item = only(read_all(path))
    assert item == Rejection(str(path), "skipped", "empty file")


def test_read_source_whitespace_only_file_skipped(tmp_path: Path):
    path = tmp_path / "blank.json"
    path.write_text("  \n\n ")
    assert only(read_all(path)).reason == "empty file"


def test_read_source_too_big_file_skipped(tmp_path: Path):
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 10)
    item = only(read_all(path, max_bytes=1000))
    assert item.status == "skipped"
    assert item.reason == (f"{len(ARTICLE) * 10:,} bytes is over the 1,000-byte cap (--max-bytes)")


def test_read_source_png_named_txt_is_binary(tmp_path: Path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert only(read_all(path)).reason == "binary file (looks like PNG image)"


def test_read_source_pdf_is_binary(tmp_path: Path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    assert only(read_all(path)).reason == "binary file (looks like PDF document)"


def test_read_source_nul_bytes_binary_without_type(tmp_path: Path):
    path = tmp_path / "blob.dat"
    path.write_bytes(b"abc\x00\x01\x02def" * 50)
    assert only(read_all(path)).reason == "binary file"


def test_read_source_latin1_decoded(tmp_path: Path):
    path = tmp_path / "latin1.txt"
    text = "Le café de Zürich accueille des négociations naïves. " + ARTICLE
    path.write_bytes(text.encode("latin-1"))
    assert only(read_all(path)).text == text


def test_read_source_cp1252_quotes_decoded(tmp_path: Path):
    path = tmp_path / "cp1252.txt"
    text = "The minister said: \u201cWe will not back down\u201d \u2013 and left. " + ARTICLE
    path.write_bytes(text.encode("cp1252"))
    assert only(read_all(path)).text == text


def test_read_source_utf16_with_bom_decoded(tmp_path: Path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))
    assert only(read_all(path)).text == ARTICLE


def test_read_source_utf8_bom_stripped(tmp_path: Path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    assert only(read_all(path)).text == ARTICLE


def test_decode_text_cyrillic_cp1251_not_read_as_latin():
    text = "Министр иностранных дел заявил, что переговоры продолжатся на следующей неделе. " * 3
    decoded, reason = decode_text(text.encode("cp1251"))
    assert reason is None and "Министр" in decoded


def test_read_source_missing_file_is_error(tmp_path: Path):
    item = only(read_all(tmp_path / "gone.txt"))
    assert item.status == "error" and item.reason.startswith("cannot read file")


# --- JSON ---------------------------------------------------------------------------


def test_read_source_json_object_with_list_under_key(ingest_fixtures: Path):
    first, second = read_all(ingest_fixtures / "articles.json")
    assert isinstance(first, RawArticle)
    assert first.source.endswith("articles.json#a-1")
    assert first.title == "Summit Ends Without Joint Statement"
    assert first.published == "2023-11-17"
    assert first.url == "https://news.example.com/africa/summit"
    assert first.author == "Ann Example, Bo Sample"
    assert "Nairobi" in first.text


def test_read_source_json_record_without_text_skipped(ingest_fixtures: Path):
    second = read_all(ingest_fixtures / "articles.json")[1]
    assert second.status == "skipped"
    assert second.reason.startswith("no text field (looked for text, content, body")
    assert second.reason.endswith("; use --text-field)")


def test_read_source_json_single_object_is_its_own_source(tmp_path: Path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"Content": ARTICLE, "Headline": "Ministers Meet"}))
    item = only(read_all(path))
    assert item.source == str(path) and item.title == "Ministers Meet"


def test_read_source_json_list_numbered_without_ids(tmp_path: Path):
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"story": ARTICLE}, "not an object", {"story": ARTICLE}]))
    items = read_all(path)
    assert [i.source.rsplit("#", 1)[1] for i in items] == ["1", "2", "3"]
    assert items[1].reason == "record is a JSON string, not an object"


def test_read_source_json_text_field_option_overrides(tmp_path: Path):
    path = tmp_path / "custom.json"
    path.write_text(json.dumps({"text": "short teaser", "longform": ARTICLE}))
    assert only(read_all(path, text_field="LongForm")).text == ARTICLE
    missing = only(read_all(path, text_field="nope"))
    assert missing.reason.startswith("no text in field 'nope' (fields: text, longform")


def test_read_source_json_html_text_passed_as_html(tmp_path: Path):
    path = tmp_path / "html.json"
    path.write_text(json.dumps({"body": f"<div><p>{ARTICLE}</p></div>", "id": 7}))
    item = only(read_all(path))
    assert item.html.startswith("<div>") and item.text is None
    assert item.source.endswith("#7")


def test_read_source_json_epoch_date_as_iso(tmp_path: Path):
    path = tmp_path / "epoch.json"
    path.write_text(json.dumps({"text": ARTICLE, "timestamp": 1710446400}))
    assert only(read_all(path)).published == "2024-03-14"


def test_read_source_json_malformed_reports_position(tmp_path: Path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "title": "a",\n  "text": "b"\n  "url": "c"\n}')
    item = only(read_all(path))
    assert item.status == "error"
    assert item.reason == "malformed JSON at line 4, column 3: Expecting ',' delimiter"


# --- JSONL -----------------------------------------------------------------------------


def test_read_source_jsonl_bad_line_rejected_good_lines_kept(ingest_fixtures: Path):
    items = read_all(ingest_fixtures / "articles.jsonl")
    assert [type(i).__name__ for i in items] == ["RawArticle", "Rejection", "RawArticle"]
    assert items[0].source.endswith("articles.jsonl#j1")
    assert items[1].source.endswith("articles.jsonl#2")
    assert items[1].reason.startswith("malformed JSON at line 2, column ")
    assert items[2].title == "Sanctions Widened on Shipping Firms"


def test_read_source_jsonl_numbers_lines_without_ids(tmp_path: Path):
    path = tmp_path / "plain.ndjson"
    path.write_text(json.dumps({"body": ARTICLE}) + "\n\n" + json.dumps({"body": ARTICLE}) + "\n")
    assert [i.source.rsplit("#", 1)[1] for i in read_all(path)] == ["1", "3"]


def test_read_source_jsonl_is_read_a_line_at_a_time(tmp_path: Path, monkeypatch):
    # A corpus file is streamed: neither read whole nor decoded whole.
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps({"body": f"{ARTICLE} {i}"}) + "\n" for i in range(3)))

    def whole(*_args, **_kwargs):
        raise AssertionError("the whole file was read")

    monkeypatch.setattr(Path, "read_bytes", whole)
    items = read_all(path)
    assert [i.text.rsplit(" ", 1)[1] for i in items] == ["0", "1", "2"]


def test_read_source_jsonl_line_separator_inside_a_string_is_one_record(tmp_path: Path):
    path = tmp_path / "corpus.jsonl"
    record = {"body": ARTICLE + "\u2028" + ARTICLE}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert only(read_all(path)).text.count(ARTICLE[:20]) == 2


def test_read_source_jsonl_in_cp1252_is_still_read(tmp_path: Path):
    path = tmp_path / "legacy.jsonl"
    line = json.dumps({"body": ARTICLE + " \u201cquoted\u201d"}, ensure_ascii=False)
    path.write_bytes((line + "\n").encode("cp1252"))
    assert "\u201cquoted\u201d" in only(read_all(path)).text


def test_read_source_jsonl_with_utf8_bom_is_read(tmp_path: Path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"body": ARTICLE}).encode() + b"\n")
    assert isinstance(only(read_all(path)), RawArticle)


def test_read_source_blank_jsonl_skipped_as_empty(tmp_path: Path):
    path = tmp_path / "blank.jsonl"
    path.write_text("\n  \n")
    assert only(read_all(path)) == Rejection(str(path), "skipped", "empty file")


# --- CSV -------------------------------------------------------------------------------


def test_read_source_csv_rows_numbered(ingest_fixtures: Path):
    items = read_all(ingest_fixtures / "articles.csv")
    assert [i.source.rsplit("#", 1)[1] for i in items] == ["1", "2"]
    assert items[0].title == "Border Crossing Reopens"
    assert items[0].published == "2024-02-01"


def test_read_source_csv_semicolon_delimiter_sniffed(tmp_path: Path):
    path = tmp_path / "semi.csv"
    path.write_text(f'ID;Headline;Article\nk9;Ministers Meet;"{ARTICLE}"\n')
    item = only(read_all(path))
    assert item.source.endswith("#k9") and item.text == ARTICLE


def test_read_source_tsv_read(tmp_path: Path):
    path = tmp_path / "rows.tsv"
    path.write_text(f"title\tfull_text\nMinisters Meet\t{ARTICLE}\n")
    assert only(read_all(path)).text == ARTICLE


def test_read_source_csv_long_field_read(tmp_path: Path):
    path = tmp_path / "long.csv"
    long_text = ARTICLE * 1000  # over csv's default 128 KB field limit
    path.write_text(f'text\n"{long_text}"\n')
    assert only(read_all(path)).text == long_text


def test_read_source_csv_without_text_column_skipped_once(tmp_path: Path):
    path = tmp_path / "meta.csv"
    path.write_text("name,score\na,1\nb,2\n")
    item = only(read_all(path))
    assert item.reason.startswith("no text field")
    assert item.reason.endswith("columns: name, score")


def test_read_source_csv_malformed_quote_rejected_after_good_rows(tmp_path: Path):
    path = tmp_path / "broken.csv"
    path.write_text(f'title,text\nGood,"{ARTICLE}"\nBad,"unterminated "quote" here\n')
    items = read_all(path)
    assert isinstance(items[0], RawArticle)
    assert items[-1].status == "error"
    assert items[-1].reason.startswith("malformed CSV at line ")


def test_read_source_csv_row_with_extra_fields_rejected(tmp_path: Path):
    path = tmp_path / "ragged.csv"
    path.write_text(f'title,text\nA,"{ARTICLE}",extra\nB,"{ARTICLE}"\n')
    bad, good = read_all(path)
    assert bad.reason == "malformed CSV at line 2: 3 fields, the header has 2"
    assert isinstance(good, RawArticle) and good.source.endswith("#2")


# --- feeds ------------------------------------------------------------------------------


def test_read_source_rss_entries_with_html_content(ingest_fixtures: Path):
    first, second = read_all(ingest_fixtures / "feed.rss")
    assert first.html is not None and "<p>" in first.html
    assert first.title == "Foreign Minister Visits Seoul"
    assert first.published == "Tue, 05 Mar 2024 08:00:00 GMT"
    assert first.author == "World Desk"
    assert first.source.endswith("feed.rss#https://www.example-world.com/asia/fm-seoul")
    assert second.text is not None and second.text.startswith("An aid convoy")


def test_read_source_atom_entry(ingest_fixtures: Path):
    item = only(read_all(ingest_fixtures / "feed.atom"))
    assert item.text.startswith("The government recalled its ambassador")
    assert item.url == "https://wire.example.org/ambassador-recalled"
    assert item.author == "Sam Placeholder"
    assert item.source.endswith("feed.atom#urn:example:wire:1")


def test_read_source_xml_that_is_no_feed_skipped(tmp_path: Path):
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://a.example</loc></url></urlset>')
    assert only(read_all(path)).reason.startswith("no entries")


# --- ZIP ------------------------------------------------------------------------------


def test_read_source_zip_with_csv_member(tmp_path: Path):
    path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("news/rows.csv", f'id,text\nr1,"{ARTICLE}"\n')
        archive.writestr("__MACOSX/._rows.csv", "junk")
        archive.writestr("news/note.txt", ARTICLE)
    items = read_all(path)
    assert [i.source for i in items] == [
        f"{path}!news/rows.csv#r1",
        f"{path}!news/note.txt",
    ]


def test_read_source_zip_member_over_cap_skipped(tmp_path: Path):
    path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("huge.txt", "a" * 5000)
        archive.writestr("ok.txt", ARTICLE)
    big, ok = read_all(path, max_bytes=1000)
    assert big.source.endswith("!huge.txt") and "is over the 1,000-byte cap" in big.reason
    assert ok.text == ARTICLE


def test_read_source_zip_nested_zip_read(tmp_path: Path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("a.txt", ARTICLE)
    path = tmp_path / "outer.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("inner.zip", inner.getvalue())
    assert only(read_all(path)).source == f"{path}!inner.zip!a.txt"


def test_read_source_corrupt_zip_is_error(tmp_path: Path):
    path = tmp_path / "broken.zip"
    path.write_bytes(b"PK\x03\x04 this is not really a zip file at all")
    item = only(read_all(path))
    assert item.status == "error" and item.reason.startswith("corrupt zip archive")


# --- WARC -------------------------------------------------------------------------------


def write_warc(path: Path, pages: list[tuple[str, str, bytes]], gzip: bool = False) -> None:
    """Write (url, status line, body) responses with warcio's own writer."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        for url, status, body in pages:
            headers = StatusAndHeaders(
                status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


def test_read_source_warc_html_responses_with_status_200(tmp_path: Path):
    path = tmp_path / "crawl.warc.gz"
    page = f"<html><body><article><p>{ARTICLE}</p></article></body></html>".encode()
    write_warc(
        path,
        [
            ("https://www.example.org/a", "200 OK", page),
            ("https://www.example.org/missing", "404 Not Found", b"<html>gone</html>"),
        ],
        gzip=True,
    )
    item = only(read_all(path))
    assert item.url == "https://www.example.org/a"
    assert item.source == f"{path}#https://www.example.org/a"
    assert "Vilnius" in item.html
    assert item.published and item.published[:4].isdigit()


def test_read_source_warc_without_pages_skipped(tmp_path: Path):
    path = tmp_path / "empty-crawl.warc"
    write_warc(path, [("https://www.example.org/x", "301 Moved", b"")])
    assert only(read_all(path)).reason.startswith("no HTML responses with status 200")


def test_read_source_malformed_warc_is_error(tmp_path: Path):
    path = tmp_path / "broken.warc"
    path.write_bytes(b"this is not a web archive\r\n" * 10)
    item = only(read_all(path))
    assert item.status == "error" and item.reason.startswith("malformed WARC")


def test_read_source_warc_bad_record_after_good_one(tmp_path: Path):
    path = tmp_path / "tail.warc"
    page = f"<html><body><p>{ARTICLE}</p></body></html>".encode()
    write_warc(path, [("https://www.example.org/a", "200 OK", page)])
    with path.open("ab") as stream:
        stream.write(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9999\r\n\r\nshort")
    good, bad = read_all(path)
    assert good.url == "https://www.example.org/a"
    assert bad.status == "error" and bad.reason.startswith("malformed WARC after 1 records")


def test_read_source_truncated_warc_gz_keeps_whole_records(tmp_path: Path):
    path = tmp_path / "cut.warc.gz"
    page = f"<html><body><p>{ARTICLE}</p></body></html>".encode() * 20
    write_warc(
        path,
        [
            ("https://www.example.org/1", "200 OK", page),
            ("https://www.example.org/2", "200 OK", page),
        ],
        gzip=True,
    )
    path.write_bytes(path.read_bytes()[: path.stat().st_size * 3 // 4])
    items = read_all(path)
    assert items[0].url == "https://www.example.org/1"


def test_record_blank_text_field_is_named_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text(
        json.dumps({"id": "7", "title": "Talks", "text": "  "}) + "\n", encoding="utf-8"
    )
    (item,) = list(read_source(path, ReaderOptions()))
    assert isinstance(item, Rejection)
    assert item.reason == "empty text (field 'text' is blank)"
