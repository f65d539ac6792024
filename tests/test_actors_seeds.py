"""Acceptance: actor mentions in the seeds (gold/seeds.actors.jsonl) and VOA coverage.

The seeds are resolved from their raw text (the leading " date YYYY-MM-DD"
line removed) so that the score does not depend on the ingest cleaner; their
publication dates are approximations used by this test only. Scoring follows
shared/tools/score_mentions.py: a gold line is right when some mention in
that document whose text contains the surface (or is contained in it, at
least 4 characters) has the gold country and, where given, sector.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from entente.actors.registry import load_registry
from entente.actors.resolve import resolve_actors
from entente.records import Document, PublicationDate

pytestmark = [pytest.mark.acceptance, pytest.mark.slow]

SEED_DATES = {
    "000": "2024-04-15",
    "001": "2024-02-01",
    "002": "2023-10-25",
    "003": "2026-03-08",
    "004": "2024-08-10",
}
MIN_SEED_MENTIONS_RIGHT = 36  # of 40 (issue "part 2: actors"); measured 40/40
# Share of spaCy PERSON and ORG spans in the VOA corpus that get an actor: the
# issue's 0.90, over all spans. Measured 0.901 (2217/2460); the rest are mostly
# no actor at all - places the tagger mislabels (Dadaab, Schengen, "in Malawi")
# and things (COVID-19, Brexit, S-400; data/actors/things.yaml). Over the spans
# not resolved as a place or a thing measured 0.971 (2217/2283).
MIN_VOA_COVERAGE = 0.90
MIN_VOA_ACTOR_SPAN_COVERAGE = 0.96
_DATE_LINE = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\s*")


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


@pytest.fixture(scope="module")
def seed_mentions(shared: Path, nlp):
    registry = load_registry()
    by_doc = {}
    for path in sorted((shared / "seeds").glob("*.txt")):
        text = _DATE_LINE.sub("", path.read_text(encoding="utf-8"))
        published = PublicationDate(SEED_DATES[path.stem[:3]], "day")
        document = Document(id=path.stem, source=str(path), text=text, published=published)
        by_doc[path.stem] = resolve_actors(nlp(text), document, registry).mentions
    return by_doc


def test_seeds_actor_mentions_right(shared: Path, seed_mentions):
    gold = [
        json.loads(line) for line in (shared / "gold" / "seeds.actors.jsonl").open() if line.strip()
    ]
    wrong = []
    for line in gold:
        surface = _norm(line["surface"])
        candidates = [
            m
            for m in seed_mentions[line["doc"]]
            if surface in _norm(m.text) or (_norm(m.text) in surface and len(_norm(m.text)) >= 4)
        ]
        if not any(
            m.country == line["country"] and (line["sector"] is None or m.sector == line["sector"])
            for m in candidates
        ):
            wrong.append(f"{line['doc'][:3]} {line['surface']}")
    assert len(gold) - len(wrong) >= MIN_SEED_MENTIONS_RIGHT, wrong


def _voa_coverage(shared: Path, nlp) -> tuple[float, float]:
    """(covered / all spans, covered / spans not resolved as a place or a thing)."""
    registry = load_registry()
    rows = [json.loads(line) for line in (shared / "corpora" / "voa-2025-03.jsonl").open()]
    spans = covered = not_actors = 0
    for row, doc in zip(rows, nlp.pipe(row["text"] for row in rows), strict=True):
        published = PublicationDate(row["published"][:10], "day")
        document = Document(id=row["id"], source=row["url"], text=row["text"], published=published)
        mentions = resolve_actors(doc, document, registry).mentions
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG"):
                continue
            over = [m for m in mentions if m.start < ent.end_char and ent.start_char < m.end]
            spans += 1
            if any(m.actor_id for m in over):
                covered += 1
            elif any(m.resolved_by in ("place", "thing") for m in over):
                not_actors += 1
    return covered / spans, covered / (spans - not_actors)


@pytest.fixture(scope="module")
def voa_coverage(shared: Path, nlp) -> tuple[float, float]:
    return _voa_coverage(shared, nlp)


def test_voa_person_org_coverage_reaches_target(voa_coverage):
    """The issue's 0.90 over all PERSON and ORG spans, places and things included."""
    assert voa_coverage[0] >= MIN_VOA_COVERAGE


def test_voa_actor_span_coverage_floor(voa_coverage):
    """Spans that are neither places nor things."""
    assert voa_coverage[1] >= MIN_VOA_ACTOR_SPAN_COVERAGE
