"""Looking at what came in: ``docs``, ``show`` and ``log``."""

from __future__ import annotations

from pathlib import Path

import click

from entente import query
from entente.cli.base import COUNT, console, db_option, format_option, open_store, print_json
from entente.escaping import DataTable, terminal_safe
from entente.vocabulary import INGEST_STATUSES


@click.command()
@db_option
@click.option(
    "--outlet", default=None, help='Only documents of this outlet (e.g. "Voice of America").'
)
@click.option("--search", default=None, help="Only documents whose title or text contains this.")
@click.option("--limit", type=COUNT, default=50, show_default=True)
@click.option("--offset", type=COUNT, default=0, show_default=True)
@format_option
def docs(
    db: Path | None, outlet: str | None, search: str | None, limit: int, offset: int, fmt: str
) -> None:
    """List stored documents: id, outlet, published, title, words."""
    with open_store(db) as store:
        rows = query.list_documents(store, outlet=outlet, search=search, limit=limit, offset=offset)
        total = query.count_documents(store, outlet=outlet, search=search)
    if fmt == "json":
        print_json({"total": total, "documents": rows})
        return
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


@click.command()
@click.argument("doc_id")
@db_option
def show(doc_id: str, db: Path | None) -> None:
    """Print a document's metadata, clean text, events and actor mentions (an id prefix is enough)."""
    with open_store(db) as store:
        found = query.get_document(store, doc_id)
        document = {**found, **query.document_view(store, found["id"])}
    for name in ("id", "source", "outlet", "title", "author", "published", "language", "words"):
        console.print(
            terminal_safe(
                f"{name + ':':11} {document[name] if document[name] is not None else ''}"
            ),
            markup=False,
        )
    console.print()
    console.print(terminal_safe(document["text"]), markup=False)
    events = DataTable("date", "type", "actor", "recipient", "certainty", "trigger", title="events")
    for event in document["events"]:
        events.add_row(
            event["date"]["start"] or "",
            event["type"] + (f"/{event['mode']}" if event["mode"] else ""),
            ", ".join(a["name"] for a in event["actor"]),
            ", ".join(a["name"] for a in event["recipient"]),
            event["certainty"],
            event["evidence"]["trigger"],
        )
    mentions = DataTable("at", "text", "actor", "country", "sector", title="actor mentions")
    for mention in document["mentions"]:
        mentions.add_row(
            str(mention["start"]),
            mention["text"],
            mention["actor_name"] or mention["actor_id"] or "",
            mention["country"] or "",
            mention["sector"] or "",
        )
    console.print()
    console.print(events)
    console.print(mentions)


@click.command()
@db_option
@click.option("--status", type=click.Choice(INGEST_STATUSES), default=None)
@click.option("--run", default=None, help="A run id, or 'last'.")
@click.option("--limit", type=COUNT, default=100, show_default=True)
@format_option
def log(db: Path | None, status: str | None, run: str | None, limit: int, fmt: str) -> None:
    """Show the ingest log: every input with its outcome and reason."""
    with open_store(db) as store:
        rows = query.ingest_log(store, status=status, run=run, limit=limit)
    if fmt == "json":
        print_json(rows)
        return
    table = DataTable("run", "status", "source", "reason")
    for row in rows:
        table.add_row(row["run_id"], row["status"], row["source"], row["reason"] or "")
    console.print(table)
