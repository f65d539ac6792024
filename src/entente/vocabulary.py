"""The words entente's answers use, in one place: the CLI's choices, the API's
parameters, the page (``/api/vocabulary``) and the docs all read them here.

The event attributes come from the record types (``records.py``), the event
types with their quads, modes and scores from ``data/plover.yaml``, and the
relation kinds from ``data/relations.yaml``: so a new type or relation kind in
the data reaches every face without a code change.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, get_args

import yaml

from entente.consolidate.knowledge import DATA_DIR, QUADS, load_map_knowledge
from entente.errors import DataFileError
from entente.records import Certainty, DatePrecision, IngestStatus, Polarity, Tense

CERTAINTIES: tuple[str, ...] = get_args(Certainty)
POLARITIES: tuple[str, ...] = get_args(Polarity)
TENSES: tuple[str, ...] = get_args(Tense)
DATE_PRECISIONS: tuple[str, ...] = get_args(DatePrecision)
INGEST_STATUSES: tuple[str, ...] = get_args(IngestStatus)
# A relation is asserted when one of its clusters is; otherwise alleged
# (consolidate/relations.py): the two values a relation's certainty takes.
RELATION_CERTAINTIES: tuple[str, ...] = ("asserted", "alleged")
# The quad classes as the answers spell them (plover.yaml writes verbal-coop).
QUAD_NAMES: tuple[str, ...] = tuple(q.replace("-", "_") for q in QUADS)


def relation_kinds() -> tuple[str, ...]:
    """Every relation kind ``data/relations.yaml`` defines, in the file's order."""
    return tuple(dict.fromkeys(rule.kind for rule in load_map_knowledge().rules))


def event_types() -> dict[str, str]:
    """Every PLOVER type entente codes, with its quad class (``verbal_coop``, ...)."""
    return {t: q.replace("-", "_") for t, q in load_map_knowledge().quads.items()}


@lru_cache(maxsize=1)
def event_type_table() -> tuple[dict[str, Any], ...]:
    """Each event type as the page and docs show it: code, quad, score, modes, description."""
    path = DATA_DIR / "plover.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(path, None, f"cannot read YAML ({exc})") from exc
    knowledge = load_map_knowledge()
    return tuple(
        {
            "code": code,
            "quad": quad.replace("-", "_"),
            "score": knowledge.scores[code],
            "modes": sorted((raw.get(code) or {}).get("modes") or {}),
            "description": str((raw.get(code) or {}).get("description", "")),
        }
        for code, quad in knowledge.quads.items()
    )


def vocabulary() -> dict[str, Any]:
    """Every vocabulary as one record (what ``/api/vocabulary`` serves)."""
    return {
        "types": list(event_type_table()),
        "quads": list(QUAD_NAMES),
        "certainties": list(CERTAINTIES),
        "polarities": list(POLARITIES),
        "tenses": list(TENSES),
        "date_precisions": list(DATE_PRECISIONS),
        "relation_kinds": list(relation_kinds()),
        "relation_certainties": list(RELATION_CERTAINTIES),
        "ingest_statuses": list(INGEST_STATUSES),
    }
