"""The map as a graph file: GraphML (yEd, Cytoscape, networkx) and GEXF (Gephi).

Nodes are the actors that relations join, with their name, kind, country and
sector; edges are the relations (source to target, one per kind) with their
kind, certainty, strength, first and last seen, and the clusters of events
behind them (``evidence``). The same nodes and edges as ``export relations``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime
from typing import Any, BinaryIO

# (attribute, its GraphML type) for nodes and for edges, in the order written.
NODE_ATTRIBUTES = (
    ("name", "string"),
    ("kind", "string"),
    ("country", "string"),
    ("sector", "string"),
    ("activity", "long"),
)
EDGE_ATTRIBUTES = (
    ("kind", "string"),
    ("certainty", "string"),
    ("strength", "double"),
    ("evidence", "long"),
    ("first_seen", "string"),
    ("last_seen", "string"),
)
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://www.gexf.net/1.2draft"
# GEXF names GraphML's types its own way.
GEXF_TYPES = {"string": "string", "long": "long", "double": "double"}


def _text(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _edge_values(edge: dict[str, Any]) -> dict[str, Any]:
    return {**edge, "evidence": edge["clusters"]}


def write_graphml(graph: dict[str, Any], out: BinaryIO) -> int:
    """``query.graph``'s nodes and edges as GraphML; returns the number of edges."""
    root = ET.Element("graphml", xmlns=GRAPHML_NS)
    for scope, attributes in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        for name, kind in attributes:
            ET.SubElement(
                root,
                "key",
                {"id": f"{scope[0]}_{name}", "for": scope, "attr.name": name, "attr.type": kind},
            )
    body = ET.SubElement(root, "graph", id="entente", edgedefault="directed")
    for node in graph["nodes"]:
        element = ET.SubElement(body, "node", id=node["id"])
        for name, _ in NODE_ATTRIBUTES:
            if node.get(name) is not None:
                ET.SubElement(element, "data", key=f"n_{name}").text = _text(node[name])
    for edge in graph["edges"]:
        element = ET.SubElement(
            body, "edge", id=edge["id"], source=edge["source"], target=edge["target"]
        )
        values = _edge_values(edge)
        for name, _ in EDGE_ATTRIBUTES:
            if values.get(name) is not None:
                ET.SubElement(element, "data", key=f"e_{name}").text = _text(values[name])
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return len(graph["edges"])


def write_gexf(graph: dict[str, Any], out: BinaryIO) -> int:
    """``query.graph``'s nodes and edges as GEXF 1.2; returns the number of edges."""
    root = ET.Element("gexf", xmlns=GEXF_NS, version="1.2")
    ET.SubElement(ET.SubElement(root, "meta"), "creator").text = "entente"
    body = ET.SubElement(root, "graph", defaultedgetype="directed", mode="static")
    for scope, attributes in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        declared = ET.SubElement(body, "attributes", {"class": scope})
        for name, kind in attributes:
            ET.SubElement(declared, "attribute", id=name, title=name, type=GEXF_TYPES[kind])
    nodes = ET.SubElement(body, "nodes")
    for node in graph["nodes"]:
        element = ET.SubElement(nodes, "node", id=node["id"], label=node["name"])
        _attvalues(element, node, NODE_ATTRIBUTES)
    edges = ET.SubElement(body, "edges")
    for edge in graph["edges"]:
        element = ET.SubElement(
            edges,
            "edge",
            id=edge["id"],
            source=edge["source"],
            target=edge["target"],
            label=edge["kind"],
            weight=_text(edge["strength"]),
        )
        _attvalues(element, _edge_values(edge), EDGE_ATTRIBUTES)
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return len(graph["edges"])


def _attvalues(element: ET.Element, values: dict[str, Any], attributes: tuple) -> None:
    holder = ET.SubElement(element, "attvalues")
    for name, _ in attributes:
        if values.get(name) is not None:
            ET.SubElement(holder, "attvalue", {"for": name, "value": _text(values[name])})
