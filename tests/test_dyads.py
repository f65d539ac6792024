"""Dyad series: clusters counted by period, quad and score, with names resolved."""

from __future__ import annotations

from pathlib import Path

import pytest
from map_fixtures import doc, event, store_of

from entente.consolidate import update_map
from entente.errors import NotFoundError
from entente.query import dyad_events, dyad_series, iter_dyads
from entente.records import ActorRef


def _docs() -> list:
    return [
        doc(
            "d-1",
            "a.com",
            "2022-09-20",
            [
                event(
                    "e-1",
                    "AID",
                    ["IRN"],
                    ["RUS"],
                    "Iran supplied drones to Russia.",
                    date="2022-09",
                    score=10,
                ),
            ],
        ),
        doc(
            "d-2",
            "b.com",
            "2023-03-02",
            [
                event(
                    "e-2",
                    "CONSULT",
                    ["sergei-lavrov"],
                    ["IRN"],
                    "Lavrov met Iran's foreign minister.",
                    date="2023-03-01",
                    score=2.5,
                ),
                event(
                    "e-3",
                    "ACCUSE",
                    ["IRN"],
                    ["RUS"],
                    "Iran criticised Russia over the Caspian.",
                    date="2023-03-01",
                    score=-2,
                ),
            ],
        ),
        doc(
            "d-3",
            "c.com",
            "2024-06-01",
            [
                event(
                    "e-4",
                    "COOPERATE",
                    ["RUS"],
                    ["IRN"],
                    "Russia and Iran traded oil in 2024.",
                    date="2024",
                    score=9.5,
                ),
                event(
                    "e-5",
                    "ACCUSE",
                    ["RUS"],
                    ["IRN"],
                    "Russia did not criticise Iran.",
                    date="2024-05",
                    polarity="negative",
                    score=-2,
                ),
            ],
        ),
        doc(
            "d-4",
            "d.com",
            "2024-06-02",
            [
                event(
                    "e-6",
                    "COOPERATE",
                    ["RUS"],
                    ["IRN"],
                    "Russian and Iranian navies held joint drills.",
                    date="2024-05-20",
                    score=9.5,
                ),
            ],
        ),
    ]


def test_dyads_series_across_years(tmp_path: Path) -> None:
    with store_of(tmp_path / "s.duckdb", _docs()) as store:
        update_map(store, [d.document.id for d in _docs()])
        series = dyad_series(store, "Russia", "Islamic Republic")
        assert (series["a"], series["b"]) == ("RUS", "IRN")
        periods = {p["period"]: p for p in series["periods"]}
        assert list(periods) == ["2022-09", "2023-03", "2024", "2024-05"]
        assert periods["2022-09"]["b_to_a"] == 1 and periods["2022-09"]["material_coop"] == 1
        march = periods["2023-03"]
        assert march["events"] == 2 and march["score_sum"] == 0.5 and march["score_mean"] == 0.25
        assert (march["verbal_coop"], march["verbal_conflict"]) == (1, 1)
        assert march["documents"] == ["d-2"]
        assert periods["2024"]["precision"] == "year"
        # The denied criticism of May 2024 is not counted; the drills are.
        assert periods["2024-05"]["events"] == 1
        assert periods["2024-05"]["a_to_b"] == 1


def test_dyads_events_of_one_month(tmp_path: Path) -> None:
    with store_of(tmp_path / "s.duckdb", _docs()) as store:
        update_map(store, [d.document.id for d in _docs()])
        events = dyad_events(store, "RUS", "IRN", month="2023-03")["clusters"]
        assert sorted(e["type"] for e in events) == ["ACCUSE", "CONSULT"]
        assert all(e["sentence_text"] for e in events)
        assert len(list(iter_dyads(store))) == 5


def test_dyads_unknown_actor_is_an_error(tmp_path: Path) -> None:
    with (
        store_of(tmp_path / "s.duckdb", _docs()) as store,
        pytest.raises(NotFoundError, match="Atlantis"),
    ):
        dyad_series(store, "Atlantis", "Russia")


def test_dyads_events_newest_first_and_limited(tmp_path: Path) -> None:
    with store_of(tmp_path / "s.duckdb", _docs()) as store:
        update_map(store, [d.document.id for d in _docs()])
        every = dyad_events(store, "RUS", "IRN")["clusters"]
        # Negative and future events are listed too (the series leaves them out).
        assert [e["period"] for e in every][:2] == ["2024-05", "2024-05"]
        assert [e["period"] for e in every][-1] == "2022-09"
        assert len({e["id"] for e in every}) == len(every) == 6
        assert dyad_events(store, "RUS", "IRN", limit=2)["clusters"] == every[:2]
        assert [
            e["period"] for e in dyad_events(store, "IRN", "RUS", month="2024")["clusters"]
        ] == [
            "2024-05",
            "2024-05",
            "2024",
        ]


def test_dyads_events_read_the_dyad_table_alone(tmp_path: Path) -> None:
    """Listing a pair's events needs no join with clusters, members or events (migration 005).

    Only ``event_id`` (the member whose sentence is listed) is looked up by key,
    for the page's clusters alone, in cluster_members.
    """

    def without_event_ids(rows: list[dict]) -> list[dict]:
        return [{k: v for k, v in row.items() if k != "event_id"} for row in rows]

    with store_of(tmp_path / "s.duckdb", _docs()) as store:
        update_map(store, [d.document.id for d in _docs()])
        before = dyad_events(store, "RUS", "IRN")["clusters"]
        assert all(row["event_id"] for row in before)
        for table in ("clusters", "cluster_members"):
            store.execute(f"DELETE FROM {table}")
        after = dyad_events(store, "RUS", "IRN")["clusters"]
        assert without_event_ids(after) == without_event_ids(before)


def test_dyads_node_made_from_a_name_is_resolvable(tmp_path: Path) -> None:
    """A node no actor row holds (``x-`` + the name's slug) can be asked for by id or name."""
    court = ActorRef("Ninth Circuit", None, None)  # no registry id, no country: its own node
    coded = doc(
        "d-9",
        "a.com",
        "2017-02-10",
        [
            event(
                "e-9",
                "ACCUSE",
                ["RUS"],
                ["IRN"],
                "Russia faulted the Ninth Circuit.",
                date="2017-02",
            )
        ],
    )
    coded.events[0].recipient = [court]
    with store_of(tmp_path / "s.duckdb", [coded]) as store:
        update_map(store, ["d-9"])
        [(node,)] = store.fetchall("SELECT target FROM dyad_periods")
        assert node == "x-ninth-circuit"
        assert store.fetchone("SELECT count(*) FROM actors WHERE id = ?", [node]) == (0,)
        for name in (node, "Ninth Circuit"):
            series = dyad_series(store, "Russia", name)
            assert series["b"] == node and series["periods"][0]["events"] == 1
            assert [e["type"] for e in dyad_events(store, "RUS", name)["clusters"]] == ["ACCUSE"]
        with pytest.raises(NotFoundError):
            dyad_series(store, "Russia", "Tenth Circuit")
