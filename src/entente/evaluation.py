"""Gold files in, scores out: what ``entente eval`` runs.

The scoring rules live in ``entente.events.evaluate``; this module reads gold
files and, for the PLOVER gold standard records (single sentences, not
articles), codes their sentences in a temporary store first.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from entente.settings import Settings


def is_plover_gold(path: Path) -> bool:
    """PLOVER gold standard records: a JSON list of records with ``source``/``target`` sides."""
    if path.suffix.lower() != ".json":
        return False
    with path.open(encoding="utf-8") as handle:
        head = handle.read(4096).lstrip()
    return head.startswith("[") and '"eventText"' in head


def read_plover(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def code_plover_records(records: list[dict[str, Any]], settings: Settings) -> list[dict[str, Any]]:
    """Code each record's sentence as a document whose source ends in ``#<record id>``.

    The sentences are short and some are near-identical, so the length and
    language checks meant for articles are off here.
    """
    from entente.ingest.run import ingest
    from entente.query import iter_events
    from entente.store.db import Store

    with tempfile.TemporaryDirectory(prefix="entente-eval-") as tmp:
        sentences = Path(tmp) / "plover.jsonl"
        with sentences.open("w", encoding="utf-8") as out:
            for record in records:
                if record.get("text"):
                    out.write(json.dumps({"id": record["id"], "text": record["text"]}) + "\n")
        db = Path(tmp) / "plover.duckdb"
        ingest([str(sentences)], replace(settings, db=db, min_chars=1, languages=()))
        with Store(db, read_only=True) as store:
            return list(iter_events(store))
