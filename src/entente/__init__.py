"""entente: a sourced, time-aware map of who does what to whom in international news.

The public Python API is the names in ``__all__``. They are imported on first
use, so that ``import entente`` (and every CLI command that only reads the
store) does not pay for loading spaCy.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_PUBLIC = {
    "EntenteError": "entente.errors",
    "IngestSummary": "entente.ingest.run",
    "Settings": "entente.settings",
    "Store": "entente.store.db",
    "ingest": "entente.ingest.run",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'entente' has no attribute {name!r}")
