"""What every command shares: the consoles, ``--db``, opening the store, one error line.

The command modules import this one and nothing else of ``entente.cli``, so
the package has no import cycle (tests/test_imports.py walks it).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from entente.errors import EntenteError
from entente.escaping import terminal_safe
from entente.settings import SETTINGS, Settings
from entente.store.db import Store

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)
HELP = {s.name: s.help for s in SETTINGS}

# --limit and --offset: a negative number is refused by Click with a one-line
# usage error (it reached DuckDB as "LIMIT/OFFSET cannot be negative").
COUNT = click.IntRange(min=0)


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--db PATH`` for every command, from the settings table."""
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        envvar="ENTENTE_DB",
        help=HELP["db"] + " [default: ./entente.duckdb]",
    )(func)


def format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--format table|json`` for a listing command: a table for people, JSON for scripts."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json"]),
        default="table",
        show_default=True,
        help="table, or json: the query's records as one JSON document.",
    )(func)


def print_json(answer: Any) -> None:
    """The records a command would tabulate, as JSON on standard output."""

    def default(value: Any) -> Any:
        if isinstance(value, datetime | date):
            return value.isoformat()
        if isinstance(value, set | frozenset | tuple):
            return sorted(value)
        raise TypeError(f"not JSON serialisable: {type(value).__name__}")

    sys.stdout.write(json.dumps(answer, ensure_ascii=False, indent=1, default=default) + "\n")


def open_store(db: Path | None, read_only: bool = True) -> Store:
    return Store(Settings.load(db=db).db, read_only=read_only)


class VocabularyChoice(click.Choice):
    """A choice among a vocabulary read from the data files when first needed.

    The relation kinds live in ``data/relations.yaml``: reading it when the
    command line is built would make every command, even ``--help``, read it.
    """

    def __init__(self, values: Callable[[], Sequence[str]]) -> None:
        super().__init__(())
        self._values = values
        self._loaded: Sequence[str] | None = None

    @property  # type: ignore[override]
    def choices(self) -> Sequence[str]:
        if self._loaded is None:
            self._loaded = tuple(self._values())
        return self._loaded

    @choices.setter
    def choices(self, value: Sequence[str]) -> None:
        self._loaded = tuple(value) or None


# The exit status of a command stopped with Ctrl-C (128 + SIGINT, as shells report it).
INTERRUPTED = 130


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
        except KeyboardInterrupt:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            err_console.print("Interrupted.", markup=False)
            sys.exit(INTERRUPTED)
