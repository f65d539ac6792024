"""Answering a question from the map: relations first, then events, each with its sentences.

``ask(store, question, since, until)`` reads the question (``query.question``), then
answers it from what the store already holds, most trusted first:

1. standing relations of the kinds the question's words name (``relations``), each
   cited by the best events behind it (``relation_clusters`` in rank order);
2. the clustered events between the actors asked about, of the types the question's
   words name (``event_nodes``, ``cluster_members``, ``clusters``), sorted by evidence:
   events on the question's topic, then in the asked direction, then asserted, then
   told by more outlets and documents;
3. by the question's form: who did it, what, when, how many (the events' quantities,
   one answer per value where sources differ), which sources, or yes or no (from
   events of either polarity and from denials: "yes" only with a cited event).

Every statement carries its certainty and 1-3 citations: the stored sentence
(``documents.text[start:end]`` of a ``sentences`` row) with its document, outlet,
date and the trigger's offsets. When the structure answers nothing, ranked full-text
retrieval (``query.retrieval.search_sentences``) answers with
sentences marked "retrieved, not coded"; otherwise the answer says plainly that
nothing in the store answers.
"""

from __future__ import annotations

from typing import Any

from entente.consolidate.actors import load_actor_index, map_node
from entente.consolidate.knowledge import load_map_knowledge
from entente.errors import UsageError
from entente.query.ask.answers import (
    RETRIEVED,
    citations_of,
    how_many,
    load_answer_words,
    names_of,
    refusal_answer,
    relation_answer,
    relations_between,
    retrieved,
    sources,
    story_answer,
    yes_no,
)
from entente.query.ask.stories import (
    MAX_CITATIONS,
    Asked,
    Story,
    find_stories,
    mark_complete,
    rank,
    with_all_members,
)
from entente.query.filters import event_filters
from entente.query.question import (
    Interpretation,
    QuestionKnowledge,
    QuestionReader,
    default_reader,
    interpret,
    load_question_knowledge,
)
from entente.store.db import Store

NONE_ANSWER = "No coded event or relation in the store answers this question."


def warm() -> None:
    """Load the pipeline, registry and word lists now, so the first question is fast."""
    default_reader()
    load_question_knowledge()
    load_answer_words()
    load_map_knowledge()


def ask(
    store: Store,
    question: str,
    since: str | None = None,
    until: str | None = None,
    limit: int = 10,
    reader: QuestionReader | None = None,
    knowledge: QuestionKnowledge | None = None,
) -> dict[str, Any]:
    """Answer a question from the store: ``{question, interpretation, answers}``.

    ``since``/``until`` (ISO dates at any precision) bound the events' dates; without
    them a period the question names ("in April 2024") does. Raises UsageError for an
    empty question or a bad date.
    """
    if not question.strip():
        raise UsageError('The question is empty: write one, e.g. "Who supplies drones to Russia?"')
    event_filters(since=since, until=until)  # a wrong date is refused before the parser loads
    knowledge = knowledge or load_question_knowledge()
    reading = interpret(question, reader or default_reader(), knowledge)
    window_since = since if since is not None else reading.since
    window_until = until if until is not None else reading.until
    filters = event_filters(since=window_since, until=window_until)
    window = (filters.since, filters.until)
    reading.since, reading.until = window_since, window_until
    _resolve_nodes(store, reading)
    if reading.types and all(_is_symmetric(t, knowledge) for t in reading.types):
        # a meeting is told either way round ("MBS met with Rubio" answers "did Rubio
        # meet MBS?"): plover.yaml's symmetric types ask for no side
        for actor in reading.actors:
            actor.role = "any"
    asked = [(a.node, a.role, a.ref.actor_id) for a in reading.actors if a.node]
    words = load_answer_words()
    answers: list[dict[str, Any]] = []
    roles = {role for _, role, _ in asked}
    wanted = None
    if reading.form == "who" and roles == {"recipient"}:
        wanted = "actor"
    elif reading.form == "who" and roles == {"actor"}:
        wanted = "recipient"
    polarity = None if reading.form == "yes_no" else reading.polarity
    # with no actor to look by, a name the resolver does not know is looked for in the text
    texts = reading.unresolved if not asked else ()
    stories = find_stories(store, asked, reading.types, window, True, wanted, polarity, texts)
    if not stories and any(role != "any" for _, role, _ in asked):
        stories = find_stories(store, asked, reading.types, window, False, wanted, polarity)
    if not stories and len(asked) > 1:
        # each actor alone, in its role: the coder may have missed a side the sentence names
        found: dict[str, Story] = {}
        for one in asked:
            for story in find_stories(store, [one], reading.types, window, strict_roles=True):
                found.setdefault(story.key, story)
        stories = list(found.values())
        mark_complete(store, stories, asked)
        reading.note = "no event's sides hold every actor asked; events of one of them follow"
    if reading.unresolved:
        for story in stories:
            story.complete = story.complete and all(
                any(name.lower() in e["sentence_text"].lower() for e in story.events)
                for name in reading.unresolved
            )
    rank(stories, asked, reading)
    relations = relations_between(store, asked, reading.relation_kinds, window)
    names = names_of(
        store,
        [n for s in stories for e in s.events for n in (*e["actor_nodes"], *e["recipient_nodes"])]
        + [n for r in relations for n in (r["source"], r["target"])],
    )
    if reading.form == "yes_no":
        asked_names = [a.name or a.text for a in reading.actors] + list(reading.unresolved)
        answers = yes_no(store, stories, relations, names, words, reading.types, asked_names)
        if answers and answers[0]["kind"] == "none":
            refused = _refusal(store, reading, asked, window, knowledge)
            if refused is not None:
                answers[0] = refused
    elif reading.form == "how_many":
        counted = [s for s in stories if s.complete]
        with_all_members(store, counted)
        answers = how_many(store, counted, reading.topic)
        answers += [story_answer(store, s, names, words) for s in stories[:MAX_CITATIONS]]
    elif reading.form == "which_sources":
        answers = sources(store, stories, limit)
    else:
        answers = [relation_answer(store, r, names, words, reading.types) for r in relations]
        ordered = stories
        if reading.form == "when":
            ordered = sorted(
                stories, key=lambda s: (s.score[0], s.score[1], s.date or "9999", s.score)
            )
        # composed only as far as the answer goes: each costs its citations' lookups
        answers += [story_answer(store, s, names, words) for s in ordered[:limit]]
    answers = _distinct([a for a in answers if a["citations"] or a["kind"] == "none"])[:limit]
    if all(a["kind"] == "none" for a in answers):
        # nothing coded answers: say so first, then what a text search finds, marked
        # "retrieved, not coded" (never a verdict)
        found = retrieved(store, reading.question, window_since, window_until, min(limit, 5))
        first = answers[0] if answers else None
        if first is None:
            text = NONE_ANSWER + (" Sentences found by their words follow." if found else "")
            first = {"text": text, "kind": "none", "certainty": "none", "citations": []}
        answers = [first, *found][:limit]
    return {"question": reading.question, "interpretation": reading.record(), "answers": answers}


def _refusal(
    store: Store,
    reading: Interpretation,
    asked: list[Asked],
    window: tuple[Any, Any],
    knowledge: QuestionKnowledge,
) -> dict[str, Any] | None:
    """A refusal of the asked act by the asked actor (a REJECT: "refused to attend"), as
    the "No" of a yes/no question that no event of the act answers."""
    doers = [(n, "actor", i) for n, role, i in asked if role in ("actor", "any")][:1]
    if not doers:
        return None
    stories = find_stories(store, doers, ("REJECT",), window, True)
    if not stories:
        return None
    mark_complete(store, stories, asked)
    names = names_of(
        store,
        [n for s in stories for e in s.events for n in (*e["actor_nodes"], *e["recipient_nodes"])],
    )
    return refusal_answer(
        store, stories, knowledge.refusals, reading.words, reading.topic, names, load_answer_words()
    )


def _distinct(answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One answer per statement and sentence: copies of one article (a wire story carried
    by several outlets) that the map keeps as several stories say the same thing once."""
    seen: set[tuple[str, ...]] = set()
    kept = []
    for answer in answers:
        key = (
            answer["kind"],
            answer["text"].split(":", 1)[0],
            *(c["sentence"].strip() for c in answer["citations"]),
        )
        if key in seen:
            continue
        seen.add(key)
        kept.append(answer)
    return kept


def _is_symmetric(type_name: str, knowledge: QuestionKnowledge) -> bool:
    # the lexicon the question was read with: load_lexicon() re-reads every data file
    ptype = knowledge.lexicon.types.get(type_name)
    return ptype is not None and ptype.symmetric


def _resolve_nodes(store: Store, reading: Interpretation) -> None:
    """Each asked actor's map node, as the map rolls the articles' actors up (Lavrov -> RUS)."""
    knowledge = load_map_knowledge()
    ids = [a.ref.actor_id for a in reading.actors if a.ref.actor_id]
    index = load_actor_index(store, ids)
    for actor in reading.actors:
        actor.node = map_node(actor.ref, index, knowledge) or actor.ref.country
    names = names_of(store, [a.node for a in reading.actors if a.node])
    for actor in reading.actors:
        actor.name = names.get(actor.node) if actor.node else None
    # two words for one node ("Lavrov ... Moscow") ask about it once, in the first role given
    seen: dict[str, str] = {}
    kept = []
    for actor in reading.actors:
        if actor.node in seen:
            continue
        seen[actor.node or ""] = actor.role
        kept.append(actor)
    reading.actors = kept


__all__ = ["MAX_CITATIONS", "RETRIEVED", "ask", "citations_of", "load_answer_words", "warm"]
