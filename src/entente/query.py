"""Read-only questions over the store. The CLI, the web API and exports all call these.

Every function takes an open ``Store`` and returns plain dicts (column name to
value), so each face formats the same answer its own way.
"""

from __future__ import annotations

import json
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


# -- actors and mentions ----------------------------------------------------------


def list_actors(
    store: Store,
    *,
    country: str | None = None,
    kind: str | None = None,
    search: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Actors with how many mentions and documents name them, most mentioned first."""
    where, params = ["TRUE"], []
    if country:
        where.append("a.country = ?")
        params.append(country.upper())
    if kind:
        where.append("a.kind = ?")
        params.append(kind)
    if search:
        where.append("(a.name ILIKE ? OR list_contains(a.aliases, ?))")
        params += [f"%{search}%", search]
    return store.records(
        "SELECT a.id, a.name, a.kind, a.country, a.sector, a.wikidata, "
        "count(m.doc_id) AS mentions, count(DISTINCT m.doc_id) AS documents "
        "FROM actors a LEFT JOIN mentions m ON m.actor_id = a.id "
        f"WHERE {' AND '.join(where)} GROUP BY ALL "
        "ORDER BY mentions DESC, a.name LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )


def iter_actors(store: Store, batch: int = 500) -> Iterator[dict[str, Any]]:
    """Every stored actor with aliases, backers and offices."""
    cursor = store.execute(
        "SELECT id, name, kind, country, sector, wikidata, aliases, backers, offices "
        "FROM actors ORDER BY id"
    )
    names = [d[0] for d in cursor.description or []]
    while rows := cursor.fetchmany(batch):
        for row in rows:
            record = dict(zip(names, row, strict=True))
            record["offices"] = json.loads(record["offices"]) if record["offices"] else []
            yield record


def iter_mentions(store: Store, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every mention as the export writes it: doc {id, source}, text, offsets, actor."""
    cursor = store.execute(
        'SELECT m.doc_id, d.source, m.sentence, m.start, m."end", m.text, m.resolved_by, '
        "m.actor_id, a.name, m.country, m.sector "
        "FROM mentions m JOIN documents d ON d.id = m.doc_id "
        "LEFT JOIN actors a ON a.id = m.actor_id ORDER BY m.doc_id, m.start"
    )
    while rows := cursor.fetchmany(batch):
        for (
            doc_id,
            source,
            sentence,
            start,
            end,
            text,
            how,
            actor_id,
            name,
            country,
            sector,
        ) in rows:
            yield {
                "doc": {"id": doc_id, "source": source},
                "sentence": sentence,
                "text": text,
                "start": start,
                "end": end,
                "resolved_by": how,
                "actor": None
                if actor_id is None and country is None
                else {"id": actor_id, "name": name, "country": country, "sector": sector},
            }


# -- events -------------------------------------------------------------------------

EVENT_COLUMNS = (
    "e.id, e.type, e.mode, e.score, e.actor, e.recipient, e.date_start, e.date_end, "
    "e.date_precision, e.date_basis, e.certainty, e.polarity, e.tense, e.attributed_to, "
    "e.quantities, e.sentence_text, e.sentence_start, e.sentence_end, e.trigger, "
    "e.trigger_start, e.trigger_end, e.confidence, "
    "d.id AS doc_id, d.source, d.outlet, d.title, d.published"
)


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event as the public event record of DESIGN.md (the export's line)."""

    def actors(value: str | None) -> list[dict[str, Any]]:
        return [
            {
                "name": a["name"],
                "country": a["country"],
                "sector": a["sector"],
                "id": a.get("wikidata"),
                "actor_id": a.get("actor_id"),
            }
            for a in json.loads(value or "[]")
        ]

    attributed = json.loads(row["attributed_to"]) if row["attributed_to"] else None
    return {
        "id": row["id"],
        "type": row["type"],
        "mode": row["mode"],
        "score": row["score"],
        "actor": actors(row["actor"]),
        "recipient": actors(row["recipient"]),
        "date": {
            "start": row["date_start"],
            "end": row["date_end"],
            "precision": row["date_precision"],
            "basis": row["date_basis"],
        },
        "certainty": row["certainty"],
        "polarity": row["polarity"],
        "tense": row["tense"],
        "attributed_to": None
        if attributed is None
        else {k: attributed.get(k) for k in ("name", "country", "sector", "cue")},
        "quantities": json.loads(row["quantities"] or "[]"),
        "doc": {
            "id": row["doc_id"],
            "source": row["source"],
            "outlet": row["outlet"],
            "title": row["title"],
            "published": row["published"],
        },
        "evidence": {
            "sentence": row["sentence_text"],
            "start": row["sentence_start"],
            "end": row["sentence_end"],
            "trigger": row["trigger"],
            "trigger_start": row["trigger_start"],
            "trigger_end": row["trigger_end"],
        },
        "confidence": row["confidence"],
    }


def _event_filters(
    store: Store,
    actor: str | None,
    recipient: str | None,
    type: str | None,
    since: str | None,
    until: str | None,
    certainty: str | None,
    polarity: str | None,
) -> tuple[list[str], list[Any]]:
    where, params = ["TRUE"], []
    for side, value in (("actor", actor), ("recipient", recipient)):
        if not value:
            continue
        # A country code or an actor id, looked up in the flattened lists; part of a
        # name only when no code or id matches (scanning the JSON is slow, and
        # "RUS" must not match "Belarus").
        clause = f"list_contains(e.{side}_countries, ?) OR list_contains(e.{side}_ids, ?)"
        params += [value.upper(), value]
        exact = store.fetchone(
            "SELECT 1 FROM actors WHERE id = ? OR country = ? LIMIT 1", [value, value.upper()]
        )
        if not exact:
            clause += f" OR e.{side}::VARCHAR ILIKE ?"
            params.append(f"%{value}%")
        where.append(f"({clause})")
    if type:
        where.append("e.type = ?")
        params.append(type.upper())
    if since:
        where.append("e.date_first >= ?::DATE")
        params.append(_first_day(since))
    if until:
        where.append("e.date_first <= ?::DATE")
        params.append(_first_day(until))
    if certainty:
        where.append("e.certainty = ?")
        params.append(certainty)
    if polarity:
        where.append("e.polarity = ?")
        params.append(polarity)
    return where, params


def _first_day(value: str) -> str:
    parts = value.split("-")
    while len(parts) < 3:
        parts.append("01")
    return "-".join(parts[:3])


def list_events(
    store: Store,
    *,
    actor: str | None = None,
    recipient: str | None = None,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    certainty: str | None = None,
    polarity: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Events as public records, by their own date (newest first), filtered.

    ``actor`` and ``recipient`` take a country code, an actor id or part of a name.
    """
    where, params = _event_filters(store, actor, recipient, type, since, until, certainty, polarity)
    # 1. the page, sorting the events table alone; 2. its rows by key; 3. their
    # documents. Sorting the events-documents join costs ~10x more at 100k
    # articles (bench/queries.py).
    ids = [
        r[0]
        for r in store.fetchall(
            f"SELECT e.id FROM events e WHERE {' AND '.join(where)} "
            "ORDER BY e.date_first DESC NULLS LAST, e.doc_id, e.trigger_start, e.id "
            "LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
    ]
    if not ids:
        return []
    rows = {
        r["id"]: r
        for r in store.records(
            f"SELECT {EVENT_COLUMNS} FROM events e JOIN documents d ON d.id = e.doc_id "
            "WHERE e.id IN (SELECT unnest(?))",
            [ids],
        )
    }
    return [event_record(rows[i]) for i in ids]


def iter_events(store: Store, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every event as its public record, in document order."""
    cursor = store.execute(
        f"SELECT {EVENT_COLUMNS} FROM events e JOIN documents d ON d.id = e.doc_id "
        "ORDER BY d.source, e.trigger_start"
    )
    names = [d[0] for d in cursor.description or []]
    while rows := cursor.fetchmany(batch):
        for row in rows:
            yield event_record(dict(zip(names, row, strict=True)))
