"""Read-only questions over the store: the CLI, the web API and exports all call these.

Each question is written once, as a function of an open ``Store``, its filters
and a few options, and returns plain records (dicts, lists) that every face
formats its own way. A read-only server may attach an in-memory read model to
its store (``store.read_model``, ``query.memory.ReadModel``): the functions
then ask it for ids and counts, and answer with the same records.

Modules by subject: ``filters`` (the shared filters and their checks),
``names`` (readable names of map nodes), ``events``, ``documents``,
``actors``, ``map`` (relations, graph, dyads, conflicts, claims), ``retrieval``
(ranked sentence search), ``tables``
(every table as the exports stream it), ``memory`` (the read model),
``retrieval`` (ranked sentence search), ``question`` (reading a question) and
``ask`` (a question answered from the map, each statement with its sentences).
"""

from __future__ import annotations

from entente.query.actors import find_actors, list_actors, mention_counts
from entente.query.documents import (
    count_documents,
    document_view,
    get_document,
    ingest_log,
    list_documents,
)
from entente.query.events import (
    candidate_page,
    event_page,
    event_record,
    get_event,
    overview,
    records_of,
    timeline,
)
from entente.query.filters import (
    EventFilters,
    check_period,
    event_filters,
    parse_edge,
    period_overlaps,
)
from entente.query.map import (
    claims,
    conflicts,
    dyad_events,
    dyad_series,
    graph,
    strongest_relations,
)
from entente.query.names import display_names, readable_name
from entente.query.retrieval import search_sentences
from entente.query.tables import (
    TABLES,
    iter_actors,
    iter_clusters,
    iter_documents,
    iter_dyads,
    iter_event_candidates,
    iter_events,
    iter_mentions,
    iter_relations,
)

__all__ = [
    "TABLES",
    "EventFilters",
    "candidate_page",
    "check_period",
    "claims",
    "conflicts",
    "count_documents",
    "display_names",
    "document_view",
    "dyad_events",
    "dyad_series",
    "event_filters",
    "event_page",
    "event_record",
    "find_actors",
    "get_document",
    "get_event",
    "graph",
    "ingest_log",
    "iter_actors",
    "iter_clusters",
    "iter_documents",
    "iter_dyads",
    "iter_event_candidates",
    "iter_events",
    "iter_mentions",
    "iter_relations",
    "list_actors",
    "list_documents",
    "mention_counts",
    "overview",
    "parse_edge",
    "period_overlaps",
    "readable_name",
    "records_of",
    "search_sentences",
    "strongest_relations",
    "timeline",
]
