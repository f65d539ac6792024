"""Documents and the ingest log: lists, one document for the reader, the log of a run."""

from __future__ import annotations

from typing import Any

from entente.errors import DocumentNotFound, NotFoundError
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
    """Documents newest first (undated last), without their text.

    Raises NotFoundError, naming the closest outlets, for an outlet no document has.
    """
    where, params = _documents_where(store, outlet, search)
    sql = (
        f"SELECT {', '.join(DOCUMENT_FIELDS)} FROM documents WHERE {' AND '.join(where)} "
        "ORDER BY published_date DESC NULLS LAST, source LIMIT ? OFFSET ?"
    )
    return store.records(sql, [*params, limit, offset])


def count_documents(store: Store, *, outlet: str | None = None, search: str | None = None) -> int:
    """How many documents ``list_documents`` would list with no limit."""
    where, params = _documents_where(store, outlet, search)
    row = store.fetchone(f"SELECT count(*) FROM documents WHERE {' AND '.join(where)}", params)
    return int(row[0]) if row else 0


# Outlets offered when an outlet matches none: the closest by Jaro-Winkler.
CLOSE_OUTLETS = 3


def _documents_where(
    store: Store, outlet: str | None, search: str | None
) -> tuple[list[str], list[Any]]:
    where: list[str] = ["TRUE"]
    params: list[Any] = []
    if outlet:
        if not store.fetchone("SELECT 1 FROM documents WHERE outlet = ? LIMIT 1", [outlet]):
            close = store.fetchall(
                "SELECT outlet FROM documents WHERE outlet IS NOT NULL GROUP BY outlet "
                "ORDER BY jaro_winkler_similarity(lower(outlet), lower(?)) DESC, outlet LIMIT ?",
                [outlet, CLOSE_OUTLETS],
            )
            hint = ", ".join(repr(r[0]) for r in close)
            raise NotFoundError(
                f"No document has outlet {outlet!r}."
                + (f" Did you mean: {hint}? (entente docs lists them)" if hint else "")
            )
        where.append("outlet = ?")
        params.append(outlet)
    if search:
        where.append(f"({contains_text('title')} OR {contains_text('text')})")
        params += [search] * 2
    return where, params


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
        if not store.fetchone("SELECT 1 FROM ingest_log WHERE run_id = ? LIMIT 1", [run]):
            latest = store.fetchall(
                "SELECT run_id FROM ingest_log GROUP BY run_id ORDER BY max(id) DESC LIMIT 3"
            )
            runs = ", ".join(r[0] for r in latest)
            raise NotFoundError(
                f"No ingest run {run!r} in the log."
                + (f" The latest: {runs} (or write --run last)." if runs else " The log is empty.")
            )
        where.append("run_id = ?")
        params.append(run)
    return store.records(
        "SELECT run_id, source, status, reason, doc_id, logged_at FROM ingest_log "
        f"WHERE {' AND '.join(where)} ORDER BY id DESC LIMIT ?",
        [*params, limit],
    )
