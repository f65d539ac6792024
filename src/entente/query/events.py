"""Events: the public record, a filtered page of them, one event, the timeline, the overview.

Each question is answered from the store; a read-only server may attach an
in-memory read model to its store (``query.memory``) that answers the filtered
page faster, with the same rows.
"""

from __future__ import annotations

import json
from typing import Any

from entente.errors import NotFoundError
from entente.query.filters import (
    EventFilters,
    EventSelection,
    actor_where,
    check_actor_known,
    is_exact_actor,
    parse_edge,
)
from entente.query.names import display_names
from entente.store.db import Store
from entente.vocabulary import event_types

# The events' own columns that make the public record; the document's come by key.
EVENT_COLUMNS = (
    "e.id, e.type, e.mode, e.score, e.actor, e.recipient, e.date_start, e.date_end, "
    "e.date_precision, e.date_basis, e.certainty, e.polarity, e.tense, e.attributed_to, "
    "e.quantities, e.sentence_text, e.sentence_start, e.sentence_end, e.trigger, "
    "e.trigger_start, e.trigger_end, e.confidence, e.doc_id"
)
PAGE_ORDER = "ORDER BY e.date_first DESC NULLS LAST, e.doc_id, e.trigger_start, e.id"


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event (its columns, with its document's) as the public event record of DESIGN.md."""

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
        else {k: attributed.get(k) for k in ("name", "country", "sector", "cue", "actor_id")},
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


def records_of(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    """Public event records (with their quad) for these ids, in this order."""
    return _records(store, _event_rows(store, ids))


def _event_rows(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    """The events' own columns (``EVENT_COLUMNS``) for these ids, in this order."""
    if not ids:
        return []
    if len(ids) == 1:
        rows = store.records(f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.id = ?", ids)
    else:
        rows = store.records(
            f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.id IN (SELECT unnest(?))", [ids]
        )
    by_id = {row["id"]: row for row in rows}
    return [by_id[i] for i in ids if i in by_id]


def _records(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Public event records (with their quad) from event rows, in their order."""
    if not rows:
        return []
    # Events first, then their documents by key: joining the two in one query
    # made DuckDB hash-join all 100,000 documents (~200 ms at 100k articles).
    docs = sorted({r["doc_id"] for r in rows})
    documents = {
        d["id"]: d
        for d in store.records(
            "SELECT id, source, outlet, title, published FROM documents "
            + ("WHERE id = ?" if len(docs) == 1 else "WHERE id IN (SELECT unnest(?))"),
            docs if len(docs) == 1 else [docs],
        )
    }
    quads = event_types()
    records = []
    for row in rows:
        document = documents.get(row["doc_id"], {})
        row = {**row, **{k: document.get(k) for k in ("source", "outlet", "title", "published")}}
        records.append({**event_record(row), "quad": quads.get(row["type"])})
    return records


def event_page(
    store: Store,
    filters: EventFilters,
    *,
    actor: str | None = None,
    recipient: str | None = None,
    edge: str | None = None,
    node: str | None = None,
    limit: int = 50,
    offset: int = 0,
    count: bool = True,
) -> dict[str, Any]:
    """A page of event records by their own date (newest first), with the count of all matches.

    ``actor`` and ``recipient`` take a country code, an actor id or part of a
    name; ``edge`` (``source|target|kind``) keeps the events of the clusters
    behind a relation, ``node`` the events where a map node is actor or
    recipient. Each record carries ``nodes``: its map actor and recipient (the
    dyad its cluster was built on, which for a passive sentence comes from its
    context). ``search_truncated`` says a text search kept only its first
    matches (the read model's cap). Without ``count`` the store only finds the
    page (``total`` is None): counting every match of a broad filter costs more
    than the page. Raises UsageError for a bad edge, NotFoundError for a side
    that names no actor.
    """
    selection = EventSelection(filters, actor, recipient, edge, node, limit, offset, count)
    model = store.read_model
    wanted = bool(actor or recipient or edge or node or not filters.empty)
    # The read model answers every filter by scanning one table; the store
    # answers part of a name (matched in the events' JSON) and the unfiltered
    # page (a top-k of the events table).
    if (
        model is not None
        and wanted
        and is_exact_actor(store, actor)
        and is_exact_actor(store, recipient)
    ):
        found = model.event_page(store, selection)
        total, rows, nodes, capped = (
            found.total,
            _event_rows(store, found.ids),
            found.nodes,
            found.capped,
        )
    else:
        total, rows = _page_in_store(store, selection)
        nodes, capped = event_nodes(store, [row["id"] for row in rows]), False
    if not rows and not total:
        # Nothing found: say so when it is because a side names no actor at all.
        for value in (actor, recipient):
            if value:
                check_actor_known(store, value)
    records = _records(store, rows)
    names = display_names(store, {n for a, b in nodes.values() for n in (*a, *b)})
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


def candidate_page(
    store: Store,
    filters: EventFilters,
    *,
    actor: str | None = None,
    recipient: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """A page of the events kept as candidates (``event_candidates``: below the
    confidence floor, out of the map), by their own date, newest first, with
    the count of all matches. Each record is the public event record plus
    ``reason``, why it is a candidate. Same filters as ``event_page`` except
    the map's (edge, node)."""
    where, params = filters.events_where("e")
    for side, value in (("actor", actor), ("recipient", recipient)):
        if value:
            clause, more = actor_where(store, side, value)
            where.append(clause)
            params += more
    condition = f"WHERE {' AND '.join(where)}" if where else ""
    (total,) = store.fetchone(f"SELECT count(*) FROM event_candidates e {condition}", params) or (
        0,
    )
    rows = store.records(
        f"SELECT {EVENT_COLUMNS}, e.reason FROM event_candidates e {condition} {PAGE_ORDER} "
        "LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    records = _records(store, rows)
    for record, row in zip(records, rows, strict=True):
        record["reason"] = row["reason"]
    return {"events": records, "total": total, "limit": limit, "offset": offset}


def _page_in_store(
    store: Store, selection: EventSelection
) -> tuple[int | None, list[dict[str, Any]]]:
    """The count of matching events (None unless counted) and the rows of the page
    (``EVENT_COLUMNS``), from the store alone."""
    where, params = selection.filters.events_where("e")
    for side, value in (("actor", selection.actor), ("recipient", selection.recipient)):
        if value:
            clause, more = actor_where(store, side, value)
            where.append(clause)
            params += more
    if selection.edge:
        source, target, kind = parse_edge(selection.edge)
        where.append(
            "e.id IN (SELECT m.event_id FROM cluster_members m WHERE m.cluster_id IN "
            "(SELECT cluster_id FROM relation_clusters WHERE source = ? AND target = ? "
            "AND kind = ?))"
        )
        params += [source, target, kind]
    if selection.node:
        where.append(
            "e.id IN (SELECT event_id FROM event_nodes "
            "WHERE list_contains(actor_nodes, ?) OR list_contains(recipient_nodes, ?))"
        )
        params += [selection.node, selection.node]
    limit, offset = selection.limit, selection.offset
    if selection.counted and where:
        # The matches once (materialised), then their count and the page: running
        # the filter twice (page, then count) doubled the cost of every selective one.
        count, rowids = store.fetchone(
            "WITH e AS MATERIALIZED (SELECT e.rowid AS r, e.id, e.date_first, e.doc_id, "
            f"e.trigger_start FROM events e WHERE {' AND '.join(where)}) "
            "SELECT (SELECT count(*) FROM e), "
            f"(SELECT coalesce(list(r), []) FROM (SELECT e.* FROM e {PAGE_ORDER} "
            "LIMIT ? OFFSET ?))",
            [*params, limit, offset],
        ) or (0, [])
        return count, _rows_at(store, rowids)
    if selection.actor or selection.recipient or selection.node:
        rows = _page_rows_matched_once(store, where, params, limit, offset)
    else:
        rows = _page_rows(store, where, params, limit, offset)
    if not selection.counted:
        return None, rows
    # No filter: the count is the table's, which DuckDB keeps as metadata.
    (count,) = store.fetchone("SELECT count(*) FROM events") or (0,)
    return count, rows


def _rows_at(store: Store, rowids: list[int]) -> list[dict[str, Any]]:
    """The rows (``EVENT_COLUMNS``) at these row ids of the events table, in page order.

    DuckDB fetches rows by row id directly; by ``id`` it first loads that key's
    index, which a new process (each CLI command) finds on disk.
    """
    if not rowids:
        return []
    return store.records(
        f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.rowid IN (SELECT unnest(?)) {PAGE_ORDER}",
        [rowids],
    )


def _page_rows(
    store: Store, where: list[str], params: list[Any], limit: int, offset: int
) -> list[dict[str, Any]]:
    """The rows (``EVENT_COLUMNS``) of one page of the events matching ``where``,
    without counting them, for filters on the events' own columns (or none).

    1. the page's date cutoff: a top-k on date_first alone (one column, and
    DuckDB's dynamic filter skips row groups older than the running cutoff);
    2. the page itself, sorted on four columns, among the events on or after
    that date only, with its columns. Sorting all matching events on four
    columns cost 15-90 ms of CPU at 100,000 articles (bench/queries.py).
    """
    if limit <= 0:
        return []
    condition = " AND ".join(where) or "TRUE"
    cutoff = store.fetchone(
        f"SELECT e.date_first FROM events e WHERE {condition} "
        "ORDER BY e.date_first DESC NULLS LAST LIMIT 1 OFFSET ?",
        [*params, limit + offset - 1],
    )
    if cutoff is not None and cutoff[0] is not None:
        # Every event of the page sorts at or before the (limit+offset)-th date.
        condition, params = f"{condition} AND e.date_first >= ?", [*params, cutoff[0]]
    return store.records(
        f"SELECT {EVENT_COLUMNS} FROM events e WHERE {condition} {PAGE_ORDER} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )


def _page_rows_matched_once(
    store: Store, where: list[str], params: list[Any], limit: int, offset: int
) -> list[dict[str, Any]]:
    """As ``_page_rows``, for filters on an actor, recipient or node, in one query:

    1. the matches' row ids and dates, materialised (the filter runs once);
    2. the page's date cutoff among them (the (limit+offset)-th date; none when
    fewer match or that one is undated);
    3. the page: the rows at the ids dated on or after the cutoff, sorted.

    ``_page_rows`` runs the filter twice (cutoff, then page). That costs little
    for a filter DuckDB pushes into its scan (type, date, certainty), but a list
    or text match is evaluated row by row: at 100,000 articles ``events --actor
    CODE`` took 49 ms of CPU (p50) from a new process that way, 32 ms this way,
    the same pages (20 codes drawn with seed 3); with the type, date and
    certainty filters this way cost up to twice as much, so they keep the other.
    """
    if limit <= 0:
        return []
    return store.records(
        "WITH m AS MATERIALIZED (SELECT e.rowid AS r, e.date_first FROM events e "
        f"WHERE {' AND '.join(where)}), "
        "cutoff AS (SELECT date_first FROM m ORDER BY date_first DESC NULLS LAST "
        "LIMIT 1 OFFSET ?) "
        f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.rowid IN (SELECT r FROM m WHERE "
        "(SELECT date_first FROM cutoff) IS NULL OR m.date_first >= (SELECT date_first FROM cutoff)) "
        f"{PAGE_ORDER} LIMIT ? OFFSET ?",
        [*params, limit + offset - 1, limit, offset],
    )


def event_nodes(store: Store, ids: list[str]) -> dict[str, tuple[list[str], list[str]]]:
    """Each event's map actor and recipient nodes, by event id."""
    if not ids:
        return {}
    # A literal list of keys is looked up in the index; a joined list was hashed.
    return {
        event_id: (actor_nodes or [], recipient_nodes or [])
        for event_id, actor_nodes, recipient_nodes in store.fetchall(
            "SELECT event_id, actor_nodes, recipient_nodes FROM event_nodes "
            f"WHERE event_id IN ({', '.join('?' * len(ids))})",
            ids,
        )
    }


def get_event(store: Store, event_id: str) -> dict[str, Any]:
    """One event record with its quad. Raises NotFoundError."""
    records = records_of(store, [event_id])
    if not records:
        raise NotFoundError(f"No event with id {event_id!r}. List events with: entente events")
    return records[0]


def timeline(store: Store, filters: EventFilters, limit: int = 2000) -> dict[str, Any]:
    """Monthly counts per quad class, and the events themselves when at most ``limit``."""
    where, params = filters.events_where("e")
    condition = " AND ".join(["e.date_first IS NOT NULL", *where])
    quads = event_types()
    buckets: dict[tuple[str, str], int] = {}
    total = 0
    # year*12+month groups on an integer; formatting the period per row costs 3x.
    for month, type_, n in store.fetchall(
        "SELECT year(e.date_first) * 12 + month(e.date_first) - 1 AS m, e.type, count(*) "
        f"FROM events e WHERE {condition} GROUP BY ALL",
        params,
    ):
        key = (f"{month // 12:04d}-{month % 12 + 1:02d}", quads.get(type_, "unknown"))
        buckets[key] = buckets.get(key, 0) + n
        total += n
    points: list[dict[str, Any]] = []
    if total <= limit:
        for row in store.records(
            "SELECT e.id, e.type, e.date_start, e.date_precision, e.date_first, "
            "json_extract_string(e.actor, '$[0].name') AS actor_name, "
            "json_extract_string(e.recipient, '$[0].name') AS recipient_name "
            f"FROM events e WHERE {condition} ORDER BY e.date_first, e.id LIMIT ?",
            [*params, limit],
        ):
            row["quad"] = quads.get(row["type"])
            row["date_first"] = row["date_first"].isoformat()
            points.append(row)
    return {
        "events": points,
        "buckets": [
            {"period": period, "quad": quad, "events": n}
            for (period, quad), n in sorted(buckets.items())
        ],
        "total": total,
        "truncated": total > limit,
    }


def overview(store: Store) -> dict[str, Any]:
    """What the store holds: counts, date span, outlets and event types."""
    documents, events, actors, clusters, relations, first, last = store.fetchone(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events), "
        "(SELECT count(*) FROM actors), (SELECT count(*) FROM clusters), "
        "(SELECT count(*) FROM relations), (SELECT min(date_first) FROM events), "
        "(SELECT max(date_first) FROM events)"
    ) or (0, 0, 0, 0, 0, None, None)
    outlets = [
        {"name": name, "documents": n}
        for name, n in store.fetchall(
            "SELECT outlet, count(*) AS n FROM documents WHERE outlet IS NOT NULL "
            "GROUP BY outlet ORDER BY n DESC, outlet"
        )
    ]
    published = store.fetchone(
        "SELECT min(published_date), max(published_date) FROM documents"
    ) or (None, None)
    counts = dict(store.fetchall("SELECT type, count(*) FROM events GROUP BY type"))
    types = [
        {"code": code, "name": code.capitalize(), "quad": quad, "events": counts.get(code, 0)}
        for code, quad in event_types().items()
    ]
    return {
        "documents": documents,
        "events": events,
        "actors": actors,
        "clusters": clusters,
        "relations": relations,
        "first_date": first.isoformat() if first else None,
        "last_date": last.isoformat() if last else None,
        # The articles' own span: what the page's header states. The events'
        # span reaches back and forward as far as the texts do (1507 to 2116 on
        # the 2017 corpus: history and misread dates), so it says little of the store.
        "first_published": published[0].isoformat() if published[0] else None,
        "last_published": published[1].isoformat() if published[1] else None,
        "outlets": outlets,
        "types": types,
        "empty": documents == 0,
    }
