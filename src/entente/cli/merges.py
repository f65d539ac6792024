"""Commands that change the map: ``rebuild`` and ``merges``."""

from __future__ import annotations

from pathlib import Path

import click

from entente import query
from entente.cli.base import console, db_option, format_option, open_store, print_json
from entente.consolidate import rebuild_map
from entente.consolidate.merges import check_merges, list_merges, merge_actors, unmerge_actor
from entente.escaping import DataTable, terminal_safe


@click.command()
@db_option
def rebuild(db: Path | None) -> None:
    """Recompute the whole map (after editing relations.yaml or the lexicons)."""
    with open_store(db, read_only=False) as store:
        update = rebuild_map(store)
        # What the tables hold now, not what the update wrote: a rebuild writes a
        # cluster or relation again in each slice of documents naming it, so its
        # counters overstate the map (issue 19: 13,267 "clusters" for 12,736 rows).
        held = query.overview(store)
        merged = len(list_merges(store))
    console.print(
        f"Map rebuilt from {held['documents']:,} documents, {held['events']:,} events: "
        f"{held['clusters']:,} clusters, {held['relations']:,} relations, "
        f"{merged:,} merged actors in {update.elapsed_s:.1f} s.",
        markup=False,
    )


@click.group()
def merges() -> None:
    """Actors that are the same actor under different names."""


@merges.command(name="list")
@db_option
@click.option("--all", "include_undone", is_flag=True, help="Include undone merges.")
@format_option
def merges_list(db: Path | None, include_undone: bool, fmt: str) -> None:
    """List merges: which actor became which, how, and why."""
    with open_store(db) as store:
        rows = list_merges(store, include_undone=include_undone)
    if fmt == "json":
        print_json(rows)
        return
    table = DataTable("actor", "merged into", "method", "why", "undone")
    for row in rows:
        table.add_row(
            f"{row['actor_name'] or ''} ({row['actor_id']})",
            f"{row['canonical_name'] or ''} ({row['canonical_id']})",
            row["method"],
            row["reason"] or "",
            str(row["undone_at"] or ""),
        )
    console.print(table)


@merges.command(name="check")
@db_option
def merges_check(db: Path | None) -> None:
    """List merges whose actors differ in country or kind (none when all are sound)."""
    with open_store(db) as store:
        problems = check_merges(store)
    if not problems:
        console.print("No merge joins actors of different countries or kinds.")
        return
    table = DataTable("actor", "merged into", "method", "problem")
    for p in problems:
        table.add_row(
            f"{p.actor_name or ''} ({p.actor_id})",
            f"{p.canonical_name or ''} ({p.canonical_id})",
            p.method,
            p.problem,
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
