"""Documents and the ingest log: lists, one document for the reader, the log of a run."""

from __future__ import annotations

from typing import Any

from entente.errors import DocumentNotFound
from entente.escaping import contains_text, starts_with_text
from entente.query.events import records_of
from entente.store.db import Store

DOCUMENT_FIELDS = (
    "id",
    "source",
    "url",
    "outlet",
    "title",
    "author",
    "published",
    "published_precision",
    "language",
    "words",
    "ingested_at",
)


def list_documents(
    store: Store,
    *,
    outlet: str | None = None,
    search: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Documents newest first (undated last), without their text."""
    where, params = ["TRUE"], []
    if outlet:
        where.append("outlet = ?")
        params.append(outlet)
    if search:
        where.append(f"({contains_text('title')} OR {contains_text('text')})")
        params += [search] * 2
    sql = (
        f"SELECT {', '.join(DOCUMENT_FIELDS)} FROM documents WHERE {' AND '.join(where)} "
        "ORDER BY published_date DESC NULLS LAST, source LIMIT ? OFFSET ?"
    )
    return store.records(sql, [*params, limit, offset])


def count_documents(store: Store) -> int:
    row = store.fetchone("SELECT count(*) FROM documents")
    return int(row[0]) if row else 0


def get_document(store: Store, doc_id: str) -> dict[str, Any]:
    """One document with its text. ``doc_id`` may be a unique prefix of the id.

    Raises DocumentNotFound.
    """
    rows = store.records(
        f"SELECT {', '.join(DOCUMENT_FIELDS)}, text FROM documents "
        f"WHERE {starts_with_text('id')} LIMIT 2",
        [doc_id],
    )
    if len(rows) != 1:
        raise DocumentNotFound(doc_id)
    return rows[0]


def document_view(store: Store, doc_id: str) -> dict[str, Any]:
    """A document for the reader: text, sentence offsets, actor mentions and events.

    Raises DocumentNotFound.
    """
    rows = store.records(
        "SELECT id, source, url, title, outlet, author, published, published_precision, "
        "language, text FROM documents WHERE id = ?",
        [doc_id],
    )
    if not rows:
        raise DocumentNotFound(doc_id)
    document = rows[0]
    document["sentences"] = store.records(
        'SELECT idx AS "index", start, "end" FROM sentences WHERE doc_id = ? ORDER BY idx',
        [doc_id],
    )
    document["mentions"] = store.records(
        'SELECT m.start, m."end", m.text, m.actor_id, a.name AS actor_name, m.country, m.sector '
        "FROM mentions m LEFT JOIN actors a ON a.id = m.actor_id WHERE m.doc_id = ? "
        "ORDER BY m.start",
        [doc_id],
    )
    ids = [
        r[0]
        for r in store.fetchall(
            "SELECT id FROM events WHERE doc_id = ? ORDER BY trigger_start, id", [doc_id]
        )
    ]
    document["events"] = records_of(store, ids)
    return document


def ingest_log(
    store: Store, *, status: str | None = None, run: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """Lines of the ingest log, newest first; ``run="last"`` means the latest run."""
    where, params = ["TRUE"], []
    if status:
        where.append("status = ?")
        params.append(status)
    if run == "last":
        where.append("run_id = (SELECT run_id FROM ingest_log ORDER BY id DESC LIMIT 1)")
    elif run:
        where.append("run_id = ?")
        params.append(run)
    return store.records(
        "SELECT run_id, source, status, reason, doc_id, logged_at FROM ingest_log "
        f"WHERE {' AND '.join(where)} ORDER BY id DESC LIMIT ?",
        [*params, limit],
    )
