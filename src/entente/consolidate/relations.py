"""Standing relations between map nodes, derived from clusters.

The rules are data (``data/relations.yaml``): a cluster whose type a rule
lists, and whose evidence meets the rule's ``requires`` (military goods, a
treaty), supports a relation of the rule's kind from its actor node to its
recipient node. "X-backed" actors (``actors.backers``) add ``backs`` from the
backer to the actor, on the documents that name them.

What counts (``clusters.support``): only events that pass the evidence rules
of ``evidence.py``: positive and actual, not denied, no accident, not one
person acting alone, not undated history. A cluster that is only alleged (or
asserted by one source and denied by another) makes the relation ``alleged``
unless an asserted cluster supports it too. A rule may ask for more than one
cluster (``min_clusters``: one accusation is no standing relation), and only
political actors take part (``political_nodes``: no unresolved name, no
person, newspaper or firm of its own, no name taken for an organisation with
neither country nor sector); a state cooperates with no actor of its
own country (``not_within_one_state``: its people, party or firms).

Strength: the sum over supporting clusters of
``certainty_weight[certainty] * (1 + log2(independent outlets))`` (weights in
relations.yaml): one asserted event from one outlet is 1; corroboration adds
with diminishing returns; an alleged event counts half.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from entente.consolidate.actors import (
    ActorInfo,
    is_ad_hoc,
    is_state_node,
    load_actor_index,
    node_of,
)
from entente.consolidate.clusters import RELATION_SUPPORTS
from entente.consolidate.knowledge import MapKnowledge, RelationRule
from entente.consolidate.tables import pair_keys
from entente.store.db import Store


@dataclass(slots=True)
class _Relation:
    """A relation being summed up from its evidence."""

    source: str
    target: str
    kind: str
    strength: float = 0.0
    asserted: bool = False
    clusters: set[str] = field(default_factory=set)
    # Per cluster, its place among the relation's clusters (relation_clusters.rank).
    order: dict[str, tuple] = field(default_factory=dict)
    documents: set[str] = field(default_factory=set)
    seen: list[date] = field(default_factory=list)
    # Clusters under each rule (its index in knowledge.rules), for min_clusters.
    by_rule: dict[int, int] = field(default_factory=dict)

    def row(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "kind": self.kind,
            "certainty": "asserted" if self.asserted else "alleged",
            "first_seen": min(self.seen).isoformat() if self.seen else None,
            "last_seen": max(self.seen).isoformat() if self.seen else None,
            "strength": round(self.strength, 6),
            "n_clusters": len(self.clusters),
            "documents": sorted(self.documents),
        }


# The cluster column behind each mark a rule requires or excludes.
_MARKS = {"military_goods": "military", "treaty": "treaty"}


def rule_applies(rule: RelationRule, cluster: dict[str, Any], target: str) -> bool:
    """Whether a cluster (a row of ``clusters``) supports ``rule`` towards ``target``."""
    if cluster["type"] not in rule.types or cluster["support"] not in RELATION_SUPPORTS:
        return False
    if rule.requires == "military_goods" and not cluster["military"]:
        return False
    if rule.requires == "treaty" and not cluster["treaty"]:
        return False
    if rule.excludes is not None and cluster[_MARKS[rule.excludes]]:
        return False
    return not (rule.target == "non-state" and is_state_node(target))


def cluster_order(cluster: dict[str, Any]) -> tuple:
    """Sort key of a relation's clusters: asserted first, more outlets, newest, then id.

    Migration 005 ranks stored rows by the same order in SQL.
    """
    first = cluster["date_first"]
    return (
        cluster["support"] != "asserted",
        -cluster["n_outlets"],
        first is None,
        -first.toordinal() if first else 0,
        cluster["id"],
    )


def _weight(knowledge: MapKnowledge, certainty: str, sources: int) -> float:
    return knowledge.certainty_weight.get(certainty, 0.0) * (1 + math.log2(max(sources, 1)))


def _add(
    found: dict[tuple[str, str, str], _Relation], source: str, target: str, kind: str
) -> _Relation:
    key = (source, target, kind)
    if key not in found:
        found[key] = _Relation(source, target, kind)
    return found[key]


def _from_clusters(store: Store, keys: list[str], knowledge: MapKnowledge, found: dict) -> None:
    rows = store.records(
        "SELECT c.id, c.type, c.support, c.military, c.treaty, c.n_outlets, c.date_first, "
        "c.documents, cd.source, cd.target FROM cluster_dyads cd "
        "JOIN clusters c ON c.id = cd.cluster_id "
        "WHERE cd.source || chr(31) || cd.target IN (SELECT unnest(?)) "
        "AND c.support IN (SELECT unnest(?))",
        [keys, list(RELATION_SUPPORTS)],
    )
    for cluster in rows:
        for number, rule in enumerate(knowledge.rules):
            if not rule_applies(rule, cluster, cluster["target"]):
                continue
            source, target = cluster["source"], cluster["target"]
            if rule.symmetric:
                source, target = sorted((source, target))
            relation = _add(found, source, target, rule.kind)
            relation.by_rule[number] = relation.by_rule.get(number, 0) + 1
            if cluster["id"] in relation.clusters:
                continue  # two rules of one kind (partner_of) count a cluster once
            relation.clusters.add(cluster["id"])
            relation.order[cluster["id"]] = cluster_order(cluster)
            relation.documents.update(cluster["documents"])
            relation.strength += _weight(knowledge, cluster["support"], cluster["n_outlets"])
            relation.asserted |= cluster["support"] == "asserted"
            if cluster["date_first"]:
                relation.seen.append(cluster["date_first"])


def _from_clusters_enough(found: dict, knowledge: MapKnowledge) -> None:
    """Drop the relations no rule supports with its min_clusters (one criticism)."""
    for key, relation in list(found.items()):
        if not any(
            count >= knowledge.rules[number].min_clusters
            for number, count in relation.by_rule.items()
        ):
            del found[key]


def _within_one_state(relation: _Relation, countries: dict[str, str | None]) -> bool:
    """A state and an actor of its own country ("United States", "American people")."""
    source, target = relation.source, relation.target
    return (is_state_node(source) and countries.get(target) == source) or (
        is_state_node(target) and countries.get(source) == target
    )


def node_countries(store: Store, nodes: set[str]) -> dict[str, str | None]:
    """The country of each node that is not a state (None where its actor names none)."""
    others = sorted(n for n in nodes if not is_state_node(n))
    index = load_actor_index(store, others)
    return {n: (a.country if (a := index.actors.get(n)) else None) for n in others}


def political_nodes(store: Store, nodes: set[str], knowledge: MapKnowledge) -> set[str]:
    """The nodes that may take part in a standing relation: states, and nodes with
    an actor whose kind is not one of ``map_nodes.not_relation_kinds``. A node
    made from a name no actor holds ("Suspect") is none, nor a group of people of
    a population's sector (``evidence.population_sectors``: "Muslims", "Somali
    refugees", "American press"); a group of rebels or the opposition is one."""
    others = sorted(n for n in nodes if not is_state_node(n))
    index = load_actor_index(store, others)
    return {n for n in nodes if is_state_node(n)} | {
        n
        for n in others
        if (actor := index.actors.get(n)) is not None
        and actor.kind not in knowledge.not_relation_kinds
        and not _kindless_name(actor)
        and not (actor.kind == "group" and actor.sector in knowledge.population_sectors)
    }


def _kindless_name(actor: ActorInfo) -> bool:
    """A name met in text and taken for an organisation with neither a country nor
    a sector: a capitalised run the tagger called ORG ("Unidentified EL GORA",
    "Eastern European", "Executive Orders", "UnionPay"), no actor of known kind.
    Read on the whole 2017 store (issue 14): of the 67 relations with such a node,
    about 10 were between political actors (the House Intelligence Committee,
    the Donetsk People's Republic), whose names want a head noun or a registry
    entry to resolve with a sector."""
    return (
        is_ad_hoc(actor.id) and actor.kind == "organisation" and not (actor.country or actor.sector)
    )


def backer_pairs(
    store: Store, actor_ids: set[str], knowledge: MapKnowledge
) -> set[tuple[str, str]]:
    """(backer node, actor node) for the actors among ``actor_ids`` that have backers."""
    rows = store.fetchall(
        "SELECT id, backers FROM actors WHERE id IN (SELECT unnest(?)) AND len(backers) > 0",
        [sorted(actor_ids)],
    )
    if not rows:
        return set()
    index = load_actor_index(store, {r[0] for r in rows} | {b for r in rows for b in r[1]})
    return {
        (node_of(backer, index, knowledge), node_of(actor_id, index, knowledge))
        for actor_id, backers in rows
        for backer in backers
    }


def _from_backers(
    store: Store, pairs: set[tuple[str, str]], knowledge: MapKnowledge, found: dict
) -> None:
    nodes = sorted({n for p in pairs for n in p})
    rows = store.fetchall("SELECT id, backers FROM actors WHERE list_has_any(backers, ?)", [nodes])
    if not rows:
        return
    index = load_actor_index(store, {r[0] for r in rows} | {b for r in rows for b in r[1]})
    wanted = {p for pair in pairs for p in (pair, pair[::-1])}
    backed: dict[tuple[str, str], list[str]] = {}
    for actor_id, backers in rows:
        target = node_of(actor_id, index, knowledge)
        for backer in backers:
            pair = (node_of(backer, index, knowledge), target)
            if pair in wanted and pair[0] != pair[1]:
                backed.setdefault(pair, []).append(actor_id)
    for (source, target), actor_ids in backed.items():
        documents = store.records(
            "SELECT DISTINCT d.id, d.outlet, d.published_date FROM documents d WHERE d.id IN ("
            "SELECT doc_id FROM mentions WHERE actor_id IN (SELECT unnest(?)) UNION "
            "SELECT doc_id FROM events WHERE list_has_any(actor_ids, ?) "
            "OR list_has_any(recipient_ids, ?))",
            [actor_ids, actor_ids, actor_ids],
        )
        if not documents:
            continue
        relation = _add(found, source, target, knowledge.backers_kind)
        relation.asserted = True
        sources = len({d["outlet"] or d["id"] for d in documents})
        relation.strength += knowledge.backer_document_weight * (1 + math.log2(sources))
        relation.documents.update(d["id"] for d in documents)
        relation.seen.extend(d["published_date"] for d in documents if d["published_date"])


def refresh_relations(store: Store, pairs: set[tuple[str, str]], knowledge: MapKnowledge) -> int:
    """Recompute every relation between the nodes of each pair (both ways); return rows written."""
    pairs = {p for p in pairs if p[0] != p[1]}
    if not pairs:
        return 0
    keys = pair_keys(pairs)
    for table in ("relations", "relation_clusters"):
        store.execute(
            f"DELETE FROM {table} WHERE source || chr(31) || target IN (SELECT unnest(?))", [keys]
        )
    found: dict[tuple[str, str, str], _Relation] = {}
    _from_clusters(store, keys, knowledge, found)
    _from_clusters_enough(found, knowledge)
    _from_backers(store, pairs, knowledge, found)
    nodes = {n for key in found for n in key[:2]}
    political = political_nodes(store, nodes, knowledge)
    countries = node_countries(store, nodes)
    relations = sorted(
        (
            r
            for r in found.values()
            if r.source in political
            and r.target in political
            and not (r.kind in knowledge.not_within_one_state and _within_one_state(r, countries))
        ),
        key=lambda r: (r.source, r.target, r.kind),
    )
    rows = [r.row() for r in relations]
    if rows:
        store.append("relations", {n: [r[n] for r in rows] for n in rows[0]})
    links = [
        (r.source, r.target, r.kind, c, rank)
        for r in relations
        for rank, c in enumerate(sorted(r.clusters, key=r.order.__getitem__))
    ]
    store.append(
        "relation_clusters",
        {
            "source": [x[0] for x in links],
            "target": [x[1] for x in links],
            "kind": [x[2] for x in links],
            "cluster_id": [x[3] for x in links],
            "rank": [x[4] for x in links],
        },
    )
    return len(rows)
