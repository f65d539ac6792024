"""Display names of map nodes and actors: one helper for every answer that names them.

A map node is an actor id ("RUS", "hamas") or the id of an actor met only in
text ("x-ali-khamenei"), which may have no actor row (merged away, or a node
built from a name); such an id reads "Ali Khamenei", never the raw id.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pycountry

from entente.store.db import Store

NODE_FIELDS = ("id", "name", "kind", "country", "sector")


def readable_name(node: str, name: str | None) -> str:
    """A node's name for display: ``name`` unless missing or only the raw id.

    >>> readable_name("x-ali-khamenei", None)
    'Ali Khamenei'
    >>> readable_name("QAT", None)
    'Qatar'
    """
    if name and name != node:
        return name
    if node.startswith("x-"):
        return " ".join(w.capitalize() for w in node[2:].replace("_", "-").split("-") if w) or node
    if len(node) == 3 and node.isupper():  # a state no stored actor names ("QAT" as a backer)
        country = pycountry.countries.get(alpha_3=node)
        if country is not None:
            # "Palestine, State of" reads "Palestine"
            return getattr(country, "common_name", None) or country.name.split(", ")[0]
    return name or node


def node_info(store: Store, nodes: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Each node's id, readable name, kind, country and sector (None where no actor row)."""
    ids = sorted(set(nodes))
    rows = store.records(
        f"SELECT {', '.join(NODE_FIELDS)} FROM actors WHERE id IN (SELECT unnest(?))", [ids]
    )
    found = {r["id"]: r for r in rows}
    info = {i: found.get(i) or dict.fromkeys(NODE_FIELDS) | {"id": i} for i in ids}
    for i, row in info.items():
        row["name"] = readable_name(i, row["name"])
    return info


def display_names(store: Store, nodes: Iterable[str]) -> dict[str, str]:
    """Readable names of map nodes, by node id."""
    ids = sorted(set(nodes))
    names = dict(
        store.fetchall("SELECT id, name FROM actors WHERE id IN (SELECT unnest(?))", [ids])
    )
    return {i: readable_name(i, names.get(i)) for i in ids}


def with_names(store: Store, rows: list[dict[str, Any]], *fields: str) -> list[dict[str, Any]]:
    """Adds ``<field>_name`` beside each node field (an id, or a list of ids) of each row."""
    nodes: set[str] = set()
    for row in rows:
        for field in fields:
            value = row[field]
            nodes.update(value if isinstance(value, list) else [value])
    names = display_names(store, nodes)
    for row in rows:
        for field in fields:
            value = row[field]
            row[f"{field}_name"] = (
                [names[v] for v in value] if isinstance(value, list) else names[value]
            )
    return rows
