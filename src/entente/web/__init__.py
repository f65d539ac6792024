"""entente's web app: a read-only JSON API over the store, and the page that draws it.

``create_app(db_path, token=None)`` builds the FastAPI app; ``entente serve``
runs it with uvicorn. The routes (``api.py``) are thin: every answer comes from
a function of ``entente.query``.
"""

from __future__ import annotations

from entente.web.app import create_app

__all__ = ["create_app"]
