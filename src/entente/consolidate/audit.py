"""Why a line is on the map: the relation audit behind ``entente map --explain A B``.

``explain_relation(store, a, b)`` returns, for the pair of map nodes ``a`` and
``b`` (either direction), every cluster between them, each with its events
and documents, and the rule that admitted it to a relation or the rule that
kept it out: a relation rule of ``relations.yaml`` ("adversary_of from
ASSAULT, SANCTION, THREATEN"), an evidence rule of ``evidence.py`` ("meant:
no accident"), ``min_clusters``, or a node that is no political actor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from entente.consolidate.actors import is_state_node, resolve_node
from entente.consolidate.blocks import load_events
from entente.consolidate.clusters import NO_SUPPORT, PLACED
from entente.consolidate.evidence import RULES, attach_names, member_rules
from entente.consolidate.knowledge import MapKnowledge, RelationRule, load_map_knowledge
from entente.consolidate.relations import node_countries, political_nodes, rule_applies
from entente.store.db import Store


@dataclass(frozen=True, slots=True)
class EventEvidence:
    """One event of a cluster: where it is said, and whether it counts."""

    event_id: str
    doc_id: str
    outlet: str | None
    published: date | None
    date: str | None
    certainty: str
    sentence: str
    counts: bool
    rule: str  # the evidence rule it passed ("counts") or the first it failed


@dataclass(slots=True)
class ClusterEvidence:
    """One cluster between the two nodes and what it does for the map."""

    cluster_id: str
    type: str
    source: str
    target: str
    support: str
    relations: list[str]  # the relations it supports ("RUS adversary_of UKR")
    rule: str  # the relation rule that admitted it, or why it supports none
    events: list[EventEvidence] = field(default_factory=list)


@dataclass(slots=True)
class RelationAudit:
    """The relations between two nodes and every cluster behind or beside them."""

    a: str
    b: str
    relations: list[dict] = field(default_factory=list)
    clusters: list[ClusterEvidence] = field(default_factory=list)


def describe_rule(rule: RelationRule) -> str:
    """A relation rule in words: 'adversary_of from ACCUSE (at least 2 clusters)'."""
    text = f"{rule.kind} from {', '.join(sorted(rule.types))}"
    if rule.requires == "military_goods":
        text += " naming military goods"
    elif rule.requires == "treaty":
        text += " naming a treaty"
    if rule.excludes == "treaty":
        text += " naming no treaty"
    if rule.target == "non-state":
        text += ", to a non-state actor"
    if rule.min_clusters > 1:
        text += f" (at least {rule.min_clusters} clusters)"
    return text


def explain_relation(
    store: Store, a: str, b: str, knowledge: MapKnowledge | None = None
) -> RelationAudit:
    """The audit of the map between ``a`` and ``b`` (names, aliases or node ids).

    Raises NotFoundError when a name matches no actor.
    """
    knowledge = knowledge or load_map_knowledge()
    node_a, node_b = resolve_node(store, a, knowledge), resolve_node(store, b, knowledge)
    audit = RelationAudit(node_a, node_b)
    pair = [node_a, node_b]
    audit.relations = store.records(
        "SELECT source, target, kind, certainty, strength, first_seen, last_seen, n_clusters, "
        "documents FROM relations WHERE source IN (SELECT unnest(?)) "
        "AND target IN (SELECT unnest(?)) AND source <> target ORDER BY strength DESC, kind",
        [pair, pair],
    )
    supported: dict[str, list[str]] = {}
    for source, target, kind, cluster in store.fetchall(
        "SELECT source, target, kind, cluster_id FROM relation_clusters "
        "WHERE source IN (SELECT unnest(?)) AND target IN (SELECT unnest(?)) AND source <> target",
        [pair, pair],
    ):
        supported.setdefault(cluster, []).append(f"{source} {kind} {target}")
    clusters = store.records(
        "SELECT c.id, c.type, c.support, c.military, c.treaty, cd.source, cd.target "
        "FROM cluster_dyads cd JOIN clusters c ON c.id = cd.cluster_id "
        "WHERE cd.source IN (SELECT unnest(?)) AND cd.target IN (SELECT unnest(?)) "
        "AND cd.source <> cd.target ORDER BY c.date_first DESC NULLS LAST, c.id",
        [pair, pair],
    )
    members: dict[str, list[str]] = {}
    for cluster_id, event_id in store.fetchall(
        "SELECT cluster_id, event_id FROM cluster_members WHERE cluster_id IN (SELECT unnest(?))",
        [[c["id"] for c in clusters]],
    ):
        members.setdefault(cluster_id, []).append(event_id)
    events = {e.id: e for e in load_events(store, [e for ids in members.values() for e in ids])}
    attach_names(store, events.values(), knowledge)
    political = political_nodes(store, set(pair), knowledge)
    countries = node_countries(store, set(pair))
    domestic = any(is_state_node(x) and countries.get(y) == x for x, y in (pair, pair[::-1]))
    for cluster in clusters:
        rules = [r for r in knowledge.rules if rule_applies(r, cluster, cluster["target"])]
        at_home = (
            domestic
            and cluster["id"] not in supported
            and bool(rules)
            and all(r.kind in knowledge.not_within_one_state for r in rules)
        )
        found = ClusterEvidence(
            cluster["id"],
            cluster["type"],
            cluster["source"],
            cluster["target"],
            cluster["support"],
            sorted(supported.get(cluster["id"], [])),
            "a state and an actor of its own country (not_within_one_state)"
            if at_home
            else _cluster_rule(cluster, rules, supported, political),
        )
        tellings = [events[e] for e in members.get(cluster["id"], []) if e in events]
        failures = member_rules(tellings, knowledge)
        for event in sorted(tellings, key=lambda e: e.id):
            failed = failures[event.id]
            found.events.append(
                EventEvidence(
                    event.id,
                    event.doc_id,
                    event.outlet,
                    event.published_date,
                    event.date_start,
                    event.certainty,
                    event.sentence_text,
                    failed is None,
                    "counts" if failed is None else f"{failed}: {RULES[failed]}",
                )
            )
        audit.clusters.append(found)
    return audit


def _cluster_rule(
    cluster: dict, rules: list[RelationRule], supported: dict, political: set[str]
) -> str:
    if cluster["id"] in supported:
        return "; ".join(describe_rule(r) for r in rules)
    if cluster["support"] == NO_SUPPORT:
        return "no event of it passes the evidence rules"
    if cluster["support"] == PLACED:
        return "no event of it names its sides itself (evidence rule sides)"
    missing = [n for n in (cluster["source"], cluster["target"]) if n not in political]
    if missing:
        return f"{', '.join(missing)}: no political actor (map_nodes.not_relation_kinds)"
    if rules:
        return "below min_clusters: " + "; ".join(describe_rule(r) for r in rules)
    return f"no relation rule takes {cluster['type']} clusters"
