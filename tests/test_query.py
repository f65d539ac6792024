"""Read-only queries behind the commands: filters, order and paging of events."""

from __future__ import annotations

from pathlib import Path

from map_fixtures import doc, event, store_of

from entente.query import event_filters, event_page


def _store(tmp_path: Path):
    return store_of(
        tmp_path / "q.duckdb",
        [
            doc(
                "d1",
                "a.example",
                "2024-04-15",
                [
                    event(
                        "e1", "ASSAULT", ["IRN"], ["ISR"], "Iran attacked Israel.", date="2024-04"
                    ),
                    event("e2", "AID", ["RUS"], ["IRN"], "Russia armed Iran.", date="2023"),
                    event(
                        "e3",
                        "ACCUSE",
                        ["USA"],
                        ["RUS"],
                        "Washington accused Moscow.",
                        date="2024-04-14",
                        polarity="negative",
                    ),
                ],
            )
        ],
    )


def list_events(store, *, limit: int = 50, offset: int = 0, actor=None, recipient=None, **filters):
    """The events of one page, as `entente events` lists them."""
    page = event_page(
        store,
        event_filters(**filters),
        actor=actor,
        recipient=recipient,
        limit=limit,
        offset=offset,
    )
    return page["events"]


def test_list_events_newest_first_as_public_records(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        events = list_events(store)
    assert [e["id"] for e in events] == ["e3", "e1", "e2"]
    assert events[0]["doc"]["outlet"] == "a.example"
    assert events[0]["evidence"]["sentence"] == "Washington accused Moscow."


def test_list_events_actor_code_matches_countries_not_substrings(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        assert [e["id"] for e in list_events(store, actor="RUS")] == ["e2"]
        assert [e["id"] for e in list_events(store, recipient="rus")] == ["e3"]


def test_list_events_actor_name_part_falls_back_to_names(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        assert [e["id"] for e in list_events(store, actor="Unit")] == ["e3"]


def test_list_events_filters_combine_and_page(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        assert [e["id"] for e in list_events(store, since="2024-04", until="2024-04-30")] == [
            "e3",
            "e1",
        ]
        assert [e["id"] for e in list_events(store, polarity="negative")] == ["e3"]
        assert [e["id"] for e in list_events(store, types="assault")] == ["e1"]
        assert [e["id"] for e in list_events(store, limit=1, offset=1)] == ["e1"]


def test_list_events_pages_equal_one_full_sort_with_tied_and_missing_dates(
    tmp_path: Path,
) -> None:
    # Pages cut at a date shared by several events, and pages reaching into the
    # events with no date, must be exactly the slices of the four-column order.
    dates = ["2024-04", "2024-04", None, "2023", "2024-04", None, "2024-04-14", "2023"]
    docs = [
        doc(
            f"d{i}",
            "a.example",
            None,
            [
                event(f"e{i}{j}", "AID", ["RUS"], ["IRN"], "Russia armed Iran.", date=d, index=j)
                for j, d in enumerate(dates[i:] + dates[:i])
            ],
        )
        for i in range(3)
    ]
    with store_of(tmp_path / "q.duckdb", docs) as store:
        reference = [
            r[0]
            for r in store.fetchall(
                "SELECT id FROM events "
                "ORDER BY date_first DESC NULLS LAST, doc_id, trigger_start, id"
            )
        ]
        assert len(reference) == 24
        for limit in (1, 3, 5, 50):
            for offset in range(0, 26, 2):
                page = [e["id"] for e in list_events(store, limit=limit, offset=offset)]
                assert page == reference[offset : offset + limit], (limit, offset)
        assert list_events(store, limit=0) == []


def test_event_page_without_count_finds_the_same_page(tmp_path: Path) -> None:
    """The CLI's table asks for the page only (count=False): same events, no total."""
    with _store(tmp_path) as store:
        for filters in ({}, {"since": "2024"}, {"polarity": "positive"}):
            for limit, offset in ((1, 0), (2, 1), (5, 0)):
                counted = event_page(store, event_filters(**filters), limit=limit, offset=offset)
                page = event_page(
                    store, event_filters(**filters), limit=limit, offset=offset, count=False
                )
                assert [e["id"] for e in page["events"]] == [e["id"] for e in counted["events"]]
                assert page["total"] is None and counted["total"] >= len(counted["events"])
