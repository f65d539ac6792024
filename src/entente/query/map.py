"""Questions over the map: relations, the graph, dyads, conflicts and claims.

Everything they read is precomputed by ``update_map`` (relations, dyad periods,
dyad clusters, conflicts, claims), so each is one or two indexed lookups or a
top-k over a small table. Actors may be named by id ("RUS", "hamas") or by a
name or alias ("Russia"); every node in an answer carries its readable name.
"""

from __future__ import annotations

import json
from typing import Any

from entente.consolidate.actors import resolve_node
from entente.consolidate.clusters import DYAD_CLUSTER_FIELDS
from entente.consolidate.knowledge import load_map_knowledge
from entente.errors import UsageError
from entente.escaping import contains_text, starts_with_text
from entente.query.filters import EventFilters, check_period, period_overlaps
from entente.query.names import display_names, node_info, with_names
from entente.store.db import Store
from entente.vocabulary import QUAD_NAMES, RELATION_CERTAINTIES, relation_kinds

# A relation lists at most this many of its clusters, those that add most first.
RELATION_CLUSTERS_SHOWN = 20
# The map shown by default (``entente map``) hides relations resting on fewer
# documents than this: one article is no standing relation yet (issue 14).
MAP_MIN_DOCUMENTS = 2


def corroborated_sql(alias: str = "r") -> tuple[str, list[Any]]:
    """The default view's test of a relation's evidence, as SQL over ``relations``
    (its parameters beside it), for ``entente map`` and the graph alike: told by
    more documents than it has events (one of its events told by two articles, or
    its "X-backed" actor named in other articles), or resting on ``relations.yaml``
    corroboration.min_clusters events at least. Two events each told once ("the UN
    accused South Sudan" and a sentence whose "they threaten" is someone else's) are
    one source's word twice (issue 14: of the 40 relations so told in two readings of
    the 2017 map, 12 were wrong and 7 plausible). And one event, however many articles
    tell it, is one incident, no standing relation (corroboration.single_event_kinds:
    but a backing, which "X-backed" names tell in article after article)."""
    knowledge = load_map_knowledge()
    return (
        f"(len({alias}.documents) > {alias}.n_clusters OR {alias}.n_clusters >= ?) "
        f"AND ({alias}.n_clusters <> 1 OR list_contains(?, {alias}.kind))",
        [knowledge.corroboration_min_clusters, sorted(knowledge.single_event_kinds)],
    )


def strongest_relations(
    store: Store,
    limit: int = 20,
    kind: str | None = None,
    certainty: str | None = None,
    max_clusters: int = RELATION_CLUSTERS_SHOWN,
    min_documents: int = 1,
    corroborated: bool = False,
) -> list[dict[str, Any]]:
    """Relations by strength, strongest first, with the best clusters behind each.

    ``clusters`` holds at most ``max_clusters`` ids per relation, those that
    add most first (asserted, then more outlets, then newest); ``n_clusters``
    counts them all (a strong relation has thousands at 100k articles).
    Relations resting on fewer than ``min_documents`` documents are left out, and
    with ``corroborated`` those whose evidence is not (``corroborated_sql``).
    Raises UsageError for an unknown kind or certainty.
    """
    where, params = ["len(r.documents) >= ?"], [min_documents]
    if corroborated:
        clause, values = corroborated_sql("r")
        where.append(clause)
        params.extend(values)
    if kind is not None:
        kinds = relation_kinds()
        if kind not in kinds:
            raise UsageError(f"No relation kind {kind!r}. Choose from: {', '.join(kinds)}")
        where.append("r.kind = ?")
        params.append(kind)
    if certainty is not None:
        if certainty not in RELATION_CERTAINTIES:
            raise UsageError(
                f"Relation certainty {certainty!r}: choose {' or '.join(RELATION_CERTAINTIES)}"
            )
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
    return with_names(store, rows, "source", "target")


def graph(
    store: Store,
    filters: EventFilters,
    limit: int | None = 60,
    min_documents: int = 1,
    corroborated: bool = False,
) -> dict[str, Any]:
    """The map as a graph: relations strongest first (at most ``limit``; None: all) and their nodes.

    Relations resting on fewer than ``min_documents`` documents are left out, and
    with ``corroborated`` those whose evidence is not (``corroborated_sql``, read
    on the unfiltered relation); ``below_min_documents`` counts those that would
    match the filters, so the page can say what it hides.

    Under filters an edge keeps the clusters that match, and its strength is
    scaled by the share of its clusters that do; a node's activity is the
    clusters of every matching relation it takes part in (shown or not).
    """
    corroboration, values = corroborated_sql("r")
    relations = store.records(
        "SELECT source, target, kind, certainty, strength, n_clusters, first_seen, last_seen, "
        f"len(documents) AS n_documents, {corroboration} AS corroborated FROM relations r",
        values,
    )
    capped = False
    if not filters.empty:
        if store.read_model is not None:
            matching, capped = store.read_model.relation_matches(store, filters)
        else:
            matching = _relation_matches(store, filters)
        kept = []
        for r in relations:
            n = matching.get((r["source"], r["target"], r["kind"]), 0)
            if n:
                r["strength"] = r["strength"] * n / max(r["n_clusters"], n)
                r["n_clusters"] = n
                kept.append(r)
        relations = kept

    def shown_by_default(r: dict[str, Any]) -> bool:
        return r["n_documents"] >= min_documents and (not corroborated or r["corroborated"])

    hidden = sum(not shown_by_default(r) for r in relations)
    relations = [r for r in relations if shown_by_default(r)]
    relations.sort(key=lambda r: (-r["strength"], r["source"], r["target"], r["kind"]))
    activity: dict[str, int] = {}
    for r in relations:
        for node in {r["source"], r["target"]}:
            activity[node] = activity.get(node, 0) + r["n_clusters"]
    shown = relations if limit is None else relations[:limit]
    info = node_info(store, [n for r in shown for n in (r["source"], r["target"])])
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
    return {
        "nodes": nodes,
        "edges": edges,
        "truncated": len(shown) < len(relations),
        "below_min_documents": hidden,
        "search_truncated": capped,
    }


def _relation_matches(store: Store, filters: EventFilters) -> dict[tuple[str, str, str], int]:
    where, params = filters.clusters_where(store, "c", "SELECT cluster_id FROM relation_clusters")
    return {
        (s, t, k): n
        for s, t, k, n in store.fetchall(
            "SELECT rc.source, rc.target, rc.kind, count(*) FROM relation_clusters rc "
            "JOIN clusters c ON c.id = rc.cluster_id "
            f"WHERE {' AND '.join(where) or 'TRUE'} GROUP BY ALL",
            params,
        )
    }


def _pair(store: Store, a: str, b: str) -> tuple[str, str]:
    knowledge = load_map_knowledge()
    return resolve_node(store, a, knowledge), resolve_node(store, b, knowledge)


def dyad_series(store: Store, a: str, b: str, window: EventFilters | None = None) -> dict[str, Any]:
    """The period-by-period series between two actors, both directions summed.

    Returns ``{a, b, a_name, b_name, periods: [{period, precision, events,
    score_sum, score_mean, verbal_coop, ..., a_to_b, b_to_a, documents}]}``,
    oldest first (a year bucket before that year's months). ``window`` keeps
    the periods that overlap its date range (its other filters cannot apply:
    the periods are sums over every type, certainty and outlet).
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
                **{q: 0 for q in QUAD_NAMES},
                "a_to_b": 0,
                "b_to_a": 0,
                "documents": set(),
                "clusters": set(),
            },
        )
        period["events"] += row["events"]
        period["score_sum"] += row["score_sum"]
        for quad in QUAD_NAMES:
            period[quad] += row[quad]
        period["a_to_b" if row["source"] == node_a else "b_to_a"] += row["events"]
        period["documents"].update(row["documents"])
        period["clusters"].update(row["clusters"])
    series = []
    for period in sorted(
        periods.values(), key=lambda p: (p["period"][:4], len(p["period"]), p["period"])
    ):
        if window is not None and not period_overlaps(period["period"], window):
            continue
        period["score_mean"] = period["score_sum"] / period["events"] if period["events"] else 0.0
        period["documents"] = sorted(period["documents"])
        period["clusters"] = sorted(period["clusters"])
        series.append(period)
    names = display_names(store, [node_a, node_b])
    return {
        "a": node_a,
        "b": node_b,
        "a_name": names[node_a],
        "b_name": names[node_b],
        "periods": series,
    }


def dyad_events(
    store: Store,
    a: str,
    b: str,
    filters: EventFilters | None = None,
    month: str | None = None,
    limit: int = 200,
) -> dict[str, Any]:
    """The clusters between two actors (either direction), newest first, under the filters.

    ``{clusters, total, truncated}``: at most ``limit`` of ``total`` clusters,
    each with one evidence sentence, ``event_id`` (the member whose sentence
    that is, for the reader) and the node names. ``month`` (``2024-04``, or a
    year ``2024``) keeps one period. The filters read the cluster's own fields
    (its date, type, certainty, polarity, outlets) and its listed sentence.
    Raises NotFoundError for an unknown actor, UsageError for a bad month.
    """
    month = check_period(month)
    node_a, node_b = _pair(store, a, b)
    filters = filters or EventFilters()
    # One table (dyad_clusters, migration 005) holds each cluster's fields and
    # sentence per directed pair: joining a pair's thousands of cluster ids with
    # clusters, members and events cost ~300 ms at 100k articles.
    where = ["((d.source = ? AND d.target = ?) OR (d.source = ? AND d.target = ?))"]
    params: list[Any] = [node_a, node_b, node_b, node_a]
    if month:
        where.append(f"(d.period = ? OR {starts_with_text('d.period')})")
        params += [month, f"{month}-"]
    more, more_params = filters.cluster_fields_where("d")
    where += more
    params += more_params
    if filters.q:
        where.append(contains_text("d.sentence_text"))
        params.append(filters.q)
    # A cluster whose actors and recipients both hold the two nodes has a row each
    # way: keep one per id (the first in order) before counting and paging.
    fields = ", ".join(DYAD_CLUSTER_FIELDS)
    rows = store.records(
        f"SELECT {fields}, sentence_text, count(*) OVER () AS total FROM ("
        f"SELECT {', '.join('d.' + f for f in DYAD_CLUSTER_FIELDS)}, d.sentence_text "
        f"FROM dyad_clusters d WHERE {' AND '.join(where)} "
        "QUALIFY row_number() OVER (PARTITION BY d.id ORDER BY d.source) = 1) "
        "ORDER BY date_first DESC NULLS LAST, id LIMIT ?",
        [*params, limit],
    )
    total = rows[0]["total"] if rows else 0
    firsts = first_events(store, [r["id"] for r in rows])
    for row in rows:
        del row["date_first"], row["total"]  # a sort key and the count, not fields of a cluster
        row["event_id"] = firsts.get(row["id"])
    rows = with_names(store, rows, "actor", "recipient")
    return {"clusters": rows, "total": total, "truncated": total > len(rows)}


def first_events(store: Store, cluster_ids: list[str]) -> dict[str, str]:
    """Each cluster's smallest member event id (the one whose sentence dyad_clusters lists)."""
    if not cluster_ids:
        return {}
    if store.read_model is not None:
        return store.read_model.first_events(cluster_ids)
    return dict(
        store.fetchall(
            "SELECT cluster_id, min(event_id) FROM cluster_members "
            "WHERE cluster_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY cluster_id",
            [cluster_ids],
        )
    )


def evidence_of(store: Store, event_ids: list[str]) -> dict[str, dict[str, Any]]:
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


def conflicts(store: Store, filters: EventFilters, limit: int = 20) -> dict[str, Any]:
    """Where sources disagree: each conflict with its cluster and the sentences side by side.

    ``{conflicts, search_truncated}``; most-reported clusters first, keeping
    conflicts whose cluster matches the filters. ``limit`` counts clusters: one
    story whose sources disagree on several fields (met, and denied meeting:
    certainty and polarity) is one item, its rows listed together. Each value is
    ``{value, events: [{event_id, doc_id, outlet, published, title, sentence_text}]}``.
    """
    capped = False
    if store.read_model is not None:
        rows, capped = store.read_model.conflict_rows(store, filters, limit)
    else:
        where, params = filters.clusters_where(store, "c", "SELECT cluster_id FROM conflicts")
        rows = store.records(
            'SELECT x.cluster_id, x.field, x.item, x."values", c.type, c.actor, c.recipient, '
            "c.date_start, c.n_outlets, c.status FROM conflicts x "
            "JOIN clusters c ON c.id = x.cluster_id "
            f"WHERE {' AND '.join(where) or 'TRUE'} "
            "QUALIFY dense_rank() OVER (ORDER BY c.n_outlets DESC, c.n_documents DESC, "
            "x.cluster_id) <= ? "
            "ORDER BY c.n_outlets DESC, c.n_documents DESC, x.cluster_id, x.field",
            [*params, limit],
        )
    for row in rows:
        row["values"] = json.loads(row["values"])
    evidence = evidence_of(store, [e for r in rows for v in r["values"] for e in v["events"]])
    for row in rows:
        for value in row["values"]:
            value["events"] = [evidence[e] for e in value["events"] if e in evidence]
    return {"conflicts": with_names(store, rows, "actor", "recipient"), "search_truncated": capped}


def claims(
    store: Store, filters: EventFilters, actor: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Claims (attributed or not plainly asserted events) under the filters, newest first:
    who says so, where, how many outlets carry it, and who across the claim's cluster
    asserts (``claimed_by``) and denies (``denied_by``) the event.

    ``actor`` keeps claims where that actor is on either side.
    Raises NotFoundError for an unknown actor.
    """
    where, params = [], []
    if actor:
        node = resolve_node(store, actor, load_map_knowledge())
        where.append("(list_contains(k.actor, ?) OR list_contains(k.recipient, ?))")
        params += [node, node]
    # The claim's date at its precision, as the first day of that period.
    dates, dates_params = filters.dates_where(
        "try_cast(k.date_start || substr('-01-01', length(k.date_start) - 3) AS DATE)"
    )
    where += dates
    params += dates_params
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
        where.append(contains_text("k.sentence_text"))
        params.append(filters.q)
    rows = store.records(
        f"SELECT k.* FROM claims k WHERE {' AND '.join(where) or 'TRUE'} "
        "ORDER BY k.published DESC NULLS LAST, k.event_id LIMIT ?",
        [*params, limit],
    )
    _add_sides(store, rows)
    return with_names(store, rows, "actor", "recipient")


# certainties of a claim that deny or dispute the event rather than assert it
DENYING = ("denied", "disputed")


def _add_sides(store: Store, rows: list[dict[str, Any]]) -> None:
    """Give each claim who, across its cluster, asserts the event (``claimed_by``:
    claimants who report, allege or state it) and who denies or disputes it
    (``denied_by``), each a sorted list of names."""
    clusters = sorted({row["cluster_id"] for row in rows})
    sides: dict[str, tuple[set[str], set[str]]] = {c: (set(), set()) for c in clusters}
    if clusters:
        marks = ", ".join("?" for _ in clusters)
        for member in store.records(
            f"SELECT cluster_id, claimant, certainty FROM claims WHERE cluster_id IN ({marks}) "
            "AND claimant IS NOT NULL",
            clusters,
        ):
            claimed, denied = sides[member["cluster_id"]]
            (denied if member["certainty"] in DENYING else claimed).add(member["claimant"])
    for row in rows:
        claimed, denied = sides.get(row["cluster_id"], (set(), set()))
        row["claimed_by"] = sorted(claimed)
        row["denied_by"] = sorted(denied)
