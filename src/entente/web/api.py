"""The JSON API under /api/: every route reads, none writes.

Routes are plain ``def``s (FastAPI runs them on its thread pool), each with its
own cursor of the app's read-only store, which carries the app's read model.
They check parameters and call ``entente.query``; the answers' shapes are the
contract with the page.

The dependencies (``get_store``, ``shared_filters``) are ``async``: they do
microseconds of work and never block, and FastAPI runs a plain ``def``
dependency on the thread pool too, a generator one twice (enter and exit).
With them plain, a request made up to five trips between the event loop and
the pool, each a thread wake-up that waits for a core: with 20 clients on 2
cores that waiting, not the queries, made most of the p95 (BENCHMARKS.md, "The
web API under 20 concurrent clients").
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from entente import query, vocabulary
from entente.query import EventFilters
from entente.store.db import Store

router = APIRouter(prefix="/api")


class CursorStore(Store):
    """A ``Store`` over its own cursor of an open read-only store: one per request.

    A cursor shares the parent's database and cache; it needs no migration check
    and no new file handle, so opening one costs microseconds.
    """

    def __init__(self, parent: Store) -> None:
        self.path = parent.path
        self.read_only = True
        self.read_model = parent.read_model
        self.con = parent.con.cursor()


async def get_store(request: Request) -> AsyncIterator[Store]:
    cursor = CursorStore(request.app.state.store)
    try:
        yield cursor
    finally:
        cursor.close()


async def shared_filters(
    since: Annotated[
        str | None, Query(description="Events dated on or after: YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        str | None, Query(description="Events dated on or before (the whole period named).")
    ] = None,
    types: Annotated[
        str | None, Query(description="Comma list of PLOVER types, e.g. ASSAULT,AGREE.")
    ] = None,
    certainty: Annotated[
        str | None,
        Query(description=f"Comma list of {', '.join(vocabulary.CERTAINTIES)}."),
    ] = None,
    polarity: Annotated[
        str | None, Query(description=f"{' or '.join(vocabulary.POLARITIES)}.")
    ] = None,
    outlets: Annotated[
        str | None, Query(description="Comma list of outlet names, e.g. Voice of America.")
    ] = None,
    q: Annotated[
        str | None, Query(description="Text the evidence sentence contains (any case).")
    ] = None,
) -> EventFilters:
    return query.event_filters(since, until, types, certainty, polarity, outlets, q)


StoreDep = Annotated[Store, Depends(get_store)]
FiltersDep = Annotated[EventFilters, Depends(shared_filters)]


@router.get("/overview", summary="What the store holds: counts, dates, outlets, types")
def overview(store: StoreDep) -> dict[str, Any]:
    return query.overview(store)


@router.get("/vocabulary", summary="Event types, modes, certainties, polarities, relation kinds")
def vocabulary_route() -> dict[str, Any]:
    return vocabulary.vocabulary()


@router.get("/graph", summary="Relations as a graph, strongest first, with their actors")
def graph(
    store: StoreDep,
    filters: FiltersDep,
    limit: Annotated[int, Query(ge=1, le=500, description="Most edges to return.")] = 60,
    min_documents: Annotated[
        int,
        Query(
            ge=1, description="Leave out relations resting on fewer documents (2: no lone article)."
        ),
    ] = 1,
    corroborated: Annotated[
        bool,
        Query(
            description="Leave out relations of one event (but a backing: relations.yaml's "
            "corroboration.single_event_kinds), or of fewer events than relations.yaml's "
            "corroboration.min_clusters (3 as shipped) none told by two documents "
            "(the default map)."
        ),
    ] = False,
) -> dict[str, Any]:
    return query.graph(
        store, filters, limit=limit, min_documents=min_documents, corroborated=corroborated
    )


@router.get("/events", summary="A page of events by their own date, newest first")
def events(
    store: StoreDep,
    filters: FiltersDep,
    actor: Annotated[str | None, Query(description="Country code, actor id or name.")] = None,
    recipient: Annotated[str | None, Query(description="Country code, actor id or name.")] = None,
    edge: Annotated[
        str | None, Query(description="A graph edge id, source|target|kind: its events.")
    ] = None,
    node: Annotated[
        str | None, Query(description="A graph node id: events where it is actor or recipient.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> dict[str, Any]:
    return query.event_page(
        store,
        filters,
        actor=actor,
        recipient=recipient,
        edge=edge,
        node=node,
        limit=limit,
        offset=offset,
    )


@router.get("/events/{event_id}", summary="One event record with its evidence")
def event(store: StoreDep, event_id: str) -> dict[str, Any]:
    return query.get_event(store, event_id)


@router.get("/timeline", summary="Monthly counts per quad class, and the events when few")
def timeline(
    store: StoreDep,
    filters: FiltersDep,
    limit: Annotated[
        int, Query(ge=0, le=10_000, description="Most individual events to return.")
    ] = 2000,
) -> dict[str, Any]:
    return query.timeline(store, filters, limit=limit)


@router.get("/actors", summary="Actors matching an id, country code or name, most active first")
def actors(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> dict[str, Any]:
    return {"actors": query.find_actors(store, q, limit=limit)}


@router.get("/dyad", summary="The period-by-period series between two actors")
def dyad(
    store: StoreDep,
    a: Annotated[str, Query(min_length=1, max_length=200, description="Actor id or name.")],
    b: Annotated[str, Query(min_length=1, max_length=200, description="Actor id or name.")],
    since: Annotated[
        str | None, Query(description="Periods that end on or after: YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        str | None, Query(description="Periods that start on or before (the whole period named).")
    ] = None,
) -> dict[str, Any]:
    # Only the date range: the periods are precomputed sums over every type,
    # certainty and outlet, so the other filters cannot be applied to them.
    return query.dyad_series(store, a, b, window=query.event_filters(since=since, until=until))


@router.get("/dyad/events", summary="The clusters between two actors, for one month or all")
def dyad_events(
    store: StoreDep,
    filters: FiltersDep,
    a: Annotated[str, Query(min_length=1, max_length=200)],
    b: Annotated[str, Query(min_length=1, max_length=200)],
    month: Annotated[
        str | None, Query(pattern=r"^\d{4}(-\d{2})?$", description="YYYY-MM, or a year YYYY.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="Most clusters to return.")] = 200,
) -> dict[str, Any]:
    return query.dyad_events(store, a, b, filters, month=month, limit=limit)


@router.get("/conflicts", summary="Where sources disagree, with the sentences side by side")
def conflicts(
    store: StoreDep,
    filters: FiltersDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> dict[str, Any]:
    return query.conflicts(store, filters, limit=limit)


@router.get("/claims", summary="Claims: who says what happened, and how many outlets carry it")
def claims(
    store: StoreDep,
    filters: FiltersDep,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict[str, Any]:
    return {"claims": query.claims(store, filters, actor=actor, limit=limit)}


@router.get("/documents/{doc_id}", summary="An article with its sentences, mentions and events")
def document(store: StoreDep, doc_id: str) -> dict[str, Any]:
    return query.document_view(store, doc_id)


@router.get("/search", summary="Stored sentences ranked by how well they match the words (BM25)")
def search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words to search for.")],
    since: Annotated[
        str | None,
        Query(description="Articles published on or after: YYYY, YYYY-MM or YYYY-MM-DD."),
    ] = None,
    until: Annotated[
        str | None, Query(description="Articles published on or before (the whole period named).")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> dict[str, Any]:
    # The ranked companion of the filters' ``q`` (a substring the evidence
    # sentence must contain): every stored sentence, coded into an event or not.
    return {"sentences": query.search_sentences(store, q, limit=limit, since=since, until=until)}


@router.get("/ask", summary="A question answered from the map, each statement with its sentences")
def ask(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="The question.")],
    since: Annotated[
        str | None,
        Query(description="Only what is dated on or after: YYYY, YYYY-MM or YYYY-MM-DD."),
    ] = None,
    until: Annotated[
        str | None, Query(description="Only what is dated on or before (the whole period named).")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=50, description="Most answers to return.")] = 10,
) -> dict[str, Any]:
    from entente.query.ask import ask as answer

    return answer(store, q, since=since, until=until, limit=limit)
