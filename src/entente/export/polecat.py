"""Events in the POLECAT dataset's layout: its columns, tab-separated, one event a line.

Which column comes from which field of the event record is data
(``data/polecat_columns.tsv``), read and checked here: a column entente does
not code stays empty.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, TextIO

from entente.errors import DataFileError
from entente.export.tables import LIST_SEPARATOR
from entente.vocabulary import event_types

COLUMNS_FILE = Path(__file__).resolve().parents[1] / "data" / "polecat_columns.tsv"


@lru_cache(maxsize=1)
def polecat_columns(path: Path = COLUMNS_FILE) -> tuple[tuple[str, str], ...]:
    """(POLECAT column, event record path) in the file's order. Raises DataFileError."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(path, None, f"cannot read ({exc.strerror})") from exc
    columns = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip():
            raise DataFileError(
                path, number, "expected: column <TAB> field (the field may be empty)"
            )
        columns.append((parts[0].strip(), parts[1].strip()))
    return tuple(columns)


def value_at(record: Any, path: str) -> Any:
    """The value at a dotted path of a record; ``*`` joins a list's values with ``; ``.

    >>> value_at({"actor": [{"name": "Iran"}, {"name": "Russia"}]}, "actor.*.name")
    'Iran; Russia'
    """
    if not path:
        return None
    head, _, rest = path.partition(".")
    if head == "*":
        values = [value_at(item, rest) for item in record or []]
        return LIST_SEPARATOR.join("" if v is None else str(v) for v in values) or None
    if head.isdigit():
        items = record or []
        return value_at(items[int(head)], rest) if int(head) < len(items) else None
    if not isinstance(record, dict):
        return None
    value = record.get(head)
    return value_at(value, rest) if rest else value


def write_polecat(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Event records as POLECAT rows (a header line first); returns how many were written."""
    columns = polecat_columns()
    quads = event_types()
    version = f"entente-{metadata.version('entente')}"
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow([name for name, _ in columns])
    count = 0
    for record in records:
        full = {**record, "quad": quads.get(record["type"]), "version": version}
        writer.writerow(["" if (v := value_at(full, path)) is None else v for _, path in columns])
        count += 1
    return count
