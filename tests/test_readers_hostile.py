"""Readers and sources on hostile input: one bad record, member or path costs only
itself, with its reason (issue 18, findings 3, 4, 5 and 9)."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from hostile_corpus import article_text, overlapping_zip, warc_bytes

from entente.errors import SourceNotFound
from entente.ingest import sources as sources_module
from entente.ingest.decode import decode_text
from entente.ingest.prepare import prepare_document
from entente.ingest.readers import ReaderOptions, read_csv, read_jsonl, read_source
from entente.ingest.sources import expand_paths, find_sources
from entente.records import RawArticle, Rejection


def _outcomes(items) -> list[tuple[str, str | None]]:
    return [
        (i.source.rsplit("#", 1)[-1], i.reason if isinstance(i, Rejection) else None) for i in items
    ]


def test_read_jsonl_deep_field_and_long_number_cost_nothing() -> None:
    """Issue 18: a field 600 lists deep, or a 4,400-digit number, ended the file."""
    lines = [
        json.dumps({"id": "a", "text": "one"})[:-1] + ', "author": ' + "[" * 600 + "]" * 600 + "}",
        '{"id": "b", "text": "two", "views": ' + "9" * 4_400 + "}",
        '{"id": "c", "text": ' + "[" * 5_000 + "]" * 5_000 + "}",
        json.dumps({"id": "d", "text": "four"}),
    ]
    items = list(read_jsonl(io.StringIO("\n".join(lines)), "f.jsonl", ReaderOptions()))
    assert _outcomes(items) == [
        ("a", None),
        ("b", None),
        ("3", "malformed JSON: nested too deeply"),
        ("d", None),
    ]


def test_read_csv_malformed_row_costs_only_itself() -> None:
    """Issue 18: a malformed CSV row ended the reading of its file."""
    text = 'id,text\na,"one"\nb,"bad"x\nc,"three"\n'
    items = list(read_csv(io.StringIO(text, newline=""), "f.csv", ReaderOptions()))
    assert [o[0] for o in _outcomes(items)] == ["a", "2", "c"]
    assert "malformed CSV at line 3" in items[1].reason


def test_read_zip_overlapping_entries_refused_before_inflating(tmp_path: Path) -> None:
    """Issue 18: a 120 KB zip listing one 18 MB member 2,000 times cost hours."""
    path = tmp_path / "bomb.zip"
    path.write_bytes(overlapping_zip(member_bytes=100_000, copies=50))
    [item] = read_source(path)
    assert item.status == "error" and "overlap" in item.reason


def test_read_zip_total_uncompressed_size_capped(tmp_path: Path) -> None:
    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(120):
            archive.writestr(f"{n}.txt", "x" * 900)
    [item] = read_source(path, ReaderOptions(max_bytes=1_000))
    assert "108,000 bytes uncompressed, over the 100,000-byte cap" in item.reason


def test_read_zip_unsafe_member_paths_logged_not_read(tmp_path: Path) -> None:
    """Issue 18: a `../` member was passed over without a word (taken for hidden)."""
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name in ("../up.txt", "/etc/abs.txt", "C:/win.txt", "ok.txt", ".hidden.txt"):
            archive.writestr(name, article_text(1))
    items = list(read_source(path))
    assert [i.source.split("!")[1] for i in items] == [
        "../up.txt",
        "/etc/abs.txt",
        "C:/win.txt",
        "ok.txt",
    ]
    assert all("unsafe member path" in i.reason for i in items[:3])
    assert isinstance(items[3], RawArticle)


@pytest.mark.parametrize(("compress", "keep"), [(False, 0.5), (True, 0.5), (True, 0.02)])
def test_read_warc_truncated_logged_not_stored_as_ok(
    tmp_path: Path, compress: bool, keep: float
) -> None:
    """Issue 18: a truncated .warc.gz stored a cut article as ok."""
    page = f"<html><body><p>{article_text(2)}</p></body></html>"
    pages = [(f"https://x.example/{n}", page) for n in range(3)]
    whole = warc_bytes(pages, compress)
    last = len(warc_bytes(pages[2:], compress))
    path = tmp_path / ("cut.warc.gz" if compress else "cut.warc")
    path.write_bytes(whole[: len(whole) - last + int(last * keep)])
    items = list(read_source(path))
    assert [type(i).__name__ for i in items] == ["RawArticle", "RawArticle", "Rejection"]
    assert "truncated" in items[2].reason
    assert items[2].status == "error"


def test_decode_utf16_without_bom_read_as_text() -> None:
    """Issue 18: UTF-16 without a BOM was called a binary file."""
    for encoding in ("utf-16-le", "utf-16-be"):
        text, reason = decode_text(article_text(3).encode(encoding))
        assert (text, reason) == (article_text(3), None)


def test_prepare_deeply_nested_html_says_so() -> None:
    """Issue 18: 100,000 nested divs were reported as "4 characters"."""
    html = "<html><body>" + "<div>" * 3_000 + f"<p>{article_text(4)}</p>" + "</div>" * 3_000
    result = prepare_document(RawArticle(source="deep.html", html=html))
    assert isinstance(result, Rejection)
    assert "HTML nested 3,002 elements deep" in result.reason


# --- paths -------------------------------------------------------------------------


def _tree(root: Path) -> Path:
    corpus = root / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text("a")
    (corpus / "sub" / "b.txt").write_text("b")
    return corpus


def test_find_sources_symlink_out_of_folder_not_followed(tmp_path: Path) -> None:
    """Issue 18: symlinks were followed out of the folder (/etc/passwd was stored)."""
    corpus = _tree(tmp_path)
    (tmp_path / "secret.txt").write_text("s")
    (corpus / "passwd.txt").symlink_to(tmp_path / "secret.txt")
    (corpus / "etc").symlink_to(tmp_path)
    (corpus / "inside.txt").symlink_to(corpus / "a.txt")
    found = find_sources([str(corpus)])
    assert found.files == [corpus / "a.txt", corpus / "sub" / "b.txt"]
    reasons = {Path(r.source).name: r.reason for r in found.skipped}
    assert "outside" in reasons["passwd.txt"] and "outside" in reasons["etc"]


@pytest.mark.parametrize("as_glob", [False, True])
def test_find_sources_symlink_loop_ends(tmp_path: Path, as_glob: bool) -> None:
    """Issue 18: a ** glob over a folder with a symlink loop never finished."""
    corpus = _tree(tmp_path)
    (corpus / "sub" / "up").symlink_to(corpus)
    (corpus / "sub" / "self").symlink_to(corpus / "sub")
    (corpus / "knot").symlink_to(corpus / "knot")
    name = str(corpus / "**" / "*.txt") if as_glob else str(corpus)
    found = find_sources([name])
    assert found.files == [corpus / "a.txt", corpus / "sub" / "b.txt"]
    reasons = {Path(r.source).name: r.reason for r in found.skipped}
    assert "symlink loop" in reasons["knot"]
    assert "read once" in reasons["up"] and "read once" in reasons["self"]


def test_find_sources_fifo_skipped_with_reason(tmp_path: Path) -> None:
    corpus = _tree(tmp_path)
    os.mkfifo(corpus / "pipe.jsonl")
    found = find_sources([str(corpus)])
    assert corpus / "pipe.jsonl" not in found.files
    [skipped] = found.skipped
    assert "a FIFO, not a regular file" in skipped.reason
    [direct] = read_source(corpus / "pipe.jsonl")  # never opened: it would block
    assert "not a regular file" in direct.reason


def test_find_sources_unreadable_folder_skipped_with_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _tree(tmp_path)
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "sub":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(sources_module.os, "scandir", scandir)
    found = find_sources([str(corpus)])
    assert found.files == [corpus / "a.txt"]
    [skipped] = found.skipped
    assert (skipped.status, skipped.reason) == ("error", "cannot read folder: Permission denied")


def test_find_sources_glob_folder_match_and_nothing(tmp_path: Path) -> None:
    corpus = _tree(tmp_path)
    assert expand_paths([str(corpus / "s*")]) == [corpus / "sub" / "b.txt"]
    assert expand_paths([str(corpus / "*.txt")]) == [corpus / "a.txt"]
    with pytest.raises(SourceNotFound):
        expand_paths([str(corpus / "*.warc")])


def test_find_sources_glob_reports_only_what_it_could_name(tmp_path: Path) -> None:
    corpus = _tree(tmp_path)
    os.mkfifo(corpus / "pipe")
    (corpus / "data").symlink_to(tmp_path)
    os.mkfifo(corpus / "pipe.txt")
    found = find_sources([str(corpus / "*.txt")])
    assert found.files == [corpus / "a.txt"]
    assert [Path(r.source).name for r in found.skipped] == ["pipe.txt"]
