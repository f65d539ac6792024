"""Records to Parquet, with the flat columns of the CSV export, a batch at a time."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from entente.export.tables import Shape, flat_records

# Rows per Parquet row group: large enough to compress well, small enough to
# keep a batch of flat records (a few MB) in memory.
ROWS_PER_GROUP = 10_000


def _arrow_type(values: list[Any]) -> pa.DataType:
    """The column's type from its first values: a column of no value yet is text."""
    seen = [v for v in values if v is not None]
    if seen and all(isinstance(v, bool) for v in seen):
        return pa.bool_()
    if seen and all(isinstance(v, int) and not isinstance(v, bool) for v in seen):
        return pa.int64()
    if seen and all(isinstance(v, int | float) and not isinstance(v, bool) for v in seen):
        return pa.float64()
    return pa.string()


def _column(values: list[Any], kind: pa.DataType) -> list[Any]:
    if kind == pa.string():
        return [None if v is None else str(v) for v in values]
    return values


def write_parquet(
    records: Iterable[dict[str, Any]], out: BinaryIO, shape: Shape | None = None
) -> int:
    """Flat records (``flatten`` with ``shape``) as one Parquet file; returns how many."""
    rows = flat_records(records, shape)
    writer: pq.ParquetWriter | None = None
    schema: pa.Schema | None = None
    count = 0
    try:
        while batch := list(islice(rows, ROWS_PER_GROUP)):
            names = list(batch[0])
            columns = {n: [r.get(n) for r in batch] for n in names}
            if schema is None:
                schema = pa.schema([(n, _arrow_type(columns[n])) for n in names])
                writer = pq.ParquetWriter(out, schema)
            table = pa.table(
                {f.name: _column(columns[f.name], f.type) for f in schema}, schema=schema
            )
            assert writer is not None
            writer.write_table(table)
            count += len(batch)
    finally:
        if writer is not None:
            writer.close()
    if writer is None:
        # No record: an empty file with no columns, still a valid Parquet file.
        pq.write_table(pa.table({}), out)
    return count
