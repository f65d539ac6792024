"""Read-only questions over the store. The CLI, the web API and exports all call these.

Every function takes an open ``Store`` and returns plain dicts (column name to
value), so each face formats the same answer its own way.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from entente.errors import DocumentNotFound
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
        where.append("(title ILIKE ? OR text ILIKE ?)")
        params += [f"%{search}%"] * 2
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
        f"SELECT {', '.join(DOCUMENT_FIELDS)}, text FROM documents WHERE id LIKE ? LIMIT 2",
        [f"{doc_id}%"],
    )
    if len(rows) != 1:
        raise DocumentNotFound(doc_id)
    return rows[0]


def iter_documents(store: Store, batch: int = 500) -> Iterator[dict[str, Any]]:
    """Every document with its text, in a stable order, a batch at a time."""
    cursor = store.execute(f"SELECT {', '.join(DOCUMENT_FIELDS)}, text FROM documents ORDER BY id")
    names = [d[0] for d in cursor.description or []]
    while rows := cursor.fetchmany(batch):
        for row in rows:
            yield dict(zip(names, row, strict=True))


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
