"""Actors and events: ``actors``, ``events`` and ``eval``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.markup import escape
from rich.text import Text

from entente import query
from entente.cli.base import COUNT, console, db_option, format_option, open_store, print_json
from entente.escaping import DataTable, terminal_safe
from entente.settings import Settings
from entente.vocabulary import CERTAINTIES, POLARITIES


@click.command()
@db_option
@click.option("--country", default=None, help="ISO alpha-3 code (RUS) or IGO, UNO, EUR, ...")
@click.option("--kind", default=None, help="state, person, igo, armed-group, outlet, ...")
@click.option("--search", default=None, help="Part of a name, or an exact alias.")
@click.option("--limit", type=COUNT, default=50, show_default=True)
@click.option("--offset", type=COUNT, default=0, show_default=True)
@format_option
def actors(db: Path | None, fmt: str, **filters: Any) -> None:
    """List actors with how many mentions and documents name them."""
    with open_store(db) as store:
        rows = query.list_actors(store, **filters)
    if fmt == "json":
        print_json(rows)
        return
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


@click.command()
@db_option
@click.option("--actor", default=None, help="Country code, actor id or part of a name.")
@click.option("--recipient", default=None, help="Country code, actor id or part of a name.")
@click.option(
    "--type", "type_", default=None, help="PLOVER event types, comma-separated (ASSAULT,AID)."
)
@click.option("--since", default=None, help="Events dated on or after (YYYY, YYYY-MM, YYYY-MM-DD).")
@click.option("--until", default=None, help="Events dated on or before (the whole period named).")
@click.option("--certainty", type=click.Choice(CERTAINTIES))
@click.option("--polarity", type=click.Choice(POLARITIES))
@click.option("--limit", type=COUNT, default=50, show_default=True)
@click.option("--offset", type=COUNT, default=0, show_default=True)
@click.option("--evidence", is_flag=True, help="Print each event's sentence under it.")
@click.option(
    "--candidates",
    is_flag=True,
    help="List the events kept as candidates (confidence below the floor, out of the map) "
    "instead, each with its reason.",
)
@format_option
def events(
    db: Path | None,
    actor: str | None,
    recipient: str | None,
    type_: str | None,
    since: str | None,
    until: str | None,
    certainty: str | None,
    polarity: str | None,
    limit: int,
    offset: int,
    evidence: bool,
    candidates: bool,
    fmt: str,
) -> None:
    """List coded events, by their own date, with who did what to whom."""
    filters = query.event_filters(since, until, type_, certainty, polarity)
    with open_store(db) as store:
        if candidates:
            page = query.candidate_page(
                store, filters, actor=actor, recipient=recipient, limit=limit, offset=offset
            )
        else:
            # The table shows the page only; JSON for scripts says how many match in all.
            page = query.event_page(
                store,
                filters,
                actor=actor,
                recipient=recipient,
                limit=limit,
                offset=offset,
                count=fmt == "json",
            )
    if fmt == "json":
        print_json(page)
        return
    table = DataTable("date", "type", "actor", "recipient", "attributes", "trigger")
    for row in page["events"]:
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
        if evidence or candidates:
            lines = [row["evidence"]["sentence"]] if evidence else []
            if candidates:
                lines.append(f"confidence {row['confidence']}: {row['reason']}")
            table.add_row(
                "",
                "",
                Text(terminal_safe("\n".join(lines)), style="dim"),
                end_section=True,
            )
    console.print(table)


@click.command(name="eval")
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
