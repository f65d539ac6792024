"""The same real-world event across mentions and documents, and where sources disagree.

A cluster is a connected component of the compatibility graph of a block
(``blocks.are_compatible``). Components are a function of the set of events,
not of the order they came in, and adding events only joins components, so an
update recomputes just the clusters its events touch and gets what a rebuild
would (``recluster``).

Each cluster records its members, documents and outlets, the values most
members agree on, and its **conflicts**: differing quantities of the same item
(350 vs 300 "missiles and drones"), dates that cannot both hold, certainty
(asserted vs denied) and polarity (happened vs did not). Each conflict value
lists the events that give it. What counts as a conflict (two sources
disagreeing about one event) is ``consolidate.conflicts``.
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from entente.consolidate.actors import ActorIndex, load_actor_index
from entente.consolidate.blocks import (
    EventRow,
    are_compatible,
    attach_people,
    content_words,
    load_block_candidates,
    load_events,
    period_bounds,
)
from entente.consolidate.conflicts import (
    CERTAINTY_CLASS,
    date_conflict,
    field_conflict,
    quantities_and_conflicts,
)
from entente.consolidate.evidence import (
    attach_names,
    is_military_transfer,
    member_rules,
)
from entente.consolidate.knowledge import MapKnowledge
from entente.store.db import Store

PRECISION_RANK = {"day": 0, "month": 1, "year": 2, None: 3}
# The cluster fields copied into dyad_clusters (migration 005), for ``dyad_events``.
DYAD_CLUSTER_FIELDS = (
    "id",
    "type",
    "mode",
    "actor",
    "recipient",
    "date_start",
    "date_precision",
    "date_first",
    "period",
    "certainty",
    "polarity",
    "tense",
    "support",
    "status",
    "score",
    "n_documents",
    "n_outlets",
    "outlets",
    "n_conflicts",
)


def cluster_id(member_ids: Iterable[str]) -> str:
    """A cluster's id: a hash of its smallest member id, the same whatever the order of ingest."""
    return "c" + hashlib.sha1(("cluster\x1f" + min(member_ids)).encode()).hexdigest()[:15]


@dataclass(slots=True)
class Cluster:
    """A cluster as stored: the row of ``clusters`` plus its members, conflicts and claims."""

    id: str
    row: dict[str, Any]
    members: list[EventRow]
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    dyads: list[tuple[str, str]] = field(default_factory=list)


# -- agreed values and conflicts ------------------------------------------------


def _agreed_date(members: list[EventRow]) -> tuple[str | None, str | None, str]:
    """(start, precision, basis): the text date most members are consistent with."""
    dated = [m for m in members if m.date_basis == "text" and period_bounds(m.date_start)]
    if dated:
        values = {(m.date_start, m.date_precision) for m in dated}

        def support(value: tuple[str | None, str | None]) -> tuple[int, int, str]:
            low, high = period_bounds(value[0]) or (None, None)
            agreeing = 0
            for m in dated:
                m_low, m_high = period_bounds(m.date_start) or (None, None)
                agreeing += bool(low and m_low and m_low <= high and low <= m_high)
            return (-agreeing, PRECISION_RANK.get(value[1], 3), value[0] or "")

        start, precision = min(values, key=support)
        return start, precision, "text"
    published = sorted(
        (m.date_start, m.date_precision) for m in members if m.date_start and m.date_basis
    )
    if published:
        return published[0][0], published[0][1], "publication"
    return None, None, "none"


def _support(members: list[EventRow], contested: bool, knowledge: MapKnowledge) -> str:
    """What the cluster can add to a relation: asserted, alleged, placed or none.

    Only events that pass the evidence rules count (``evidence.member_rules``:
    happened, not denied, meant, political, its own sides, current; an accident
    told of one telling is the whole event's); a denial or a source
    saying it did not happen makes an asserted cluster alleged. A claim that
    is only reported stands when nobody casts doubt on it, but a reported
    claim beside an allegation ("X told Y ...; there is no corroborating
    proof") stays alleged. ``placed``: no telling names its sides itself, they
    were taken from other tellings of their articles (evidence rule "sides"),
    but one passes every other rule: the event counts in its dyad's series
    (``dyads``), not towards a relation.
    """
    rules = member_rules(members, knowledge)
    done = [m for m in members if rules[m.id] is None]
    certainties = {m.certainty for m in done} - {"denied"}
    if not certainties:
        if "sides" in rules.values():
            lenient = member_rules(members, knowledge, sides=False)
            if any(lenient[m.id] is None and m.certainty != "denied" for m in members):
                return PLACED
        return NO_SUPPORT
    if contested:
        return "alleged"
    if "asserted" in certainties or certainties == {"reported"}:
        return "asserted"
    return "alleged"


# What a cluster can add (clusters.support, ``_support``): asserted or alleged evidence
# of a relation (RELATION_SUPPORTS); placed: it passes every evidence rule but "sides"
# (its sides were taken from other tellings of its articles), so it counts in its dyad's
# series, not towards a relation; none: no event of it passes the evidence rules, and it
# counts nowhere.
RELATION_SUPPORTS = ("asserted", "alleged")
PLACED = "placed"
NO_SUPPORT = "none"
SUPPORTS = (*RELATION_SUPPORTS, PLACED, NO_SUPPORT)


def _status(members: list[EventRow], polarity_clash: bool, sources: int) -> str:
    certainties = {m.certainty for m in members}
    if "denied" in certainties:
        return "denied"
    if "disputed" in certainties or polarity_clash:
        return "disputed"
    return "corroborated" if sources >= 2 else "single-source"


def _period(start: str | None, precision: str | None) -> tuple[str | None, str | None]:
    """The dyad bucket: month for day- and month-level dates, year for year-level ones."""
    if not start or precision not in ("day", "month", "year"):
        return None, None
    if precision == "year":
        return start[:4], "year"
    return start[:7], "month"


def summarise(members: list[EventRow], knowledge: MapKnowledge) -> Cluster:
    """The cluster record of a set of compatible events."""
    members = sorted(members, key=lambda m: m.id)
    ident = cluster_id(m.id for m in members)
    types = Counter(m.type for m in members)
    top_type = min(types, key=lambda t: (-types[t], t))
    modes = Counter(m.mode for m in members if m.mode and m.type == top_type)
    complete = [m for m in members if m.actor_nodes or m.recipient_nodes]
    anchor = min(complete or members, key=lambda m: (m.refers_to is not None, m.id))
    start, precision, basis = _agreed_date(members)
    bounds = period_bounds(start)
    published = [m.published_date for m in members if m.published_date]
    period, period_precision = _period(start, precision)
    # A cluster no side of which is a resolved actor ("People are killed ...")
    # is no event the map can name: its tellings disagree about nothing one can point to.
    named = any(r.actor_id for m in members for r in (*m.actor, *m.recipient))
    conflicts = [
        c
        for c in (
            date_conflict(members),
            field_conflict(members, "certainty", CERTAINTY_CLASS, knowledge),
            field_conflict(members, "polarity", None, knowledge),
        )
        if c and named
    ]
    quantities, quantity_conflicts = quantities_and_conflicts(members, knowledge)
    conflicts = (quantity_conflicts if named else []) + conflicts
    polarity_clash = any(c["field"] == "polarity" for c in conflicts)
    contested = polarity_clash or any(m.certainty in ("denied", "disputed") for m in members)
    sources = sorted({m.source for m in members})
    documents = sorted({m.doc_id for m in members})
    evidence = " ".join(
        [m.trigger for m in members]
        + [m.sentence_text for m in members]
        + [str(q.get("item") or "") for m in members for q in m.quantities]
    )
    scores = [m.score for m in members if m.type == top_type and m.score is not None]
    status = _status(members, polarity_clash, len(sources))
    row = {
        "id": ident,
        "block": anchor.block,
        "type": top_type,
        "mode": min(modes, key=lambda x: (-modes[x], x)) if modes else None,
        "family": anchor.family,
        "actor": list(anchor.actor_nodes),
        "recipient": list(anchor.recipient_nodes),
        "date_start": start,
        "date_precision": precision,
        "date_basis": basis,
        "date_first": bounds[0] if bounds else (min(published) if published else None),
        "period": period,
        "period_precision": period_precision,
        "certainty": _most_common([m.certainty for m in members]),
        "polarity": _most_common([m.polarity for m in members]),
        "tense": _most_common([m.tense for m in members]),
        "support": _support(members, contested, knowledge),
        "status": status,
        "score": sum(scores) / len(scores) if scores else knowledge.scores.get(top_type),
        "quad": knowledge.quads.get(top_type),
        "quantities": json.dumps(quantities),
        "military": any(is_military_transfer(m, knowledge) for m in members),
        "treaty": knowledge.names_treaty(set(content_words(evidence))),
        "n_members": len(members),
        "n_documents": len(documents),
        "n_outlets": len(sources),
        "documents": documents,
        "outlets": sorted({m.outlet for m in members if m.outlet}),
        "n_conflicts": len(conflicts),
    }
    cluster = Cluster(ident, row, members, conflicts)
    cluster.dyads = sorted(
        {(a, b) for a in anchor.actor_nodes for b in anchor.recipient_nodes if a != b}
    )
    cluster.claims = [
        _claim(m, cluster) for m in members if m.attributed_to or m.certainty != "asserted"
    ]
    return cluster


def _most_common(values: list[str]) -> str:
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v))


def _claim(member: EventRow, cluster: Cluster) -> dict[str, Any]:
    source = member.attributed_to or {}
    return {
        "event_id": member.id,
        "cluster_id": cluster.id,
        "doc_id": member.doc_id,
        "outlet": member.outlet,
        "published": member.published,
        "claimant": source.get("name"),
        "cue": source.get("cue"),
        "certainty": member.certainty,
        "type": member.type,
        "actor": list(member.actor_nodes),
        "recipient": list(member.recipient_nodes),
        "date_start": member.date_start,
        "sentence_text": member.sentence_text,
        "outlets_reporting": cluster.row["n_outlets"],
        "status": cluster.row["status"],
    }


# -- incremental clustering --------------------------------------------------------


class _Components:
    """Union-find over event ids."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _window(events: list[EventRow]) -> tuple[Any, Any]:
    lows = [e.lo for e in events]
    highs = [e.hi for e in events]
    if any(x is None for x in lows + highs):
        return None, None
    return min(lows), max(highs)


class WindowIndex:
    """A block's events by date window, to visit only those whose window can overlap.

    ``are_compatible`` needs overlapping windows, so comparing an event with
    the rest of its block is quadratic only where the windows are: a block of
    years of reports costs n log n (``entente rebuild``). Windows are grouped by
    width (powers of two days), each group sorted by start: an event's
    partners in a group start within [its start - the group's widest window,
    its end]. Events without a window overlap everything and are always visited.
    """

    def __init__(self, events: Iterable[EventRow]) -> None:
        self.unbounded: list[EventRow] = []
        groups: dict[int, list[EventRow]] = {}
        for event in events:
            if event.lo is None or event.hi is None:
                self.unbounded.append(event)
            else:
                groups.setdefault(((event.hi - event.lo).days + 1).bit_length(), []).append(event)
        self.groups = []
        for members in groups.values():
            members.sort(key=lambda e: e.lo)
            widest = max(e.hi - e.lo for e in members)
            self.groups.append((widest, [e.lo for e in members], members))

    def overlapping(self, event: EventRow) -> list[EventRow]:
        """The indexed events whose window overlaps ``event``'s (all, for no window)."""
        found = list(self.unbounded)
        for widest, starts, members in self.groups:
            if event.lo is None or event.hi is None:
                found.extend(members)
                continue
            first = bisect_left(starts, event.lo - widest)
            last = bisect_right(starts, event.hi)
            found.extend(m for m in members[first:last] if m.hi >= event.lo)
        return found


@dataclass(slots=True)
class Reclustered:
    """What ``recluster`` did: the clusters to write, and the dyads of those it deleted."""

    clusters: list[Cluster]
    removed: set[str]
    removed_dyads: set[tuple[str, str]]


def recluster(store: Store, free_ids: set[str], knowledge: MapKnowledge) -> Reclustered:
    """Cluster the free events (new, or left by a deleted cluster) into the stored clusters.

    The caller has deleted every cluster containing a free event. Each free
    event is compared with the events of its block whose windows can overlap;
    the stored clusters it meets are joined with it (and deleted here); the
    new clusters are returned for ``write_clusters``. Run it inside a transaction.
    """
    free = load_events(store, free_ids)
    by_block: dict[str, list[EventRow]] = {}
    for event in free:
        by_block.setdefault(event.block, []).append(event)
    components = _Components()
    joined_clusters: set[str] = set()
    # Two queries for the whole batch, not two per block: a batch of 64 articles
    # touches hundreds of blocks (bench/throughput.py profile).
    candidates_of = load_block_candidates(
        store, {block: _window(events) for block, events in by_block.items()}
    )
    _attach_people(store, [*free, *(e for es in candidates_of.values() for e in es)], knowledge)
    assigned = {
        r[0]: r[1]
        for r in store.fetchall(
            "SELECT event_id, cluster_id FROM cluster_members WHERE event_id IN (SELECT unnest(?))",
            [sorted({c.id for cs in candidates_of.values() for c in cs} - free_ids)],
        )
    }
    for block, events in sorted(by_block.items()):
        candidates = WindowIndex(candidates_of.get(block, []))
        for event in events:
            components.find(event.id)
            for other in candidates.overlapping(event):
                if other.id == event.id or not are_compatible(event, other):
                    continue
                if other.id in free_ids:
                    components.union(event.id, other.id)
                elif other.id in assigned:
                    # A stored cluster joins as a whole: union with its id.
                    components.union(event.id, "cluster:" + assigned[other.id])
                    joined_clusters.add(assigned[other.id])
    members_of: dict[str, list[str]] = {}
    removed_dyads: set[tuple[str, str]] = set()
    if joined_clusters:
        for cid, eid in store.fetchall(
            "SELECT cluster_id, event_id FROM cluster_members WHERE cluster_id IN (SELECT unnest(?))",
            [sorted(joined_clusters)],
        ):
            members_of.setdefault(cid, []).append(eid)
        removed_dyads = delete_clusters(store, joined_clusters)
    groups: dict[str, set[str]] = {}
    for key in list(components.parent):
        root = components.find(key)
        ids = members_of.get(key[8:], []) if key.startswith("cluster:") else [key]
        groups.setdefault(root, set()).update(ids)
    rows = {e.id: e for e in free}
    missing = {i for ids in groups.values() for i in ids} - set(rows)
    stored = load_events(store, missing)
    _attach_people(store, stored, knowledge)
    rows.update({e.id: e for e in stored})
    attach_names(store, rows.values(), knowledge)
    clusters = [summarise([rows[i] for i in ids], knowledge) for ids in groups.values() if ids]
    return Reclustered(clusters, joined_clusters, removed_dyads)


def _attach_people(store: Store, events: list[EventRow], knowledge: MapKnowledge) -> None:
    """The people on each side of the events of participant families (a meeting is
    who met), read from the actors they name (``blocks.people_differ``)."""
    wanted = [e for e in events if e.family in knowledge.participant_families]
    refs = {r.actor_id for e in wanted for r in (*e.actor, *e.recipient) if r.actor_id}
    attach_people(events, load_actor_index(store, refs) if refs else ActorIndex(), knowledge)


def delete_clusters(store: Store, ids: Iterable[str]) -> set[tuple[str, str]]:
    """Remove clusters and everything hanging on them; return their directed dyads."""
    ids = sorted(set(ids))
    if not ids:
        return set()
    pairs = {
        (r[0], r[1])
        for r in store.fetchall(
            "SELECT source, target FROM cluster_dyads WHERE cluster_id IN (SELECT unnest(?))", [ids]
        )
    }
    for table, column in (
        ("clusters", "id"),
        ("cluster_members", "cluster_id"),
        ("cluster_dyads", "cluster_id"),
        ("dyad_clusters", "id"),
        ("conflicts", "cluster_id"),
        ("claims", "cluster_id"),
    ):
        store.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?))", [ids])
    return pairs


def write_clusters(store: Store, clusters: list[Cluster]) -> None:
    """Insert clusters, members, dyads, conflicts and claims (as Arrow tables)."""
    if not clusters:
        return
    names = list(clusters[0].row)
    store.append("clusters", {n: [c.row[n] for c in clusters] for n in names})
    members = [(c.id, m.id, m.doc_id) for c in clusters for m in c.members]
    store.append(
        "cluster_members",
        {
            "cluster_id": [m[0] for m in members],
            "event_id": [m[1] for m in members],
            "doc_id": [m[2] for m in members],
        },
    )
    dyads = [(c.id, a, b) for c in clusters for a, b in c.dyads]
    store.append(
        "cluster_dyads",
        {
            "cluster_id": [d[0] for d in dyads],
            "source": [d[1] for d in dyads],
            "target": [d[2] for d in dyads],
        },
    )
    # What `entente dyad` lists, one row per directed dyad (migration 005).
    sentence = {c.id: min(c.members, key=lambda m: m.id).sentence_text for c in clusters}
    by_id = {c.id: c.row for c in clusters}
    store.append(
        "dyad_clusters",
        {
            "source": [d[1] for d in dyads],
            "target": [d[2] for d in dyads],
            **{n: [by_id[d[0]][n] for d in dyads] for n in DYAD_CLUSTER_FIELDS},
            "sentence_text": [sentence[d[0]] for d in dyads],
        },
    )
    conflicts = [(c.id, x) for c in clusters for x in c.conflicts]
    store.append(
        "conflicts",
        {
            "cluster_id": [x[0] for x in conflicts],
            "field": [x[1]["field"] for x in conflicts],
            "item": [x[1]["item"] for x in conflicts],
            "values": [json.dumps(x[1]["values"]) for x in conflicts],
            "n_values": [len(x[1]["values"]) for x in conflicts],
        },
    )
    claims = [x for c in clusters for x in c.claims]
    if claims:
        store.append("claims", {n: [x[n] for x in claims] for n in claims[0]})
