"""``entente serve``: the web app over a store, read-only."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import click

from entente.cli.base import db_option, err_console
from entente.errors import UsageError
from entente.escaping import terminal_safe
from entente.settings import Settings
from entente.store.db import Store


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
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
    from entente.web.app import check_token, is_loopback

    check_token(token)
    if token is None and not is_loopback(host):
        raise UsageError(
            f"Refusing to serve on {host} without a token: anyone who can reach it could read "
            "the store. Pass --token SECRET (or set ENTENTE_TOKEN), or bind to 127.0.0.1."
        )
    _check_can_listen(host, port)
    import uvicorn

    from entente.web import create_app

    # The address served on is a name clients may use (0.0.0.0 and :: are not).
    wildcard = host in ("0.0.0.0", "::", "")
    allowed = (*allow_hosts, *(() if wildcard or is_loopback(host) else (host,)))
    app = create_app(Settings.load(db=db).db, token=token, allowed_hosts=allowed)
    where = f"http://{host}:{port}/" + ("?token=<your token>" if token else "")
    err_console.print(
        terminal_safe(f"Serving {Settings.load(db=db).db} read-only at {where} (Ctrl-C stops)"),
        markup=False,
    )
    # The question parser (spaCy) and the sentence index load behind the first
    # page, so that neither the page nor the first question waits for them.
    threading.Thread(target=_warm_ask, args=(app.state.store,), daemon=True).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _warm_ask(store: Store) -> None:
    """Load what ``/api/ask`` and ``/api/search`` need, on a cursor of the app's store."""
    from entente.query import retrieval
    from entente.query.ask import warm
    from entente.web.api import CursorStore

    cursor = CursorStore(store)
    try:
        warm()
        retrieval.sentence_index(cursor)
    except Exception as exc:  # the request that needs it will load it, and say what failed
        err_console.print(
            terminal_safe(f"Loading ask's parser or index failed: {exc}"), markup=False
        )
    finally:
        cursor.close()


def _check_can_listen(host: str, port: int) -> None:
    """Raises UsageError when the address cannot be bound (in use, or no such address),
    before the store is opened: uvicorn would log its own error and a traceback for it."""
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM)
        family, kind, proto, _name, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            probe.bind(address)
    except OSError as exc:
        raise UsageError(
            f"Cannot listen on {host}:{port}: {exc.strerror or exc}. Choose another --port "
            "(or --host), or stop what is using it."
        ) from None
