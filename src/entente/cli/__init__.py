"""The ``entente`` command: every command parses its options, calls the library, prints.

A module per group of commands (``ingest``, ``documents``, ``events``,
``map``, ``ask``, ``merges``, ``export``, ``serve``); each imports ``cli.base`` and the
library, never another command module, and this module adds them all to
``main``. Errors from the library are ``EntenteError``s, caught once in
``EntenteGroup``: they print ``Error: <message>`` and exit 1 (with a traceback
only under --debug).
"""

from __future__ import annotations

import click

from entente.cli import ask, documents, events, export, ingest, map, merges, serve
from entente.cli.base import EntenteGroup


@click.group(cls=EntenteGroup)
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.version_option(package_name="entente")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """entente: who does what to whom in international news, with the evidence."""
    ctx.obj = {"debug": debug}


COMMANDS: tuple[click.Command, ...] = (
    ingest.ingest,
    documents.docs,
    documents.show,
    documents.log,
    events.actors,
    events.events,
    events.eval_command,
    map.map_command,
    map.dyad,
    map.conflicts,
    map.claims,
    ask.ask_command,
    merges.rebuild,
    merges.merges,
    export.export_command,
    serve.serve,
)
for _command in COMMANDS:
    main.add_command(_command)

__all__ = ["main"]

if __name__ == "__main__":  # pragma: no cover
    main()
