"""Exports in the formats of the field: flat CSV, Parquet, POLECAT, GraphML, GEXF, and the
event record's JSON Schema (issue 16; issue 19's flat CSV).

A hand-made store (no spaCy model) for the mechanics; the seeds' own map and
events for the acceptance checks.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import networkx as nx
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from map_fixtures import doc, event, store_of

from entente import query, vocabulary
from entente.cli import main
from entente.consolidate import update_map
from entente.export.formats import event_schema
from entente.export.polecat import polecat_columns
from entente.ingest.run import ingest
from entente.settings import Settings
from entente.store.db import Store


def _docs() -> list:
    drones = "Iran supplied Shahed drones to Russia."
    return [
        doc(
            "d-1",
            "a.com",
            "2022-10-01",
            [
                event(
                    "e-1", "AID", ["IRN"], ["RUS"], drones, date="2022-09", items=["Shahed drones"]
                )
            ],
        ),
        doc(
            "d-2",
            "b.com",
            "2022-10-03",
            [
                event(
                    "e-2", "AID", ["IRN"], ["RUS"], drones, date="2022-09", items=["Shahed drones"]
                )
            ],
        ),
        doc(
            "d-3",
            "c.com",
            "2024-04-20",
            [
                event(
                    "e-3",
                    "ASSAULT",
                    ["IRN", "hamas"],
                    ["ISR"],
                    "Iran and Hamas launched 350 missiles and drones at Israel.",
                    date="2024-04-13",
                    quantities=[(350, "missiles and drones")],
                    attributed_to="Israeli officials",
                ),
                event("e-4", "ACCUSE", ["RUS"], ["IRN"], "=Russia criticised Iran.", date="2024"),
            ],
        ),
    ]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "export.duckdb"
    with store_of(path, _docs()) as store:
        update_map(store, [d.document.id for d in _docs()])
    return path


def _export(db: Path, out: Path, *args: str) -> Path:
    result = CliRunner().invoke(main, ["export", *args, "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _relations(db: Path) -> set[tuple[str, str, str]]:
    with Store(db, read_only=True) as store:
        return {(r["source"], r["target"], r["kind"]) for r in query.iter_relations(store)}


def _nodes(relations: set[tuple[str, str, str]]) -> set[str]:
    return {n for s, t, _ in relations for n in (s, t)}


def _read_back(graph: nx.Graph) -> set[tuple[str, str, str]]:
    return {(s, t, data["kind"]) for s, t, data in graph.edges(data=True)}


def test_export_graph_graphml_and_gexf_read_back_as_the_relations(db: Path, tmp_path: Path) -> None:
    relations = _relations(db)
    assert relations
    graphml = nx.read_graphml(_export(db, tmp_path / "map.graphml", "graph", "--format", "graphml"))
    gexf = nx.read_gexf(_export(db, tmp_path / "map.gexf", "graph", "--format", "gexf"))
    for graph in (graphml, gexf):
        assert set(graph.nodes) == _nodes(relations)
        assert _read_back(graph) == relations
        assert graph.number_of_edges() == len(relations)
    node = graphml.nodes["IRN"]
    assert (node["name"], node["country"]) == ("Iran", "IRN")
    edge = next(d for s, t, d in graphml.edges(data=True) if (s, t) == ("IRN", "RUS"))
    assert edge["evidence"] >= 1 and edge["certainty"] == "asserted" and edge["strength"] > 0


def test_export_events_csv_has_one_scalar_per_cell_and_documented_columns(
    db: Path, tmp_path: Path
) -> None:
    out = _export(db, tmp_path / "events.csv", "events", "--format", "csv")
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 4
    for column in (
        "actor_name",
        "actor_country",
        "actor_sector",
        "date_start",
        "date_precision",
        "evidence_sentence",
        "evidence_trigger_start",
        "doc_outlet",
        "attributed_to_name",
    ):
        assert column in rows[0], column
    for row in rows:
        assert not any(cell.startswith(("{", "[")) for cell in row.values())
    both = next(r for r in rows if r["id"] == "e-3")
    assert (both["actor_name"], both["actor_country"]) == ("Iran; Hamas", "IRN; PSE")
    assert both["quantities_value"] == "350" and both["attributed_to_name"] == "Israeli officials"
    assert next(r for r in rows if r["id"] == "e-4")["evidence_sentence"].startswith("'=")


def test_export_every_table_as_parquet_with_the_csv_columns(db: Path, tmp_path: Path) -> None:
    for kind in query.TABLES:
        table = pq.read_table(
            _export(db, tmp_path / f"{kind}.parquet", kind, "--format", "parquet")
        )
        rows = list(
            csv.DictReader(_export(db, tmp_path / f"{kind}.csv", kind, "--format", "csv").open())
        )
        assert table.num_rows == len(rows), kind
        if rows:  # the hand-made store has no mentions
            assert table.column_names == list(rows[0]), kind


def test_export_events_polecat_has_its_columns_in_order(db: Path, tmp_path: Path) -> None:
    out = _export(db, tmp_path / "events.tsv", "events", "--format", "polecat")
    rows = list(csv.reader(out.open(encoding="utf-8"), delimiter="\t"))
    header, body = rows[0], rows[1:]
    assert header == [name for name, _ in polecat_columns()]
    assert header[:3] == ["Event ID", "Event Date", "Event Type"] and len(header) == 40
    line = dict(zip(header, next(r for r in body if r[0] == "e-3"), strict=True))
    assert line["Event Type"] == "ASSAULT" and line["Quad Code"] == "material_conflict"
    assert line["Actor Country"].startswith("IRN") and line["Recipient Country"] == "ISR"
    assert line["Source"] == "c.com" and line["Latitude"] == ""


def test_export_refuses_a_format_the_kind_has_not(db: Path) -> None:
    result = CliRunner().invoke(
        main, ["export", "relations", "--format", "polecat", "--db", str(db)]
    )
    assert result.exit_code == 1
    assert "choose jsonl, csv, parquet" in result.output


def test_export_events_match_the_shipped_json_schema(db: Path) -> None:
    schema = event_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    with Store(db, read_only=True) as store:
        events = list(query.iter_events(store))
    assert len(events) == 4
    for record in events:
        jsonschema.validate(json.loads(json.dumps(record)), schema)
    broken = {**events[0], "certainty": "probable"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_export_schema_enums_are_the_vocabulary() -> None:
    props = event_schema()["properties"]
    assert tuple(props["certainty"]["enum"]) == vocabulary.CERTAINTIES
    assert tuple(props["polarity"]["enum"]) == vocabulary.POLARITIES
    assert tuple(props["tense"]["enum"]) == vocabulary.TENSES


@pytest.mark.acceptance
@pytest.mark.slow
def test_export_seeds_events_validate_and_map_reads_back(shared: Path, tmp_path: Path) -> None:
    """Every event exported from the seeds passes the schema; their map's graph files read back."""
    db = tmp_path / "seeds.duckdb"
    ingest([str(shared / "seeds")], Settings.load(db=db, workers=1))
    out = _export(db, tmp_path / "events.jsonl", "events")
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(events) > 50
    validator = jsonschema.Draft202012Validator(event_schema())
    assert [e["id"] for e in events if not validator.is_valid(e)] == []
    relations = _relations(db)
    assert len(relations) > 5
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        graph = read(_export(db, tmp_path / f"map.{fmt}", "graph", "--format", fmt))
        assert set(graph.nodes) == _nodes(relations)
        assert _read_back(graph) == relations
    csv_rows = list(
        csv.DictReader(
            io.StringIO(
                _export(db, tmp_path / "events.csv", "events", "--format", "csv").read_text("utf-8")
            )
        )
    )
    assert len(csv_rows) == len(events)
