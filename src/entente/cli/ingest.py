"""``entente ingest``: read files, folders and globs into the store, with progress."""

from __future__ import annotations

from typing import Any

import click
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Column

from entente.cli.base import COUNT, HELP, INTERRUPTED, console, db_option, err_console, open_store
from entente.errors import UsageError
from entente.escaping import terminal_safe
from entente.settings import Settings


def _reader_options(**fields: Any) -> Any:
    from entente.ingest.readers import ReaderOptions

    return ReaderOptions(**fields)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--workers", type=int, default=None, help=HELP["workers"])
@click.option("--model", default=None, help=HELP["model"])
@click.option("--batch-size", type=int, default=None, help=HELP["batch_size"])
@click.option("--max-bytes", type=int, default=None, help=HELP["max_bytes"])
@click.option("--min-chars", type=int, default=None, help=HELP["min_chars"])
@click.option("--languages", default=None, help=HELP["languages"])
@click.option("--text-field", default=None, help="Field holding the text in JSON/CSV records.")
@click.option("--title-field", default=None, help="Field holding the title.")
@click.option("--date-field", default=None, help="Field holding the publication date.")
@click.option("--url-field", default=None, help="Field holding the article's URL.")
@click.option("--author-field", default=None, help="Field holding the author.")
@click.option("--id-field", default=None, help="Field holding the record's id.")
@click.option("--limit", type=COUNT, default=None, help="Stop after this many articles.")
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="local: worker processes on this machine; ray: a Ray cluster (pip install 'entente[ray]').",
)
@click.option(
    "--ray-address",
    default=None,
    help="Join this Ray cluster (e.g. 10.0.0.5:6379, or auto); by default a local instance.",
)
@click.option(
    "--parts",
    default=None,
    help="Folder or URI (s3://...) for the Ray engine's Parquet parts [default: DB.parts].",
)
@click.option("--quiet", is_flag=True, help="Print the summary only.")
def ingest(
    paths: tuple[str, ...],
    quiet: bool,
    limit: int | None,
    engine: str,
    ray_address: str | None,
    parts: str | None,
    **options: Any,
) -> None:
    """Read files, folders (recursive) and globs into the store.

    Formats: .txt, .html/.htm, .json, .jsonl, .csv, .zip of those, .warc/.warc.gz,
    RSS/Atom feeds. Bad inputs are logged with a reason and skipped; the exit
    status is 0 whenever the run finished, 1 when a path named matched nothing
    (it is logged and the others are ingested). Both engines give the same store.
    """
    from entente.ingest.run import IngestSummary
    from entente.ingest.run import ingest as run_ingest
    from entente.scale.references import expected_articles, run_identity
    from entente.store.write import LogEntry

    if engine == "local" and (ray_address or parts):
        raise UsageError("--ray-address and --parts go with --engine ray")
    if engine == "ray" and limit is not None:
        raise UsageError("--limit goes with --engine local only")

    settings = Settings.load(
        **{
            k: options.pop(k)
            for k in ("db", "workers", "model", "batch_size", "max_bytes", "min_chars", "languages")
        }
    )
    reader_options = _reader_options(max_bytes=settings.max_bytes, **options)
    # Articles expected, for the time left (an estimate: a line or member an article).
    expected = expected_articles(
        list(paths), reader_options, run_identity(settings, reader_options)
    )
    if limit is not None:
        expected = min(expected, limit)
    columns = (
        SpinnerColumn(),
        BarColumn(bar_width=24),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        # The counts fold onto a second line rather than squeeze the columns
        # before them: at 110 columns "163/3824" was cut to "163/38…".
        TextColumn("{task.description}", table_column=Column(ratio=1, overflow="fold")),
    )
    with Progress(*columns, console=err_console, transient=True, disable=quiet) as progress:
        task = progress.add_task("starting", total=expected or None)
        last_line, committed = 0.0, 0

        committed_so_far = 0

        def on_progress(summary: IngestSummary, entry: LogEntry | None) -> None:
            nonlocal last_line, committed, committed_so_far
            committed_so_far = summary.committed
            if quiet:
                return
            if entry is not None and entry.status in ("skipped", "error"):
                progress.console.print(
                    terminal_safe(f"{entry.status:>8}  {entry.source}: {entry.reason}"),
                    markup=False,
                )
            rate = (
                f"stored {summary.stored}  duplicates {summary.duplicates}  "
                f"skipped {summary.skipped}  errors {summary.errors}  "
                f"{summary.docs_per_s:.1f} docs/s{_time_left(summary, expected)}"
            )
            # The inputs counted beforehand are an estimate (a file may hold
            # fewer articles than lines): the total grows if the run passes it.
            progress.update(
                task,
                completed=_done(summary),
                total=max(expected, _done(summary)) or None,
                description=rate,
            )
            # Without a terminal there is no live bar: a line when a batch is
            # committed (what a killed run keeps) and every few seconds between,
            # so logs (and whoever watches them) see the run move.
            if err_console.is_terminal:
                return
            batch = summary.committed > committed
            if batch or summary.elapsed_s - last_line >= PROGRESS_LINE_S:
                committed, last_line = summary.committed, summary.elapsed_s
                done = _done(summary)
                share = f" ({done / expected:.0%})" if done <= expected else ""
                head = f"committed {committed} documents; " if batch else ""
                progress.console.print(
                    f"{head}{done} of {max(expected, done)} inputs done{share}  {rate}",
                    markup=False,
                )

        try:
            if engine == "ray":
                from entente.scale import ingest_on_ray

                summary = ingest_on_ray(
                    list(paths), settings, reader_options, on_progress, ray_address, parts
                )
            else:
                summary = run_ingest(
                    list(paths), settings, reader_options, on_progress, limit=limit
                )
        except KeyboardInterrupt:
            progress.stop()
            err_console.print(
                terminal_safe(
                    f"Interrupted: {committed_so_far} documents committed to {settings.db} are "
                    "kept. Run the same command again to go on where it stopped."
                ),
                markup=False,
            )
            raise SystemExit(INTERRUPTED) from None
    console.print(
        terminal_safe(
            f"Ingested into {settings.db}: read {summary.read}, stored {summary.stored}, "
            f"duplicates {summary.duplicates}, skipped {summary.skipped}, "
            f"errors {summary.errors} in {summary.elapsed_s:.1f} s "
            f"({summary.docs_per_s:.1f} docs/s)."
        ),
        markup=False,
    )
    if summary.skipped or summary.errors:
        console.print("See why with: entente log --run last", markup=False)
    if not quiet:
        _print_next_steps(settings.db)
    if summary.missing:
        # The rest was ingested; a path that named nothing is still the user's
        # mistake, so the run ends with exit status 1 (issue 19).
        named = ", ".join(repr(name) for name in summary.missing)
        err_console.print(
            terminal_safe(
                f"Error: no such file, folder or matching glob: {named} "
                "(skipped and logged; the other paths were ingested)."
            ),
            markup=False,
        )
        raise SystemExit(1)


def _print_next_steps(db: Any) -> None:
    """What the store now holds, and three commands to try on it."""
    from entente import query

    with open_store(db) as store:
        held = query.overview(store)
        strongest = query.strongest_relations(store, limit=1)
    console.print(
        f"The store holds {held['documents']:,} documents, {held['events']:,} events, "
        f"{held['actors']:,} actors and {held['relations']:,} relations.",
        markup=False,
    )
    where = "" if str(db) == "entente.duckdb" else f" --db {db}"
    dyad = (
        f'entente dyad "{strongest[0]["source_name"]}" "{strongest[0]["target_name"]}"{where}'
        if strongest
        else f"entente events{where}"
    )
    console.print("Next, try:", markup=False)
    for command in (f"entente map{where}", dyad, f"entente serve{where}"):
        console.print(f"  {terminal_safe(command)}", markup=False)


# Seconds between progress lines when no terminal shows a live bar.
PROGRESS_LINE_S = 10.0


def _done(summary: Any) -> int:
    """Inputs with an outcome: coded and stored, or logged as duplicate, skipped
    or error (articles are read ahead of the workers, so ``read`` runs early)."""
    return summary.stored + summary.duplicates + summary.skipped + summary.errors


def _time_left(summary: Any, expected: int) -> str:
    """``  about 2m10s left`` from the inputs done so far and their rate."""
    done = _done(summary)
    if not done or not summary.elapsed_s or done >= expected:
        return ""
    seconds = round((expected - done) * summary.elapsed_s / done)
    return f"  about {seconds // 60}m{seconds % 60:02d}s left"
