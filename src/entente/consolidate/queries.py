"""Read-only questions over the map. The CLI, the web API and exports call these.

Every function takes an open ``Store`` and returns plain dicts. Everything
they read is precomputed by ``update_map`` (relations, dyad periods, conflicts,
claims), so each is one or two indexed lookups or a top-k over a small table.
Actors may be named by id ("RUS", "hamas") or by a name or alias ("Russia").
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from entente.consolidate.actors import resolve_node
from entente.consolidate.clusters import DYAD_CLUSTER_FIELDS
from entente.consolidate.knowledge import load_map_knowledge
from entente.errors import UsageError
from entente.escaping import LIKE_ESCAPE, like_literal
from entente.store.db import Store

RELATION_KINDS = ("arms_supplier_of", "backs", "partner_of", "adversary_of")
CERTAINTIES = ("asserted", "reported", "alleged", "disputed", "denied")
_QUADS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")


def node_names(store: Store, nodes: Iterable[str]) -> dict[str, str]:
    """Display names of map nodes (the node id itself when no actor row names it)."""
    ids = sorted(set(nodes))
    rows = store.fetchall("SELECT id, name FROM actors WHERE id IN (SELECT unnest(?))", [ids])
    names = dict(rows)
    return {i: names.get(i, i) for i in ids}


def _named(store: Store, rows: list[dict[str, Any]], *fields: str) -> list[dict[str, Any]]:
    nodes = set()
    for row in rows:
        for name in fields:
            value = row[name]
            nodes.update(value if isinstance(value, list) else [value])
    names = node_names(store, nodes)
    for row in rows:
        for name in fields:
            value = row[name]
            row[f"{name}_name"] = (
                [names[v] for v in value] if isinstance(value, list) else names[value]
            )
    return rows


def strongest_relations(
    store: Store,
    limit: int = 20,
    kind: str | None = None,
    certainty: str | None = None,
    max_clusters: int = 20,
) -> list[dict[str, Any]]:
    """Relations by strength, strongest first, with the best clusters behind each.

    ``clusters`` holds at most ``max_clusters`` ids per relation, those that
    add most first (asserted, then more outlets, then newest); ``n_clusters``
    counts them all (a strong relation has thousands at 100k articles).
    Raises UsageError for an unknown kind or certainty.
    """
    where, params = ["TRUE"], []
    if kind is not None:
        if kind not in RELATION_KINDS:
            raise UsageError(f"No relation kind {kind!r}. Choose from: {', '.join(RELATION_KINDS)}")
        where.append("r.kind = ?")
        params.append(kind)
    if certainty is not None:
        if certainty not in ("asserted", "alleged"):
            raise UsageError(f"Relation certainty {certainty!r}: choose asserted or alleged")
        where.append("r.certainty = ?")
        params.append(certainty)
    rows = store.records(
        f"SELECT r.* FROM relations r WHERE {' AND '.join(where)} "
        "ORDER BY r.strength DESC, r.source, r.target, r.kind LIMIT ?",
        [*params, limit],
    )
    # The first few clusters of the top rows only (relation_clusters.rank, migration 005).
    keys = [f"{r['source']}\x1f{r['target']}\x1f{r['kind']}" for r in rows]
    clusters: dict[str, list[str]] = {}
    for key, cluster in store.fetchall(
        "SELECT source || chr(31) || target || chr(31) || kind AS key, cluster_id "
        "FROM relation_clusters WHERE rank < ? "
        "AND source || chr(31) || target || chr(31) || kind IN (SELECT unnest(?)) "
        "ORDER BY key, rank",
        [max_clusters, keys],
    ):
        clusters.setdefault(key, []).append(cluster)
    for row, key in zip(rows, keys, strict=True):
        row["clusters"] = clusters.get(key, [])
    return _named(store, rows, "source", "target")


def _pair(store: Store, a: str, b: str) -> tuple[str, str]:
    knowledge = load_map_knowledge()
    return resolve_node(store, a, knowledge), resolve_node(store, b, knowledge)


def dyad_series(store: Store, a: str, b: str) -> dict[str, Any]:
    """The period-by-period series between two actors, both directions summed.

    Returns ``{a, b, a_name, b_name, periods: [{period, precision, events,
    score_sum, score_mean, verbal_coop, ..., a_to_b, b_to_a, documents}]}``,
    oldest first (a year bucket before that year's months).
    Raises NotFoundError when a name matches no actor.
    """
    node_a, node_b = _pair(store, a, b)
    rows = store.records(
        "SELECT * FROM dyad_periods WHERE (source = ? AND target = ?) OR (source = ? AND target = ?) "
        "ORDER BY period, source",
        [node_a, node_b, node_b, node_a],
    )
    periods: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["period"], row["precision"])
        period = periods.setdefault(
            key,
            {
                "period": row["period"],
                "precision": row["precision"],
                "events": 0,
                "score_sum": 0.0,
                **{q: 0 for q in _QUADS},
                "a_to_b": 0,
                "b_to_a": 0,
                "documents": set(),
                "clusters": set(),
            },
        )
        period["events"] += row["events"]
        period["score_sum"] += row["score_sum"]
        for quad in _QUADS:
            period[quad] += row[quad]
        period["a_to_b" if row["source"] == node_a else "b_to_a"] += row["events"]
        period["documents"].update(row["documents"])
        period["clusters"].update(row["clusters"])
    series = []
    for period in sorted(
        periods.values(), key=lambda p: (p["period"][:4], len(p["period"]), p["period"])
    ):
        period["score_mean"] = period["score_sum"] / period["events"] if period["events"] else 0.0
        period["documents"] = sorted(period["documents"])
        period["clusters"] = sorted(period["clusters"])
        series.append(period)
    names = node_names(store, [node_a, node_b])
    return {
        "a": node_a,
        "b": node_b,
        "a_name": names[node_a],
        "b_name": names[node_b],
        "periods": series,
    }


def dyad_events(
    store: Store, a: str, b: str, month: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """The clusters between two actors (either direction), with one evidence sentence each.

    ``month`` (``2024-04``, or a year ``2024``) keeps one period; ``limit``
    keeps the newest so many. Newest first.
    """
    node_a, node_b = _pair(store, a, b)
    # One table (dyad_clusters, migration 005) holds each cluster's fields and
    # sentence per directed pair: joining a pair's thousands of cluster ids with
    # clusters, members and events cost ~300 ms at 100k articles.
    where = ["((source = ? AND target = ?) OR (source = ? AND target = ?))"]
    params: list[Any] = [node_a, node_b, node_b, node_a]
    if month:
        where.append(f"(period = ? OR period LIKE ? {LIKE_ESCAPE})")
        params += [month, f"{like_literal(month)}-%"]
    # A cluster whose actors and recipients both hold the two nodes has a row each
    # way; the two sort next to each other, so 2 * limit rows hold limit clusters.
    sql = (
        f"SELECT {', '.join(DYAD_CLUSTER_FIELDS)}, sentence_text FROM dyad_clusters "
        f"WHERE {' AND '.join(where)} ORDER BY date_first DESC NULLS LAST, id, source"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(2 * limit)
    rows, seen = [], set()
    for row in store.records(sql, params):
        if row["id"] not in seen:
            seen.add(row["id"])
            del row["date_first"]  # a sort key, not a field of the answer
            rows.append(row)
    return rows if limit is None else rows[:limit]


def _evidence(store: Store, event_ids: list[str]) -> dict[str, dict[str, Any]]:
    rows = store.records(
        "SELECT e.id AS event_id, e.doc_id, d.outlet, d.published, d.title, e.sentence_text, "
        "e.certainty, e.polarity, e.quantities FROM events e JOIN documents d ON d.id = e.doc_id "
        "WHERE e.id IN (SELECT unnest(?))",
        [event_ids],
    )
    return {r["event_id"]: r for r in rows}


def list_conflicts(store: Store, limit: int = 20) -> list[dict[str, Any]]:
    """Where sources disagree: each conflict with its cluster and the sentences side by side.

    Most-reported clusters first. Each value is ``{value, events: [{event_id,
    doc_id, outlet, published, title, sentence_text}]}``.
    """
    rows = store.records(
        'SELECT x.cluster_id, x.field, x.item, x."values", c.type, c.actor, c.recipient, '
        "c.date_start, c.n_outlets, c.status FROM conflicts x JOIN clusters c ON c.id = x.cluster_id "
        "ORDER BY c.n_outlets DESC, c.n_documents DESC, x.cluster_id, x.field LIMIT ?",
        [limit],
    )
    for row in rows:
        row["values"] = json.loads(row["values"])
    evidence = _evidence(store, [e for r in rows for v in r["values"] for e in v["events"]])
    for row in rows:
        for value in row["values"]:
            value["events"] = [evidence[e] for e in value["events"] if e in evidence]
    return _named(store, rows, "actor", "recipient")


def list_claims(
    store: Store, certainty: str | None = None, actor: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Claims (attributed or not plainly asserted events): who says so, where, and who else.

    ``actor`` keeps claims where that actor is on either side. Newest first.
    Raises UsageError for an unknown certainty, NotFoundError for an unknown actor.
    """
    where, params = ["TRUE"], []
    if certainty is not None:
        if certainty not in CERTAINTIES:
            raise UsageError(f"No certainty {certainty!r}. Choose from: {', '.join(CERTAINTIES)}")
        where.append("certainty = ?")
        params.append(certainty)
    if actor is not None:
        node = resolve_node(store, actor, load_map_knowledge())
        where.append("(list_contains(actor, ?) OR list_contains(recipient, ?))")
        params += [node, node]
    rows = store.records(
        f"SELECT * FROM claims WHERE {' AND '.join(where)} "
        "ORDER BY published DESC NULLS LAST, event_id LIMIT ?",
        [*params, limit],
    )
    return _named(store, rows, "actor", "recipient")


# -- exports ------------------------------------------------------------------------


def _iterate(store: Store, sql: str, batch: int) -> Iterator[dict[str, Any]]:
    cursor = store.execute(sql)
    names = [d[0] for d in cursor.description or []]
    while rows := cursor.fetchmany(batch):
        for row in rows:
            yield dict(zip(names, row, strict=True))


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
