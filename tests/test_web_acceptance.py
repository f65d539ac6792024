"""Issue 7's "done when", through the API: the seeds' store as the page sees it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from entente.ingest.run import ingest
from entente.settings import Settings
from entente.web import create_app

pytestmark = [pytest.mark.acceptance, pytest.mark.slow]


@pytest.fixture(scope="module")
def client(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("web-seeds") / "seeds.duckdb"
    ingest([str(shared / "seeds")], Settings.load(db=db, workers=1))
    with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
        yield c


def test_graph_shows_the_four_actors_and_arms_both_ways(client: TestClient) -> None:
    body = client.get("/api/graph").json()
    names = {n["name"] for n in body["nodes"]}
    assert {"Russia", "Iran", "Israel", "Hamas"} <= names, names
    ids = {e["id"] for e in body["edges"]}
    assert {"IRN|RUS|arms_supplier_of", "RUS|IRN|arms_supplier_of"} <= ids, ids


def test_edge_opens_on_events_and_an_event_on_its_sentence_in_its_article(
    client: TestClient,
) -> None:
    events = client.get("/api/events", params={"edge": "IRN|RUS|arms_supplier_of"}).json()
    assert events["events"], events
    # A member may take its dyad from an earlier event of its article (no actor of its own).
    record = next(e for e in events["events"] if e["actor"])
    assert record["actor"][0]["country"] == "IRN"
    document = client.get(f"/api/documents/{record['doc']['id']}").json()
    evidence = record["evidence"]
    assert document["text"][evidence["start"] : evidence["end"]] == evidence["sentence"]
    assert (
        evidence["trigger"] in document["text"][evidence["trigger_start"] : evidence["trigger_end"]]
    )
    assert any(s["start"] == evidence["start"] for s in document["sentences"])
    assert record["id"] in {e["id"] for e in document["events"]}


def test_timeline_spans_2006_to_2026_by_the_events_own_dates(client: TestClient) -> None:
    body = client.get("/api/timeline").json()
    years = {p["date_first"][:4] for p in body["events"]}
    assert min(years) <= "2006" and max(years) >= "2026", sorted(years)
    assert body["buckets"] and not body["truncated"]


def test_russia_iran_dyad_has_months(client: TestClient) -> None:
    body = client.get("/api/dyad", params={"a": "Russia", "b": "Iran"}).json()
    months = [p["period"] for p in body["periods"] if p["precision"] == "month"]
    assert months, body
    clusters = client.get(
        "/api/dyad/events", params={"a": "Russia", "b": "Iran", "month": months[0]}
    ).json()["clusters"]
    assert clusters


def test_conflicts_show_350_against_300(client: TestClient) -> None:
    conflicts = client.get("/api/conflicts", params={"limit": 50}).json()["conflicts"]
    values = [{v["value"] for v in c["values"]} for c in conflicts if c["field"] == "quantity"]
    assert any({350, 300} <= v for v in values), values
