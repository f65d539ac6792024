"""``entente export``: every table, or the map as a graph, to a file or standard output."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Any

import click

from entente import query
from entente.cli.base import db_option, err_console, open_store
from entente.errors import UsageError
from entente.escaping import terminal_safe
from entente.export import BINARY_FORMATS, GRAPH_FORMATS, check_format, write_export
from entente.export.formats import EVENT_FORMATS


@click.command(name="export")
@click.argument("kind", type=click.Choice([*sorted(query.TABLES), "graph"]))
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*EVENT_FORMATS, *GRAPH_FORMATS]),
    default=None,
    help="jsonl (nested records), csv and parquet (flat columns) for a table; polecat "
    "(POLECAT's tab-separated columns) for events; graphml or gexf for graph. "
    "[default: jsonl, graphml for graph]",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write; standard output by default.",
)
@click.option(
    "--candidates",
    is_flag=True,
    help="Events only: write the events kept as candidates (confidence below the floor, "
    "left out of the map and the default export), each with its reason.",
)
def export_command(
    kind: str, db: Path | None, fmt: str | None, output: Path | None, candidates: bool
) -> None:
    """Write stored records (one per line for jsonl) or the map (graph) to a file or standard output."""
    fmt = fmt or ("graphml" if kind == "graph" else "jsonl")
    check_format(kind, fmt)
    binary = fmt in BINARY_FORMATS
    with open_store(db) as store:
        if output is None:
            count = write_export(
                store, kind, fmt, sys.stdout.buffer if binary else sys.stdout, candidates
            )
        else:
            with _opened(output, binary) as out:
                count = write_export(store, kind, fmt, out, candidates)
    what = "edges" if kind == "graph" else "candidate events" if candidates else kind
    err_console.print(
        terminal_safe(f"Wrote {count} {what}" + (f" to {output}" if output else "")), markup=False
    )


def _opened(output: Path, binary: bool) -> IO[Any]:
    """The output file, open for writing. Raises UsageError when it cannot be written."""
    try:
        if binary:
            return output.open("wb")
        return output.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise UsageError(
            f"Cannot write {output}: {exc.strerror or exc}. Name a file in a folder that "
            "exists and that you may write to, with -o."
        ) from None
