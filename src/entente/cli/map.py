"""Commands over the map: ``map``, ``dyad``, ``conflicts`` and ``claims``.

Thin like every command: parse, call ``entente.query``, print with rich.
"""

from __future__ import annotations

from pathlib import Path

import click
from rich.markup import escape

from entente import query
from entente.cli.base import (
    COUNT,
    VocabularyChoice,
    console,
    db_option,
    format_option,
    open_store,
    print_json,
)
from entente.consolidate.audit import explain_relation
from entente.escaping import DataTable, terminal_safe
from entente.query.map import MAP_MIN_DOCUMENTS
from entente.vocabulary import CERTAINTIES, QUAD_NAMES, RELATION_CERTAINTIES, relation_kinds

SPARK_BARS = "▁▂▃▄▅▆▇█"
# Past this many months the sparkline shows one bar a year, to fit a terminal.
SPARKLINE_MAX_MONTHS = 72


def sparkline(values: list[float]) -> str:
    """One bar per value, scaled between the smallest and largest."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    return "".join(SPARK_BARS[round((v - low) / span * (len(SPARK_BARS) - 1))] for v in values)


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


@click.command(name="map")
@db_option
@click.option("--kind", type=VocabularyChoice(relation_kinds), default=None)
@click.option("--certainty", type=click.Choice(RELATION_CERTAINTIES), default=None)
@click.option("--limit", type=COUNT, default=30, show_default=True)
@click.option(
    "--single-document",
    is_flag=True,
    help="Also show relations resting on a single document, on one event (but a "
    "backing: relations.yaml's corroboration.single_event_kinds), or on fewer events than "
    "relations.yaml's corroboration.min_clusters (3 as shipped) none told by two "
    "documents (hidden by default).",
)
@click.option(
    "--explain",
    nargs=2,
    metavar="A B",
    default=None,
    help="Audit the map between two actors: every cluster, its events and documents, "
    "and the rule that admitted it or kept it out.",
)
@format_option
def map_command(
    db: Path | None,
    kind: str | None,
    certainty: str | None,
    limit: int,
    single_document: bool,
    explain: tuple[str, str] | None,
    fmt: str,
) -> None:
    """The strongest standing relations: who arms, backs, partners or opposes whom.

    Relations resting on one document, on one event (but a backing), or on fewer
    events than relations.yaml's corroboration.min_clusters (3 as shipped) none
    told by two documents, are left out unless --single-document.
    """
    if explain is not None:
        _print_audit(db, *explain)
        return
    with open_store(db) as store:
        rows = query.strongest_relations(
            store,
            limit=limit,
            kind=kind,
            certainty=certainty,
            min_documents=1 if single_document else MAP_MIN_DOCUMENTS,
            corroborated=not single_document,
        )
    if fmt == "json":
        print_json(rows)
        return
    table = DataTable("source", "relation", "target", "certainty", "strength", "seen", "clusters")
    for row in rows:
        table.add_row(
            row["source_name"],
            row["kind"],
            row["target_name"],
            row["certainty"],
            f"{row['strength']:.2f}",
            f"{row['first_seen'] or '?'} – {row['last_seen'] or '?'}",
            str(row["n_clusters"]),
        )
    console.print(table)


def _print_audit(db: Path | None, a: str, b: str) -> None:
    with open_store(db) as store:
        audit = explain_relation(store, a, b)
        names = query.display_names(store, [audit.a, audit.b])
    console.print(
        terminal_safe(f"{names[audit.a]} ({audit.a}) – {names[audit.b]} ({audit.b})"), markup=False
    )
    if not audit.relations:
        console.print("No relation between them on the map.")
    for r in audit.relations:
        console.print(
            terminal_safe(
                f"{names[r['source']]} {r['kind']} {names[r['target']]}: {r['certainty']}, "
                f"strength {r['strength']:.2f}, {r['n_clusters']} clusters in "
                f"{len(r['documents'])} documents, {r['first_seen'] or '?'} – {r['last_seen'] or '?'}"
            ),
            markup=False,
        )
    for cluster in audit.clusters:
        admitted = "; ".join(cluster.relations) or "no relation"
        console.print(
            terminal_safe(
                f"\n{cluster.type} {cluster.source} -> {cluster.target} ({cluster.cluster_id}): "
                f"{admitted}. Rule: {cluster.rule}"
            ),
            markup=False,
        )
        for e in cluster.events:
            console.print(
                terminal_safe(
                    f"  [{'counts' if e.counts else 'left out'}] {e.date or '?'} {e.certainty} "
                    f"doc {e.doc_id} {e.outlet or ''} {e.published or ''}"
                    f"{'' if e.counts else ' (' + e.rule + ')'}\n    {e.sentence}"
                ),
                markup=False,
            )


@click.command()
@click.argument("a")
@click.argument("b")
@db_option
@click.option("--month", default=None, help="Only the events of one month (YYYY-MM) or year.")
@click.option(
    "--limit", type=COUNT, default=30, show_default=True, help="Events listed under the series."
)
@format_option
def dyad(a: str, b: str, db: Path | None, month: str | None, limit: int, fmt: str) -> None:
    """Cooperation and conflict between two actors over time (names or ids: Russia, IRN).

    The series by month (a year for events dated only to a year), then the
    events behind it, newest first, each with one of its sentences.
    """
    with open_store(db) as store:
        series = query.dyad_series(store, a, b)
        events = query.dyad_events(store, a, b, month=month, limit=limit)["clusters"]
    if fmt == "json":
        print_json({**series, "events": events})
        return
    periods = series["periods"]
    console.print(
        terminal_safe(f"{series['a_name']} ({series['a']}) – {series['b_name']} ({series['b']})"),
        markup=False,
    )
    months = {p["period"]: p for p in periods if p["precision"] == "month"}
    if months:
        axis = _months_between(min(months), max(months))
        if len(axis) <= SPARKLINE_MAX_MONTHS:
            values = [months[m]["score_sum"] if m in months else 0.0 for m in axis]
            unit = "month"
        else:  # a long series reads better a year a bar
            axis = [str(y) for y in range(int(min(months)[:4]), int(max(months)[:4]) + 1)]
            values = [sum(p["score_sum"] for m, p in months.items() if m[:4] == y) for y in axis]
            unit = "year"
        console.print(f"{axis[0]} {sparkline(values)} {axis[-1]}  (PLOVER score sum per {unit})")
    table = DataTable(
        "period", "events", "a→b", "b→a", "score", "mean", "vcoop", "mcoop", "vconf", "mconf"
    )
    for p in periods:
        table.add_row(
            p["period"],
            str(p["events"]),
            str(p["a_to_b"]),
            str(p["b_to_a"]),
            f"{p['score_sum']:.1f}",
            f"{p['score_mean']:.2f}",
            *(str(p[q]) for q in QUAD_NAMES),
        )
    console.print(table)
    for event in events:
        console.print(
            terminal_safe(
                f"{event['period'] or '?':8} {event['type']:9} {event['status']:13} "
                f"{event['sentence_text']}"
            ),
            markup=False,
        )


@click.command()
@db_option
@click.option("--limit", type=COUNT, default=20, show_default=True)
@format_option
def conflicts(db: Path | None, limit: int, fmt: str) -> None:
    """Where sources disagree (350 vs 300), with the sentences side by side: the
    first LIMIT events (clusters) whose sources disagree, each with every field
    they disagree on."""
    with open_store(db) as store:
        rows = query.conflicts(store, query.EventFilters(), limit=limit)["conflicts"]
    if fmt == "json":
        print_json(rows)
        return
    previous = None
    for row in rows:
        what = f" of {row['item']}" if row["item"] else ""
        if row["cluster_id"] != previous:
            console.print(
                f"[bold]{escape(terminal_safe(row['type']))}[/bold] "
                + escape(
                    terminal_safe(
                        f"{', '.join(row['actor_name'])} → {', '.join(row['recipient_name'])} "
                        f"{row['date_start'] or ''}"
                    )
                )
            )
            previous = row["cluster_id"]
        console.print(escape(terminal_safe(f" {row['field']}{what}:")))
        for value in row["values"]:
            for event in value["events"]:
                console.print(
                    terminal_safe(
                        f"  {value['value']!s:>12}  {event['outlet'] or event['doc_id']}"
                        f" {event['published'] or ''}: {event['sentence_text']}"
                    ),
                    markup=False,
                )


@click.command()
@db_option
@click.option("--certainty", type=click.Choice(CERTAINTIES), default=None)
@click.option("--actor", default=None, help="Only claims about this actor (name or id).")
@click.option("--limit", type=COUNT, default=50, show_default=True)
@format_option
def claims(db: Path | None, certainty: str | None, actor: str | None, limit: int, fmt: str) -> None:
    """Claims: who says what happened, how sure, who asserts and who denies it, and
    how many outlets report it."""
    with open_store(db) as store:
        filters = query.event_filters(certainty=certainty)
        rows = query.claims(store, filters, actor=actor, limit=limit)
    if fmt == "json":
        print_json(rows)
        return
    table = DataTable(
        "claimant", "certainty", "event", "claimed by", "denied by", "status", "outlets",
        "source", "sentence",
    )  # fmt: skip
    for row in rows:
        table.add_row(
            row["claimant"] or "",
            row["certainty"],
            f"{', '.join(row['actor_name'])} {row['type']} {', '.join(row['recipient_name'])}",
            "; ".join(row["claimed_by"]),
            "; ".join(row["denied_by"]),
            row["status"],
            str(row["outlets_reporting"]),
            f"{row['outlet'] or row['doc_id']} {row['published'] or ''}",
            row["sentence_text"],
        )
    console.print(table)
