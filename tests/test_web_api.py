"""The web API (issue 7): routes, shapes, filters, errors, safety headers and the token.

A small hand-made store (tests/map_fixtures.py) with the map built; the app is
driven in-process with FastAPI's TestClient.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from map_fixtures import doc, event, store_of

from entente.cli import main
from entente.consolidate import update_map
from entente.errors import StoreError
from entente.web import create_app
from entente.web.app import CSP

SCRIPT = "<script>alert(1)</script> and <img src=x onerror=alert(1)>"


def _docs() -> list:
    return [
        doc(
            "w-1",
            "a.com",
            "2022-09-20",
            [
                event(
                    "w-e1",
                    "AID",
                    ["IRN"],
                    ["RUS"],
                    "Iran supplied attack drones to Russia.",
                    items=["attack drones"],
                    date="2022-09",
                    score=10,
                ),
                event(
                    "w-e2",
                    "ASSAULT",
                    ["IRN"],
                    ["ISR"],
                    "Iran fired 350 missiles at Israel.",
                    date="2024-04-13",
                    quantities=[(350, "missiles")],
                    score=-10,
                ),
            ],
        ),
        doc(
            "w-2",
            "b.com",
            "2024-04-14",
            [
                event(
                    "w-e3",
                    "ASSAULT",
                    ["IRN"],
                    ["ISR"],
                    "Iran launched 300 missiles against Israel.",
                    date="2024-04-13",
                    quantities=[(300, "missiles")],
                    score=-10,
                ),
                event(
                    "w-e4",
                    "CONSULT",
                    ["RUS"],
                    ["IRN"],
                    f"Russia met Iran {SCRIPT}.",
                    date="2024-04",
                    certainty="alleged",
                    attributed_to="officials",
                    score=2.5,
                ),
            ],
        ),
        doc(
            "w-3",
            "c.com",
            "2006-05-01",
            [
                event(
                    "w-e5",
                    "AID",
                    ["RUS"],
                    ["IRN"],
                    "Russia delivered air defence missiles to Iran.",
                    items=["air defence missiles"],
                    date="2006",
                    score=10,
                )
            ],
        ),
    ]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    docs = _docs()
    with store_of(path, docs) as store:
        update_map(store, [d.document.id for d in docs])
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
        yield c


def test_overview_counts_documents_events_and_outlets(client: TestClient) -> None:
    body = client.get("/api/overview").json()
    assert body["documents"] == 3
    assert body["events"] == 5
    assert body["empty"] is False
    assert {o["name"] for o in body["outlets"]} == {"a.com", "b.com", "c.com"}
    assault = next(t for t in body["types"] if t["code"] == "ASSAULT")
    assert assault == {
        "code": "ASSAULT",
        "name": "Assault",
        "quad": "material_conflict",
        "events": 2,
    }
    assert (body["first_date"], body["last_date"]) == ("2006-01-01", "2024-04-13")
    assert (body["first_published"], body["last_published"]) == ("2006-05-01", "2024-04-14")


def test_overview_of_an_empty_store_says_empty(tmp_path: Path) -> None:
    store_of(tmp_path / "empty.duckdb", []).close()
    with TestClient(create_app(tmp_path / "empty.duckdb"), base_url="http://127.0.0.1") as c:
        body = c.get("/api/overview").json()
    assert body["empty"] is True and body["documents"] == 0 and body["first_date"] is None
    assert body["first_published"] is None


def test_graph_has_arms_edges_both_ways_with_named_nodes(client: TestClient) -> None:
    body = client.get("/api/graph").json()
    edges = {e["id"]: e for e in body["edges"]}
    assert {"IRN|RUS|arms_supplier_of", "RUS|IRN|arms_supplier_of"} <= set(edges)
    edge = edges["IRN|RUS|arms_supplier_of"]
    assert (edge["source_name"], edge["target_name"]) == ("Iran", "Russia")
    assert edge["clusters"] >= 1 and edge["certainty"] == "asserted"
    strengths = [e["strength"] for e in body["edges"]]
    assert strengths == sorted(strengths, reverse=True)
    nodes = {n["id"]: n for n in body["nodes"]}
    assert nodes["IRN"]["name"] == "Iran" and nodes["IRN"]["activity"] >= 2
    assert {e["source"] for e in body["edges"]} | {e["target"] for e in body["edges"]} <= set(nodes)


def test_graph_limit_keeps_the_strongest_and_says_truncated(client: TestClient) -> None:
    full = client.get("/api/graph").json()["edges"]
    assert len(full) >= 2
    body = client.get("/api/graph", params={"limit": 1}).json()
    assert [e["id"] for e in body["edges"]] == [full[0]["id"]]
    assert body["truncated"] is True


def test_graph_min_documents_hides_relations_and_counts_them(client: TestClient) -> None:
    """Issue 14: the page hides single-article relations and says how many it hid."""
    every = client.get("/api/graph").json()
    assert every["below_min_documents"] == 0 and every["edges"]
    none = client.get("/api/graph", params={"min_documents": 100}).json()
    assert none["edges"] == [] and none["nodes"] == []
    assert none["below_min_documents"] == len(every["edges"])
    two = client.get("/api/graph", params={"min_documents": 2}).json()
    assert len(two["edges"]) + two["below_min_documents"] == len(every["edges"])
    default = client.get("/api/graph", params={"min_documents": 2, "corroborated": True}).json()
    assert len(default["edges"]) + default["below_min_documents"] == len(every["edges"])
    assert len(default["edges"]) <= len(two["edges"])


def test_graph_date_filter_keeps_relations_with_clusters_in_range(client: TestClient) -> None:
    body = client.get("/api/graph", params={"since": "2006", "until": "2006"}).json()
    assert [e["id"] for e in body["edges"]] == ["RUS|IRN|arms_supplier_of"]


def test_edge_events_are_the_events_behind_the_relation(client: TestClient) -> None:
    body = client.get("/api/events", params={"edge": "IRN|RUS|arms_supplier_of"}).json()
    assert [e["id"] for e in body["events"]] == ["w-e1"]
    assert body["total"] == 1
    record = body["events"][0]
    assert record["quad"] == "material_coop"
    assert record["doc"]["outlet"] == "a.com"
    assert record["evidence"]["sentence"] == "Iran supplied attack drones to Russia."


def test_events_filters_combine_and_page(client: TestClient) -> None:
    body = client.get("/api/events", params={"types": "ASSAULT", "q": "300"}).json()
    assert [e["id"] for e in body["events"]] == ["w-e3"]
    page = client.get("/api/events", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == 5 and len(page["events"]) == 2
    newest_first = client.get("/api/events").json()["events"]
    assert newest_first[-1]["id"] == "w-e5"
    negative = client.get("/api/events", params={"certainty": "alleged"}).json()
    assert [e["id"] for e in negative["events"]] == ["w-e4"]
    node = client.get("/api/events", params={"node": "ISR"}).json()
    assert {e["id"] for e in node["events"]} == {"w-e2", "w-e3"}
    outlet = client.get("/api/events", params={"outlets": "c.com"}).json()
    assert [e["id"] for e in outlet["events"]] == ["w-e5"]


def test_text_search_treats_percent_as_text(client: TestClient) -> None:
    assert client.get("/api/events", params={"q": "%"}).json()["events"] == []


def test_one_event_and_an_unknown_one(client: TestClient) -> None:
    record = client.get("/api/events/w-e2").json()
    assert record["id"] == "w-e2" and record["date"]["start"] == "2024-04-13"
    missing = client.get("/api/events/no-such-event")
    assert missing.status_code == 404
    assert "no-such-event" in missing.json()["detail"]


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"since": "2024-13"}, "not a real date"),
        ({"since": "last week"}, "YYYY"),
        ({"types": "ASSAULT,NOPE"}, "NOPE"),
        ({"certainty": "maybe"}, "Choose from"),
        ({"polarity": "both"}, "positive or negative"),
        ({"since": "2025", "until": "2024"}, "swap"),
        ({"edge": "IRN-RUS"}, "source|target|kind"),
        ({"limit": "0"}, "limit"),
        ({"limit": "lots"}, "limit"),
    ],
)
def test_bad_parameters_get_a_readable_4xx(client: TestClient, params: dict, words: str) -> None:
    response = client.get("/api/events", params=params)
    assert 400 <= response.status_code < 500
    detail = response.json()["detail"]
    assert isinstance(detail, str) and words in detail


def test_timeline_buckets_always_points_when_few(client: TestClient) -> None:
    body = client.get("/api/timeline").json()
    assert {(b["period"], b["quad"]): b["events"] for b in body["buckets"]}[
        ("2024-04", "material_conflict")
    ] == 2
    assert body["truncated"] is False
    assert [p["date_first"][:4] for p in body["events"]][0] == "2006"
    point = next(p for p in body["events"] if p["id"] == "w-e4")
    assert point["date_precision"] == "month" and point["actor_name"] == "Russia"
    few = client.get("/api/timeline", params={"limit": 2}).json()
    assert few["truncated"] is True and few["events"] == []
    assert sum(b["events"] for b in few["buckets"]) == 5


def test_actors_match_id_code_or_name(client: TestClient) -> None:
    by_name = client.get("/api/actors", params={"q": "rus"}).json()["actors"]
    assert by_name[0]["id"] == "RUS" and by_name[0]["events"] >= 1
    by_code = client.get("/api/actors", params={"q": "irn"}).json()["actors"]
    assert by_code[0]["id"] == "IRN"


def test_dyad_series_and_its_months(client: TestClient) -> None:
    body = client.get("/api/dyad", params={"a": "Russia", "b": "IRN"}).json()
    assert (body["a"], body["b"]) == ("RUS", "IRN")
    periods = [p["period"] for p in body["periods"]]
    assert "2022-09" in periods and "2006" in periods
    month = client.get("/api/dyad/events", params={"a": "RUS", "b": "IRN", "month": "2022-09"})
    assert [c["type"] for c in month.json()["clusters"]] == ["AID"]
    assert client.get("/api/dyad", params={"a": "Atlantis", "b": "IRN"}).status_code == 404
    assert (
        client.get("/api/dyad/events", params={"a": "RUS", "b": "IRN", "month": "x"}).status_code
        == 422
    )


def test_conflicts_put_both_figures_side_by_side(client: TestClient) -> None:
    conflicts = client.get("/api/conflicts").json()["conflicts"]
    quantity = next(c for c in conflicts if c["field"] == "quantity")
    values = {v["value"]: v["events"] for v in quantity["values"]}
    assert {350, 300} <= set(values)
    assert values[300][0]["outlet"] == "b.com"
    assert quantity["actor_name"] == ["Iran"]
    filtered = client.get("/api/conflicts", params={"types": "AID"}).json()["conflicts"]
    assert all(c["type"] == "AID" for c in filtered)


def test_claims_name_who_claims(client: TestClient) -> None:
    claims = client.get("/api/claims").json()["claims"]
    claim = next(c for c in claims if c["event_id"] == "w-e4")
    assert claim["claimant"] == "officials" and claim["certainty"] == "alleged"
    assert client.get("/api/claims", params={"certainty": "alleged,denied"}).json()["claims"]
    assert client.get("/api/claims", params={"outlets": "a.com"}).json()["claims"] == []


def test_document_for_the_reader_keeps_untrusted_text_as_is(client: TestClient) -> None:
    event_record = client.get("/api/events/w-e4").json()
    document = client.get(f"/api/documents/{event_record['doc']['id']}").json()
    assert SCRIPT in document["text"]
    assert SCRIPT in event_record["evidence"]["sentence"]
    start, end = event_record["evidence"]["start"], event_record["evidence"]["end"]
    assert document["text"][start:end] == event_record["evidence"]["sentence"]
    assert [s["index"] for s in document["sentences"]] == [0, 1]
    assert {e["id"] for e in document["events"]} == {"w-e3", "w-e4"}
    assert client.get("/api/documents/nope").status_code == 404


def test_every_response_carries_csp_and_nosniff(client: TestClient) -> None:
    for path in ("/api/overview", "/api/events/nope", "/openapi.json", "/", "/api/events?limit=0"):
        response = client.get(path)
        assert response.headers["content-security-policy"] == CSP, path
        assert response.headers["x-content-type-options"] == "nosniff", path
    assert "'unsafe-inline'" not in CSP and "script-src 'self'" in CSP


def test_openapi_describes_every_route_read_only(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for route in (
        "/api/graph",
        "/api/events",
        "/api/events/{event_id}",
        "/api/timeline",
        "/api/dyad",
        "/api/conflicts",
        "/api/claims",
        "/api/documents/{doc_id}",
    ):
        assert route in paths
    for route, methods in paths.items():
        assert set(methods) == {"get"}, route
        assert methods["get"]["summary"], route
    assert client.post("/api/events").status_code == 405


def test_token_is_required_by_header_or_query(db: Path) -> None:
    with TestClient(create_app(db, token="s3cret"), base_url="http://127.0.0.1") as c:
        refused = c.get("/api/overview")
        assert refused.status_code == 401
        assert "token" in refused.json()["detail"]
        assert refused.headers["content-security-policy"] == CSP
        assert c.get("/api/overview", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/api/overview", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        assert c.get("/api/overview?token=s3cret").status_code == 200
        assert c.get("/openapi.json").status_code == 401
        # The page itself holds no data and must load before it can send the header.
        assert c.get("/").status_code == 200


def test_app_on_a_missing_store_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="No store at"):
        create_app(tmp_path / "missing.duckdb")


def test_serve_refuses_a_public_host_without_a_token(db: Path) -> None:
    result = CliRunner().invoke(
        main, ["serve", "--db", str(db), "--host", "0.0.0.0"], env={"ENTENTE_TOKEN": ""}
    )
    assert result.exit_code == 1
    assert "without a token" in result.output and "--token" in result.output
    assert "Traceback" not in result.output


def test_serve_on_a_missing_store_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "No store at" in result.output


def test_text_search_keeps_relations_and_conflicts_whose_sentences_match(
    client: TestClient,
) -> None:
    graph = client.get("/api/graph", params={"q": "ATTACK DRONES"}).json()
    assert [e["id"] for e in graph["edges"]] == ["IRN|RUS|arms_supplier_of"]
    assert client.get("/api/conflicts", params={"q": "launched 300"}).json()["conflicts"]
    assert client.get("/api/conflicts", params={"q": "drones"}).json()["conflicts"] == []
