"""The ``entente`` command: every command parses its options, calls the library, prints.

Errors from the library are ``EntenteError``s, caught once in ``main``: they
print ``Error: <message>`` and exit 1 (with a traceback only under --debug).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from entente import export as exporting
from entente import query
from entente.errors import EntenteError
from entente.settings import SETTINGS, Settings
from entente.store.db import Store

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)
_HELP = {s.name: s.help for s in SETTINGS}


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--db PATH`` for every command, from the settings table."""
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        envvar="ENTENTE_DB",
        help=_HELP["db"] + " [default: ./entente.duckdb]",
    )(func)


def open_store(db: Path | None, read_only: bool = True) -> Store:
    return Store(Settings.load(db=db).db, read_only=read_only)


class EntenteGroup(click.Group):
    """Turns EntenteError into one line and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EntenteError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            err_console.print(f"[red]Error:[/red] {exc}", markup=True, soft_wrap=True)
            sys.exit(1)


@click.group(cls=EntenteGroup)
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.version_option(package_name="entente")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """entente: who does what to whom in international news, with the evidence."""
    ctx.obj = {"debug": debug}


# -- ingest ---------------------------------------------------------------------


def _reader_options(**fields: Any) -> Any:
    from entente.ingest.readers import ReaderOptions

    return ReaderOptions(**fields)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--workers", type=int, default=None, help=_HELP["workers"])
@click.option("--model", default=None, help=_HELP["model"])
@click.option("--batch-size", type=int, default=None, help=_HELP["batch_size"])
@click.option("--max-bytes", type=int, default=None, help=_HELP["max_bytes"])
@click.option("--min-chars", type=int, default=None, help=_HELP["min_chars"])
@click.option("--languages", default=None, help=_HELP["languages"])
@click.option("--text-field", default=None, help="Field holding the text in JSON/CSV records.")
@click.option("--title-field", default=None, help="Field holding the title.")
@click.option("--date-field", default=None, help="Field holding the publication date.")
@click.option("--url-field", default=None, help="Field holding the article's URL.")
@click.option("--author-field", default=None, help="Field holding the author.")
@click.option("--id-field", default=None, help="Field holding the record's id.")
@click.option("--limit", type=int, default=None, help="Stop after this many articles.")
@click.option("--quiet", is_flag=True, help="Print the summary only.")
def ingest(paths: tuple[str, ...], quiet: bool, limit: int | None, **options: Any) -> None:
    """Read files, folders (recursive) and globs into the store.

    Formats: .txt, .html/.htm, .json, .jsonl, .csv, .zip of those, .warc/.warc.gz,
    RSS/Atom feeds. Bad inputs are logged with a reason and skipped; the exit
    status is 0 whenever the run finished.
    """
    from entente.ingest.run import IngestSummary
    from entente.ingest.run import ingest as run_ingest
    from entente.store.write import LogEntry

    settings = Settings.load(
        **{
            k: options.pop(k)
            for k in ("db", "workers", "model", "batch_size", "max_bytes", "min_chars", "languages")
        }
    )
    reader_options = _reader_options(max_bytes=settings.max_bytes, **options)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True, disable=quiet) as progress:
        task = progress.add_task("starting", total=None)

        def on_progress(summary: IngestSummary, entry: LogEntry | None) -> None:
            if entry is not None and entry.status in ("skipped", "error") and not quiet:
                progress.console.print(
                    f"{entry.status:>8}  {entry.source}: {entry.reason}",
                    markup=False,
                    soft_wrap=True,
                )
            progress.update(
                task,
                description=(
                    f"read {summary.read}  stored {summary.stored}  "
                    f"duplicates {summary.duplicates}  skipped {summary.skipped}  "
                    f"errors {summary.errors}  {summary.docs_per_s:.1f} docs/s"
                ),
            )

        summary = run_ingest(list(paths), settings, reader_options, on_progress, limit=limit)
    console.print(
        f"Ingested into {settings.db}: read {summary.read}, stored {summary.stored}, "
        f"duplicates {summary.duplicates}, skipped {summary.skipped}, errors {summary.errors} "
        f"in {summary.elapsed_s:.1f} s ({summary.docs_per_s:.1f} docs/s)."
    )
    if summary.skipped or summary.errors:
        console.print("See why with: entente log --run last", markup=False)


# -- looking at what came in ---------------------------------------------------


@main.command()
@db_option
@click.option("--outlet", default=None, help="Only documents of this outlet (e.g. voanews.com).")
@click.option("--search", default=None, help="Only documents whose title or text contains this.")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--offset", type=int, default=0, show_default=True)
def docs(db: Path | None, outlet: str | None, search: str | None, limit: int, offset: int) -> None:
    """List stored documents: id, outlet, published, title, words."""
    with open_store(db) as store:
        rows = query.list_documents(store, outlet=outlet, search=search, limit=limit, offset=offset)
        total = query.count_documents(store)
    table = Table("id", "outlet", "published", "title", "words", title=f"{total} documents")
    for row in rows:
        table.add_row(
            row["id"],
            row["outlet"] or "",
            row["published"] or "",
            row["title"] or "",
            str(row["words"]),
        )
    console.print(table)


@main.command()
@click.argument("doc_id")
@db_option
def show(doc_id: str, db: Path | None) -> None:
    """Print a document's metadata and clean text (an id prefix is enough)."""
    with open_store(db) as store:
        document = query.get_document(store, doc_id)
    for name in ("id", "source", "outlet", "title", "author", "published", "language", "words"):
        console.print(
            f"{name + ':':11} {document[name] if document[name] is not None else ''}", markup=False
        )
    console.print()
    console.print(document["text"], markup=False)


@main.command()
@db_option
@click.option("--status", type=click.Choice(["ok", "duplicate", "skipped", "error"]), default=None)
@click.option("--run", default=None, help="A run id, or 'last'.")
@click.option("--limit", type=int, default=100, show_default=True)
def log(db: Path | None, status: str | None, run: str | None, limit: int) -> None:
    """Show the ingest log: every input with its outcome and reason."""
    with open_store(db) as store:
        rows = query.ingest_log(store, status=status, run=run, limit=limit)
    table = Table("run", "status", "source", "reason")
    for row in rows:
        table.add_row(row["run_id"], row["status"], row["source"], row["reason"] or "")
    console.print(table)


# -- export ---------------------------------------------------------------------

EXPORTS: dict[str, Callable[[Store], Any]] = {
    "documents": query.iter_documents,
}


from entente.cli_map import MAP_COMMANDS, MAP_EXPORTS  # noqa: E402 - uses the helpers above

EXPORTS.update(MAP_EXPORTS)
for _command in MAP_COMMANDS:
    main.add_command(_command)


@main.command(name="export")
@click.argument("kind", type=click.Choice(sorted(EXPORTS)))
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
        records = EXPORTS[kind](store)
        if output is None:
            count = writer(records, sys.stdout)
        else:
            with output.open("w", encoding="utf-8", newline="") as out:
                count = writer(records, out)
    err_console.print(f"Wrote {count} {kind}" + (f" to {output}" if output else ""))


if __name__ == "__main__":  # pragma: no cover
    main()
