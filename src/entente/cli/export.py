"""``entente export``: every table to a file or standard output."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from entente import export as exporting
from entente import query
from entente.cli.base import db_option, err_console, open_store


@click.command(name="export")
@click.argument("kind", type=click.Choice(sorted(query.TABLES)))
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(exporting.FORMATS), default="jsonl", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write; standard output by default.",
)
def export_command(kind: str, db: Path | None, fmt: str, output: Path | None) -> None:
    """Write stored records (one per line for jsonl) to a file or standard output."""
    writer = exporting.WRITERS[fmt]
    with open_store(db) as store:
        records = query.TABLES[kind](store)
        if output is None:
            count = writer(records, sys.stdout)
        else:
            with output.open("w", encoding="utf-8", newline="") as out:
                count = writer(records, out)
    err_console.print(f"Wrote {count} {kind}" + (f" to {output}" if output else ""))
