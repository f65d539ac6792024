"""The web API's ranked sentence search (/api/search) and questions (/api/ask),
over a small hand-made store (tests/map_fixtures.py), driven in-process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from map_fixtures import doc, event, store_of

from entente.consolidate import update_map
from entente.query import retrieval
from entente.web import create_app

SCRIPT = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db: Path = tmp_path_factory.mktemp("ask-web") / "ask.duckdb"
    docs = [
        doc(
            "k-1",
            "Harbour Post",
            "2022-09-20",
            [
                event(
                    "k-e1",
                    "AID",
                    ["IRN"],
                    ["RUS"],
                    "Iran supplied attack drones to Russia.",
                    date="2022-09",
                    score=10,
                ),
            ],
        ),
        doc(
            "k-2",
            "Valley Times",
            "2024-04-14",
            [
                event(
                    "k-e2",
                    "ASSAULT",
                    ["IRN"],
                    ["ISR"],
                    f"Iran fired missiles at Israel, a post read {SCRIPT}.",
                    date="2024-04-13",
                    score=-10,
                ),
            ],
        ),
    ]
    store = store_of(db, docs)
    update_map(store, [d.document.id for d in docs])
    store.close()
    retrieval._CACHE.clear()
    with TestClient(create_app(db), base_url="http://127.0.0.1") as test_client:
        yield test_client
    retrieval._CACHE.clear()


def test_search_ranks_stored_sentences_and_cites_them_exactly(client):
    answer = client.get("/api/search", params={"q": "drones supplied"}).json()
    first = answer["sentences"][0]
    assert first["sentence"] == "Iran supplied attack drones to Russia."
    assert (first["doc"], first["outlet"], first["published"]) == (
        "k-1",
        "Harbour Post",
        "2022-09-20",
    )
    text = client.get("/api/documents/k-1").json()["text"]
    assert text[first["start"] : first["end"]] == first["sentence"]


def test_search_is_bounded_by_the_publication_dates(client):
    found = client.get("/api/search", params={"q": "Iran", "since": "2024"}).json()
    assert [s["doc"] for s in found["sentences"]] == ["k-2"]
    found = client.get("/api/search", params={"q": "Iran", "until": "2023"}).json()
    assert [s["doc"] for s in found["sentences"]] == ["k-1"]


def test_search_returns_markup_in_article_text_as_plain_json_text(client):
    found = client.get("/api/search", params={"q": "post read"}).json()
    assert SCRIPT in found["sentences"][0]["sentence"]


def test_search_refuses_a_missing_question_or_a_bad_date_with_a_reason(client):
    assert client.get("/api/search").status_code == 422
    bad = client.get("/api/search", params={"q": "Iran", "since": "yesterday"})
    assert bad.status_code == 400
    assert "not a date" in bad.json()["detail"]


def test_ask_answers_with_the_stored_sentences_it_cites(client):
    answer = client.get("/api/ask", params={"q": "Who supplies drones to Russia?"}).json()
    assert answer["question"] == "Who supplies drones to Russia?"
    cited = [c for a in answer["answers"] for c in a["citations"]]
    assert cited, answer
    assert all(a["certainty"] for a in answer["answers"])
    for citation in cited:
        text = client.get(f"/api/documents/{citation['doc']}").json()["text"]
        assert text[citation["start"] : citation["end"]] == citation["sentence"]
    assert any("drones" in c["sentence"] for c in cited)


def test_ask_refuses_a_missing_question_or_a_bad_date_with_a_reason(client):
    assert client.get("/api/ask").status_code == 422
    bad = client.get("/api/ask", params={"q": "Who backs Hamas?", "until": "soon"})
    assert bad.status_code == 400
    assert "not a date" in bad.json()["detail"]
