"""Which formats each export takes, and writing one: the CLI's ``export`` calls ``write_export``."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, BinaryIO, TextIO

from entente import query
from entente.errors import UsageError
from entente.export.graph import write_gexf, write_graphml
from entente.export.parquet import write_parquet
from entente.export.polecat import write_polecat
from entente.export.tables import Shape, shape_of, write_csv, write_jsonl
from entente.store.db import Store

TABLE_FORMATS = ("jsonl", "csv", "parquet")
GRAPH_FORMATS = ("graphml", "gexf")
EVENT_FORMATS = (*TABLE_FORMATS, "polecat")
BINARY_FORMATS = frozenset({"parquet", "graphml", "gexf"})
# The mentions' nested objects (the events' come from their JSON Schema).
MENTION_SHAPE: Shape = {
    "doc": ("object", {"id": None, "source": None}),
    "actor": ("object", {"id": None, "name": None, "country": None, "sector": None}),
}


@lru_cache(maxsize=1)
def event_schema() -> dict[str, Any]:
    """The JSON Schema of the event record (``data/schema/event.schema.json``)."""
    text = resources.files("entente").joinpath("data/schema/event.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def formats_of(kind: str) -> tuple[str, ...]:
    """The formats an export of ``kind`` (a table, or ``graph``) can be written in."""
    if kind == "graph":
        return GRAPH_FORMATS
    return EVENT_FORMATS if kind == "events" else TABLE_FORMATS


def check_format(kind: str, fmt: str) -> None:
    """Raises UsageError, with the formats it takes, when ``kind`` cannot be written as ``fmt``."""
    if kind != "graph" and kind not in query.TABLES:
        raise UsageError(f"No export {kind!r}. Choose from: {', '.join([*query.TABLES, 'graph'])}.")
    if fmt not in formats_of(kind):
        raise UsageError(
            f"export {kind} cannot be written as {fmt}: choose {', '.join(formats_of(kind))}."
        )


def _shape(kind: str) -> Shape:
    if kind == "events":
        return shape_of(event_schema())
    return MENTION_SHAPE if kind == "mentions" else {}


def write_export(
    store: Store, kind: str, fmt: str, out: TextIO | BinaryIO, candidates: bool = False
) -> int:
    """Write the export ``kind`` in ``fmt`` to ``out`` (binary for BINARY_FORMATS); returns
    how many records (edges for the graph) were written. ``candidates`` writes the
    events kept as candidates (below the confidence floor) instead of the events,
    each with its ``reason``. Raises UsageError."""
    check_format(kind, fmt)
    if candidates and kind != "events":
        raise UsageError(f"--candidates exports events only, not {kind}.")
    if kind == "graph":
        graph = query.graph(store, query.EventFilters(), limit=None)
        write = write_graphml if fmt == "graphml" else write_gexf
        return write(graph, out)  # type: ignore[arg-type]
    records = query.iter_event_candidates(store) if candidates else query.TABLES[kind](store)
    if fmt == "jsonl":
        return write_jsonl(records, out)  # type: ignore[arg-type]
    if fmt == "polecat":
        return write_polecat(records, out)  # type: ignore[arg-type]
    if fmt == "csv":
        return write_csv(records, out, _shape(kind))  # type: ignore[arg-type]
    return write_parquet(records, out, _shape(kind))  # type: ignore[arg-type]
