"""The read model is an accelerator: each question answers the same with it as without it.

The same hand-made store as tests/test_web_api.py; each query function is
asked twice, once with the store's in-memory read model attached (as the web
app serves) and once without (as the CLI asks), and must give the same records.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from map_fixtures import store_of
from test_web_api import _docs

from entente import query
from entente.consolidate import update_map
from entente.query import memory
from entente.query.memory import ReadModel
from entente.query.names import node_info
from entente.store.db import Store
from entente.web import create_app

FILTERS = [
    {},
    {"since": "2024", "until": "2024"},
    {"since": "2022-09", "until": "2022-09"},
    {"types": "ASSAULT,AID"},
    {"certainty": "alleged"},
    {"polarity": "positive"},
    {"outlets": "b.com,c.com"},
    {"q": "missiles"},
    {"q": "IRAN", "types": "ASSAULT"},
    {"q": "no sentence says this"},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lookups") / "web.duckdb"
    docs = _docs()
    with store_of(path, docs) as store:
        update_map(store, [d.document.id for d in docs])
    return path


@pytest.fixture(scope="module")
def store(db: Path) -> Iterator[Store]:
    with Store(db, read_only=True) as s:
        yield s


@pytest.fixture(scope="module")
def model(store: Store) -> Iterator[ReadModel]:
    built = ReadModel(store)
    yield built
    built.close()


@pytest.fixture()
def fast(store: Store, model: ReadModel) -> Iterator[Store]:
    """The store with its read model attached, for one test."""
    store.read_model = model
    yield store
    store.read_model = None


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
        yield c


@pytest.mark.parametrize("params", FILTERS)
@pytest.mark.parametrize(
    "scope",
    [
        {},
        {"edge": "IRN|RUS|arms_supplier_of"},
        {"edge": "RUS|IRN|arms_supplier_of"},
        {"node": "IRN"},
        {"node": "ISR"},
        {"actor": "RUS"},
        {"recipient": "IRN", "actor": "RUS"},
    ],
)
def test_event_pages_are_the_same_with_the_read_model(
    store: Store, model: ReadModel, params: dict, scope: dict
) -> None:
    filters = query.event_filters(**params)
    for limit, offset in ((50, 0), (1, 1)):
        store.read_model = None
        expected = query.event_page(store, filters, limit=limit, offset=offset, **scope)
        store.read_model = model
        try:
            got = query.event_page(store, filters, limit=limit, offset=offset, **scope)
        finally:
            store.read_model = None
        assert [e["id"] for e in got["events"]] == [e["id"] for e in expected["events"]]
        assert got == expected


@pytest.mark.parametrize("params", FILTERS)
def test_graph_conflicts_and_dyads_are_the_same_with_the_read_model(
    store: Store, model: ReadModel, params: dict
) -> None:
    filters = query.event_filters(**params)

    def answers() -> list:
        return [
            query.graph(store, filters, limit=60),
            query.conflicts(store, filters, limit=20),
            query.dyad_events(store, "RUS", "IRN", filters),
            query.find_actors(store, None),
        ]

    expected = answers()
    store.read_model = model
    try:
        got = answers()
    finally:
        store.read_model = None
    assert got == expected
    assert got[0]["search_truncated"] is False and got[1]["search_truncated"] is False


def test_text_search_past_the_cap_says_it_was_cut(
    fast: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    filters = query.event_filters(q="missiles")  # three sentences say it
    monkeypatch.setattr(memory, "TEXT_CAP", 2)
    page = query.event_page(fast, filters)
    assert page["search_truncated"] is True and page["total"] == 2
    assert query.graph(fast, filters)["search_truncated"] is True
    monkeypatch.setattr(memory, "TEXT_CAP", 3)
    page = query.event_page(fast, filters)
    assert page["search_truncated"] is False and page["total"] == 3


def test_edge_events_carry_their_map_dyad_by_name(client: TestClient) -> None:
    body = client.get("/api/events", params={"edge": "IRN|RUS|arms_supplier_of"}).json()
    (event,) = body["events"]
    assert event["nodes"] == {
        "actor": [{"id": "IRN", "name": "Iran"}],
        "recipient": [{"id": "RUS", "name": "Russia"}],
    }
    assert body["search_truncated"] is False


def test_nodes_met_in_text_read_as_names_never_raw_ids(store: Store) -> None:
    assert query.readable_name("x-ali-al-khamenei", None) == "Ali Al Khamenei"
    assert query.readable_name("x-ali-al-khamenei", "x-ali-al-khamenei") == "Ali Al Khamenei"
    assert query.readable_name("x-hamas", "Hamas movement") == "Hamas movement"
    assert query.readable_name("QAT", None) == "Qatar"  # a state no stored actor names
    assert query.readable_name("RUS", None) == "Russian Federation"
    assert query.readable_name("PSE", None) == "Palestine"  # "Palestine, State of"
    assert query.readable_name("ZZZ", None) == "ZZZ"
    info = node_info(store, ["x-wagner-group", "RUS"])
    assert info["x-wagner-group"]["name"] == "Wagner Group"
    assert info["RUS"]["name"] == "Russia"


def test_dyad_event_rows_open_their_event_and_obey_the_filters(client: TestClient) -> None:
    body = client.get("/api/dyad/events", params={"a": "RUS", "b": "IRN"}).json()
    assert body["total"] == len(body["clusters"]) == 3 and body["truncated"] is False
    by_month = {c["period"]: c for c in body["clusters"]}
    assert by_month["2022-09"]["event_id"] == "w-e1"
    assert by_month["2022-09"]["actor_name"] == ["Iran"]
    assert by_month["2006"]["event_id"] == "w-e5"
    typed = client.get("/api/dyad/events", params={"a": "RUS", "b": "IRN", "types": "CONSULT"})
    assert [c["type"] for c in typed.json()["clusters"]] == ["CONSULT"]
    dated = client.get("/api/dyad/events", params={"a": "RUS", "b": "IRN", "until": "2010"})
    assert [c["event_id"] for c in dated.json()["clusters"]] == ["w-e5"]
    first = client.get("/api/dyad/events", params={"a": "RUS", "b": "IRN", "limit": 1}).json()
    assert len(first["clusters"]) == 1 and first["total"] == 3 and first["truncated"] is True
    assert first["clusters"][0]["event_id"] == "w-e4"  # newest first


def test_dyad_keeps_the_periods_in_the_date_range(client: TestClient) -> None:
    every = client.get("/api/dyad", params={"a": "RUS", "b": "IRN"}).json()["periods"]
    assert "2006" in [p["period"] for p in every]
    recent = client.get("/api/dyad", params={"a": "RUS", "b": "IRN", "since": "2022-09"})
    assert [p["period"] for p in recent.json()["periods"]] == [
        p["period"] for p in every if p["period"] >= "2022-09"
    ]
    bad = client.get("/api/dyad", params={"a": "RUS", "b": "IRN", "since": "May"})
    assert bad.status_code == 400 and "since" in bad.json()["detail"]


def test_actors_count_the_mentions_that_name_them(tmp_path: Path) -> None:
    path = tmp_path / "mentions.duckdb"
    with store_of(path, _docs()) as store:
        (doc,) = store.fetchone("SELECT min(id) FROM documents") or ("",)
        for start, actor in ((0, "RUS"), (10, "RUS"), (20, "IRN"), (30, None)):
            store.execute(
                "INSERT INTO mentions VALUES (?, 0, ?, ?, 'x', ?, 'test', NULL, NULL)",
                [doc, start, start + 5, actor],
            )
    with TestClient(create_app(path), base_url="http://127.0.0.1") as client:
        found = {a["id"]: a for a in client.get("/api/actors").json()["actors"]}
    assert found["RUS"]["mentions"] == 2 and found["IRN"]["mentions"] == 1
    assert found["RUS"]["mention_documents"] == 1
    assert all(a["mentions"] == 0 for i, a in found.items() if i not in ("RUS", "IRN"))
