"""Acceptance: the ingest stage on the five seed articles and the VOA corpus in ../shared."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from entente.ingest.prepare import prepare_document
from entente.ingest.readers import read_source
from entente.records import Document, PublicationDate, RawArticle

pytestmark = pytest.mark.acceptance

LEFTOVERS = (
    "Physical Address",
    "Latest Posts",
    "Poland Could Soon Be Home to NATO Nukes",
    "About the Author",
    "GettyImages",
    "web analytics",
    "Related Posts",
    "Read More From",
)
DATES = {"000": "2024-04-15", "003": "2026-03-08"}
TITLES = {
    "001": "Iran’s War Against Israel and the US Has Russia’s Backing",
    "002": "Russia and Iran Tight as Ever",
    "004": "Invading Ukraine was a major strategic blunder. "
    "Backing Iran could be an even bigger miscalculation",
}
# Lines this long are body paragraphs; shorter ones may be headings or leftovers.
BODY_LINE_MIN_CHARS = 120
# A photo credit in parentheses: the sentence before it is a caption, not body.
CREDIT = re.compile(r"^\((?:credit|photo|image)\b", re.I)
# Where the article ends and the page's trailing material begins.
TRAILING = ("About the Author", "Read More From", "Latest Posts", "Related Topics", "Related Posts")
DATE_MARKER = re.compile(r"^\s*date \d{4}-\d{2}-\d{2} ")


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def seed_paths(shared: Path) -> list[Path]:
    return sorted((shared / "seeds").glob("*.txt"))


def prepared(path: Path) -> Document:
    doc = prepare_document(RawArticle(source=str(path), text=path.read_text(encoding="utf-8")))
    assert isinstance(doc, Document), doc
    return doc


def body_sentences(raw: str) -> list[str]:
    """Sentences of the raw seed's body paragraphs: captions and the trailing
    author bio left out."""
    sentences: list[str] = []
    for line in raw.splitlines():
        if line.startswith(TRAILING):
            break
        line = DATE_MARKER.sub("", line).strip()
        if len(line) <= BODY_LINE_MIN_CHARS:
            continue
        pieces = [p.strip() for p in line.split(". ")]
        for index, piece in enumerate(pieces):
            following = pieces[index + 1] if index + 1 < len(pieces) else ""
            if not piece or CREDIT.match(piece) or CREDIT.match(following):
                continue
            sentences.append(normalise(piece))
    return sentences


def test_seeds_exist(shared: Path):
    assert len(seed_paths(shared)) == 5


def test_seeds_leftovers_removed(shared: Path):
    for path in seed_paths(shared):
        doc = prepared(path)
        for leftover in LEFTOVERS:
            assert leftover.casefold() not in doc.text.casefold(), (path.name, leftover)


def test_seeds_leading_date_marker_is_published(shared: Path):
    for path in seed_paths(shared):
        prefix = path.name[:3]
        if prefix in DATES:
            doc = prepared(path)
            assert doc.published == PublicationDate(DATES[prefix], "day"), path.name
            assert not doc.text.lstrip().startswith("date ")


def test_seeds_headline_titles(shared: Path):
    for path in seed_paths(shared):
        prefix = path.name[:3]
        if prefix in TITLES:
            doc = prepared(path)
            assert doc.title == TITLES[prefix], path.name
            assert not doc.text.startswith(TITLES[prefix])


def test_seeds_every_body_sentence_survives(shared: Path):
    for path in seed_paths(shared):
        raw = path.read_text(encoding="utf-8")
        clean = normalise(prepared(path).text)
        missing = [s for s in body_sentences(raw) if s not in clean]
        assert not missing, (path.name, missing[:3])


def test_seeds_caption_with_credit_removed(shared: Path):
    """Captions ending in "(credit: ...)" are not article sentences."""
    for path in seed_paths(shared):
        assert "(credit:" not in prepared(path).text


def test_seeds_all_english(shared: Path):
    assert {prepared(path).language for path in seed_paths(shared)} == {"en"}


def test_voa_corpus_every_record_a_dated_titled_document(shared: Path):
    path = shared / "corpora" / "voa-2025-03.jsonl"
    items = list(read_source(path))
    assert len(items) == 89
    docs = [prepare_document(item) for item in items]
    problems = [d for d in docs if not isinstance(d, Document) or not d.title or not d.published]
    assert not problems, problems[:3]
    assert all(d.outlet == "Voice of America" for d in docs)
    assert len({d.id for d in docs}) == len(docs)
