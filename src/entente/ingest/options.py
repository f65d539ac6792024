"""How to read inputs: the options every reader takes, and what a reader yields."""

from __future__ import annotations

from dataclasses import dataclass

from entente.records import RawArticle, Rejection
from entente.settings import SETTINGS

Item = RawArticle | Rejection

DEFAULT_MAX_BYTES: int = next(s.default for s in SETTINGS if s.name == "max_bytes")


@dataclass(slots=True)
class ReaderOptions:
    """How to read: the size cap, and field names that override the vocabularies."""

    max_bytes: int = DEFAULT_MAX_BYTES
    text_field: str | None = None
    title_field: str | None = None
    date_field: str | None = None
    url_field: str | None = None
    author_field: str | None = None
    id_field: str | None = None
