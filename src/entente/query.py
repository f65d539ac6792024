"""Read-only questions over the store. The CLI, the web API and exports all call these.

Every function takes an open ``Store`` and returns plain dicts (column name to
value), so each face formats the same answer its own way.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from entente.errors import DocumentNotFound, NotFoundError, UsageError
from entente.escaping import LIKE_ESCAPE, like_contains, like_literal
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
        where.append(f"(title ILIKE ? {LIKE_ESCAPE} OR text ILIKE ? {LIKE_ESCAPE})")
        params += [like_contains(search)] * 2
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
        f"SELECT {', '.join(DOCUMENT_FIELDS)}, text FROM documents WHERE id LIKE ? {LIKE_ESCAPE} LIMIT 2",
        [f"{like_literal(doc_id)}%"],
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
        where.append(f"(a.name ILIKE ? {LIKE_ESCAPE} OR list_contains(a.aliases, ?))")
        params += [like_contains(search), search]
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
            clause += f" OR e.{side}::VARCHAR ILIKE ? {LIKE_ESCAPE}"
            params.append(like_contains(value))
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
    if limit <= 0:
        return []
    where, params = _event_filters(store, actor, recipient, type, since, until, certainty, polarity)
    # 1. the page's date cutoff: a top-k on date_first alone (one column, and
    # DuckDB's dynamic filter skips row groups older than the running cutoff);
    # 2. the page itself, sorted on four columns, among the events on or after
    # that date only; 3. its events by key (the id index) and 4. their documents
    # by key. Sorting all filtered events on four columns, or fetching the rows
    # through an events-documents join (a scan of both tables), each cost
    # 15-90 ms of CPU at 100,000 articles (bench/queries.py).
    cutoff = store.fetchone(
        f"SELECT e.date_first FROM events e WHERE {' AND '.join(where)} "
        "ORDER BY e.date_first DESC NULLS LAST LIMIT 1 OFFSET ?",
        [*params, limit + offset - 1],
    )
    if cutoff is not None and cutoff[0] is not None:
        # Every event of the page sorts at or before the (limit+offset)-th date.
        where, params = [*where, "e.date_first >= ?"], [*params, cutoff[0]]
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
    return _event_records(store, ids)


def _event_records(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    """Public records of events by id, in the order given, fetched by key."""
    event_columns = [c.strip() for c in EVENT_COLUMNS.split(",") if c.strip().startswith("e.")]
    events = store.records(
        f"SELECT {', '.join(event_columns)}, e.doc_id FROM events e "
        "WHERE e.id IN (SELECT unnest(?))",
        [ids],
    )
    documents = {
        r["doc_id"]: r
        for r in store.records(
            "SELECT d.id AS doc_id, d.source, d.outlet, d.title, d.published FROM documents d "
            "WHERE d.id IN (SELECT unnest(?))",
            [list({e["doc_id"] for e in events})],
        )
    }
    rows = {e["id"]: {**e, **documents[e["doc_id"]]} for e in events}
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


# -- the web app's questions --------------------------------------------------------
#
# The page's shared filters apply to events (their own date, type, certainty,
# polarity, outlet, sentence) and, for the map views, to clusters (the agreed
# date, type, certainty, polarity, outlets). Each function answers with a bounded
# amount of work on the 100,000-article store: LIMITed pages, capped counts,
# aggregates grouped on indexed or narrow columns (bench/web_api.py times them).

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_WEB_CERTAINTIES = ("asserted", "reported", "alleged", "disputed", "denied")


@dataclass(frozen=True)
class EventFilters:
    """The page's shared filters, checked. Build with ``event_filters``."""

    since: date | None = None
    until: date | None = None
    types: tuple[str, ...] = ()
    certainty: tuple[str, ...] = ()
    polarity: str | None = None
    outlets: tuple[str, ...] = ()
    q: str | None = None

    @property
    def empty(self) -> bool:
        return self == EventFilters()

    def _shared_where(self, alias: str) -> tuple[list[str], list[Any]]:
        """Conditions on the columns events and clusters share: date, type, certainty, polarity."""
        where: list[str] = []
        params: list[Any] = []
        if self.since:
            where.append(f"{alias}.date_first >= ?")
            params.append(self.since)
        if self.until:
            where.append(f"{alias}.date_first <= ?")
            params.append(self.until)
        if self.types:
            where.append(f"list_contains(?::VARCHAR[], {alias}.type)")
            params.append(list(self.types))
        if self.certainty:
            where.append(f"list_contains(?::VARCHAR[], {alias}.certainty)")
            params.append(list(self.certainty))
        if self.polarity:
            where.append(f"{alias}.polarity = ?")
            params.append(self.polarity)
        return where, params

    def events_where(self, alias: str = "e") -> tuple[list[str], list[Any]]:
        """SQL conditions on the events table (``alias``) and their parameters."""
        where, params = self._shared_where(alias)
        if self.outlets:
            where.append(
                f"{alias}.doc_id IN (SELECT id FROM documents WHERE list_contains(?::VARCHAR[], outlet))"
            )
            params.append(list(self.outlets))
        if self.q:
            where.append(f"{alias}.sentence_text ILIKE ? {LIKE_ESCAPE}")
            params.append(_like(self.q))
        return where, params

    def clusters_where(
        self, store: Store, alias: str = "c", scope: str | None = None
    ) -> tuple[list[str], list[Any]]:
        """SQL conditions on the clusters table: the map's view of the same filters.

        ``scope`` (a query of cluster ids) bounds the text search to the clusters
        the caller can show (those behind relations, those with conflicts).
        """
        where, params = self._shared_where(alias)
        if self.outlets:
            where.append(f"list_has_any({alias}.outlets, ?)")
            params.append(list(self.outlets))
        if self.q:
            # A cluster matches when one of its sentences does. In steps, each a
            # scan of one table: as one nested subquery DuckDB joined
            # cluster_members with events (~100 ms at 100k articles).
            where.append(f"{alias}.id IN (SELECT unnest(?))")
            params.append(self._text_clusters(store, scope))
        return where, params

    def _text_clusters(self, store: Store, scope: str | None) -> list[str]:
        members = "cluster_members" + (f" WHERE cluster_id IN ({scope})" if scope else "")
        return [
            r[0]
            for r in store.fetchall(
                f"WITH m AS (SELECT cluster_id, event_id FROM {members}) "
                "SELECT DISTINCT m.cluster_id FROM m WHERE m.event_id IN "
                f"(SELECT id FROM events WHERE sentence_text ILIKE ? {LIKE_ESCAPE})",
                [_like(self.q or "")],
            )
        ]


def period_overlaps(period: str, filters: EventFilters) -> bool:
    """Whether a period (YYYY, YYYY-MM or YYYY-MM-DD) overlaps the filters' date range."""
    first = _parse_day(period, "period", last=False)
    last = _parse_day(period, "period", last=True)
    return (filters.since is None or last >= filters.since) and (
        filters.until is None or first <= filters.until
    )


def _like(text: str) -> str:
    """A pattern for ``ILIKE ? {LIKE_ESCAPE}``: values containing ``text``."""
    return like_contains(text)


def _parse_day(value: str, name: str, last: bool) -> date:
    """``2024``, ``2024-04`` or ``2024-04-13`` as its first (or last) day."""
    text = value.strip()
    if not _DATE.match(text):
        raise UsageError(f"{name}={value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD.")
    parts = [int(p) for p in text.split("-")]
    try:
        if len(parts) == 3:
            return date(*parts)
        if len(parts) == 2:
            first = date(parts[0], parts[1], 1)
            if not last:
                return first
            return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        return date(parts[0], 12, 31) if last else date(parts[0], 1, 1)
    except ValueError as exc:
        raise UsageError(f"{name}={value!r} is not a real date ({exc}).") from exc


# Outlets one filter may name: each is matched against every event's outlet,
# and 12,000 of them cost 2 s a request (issue 18); a reader picks a few.
MAX_FILTER_OUTLETS = 100


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.strip() for p in (value or "").split(",") if p.strip()))


def event_types() -> dict[str, str]:
    """Every PLOVER type entente codes, with its quad class (``verbal_coop``, ...)."""
    from entente.consolidate.knowledge import load_map_knowledge

    return {t: q.replace("-", "_") for t, q in load_map_knowledge().quads.items()}


def event_filters(
    since: str | None = None,
    until: str | None = None,
    types: str | None = None,
    certainty: str | None = None,
    polarity: str | None = None,
    outlets: str | None = None,
    q: str | None = None,
) -> EventFilters:
    """The shared filters from their text form (comma lists). Raises UsageError."""
    first = _parse_day(since, "since", last=False) if since else None
    last = _parse_day(until, "until", last=True) if until else None
    if first and last and first > last:
        raise UsageError(f"since={since} is after until={until}: swap them.")
    known = event_types()
    codes = tuple(t.upper() for t in _split(types))
    unknown = [t for t in codes if t not in known]
    if unknown:
        raise UsageError(
            f"No event type {', '.join(unknown)}. Choose from: {', '.join(sorted(known))}."
        )
    certainties = _split(certainty)
    bad = [c for c in certainties if c not in _WEB_CERTAINTIES]
    if bad:
        raise UsageError(
            f"No certainty {', '.join(bad)}. Choose from: {', '.join(_WEB_CERTAINTIES)}."
        )
    if polarity and polarity not in ("positive", "negative"):
        raise UsageError(f"polarity={polarity!r}: choose positive or negative.")
    text = (q or "").strip() or None
    if text and len(text) > 200:
        raise UsageError("q is longer than 200 characters: search for a shorter phrase.")
    outlet_names = _split(outlets)
    if len(outlet_names) > MAX_FILTER_OUTLETS:
        raise UsageError(
            f"outlets names {len(outlet_names):,} outlets; at most {MAX_FILTER_OUTLETS} "
            "can filter one request."
        )
    return EventFilters(first, last, codes, certainties, polarity or None, outlet_names, text)


def _with_quad(record: dict[str, Any], quads: dict[str, str]) -> dict[str, Any]:
    record["quad"] = quads.get(record["type"])
    return record


_EVENT_ONLY_COLUMNS = (
    "e.id, e.type, e.mode, e.score, e.actor, e.recipient, e.date_start, e.date_end, "
    "e.date_precision, e.date_basis, e.certainty, e.polarity, e.tense, e.attributed_to, "
    "e.quantities, e.sentence_text, e.sentence_start, e.sentence_end, e.trigger, "
    "e.trigger_start, e.trigger_end, e.confidence, e.doc_id"
)


def _records_of(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    """Public event records (with quad) for these ids, in this order."""
    if not ids:
        return []
    # Events by key, then their documents by key: joining the two in one query
    # made DuckDB hash-join all 100,000 documents (~200 ms at 100k articles).
    columns = _EVENT_ONLY_COLUMNS
    if len(ids) == 1:
        rows = store.records(f"SELECT {columns} FROM events e WHERE e.id = ?", ids)
    else:
        rows = store.records(
            f"SELECT {columns} FROM events e WHERE e.id IN (SELECT unnest(?))", [ids]
        )
    docs = sorted({r["doc_id"] for r in rows})
    documents = {
        d["id"]: d
        for d in store.records(
            "SELECT id, source, outlet, title, published FROM documents "
            + ("WHERE id = ?" if len(docs) == 1 else "WHERE id IN (SELECT unnest(?))"),
            docs if len(docs) == 1 else [docs],
        )
    }
    by_id = {}
    for row in rows:
        document = documents.get(row["doc_id"], {})
        row.update({k: document.get(k) for k in ("source", "outlet", "title", "published")})
        by_id[row["id"]] = row
    quads = event_types()
    return [_with_quad(event_record(by_id[i]), quads) for i in ids if i in by_id]


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
    counts = dict(store.fetchall("SELECT type, count(*) FROM events GROUP BY type"))
    quads = event_types()
    types = [
        {"code": code, "name": code.capitalize(), "quad": quad, "events": counts.get(code, 0)}
        for code, quad in quads.items()
    ]
    return {
        "documents": documents,
        "events": events,
        "actors": actors,
        "clusters": clusters,
        "relations": relations,
        "first_date": first.isoformat() if first else None,
        "last_date": last.isoformat() if last else None,
        "outlets": outlets,
        "types": types,
        "empty": documents == 0,
    }


def _node_info(store: Store, nodes: Iterable[str]) -> dict[str, dict[str, Any]]:
    ids = sorted(set(nodes))
    rows = store.records(
        "SELECT id, name, kind, country, sector FROM actors WHERE id IN (SELECT unnest(?))", [ids]
    )
    found = {r["id"]: r for r in rows}
    info = {
        i: found.get(i) or {"id": i, "name": None, "kind": None, "country": None, "sector": None}
        for i in ids
    }
    for i, row in info.items():
        row["name"] = readable_name(i, row["name"])
    return info


def readable_name(node: str, name: str | None) -> str:
    """A node's name for display: ``name`` unless missing or only the raw id.

    Actors met in text have ids like ``x-ali-khamenei`` and may have no actor
    row (merged away, or a node built from a name): they read "Ali Khamenei".
    """
    if name and name != node:
        return name
    if node.startswith("x-"):
        return " ".join(w.capitalize() for w in node[2:].replace("_", "-").split("-") if w) or node
    return name or node


def graph(
    store: Store,
    filters: EventFilters,
    limit: int = 60,
    matching: dict[tuple[str, str, str], int] | None = None,
) -> dict[str, Any]:
    """The map as a graph: relations strongest first (at most ``limit``) and their nodes.

    Under filters an edge keeps the clusters that match, and its strength is
    scaled by the share of its clusters that do; a node's activity is the
    clusters of every matching relation it takes part in (shown or not).
    ``matching`` (clusters matching the filters per relation) may come from
    the caller, who counted them elsewhere (the web app's in-memory lookups).
    """
    relations = store.records(
        "SELECT source, target, kind, certainty, strength, n_clusters, first_seen, last_seen "
        "FROM relations"
    )
    if not filters.empty and matching is None:
        where, params = filters.clusters_where(
            store, "c", "SELECT cluster_id FROM relation_clusters"
        )
        matching = {
            (s, t, k): n
            for s, t, k, n in store.fetchall(
                "SELECT rc.source, rc.target, rc.kind, count(*) FROM relation_clusters rc "
                "JOIN clusters c ON c.id = rc.cluster_id "
                f"WHERE {' AND '.join(where)} GROUP BY ALL",
                params,
            )
        }
    if not filters.empty and matching is not None:
        kept = []
        for r in relations:
            n = matching.get((r["source"], r["target"], r["kind"]), 0)
            if n:
                r["strength"] = r["strength"] * n / max(r["n_clusters"], n)
                r["n_clusters"] = n
                kept.append(r)
        relations = kept
    relations.sort(key=lambda r: (-r["strength"], r["source"], r["target"], r["kind"]))
    activity: dict[str, int] = {}
    for r in relations:
        for node in {r["source"], r["target"]}:
            activity[node] = activity.get(node, 0) + r["n_clusters"]
    shown = relations[:limit]
    info = _node_info(store, [n for r in shown for n in (r["source"], r["target"])])
    nodes = sorted(
        ({**info[n], "activity": activity[n]} for n in info),
        key=lambda n: (-n["activity"], n["id"]),
    )
    edges = [
        {
            "id": f"{r['source']}|{r['target']}|{r['kind']}",
            "source": r["source"],
            "target": r["target"],
            "kind": r["kind"],
            "certainty": r["certainty"],
            "strength": round(r["strength"], 4),
            "clusters": r["n_clusters"],
            "first_seen": r["first_seen"],
            "last_seen": r["last_seen"],
            "source_name": info[r["source"]]["name"],
            "target_name": info[r["target"]]["name"],
        }
        for r in shown
    ]
    return {"nodes": nodes, "edges": edges, "truncated": len(relations) > limit}


def parse_edge(edge: str) -> tuple[str, str, str]:
    """``source|target|kind`` as the graph names an edge. Raises UsageError."""
    parts = edge.split("|")
    if len(parts) != 3 or not all(parts):
        raise UsageError(f"edge={edge!r}: write it as source|target|kind, e.g. IRN|RUS|backs.")
    return parts[0], parts[1], parts[2]


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
) -> dict[str, Any]:
    """A page of event records (newest first) with the count of all matches.

    ``edge`` keeps the events of the clusters behind a relation, ``node`` the
    events where a map node is actor or recipient.
    """
    base, params = _event_filters(store, actor, recipient, None, None, None, None, None)
    where, more = filters.events_where("e")
    where, params = [*base, *where], [*params, *more]
    if edge:
        source, target, kind = parse_edge(edge)
        where.append(
            "e.id IN (SELECT m.event_id FROM cluster_members m WHERE m.cluster_id IN "
            "(SELECT cluster_id FROM relation_clusters WHERE source = ? AND target = ? "
            "AND kind = ?))"
        )
        params += [source, target, kind]
    if node:
        where.append(
            "e.id IN (SELECT event_id FROM event_nodes "
            "WHERE list_contains(actor_nodes, ?) OR list_contains(recipient_nodes, ?))"
        )
        params += [node, node]
    condition = " AND ".join(where)
    order = "ORDER BY e.date_first DESC NULLS LAST, e.doc_id, e.trigger_start, e.id"
    if len(where) == 1:
        # No filter: the page is a top-k of the events table; its count is metadata.
        ids = [
            r[0]
            for r in store.fetchall(
                f"SELECT e.id FROM events e {order} LIMIT ? OFFSET ?", [limit, offset]
            )
        ]
        (count,) = store.fetchone("SELECT count(*) FROM events") or (0,)
    else:
        # The matches once (materialised), then their count and the page: running
        # the filter twice (page, then count) doubled the cost of every selective one.
        count, ids = store.fetchone(
            "WITH e AS MATERIALIZED (SELECT e.id, e.date_first, e.doc_id, e.trigger_start "
            f"FROM events e WHERE {condition}) "
            "SELECT (SELECT count(*) FROM e), "
            "(SELECT coalesce(list(id ORDER BY date_first DESC NULLS LAST, doc_id, "
            f"trigger_start, id), []) FROM (SELECT e.* FROM e {order} LIMIT ? OFFSET ?))",
            [*params, limit, offset],
        ) or (0, [])
    return {
        "events": _records_of(store, ids),
        "total": count,
        "limit": limit,
        "offset": offset,
    }


def get_event(store: Store, event_id: str) -> dict[str, Any]:
    """One event record with its quad. Raises NotFoundError."""
    records = _records_of(store, [event_id])
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


def find_actors(store: Store, q: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
    """Actors for a picker: exact id or country code first, then by activity on the map.

    ``events`` counts the clusters the actor's map node takes part in (dyad
    periods, both directions); ``mentions`` is None here because counting the
    mentions table per request costs more than the page can wait at 100k articles.
    """
    where, params = ["TRUE"], []
    text = (q or "").strip()
    if text:
        where.append(
            f"(a.id = ? OR a.country = upper(?) OR a.name ILIKE ? {LIKE_ESCAPE} "
            "OR list_contains(string_split(lower(array_to_string(a.aliases, chr(31))), chr(31)), "
            "lower(?)))"
        )
        params += [text, text, _like(text), text]
    rows = store.records(
        "WITH act AS (SELECT n, sum(events) AS events, sum(documents) AS documents FROM ("
        "SELECT source AS n, events, len(documents) AS documents FROM dyad_periods "
        "UNION ALL SELECT target, events, len(documents) FROM dyad_periods) GROUP BY n) "
        "SELECT a.id, a.name, a.kind, a.country, a.sector, "
        "coalesce(act.events, 0)::BIGINT AS events, coalesce(act.documents, 0)::BIGINT AS documents "
        f"FROM actors a LEFT JOIN act ON act.n = a.id WHERE {' AND '.join(where)} "
        "ORDER BY (a.id = ? OR (a.country = upper(?) AND a.kind = 'state')) DESC, "
        "events DESC, a.name LIMIT ?",
        [*params, text, text, limit],
    )
    for row in rows:
        row["mentions"] = None
    return rows


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
    document["events"] = _records_of(store, ids)
    return document


def _evidence_of(store: Store, event_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The sentence and document of each event, by key (no events-documents join)."""
    if not event_ids:
        return {}
    ids = sorted(set(event_ids))
    # A literal list of keys is looked up in the primary-key index; a joined list
    # (IN (SELECT unnest(?))) was hashed against all events (~50 ms at 100k articles).
    rows = store.records(
        "SELECT id AS event_id, doc_id, sentence_text FROM events "
        f"WHERE id IN ({', '.join('?' * len(ids))})",
        ids,
    )
    documents = {
        d["id"]: d
        for d in store.records(
            "SELECT id, outlet, published, title FROM documents WHERE id IN (SELECT unnest(?))",
            [sorted({r["doc_id"] for r in rows})],
        )
    }
    evidence = {}
    for row in rows:
        document = documents.get(row["doc_id"], {})
        evidence[row["event_id"]] = {
            "event_id": row["event_id"],
            "doc_id": row["doc_id"],
            "outlet": document.get("outlet"),
            "published": document.get("published"),
            "title": document.get("title"),
            "sentence_text": row["sentence_text"],
        }
    return evidence


def _names_of(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from entente.consolidate.queries import node_names

    names = {
        n: readable_name(n, name)
        for n, name in node_names(
            store, {n for r in rows for n in (*r["actor"], *r["recipient"])}
        ).items()
    }
    for row in rows:
        row["actor_name"] = [names[n] for n in row["actor"]]
        row["recipient_name"] = [names[n] for n in row["recipient"]]
    return rows


def filtered_conflicts(
    store: Store, filters: EventFilters, limit: int = 20
) -> list[dict[str, Any]]:
    """``list_conflicts`` rows, keeping conflicts whose cluster matches the filters.

    The same rows and order as ``consolidate.queries.list_conflicts``; its
    evidence lookup joins events with documents in one query, which costs
    ~150 ms at 100k articles, so the web reads the evidence in two keyed steps.
    """
    where, params = filters.clusters_where(store, "c", "SELECT cluster_id FROM conflicts")
    rows = store.records(
        'SELECT x.cluster_id, x.field, x.item, x."values", c.type, c.actor, c.recipient, '
        "c.date_start, c.n_outlets, c.status FROM conflicts x JOIN clusters c ON c.id = x.cluster_id "
        f"WHERE {' AND '.join(where) or 'TRUE'} "
        "ORDER BY c.n_outlets DESC, c.n_documents DESC, x.cluster_id, x.field LIMIT ?",
        [*params, limit],
    )
    for row in rows:
        row["values"] = json.loads(row["values"])
    evidence = _evidence_of(store, [e for r in rows for v in r["values"] for e in v["events"]])
    for row in rows:
        for value in row["values"]:
            value["events"] = [evidence[e] for e in value["events"] if e in evidence]
    return _names_of(store, rows)


def filtered_claims(
    store: Store, filters: EventFilters, actor: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """``list_claims`` rows under the shared filters (newest first).

    Raises NotFoundError for an unknown actor.
    """
    from entente.consolidate.queries import list_claims

    if len(filters.certainty) <= 1 and filters == EventFilters(certainty=filters.certainty):
        return list_claims(
            store,
            certainty=filters.certainty[0] if filters.certainty else None,
            actor=actor,
            limit=limit,
        )
    where, params = [], []
    if actor:
        from entente.consolidate.actors import resolve_node
        from entente.consolidate.knowledge import load_map_knowledge

        node = resolve_node(store, actor, load_map_knowledge())
        where.append("(list_contains(k.actor, ?) OR list_contains(k.recipient, ?))")
        params += [node, node]
    if filters.since or filters.until:
        # The claim's date at its precision, as the first day of that period.
        day = "try_cast(k.date_start || substr('-01-01', length(k.date_start) - 3) AS DATE)"
        if filters.since:
            where.append(f"{day} >= ?")
            params.append(filters.since)
        if filters.until:
            where.append(f"{day} <= ?")
            params.append(filters.until)
    if filters.types:
        where.append("list_contains(?::VARCHAR[], k.type)")
        params.append(list(filters.types))
    if filters.certainty:
        where.append("list_contains(?::VARCHAR[], k.certainty)")
        params.append(list(filters.certainty))
    if filters.polarity:
        where.append("k.event_id IN (SELECT id FROM events WHERE polarity = ?)")
        params.append(filters.polarity)
    if filters.outlets:
        where.append("list_contains(?::VARCHAR[], k.outlet)")
        params.append(list(filters.outlets))
    if filters.q:
        where.append(f"k.sentence_text ILIKE ? {LIKE_ESCAPE}")
        params.append(_like(filters.q))
    rows = store.records(
        f"SELECT k.* FROM claims k WHERE {' AND '.join(where) or 'TRUE'} "
        "ORDER BY k.published DESC NULLS LAST, k.event_id LIMIT ?",
        [*params, limit],
    )
    return _names_of(store, rows)
