"""Records to rows. Writes go in batches, as Arrow tables, one transaction per batch.

Writing the same document twice changes nothing: documents are keyed by the
hash of their text, and rows of a document already stored are not written again.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime

import pyarrow as pa
import pyarrow.compute as pc

from entente.ingest.decode import valid_text
from entente.pipeline import CodedDocument
from entente.records import (
    Actor,
    ActorRef,
    Event,
    IngestStatus,
    Mention,
    PublicationDate,
    is_ad_hoc_id,
)
from entente.store.db import Store


@dataclass(slots=True)
class LogEntry:
    source: str
    status: IngestStatus
    reason: str | None = None
    doc_id: str | None = None

    def __post_init__(self) -> None:
        # Sources are paths and reasons quote exceptions: either may carry what
        # neither the store nor a terminal takes (a file name in another
        # encoding, a control character).
        self.source = valid_text(self.source)
        if self.reason:
            self.reason = valid_text(self.reason)


def new_run_id() -> str:
    return uuid.uuid4().hex[:12]


def published_date(published: PublicationDate | None) -> date | None:
    """The first day of the publication period, for range queries."""
    if published is None:
        return None
    parts = [int(p) for p in published.value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return date(parts[0], parts[1], parts[2])


def existing_ids(store: Store, ids: Sequence[str]) -> set[str]:
    """Which of ``ids`` are already stored (one query for the lot)."""
    if not ids:
        return set()
    rows = store.fetchall("SELECT id FROM documents WHERE id IN (SELECT unnest(?))", [list(ids)])
    return {r[0] for r in rows}


def _json(value: object) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _actor_columns(actors: Sequence[Actor]) -> dict[str, list]:
    return {
        "id": [a.id for a in actors],
        "name": [a.name for a in actors],
        "kind": [a.kind for a in actors],
        "country": [a.country for a in actors],
        "sector": [a.sector for a in actors],
        "wikidata": [a.wikidata for a in actors],
        "aliases": [list(a.aliases) for a in actors],
        "backers": [list(a.backers) for a in actors],
        "offices": [_json([asdict(o) for o in a.offices]) for a in actors],
    }


def _mention_columns(mentions: Sequence[Mention]) -> dict[str, list]:
    return {
        "doc_id": [m.doc_id for m in mentions],
        "sentence": [m.sentence for m in mentions],
        "start": [m.start for m in mentions],
        "end": [m.end for m in mentions],
        "text": [m.text for m in mentions],
        "actor_id": [m.actor_id for m in mentions],
        "resolved_by": [m.resolved_by for m in mentions],
        "country": [m.country for m in mentions],
        "sector": [m.sector for m in mentions],
    }


def _date_first(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return published_date(PublicationDate(value, "day"))
    except ValueError:
        return None


def _refs(refs: Sequence[ActorRef]) -> str | None:
    return _json([asdict(r) for r in refs])


def _event_columns(events: Sequence[Event]) -> dict[str, list]:
    return {
        "id": [e.id for e in events],
        "doc_id": [e.doc_id for e in events],
        "sentence": [e.sentence for e in events],
        "type": [e.type for e in events],
        "mode": [e.mode for e in events],
        "score": [e.score for e in events],
        "actor": [_refs(e.actor) for e in events],
        "recipient": [_refs(e.recipient) for e in events],
        "actor_ids": [[r.actor_id for r in e.actor if r.actor_id] for e in events],
        "recipient_ids": [[r.actor_id for r in e.recipient if r.actor_id] for e in events],
        "actor_countries": [[r.country for r in e.actor if r.country] for e in events],
        "recipient_countries": [[r.country for r in e.recipient if r.country] for e in events],
        "date_start": [e.date.start for e in events],
        "date_end": [e.date.end for e in events],
        "date_precision": [e.date.precision for e in events],
        "date_basis": [e.date.basis for e in events],
        "date_text": [e.date.text for e in events],
        "date_first": [_date_first(e.date.start) for e in events],
        "certainty": [e.certainty for e in events],
        "polarity": [e.polarity for e in events],
        "tense": [e.tense for e in events],
        "attributed_to": [
            _json(asdict(e.attributed_to)) if e.attributed_to else None for e in events
        ],
        "quantities": [_json([asdict(q) for q in e.quantities]) for e in events],
        "sentence_text": [e.evidence.sentence for e in events],
        "sentence_start": [e.evidence.start for e in events],
        "sentence_end": [e.evidence.end for e in events],
        "trigger": [e.evidence.trigger for e in events],
        "trigger_start": [e.evidence.trigger_start for e in events],
        "trigger_end": [e.evidence.trigger_end for e in events],
        "confidence": [e.confidence for e in events],
    }


def candidate_columns(events: Sequence[Event]) -> dict[str, list]:
    """The rows of events below the confidence floor: an event's columns and the
    reason (``Event.candidate_reason``). One split, made here: the coder marks,
    the store sorts, and everything after the store reads ``events`` alone."""
    columns = _event_columns(events)
    columns["reason"] = [e.candidate_reason for e in events]
    return columns


def write_batch(
    store: Store, coded: Sequence[CodedDocument], log: Sequence[LogEntry], run_id: str
) -> None:
    """Store a batch of coded documents and log entries in one transaction."""
    with store.transaction():
        write_rows(store, coded, log, run_id)


# How each table takes a row whose key is already stored: a document's rows
# are never rewritten. Log rows have no key. Actors: see ``append_rows``.
CONFLICTS: dict[str, str | None] = {
    "documents": "ignore",
    "sentences": "ignore",
    "actors": "replace",
    "mentions": "ignore",
    "events": "ignore",
    "event_candidates": "ignore",
    "ingest_log": None,
}


def copy_replaces(actor_id: str) -> bool:
    """Whether a later copy of an actor replaces the stored one.

    Registry data may have been corrected since an actor was first stored, so a
    registry actor's copy replaces it. An ad-hoc actor's copy is what one
    document said of it (its country, kind, offices) and differs from document
    to document ("Jeff Sessions": no country, USA, RUS): the first copy stays,
    and the map settles its country from all its mentions
    (``consolidate.actors.settle_countries``). Replacing it by each later
    document made the map built during an ingest differ from ``entente rebuild``.
    """
    return not is_ad_hoc_id(actor_id)


def append_rows(store: Store, table: str, columns: dict) -> None:
    """Append one table's rows (lists or Arrow arrays) as ``CONFLICTS`` and
    ``copy_replaces`` say: registry actors replace their row, ad-hoc ones do not."""
    if table != "actors":
        store.append(table, columns, on_conflict=CONFLICTS[table])
        return
    batch = pa.table(columns)
    if batch.num_rows == 0:
        return
    replaces = pa.array([copy_replaces(actor_id) for actor_id in batch["id"].to_pylist()])
    for mask, verb in ((replaces, CONFLICTS["actors"]), (pc.invert(replaces), "ignore")):
        part = batch.filter(mask)
        store.append("actors", {n: part[n] for n in part.column_names}, on_conflict=verb)


def one_copy_per_actor(ids: Sequence[str]) -> list[int]:
    """The row of each actor id to store from copies in document order, in order:
    a registry actor's last copy, an ad-hoc actor's first (``copy_replaces``)."""
    chosen: dict[str, int] = {}
    for row, actor_id in enumerate(ids):
        if actor_id not in chosen or copy_replaces(actor_id):
            chosen[actor_id] = row
    return sorted(chosen.values())


def actor_columns(copies: Sequence[Actor]) -> dict[str, list]:
    """The actor rows of copies in document order, one per actor (``one_copy_per_actor``)."""
    return _actor_columns([copies[i] for i in one_copy_per_actor([a.id for a in copies])])


def coded_columns(coded: Sequence[CodedDocument]) -> dict[str, dict[str, list]]:
    """The rows of coded documents, table name to columns, in ``CONFLICTS`` order.

    Events the coder marked as candidates (below the confidence floor) go to
    ``event_candidates``, the others to ``events``.

    The local engine appends these to the store; the Ray engine writes them as
    Parquet parts and appends them later (``entente.scale.parts``).
    """
    now = datetime.now(UTC).replace(tzinfo=None)
    docs = [c.document for c in coded]
    sentences = [s for c in coded for s in c.sentences]
    events = [e for c in coded for e in c.events]
    return {
        "documents": {
            "id": [d.id for d in docs],
            "source": [d.source for d in docs],
            "url": [d.url for d in docs],
            "outlet": [d.outlet for d in docs],
            "title": [d.title for d in docs],
            "author": [d.author for d in docs],
            "published": [d.published.value if d.published else None for d in docs],
            "published_precision": [d.published.precision if d.published else None for d in docs],
            "published_date": [published_date(d.published) for d in docs],
            "language": [d.language for d in docs],
            "text": [d.text for d in docs],
            "words": [len(d.text.split()) for d in docs],
            "ingested_at": [now] * len(docs),
            "political_relevance": [c.political_relevance for c in coded],
        },
        "sentences": {
            "doc_id": [s.doc_id for s in sentences],
            "idx": [s.index for s in sentences],
            "start": [s.start for s in sentences],
            "end": [s.end for s in sentences],
        },
        "actors": actor_columns([a for c in coded for a in c.actors]),
        "mentions": _mention_columns([m for c in coded for m in c.mentions]),
        "events": _event_columns([e for e in events if e.candidate_reason is None]),
        "event_candidates": candidate_columns(
            [e for e in events if e.candidate_reason is not None]
        ),
    }


def log_columns(log: Sequence[LogEntry], run_id: str) -> dict[str, list]:
    """Ingest log rows for one run."""
    now = datetime.now(UTC).replace(tzinfo=None)
    return {
        "run_id": [run_id] * len(log),
        "source": [e.source for e in log],
        "status": [e.status for e in log],
        "reason": [e.reason for e in log],
        "doc_id": [e.doc_id for e in log],
        "logged_at": [now] * len(log),
    }


def write_rows(
    store: Store, coded: Sequence[CodedDocument], log: Sequence[LogEntry], run_id: str
) -> None:
    """Store coded documents and log entries inside the caller's transaction."""
    for table, columns in coded_columns(coded).items():
        append_rows(store, table, columns)
    store.append("ingest_log", log_columns(log, run_id), on_conflict=CONFLICTS["ingest_log"])
