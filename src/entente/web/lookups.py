"""In-memory read models the web app builds once from its read-only store.

The page's lists cross the 1M-row tables (events, event_nodes, cluster_members)
on string keys: the events of a graph edge or node under filters, the clusters
whose sentences match a search. In DuckDB each such join hashes a million ids,
100-500 ms at 100,000 articles. A served store cannot change (the app holds it
read-only, and DuckDB lets no other process write it meanwhile), so the app
joins them once at start into narrow tables of a private in-memory database
(~160 MB and a few seconds at 100k articles), and each request scans one of
those instead. Evidence text stays in the store: its compressed columns scan
faster than an uncompressed in-memory copy.

``query.py`` keeps the store-only versions of the same questions (the CLI's,
and the reference the tests compare these with).
"""

from __future__ import annotations

import json
import threading
from typing import Any

import duckdb
import pyarrow as pa

from entente import query
from entente.escaping import LIKE_ESCAPE, like_literal
from entente.query import EventFilters
from entente.store.db import DUCKDB_CONFIG, Store

# A text search keeps at most this many matching events (the first found in
# storage order) and says so: without a full-text index a substring search
# scans every sentence, and its matches feed a semi-join whose cost grows with them.
TEXT_CAP = 50_000

# Integer keys: a semi-join on 50,000 string ids over a million rows costs ~100 ms
# even in memory; on integers it is a few. ``rid`` is the event's rowid in the
# store (stable while the store is open read-only), ``cid`` its cluster's, and
# ``pos`` its place in the page order (newest first), so a page is a top-k on one int.
_BUILD = {
    # One row per event: what the page filters and orders on, its map nodes and cluster.
    # (Clusters partition events: an event is a member of at most one cluster.)
    "ev": """
        SELECT row_number() OVER (
                   ORDER BY e.date_first DESC NULLS LAST, e.doc_id, e.trigger_start, e.id
               ) AS pos,
               e.rowid AS rid, e.id, e.date_first, e.type, e.certainty, e.polarity,
               d.outlet, n.actor_nodes, n.recipient_nodes, cm.cluster_id, c.rowid AS cid,
               list_concat(e.actor_countries, e.actor_ids) AS actor_keys,
               list_concat(e.recipient_countries, e.recipient_ids) AS recipient_keys
        FROM events e
        LEFT JOIN event_nodes n ON n.event_id = e.id
        LEFT JOIN cluster_members cm ON cm.event_id = e.id
        LEFT JOIN clusters c ON c.id = cm.cluster_id
        LEFT JOIN documents d ON d.id = e.doc_id
    """,
    # The clusters behind each relation, with the cluster fields the filters read.
    "rc": """
        SELECT rc.source, rc.target, rc.kind, rc.cluster_id, c.rowid AS cid, c.date_first,
               c.type, c.certainty, c.polarity, c.outlets
        FROM relation_clusters rc JOIN clusters c ON c.id = rc.cluster_id
    """,
    # Conflicts with their cluster's fields, in the order the page lists them.
    "cx": """
        SELECT x.cluster_id, c.rowid AS cid, x.field, x.item, x."values", c.type, c.actor,
               c.recipient, c.date_start, c.date_first, c.certainty, c.polarity, c.outlets,
               c.n_outlets, c.n_documents, c.status
        FROM conflicts x JOIN clusters c ON c.id = x.cluster_id
    """,
    "dyad_ids": "SELECT DISTINCT cluster_id FROM cluster_dyads",
    "mention_counts": """
        SELECT actor_id, count(*)::BIGINT AS mentions, count(DISTINCT doc_id)::BIGINT AS documents
        FROM mentions WHERE actor_id IS NOT NULL GROUP BY actor_id
    """,
}


class WebLookups:
    """The in-memory tables; ``cursor()`` gives a request its own connection to them."""

    def __init__(self, store: Store) -> None:
        self.con = duckdb.connect(":memory:", config=DUCKDB_CONFIG)
        self._lock = threading.Lock()
        source = store.con.cursor()
        try:
            for name, sql in _BUILD.items():
                batch = source.sql(sql).to_arrow_table()
                self.con.register("batch", batch)
                self.con.execute(f"CREATE TABLE {name} AS SELECT * FROM batch")
                self.con.unregister("batch")
                del batch
        finally:
            source.close()
        # Each dyad cluster's first member: the event whose sentence dyad_clusters shows.
        self.con.execute(
            "CREATE TABLE first_event AS SELECT cluster_id, min(id) AS event_id FROM ev "
            "WHERE cluster_id IS NOT NULL AND cluster_id IN (SELECT cluster_id FROM dyad_ids) "
            "GROUP BY cluster_id"
        )

    def cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            return self.con.cursor()

    def close(self) -> None:
        self.con.close()


def text_matches(store: Store, q: str) -> tuple[pa.Table, bool]:
    """Rowids (column ``rid``) of events whose sentence contains ``q`` (any case),
    at most TEXT_CAP; and whether the cap cut them.

    As an Arrow table, registered with the in-memory cursor: binding 50,000
    ints as a Python list parameter costs ~100 ms, an Arrow column nothing.
    """
    found = store.execute(
        f"SELECT rowid AS rid FROM events WHERE sentence_text ILIKE ? {LIKE_ESCAPE} LIMIT ?",
        [query._like(q), TEXT_CAP + 1],
    ).fetchnumpy()["rid"]
    return pa.table({"rid": found[:TEXT_CAP]}), len(found) > TEXT_CAP


def _in(column: str, values: tuple[str, ...]) -> str:
    # A literal IN list is a pushed-down filter; list_contains(?, col) a function per row.
    return f"{column} IN ({', '.join('?' * len(values))})"


def _ev_where(filters: EventFilters, hits: bool) -> tuple[list[str], list[Any]]:
    """The filters on ``ev``; ``hits``: keep the events of the registered text matches."""
    where, params = [], []
    if filters.since:
        where.append("date_first >= ?")
        params.append(filters.since)
    if filters.until:
        where.append("date_first <= ?")
        params.append(filters.until)
    for column in ("type", "certainty", "outlet"):
        values = getattr(filters, {"type": "types", "outlet": "outlets"}.get(column, column))
        if values:
            where.append(_in(column, values))
            params += list(values)
    if filters.polarity:
        where.append("polarity = ?")
        params.append(filters.polarity)
    if hits:
        where.append("rid IN (SELECT rid FROM hits)")
    return where, params


def _cluster_where(filters: EventFilters, hits: bool = False) -> tuple[list[str], list[Any]]:
    """The filters on a table with cluster fields (date_first, type, ..., outlets, cid).

    ``hits``: keep the clusters one of whose sentences is among the registered text matches.
    """
    where, params = [], []
    if filters.since:
        where.append("date_first >= ?")
        params.append(filters.since)
    if filters.until:
        where.append("date_first <= ?")
        params.append(filters.until)
    if filters.types:
        where.append(_in("type", filters.types))
        params += list(filters.types)
    if filters.certainty:
        where.append(_in("certainty", filters.certainty))
        params += list(filters.certainty)
    if filters.polarity:
        where.append("polarity = ?")
        params.append(filters.polarity)
    if filters.outlets:
        where.append("list_has_any(outlets, ?::VARCHAR[])")
        params.append(list(filters.outlets))
    if hits:
        where.append("cid IN (SELECT cid FROM ev WHERE rid IN (SELECT rid FROM hits))")
    return where, params


def _search(
    store: Store, filters: EventFilters, cur: duckdb.DuckDBPyConnection
) -> tuple[bool, bool]:
    """Registers the text matches as ``hits`` on ``cur`` when there is a search:
    (searching, capped)."""
    if not filters.q:
        return False, False
    hits, capped = text_matches(store, filters.q)
    cur.register("hits", hits)
    return True, capped


def event_page(
    store: Store,
    lookups: WebLookups,
    filters: EventFilters,
    *,
    actor: str | None = None,
    recipient: str | None = None,
    edge: str | None = None,
    node: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """``query.event_page`` over the in-memory events.

    ``actor`` and ``recipient`` must be an actor id or country code here
    (``exact_actor``); part of a name needs the store's ``query.event_page``.

    Adds ``search_truncated`` (the text search kept only TEXT_CAP matches) and,
    on each record, ``nodes``: the event's map actor and recipient (the dyad its
    cluster was built on, which for a passive sentence comes from its context).
    """
    cur = lookups.cursor()
    try:
        searching, capped = _search(store, filters, cur)
        where, params = _ev_where(filters, searching)
        if edge:
            source, target, kind = query.parse_edge(edge)
            where.append("cid IN (SELECT cid FROM rc WHERE source = ? AND target = ? AND kind = ?)")
            params += [source, target, kind]
        for side, value in (("actor", actor), ("recipient", recipient)):
            if value:
                where.append(f"(list_contains({side}_keys, ?) OR list_contains({side}_keys, ?))")
                params += [value.upper(), value]
        if node:
            where.append("(list_contains(actor_nodes, ?) OR list_contains(recipient_nodes, ?))")
            params += [node, node]
        condition = " AND ".join(where) or "TRUE"
        # Two scans of one table: the count, and a top-k on the page position
        # (one scan with count(*) OVER () or min_by over structs cost 2-3x more).
        (total,) = cur.execute(f"SELECT count(*) FROM ev WHERE {condition}", params).fetchone() or (
            0,
        )
        rows = cur.execute(
            f"SELECT id, actor_nodes, recipient_nodes FROM ev WHERE {condition} "
            "ORDER BY pos LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
    finally:
        cur.close()
    records = query._records_of(store, [r[0] for r in rows])
    nodes = {r[0]: (r[1] or [], r[2] or []) for r in rows}
    names = readable_names(store, {n for a, b in nodes.values() for n in (*a, *b)})
    for record in records:
        actor_nodes, recipient_nodes = nodes.get(record["id"], ([], []))
        record["nodes"] = {
            "actor": [{"id": n, "name": names[n]} for n in actor_nodes],
            "recipient": [{"id": n, "name": names[n]} for n in recipient_nodes],
        }
    return {
        "events": records,
        "total": total,
        "limit": limit,
        "offset": offset,
        "search_truncated": capped,
    }


def exact_actor(store: Store, value: str | None) -> bool:
    """Whether ``value`` is empty or an actor id or country code (no name search needed)."""
    if not value:
        return True
    return bool(
        store.fetchone(
            "SELECT 1 FROM actors WHERE id = ? OR country = ? LIMIT 1", [value, value.upper()]
        )
    )


def readable_names(store: Store, nodes: set[str] | list[str]) -> dict[str, str]:
    """Display names of map nodes: the actor's name, else a readable form of the id."""
    from entente.consolidate.queries import node_names

    return {n: query.readable_name(n, name) for n, name in node_names(store, nodes).items()}


def graph(
    store: Store, lookups: WebLookups, filters: EventFilters, limit: int = 60
) -> dict[str, Any]:
    """``query.graph`` with the filters counted on the in-memory relation clusters."""
    if filters.empty:
        answer = query.graph(store, filters, limit=limit)
        answer["search_truncated"] = False
        return answer
    cur = lookups.cursor()
    try:
        searching, capped = _search(store, filters, cur)
        where, params = _cluster_where(filters, searching)
        matching = {
            (s, t, k): n
            for s, t, k, n in cur.execute(
                f"SELECT source, target, kind, count(*) FROM rc WHERE {' AND '.join(where)} "
                "GROUP BY ALL",
                params,
            ).fetchall()
        }
    finally:
        cur.close()
    answer = query.graph(store, filters, limit=limit, matching=matching)
    answer["search_truncated"] = capped
    return answer


def conflicts(
    store: Store, lookups: WebLookups, filters: EventFilters, limit: int = 20
) -> tuple[list[dict[str, Any]], bool]:
    """``query.filtered_conflicts`` over the in-memory conflicts; and whether the search was capped."""
    cur = lookups.cursor()
    try:
        searching, capped = _search(store, filters, cur)
        where, params = _cluster_where(filters, searching)
        result = cur.execute(
            'SELECT cluster_id, field, item, "values", type, actor, recipient, date_start, '
            f"n_outlets, status FROM cx WHERE {' AND '.join(where) or 'TRUE'} "
            "ORDER BY n_outlets DESC, n_documents DESC, cluster_id, field LIMIT ?",
            [*params, limit],
        )
        names = [d[0] for d in result.description or []]
        rows = [dict(zip(names, r, strict=True)) for r in result.fetchall()]
    finally:
        cur.close()
    for row in rows:
        row["values"] = json.loads(row["values"])
    evidence = query._evidence_of(
        store, [e for r in rows for v in r["values"] for e in v["events"]]
    )
    for row in rows:
        for value in row["values"]:
            value["events"] = [evidence[e] for e in value["events"] if e in evidence]
    return query._names_of(store, rows), capped


def first_events(lookups: WebLookups, cluster_ids: list[str]) -> dict[str, str]:
    """Each cluster's smallest member event id (the one whose sentence the dyad lists show)."""
    if not cluster_ids:
        return {}
    cur = lookups.cursor()
    try:
        return dict(
            cur.execute(
                "SELECT cluster_id, event_id FROM first_event "
                "WHERE cluster_id IN (SELECT unnest(?::VARCHAR[]))",
                [cluster_ids],
            ).fetchall()
        )
    finally:
        cur.close()


def mention_counts(lookups: WebLookups, actor_ids: list[str]) -> dict[str, tuple[int, int]]:
    """Mentions and documents naming each actor id."""
    if not actor_ids:
        return {}
    cur = lookups.cursor()
    try:
        return {
            a: (m, d)
            for a, m, d in cur.execute(
                "SELECT actor_id, mentions, documents FROM mention_counts "
                "WHERE actor_id IN (SELECT unnest(?::VARCHAR[]))",
                [actor_ids],
            ).fetchall()
        }
    finally:
        cur.close()


def dyad_events(
    store: Store,
    lookups: WebLookups,
    a: str,
    b: str,
    filters: EventFilters,
    month: str | None = None,
    limit: int = 200,
) -> dict[str, Any]:
    """The clusters between two actors (either direction), newest first, under the filters.

    ``consolidate.queries.dyad_events`` rows plus ``event_id`` (the member whose
    sentence is ``sentence_text``, for the reader) and the node names; at most
    ``limit`` of ``total``. The filters read the cluster's own fields (its date,
    type, certainty, polarity, outlets) and its listed sentence.
    """
    from entente.consolidate.clusters import DYAD_CLUSTER_FIELDS
    from entente.consolidate.queries import _pair

    node_a, node_b = _pair(store, a, b)
    where = ["((source = ? AND target = ?) OR (source = ? AND target = ?))"]
    params: list[Any] = [node_a, node_b, node_b, node_a]
    if month:
        where.append(f"(period = ? OR period LIKE ? {LIKE_ESCAPE})")
        params += [month, f"{like_literal(month)}-%"]
    # The filters but q, on the cluster's own fields; q on its listed sentence.
    more, more_params = _cluster_where(filters)
    where += more
    params += more_params
    if filters.q:
        where.append(f"sentence_text ILIKE ? {LIKE_ESCAPE}")
        params.append(query._like(filters.q))
    # A cluster whose actors and recipients both hold the two nodes has a row each
    # way: keep one per id (the first in order) before counting and paging.
    fields = ", ".join(DYAD_CLUSTER_FIELDS)
    result = store.execute(
        f"SELECT {fields}, sentence_text, count(*) OVER () AS total FROM ("
        f"SELECT {fields}, sentence_text FROM dyad_clusters WHERE {' AND '.join(where)} "
        "QUALIFY row_number() OVER (PARTITION BY id ORDER BY source) = 1) "
        "ORDER BY date_first DESC NULLS LAST, id LIMIT ?",
        [*params, limit],
    )
    names = [d[0] for d in result.description or []]
    rows = [dict(zip(names, r, strict=True)) for r in result.fetchall()]
    total = rows[0]["total"] if rows else 0
    firsts = first_events(lookups, [r["id"] for r in rows])
    for row in rows:
        del row["date_first"], row["total"]
        row["event_id"] = firsts.get(row["id"])
    rows = query._names_of(store, rows)
    return {"clusters": rows, "total": total, "truncated": total > len(rows)}
