"""The FastAPI app: one read-only store, a cursor per request, safety headers, a token.

DuckDB connections are not thread-safe, and FastAPI runs plain ``def`` routes
on a thread pool; so the app opens the store once, read-only, and every request
gets its own cursor (a connection to the same database that shares its cache).
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles

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


def create_app(db_path: Path | str, token: str | None = None) -> FastAPI:
    """The web app over the store at ``db_path``, opened read-only.

    With ``token``, every request must carry it (``Authorization: Bearer`` or
    ``?token=``). Raises StoreError when there is no store at ``db_path``.
    """
    from entente.web.api import router
    from entente.web.lookups import WebLookups

    store = Store(db_path, read_only=True)
    # Built once: the store cannot change while the app holds it read-only.
    lookups = WebLookups(store)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        yield
        lookups.close()
        store.close()

    app = FastAPI(
        title="entente",
        summary="Who does what to whom in international news, with the evidence. Read-only.",
        lifespan=lifespan,
        # The interactive docs pages load their scripts from a CDN: no CDN at run
        # time and no inline script, so only the OpenAPI document is served.
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.lookups = lookups

    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        # The token guards the store's data (/api/, /openapi.json). The page and its
        # static assets hold none, and <script src> cannot send a header.
        guarded = not (request.url.path == "/" or request.url.path.startswith("/static/"))
        if token is not None and guarded and not _authorised(request, token):
            response: Response = JSONResponse(
                {
                    "detail": "A token is required: send 'Authorization: Bearer <token>' "
                    "or open the page with ?token=<token>."
                },
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        else:
            response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    # entente's errors as JSON with their one-line message; the most specific
    # class of an error decides (Starlette looks handlers up along its MRO)
    for error, status in ERROR_STATUS:
        app.add_exception_handler(error, _error_response(status))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _readable(exc)}, status_code=422)

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


def _authorised(request: Request, token: str) -> bool:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and secrets.compare_digest(value.strip(), token):
        return True
    given = request.query_params.get("token")
    return given is not None and secrets.compare_digest(given, token)
