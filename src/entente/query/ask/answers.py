"""The statements of an answer: relations, events, counts, verdicts and sources, each with
its certainty and 1-3 citations (the stored sentence, its document, outlet, date and the
trigger's offsets). The words between two names come from ``data/ask/answer_words.tsv``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from entente.consolidate.knowledge import load_map_knowledge
from entente.errors import DataFileError
from entente.events.lexicon import data_rows
from entente.query.ask.stories import (
    CERTAINTY_ORDER,
    MAX_CITATIONS,
    Asked,
    Story,
    cited_events,
)
from entente.query.names import display_names
from entente.query.question import DATA_DIR
from entente.query.retrieval import search_sentences
from entente.store.db import Store

RETRIEVED = "retrieved, not coded"
# A relation is cited from its best clusters: this many are read, one telling each is cited.
RELATION_CLUSTERS_READ = 12


@dataclass(frozen=True, slots=True)
class AnswerWords:
    """answer_words.tsv: the words between two names for each relation kind and type."""

    positive: dict[str, str]
    negative: dict[str, str]

    def phrase(self, key: str, negative: bool = False) -> str:
        words = self.negative if negative else self.positive
        return words.get(key, key.lower().replace("_", " "))


@lru_cache(maxsize=2)
def load_answer_words(data_dir: Path | None = None) -> AnswerWords:
    path = (data_dir or DATA_DIR) / "ask" / "answer_words.tsv"
    positive, negative = {}, {}
    for number, (key, text, negated) in data_rows(path, 3):
        if key in positive:
            raise DataFileError(path, number, f"{key!r} is written twice")
        positive[key], negative[key] = text, negated
    return AnswerWords(positive, negative)


def citations_of(store: Store, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each event's sentence as the store holds it: ``documents.text[start:end]`` of its
    ``sentences`` row, with its document's outlet and date and the trigger's offsets."""
    if not events:
        return []
    docs = sorted({e["doc_id"] for e in events})
    marks = ", ".join("?" for _ in docs)
    documents = {
        row["id"]: row
        for row in store.records(
            f"SELECT id, outlet, published, title, text FROM documents WHERE id IN ({marks})", docs
        )
    }
    bounds = {
        (d, i): (s, e)
        for d, i, s, e in store.fetchall(
            f'SELECT doc_id, idx, start, "end" FROM sentences WHERE doc_id IN ({marks})', docs
        )
    }
    cited = []
    for event in events:
        document = documents.get(event["doc_id"])
        if document is None:
            continue
        start, end = bounds.get(
            (event["doc_id"], event["sentence"]),
            (event.get("sentence_start"), event.get("sentence_end")),
        )
        if start is None or end is None:
            continue
        cited.append(
            {
                "doc": event["doc_id"],
                "outlet": document["outlet"],
                "published": document["published"],
                "title": document["title"],
                "sentence": document["text"][start:end],
                "start": start,
                "end": end,
                "trigger": event.get("trigger"),
                "trigger_start": event.get("trigger_start"),
                "trigger_end": event.get("trigger_end"),
                "event_id": event.get("id"),
            }
        )
    return cited


def names_of(store: Store, nodes: Iterable[str]) -> dict[str, str]:
    nodes = sorted({n for n in nodes if n})
    return display_names(store, nodes) if nodes else {}


def _sides(event: dict[str, Any], names: dict[str, str], field: str) -> str:
    nodes = event[field] or []
    return " and ".join(names.get(n, n) for n in nodes) or "someone"


def story_text(story: Story, names: dict[str, str], words: Any) -> str:
    event = story.first
    negative = story.polarity == "negative"
    doer = _sides(event, names, "actor_nodes")
    target = _sides(event, names, "recipient_nodes") if event["recipient_nodes"] else ""
    if event["recipient_nodes"] and set(event["recipient_nodes"]) <= set(event["actor_nodes"]):
        target = "each other" if len(event["actor_nodes"]) > 1 else target  # a mutual act
    act = words.phrase(event["type"], negative)
    date = f" ({story.date})" if story.date else ""
    count = len({e["doc_id"] for e in story.events})
    told = f"{count} document{'s' if count != 1 else ''}"
    # who says so, where the telling is someone's word, not the outlet's own
    claimant = json.loads(event["attributed_to"]) if event.get("attributed_to") else None
    if claimant and claimant.get("name") and event["certainty"] != "asserted":
        told += f", according to {claimant['name']}"
    return (
        f"{doer} {act} {target}".rstrip()
        + f"{date}: \u201c{event['trigger']}\u201d; {story.certainty}, {told}"
    )


def story_answer(
    store: Store, story: Story, names: dict[str, str], words: Any, prefix: str = ""
) -> dict[str, Any]:
    return {
        "text": prefix + story_text(story, names, words),
        "kind": "event",
        "certainty": story.certainty,
        "citations": citations_of(store, cited_events(story)),
    }


def relations_between(
    store: Store, asked: list[Asked], kinds: tuple[str, ...], window: tuple[Any, Any]
) -> list[dict[str, Any]]:
    """Standing relations of ``kinds`` between the asked nodes, in their roles, strongest first."""
    if not kinds or not asked:
        return []
    symmetric = {r.kind for r in load_map_knowledge().rules if r.symmetric}
    where, params = ["list_contains(?::VARCHAR[], r.kind)"], [list(kinds)]
    for node, role, _ in asked:
        if role == "actor":
            where.append("(r.source = ? OR (list_contains(?::VARCHAR[], r.kind) AND r.target = ?))")
            params += [node, sorted(symmetric), node]
        elif role == "recipient":
            where.append("(r.target = ? OR (list_contains(?::VARCHAR[], r.kind) AND r.source = ?))")
            params += [node, sorted(symmetric), node]
        else:
            where.append("(r.source = ? OR r.target = ?)")
            params += [node, node]
    since, until = window
    # first_seen and last_seen are ISO dates at their own precision: compared at it
    if since is not None:
        where.append("(r.last_seen IS NULL OR r.last_seen >= substr(?, 1, length(r.last_seen)))")
        params.append(since.isoformat())
    if until is not None:
        where.append("(r.first_seen IS NULL OR r.first_seen <= substr(?, 1, length(r.first_seen)))")
        params.append(until.isoformat())
    return store.records(
        "SELECT r.source, r.target, r.kind, r.certainty, r.strength, r.n_clusters, "
        "r.first_seen, r.last_seen, r.documents FROM relations r "
        f"WHERE {' AND '.join(where)} ORDER BY r.strength DESC, r.source, r.target LIMIT 5",
        params,
    )


def _relation_citations(
    store: Store, relation: dict[str, Any], types: tuple[str, ...]
) -> list[dict[str, Any]]:
    """The relation's best clusters (rank order), one telling each; for a backing told only
    by "X-backed" (no cluster), the sentences that name it so."""
    # in steps, by key: joining relation_clusters with members and events scanned both
    # (100-250 ms a relation at 100k articles)
    ranked = dict(
        store.fetchall(
            "SELECT cluster_id, rank FROM relation_clusters WHERE source = ? AND target = ? "
            "AND kind = ? AND rank < ? ORDER BY rank",
            [relation["source"], relation["target"], relation["kind"], RELATION_CLUSTERS_READ],
        )
    )
    rows: list[dict[str, Any]] = []
    if ranked:
        members = store.fetchall(
            "SELECT cluster_id, event_id FROM cluster_members "
            f"WHERE cluster_id IN ({', '.join('?' * len(ranked))}) "
            "QUALIFY row_number() OVER (PARTITION BY cluster_id ORDER BY event_id) <= 4",
            list(ranked),
        )
        cluster_of = {event_id: cluster_id for cluster_id, event_id in members}
        if cluster_of:
            rows = store.records(
                "SELECT id, doc_id, sentence, trigger, trigger_start, trigger_end, "
                "sentence_start, sentence_end, type, certainty FROM events "
                f"WHERE id IN ({', '.join('?' * len(cluster_of))})",
                list(cluster_of),
            )
        for row in rows:
            row["rank"] = ranked[cluster_of[row["id"]]]
    if types and any(r["type"] in types for r in rows):
        rows = [r for r in rows if r["type"] in types]
    chosen, docs, ranks = [], set(), set()
    for row in sorted(
        rows, key=lambda r: (r["rank"], CERTAINTY_ORDER.get(r["certainty"], 9), r["id"])
    ):
        if row["doc_id"] in docs or row["rank"] in ranks:
            continue
        docs.add(row["doc_id"])
        ranks.add(row["rank"])
        chosen.append(row)
        if len(chosen) == MAX_CITATIONS:
            break
    if chosen:
        return citations_of(store, chosen)
    documents = sorted(relation["documents"])[:10]
    if not documents:
        return []
    backed = store.records(
        'SELECT doc_id, sentence, start AS trigger_start, "end" AS trigger_end, text AS trigger '
        "FROM mentions WHERE resolved_by = 'backed' "
        f"AND doc_id IN ({', '.join('?' * len(documents))}) "
        "AND actor_id IS NOT NULL ORDER BY doc_id, start LIMIT 20",
        documents,
    )
    seen, picked = set(), []
    for row in backed:
        if row["doc_id"] not in seen:
            seen.add(row["doc_id"])
            picked.append(row)
    return citations_of(store, picked[:MAX_CITATIONS])


def relation_answer(
    store: Store,
    relation: dict[str, Any],
    names: dict[str, str],
    words: Any,
    types: tuple[str, ...],
    prefix: str = "",
) -> dict[str, Any]:
    span = ""
    if relation["first_seen"]:
        span = f", {relation['first_seen']} to {relation['last_seen']}"
    count = len(relation["documents"])
    text = (
        f"{prefix}{names.get(relation['source'], relation['source'])} "
        f"{words.phrase(relation['kind'])} {names.get(relation['target'], relation['target'])} "
        f"(standing relation, {relation['certainty']}; {relation['n_clusters']} events in "
        f"{count} document{'s' if count != 1 else ''}{span})"
    )
    return {
        "text": text,
        "kind": "relation",
        "certainty": relation["certainty"],
        "citations": _relation_citations(store, relation, types),
    }


def how_many(store: Store, stories: list[Story], topic: tuple[str, ...]) -> list[dict[str, Any]]:
    """The counts the stories' events give for the asked thing, one answer per value, with a
    first answer saying where sources differ."""
    values: dict[float, list[dict[str, Any]]] = {}
    items: dict[float, str] = {}
    for story in stories:
        for event in story.events:
            for quantity in json.loads(event["quantities"] or "[]"):
                value, item = quantity.get("value"), quantity.get("item") or ""
                if value is None:
                    continue
                if topic and not any(word.lower() in item.lower() for word in topic):
                    continue
                values.setdefault(value, []).append(event)
                items.setdefault(value, item)
    answers = []
    ordered = sorted(values, key=lambda v: (-len({e["doc_id"] for e in values[v]}), v))
    for value in ordered:
        events = sorted(values[value], key=lambda e: CERTAINTY_ORDER.get(e["certainty"], 9))
        docs = {e["doc_id"] for e in events}
        cited = []
        for event in events:
            if event["doc_id"] not in {c["doc_id"] for c in cited}:
                cited.append(event)
        number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
        answers.append(
            {
                "text": f"{number} {items[value]} ({len(docs)} document{'s' if len(docs) != 1 else ''}; "
                f"{events[0]['certainty']})",
                "kind": "count",
                "certainty": events[0]["certainty"],
                "citations": citations_of(store, cited[:MAX_CITATIONS]),
            }
        )
    if len(answers) > 1:
        firsts = [a["citations"][0] for a in answers[:MAX_CITATIONS] if a["citations"]]
        numbers = " vs ".join(a["text"].split(" (")[0] for a in answers)
        answers.insert(
            0,
            {
                "text": f"Sources differ: {numbers}",
                "kind": "conflict",
                "certainty": "sources disagree",
                "citations": firsts,
            },
        )
    return answers


def yes_no(
    store: Store,
    stories: list[Story],
    relations: list[dict[str, Any]],
    names: dict[str, str],
    words: Any,
    types: tuple[str, ...],
    reading_names: list[str],
) -> list[dict[str, Any]]:
    """A verdict first, then the events behind it: never "yes" without a cited event.

    The verdict reads only stories that answer for every asked actor, told as done
    (no plan or condition), and of those the ones on most of the question's topic
    ("the October 7 attack", not another condemnation by the same actor).
    """
    evidence = [s for s in stories if s.complete and not s.loose and s.actual]
    loose = not evidence and any(s.complete and s.actual for s in stories)
    if loose:
        evidence = [s for s in stories if s.complete and s.actual]
    if evidence:
        best = max(s.topic_hits for s in evidence)
        evidence = [s for s in evidence if s.topic_hits == best]
    done = [
        s for s in evidence if s.polarity == "positive" and s.certainty in ("asserted", "reported")
    ]
    alleged = [s for s in evidence if s.polarity == "positive" and s.certainty == "alleged"]
    denied = [s for s in evidence if s.certainty in ("denied", "disputed")]
    not_done = [
        s
        for s in evidence
        if s.polarity == "negative" and s.certainty not in ("denied", "disputed")
    ]
    answers: list[dict[str, Any]] = []
    asserted_relations = [r for r in relations if r["certainty"] == "asserted"]
    if asserted_relations:
        answer = relation_answer(store, asserted_relations[0], names, words, types, "Yes: ")
        if answer["citations"]:
            answers.append(answer)
    if not answers and loose:
        # no event's sides are the asked pair; a sentence names them all: say so, no verdict
        story = evidence[0]
        answers.append(
            story_answer(
                store,
                story,
                names,
                words,
                "Not as coded: no event has the asked actors as its sides; this sentence names them: ",
            )
        )
    if not answers:
        if done and (not_done or denied):
            first = done[0]
            other = (denied or not_done)[0]
            answers.append(
                {
                    "text": "Sources disagree: "
                    + story_text(first, names, words)
                    + "; but "
                    + story_text(other, names, words),
                    "kind": "conflict",
                    "certainty": "sources disagree",
                    "citations": citations_of(
                        store, [cited_events(first)[0], cited_events(other)[0]]
                    ),
                }
            )
        elif done:
            answers.append(story_answer(store, done[0], names, words, "Yes: "))
        elif alleged and denied:
            first = alleged[0]
            answers.append(
                {
                    "text": "Sources disagree: alleged, "
                    + story_text(first, names, words)
                    + "; denied: "
                    + story_text(denied[0], names, words),
                    "kind": "conflict",
                    "certainty": "sources disagree",
                    "citations": citations_of(
                        store, [cited_events(first)[0], cited_events(denied[0])[0]]
                    ),
                }
            )
        elif alleged:
            answers.append(
                story_answer(store, alleged[0], names, words, "Alleged, not established: ")
            )
        elif denied:
            answers.append(story_answer(store, denied[0], names, words, "Denied: "))
        elif not_done:
            answers.append(story_answer(store, not_done[0], names, words, "No: "))
        else:
            answers.append(
                {
                    "text": _nothing_says(reading_names),
                    "kind": "none",
                    "certainty": "none",
                    "citations": [],
                }
            )
    used = {c["event_id"] for a in answers for c in a["citations"]}
    for story in stories:
        if len(answers) >= MAX_CITATIONS + 2:
            break
        if story.first["id"] in used:
            continue
        prefix = "" if story.complete else "Related, not the asked pair: "
        answers.append(story_answer(store, story, names, words, prefix))
    return answers


def refusal_answer(
    store: Store,
    stories: list[Story],
    refusals: frozenset[str],
    verbs: tuple[str, ...],
    topic: tuple[str, ...],
    names: dict[str, str],
    words: Any,
) -> dict[str, Any] | None:
    """ "No" from a refusal of the question's own act: a REJECT whose sentence says the
    actor refused or declined "to <the question's verb>" ("Did Kenya attend the hearing?":
    "Kenya has refused to attend a weeklong hearing"), on the question's topic or naming
    the other asked actors. None when no such refusal is told."""
    if not refusals or not verbs:
        return None
    cue = re.compile(r"\b(" + "|".join(sorted(map(re.escape, refusals))) + r")\s+to\s+(\w+)", re.I)
    stems = [v.lower()[: max(4, len(v) - 2)] for v in verbs]
    for story in stories:
        if not story.actual or story.polarity != "positive":
            continue
        for event in story.events:
            said = cue.search(event["sentence_text"])
            if said is None or not any(said.group(2).lower().startswith(s) for s in stems):
                continue
            on_topic = any(w.lower() in event["sentence_text"].lower() for w in topic)
            if not (story.complete or on_topic):
                continue
            answer = story_answer(store, story, names, words, f"No: {said.group(0)}: ")
            answer["kind"] = "refusal"
            return answer
    return None


def _nothing_says(asked: list[str]) -> str:
    together = f" about {' and '.join(asked)} together" if len(asked) > 1 else ""
    return f"Not found: nothing in the store says so{together} (no cited event of the asked act)."


def retrieved(
    store: Store, question: str, since: str | None, until: str | None, limit: int
) -> list[dict[str, Any]]:
    """Ranked sentences for what the structure does not answer."""
    answers = []
    for hit in search_sentences(store, question, limit=limit, since=since, until=until):
        citation = {
            "doc": hit["doc"],
            "outlet": hit.get("outlet"),
            "published": hit.get("published"),
            "title": hit.get("title"),
            "sentence": hit["sentence"],
            "start": hit["start"],
            "end": hit["end"],
            "trigger": None,
            "trigger_start": None,
            "trigger_end": None,
            "event_id": None,
        }
        answers.append(
            {
                "text": hit["sentence"],
                "kind": "retrieved",
                "certainty": RETRIEVED,
                "citations": [citation],
            }
        )
    return answers


def _source_name(event: dict[str, Any], cited: list[dict[str, Any]]) -> str:
    """The outlet, else the document's title, else its id: a source a reader can find."""
    if event["outlet"]:
        return event["outlet"]
    title = cited[0]["title"] if cited and cited[0]["title"] else None
    return f"\u201c{title}\u201d" if title else f"document {event['doc_id']}"


def sources(store: Store, stories: list[Story], limit: int) -> list[dict[str, Any]]:
    """One answer per document telling the stories, most trusted telling first (``limit``)."""
    answers: list[dict[str, Any]] = []
    seen: set[str] = set()
    for story in stories:
        for event in story.events:
            if event["doc_id"] in seen or len(answers) >= limit:
                continue
            seen.add(event["doc_id"])
            cited = citations_of(store, [event])
            claimant = json.loads(event["attributed_to"]) if event["attributed_to"] else None
            who = f", according to {claimant['name']}" if claimant and claimant.get("name") else ""
            answers.append(
                {
                    "text": f"{_source_name(event, cited)} ({event['published'] or 'undated'}): "
                    f"{event['certainty']}{who}",
                    "kind": "source",
                    "certainty": event["certainty"],
                    "citations": cited,
                }
            )
    return answers
