"""Writing and clearing the map's tables (migration 004_map.sql).

The map is derived data: every table here except the manual rows of
``actor_merges`` can be emptied and rebuilt from events, actors and documents.
"""

from __future__ import annotations

from entente.store.db import Store

DERIVED_TABLES = (
    "event_nodes",
    "clusters",
    "cluster_members",
    "cluster_dyads",
    "dyad_clusters",
    "conflicts",
    "claims",
    "relations",
    "relation_clusters",
    "dyad_periods",
)


def clear_map(store: Store) -> None:
    """Empty every derived table and forget automatic merges (manual ones stay)."""
    for table in DERIVED_TABLES:
        store.execute(f"DELETE FROM {table}")
    store.execute("DELETE FROM actor_merges WHERE method <> 'manual'")


def pair_keys(pairs: set[tuple[str, str]]) -> list[str]:
    """Both directions of each pair as ``source\\x1ftarget`` keys, for IN filters."""
    return sorted({f"{a}\x1f{b}" for a, b in pairs} | {f"{b}\x1f{a}" for a, b in pairs})
