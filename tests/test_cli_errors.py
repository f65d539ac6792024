"""Every command given wrong values says what was wrong in one line, with no traceback or SQL
(issue 19): bad dates and months, unknown actors, types, countries, formats."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from map_fixtures import doc, event, store_of

from entente.cli import main
from entente.consolidate import update_map

# Words of DuckDB's errors and of Python's tracebacks: none may reach the user.
LEAKS = (
    "Traceback",
    "Error:  ",
    "Binder Error",
    "Conversion Error",
    "Parser Error",
    "LINE 1",
    "?::",
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("errors") / "e.duckdb"
    docs = [
        doc(
            "d-1",
            "a.com",
            "2024-04-20",
            [event("e-1", "AID", ["IRN"], ["RUS"], "Iran armed Russia.", date="2024-04")],
        ),
        doc(
            "d-2",
            "b.com",
            "2024-05-20",
            [event("e-2", "ACCUSE", ["RUS"], ["USA"], "Russia accused the US.", date="2024-05")],
        ),
    ]
    with store_of(path, docs) as store:
        update_map(store, [d.document.id for d in docs])
    return str(path)


BAD = [
    (["events", "--since", "March"], "since='March' is not a date"),
    (["events", "--until", "2024-13"], "is not a real date"),
    (["events", "--since", "2025", "--until", "2024"], "swap them"),
    (["events", "--type", "ATTACK"], "No event type ATTACK. Choose from:"),
    (["events", "--actor", "Rusia"], "No actor matches 'Rusia'. Did you mean: Russia (RUS)"),
    (["events", "--recipient", "Atlantis"], "No actor matches 'Atlantis'"),
    (["events", "--certainty", "probable"], "Invalid value for '--certainty'"),
    (["actors", "--country", "Iran"], "write IRN (Iran)"),
    (["actors", "--country", "Narnia"], "write an ISO alpha-3 code"),
    (["dyad", "Rusia", "Iran"], "No actor with id, name or alias 'Rusia'"),
    (["dyad", "RUS", "IRN", "--month", "2017-13"], "month='2017-13' is not a real date"),
    (["dyad", "RUS", "IRN", "--month", "March"], "month='March' is not a month"),
    (["claims", "--actor", "Atlantis"], "No actor with id, name or alias"),
    (["map", "--kind", "enemy_of"], "Invalid value for '--kind'"),
    (["export", "relations", "--format", "polecat"], "cannot be written as polecat"),
    (["export", "graph", "--format", "csv"], "choose graphml, gexf"),
    (["show", "zzzz"], "zzzz"),
    (["log", "--status", "fine"], "Invalid value for '--status'"),
]


@pytest.mark.parametrize(("args", "words"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_cli_errors_bad_values_get_one_line_and_no_sql(
    db: str, args: list[str], words: str
) -> None:
    result = CliRunner().invoke(main, [*args, "--db", db])
    assert result.exit_code in (1, 2), result.output
    assert words in " ".join(result.output.split()), result.output
    assert not any(leak in result.output for leak in LEAKS), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    error_lines = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert len(error_lines) <= 1


@pytest.mark.parametrize(
    "args",
    [
        ["docs"],
        ["log"],
        ["actors"],
        ["events"],
        ["map"],
        ["dyad", "RUS", "IRN"],
        ["conflicts"],
        ["claims"],
        ["merges", "list"],
    ],
)
def test_cli_listing_commands_write_json_for_scripts(db: str, args: list[str]) -> None:
    result = CliRunner().invoke(main, [*args, "--format", "json", "--db", db])
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)


def test_cli_events_json_is_the_query_page(db: str) -> None:
    result = CliRunner().invoke(main, ["events", "--format", "json", "--actor", "IRN", "--db", db])
    page = json.loads(result.stdout)
    assert page["total"] == 1 and page["events"][0]["id"] == "e-1"
    assert page["events"][0]["nodes"]["actor"] == [{"id": "IRN", "name": "Iran"}]


def test_cli_show_lists_the_documents_events_under_its_text(db: str) -> None:
    from entente.store.db import Store

    with Store(db, read_only=True) as store:
        (doc_id,) = store.fetchone("SELECT doc_id FROM events WHERE id = 'e-1'") or ("",)
    result = CliRunner().invoke(main, ["show", doc_id[:10], "--db", db])
    assert result.exit_code == 0, result.output
    text, _, below = result.output.partition("Iran armed Russia.")
    assert "events" in below and "AID" in below and "Iran" in below


def test_cli_tables_fold_long_values_instead_of_cutting_them(db: str) -> None:
    """Issue 19: at 80 columns relation kinds and sources were cut ("adversar…")."""
    from rich.console import Console

    from entente.escaping import DataTable

    table = DataTable("source", "relation", "target", "sentence")
    table.add_row("x-iranian-backed-militias", "adversary_of", "United States", "word " * 40)
    console = Console(width=60, record=True, color_system=None)
    console.print(table)
    text = console.export_text()
    assert "…" not in text
    cells = "".join(line.split("│")[2].strip() for line in text.splitlines() if "│" in line)
    assert "adversary_of" in cells
