"""The command line, driven the way users reach it (Click's runner), on a real store.

These tests run the real spaCy pipeline over a few short articles written for them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _events_helpers import EVENT_RECORD_FIELDS
from click.testing import CliRunner

from entente.cli import main

pytestmark = pytest.mark.slow

ARTICLES = {
    "talks.txt": (
        "Ministers Meet in Vienna\n\n"
        "The foreign ministers of Austria and Hungary met in Vienna on Tuesday to discuss "
        "border controls and energy supplies. Both sides agreed to hold further talks in the "
        "spring, officials said. The meeting came after weeks of tension over gas transit fees.\n"
    ),
    "aid.txt": (
        "Canada Sends Aid to Flood Victims\n\n"
        "Canada said on Friday it would send 40 tonnes of medical supplies to Peru after floods "
        "displaced thousands of families in the north of the country. The shipment will leave "
        "Montreal next week, the foreign ministry said in a statement.\n"
    ),
}
FRENCH = (
    "Les ministres des affaires étrangères se sont réunis mardi à Vienne pour discuter des "
    "contrôles aux frontières et de l'approvisionnement en énergie. Les deux parties ont "
    "convenu de poursuivre les discussions au printemps, selon des responsables.\n"
)


def _folder(root: Path) -> Path:
    folder = root / "inbox"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _invoke(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_ingest_folder_stores_articles_and_rerun_adds_nothing(tmp_path: Path) -> None:
    folder, db = _folder(tmp_path), str(tmp_path / "e.duckdb")
    first = _invoke("ingest", str(folder), "--db", db, "--workers", "1")
    assert first.exit_code == 0, first.output
    assert "stored 2" in first.output
    again = _invoke("ingest", str(folder), "--db", db, "--workers", "1")
    assert again.exit_code == 0
    assert "stored 0" in again.output and "duplicates 2" in again.output


def test_ingest_bad_inputs_logged_with_reasons_and_exit_0(tmp_path: Path) -> None:
    folder, db = _folder(tmp_path), str(tmp_path / "e.duckdb")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.json").write_text('{"title": "x", "text": "unfinished', encoding="utf-8")
    (folder / "french.txt").write_text(FRENCH, encoding="utf-8")
    latin = "Ministers from Zürich and Genève agreed on Monday to fund a new rail link. " * 4
    (folder / "latin1.txt").write_bytes(latin.encode("latin-1"))
    result = _invoke("ingest", str(folder), "--db", db, "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "stored 3" in result.output  # the two articles and the Latin-1 one
    assert _invoke("log", "--db", db, "--run", "last").exit_code == 0
    rows = _log_rows(Path(db))
    by_source = {Path(r["source"].split("#")[0]).name: r for r in rows}
    for name in ("photo.png", "empty.txt", "broken.json", "french.txt"):
        assert by_source[name]["status"] in ("skipped", "error"), name
        assert by_source[name]["reason"], name
    assert "French" in by_source["french.txt"]["reason"]
    assert by_source["latin1.txt"]["status"] == "ok"


def _log_rows(db: Path) -> list[dict]:
    from entente.store.db import Store

    with Store(db, read_only=True) as store:
        return store.records("SELECT source, status, reason FROM ingest_log")


def test_ingest_missing_path_exits_1_with_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "e.duckdb")]
    )
    assert result.exit_code == 1
    assert "No such file" in result.output


def test_ingest_missing_path_among_others_skipped_logged_and_exits_1(tmp_path: Path) -> None:
    """Issue 19: one mistyped path no longer stops the run; the rest is ingested."""
    folder, db = _folder(tmp_path), tmp_path / "e.duckdb"
    missing, glob = str(tmp_path / "nope.txt"), str(tmp_path / "*.warc")
    result = CliRunner().invoke(
        main, ["ingest", missing, str(folder), glob, "--db", str(db), "--workers", "1"]
    )
    assert result.exit_code == 1, result.output
    assert "stored 2" in result.output
    [error] = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert "nope.txt" in error and "*.warc" in error and "Traceback" not in result.output
    rows = {r["source"]: r for r in _log_rows(db)}
    for name in (missing, glob):
        assert rows[name]["status"] == "error"
        assert "No such file, folder or matching glob" in rows[name]["reason"]
    assert [r["status"] for s, r in rows.items() if s.endswith(".txt") and s != missing] == [
        "ok",
        "ok",
    ]


def test_ingest_store_in_use_exits_1_saying_so(tmp_path: Path, hold_store) -> None:
    folder, db = _folder(tmp_path), tmp_path / "busy.duckdb"
    hold_store(db)
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 1
    assert "in use by another entente process" in result.output


def test_docs_show_and_export_read_what_was_ingested(tmp_path: Path) -> None:
    folder, db = _folder(tmp_path), str(tmp_path / "e.duckdb")
    assert _invoke("ingest", str(folder), "--db", db, "--workers", "1").exit_code == 0
    listing = _invoke("docs", "--db", db)
    assert "2 documents" in listing.output and "Canada Sends" in listing.output
    out = tmp_path / "docs.jsonl"
    assert _invoke("export", "documents", "--db", db, "-o", str(out)).exit_code == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 2
    assert {"id", "source", "outlet", "title", "author", "published", "text"} <= set(records[0])
    aid = next(r for r in records if r["title"] == "Canada Sends Aid to Flood Victims")
    assert aid["text"].startswith("Canada said on Friday")
    shown = _invoke("show", aid["id"][:8], "--db", db)
    assert "40 tonnes of medical supplies" in shown.output


def test_show_unknown_id_exits_1_naming_it(tmp_path: Path) -> None:
    folder, db = _folder(tmp_path), str(tmp_path / "e.duckdb")
    _invoke("ingest", str(folder), "--db", db, "--workers", "1")
    result = CliRunner().invoke(main, ["show", "ffffffff", "--db", db])
    assert result.exit_code == 1
    assert "ffffffff" in result.output


@pytest.mark.parametrize(
    "command",
    [
        "ingest",
        "docs",
        "show",
        "log",
        "export",
        "actors",
        "events",
        "eval",
        "map",
        "dyad",
        "conflicts",
        "claims",
        "rebuild",
    ],
)
def test_every_command_has_help_and_db_option(command: str) -> None:
    result = _invoke(command, "--help")
    assert result.exit_code == 0
    assert "--db" in result.output


def test_export_events_writes_the_public_event_record(tmp_path: Path) -> None:
    folder, db = _folder(tmp_path), str(tmp_path / "e.duckdb")
    _invoke("ingest", str(folder), "--db", db, "--workers", "1")
    out = tmp_path / "events.jsonl"
    assert _invoke("export", "events", "--db", db, "-o", str(out)).exit_code == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert records, "the fixture articles state events"
    contract = EVENT_RECORD_FIELDS
    for record in records:
        assert contract <= set(record)
        assert {"sentence", "start", "end", "trigger"} <= set(record["evidence"])
        assert {"id", "source", "outlet", "title", "published"} <= set(record["doc"])
    meeting = [r for r in records if r["type"] == "CONSULT"]
    assert any(
        {"AUT", "HUN"} & {a["country"] for a in r["actor"] + r["recipient"]} for r in meeting
    )


def test_export_mentions_and_actors_name_who_is_who(tmp_path: Path) -> None:
    folder, db = _folder(tmp_path), str(tmp_path / "e.duckdb")
    _invoke("ingest", str(folder), "--db", db, "--workers", "1")
    out = tmp_path / "mentions.jsonl"
    assert _invoke("export", "mentions", "--db", db, "-o", str(out)).exit_code == 0
    mentions = [json.loads(line) for line in out.read_text().splitlines()]
    canada = [m for m in mentions if m["text"] == "Canada"]
    assert canada and canada[0]["actor"]["country"] == "CAN"
    assert {"doc", "text", "start", "end", "actor"} <= set(canada[0])
    listing = _invoke("actors", "--db", db, "--country", "CAN")
    assert listing.exit_code == 0 and "Canada" in listing.output


def test_events_command_filters_by_type(tmp_path: Path) -> None:
    folder, db = _folder(tmp_path), str(tmp_path / "e.duckdb")
    _invoke("ingest", str(folder), "--db", db, "--workers", "1")
    result = _invoke("events", "--db", db, "--type", "CONSULT", "--evidence")
    assert result.exit_code == 0
    assert "CONSULT" in result.output and "AID" not in result.output


def test_eval_warns_when_gold_documents_have_no_events(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    line = {
        "event": "ASSAULT",
        "accept_event": ["ASSAULT"],
        "actor": ["NRL"],
        "recipient": ["SDR"],
        "polarity": "positive",
        "anchor": ["attacked"],
    }
    gold.write_text(
        "\n".join(
            json.dumps({**line, "id": f"g{i}", "doc": doc})
            for i, doc in enumerate(["001_present", "002_absent"])
        )
    )
    events = tmp_path / "events.jsonl"
    events.write_text(json.dumps({"type": "AGREE", "doc": {"source": "x/001_present.txt"}}))
    result = _invoke("eval", str(gold), "--events", str(events))
    assert result.exit_code == 0, result.output
    assert "1 of 2 gold documents have no event in the events file" in result.output
    assert "002_absent" in result.output and "001_present" not in result.output.split("):")[-1]
