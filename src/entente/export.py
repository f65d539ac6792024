"""Query results to files: JSON Lines and CSV (more formats come with the map).

Writers take an iterator of dicts and a text stream, so they stream any size.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TextIO

from entente.escaping import spreadsheet_cell

FORMATS = ("jsonl", "csv")


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


def write_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A header from the first record's keys; nested values as JSON.

    Text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``)
    is written with a leading ``'`` (``spreadsheet_cell``): the values are article
    data, and a CSV export is opened in spreadsheets.
    """
    writer: csv.DictWriter | None = None
    count = 0
    for record in records:
        row = {
            k: json.dumps(v, default=_default)
            if isinstance(v, dict | list)
            else spreadsheet_cell(v)
            for k, v in record.items()
        }
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row))
            writer.writeheader()
        writer.writerow(row)
        count += 1
    return count


WRITERS = {"jsonl": write_jsonl, "csv": write_csv}
