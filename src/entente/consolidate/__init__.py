"""One map across documents: actors merged, events clustered, relations and dyads derived.

The ingest calls ``update_map(store, doc_ids)`` after each batch it stores;
``rebuild_map(store)`` recomputes everything (after a change to the data files).
The update is incremental and order-free: it touches only the blocks (type
family + map dyad) of the new documents' events, and for those it gets exactly
what a rebuild would, so ingesting a corpus in two halves gives the same
clusters and relations as ingesting it at once. What it reads of an actor is
what all stored documents say of it (``actors.settle_countries``); when that
changes, the documents naming the actor are recomputed, as after a merge.

>>> from entente.store.db import Store
>>> with Store(":memory:") as store:
...     update_map(store, []).clusters_written
0
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from entente.consolidate.actors import load_actor_index, settle_countries
from entente.consolidate.blocks import assign_map_view, load_document_events
from entente.consolidate.clusters import delete_clusters, recluster, write_clusters
from entente.consolidate.dyads import refresh_dyads
from entente.consolidate.knowledge import MapKnowledge, load_map_knowledge
from entente.consolidate.merges import auto_merge_actors
from entente.consolidate.relations import backer_pairs, refresh_relations
from entente.consolidate.tables import clear_map
from entente.store.db import Store

__all__ = ["MapUpdate", "extend_map", "rebuild_map", "refresh_actors", "update_map"]

# Documents whose map view one pass of an update recomputes (see _update).
REFRESH_SLICE_DOCS = 256


@dataclass(slots=True)
class MapUpdate:
    """What an update changed, for the ingest summary."""

    documents: int = 0
    events: int = 0
    merges: int = 0
    clusters_written: int = 0
    clusters_removed: int = 0
    pairs: int = 0
    relations_written: int = 0
    dyad_rows_written: int = 0
    elapsed_s: float = 0.0


def update_map(
    store: Store, doc_ids: list[str], knowledge: MapKnowledge | None = None
) -> MapUpdate:
    """Bring the map up to date with newly stored documents, in one transaction.

    Returns what changed. Raises StoreError if the store cannot be written.
    """
    with store.transaction():
        return extend_map(store, doc_ids, knowledge)


def extend_map(
    store: Store, doc_ids: list[str], knowledge: MapKnowledge | None = None
) -> MapUpdate:
    """``update_map`` inside the caller's transaction: ingest writes a batch and
    its share of the map together, so a killed run never leaves documents
    stored but missing from the map."""
    started = time.perf_counter()
    update = _update(store, doc_ids, knowledge or load_map_knowledge())
    update.elapsed_s = time.perf_counter() - started
    return update


def rebuild_map(store: Store, knowledge: MapKnowledge | None = None) -> MapUpdate:
    """Throw the map away and build it from every stored document (manual merges kept)."""
    started = time.perf_counter()
    knowledge = knowledge or load_map_knowledge()
    with store.transaction():
        clear_map(store)
        doc_ids = [r[0] for r in store.fetchall("SELECT id FROM documents ORDER BY id")]
        update = _update(store, doc_ids, knowledge)
    update.elapsed_s = time.perf_counter() - started
    return update


def refresh_actors(
    store: Store, actor_ids: Iterable[str], knowledge: MapKnowledge | None = None
) -> set[str]:
    """Recompute the map around actors whose merges changed; return the clusters written.

    Runs inside the caller's transaction (``merge_actors`` and ``unmerge_actor``).
    """
    knowledge = knowledge or load_map_knowledge()
    ids = sorted(set(actor_ids))
    group = store.fetchall(
        "SELECT actor_id FROM actor_merges WHERE canonical_id IN (SELECT unnest(?))", [ids]
    )
    ids = sorted(set(ids) | {r[0] for r in group})
    _update_summary, written = _refresh_documents(
        store, _documents_naming(store, ids), knowledge, set(ids)
    )
    return written


def _documents_naming(store: Store, actor_ids: list[str]) -> list[str]:
    if not actor_ids:
        return []
    rows = store.fetchall(
        "SELECT DISTINCT doc_id FROM events WHERE list_has_any(actor_ids, ?) "
        "OR list_has_any(recipient_ids, ?)",
        [actor_ids, actor_ids],
    )
    return [r[0] for r in rows]


def _with_merged(store: Store, actor_ids: set[str]) -> list[str]:
    """The actors and those merged into them: a member's references read the canonical's row."""
    if not actor_ids:
        return []
    rows = store.fetchall(
        "SELECT actor_id FROM actor_merges WHERE undone_at IS NULL "
        "AND canonical_id IN (SELECT unnest(?))",
        [sorted(actor_ids)],
    )
    return sorted(actor_ids | {r[0] for r in rows})


def _document_count(store: Store) -> int:
    row = store.fetchone("SELECT count(*) FROM documents")
    return int(row[0]) if row else 0


def _actors_of(store: Store, doc_ids: list[str]) -> set[str]:
    rows = store.fetchall(
        "SELECT DISTINCT unnest(list_concat(actor_ids, recipient_ids)) FROM events "
        "WHERE doc_id IN (SELECT unnest(?)) UNION "
        "SELECT DISTINCT actor_id FROM mentions WHERE doc_id IN (SELECT unnest(?)) "
        "AND actor_id IS NOT NULL",
        [doc_ids, doc_ids],
    )
    return {r[0] for r in rows if r[0]}


def _update(store: Store, doc_ids: list[str], knowledge: MapKnowledge) -> MapUpdate:
    doc_ids = sorted(set(doc_ids))
    actor_ids = _actors_of(store, doc_ids) if doc_ids else set()
    # 1. Ad-hoc actors of the new documents take the country most documents
    #    give them; then they merge with those already stored. The documents
    #    naming an actor whose country or canonical changed are recomputed too,
    #    so the map of an ingest is the map a rebuild makes of the same store.
    settled = settle_countries(store, actor_ids)
    changed = auto_merge_actors(store, actor_ids)
    again = set() if len(doc_ids) == _document_count(store) else changed | settled
    refreshed = _documents_naming(store, _with_merged(store, again))
    documents = sorted(set(doc_ids) | set(refreshed))
    # A merge of a frequent actor brings back every document naming it, a number
    # that grows with the store (thousands of events at a few thousand articles):
    # those are refreshed a slice at a time, so the memory an update needs stays
    # bounded. The update is order-free (module docstring), so slices give what
    # one pass would.
    update = MapUpdate()
    for start in range(0, len(documents), REFRESH_SLICE_DOCS):
        part, _written = _refresh_documents(
            store, documents[start : start + REFRESH_SLICE_DOCS], knowledge, actor_ids | changed
        )
        update.documents += part.documents
        update.events += part.events
        update.clusters_written += part.clusters_written
        update.clusters_removed += part.clusters_removed
        update.pairs += part.pairs
        update.relations_written += part.relations_written
        update.dyad_rows_written += part.dyad_rows_written
    update.merges = len(changed)
    return update


def _refresh_documents(
    store: Store, doc_ids: list[str], knowledge: MapKnowledge, actor_ids: set[str]
) -> tuple[MapUpdate, set[str]]:
    """Recompute the map view of whole documents and everything that depends on it."""
    update = MapUpdate(documents=len(doc_ids))
    if not doc_ids:
        return update, set()
    # 2. The map view (nodes, block, window) of every event of these documents.
    events = load_document_events(store, doc_ids)
    refs = {r.actor_id for e in events for r in (*e.actor, *e.recipient) if r.actor_id}
    assign_map_view(events, load_actor_index(store, refs), knowledge)
    update.events = len(events)
    # 3. Clusters holding any of these events are dissolved; their other
    #    members are clustered again with the new events ("free" events).
    old = {
        r[0]
        for r in store.fetchall(
            "SELECT DISTINCT cluster_id FROM cluster_members WHERE doc_id IN (SELECT unnest(?))",
            [doc_ids],
        )
    }
    left = {
        r[0]
        for r in store.fetchall(
            "SELECT event_id FROM cluster_members WHERE cluster_id IN (SELECT unnest(?)) "
            "AND doc_id NOT IN (SELECT unnest(?))",
            [sorted(old), doc_ids],
        )
    }
    pairs = delete_clusters(store, old)
    store.execute("DELETE FROM event_nodes WHERE doc_id IN (SELECT unnest(?))", [doc_ids])
    store.append(
        "event_nodes",
        {
            "event_id": [e.id for e in events],
            "doc_id": [e.doc_id for e in events],
            "family": [e.family for e in events],
            "block": [e.block for e in events],
            "actor_nodes": [e.actor_nodes for e in events],
            "recipient_nodes": [e.recipient_nodes for e in events],
            "refers_to": [e.refers_to for e in events],
            "lo": [e.lo for e in events],
            "hi": [e.hi for e in events],
        },
    )
    # 4. Cluster the free events into the stored clusters of their blocks.
    result = recluster(store, {e.id for e in events} | left, knowledge)
    write_clusters(store, result.clusters)
    pairs |= result.removed_dyads | {p for c in result.clusters for p in c.dyads}
    # 5. Relations and dyad series of every node pair that gained or lost a cluster.
    pairs |= backer_pairs(store, actor_ids, knowledge)
    update.clusters_written = len(result.clusters)
    update.clusters_removed = len(old | result.removed)
    update.pairs = len({tuple(sorted(p)) for p in pairs})
    update.relations_written = refresh_relations(store, pairs, knowledge)
    update.dyad_rows_written = refresh_dyads(store, pairs)
    return update, {c.id for c in result.clusters}
