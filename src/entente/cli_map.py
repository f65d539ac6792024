"""Commands over the map: relations, dyads, conflicts, claims, rebuild and merges.

Thin like every command: parse, call ``entente.consolidate``, print with rich.
``cli.py`` registers ``MAP_COMMANDS`` and merges ``MAP_EXPORTS`` into EXPORTS.
Import ``entente.cli`` before this module (cli.py imports it after defining
the helpers it uses).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.markup import escape

from entente.cli import console, db_option, open_store
from entente.consolidate import rebuild_map
from entente.consolidate.actors import list_merges, merge_actors, unmerge_actor
from entente.consolidate.queries import (
    CERTAINTIES,
    RELATION_KINDS,
    dyad_events,
    dyad_series,
    iter_clusters,
    iter_dyads,
    iter_relations,
    list_claims,
    list_conflicts,
    strongest_relations,
)
from entente.escaping import DataTable, terminal_safe
from entente.store.db import Store

SPARK_BARS = "▁▂▃▄▅▆▇█"
# Past this many months the sparkline shows one bar a year, to fit a terminal.
SPARKLINE_MAX_MONTHS = 72

MAP_EXPORTS: dict[str, Callable[[Store], Any]] = {
    "clusters": iter_clusters,
    "relations": iter_relations,
    "dyads": iter_dyads,
}


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
@click.option("--kind", type=click.Choice(RELATION_KINDS), default=None)
@click.option("--certainty", type=click.Choice(["asserted", "alleged"]), default=None)
@click.option("--limit", type=int, default=30, show_default=True)
def map_command(db: Path | None, kind: str | None, certainty: str | None, limit: int) -> None:
    """The strongest standing relations: who arms, backs, partners or opposes whom."""
    with open_store(db) as store:
        rows = strongest_relations(store, limit=limit, kind=kind, certainty=certainty)
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


@click.command()
@click.argument("a")
@click.argument("b")
@db_option
@click.option("--month", default=None, help="Only the events of one month (YYYY-MM) or year.")
@click.option(
    "--limit", type=int, default=30, show_default=True, help="Events listed under the series."
)
def dyad(a: str, b: str, db: Path | None, month: str | None, limit: int) -> None:
    """Cooperation and conflict between two actors over time (names or ids: Russia, IRN).

    The series by month (a year for events dated only to a year), then the
    events behind it, newest first, each with one of its sentences.
    """
    with open_store(db) as store:
        series = dyad_series(store, a, b)
        events = dyad_events(store, a, b, month=month, limit=limit)
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
            *(
                str(p[q])
                for q in ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
            ),
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
@click.option("--limit", type=int, default=20, show_default=True)
def conflicts(db: Path | None, limit: int) -> None:
    """Where sources disagree (350 vs 300), with the sentences side by side."""
    with open_store(db) as store:
        rows = list_conflicts(store, limit=limit)
    for row in rows:
        what = f" of {row['item']}" if row["item"] else ""
        console.print(
            f"[bold]{escape(terminal_safe(row['type']))}[/bold] "
            + escape(
                terminal_safe(
                    f"{', '.join(row['actor_name'])} → {', '.join(row['recipient_name'])} "
                    f"{row['date_start'] or ''}: {row['field']}{what}"
                )
            )
        )
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
@click.option("--limit", type=int, default=50, show_default=True)
def claims(db: Path | None, certainty: str | None, actor: str | None, limit: int) -> None:
    """Claims: who says what happened, how sure, and how many outlets report it."""
    with open_store(db) as store:
        rows = list_claims(store, certainty=certainty, actor=actor, limit=limit)
    table = DataTable("claimant", "certainty", "event", "status", "outlets", "source", "sentence")
    for row in rows:
        table.add_row(
            row["claimant"] or "",
            row["certainty"],
            f"{', '.join(row['actor_name'])} {row['type']} {', '.join(row['recipient_name'])}",
            row["status"],
            str(row["outlets_reporting"]),
            f"{row['outlet'] or row['doc_id']} {row['published'] or ''}",
            row["sentence_text"],
        )
    console.print(table)


@click.command()
@db_option
def rebuild(db: Path | None) -> None:
    """Recompute the whole map (after editing relations.yaml or the lexicons)."""
    with open_store(db, read_only=False) as store:
        update = rebuild_map(store)
    console.print(
        f"Map rebuilt from {update.documents} documents, {update.events} events: "
        f"{update.clusters_written} clusters, {update.relations_written} relations, "
        f"{update.merges} merged actors in {update.elapsed_s:.1f} s."
    )


@click.group()
def merges() -> None:
    """Actors that are the same actor under different names."""


@merges.command(name="list")
@db_option
@click.option("--all", "include_undone", is_flag=True, help="Include undone merges.")
def merges_list(db: Path | None, include_undone: bool) -> None:
    """List merges: which actor became which, how, and why."""
    with open_store(db) as store:
        rows = list_merges(store, include_undone=include_undone)
    table = DataTable("actor", "merged into", "method", "score", "undone")
    for row in rows:
        table.add_row(
            f"{row['actor_name'] or ''} ({row['actor_id']})",
            f"{row['canonical_name'] or ''} ({row['canonical_id']})",
            row["method"],
            "" if row["score"] is None else f"{row['score']:.2f}",
            str(row["undone_at"] or ""),
        )
    console.print(table)


@merges.command(name="add")
@click.argument("keep")
@click.argument("drop")
@db_option
@click.option("--reason", default=None)
def merges_add(keep: str, drop: str, db: Path | None, reason: str | None) -> None:
    """Merge actor DROP into actor KEEP (ids) and update the map."""
    with open_store(db, read_only=False) as store:
        touched = merge_actors(store, keep, drop, reason=reason)
    console.print(
        terminal_safe(f"Merged {drop} into {keep}; {len(touched)} clusters recomputed."),
        markup=False,
    )


@merges.command(name="undo")
@click.argument("actor_id")
@db_option
def merges_undo(actor_id: str, db: Path | None) -> None:
    """Undo the merge of ACTOR_ID; it is never merged automatically again."""
    with open_store(db, read_only=False) as store:
        touched = unmerge_actor(store, actor_id)
    console.print(
        terminal_safe(f"Unmerged {actor_id}; {len(touched)} clusters recomputed."), markup=False
    )


MAP_COMMANDS: tuple[click.Command, ...] = (map_command, dyad, conflicts, claims, rebuild, merges)
