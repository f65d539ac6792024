"""The FastAPI app: one read-only store, a cursor per request, and a guard in front.

DuckDB connections are not thread-safe, and FastAPI runs plain ``def`` routes
on a thread pool; so the app opens the store once, read-only, and every request
gets its own cursor (a connection to the same database that shares its cache).

The guard (``RequestGuard``) stands outside everything else, Starlette's own
error handling included, so that every answer, a 500 too, carries the
security headers. It checks, in order: 1. the ``Host`` header names this
machine's loopback or a host the user allowed (``--allow-host``): a server
on 127.0.0.1 is otherwise readable by any web page the user visits through
DNS rebinding (issue 18); 2. the token, when one is set, compared as bytes.
"""

from __future__ import annotations

import ipaddress
import secrets
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from entente.errors import EntenteError, NotFoundError, StoreError, UsageError
from entente.store.db import Store

STATIC = Path(__file__).parent / "static"

# No inline script or style anywhere: article text is untrusted, and this is
# the second line of defence after the page's textContent-only rendering.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


# HTTP status of each of entente's errors a request can meet
ERROR_STATUS: tuple[tuple[type[EntenteError], int], ...] = (
    (UsageError, 400),
    (NotFoundError, 404),
    (StoreError, 500),
    (EntenteError, 400),
)


def _error_response(status: int) -> Callable[[Request, Exception], Awaitable[Response]]:
    async def respond(request: Request, exc: Exception) -> Response:
        return JSONResponse({"detail": str(exc)}, status_code=status)

    return respond


def _readable(exc: RequestValidationError) -> str:
    """FastAPI's list of validation errors as one sentence per bad parameter."""
    parts = []
    for error in exc.errors():
        where = [str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body")]
        name = ".".join(where) or "request"
        parts.append(f"{name}: {error.get('msg', 'invalid value')}")
    return "Bad parameter " + "; ".join(parts) + "."


# ``--allow-host`` value that accepts any Host header (behind a proxy that checks it).
ANY_HOST = "*"
TOKEN_REQUIRED = "A token is required: send 'Authorization: Bearer <token>' or open the page with ?token=<token>."


def host_name(header: str) -> str:
    """The host a ``Host`` header names, without its port, brackets or final dot, lower case."""
    name = header.strip().lower()
    if name.startswith("["):  # [::1]:8000
        return name[1 : name.find("]")] if "]" in name else name
    if name.count(":") == 1:
        name = name.split(":", 1)[0]
    return name.rstrip(".")


def is_loopback(host: str) -> bool:
    """``localhost`` (and names under it) or a loopback address: 127.0.0.0/8, ::1."""
    name = host.strip("[]").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_token(token: str | None) -> bytes | None:
    """The token as the bytes requests are compared with. Raises UsageError when blank."""
    if token is None:
        return None
    if not token.strip():
        raise UsageError(
            "The token is blank: anyone could send it. Pass a secret with --token "
            "(or ENTENTE_TOKEN), e.g. one from: python -c 'import secrets; print(secrets.token_urlsafe())'"
        )
    return token.encode("utf-8")


class RequestGuard:
    """Pure ASGI middleware: the Host check, the token check and the security headers.

    ``allowed_hosts`` are accepted besides loopback ones (``*`` accepts any).
    The page and its static assets hold no data and need no token (a ``<script
    src>`` cannot send a header); everything else does when ``token`` is set.
    """

    def __init__(self, app: ASGIApp, token: bytes | None, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        self.token = token
        names = {host_name(h) for h in allowed_hosts}
        self.any_host = ANY_HOST in names
        self.allowed_hosts = frozenset(names - {ANY_HOST})

    def host_allowed(self, header: str | None) -> bool:
        if self.any_host:
            return True
        if not header:
            return False
        name = host_name(header)
        return is_loopback(name) or name in self.allowed_hosts

    @staticmethod
    def authorised(scope: Scope, token: bytes) -> bool:
        """The request carries ``token``: as a Bearer header, or ``?token=`` (UTF-8)."""
        for key, value in scope["headers"]:
            if key == b"authorization":
                scheme, _, given = value.partition(b" ")
                if scheme.lower() == b"bearer" and secrets.compare_digest(given.strip(), token):
                    return True
        query = scope.get("query_string", b"").decode("latin-1")
        for key, given in parse_qsl(query, keep_blank_values=True):
            if key == "token" and secrets.compare_digest(given.encode("utf-8"), token):
                return True
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).update(SECURITY_HEADERS)
            await send(message)

        host = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), None)
        path = scope.get("path", "")
        guarded = not (path == "/" or path.startswith("/static/"))
        refusal: Response | None = None
        if not self.host_allowed(host):
            refusal = JSONResponse(
                {
                    "detail": f"Host {host!r} is not served here: this server answers to "
                    "localhost and loopback addresses only. Start it with --allow-host "
                    "NAME to accept another name."
                },
                status_code=400,
            )
        elif self.token is not None and guarded and not self.authorised(scope, self.token):
            refusal = JSONResponse(
                {"detail": TOKEN_REQUIRED}, status_code=401, headers={"WWW-Authenticate": "Bearer"}
            )
        if refusal is not None:
            await refusal(scope, receive, send_secured)
            return
        await self.app(scope, receive, send_secured)


# Bytes of API answers the response cache keeps (least recently used go first),
# and the largest answer it keeps. A /api/ answer is a pure function of the store
# and the URL, and the store cannot change while the app holds it read-only (a
# writer cannot take DuckDB's lock meanwhile): an answer once computed is served
# again as it is. With 20 clients on 2 cores a request's ~10 ms of CPU (a few
# DuckDB queries, FastAPI's parameter checks) queued up (BENCHMARKS.md).
RESPONSE_CACHE_BYTES = 64 * 2**20
RESPONSE_CACHE_ENTRY_BYTES = 4 * 2**20


class ResponseCache:
    """Pure ASGI middleware: GET /api/ answers with status 200, kept by path and query."""

    def __init__(self, app: ASGIApp, max_bytes: int = RESPONSE_CACHE_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.entries: OrderedDict[tuple[str, bytes], list[Message]] = OrderedDict()
        self.sizes: dict[tuple[str, bytes], int] = {}
        self.bytes = 0
        self.hits = self.misses = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or not scope["path"].startswith("/api/")
        ):
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        cached = self.entries.get(key)
        if cached is not None:
            self.hits += 1
            self.entries.move_to_end(key)
            for message in cached:
                await send(dict(message, headers=list(message.get("headers", ()))))
            return
        self.misses += 1
        messages: list[Message] = []
        size = 0

        async def keep(message: Message) -> None:
            nonlocal size
            if size <= RESPONSE_CACHE_ENTRY_BYTES:
                messages.append(dict(message, headers=list(message.get("headers", ()))))
                size += len(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, keep)
        whole = messages and messages[-1].get("type") == "http.response.body"
        if (
            whole
            and messages[0].get("status") == 200
            and not messages[-1].get("more_body", False)
            and size <= RESPONSE_CACHE_ENTRY_BYTES
        ):
            self.store(key, messages, size)

    def store(self, key: tuple[str, bytes], messages: list[Message], size: int) -> None:
        if key in self.entries:
            return
        self.entries[key] = messages
        self.sizes[key] = size
        self.bytes += size
        while self.bytes > self.max_bytes and self.entries:
            old, _ = self.entries.popitem(last=False)
            self.bytes -= self.sizes.pop(old)


class GuardedApp(FastAPI):
    """FastAPI with the ``RequestGuard`` outermost, outside Starlette's error middleware,
    and the ``ResponseCache`` inside it (so that no answer skips the guard)."""

    guard_token: bytes | None = None
    guard_hosts: tuple[str, ...] = ()
    response_cache: ResponseCache | None = None

    def build_middleware_stack(self) -> ASGIApp:
        self.response_cache = ResponseCache(super().build_middleware_stack())
        return RequestGuard(self.response_cache, self.guard_token, self.guard_hosts)


def create_app(
    db_path: Path | str, token: str | None = None, allowed_hosts: Iterable[str] = ()
) -> FastAPI:
    """The web app over the store at ``db_path``, opened read-only.

    With ``token``, every request must carry it (``Authorization: Bearer`` or
    ``?token=``). Requests must name a loopback host or one of ``allowed_hosts``
    (``*``: any) in their ``Host`` header. Raises StoreError when there is no
    store at ``db_path``, UsageError for a blank token.
    """
    from entente.query.memory import ReadModel
    from entente.web.api import router

    token_bytes = check_token(token)
    store = Store(db_path, read_only=True)
    # Built once: the store cannot change while the app holds it read-only.
    store.read_model = ReadModel(store)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        yield
        store.read_model.close()
        store.close()

    app = GuardedApp(
        title="entente",
        summary="Who does what to whom in international news, with the evidence. Read-only.",
        lifespan=lifespan,
        # The interactive docs pages load their scripts from a CDN: no CDN at run
        # time and no inline script, so only the OpenAPI document is served.
        docs_url=None,
        redoc_url=None,
    )
    app.guard_token = token_bytes
    app.guard_hosts = tuple(allowed_hosts)
    app.state.store = store

    # entente's errors as JSON with their one-line message; the most specific
    # class of an error decides (Starlette looks handlers up along its MRO)
    for error, status in ERROR_STATUS:
        app.add_exception_handler(error, _error_response(status))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _readable(exc)}, status_code=422)

    # Anything else is a bug: the same error shape, without the traceback.
    @app.exception_handler(Exception)
    async def failed(request: Request, exc: Exception) -> JSONResponse:
        detail = f"Internal error ({type(exc).__name__}): please report it with the request."
        return JSONResponse({"detail": detail}, status_code=500)

    app.include_router(router)

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        page = STATIC / "index.html"
        if page.is_file():
            return FileResponse(page, media_type="text/html")
        return PlainTextResponse(
            "entente's page is not built here (src/entente/web/static/index.html is missing). "
            "The JSON API is under /api/ and described at /openapi.json."
        )

    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    return app
