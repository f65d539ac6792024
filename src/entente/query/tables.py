"""Every table as the exports write it: one record per row, streamed a batch at a time."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from entente.query.documents import DOCUMENT_FIELDS
from entente.query.events import EVENT_COLUMNS, event_record
from entente.store.db import Store


def _iterate(store: Store, sql: str, batch: int) -> Iterator[dict[str, Any]]:
    cursor = store.execute(sql)
    names = [d[0] for d in cursor.description or []]
    while rows := cursor.fetchmany(batch):
        for row in rows:
            yield dict(zip(names, row, strict=True))


def iter_documents(store: Store, batch: int = 500) -> Iterator[dict[str, Any]]:
    """Every document with its text, in a stable order, a batch at a time."""
    yield from _iterate(
        store, f"SELECT {', '.join(DOCUMENT_FIELDS)}, text FROM documents ORDER BY id", batch
    )


def iter_actors(store: Store, batch: int = 500) -> Iterator[dict[str, Any]]:
    """Every stored actor with aliases, backers and offices."""
    sql = (
        "SELECT id, name, kind, country, sector, wikidata, aliases, backers, offices "
        "FROM actors ORDER BY id"
    )
    for record in _iterate(store, sql, batch):
        record["offices"] = json.loads(record["offices"]) if record["offices"] else []
        yield record


def iter_mentions(store: Store, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every mention as the export writes it: doc {id, source}, text, offsets, actor."""
    sql = (
        'SELECT m.doc_id, d.source, m.sentence, m.start, m."end", m.text, m.resolved_by, '
        "m.actor_id, a.name, m.country, m.sector "
        "FROM mentions m JOIN documents d ON d.id = m.doc_id "
        "LEFT JOIN actors a ON a.id = m.actor_id ORDER BY m.doc_id, m.start"
    )
    for row in _iterate(store, sql, batch):
        yield {
            "doc": {"id": row["doc_id"], "source": row["source"]},
            "sentence": row["sentence"],
            "text": row["text"],
            "start": row["start"],
            "end": row["end"],
            "resolved_by": row["resolved_by"],
            "actor": None
            if row["actor_id"] is None and row["country"] is None
            else {
                "id": row["actor_id"],
                "name": row["name"],
                "country": row["country"],
                "sector": row["sector"],
            },
        }


def iter_events(store: Store, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every event as its public record, in document order."""
    sql = (
        f"SELECT {EVENT_COLUMNS}, d.source, d.outlet, d.title, d.published "
        "FROM events e JOIN documents d ON d.id = e.doc_id ORDER BY d.source, e.trigger_start"
    )
    for row in _iterate(store, sql, batch):
        yield event_record(row)


def iter_event_candidates(store: Store, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every event kept as a candidate (below the confidence floor) as its public
    record plus ``reason``, in document order."""
    sql = (
        f"SELECT {EVENT_COLUMNS}, e.reason, d.source, d.outlet, d.title, d.published "
        "FROM event_candidates e JOIN documents d ON d.id = e.doc_id "
        "ORDER BY d.source, e.trigger_start"
    )
    for row in _iterate(store, sql, batch):
        yield {**event_record(row), "reason": row["reason"]}


def iter_clusters(store: Store, batch: int = 500) -> Iterator[dict[str, Any]]:
    """Every cluster with its members and conflicts, in id order."""
    sql = (
        "SELECT c.*, (SELECT list(m.event_id ORDER BY m.event_id) FROM cluster_members m "
        "WHERE m.cluster_id = c.id) AS members, (SELECT list({'field': x.field, 'item': x.item, "
        "'values': x.\"values\"}) FROM conflicts x WHERE x.cluster_id = c.id) AS conflicts "
        "FROM clusters c ORDER BY c.id"
    )
    for row in _iterate(store, sql, batch):
        row["quantities"] = json.loads(row["quantities"] or "[]")
        row["conflicts"] = [
            {**x, "values": json.loads(x["values"])} for x in row["conflicts"] or []
        ]
        row["date_first"] = row["date_first"].isoformat() if row["date_first"] else None
        yield row


def iter_relations(store: Store, batch: int = 500) -> Iterator[dict[str, Any]]:
    """Every relation with its supporting clusters, in (source, target, kind) order."""
    sql = (
        "SELECT r.*, coalesce((SELECT list(rc.cluster_id ORDER BY rc.cluster_id) "
        "FROM relation_clusters rc WHERE rc.source = r.source AND rc.target = r.target "
        "AND rc.kind = r.kind), []) AS clusters FROM relations r ORDER BY source, target, kind"
    )
    yield from _iterate(store, sql, batch)


def iter_dyads(store: Store, batch: int = 500) -> Iterator[dict[str, Any]]:
    """Every directed dyad period, in (source, target, period) order."""
    yield from _iterate(store, "SELECT * FROM dyad_periods ORDER BY source, target, period", batch)


# What `entente export KIND` writes, by kind.
TABLES: dict[str, Callable[[Store], Iterator[dict[str, Any]]]] = {
    "documents": iter_documents,
    "actors": iter_actors,
    "mentions": iter_mentions,
    "events": iter_events,
    "clusters": iter_clusters,
    "relations": iter_relations,
    "dyads": iter_dyads,
}
