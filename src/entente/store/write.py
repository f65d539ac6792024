"""Records to rows. Writes go in batches, as Arrow tables, one transaction per batch.

Writing the same document twice changes nothing: documents are keyed by the
hash of their text, and rows of a document already stored are not written again.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pyarrow as pa

from entente.pipeline import CodedDocument
from entente.records import IngestStatus, PublicationDate
from entente.store.db import Store


@dataclass(slots=True)
class LogEntry:
    source: str
    status: IngestStatus
    reason: str | None = None
    doc_id: str | None = None


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


def _insert(store: Store, table: str, columns: dict[str, list]) -> None:
    if not next(iter(columns.values())):
        return
    batch = pa.table(columns)  # noqa: F841 - read by DuckDB's replacement scan below
    names = ", ".join(f'"{c}"' for c in columns)
    store.con.execute(f"INSERT OR IGNORE INTO {table} ({names}) SELECT {names} FROM batch")


def write_batch(
    store: Store, coded: Sequence[CodedDocument], log: Sequence[LogEntry], run_id: str
) -> None:
    """Store a batch of coded documents and log entries in one transaction."""
    now = datetime.now(UTC).replace(tzinfo=None)
    with store.transaction():
        docs = [c.document for c in coded]
        _insert(
            store,
            "documents",
            {
                "id": [d.id for d in docs],
                "source": [d.source for d in docs],
                "url": [d.url for d in docs],
                "outlet": [d.outlet for d in docs],
                "title": [d.title for d in docs],
                "author": [d.author for d in docs],
                "published": [d.published.value if d.published else None for d in docs],
                "published_precision": [
                    d.published.precision if d.published else None for d in docs
                ],
                "published_date": [published_date(d.published) for d in docs],
                "language": [d.language for d in docs],
                "text": [d.text for d in docs],
                "words": [len(d.text.split()) for d in docs],
                "ingested_at": [now] * len(docs),
            },
        )
        sentences = [s for c in coded for s in c.sentences]
        _insert(
            store,
            "sentences",
            {
                "doc_id": [s.doc_id for s in sentences],
                "idx": [s.index for s in sentences],
                "start": [s.start for s in sentences],
                "end": [s.end for s in sentences],
            },
        )
        _insert(
            store,
            "ingest_log",
            {
                "run_id": [run_id] * len(log),
                "source": [e.source for e in log],
                "status": [e.status for e in log],
                "reason": [e.reason for e in log],
                "doc_id": [e.doc_id for e in log],
                "logged_at": [now] * len(log),
            },
        )
