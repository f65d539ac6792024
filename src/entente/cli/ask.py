"""``entente ask``: a question answered from the map, every statement with its sentences.

Thin like every command: parse, call ``entente.query.ask``, print with rich.
"""

from __future__ import annotations

from pathlib import Path

import click
from rich.markup import escape

from entente.cli.base import console, db_option, open_store, print_json
from entente.escaping import terminal_safe


@click.command(name="ask")
@click.argument("question")
@db_option
@click.option(
    "--since", default=None, help="Only events on or after this date (YYYY, YYYY-MM, YYYY-MM-DD)."
)
@click.option(
    "--until", default=None, help="Only events up to this date or the end of this period."
)
@click.option("--limit", type=click.IntRange(min=1, max=50), default=10, show_default=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text, or json: the answer record (question, interpretation, answers).",
)
def ask_command(
    question: str, db: Path | None, since: str | None, until: str | None, limit: int, fmt: str
) -> None:
    """Answer QUESTION from the store: relations first, then events, each with its
    certainty and the sentences it rests on ("Who supplies drones to Russia?")."""
    from entente.query.ask import ask

    with open_store(db) as store:
        answer = ask(store, question, since=since, until=until, limit=limit)
    if fmt == "json":
        print_json(answer)
        return
    reading = answer["interpretation"]
    asked = (
        ", ".join(f"{a['name'] or a['text']} ({a['role']})" for a in reading["actors"])
        or "no actor"
    )
    period = ""
    if reading["since"] or reading["until"]:
        period = f"; {reading['since'] or '…'} to {reading['until'] or '…'}"
    console.print(
        f"[dim]Read as: {reading['form']}; {escape(terminal_safe(asked))}; "
        f"{', '.join(reading['types']) or 'any act'}{period}[/dim]"
    )
    if reading["note"]:
        console.print(f"[dim]{escape(terminal_safe(reading['note']))}[/dim]")
    for number, item in enumerate(answer["answers"], 1):
        console.print(
            f"\n[bold]{number}. {escape(terminal_safe(item['text']))}[/bold] \\[{escape(item['certainty'])}]"
        )
        for cite in item["citations"]:
            where = f"{cite['outlet'] or 'no outlet'}, {cite['published'] or 'undated'}, doc {cite['doc']} @{cite['start']}"
            console.print(f"   [dim]{escape(terminal_safe(where))}[/dim]")
            console.print(f"   “{escape(terminal_safe(cite['sentence'].strip()))}”")
