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
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from entente import export as exporting
from entente import query
from entente.errors import EntenteError, UsageError
from entente.escaping import DataTable, terminal_safe
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
            err_console.print(
                f"[red]Error:[/red] {escape(terminal_safe(str(exc)))}", markup=True, soft_wrap=True
            )
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
    status is 0 whenever the run finished. Both engines give the same store.
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
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True, disable=quiet) as progress:
        task = progress.add_task("starting", total=None)

        committed = 0

        def on_progress(summary: IngestSummary, entry: LogEntry | None) -> None:
            nonlocal committed
            if quiet:
                return
            if entry is not None and entry.status in ("skipped", "error"):
                progress.console.print(
                    terminal_safe(f"{entry.status:>8}  {entry.source}: {entry.reason}"),
                    markup=False,
                )
            rate = (
                f"read {summary.read}  stored {summary.stored}  "
                f"duplicates {summary.duplicates}  skipped {summary.skipped}  "
                f"errors {summary.errors}  {summary.docs_per_s:.1f} docs/s"
                f"{_time_left(summary, expected)}"
            )
            progress.update(task, description=rate)
            # Without a terminal there is no live bar: say when each batch lands,
            # so logs (and whoever watches them) see the run move.
            if summary.committed > committed and not err_console.is_terminal:
                committed = summary.committed
                progress.console.print(f"committed {committed} documents; {rate}", markup=False)

        if engine == "ray":
            from entente.scale import ingest_on_ray

            summary = ingest_on_ray(
                list(paths), settings, reader_options, on_progress, ray_address, parts
            )
        else:
            summary = run_ingest(list(paths), settings, reader_options, on_progress, limit=limit)
    console.print(
        f"Ingested into {settings.db}: read {summary.read}, stored {summary.stored}, "
        f"duplicates {summary.duplicates}, skipped {summary.skipped}, errors {summary.errors} "
        f"in {summary.elapsed_s:.1f} s ({summary.docs_per_s:.1f} docs/s)."
    )
    if summary.skipped or summary.errors:
        console.print("See why with: entente log --run last", markup=False)


def _time_left(summary: Any, expected: int) -> str:
    """``  about 2m10s left`` from the inputs read so far and their rate."""
    if not summary.read or not summary.elapsed_s or summary.read >= expected:
        return ""
    seconds = round((expected - summary.read) * summary.elapsed_s / summary.read)
    return f"  about {seconds // 60}m{seconds % 60:02d}s left"


# -- looking at what came in ---------------------------------------------------


@main.command()
@db_option
@click.option(
    "--outlet", default=None, help='Only documents of this outlet (e.g. "Voice of America").'
)
@click.option("--search", default=None, help="Only documents whose title or text contains this.")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--offset", type=int, default=0, show_default=True)
def docs(db: Path | None, outlet: str | None, search: str | None, limit: int, offset: int) -> None:
    """List stored documents: id, outlet, published, title, words."""
    with open_store(db) as store:
        rows = query.list_documents(store, outlet=outlet, search=search, limit=limit, offset=offset)
        total = query.count_documents(store)
    table = DataTable("id", "outlet", "published", "title", "words", title=f"{total} documents")
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
            terminal_safe(
                f"{name + ':':11} {document[name] if document[name] is not None else ''}"
            ),
            markup=False,
        )
    console.print()
    console.print(terminal_safe(document["text"]), markup=False)


@main.command()
@db_option
@click.option("--status", type=click.Choice(["ok", "duplicate", "skipped", "error"]), default=None)
@click.option("--run", default=None, help="A run id, or 'last'.")
@click.option("--limit", type=int, default=100, show_default=True)
def log(db: Path | None, status: str | None, run: str | None, limit: int) -> None:
    """Show the ingest log: every input with its outcome and reason."""
    with open_store(db) as store:
        rows = query.ingest_log(store, status=status, run=run, limit=limit)
    table = DataTable("run", "status", "source", "reason")
    for row in rows:
        table.add_row(row["run_id"], row["status"], row["source"], row["reason"] or "")
    console.print(table)


# -- actors and events ----------------------------------------------------------------


@main.command()
@db_option
@click.option("--country", default=None, help="ISO alpha-3 code (RUS) or IGO, UNO, EUR, ...")
@click.option("--kind", default=None, help="state, person, igo, armed-group, outlet, ...")
@click.option("--search", default=None, help="Part of a name, or an exact alias.")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--offset", type=int, default=0, show_default=True)
def actors(db: Path | None, **filters: Any) -> None:
    """List actors with how many mentions and documents name them."""
    with open_store(db) as store:
        rows = query.list_actors(store, **filters)
    table = DataTable("id", "name", "kind", "country", "sector", "mentions", "documents")
    for row in rows:
        table.add_row(
            row["id"],
            row["name"],
            row["kind"],
            row["country"] or "",
            row["sector"] or "",
            str(row["mentions"]),
            str(row["documents"]),
        )
    console.print(table)


def _side(refs: list[dict[str, Any]]) -> str:
    return ", ".join(r["name"] + (f" ({r['country']})" if r["country"] else "") for r in refs)


@main.command()
@db_option
@click.option("--actor", default=None, help="Country code, actor id or part of a name.")
@click.option("--recipient", default=None, help="Country code, actor id or part of a name.")
@click.option("--type", "type_", default=None, help="PLOVER event type (ASSAULT, AID, ...).")
@click.option("--since", default=None, help="Events dated on or after (YYYY, YYYY-MM, YYYY-MM-DD).")
@click.option("--until", default=None, help="Events dated on or before.")
@click.option(
    "--certainty", type=click.Choice(["asserted", "reported", "alleged", "disputed", "denied"])
)
@click.option("--polarity", type=click.Choice(["positive", "negative"]))
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--offset", type=int, default=0, show_default=True)
@click.option("--evidence", is_flag=True, help="Print each event's sentence under it.")
def events(db: Path | None, type_: str | None, evidence: bool, **filters: Any) -> None:
    """List coded events, by their own date, with who did what to whom."""
    with open_store(db) as store:
        rows = query.list_events(store, type=type_, **filters)
    table = DataTable("date", "type", "actor", "recipient", "attributes", "trigger")
    for row in rows:
        flags = [row["certainty"], row["polarity"], row["tense"]]
        if row["attributed_to"]:
            flags.append(f"per {row['attributed_to']['name']}")
        table.add_row(
            row["date"]["start"] or "",
            row["type"] + (f"/{row['mode']}" if row["mode"] else ""),
            _side(row["actor"]),
            _side(row["recipient"]),
            " ".join(flags),
            row["evidence"]["trigger"],
        )
        if evidence:
            table.add_row(
                "",
                "",
                Text(terminal_safe(row["evidence"]["sentence"]), style="dim"),
                end_section=True,
            )
    console.print(table)


@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@click.option(
    "--events",
    "events_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Score this events export instead of the store's events.",
)
@click.option("--core-only", is_flag=True, help="Seeds gold: only the lines marked core.")
@click.option("--verbose", is_flag=True, help="Seeds gold: print FOUND/MISSED per line.")
def eval_command(
    gold: Path, db: Path | None, events_file: Path | None, core_only: bool, verbose: bool
) -> None:
    """Score events against a gold file: seeds format (.jsonl) or PLOVER gold records (.json).

    PLOVER records are sentences, not articles: without --events, their
    sentences are coded in a temporary store and scored there.
    """
    from entente import evaluation
    from entente.events import evaluate

    if evaluation.is_plover_gold(gold):
        records = evaluation.read_plover(gold)
        if events_file:
            coded = evaluate.read_jsonl(events_file)
        else:
            coded = evaluation.code_plover_records(records, Settings.load())
        report = evaluate.score_plover(records, coded)
        console.print(
            f"PLOVER records {report.records}: any event {report.share(report.any_event):.2f}, "
            f"type right {report.share(report.type_right):.2f}, "
            f"type+actor+recipient right {report.share(report.all_right):.2f}"
        )
        return
    lines = evaluate.read_jsonl(gold)
    if events_file:
        coded = evaluate.read_jsonl(events_file)
    else:
        with open_store(db) as store:
            coded = list(query.iter_events(store))
    report = evaluate.score_events(lines, coded, core_only=core_only)
    if report.docs_without_events:
        missing = report.docs_without_events
        where = f"the events file {events_file}" if events_file else "the store"
        console.print(
            f"[yellow]Warning:[/yellow] {len(missing)} of {len({g['doc'] for g in lines})} gold "
            f"documents have no event in {where} (not ingested?): "
            f"{escape(terminal_safe(', '.join(missing[:5])))}{' ...' if len(missing) > 5 else ''}"
        )
    if verbose:
        for line_id, found in report.lines:
            console.print(f"{'FOUND ' if found else 'MISSED'} {line_id}")
    console.print(f"gold lines {report.gold}: found {report.found} = recall {report.recall:.2f}")
    for name, (right, total) in sorted(report.attributes.items()):
        console.print(f"  {name}: {right}/{total}")


# -- export ---------------------------------------------------------------------

EXPORTS: dict[str, Callable[[Store], Any]] = {
    "documents": query.iter_documents,
    "actors": query.iter_actors,
    "mentions": query.iter_mentions,
    "events": query.iter_events,
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


# -- serve -------------------------------------------------------------------------


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True)
@click.option(
    "--token",
    envvar="ENTENTE_TOKEN",
    default=None,
    help="Secret every request must carry (Bearer header or ?token=); required off loopback.",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    help="A Host name to answer besides localhost and loopback addresses (repeatable; "
    "'*' for any, behind a proxy that checks it). Other names get 400 (DNS rebinding).",
)
def serve(
    db: Path | None, host: str, port: int, token: str | None, allow_hosts: tuple[str, ...]
) -> None:
    """Serve the web app (graph, timeline, dyads, conflicts, reader) over a store, read-only."""
    from entente.errors import UsageError
    from entente.web.app import check_token, is_loopback

    check_token(token)
    if token is None and not is_loopback(host):
        raise UsageError(
            f"Refusing to serve on {host} without a token: anyone who can reach it could read "
            "the store. Pass --token SECRET (or set ENTENTE_TOKEN), or bind to 127.0.0.1."
        )
    import uvicorn

    from entente.web import create_app

    # The address served on is a name clients may use (0.0.0.0 and :: are not).
    wildcard = host in ("0.0.0.0", "::", "")
    allowed = (*allow_hosts, *(() if wildcard or is_loopback(host) else (host,)))
    app = create_app(Settings.load(db=db).db, token=token, allowed_hosts=allowed)
    where = f"http://{host}:{port}/" + ("?token=<your token>" if token else "")
    err_console.print(f"Serving {Settings.load(db=db).db} read-only at {where} (Ctrl-C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


if __name__ == "__main__":  # pragma: no cover
    main()
