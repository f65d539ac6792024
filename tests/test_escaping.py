"""Stored data escaped where it leaves entente: terminal, CSV, text filters, DuckDB (issue 18)."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from entente import query
from entente.cli import main
from entente.errors import DocumentNotFound, StoreError, UsageError
from entente.escaping import spreadsheet_cell, terminal_safe
from entente.export import write_csv
from entente.query.filters import MAX_FILTER_OUTLETS
from entente.store.db import Store

HOSTILE_TITLE = "Talks [/] resume [link=http://evil.example]here[/link] \x1b[2J\x1b]8;;x\x07"
HOSTILE_SOURCE = "inbox/[/bold]\x1b[31mred.txt"


def _store_with_hostile_rows(path: Path) -> None:
    with Store(path) as store:
        store.execute(
            "INSERT INTO documents (id, source, outlet, title, published, text, words, "
            "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, now())",
            [
                "abc123\x1b[1m",
                HOSTILE_SOURCE,
                "[red]outlet[/red]",
                HOSTILE_TITLE,
                "2024-04-13",
                "Costs rose 70% and 7_0 fell.\x1b[2J",
                6,
            ],
        )
        store.execute(
            "INSERT INTO ingest_log (run_id, source, status, reason, logged_at) "
            "VALUES ('r1', ?, 'error', ?, now())",
            [HOSTILE_SOURCE, "malformed [/] thing \x1b[2J"],
        )


def _invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_terminal_safe_escape_sequences_shown_not_sent() -> None:
    assert terminal_safe("a\x1b[2Jb\rc\x9bd\u202ee") == "a\\x1b[2Jb\\x0dc\\x9bd\\u202ee"
    assert terminal_safe("line one\n\tline two") == "line one\n\tline two"


@pytest.mark.parametrize("command", [["log"], ["docs"], ["show", "abc"]])
def test_cli_listings_markup_and_escapes_in_data_printed_literally(
    tmp_path: Path, command: list[str]
) -> None:
    """Issue 18: `[/]` in a title or path crashed `entente log`/`docs` with MarkupError,
    and ESC sequences reached the terminal raw."""
    db = tmp_path / "s.duckdb"
    _store_with_hostile_rows(db)
    result = _invoke(*command, "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    assert "\\x1b" in result.output
    assert "[/" in result.output  # the markup is shown as the text it is


def test_cli_error_message_with_markup_printed_not_parsed(tmp_path: Path) -> None:
    """Issue 18: an error naming a path with `[/]` must not raise MarkupError."""
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "no[/]such\x1b.txt")])
    assert result.exit_code == 1
    assert "no[/]such\\x1b.txt" in result.output
    assert "\x1b" not in result.output


@pytest.mark.parametrize(
    "cell", ['=HYPERLINK("http://evil.example","x")', "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3"]
)
def test_spreadsheet_cell_formula_prefixed_with_quote(cell: str) -> None:
    out = io.StringIO()
    write_csv([{"title": cell, "score": -2}], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["title"] == "'" + cell
    assert row["score"] == "-2"  # a number stays a number


def test_spreadsheet_cell_plain_text_unchanged() -> None:
    assert spreadsheet_cell("Iran and Russia") == "Iran and Russia"
    assert spreadsheet_cell("\tx") == "'\tx"


def test_like_percent_in_search_matches_itself(tmp_path: Path) -> None:
    """Issue 18: q=70% found nothing (no ESCAPE clause), and % matched every title."""
    db = tmp_path / "s.duckdb"
    _store_with_hostile_rows(db)
    with Store(db, read_only=True) as store:
        assert len(query.list_documents(store, search="70%")) == 1
        assert query.list_documents(store, search="80%") == []
        assert query.list_documents(store, search="7_0") != []
        assert query.list_documents(store, search="7_1") == []
        assert query.list_documents(store, search="0%a") == []  # a wildcard would match
        assert len(query.get_document(store, "abc")["id"]) == 10
        with pytest.raises(DocumentNotFound):
            query.get_document(store, "%")


def test_event_filters_outlets_capped() -> None:
    """Issue 18: 12,000 distinct outlets cost 2 s a request."""
    many = ",".join(f"outlet{n}.example" for n in range(MAX_FILTER_OUTLETS + 1))
    with pytest.raises(UsageError, match="at most"):
        query.event_filters(outlets=many)
    assert len(query.event_filters(outlets="a.example,b.example").outlets) == 2


def test_store_sqlite_file_refused_without_fetching_an_extension(tmp_path: Path) -> None:
    """Issue 18: a --db that is a SQLite file made DuckDB download sqlite_scanner."""
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE t (a)")
    with pytest.raises(StoreError, match="not an entente store"):
        Store(path)
    with Store(tmp_path / "s.duckdb") as store:
        settings = store.fetchone(
            "SELECT current_setting('autoinstall_known_extensions'), "
            "current_setting('autoload_known_extensions')"
        )
    assert settings == (False, False)


def test_cli_export_to_a_path_with_markup_says_so_literally(tmp_path: Path) -> None:
    """A user's path holding markup is text in the CLI's own lines too (issue 18)."""
    db = tmp_path / "s.duckdb"
    _store_with_hostile_rows(db)
    output = tmp_path / "[bold]out\x1b.csv"
    result = CliRunner().invoke(
        main, ["export", "documents", "--format", "csv", "--db", str(db), "-o", str(output)]
    )
    assert result.exit_code == 0, result.output
    assert "[bold]out\\x1b.csv" in result.output
