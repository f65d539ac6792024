"""An in-memory read model a read-only server attaches to its store: an accelerator.

The page's lists cross the 1M-row tables (events, event_nodes, cluster_members)
on string keys: the events of a graph edge or node under filters, the clusters
whose sentences match a search. In DuckDB each such join hashes a million ids,
100-500 ms at 100,000 articles. A served store cannot change (the app holds it
read-only, and DuckDB lets no other process write it meanwhile), so the app
joins them once at start into narrow tables of a private in-memory database
(~160 MB and a few seconds at 100k articles), and each request scans one of
those instead. Evidence text stays in the store: its compressed columns scan
faster than an uncompressed in-memory copy.

This is not a second API: the query functions (``query.events``,
``query.map``, ``query.actors``) ask it for ids and counts when their store
holds one (``store.read_model``) and assemble the answer as they do without
it, so both ways give the same records.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from entente.escaping import contains_text
from entente.query.filters import EventFilters, EventSelection, parse_edge
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


@dataclass(frozen=True)
class EventPage:
    """What the read model finds for a page of events: the rest is read from the store."""

    total: int
    ids: list[str]
    nodes: dict[str, tuple[list[str], list[str]]]
    capped: bool


class ReadModel:
    """The in-memory tables over one read-only store; each call uses its own cursor."""

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

    def event_page(self, store: Store, selection: EventSelection) -> EventPage:
        """The matching events' count and the page's ids with their nodes.

        ``actor`` and ``recipient`` must be an actor id or country code here
        (``filters.is_exact_actor``): part of a name needs the store.
        """
        filters = selection.filters
        cur = self.cursor()
        try:
            searching, capped = _search(store, filters, cur)
            where, params = _ev_where(filters, searching)
            if selection.edge:
                source, target, kind = parse_edge(selection.edge)
                where.append(
                    "cid IN (SELECT cid FROM rc WHERE source = ? AND target = ? AND kind = ?)"
                )
                params += [source, target, kind]
            for side, value in (("actor", selection.actor), ("recipient", selection.recipient)):
                if value:
                    where.append(
                        f"(list_contains({side}_keys, ?) OR list_contains({side}_keys, ?))"
                    )
                    params += [value.upper(), value]
            if selection.node:
                where.append("(list_contains(actor_nodes, ?) OR list_contains(recipient_nodes, ?))")
                params += [selection.node, selection.node]
            condition = " AND ".join(where) or "TRUE"
            page = [*params, selection.limit, selection.offset]
            if selection.actor or selection.recipient or selection.node:
                # A list match (an actor's keys, a node) once: the matches' page
                # positions materialised, then their count and the page's, then the
                # page's rows by position. Two scans evaluated it twice: 60-70 -> 36 ms
                # of CPU for certainty=alleged,denied&actor=JPN at 100k articles.
                (total, positions) = cur.execute(
                    f"WITH m AS MATERIALIZED (SELECT pos FROM ev WHERE {condition}) "
                    "SELECT (SELECT count(*) FROM m), (SELECT coalesce(list(pos ORDER BY pos), "
                    "[]) FROM (SELECT pos FROM m ORDER BY pos LIMIT ? OFFSET ?))",
                    page,
                ).fetchone() or (0, [])
                rows = cur.execute(
                    "SELECT id, actor_nodes, recipient_nodes FROM ev "
                    "WHERE pos IN (SELECT unnest(?)) ORDER BY pos",
                    [positions],
                ).fetchall()
            else:
                # Two scans of one table: the count, and a top-k on the page position
                # (one scan with count(*) OVER () or min_by over structs cost 2-3x
                # more; materialising the matches, 2x for the unfiltered page).
                (total,) = cur.execute(
                    f"SELECT count(*) FROM ev WHERE {condition}", params
                ).fetchone() or (0,)
                rows = cur.execute(
                    f"SELECT id, actor_nodes, recipient_nodes FROM ev WHERE {condition} "
                    "ORDER BY pos LIMIT ? OFFSET ?",
                    page,
                ).fetchall()
        finally:
            cur.close()
        return EventPage(
            total=total,
            ids=[r[0] for r in rows],
            nodes={r[0]: (r[1] or [], r[2] or []) for r in rows},
            capped=capped,
        )

    def relation_matches(
        self, store: Store, filters: EventFilters
    ) -> tuple[dict[tuple[str, str, str], int], bool]:
        """Clusters matching the filters per relation (source, target, kind); and the cap."""
        cur = self.cursor()
        try:
            searching, capped = _search(store, filters, cur)
            where, params = _cluster_where(filters, searching)
            matching = {
                (s, t, k): n
                for s, t, k, n in cur.execute(
                    "SELECT source, target, kind, count(*) FROM rc "
                    f"WHERE {' AND '.join(where) or 'TRUE'} GROUP BY ALL",
                    params,
                ).fetchall()
            }
        finally:
            cur.close()
        return matching, capped

    def conflict_rows(
        self, store: Store, filters: EventFilters, limit: int
    ) -> tuple[list[dict[str, Any]], bool]:
        """The conflicts of the first ``limit`` clusters matching the filters, in the
        page's order; and the cap."""
        cur = self.cursor()
        try:
            searching, capped = _search(store, filters, cur)
            where, params = _cluster_where(filters, searching)
            result = cur.execute(
                'SELECT cluster_id, field, item, "values", type, actor, recipient, date_start, '
                f"n_outlets, status FROM cx WHERE {' AND '.join(where) or 'TRUE'} "
                "QUALIFY dense_rank() OVER (ORDER BY n_outlets DESC, n_documents DESC, "
                "cluster_id) <= ? "
                "ORDER BY n_outlets DESC, n_documents DESC, cluster_id, field",
                [*params, limit],
            )
            names = [d[0] for d in result.description or []]
            rows = [dict(zip(names, r, strict=True)) for r in result.fetchall()]
        finally:
            cur.close()
        return rows, capped

    def first_events(self, cluster_ids: list[str]) -> dict[str, str]:
        """Each cluster's smallest member event id (the one whose sentence the dyad lists show)."""
        return dict(self._by_key("SELECT cluster_id, event_id FROM first_event", cluster_ids))

    def mention_counts(self, actor_ids: list[str]) -> dict[str, tuple[int, int]]:
        """Mentions and documents naming each actor id."""
        rows = self._by_key("SELECT actor_id, mentions, documents FROM mention_counts", actor_ids)
        return {a: (m, d) for a, m, d in rows}

    def _by_key(self, select: str, keys: list[str]) -> list[tuple[Any, ...]]:
        if not keys:
            return []
        column = select.split()[1].rstrip(",")
        cur = self.cursor()
        try:
            return cur.execute(
                f"{select} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))", [keys]
            ).fetchall()
        finally:
            cur.close()


def text_matches(store: Store, q: str) -> tuple[pa.Table, bool]:
    """Rowids (column ``rid``) of events whose sentence contains ``q`` (any case),
    at most TEXT_CAP; and whether the cap cut them.

    As an Arrow table, registered with the in-memory cursor: binding 50,000
    ints as a Python list parameter costs ~100 ms, an Arrow column nothing.
    """
    found = store.execute(
        f"SELECT rowid AS rid FROM events WHERE {contains_text('sentence_text')} LIMIT ?",
        [q, TEXT_CAP + 1],
    ).fetchnumpy()["rid"]
    return pa.table({"rid": found[:TEXT_CAP]}), len(found) > TEXT_CAP


def _in(column: str, values: tuple[str, ...]) -> str:
    # A literal IN list is a pushed-down filter; list_contains(?, col) a function per row.
    return f"{column} IN ({', '.join('?' * len(values))})"


def _common_where(filters: EventFilters) -> tuple[list[str], list[Any]]:
    """The filters on date, type, certainty and polarity, on either in-memory table."""
    where, params = [], []
    if filters.since:
        where.append("date_first >= ?")
        params.append(filters.since)
    if filters.until:
        where.append("date_first <= ?")
        params.append(filters.until)
    for column, values in (("type", filters.types), ("certainty", filters.certainty)):
        if values:
            where.append(_in(column, values))
            params += list(values)
    if filters.polarity:
        where.append("polarity = ?")
        params.append(filters.polarity)
    return where, params


def _ev_where(filters: EventFilters, hits: bool) -> tuple[list[str], list[Any]]:
    """The filters on ``ev``; ``hits``: keep the events of the registered text matches."""
    where, params = _common_where(filters)
    if filters.outlets:
        where.append(_in("outlet", filters.outlets))
        params += list(filters.outlets)
    if hits:
        where.append("rid IN (SELECT rid FROM hits)")
    return where, params


def _cluster_where(filters: EventFilters, hits: bool = False) -> tuple[list[str], list[Any]]:
    """The filters on a table with cluster fields (date_first, type, ..., outlets, cid).

    ``hits``: keep the clusters one of whose sentences is among the registered text matches.
    """
    where, params = _common_where(filters)
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
