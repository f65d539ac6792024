"""Records to JSON Lines (nested) and CSV (flat), streamed: any size, one record at a time."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any, TextIO

from entente.escaping import spreadsheet_cell

# How a flat cell joins the values of a list (several actors, aliases, clusters).
LIST_SEPARATOR = "; "


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One JSON object a line; returns how many were written."""
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, default=_default))
        out.write("\n")
        count += 1
    return count


# A record's nested shape: for each field, None (a value), ("object", shape) or
# ("list", shape) (a list of objects). The event record's comes from its JSON
# Schema; a field not in the shape keeps one cell (an object or a list of
# objects as compact JSON text).
Shape = dict[str, Any]


def shape_of(schema: dict[str, Any], defs: dict[str, Any] | None = None) -> Shape:
    """The nested shape of a JSON Schema's object: which fields are objects or lists of them."""
    defs = schema.get("$defs", {}) if defs is None else defs
    shape: Shape = {}
    for name, node in schema.get("properties", {}).items():
        shape[name] = _node_shape(node, defs)
    return shape


def _node_shape(node: dict[str, Any], defs: dict[str, Any]) -> Any:
    if "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    for option in node.get("oneOf", []):
        if "properties" in option:
            node = option
    if "properties" in node:
        return ("object", shape_of(node, defs))
    items = node.get("items")
    if isinstance(items, dict) and ("properties" in items or "$ref" in items):
        return ("list", _node_shape(items, defs)[1])
    return None


def flatten(record: dict[str, Any], shape: Shape | None = None) -> dict[str, Any]:
    """A record with one scalar per field, for spreadsheets, pandas and Parquet.

    The fields of an object in ``shape`` become ``<field>_<name>`` (``doc.id``
    is ``doc_id``, ``date.start`` is ``date_start``), all of them even when the
    object is null, so every record of a table has the same columns; a list of
    objects in ``shape`` becomes one column per name, its values joined with
    ``; `` (two actors: ``actor_name`` "Iran; Russia"); a list of values is
    joined the same way; any other object is one cell of JSON text.

    >>> shape = {"date": ("object", {"start": None}), "actor": ("list", {"name": None})}
    >>> flatten({"date": {"start": "2024-04"}, "actor": [{"name": "Iran"}, {"name": "Russia"}]}, shape)
    {'date_start': '2024-04', 'actor_name': 'Iran; Russia'}
    """
    shape = shape or {}
    flat: dict[str, Any] = {}
    for key, value in record.items():
        nested = shape.get(key)
        if nested is not None and nested[0] == "object":
            inner = flatten(value or {}, nested[1])
            for name in _columns(nested[1]):
                flat[f"{key}_{name}"] = inner.get(name)
        elif nested is not None and nested[0] == "list":
            rows = [flatten(v, nested[1]) for v in value or []]
            for name in _columns(nested[1]):
                flat[f"{key}_{name}"] = _joined([r.get(name) for r in rows])
        elif isinstance(value, dict) or (
            isinstance(value, list) and any(isinstance(v, dict | list) for v in value)
        ):
            flat[key] = json.dumps(value, ensure_ascii=False, default=_default)
        elif isinstance(value, list):
            flat[key] = _joined(value)
        elif isinstance(value, datetime | date):
            flat[key] = value.isoformat()
        else:
            flat[key] = value
    return flat


def _columns(shape: Shape) -> list[str]:
    """The flat column names an object of this shape gives (``date`` gives ``start``, ...)."""
    names: list[str] = []
    for key, nested in shape.items():
        if nested is None:
            names.append(key)
        else:
            names += [f"{key}_{n}" for n in _columns(nested[1])]
    return names


def _joined(values: list[Any]) -> str | None:
    if not values:
        return None
    return LIST_SEPARATOR.join("" if v is None else str(v) for v in values)


def flat_records(
    records: Iterable[dict[str, Any]], shape: Shape | None = None
) -> Iterator[dict[str, Any]]:
    for record in records:
        yield flatten(record, shape)


def write_csv(records: Iterable[dict[str, Any]], out: TextIO, shape: Shape | None = None) -> int:
    """Flat columns (``flatten`` with ``shape``), a header from the first record's.

    Text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``)
    is written with a leading ``'`` (``spreadsheet_cell``): the values are article
    data, and a CSV export is opened in spreadsheets.
    """
    writer: csv.DictWriter | None = None
    count = 0
    for record in flat_records(records, shape):
        row = {k: spreadsheet_cell(v) for k, v in record.items()}
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row))
            writer.writeheader()
        writer.writerow(row)
        count += 1
    return count
