"""The map commands, driven through Click's runner on a real store (no spaCy model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from map_fixtures import doc, event, store_of

from entente.cli import base, main
from entente.cli.map import sparkline
from entente.consolidate import update_map
from entente.query import iter_clusters, iter_dyads, iter_relations
from entente.web import create_app

GROUP = main


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables wide enough that cells are not cut short in the captured output."""
    monkeypatch.setattr(base.console, "width", 240)


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    docs = [
        doc(
            "d-1",
            "a.com",
            "2024-04-20",
            [
                event(
                    "e-1",
                    "ASSAULT",
                    ["IRN"],
                    ["ISR"],
                    "Iran launched 350 missiles and drones at Israel.",
                    date="2024-04-13",
                    quantities=[(350, "missiles and drones")],
                    score=-9.5,
                ),
            ],
        ),
        doc(
            "d-2",
            "b.com",
            "2024-04-15",
            [
                event(
                    "e-2",
                    "ASSAULT",
                    ["IRN"],
                    ["ISR"],
                    "Iran fired 300 missiles and drones at Israel.",
                    date="2024-04-13",
                    quantities=[(300, "missiles and drones")],
                    score=-9.5,
                ),
                event(
                    "e-3",
                    "AID",
                    ["wagner-group"],
                    ["hamas"],
                    "Wagner Group reportedly trained Hamas.",
                    date="2023-10",
                    certainty="alleged",
                    attributed_to="reports out of Ukraine",
                ),
            ],
        ),
        doc(
            "d-3",
            "c.com",
            "2022-10-01",
            [
                event(
                    "e-4",
                    "AID",
                    ["IRN"],
                    ["RUS"],
                    "Iran supplied Shahed drones to Russia.",
                    items=["Shahed drones"],
                    date="2022-09",
                    score=10,
                ),
            ],
        ),
    ]
    path = tmp_path / "map.duckdb"
    with store_of(path, docs) as store:
        update_map(store, ["d-1", "d-2", "d-3"])
    return path


def _run(*args: str) -> str:
    result = CliRunner().invoke(GROUP, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_map_cli_map_lists_relations(db: Path) -> None:
    output = _run("map", "--db", str(db), "--single-document")
    assert "arms_supplier_of" in output and "Iran" in output and "Russia" in output


def test_map_cli_map_hides_relations_of_one_document_by_default(db: Path) -> None:
    """Issue 14: a relation resting on one article is shown only on request."""
    assert "arms_supplier_of" not in _run("map", "--db", str(db))  # one document
    assert "arms_supplier_of" in _run("map", "--db", str(db), "--single-document")


def test_map_cli_hides_one_event_however_many_articles_tell_it(db: Path) -> None:
    """Issue 14: one event (Iran's strike, told by two articles) is one incident, no
    standing relation: shown only on request."""
    assert "adversary_of" not in _run("map", "--db", str(db))
    every = _run("map", "--db", str(db), "--single-document")
    assert "adversary_of" in every and "Israel" in every


def test_map_cli_explain_lists_events_documents_and_rules(db: Path) -> None:
    output = _run("map", "--db", str(db), "--explain", "Iran", "Israel")
    assert "Iran adversary_of Israel" in output
    assert "350 missiles" in output and "300 missiles" in output
    assert "Rule: adversary_of from ASSAULT" in output and "[counts]" in output


def test_map_cli_dyad_prints_sparkline_and_events(db: Path) -> None:
    output = _run("dyad", "Iran", "Israel", "--db", str(db), "--month", "2024-04")
    assert "Iran (IRN) – Israel (ISR)" in output
    assert "2024-04" in output and "missiles" in output


def test_map_cli_conflicts_side_by_side(db: Path) -> None:
    output = _run("conflicts", "--db", str(db))
    assert "350" in output and "300" in output and "a.com" in output and "b.com" in output


def test_map_cli_conflicts_list_one_story_once(tmp_path: Path) -> None:
    """Issue 14: a story whose sources disagree on two fields (the count and the
    day) is one item of the list, under one heading, both fields shown; the
    limit counts stories, so a second story is not pushed out by the first's rows."""
    strike = "Iran launched {} missiles and drones at Israel on {}."
    docs = [
        doc(
            name,
            outlet,
            "2024-04-20",
            [
                event(
                    f"e-{name}",
                    "ASSAULT",
                    ["IRN"],
                    ["ISR"],
                    strike.format(count, day),
                    date=date,
                    date_text=day,
                    quantities=[(count, "missiles and drones")],
                )
            ],
        )
        for name, outlet, count, day, date in (
            ("d-1", "a.com", 350, "April 13", "2024-04-13"),
            ("d-2", "b.com", 300, "April 15", "2024-04-15"),
        )
    ]
    path = tmp_path / "story.duckdb"
    with store_of(path, docs) as store:
        update_map(store, ["d-1", "d-2"])
        rows = store.fetchall("SELECT field FROM conflicts ORDER BY field")
    assert [r[0] for r in rows] == ["date", "quantity"]
    rows = json.loads(_run("conflicts", "--db", str(path), "--limit", "1", "--format", "json"))
    assert sorted(r["field"] for r in rows) == ["date", "quantity"]
    assert len({r["cluster_id"] for r in rows}) == 1
    output = _run("conflicts", "--db", str(path), "--limit", "1")
    assert output.count("ASSAULT Iran") == 1
    assert " date:" in output and " quantity of missiles and drones:" in output


def test_map_cli_claims_filter(db: Path) -> None:
    output = _run("claims", "--db", str(db), "--certainty", "alleged")
    assert "reports out of Ukraine" in output


def test_map_cli_rebuild_and_merges(db: Path) -> None:
    assert "Map rebuilt from 3 documents" in _run("rebuild", "--db", str(db))
    assert "merged into" in _run("merges", "list", "--db", str(db))
    assert "No merge joins actors of different countries or kinds" in _run(
        "merges", "check", "--db", str(db)
    )


def test_map_cli_rebuild_reports_what_the_tables_hold(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 19: rebuild's figures are the tables' counts afterwards, even when a
    cluster is written again in each slice of documents (one document a slice here)."""
    import re

    import entente.consolidate as consolidate
    from entente.store.db import Store

    monkeypatch.setattr(consolidate, "REFRESH_SLICE_DOCS", 1)
    output = _run("rebuild", "--db", str(db))
    said = re.search(
        r"from (\d+) documents, (\d+) events: (\d+) clusters, (\d+) relations, "
        r"(\d+) merged actors",
        output,
    )
    assert said, output
    with Store(db, read_only=True) as store:
        held = store.fetchone(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events), "
            "(SELECT count(*) FROM clusters), (SELECT count(*) FROM relations), "
            "(SELECT count(*) FROM actor_merges WHERE undone_at IS NULL)"
        )
    assert tuple(int(n) for n in said.groups()) == held
    assert held[2] and held[3], "the fixture has clusters and relations to count"


def test_map_cli_unknown_actor_is_one_line_error(db: Path) -> None:
    result = CliRunner().invoke(GROUP, ["dyad", "Atlantis", "Iran", "--db", str(db)])
    assert result.exit_code == 1


def test_map_cli_exports_are_json_ready(db: Path) -> None:
    from entente.store.db import Store

    with Store(db, read_only=True) as store:
        for iterate in (iter_clusters, iter_relations, iter_dyads):
            rows = list(iterate(store))
            assert rows, iterate.__name__
            json.dumps(rows, default=str)


def test_map_cli_sparkline_scales() -> None:
    assert sparkline([0, 5, 10]) == "▁▅█"
    assert sparkline([]) == ""


def test_map_cli_hides_two_events_each_told_once_by_default(tmp_path: Path) -> None:
    """Issue 14: two events each told by one article (two documents, two events) are
    one source's word twice, no corroborated relation; two events, one of them told
    by two articles, are shown. --single-document shows both."""
    twice_told = [
        doc(
            f"d-{i}",
            outlet,
            "2024-04-15",
            [
                event(
                    f"e-{i}",
                    "SANCTION",
                    ["USA"],
                    ["IRN"],
                    sentence,
                    date=when,
                )
            ],
        )
        for i, outlet, sentence, when in (
            (1, "a.com", "The US sanctioned Iran.", "2024-04"),
            (2, "b.com", "The US sanctioned Iran.", "2024-04"),
            (5, "b.com", "The US froze the assets of Iranian banks.", "2023-06"),
        )
    ]
    told_once = [
        doc(
            f"d-{i}",
            "c.com",
            "2024-04-15",
            [event(f"e-{i}", "ASSAULT", ["IRN"], ["ISR"], sentence, date=when)],
        )
        for i, sentence, when in (
            (3, "Iran struck Israel.", "2024-04"),
            (4, "Iran shelled an Israeli post.", "2023-01"),
        )
    ]
    path = tmp_path / "map.duckdb"
    with store_of(path, [*twice_told, *told_once]) as store:
        update_map(store, ["d-1", "d-2", "d-3", "d-4", "d-5"])
    shown = _run("map", "--db", str(path), "--format", "json")
    assert [(r["source"], r["target"]) for r in json.loads(shown)] == [("USA", "IRN")]
    every = json.loads(_run("map", "--db", str(path), "--format", "json", "--single-document"))
    assert {(r["source"], r["target"]) for r in every} == {("USA", "IRN"), ("IRN", "ISR")}


def test_map_and_the_graph_api_show_the_same_corroborated_relations(tmp_path: Path) -> None:
    """Issue 14 (review C §5): `entente map` and /api/graph, as the page asks for it,
    read one corroboration test. A backing of one event told by two articles is shown
    (corroboration.single_event_kinds); a partnership of one event told by two articles
    is one incident, hidden by both."""
    told_twice = [
        doc(
            f"d-{i}",
            outlet,
            "2024-04-15",
            [
                event(
                    f"e-{i}a",
                    "AID",
                    ["RUS"],
                    ["x-syr-opposition"],
                    "Russia sent money and food to the Syrian opposition.",
                    trigger="sent",
                    items=["money and food"],
                    date="2024-04",
                ),
                event(
                    f"e-{i}b",
                    "COOPERATE",
                    ["RUS"],
                    ["TUR"],
                    "Russia and Turkey held joint naval exercises.",
                    trigger="held",
                    date="2024-04",
                    index=1,
                ),
            ],
        )
        for i, outlet in ((1, "a.com"), (2, "b.com"))
    ]
    path = tmp_path / "map.duckdb"
    with store_of(path, told_twice) as store:
        update_map(store, ["d-1", "d-2"])
    every = json.loads(_run("map", "--db", str(path), "--format", "json", "--single-document"))
    assert {(r["source"], r["target"], r["kind"]) for r in every} == {
        ("RUS", "x-syr-opposition", "backs"),
        ("RUS", "TUR", "partner_of"),
    }
    listed = json.loads(_run("map", "--db", str(path), "--format", "json"))
    with TestClient(create_app(path), base_url="http://127.0.0.1") as client:
        drawn = client.get(
            "/api/graph", params={"min_documents": 2, "corroborated": "true"}
        ).json()["edges"]
    shown = {("RUS", "x-syr-opposition", "backs")}
    assert {(r["source"], r["target"], r["kind"]) for r in listed} == shown
    assert {(e["source"], e["target"], e["kind"]) for e in drawn} == shown
