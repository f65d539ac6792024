"""The events that answer a question, grouped into stories (clusters) and ranked by evidence.

``find_stories`` reads the events whose sides hold the asked actors (by map node, or by the
registry actor the question named), of the asked types and in the asked period, grouped by
the cluster that says they tell one event; ``mark_complete`` accepts a story found for one
actor when its sentence names the others; ``rank`` sorts them, most trusted first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from entente.consolidate.knowledge import load_map_knowledge
from entente.escaping import contains_text
from entente.query.question import Interpretation
from entente.store.db import Store

# Citations per answer, and the events read per question before grouping them by cluster.
MAX_CITATIONS = 3
MAX_EVENTS = 400
# Stories read per question (the clusters most told first), and tellings read per story.
MAX_STORIES = 40
EVENTS_PER_STORY = 3
# Tellings of a cluster whose numbers a "how many" answer reads.
MEMBERS_COUNTED = 50
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


def _node_condition(
    node: str, role: str, clusters_by_id: list[str] | None
) -> tuple[str, list[Any]]:
    """A cluster's sides hold the asked actor: as a map node, or (``clusters_by_id``: the
    clusters of the events whose sides name it) as the registry actor the question named,
    where the map rolls that actor up one way on the question's date and another on the
    article's (Sali Berisha is Albania in office, himself out of it)."""
    sides = {"actor": "actor", "recipient": "recipient"}
    chosen = [sides[role]] if role in sides else list(sides.values())
    clauses = [f"list_contains(c.{column}, ?)" for column in chosen]
    params: list[Any] = [node] * len(chosen)
    if clusters_by_id:
        clauses.append("list_contains(?::VARCHAR[], c.id)")
        params.append(clusters_by_id)
    return "(" + " OR ".join(clauses) + ")", params


def _clusters_naming(store: Store, actor_id: str, role: str) -> list[str]:
    """The clusters of the events whose sides name a registry actor (events.actor_ids)."""
    columns = {"actor": ["actor_ids"], "recipient": ["recipient_ids"]}.get(
        role, ["actor_ids", "recipient_ids"]
    )
    where = " OR ".join(f"list_contains({c}, ?)" for c in columns)
    events = [
        r[0]
        for r in store.fetchall(
            f"SELECT id FROM events WHERE {where} LIMIT {MAX_EVENTS}", [actor_id] * len(columns)
        )
    ]
    if not events:
        return []
    return sorted(
        {
            r[0]
            for r in store.fetchall(
                "SELECT cluster_id FROM cluster_members "
                "WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
                [events],
            )
        }
    )


def _literal_in(column: str, values: list[str]) -> str:
    # a short literal list of keys is looked up in the index; a joined list is hashed
    # against the whole table (query/map.py evidence_of: ~50 ms at 100k articles)
    return f"{column} IN ({', '.join('?' * len(values))})"


def find_stories(
    store: Store,
    asked: list[Asked],
    types: tuple[str, ...],
    window: tuple[Any, Any],
    strict_roles: bool,
    wanted_side: str | None = None,
    polarity: str | None = None,
    texts: tuple[str, ...] = (),
) -> list[Story]:
    """``read_stories`` by the asked map nodes; when none holds them, by the registry
    actors the question named too (a scan of events: only when the nodes find nothing)."""
    stories = read_stories(
        store, asked, types, window, strict_roles, False, wanted_side, polarity, texts
    )
    if not stories and any(actor_id and actor_id != node for node, _, actor_id in asked):
        stories = read_stories(
            store, asked, types, window, strict_roles, True, wanted_side, polarity
        )
    return stories


def read_stories(
    store: Store,
    asked: list[Asked],
    types: tuple[str, ...],
    window: tuple[Any, Any],
    strict_roles: bool,
    by_ids: bool,
    wanted_side: str | None = None,
    polarity: str | None = None,
    texts: tuple[str, ...] = (),
) -> list[Story]:
    """The clusters whose sides hold every asked node (in its role when ``strict_roles``),
    of the asked types, dated in the window (the cluster's date, else its first
    publication), told by most outlets first (at most MAX_STORIES), each with its first
    EVENTS_PER_STORY tellings of those types.

    In steps, each one scan of the clusters table or a lookup by key: as one join of
    events, nodes, members and documents it took ~700 ms at 100k articles, and reading
    every member of 120 clusters ~500 ms (busy machine).
    """
    where: list[str] = []
    params: list[Any] = []
    for node, role, actor_id in asked:
        side = role if strict_roles else "any"
        named = by_ids and actor_id and actor_id != node
        by_id = _clusters_naming(store, actor_id, side) if named and actor_id else None
        clause, values = _node_condition(node, side, by_id)
        where.append(clause)
        params += values
    if types:
        families = load_map_knowledge().type_families
        where.append("list_contains(?::VARCHAR[], c.family)")
        params.append(sorted({families.get(t, t) for t in types}))
    for text in texts:
        # a name no actor resolves ("Mosul"): its clusters are those a sentence writes it in
        where.append(
            "c.id IN (SELECT cluster_id FROM cluster_members WHERE event_id IN "
            f"(SELECT id FROM events WHERE {contains_text('sentence_text')}))"
        )
        params.append(text)
    since, until = window
    if since is not None:
        where.append("c.date_first >= ?")
        params.append(since)
    if until is not None:
        where.append("c.date_first <= ?")
        params.append(until)
    # a "who" question wants the side it asks for named: such clusters are read first
    named_first = f"len(c.{wanted_side}) = 0, " if wanted_side in ("actor", "recipient") else ""
    # and one that asks who did something wants acts done before acts not done
    if polarity in ("positive", "negative"):
        named_first += f"c.polarity <> '{polarity}', "
    clusters = {
        c["id"]: c
        for c in store.records(
            "SELECT id, type, actor, recipient, date_start, certainty, polarity, status, "
            "support, n_documents, n_outlets, outlets FROM clusters c "
            f"WHERE {' AND '.join(where) or 'TRUE'} "
            f"ORDER BY {named_first}c.n_outlets DESC, c.n_documents DESC, c.id LIMIT ?",
            [*params, MAX_STORIES],
        )
    }
    if not clusters:
        return []
    ids = list(clusters)
    members = store.fetchall(
        "SELECT cluster_id, event_id FROM cluster_members "
        f"WHERE {_literal_in('cluster_id', ids)} "
        "QUALIFY row_number() OVER (PARTITION BY cluster_id ORDER BY event_id) <= ?",
        [*ids, EVENTS_PER_STORY],
    )
    event_ids = sorted({e for _, e in members})
    events = store.records(
        "SELECT id, doc_id, sentence, type, polarity, certainty, tense, date_start, quantities, "
        "trigger, trigger_start, trigger_end, sentence_start, sentence_end, sentence_text, "
        f"confidence, attributed_to, actor_ids, recipient_ids FROM events "
        f"WHERE {_literal_in('id', event_ids)}",
        event_ids,
    )
    docs = sorted({e["doc_id"] for e in events})
    documents = {
        r[0]: (r[1], r[2])
        for r in store.fetchall(
            f"SELECT id, outlet, published FROM documents WHERE {_literal_in('id', docs)}", docs
        )
    }
    cluster_of = dict((e, c) for c, e in members)
    grouped: dict[str, list[dict[str, Any]]] = {}
    for event in sorted(events, key=lambda e: e["id"]):
        cluster = clusters[cluster_of[event["id"]]]
        # the cluster's sides (map nodes) are every telling's sides
        event["actor_nodes"], event["recipient_nodes"] = cluster["actor"], cluster["recipient"]
        event["outlet"], event["published"] = documents.get(event["doc_id"], (None, None))
        if not types or event["type"] in types:
            grouped.setdefault(cluster["id"], []).append(event)
    return [Story(key, grouped[key], clusters[key]) for key in ids if key in grouped]


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


def _names_the_asked_side(story: Story, asked: list[Asked], form: str) -> bool:
    """A "who" question asks for a side: a story whose other side is no one ("someone gave
    aid to Syria") answers it worse than one that names it."""
    if form != "who":
        return True
    asked_nodes = {node for node, _, _ in asked}
    roles = {role for _, role, _ in asked}
    cluster = story.cluster or {
        "actor": story.first["actor_nodes"],
        "recipient": story.first["recipient_nodes"],
    }
    sides = []
    if roles <= {"recipient"}:
        sides = [cluster["actor"]]
    elif roles <= {"actor"}:
        sides = [cluster["recipient"]]
    else:
        sides = [cluster["actor"], cluster["recipient"]]
    return any(set(side or ()) - asked_nodes for side in sides)


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
            not _names_the_asked_side(story, asked, reading.form),
            # "who accused Russia?" asks who did: an act not done ranks after those done
            reading.form != "yes_no" and story.polarity != reading.polarity,
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
    # only the stories whose sides miss an asked actor, the most told first, are read
    unsure = [s for s in stories if not all(held(s, n, a) for n, _, a in asked)]
    for story in unsure[MAX_STORIES:]:
        story.loose, story.complete = True, False
    unsure = unsure[:MAX_STORIES]
    docs = sorted({e["doc_id"] for s in unsure for e in s.events})
    if not docs:
        return
    named: dict[tuple[str, int], set[str]] = {}
    for doc_id, sentence, actor_id, country in store.fetchall(
        f"SELECT doc_id, sentence, actor_id, country FROM mentions WHERE {_literal_in('doc_id', docs)}",
        docs,
    ):
        named.setdefault((doc_id, sentence), set()).update(v for v in (actor_id, country) if v)
    for story in unsure:
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
    """The tellings of each story's cluster (up to MEMBERS_COUNTED), not only those the
    question's filters kept: the cluster says they tell one event, so their numbers are its
    numbers."""
    ids = [s.key for s in stories if s.cluster]
    if not ids:
        return
    members = store.fetchall(
        "SELECT cluster_id, event_id FROM cluster_members "
        f"WHERE {_literal_in('cluster_id', ids)} "
        "QUALIFY row_number() OVER (PARTITION BY cluster_id ORDER BY event_id) <= ?",
        [*ids, MEMBERS_COUNTED],
    )
    cluster_of = {event_id: cluster_id for cluster_id, event_id in members}
    if not cluster_of:
        return
    rows = store.records(
        "SELECT id, doc_id, sentence, certainty, quantities, trigger, trigger_start, trigger_end, "
        f"sentence_start, sentence_end FROM events WHERE {_literal_in('id', list(cluster_of))}",
        list(cluster_of),
    )
    for row in rows:
        row["cluster_id"] = cluster_of[row["id"]]
    by_cluster: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_cluster.setdefault(row.pop("cluster_id"), []).append(row)
    for story in stories:
        known = {e["id"] for e in story.events}
        story.events += [e for e in by_cluster.get(story.key, []) if e["id"] not in known]
