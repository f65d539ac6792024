"""Every command given wrong values says what was wrong in one line, with no traceback or SQL
(issue 19): bad dates and months, unknown actors, types, countries, formats."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
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


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with inputs that are wrong in their own way: bad JSON, a text file
    named as a store."""
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    (folder / "notes.txt").write_text("Some notes, not a database.\n", encoding="utf-8")
    (folder / "not-a-store.duckdb").write_text("Some notes, not a database.\n", encoding="utf-8")
    gold = {"id": "g-1", "doc": "000_abc", "event": "AID", "actor": ["IRN"], "recipient": ["RUS"]}
    (folder / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    return folder


# Wrong values for every command ({files} is the folder above); the store is
# the module's unless the call names its own with --db.
BAD = [
    (["ingest", "{files}/nope.txt"], "No such file, folder or matching glob"),
    (["ingest", "{files}/notes.txt", "--workers", "0"], "workers=0: write a whole number"),
    (["ingest", "{files}/notes.txt", "--max-bytes", "-1"], "max_bytes=-1: write a whole number"),
    (["ingest", "{files}/notes.txt", "--languages", "zz"], "zz is no ISO 639-1 code"),
    (["ingest", "{files}/notes.txt", "--limit", "-3"], "Invalid value for '--limit'"),
    (["ingest", "{files}/notes.txt", "--engine", "spark"], "Invalid value for '--engine'"),
    (["ingest", "{files}/notes.txt", "--ray-address", "x"], "go with --engine ray"),
    (["docs", "--outlet", "Nowhere News"], "No document has outlet 'Nowhere News'"),
    (["docs", "--limit", "-1"], "Invalid value for '--limit'"),
    (["docs", "--offset", "-5"], "Invalid value for '--offset'"),
    (["show", "zzzz"], "No document with id 'zzzz'"),
    (["log", "--status", "fine"], "Invalid value for '--status'"),
    (["log", "--run", "nosuch"], "No ingest run 'nosuch'"),
    (["log", "--limit", "-2"], "Invalid value for '--limit'"),
    (["actors", "--country", "Iran"], "write IRN (Iran)"),
    (["actors", "--country", "Narnia"], "write an ISO alpha-3 code"),
    (["actors", "--kind", "wizard"], "No actor of kind 'wizard'. Kinds in the store:"),
    (["actors", "--limit", "abc"], "'abc' is not a valid integer"),
    (["events", "--since", "March"], "since='March' is not a date"),
    (["events", "--until", "2024-13"], "is not a real date"),
    (["events", "--since", "2025", "--until", "2024"], "swap them"),
    (["events", "--type", "ATTACK"], "No event type ATTACK. Choose from:"),
    (["events", "--actor", "Rusia"], "No actor matches 'Rusia'. Did you mean: Russia (RUS)"),
    (["events", "--recipient", "Atlantis"], "No actor matches 'Atlantis'"),
    (["events", "--certainty", "probable"], "Invalid value for '--certainty'"),
    (["events", "--offset", "-1"], "Invalid value for '--offset'"),
    (["eval", "{files}/nope.jsonl"], "'{files}/nope.jsonl' does not exist"),
    (["eval", "{files}/bad.jsonl"], "bad.jsonl:1: not JSON"),
    (["map", "--kind", "enemy_of"], "Invalid value for '--kind'"),
    (["map", "--limit", "-1"], "Invalid value for '--limit'"),
    (["map", "--explain", "Atlantis", "Iran"], "No actor with id, name or alias 'Atlantis'"),
    (["dyad", "Rusia", "Iran"], "No actor with id, name or alias 'Rusia'"),
    (["dyad", "RUS", "IRN", "--month", "2017-13"], "month='2017-13' is not a real date"),
    (["dyad", "RUS", "IRN", "--month", "March"], "month='March' is not a month"),
    (["dyad", "RUS", "IRN", "--limit", "-1"], "Invalid value for '--limit'"),
    (["conflicts", "--limit", "-1"], "Invalid value for '--limit'"),
    (["claims", "--actor", "Atlantis"], "No actor with id, name or alias"),
    (["claims", "--certainty", "maybe"], "Invalid value for '--certainty'"),
    (["ask", "  "], "The question is empty"),
    (["ask", "Who attacked Israel?", "--since", "2024-13"], "is not a real date"),
    (["ask", "Who attacked Israel?", "--limit", "0"], "Invalid value for '--limit'"),
    (["rebuild", "--db", "{files}/not-a-store.duckdb"], "is not a DuckDB file"),
    (["rebuild", "--db", "{files}"], "is a directory"),
    (["merges", "list", "--format", "xml"], "Invalid value for '--format'"),
    (["merges", "check", "--db", "{files}/not-a-store.duckdb"], "is not a DuckDB file"),
    (["merges", "add", "RUS", "nosuch"], "No actor with id 'nosuch'"),
    (["merges", "add", "RUS", "RUS"], "Cannot merge actor 'RUS' into itself"),
    (["merges", "undo", "nosuch"], "See merges with: entente merges list"),
    (["export", "nosuch"], "'nosuch' is not one of"),
    (["export", "relations", "--format", "polecat"], "cannot be written as polecat"),
    (["export", "graph", "--format", "csv"], "choose graphml, gexf"),
    (["export", "events", "-o", "{files}/no-folder/events.jsonl"], "Cannot write"),
    (["serve", "--port", "0"], "Invalid value for '--port'"),
    (["serve", "--host", "0.0.0.0"], "Refusing to serve on 0.0.0.0 without a token"),
    (["serve", "--token", " "], "The token is blank"),
]


def _call(args: list[str], db: str, files: Path) -> Result:
    args = [a.replace("{files}", str(files)) for a in args]
    return CliRunner().invoke(main, args if "--db" in args else [*args, "--db", db])


def _assert_one_line_error(result: Result, words: str) -> None:
    assert result.exit_code in (1, 2), result.output
    assert words in " ".join(result.output.split()), result.output
    assert not any(leak in result.output for leak in LEAKS), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    error_lines = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert len(error_lines) == 1, result.output


@pytest.mark.parametrize(("args", "words"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_cli_errors_bad_values_get_one_line_and_no_sql(
    db: str, files: Path, args: list[str], words: str
) -> None:
    _assert_one_line_error(_call(args, db, files), words.replace("{files}", str(files)))


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[str]:
    found = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
        else:
            found.append(" ".join((*prefix, name)))
    return found


def test_cli_errors_every_command_is_driven_with_wrong_values() -> None:
    """Issue 19: a new command gets its wrong-value cases in BAD, or this fails."""
    driven = {" ".join(args[:2]) if args[0] == "merges" else args[0] for args, _ in BAD}
    assert set(_commands(main)) - driven == set()


@pytest.mark.parametrize("command", _commands(main))
def test_cli_errors_a_file_that_is_no_store_gets_one_line(files: Path, command: str) -> None:
    """Every command that opens the store says, in one line, that --db names no store."""
    args = {
        "ingest": ["ingest", str(files / "notes.txt"), "--workers", "1"],
        "show": ["show", "zzzz"],
        "ask": ["ask", "Who attacked Israel?"],
        "dyad": ["dyad", "RUS", "IRN"],
        "export": ["export", "events"],
        "eval": ["eval", str(files / "gold.jsonl")],
        "merges add": ["merges", "add", "RUS", "IRN"],
        "merges undo": ["merges", "undo", "RUS"],
    }.get(command, command.split())
    result = CliRunner().invoke(main, [*args, "--db", str(files / "not-a-store.duckdb")])
    _assert_one_line_error(result, "is not a DuckDB file")


def test_cli_errors_serve_on_a_port_in_use_gets_one_line(db: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = CliRunner().invoke(main, ["serve", "--port", port, "--db", db])
    _assert_one_line_error(result, f"Cannot listen on 127.0.0.1:{port}")


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


def test_cli_errors_ctrl_c_during_ingest_says_what_is_kept(
    files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C printed a traceback (DuckDB's "Query interrupted" among them); now one line
    that says the committed documents are kept, and exit status 130."""
    import entente.ingest.run

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(entente.ingest.run, "ingest", interrupted)
    result = CliRunner().invoke(
        main, ["ingest", str(files / "notes.txt"), "--db", str(tmp_path / "i.duckdb")]
    )
    assert result.exit_code == 130, result.output
    assert "Interrupted: 0 documents committed" in result.output
    assert "Traceback" not in result.output


def test_cli_errors_ray_run_with_a_missing_path_ends_saying_so(
    files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Ray engine lists a path that names nothing in ``missing`` (as the local one
    does; tests/test_acceptance_scale.py runs it): the run ends naming it, exit 1."""
    import entente.scale
    from entente.ingest.run import IngestSummary

    missing = str(files / "gone.txt")
    monkeypatch.setattr(
        entente.scale, "ingest_on_ray", lambda *a, **k: IngestSummary("r", missing=[missing])
    )
    monkeypatch.setattr("entente.cli.ingest._print_next_steps", lambda db: None)
    result = CliRunner().invoke(
        main,
        ["ingest", missing, str(files / "notes.txt"), "--engine", "ray"]
        + ["--db", str(tmp_path / "r.duckdb")],
    )
    assert result.exit_code == 1, result.output
    _assert_one_line_error(result, "gone.txt")
