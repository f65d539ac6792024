"""The events that answer a question, grouped into stories (clusters) and ranked by evidence.

``find_stories`` reads the events whose sides hold the asked actors (by map node, or by the
registry actor the question named), of the asked types and in the asked period, grouped by
the cluster that says they tell one event; ``mark_complete`` accepts a story found for one
actor when its sentence names the others; ``rank`` sorts them, most trusted first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from entente.query.question import Interpretation
from entente.store.db import Store

# Citations per answer, and the events read per question before grouping them by cluster.
MAX_CITATIONS = 3
MAX_EVENTS = 400
# An event's certainty, most trusted first: the order its tellings are cited in.
CERTAINTY_ORDER = {"asserted": 0, "reported": 1, "alleged": 2, "denied": 3}
# An asked actor: its map node, its role (actor, recipient, any) and its registry id.
Asked = tuple[str, str, str | None]


@dataclass(slots=True)
class Story:
    """One clustered event (or a lone event) between the asked actors, with its tellings."""

    key: str
    events: list[dict[str, Any]]
    cluster: dict[str, Any] | None
    score: tuple[Any, ...] = ()
    # whether it answers for every actor asked: its sides hold them all, or its sentence
    # names those its sides miss (and writes every name no actor resolved)
    complete: bool = True
    # complete only through its sentence's names, not its sides: the coder's sides differ
    loose: bool = False
    topic_hits: int = 0

    @property
    def first(self) -> dict[str, Any]:
        return self.events[0]

    @property
    def polarity(self) -> str:
        return self.cluster["polarity"] if self.cluster else self.first["polarity"]

    @property
    def certainty(self) -> str:
        if self.cluster and self.cluster["status"] in ("denied", "disputed"):
            return self.cluster["status"]
        return self.cluster["certainty"] if self.cluster else self.first["certainty"]

    @property
    def actual(self) -> bool:
        """Told as done: not a plan, a forecast or a condition ("if the Kremlin agrees")."""
        return any(e["tense"] == "actual" for e in self.events)

    @property
    def date(self) -> str | None:
        if self.cluster and self.cluster["date_start"]:
            return self.cluster["date_start"]
        return self.first["date_start"]


def _node_condition(node: str, role: str, actor_id: str | None) -> tuple[str, list[str]]:
    """An event side holds the asked actor: as its map node, or as the registry actor the
    question named (a person the map rolls up one way on the question's date and another
    on the article's: Sali Berisha is Albania in office, himself out of it)."""
    key = actor_id or node
    sides = {
        "actor": ("actor_nodes", "actor_ids"),
        "recipient": ("recipient_nodes", "recipient_ids"),
    }
    chosen = [sides[role]] if role in sides else list(sides.values())
    clauses, params = [], []
    for nodes, ids in chosen:
        clauses.append(f"list_contains(n.{nodes}, ?) OR list_contains(e.{ids}, ?)")
        params += [node, key]
    return "(" + " OR ".join(clauses) + ")", params


def find_stories(
    store: Store,
    asked: list[Asked],
    types: tuple[str, ...],
    window: tuple[Any, Any],
    strict_roles: bool,
) -> list[Story]:
    """The events that name every asked node (in its role when ``strict_roles``), of the
    asked types, in the window (the event's own date, else its document's), by cluster."""
    where: list[str] = []
    params: list[Any] = []
    for node, role, actor_id in asked:
        clause, values = _node_condition(node, role if strict_roles else "any", actor_id)
        where.append(clause)
        params += values
    if types:
        where.append("list_contains(?::VARCHAR[], e.type)")
        params.append(list(types))
    since, until = window
    day = "coalesce(e.date_first, d.published_date)"
    if since is not None:
        where.append(f"{day} >= ?")
        params.append(since)
    if until is not None:
        where.append(f"{day} <= ?")
        params.append(until)
    rows = store.records(
        "SELECT e.id, e.doc_id, e.sentence, e.type, e.polarity, e.certainty, e.tense, "
        "e.date_start, e.quantities, e.trigger, e.trigger_start, e.trigger_end, "
        "e.sentence_start, e.sentence_end, e.sentence_text, e.confidence, e.attributed_to, "
        "n.actor_nodes, n.recipient_nodes, e.actor_ids, e.recipient_ids, m.cluster_id, "
        "d.outlet, d.published "
        "FROM events e JOIN event_nodes n ON n.event_id = e.id "
        "JOIN documents d ON d.id = e.doc_id "
        "LEFT JOIN cluster_members m ON m.event_id = e.id "
        f"WHERE {' AND '.join(where) or 'TRUE'} "
        "ORDER BY e.id LIMIT ?",
        [*params, MAX_EVENTS],
    )
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row["cluster_id"] or f"event:{row['id']}", []).append(row)
    clusters = {}
    ids = [k for k in grouped if not k.startswith("event:")]
    if ids:
        marks = ", ".join("?" for _ in ids)
        clusters = {
            c["id"]: c
            for c in store.records(
                "SELECT id, type, actor, recipient, date_start, certainty, polarity, status, "
                f"support, n_documents, n_outlets, outlets FROM clusters WHERE id IN ({marks})",
                ids,
            )
        }
    return [Story(key, events, clusters.get(key)) for key, events in grouped.items()]


def _topic_hits(event: dict[str, Any], topic: tuple[str, ...]) -> int:
    text = event["sentence_text"].lower()
    return sum(word.lower() in text for word in topic)


def _says_act(event: dict[str, Any], words: tuple[str, ...]) -> bool:
    """Whether the event's trigger is the question's own act word ("praised" for "praise"):
    the same word is better evidence than another word of the same type."""
    trigger = (event["trigger"] or "").lower()
    return any(trigger.startswith(w.lower()[: max(4, len(w) - 2)]) for w in words)


def holds(event: dict[str, Any], side: str, node: str, actor_id: str | None) -> bool:
    return node in (event[f"{side}_nodes"] or ()) or (actor_id or node) in (
        event[f"{side}_ids"] or ()
    )


def rank(stories: list[Story], asked: list[Asked], reading: Interpretation) -> None:
    """Sort the stories by evidence, and each story's tellings by trust."""
    topic = reading.topic
    for story in stories:
        story.events.sort(
            key=lambda e: (
                CERTAINTY_ORDER.get(e["certainty"], 9),
                -(e["confidence"] or 0.0),
                e["published"] or "",
                e["id"],
            )
        )
        story.topic_hits = max(_topic_hits(e, topic) for e in story.events) if topic else 0
        says_act = any(_says_act(e, reading.words) for e in story.events)
        direction = all(
            role == "any" or any(holds(e, role, node, actor_id) for e in story.events)
            for node, role, actor_id in asked
        )
        cluster = story.cluster or {}
        story.score = (
            not story.complete,
            story.loose,
            -story.topic_hits,
            not says_act,
            not direction,
            CERTAINTY_ORDER.get(story.certainty, 5),
            -(cluster.get("n_outlets") or 1),
            -len({e["doc_id"] for e in story.events}),
            -max((e["confidence"] or 0.0) for e in story.events),
            story.key,
        )
    stories.sort(key=lambda s: s.score)


def cited_events(story: Story) -> list[dict[str, Any]]:
    """1-3 tellings of a story, one per document, most trusted first."""
    chosen, seen = [], set()
    for event in story.events:
        if event["doc_id"] in seen:
            continue
        seen.add(event["doc_id"])
        chosen.append(event)
        if len(chosen) == MAX_CITATIONS:
            break
    return chosen


def held(story: Story, node: str, actor_id: str | None) -> bool:
    return any(
        holds(e, side, node, actor_id) for e in story.events for side in ("actor", "recipient")
    )


def mark_complete(store: Store, stories: list[Story], asked: list[Asked]) -> None:
    """A story found for one asked actor answers for all when its sentence names the
    others (a mention of that actor or of its state): the coder missed the side."""
    docs = sorted({e["doc_id"] for s in stories for e in s.events})
    if not docs:
        return
    named: dict[tuple[str, int], set[str]] = {}
    for doc_id, sentence, actor_id, country in store.fetchall(
        "SELECT doc_id, sentence, actor_id, country FROM mentions WHERE doc_id IN (SELECT unnest(?))",
        [docs],
    ):
        named.setdefault((doc_id, sentence), set()).update(v for v in (actor_id, country) if v)
    for story in stories:
        if all(held(story, node, actor_id) for node, _, actor_id in asked):
            continue
        story.loose = True
        story.complete = any(
            all(
                held(story, node, actor_id)
                or {node, actor_id or node} & named.get((e["doc_id"], e["sentence"]), set())
                for node, _, actor_id in asked
            )
            for e in story.events
        )


def with_all_members(store: Store, stories: list[Story]) -> None:
    """Every telling of each story's cluster, not only those the question's filters kept:
    the cluster says they tell one event, so their numbers are its numbers."""
    ids = [s.key for s in stories if s.cluster]
    if not ids:
        return
    rows = store.records(
        "SELECT m.cluster_id, e.id, e.doc_id, e.sentence, e.certainty, e.quantities, e.trigger, "
        "e.trigger_start, e.trigger_end, e.sentence_start, e.sentence_end "
        "FROM cluster_members m JOIN events e ON e.id = m.event_id "
        "WHERE m.cluster_id IN (SELECT unnest(?))",
        [ids],
    )
    by_cluster: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_cluster.setdefault(row.pop("cluster_id"), []).append(row)
    for story in stories:
        known = {e["id"] for e in story.events}
        story.events += [e for e in by_cluster.get(story.key, []) if e["id"] not in known]
