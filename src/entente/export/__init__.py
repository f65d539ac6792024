"""Query results to the formats of the field: JSON Lines, flat CSV, Parquet, POLECAT, GraphML, GEXF.

Every table export streams the records of ``entente.query.tables``; JSON
Lines keeps them nested (the event record of DESIGN.md), CSV and Parquet have
flat columns (``flatten``), and ``polecat`` writes events in the POLECAT
dataset's tab-separated layout. The map exports as a graph (GraphML, GEXF).
"""

from __future__ import annotations

from entente.export.formats import (
    BINARY_FORMATS,
    GRAPH_FORMATS,
    TABLE_FORMATS,
    check_format,
    write_export,
)
from entente.export.tables import flatten, write_csv, write_jsonl

__all__ = [
    "BINARY_FORMATS",
    "GRAPH_FORMATS",
    "TABLE_FORMATS",
    "check_format",
    "flatten",
    "write_csv",
    "write_export",
    "write_jsonl",
]
