"""The map's read models (migration 005): dyad_clusters and ranked relation clusters.

They are what keeps ``entente dyad`` and ``entente map`` within the query
budget at 100,000 articles (bench/queries.py); here: they hold what the slow
joins gave, and an older store is upgraded to them in place.
"""

from __future__ import annotations

from pathlib import Path

from map_fixtures import doc, event, store_of

from entente.consolidate import rebuild_map, update_map
from entente.query import dyad_events, strongest_relations
from entente.store.db import SCHEMA_VERSION, Store


def _drones(eid: str, date: str) -> dict:
    return event(
        eid,
        "AID",
        ["IRN"],
        ["RUS"],
        "Iran supplied Shahed drones to Russia.",
        date=date,
        items=["Shahed drones"],
    )


def _docs() -> list:
    return [
        doc("d-1", "a.com", "2022-10-01", [_drones("e-1", "2022-09")]),
        doc("d-2", "b.com", "2022-10-03", [_drones("e-2", "2022-09")]),  # same event, 2 outlets
        doc("d-3", "a.com", "2023-05-01", [_drones("e-3", "2023-04")]),
        doc("d-4", "a.com", "2024-02-01", [_drones("e-4", "2024-01")]),
        doc(
            "d-5",
            "c.com",
            "2024-03-01",
            [event("e-5", "ACCUSE", ["RUS"], ["IRN"], "Russia criticised Iran.", date="2024-02")],
        ),
    ]


def _build(path: Path) -> Store:
    store = store_of(path, _docs())
    update_map(store, [d.document.id for d in _docs()])
    return store


def test_relation_clusters_best_first_and_capped(tmp_path: Path) -> None:
    with _build(tmp_path / "s.duckdb") as store:
        [row] = strongest_relations(store, kind="arms_supplier_of", max_clusters=2)
        assert row["n_clusters"] == 3
        assert len(row["clusters"]) == 2
        periods = dict(store.fetchall("SELECT id, period FROM clusters"))
        # The two-outlet cluster first, then the newest of the single-outlet ones.
        assert [periods[c] for c in row["clusters"]] == ["2022-09", "2024-01"]
        [every] = strongest_relations(store, kind="arms_supplier_of")
        assert [periods[c] for c in every["clusters"]] == ["2022-09", "2024-01", "2023-04"]


def test_store_upgrade_fills_read_models_as_a_rebuild_would(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with _build(path) as store:
        events = dyad_events(store, "RUS", "IRN")["clusters"]
        relations = strongest_relations(store)
        # Make it a version-4 store: no dyad_clusters, no rank.
        store.execute("DROP TABLE dyad_clusters")
        store.execute("DROP INDEX relation_clusters_pair")
        store.execute("ALTER TABLE relation_clusters DROP COLUMN rank")
        store.execute("CREATE INDEX relation_clusters_pair ON relation_clusters (source, target)")
        store.execute("DELETE FROM schema_version WHERE version >= 5")
    with Store(path) as store:
        assert store.version() == SCHEMA_VERSION
        assert store.fetchone("SELECT count(*) FROM relation_clusters WHERE rank IS NULL") == (0,)
        assert dyad_events(store, "RUS", "IRN")["clusters"] == events
        assert strongest_relations(store) == relations
        rebuild_map(store)
        assert dyad_events(store, "RUS", "IRN")["clusters"] == events
        assert strongest_relations(store) == relations
