"""Parquet parts: what the Ray engine's workers write, and the single writer that loads them.

A part is a folder named after its reference's key, under a local folder or any
filesystem pyarrow opens from a URI (``s3://bucket/run``), holding one Parquet
file per table of the store (``PART_TABLES``) and, written last, a ``_DONE``
marker: a part without its marker was cut off and is written again.

``PartLoader`` is the one process that writes the store. It loads parts in the
order of the references, whatever order they were coded in, keeps the first
document of each id (an earlier part's, or the store's), and commits a batch of
parts and their share of the map in one transaction, as the local engine
commits a batch: so both engines give the same store.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from entente.consolidate import extend_map
from entente.consolidate.knowledge import MapKnowledge
from entente.errors import StoreError
from entente.ingest.run import (
    CHECKPOINT_DOCS,
    IngestSummary,
    limit_connection,
    release_freed_memory,
)
from entente.pipeline import CodedDocument
from entente.records import Rejection
from entente.store.db import Store
from entente.store.write import (
    LogEntry,
    actor_columns,
    append_rows,
    coded_columns,
    existing_ids,
    log_columns,
    one_copy_per_actor,
)

# The store's tables a part holds (``log`` holds the rejections of its inputs;
# the ok and duplicate lines of its documents are decided when it is loaded).
PART_TABLES = (
    "documents",
    "sentences",
    "actors",
    "mentions",
    "events",
    "event_candidates",
    "log",
)
DONE_MARKER = "_DONE"
# Log statuses to the summary's counters, as the local engine counts them.
_COUNTERS = {"duplicate": "duplicates", "skipped": "skipped", "error": "errors"}


def _filesystem(location: str) -> tuple[pafs.FileSystem, str]:
    if "://" not in location:
        location = os.path.abspath(location)
    try:
        return pafs.FileSystem.from_uri(location)
    except (pa.ArrowInvalid, OSError) as exc:
        raise StoreError(f"Cannot open the parts folder {location}: {exc}") from exc


class PartFolder:
    """The folder the parts of a run go to: a local path or a pyarrow filesystem URI."""

    def __init__(self, location: str) -> None:
        self.location = location
        self.fs, self.root = _filesystem(location)

    def _path(self, key: str, name: str) -> str:
        return f"{self.root}/{key}/{name}"

    def is_done(self, key: str) -> bool:
        info = self.fs.get_file_info(self._path(key, DONE_MARKER))
        return info.type == pafs.FileType.File

    def done_keys(self, keys: Sequence[str]) -> set[str]:
        """Which of ``keys`` have a complete part (one listing of the folder)."""
        try:
            listing = self.fs.get_file_info(
                pafs.FileSelector(self.root, allow_not_found=True, recursive=True)
            )
        except OSError as exc:
            raise StoreError(f"Cannot list the parts folder {self.location}: {exc}") from exc
        done = {
            info.path.rsplit("/", 2)[-2]
            for info in listing
            if info.type == pafs.FileType.File and info.base_name == DONE_MARKER
        }
        return done & set(keys)

    def write(self, key: str, coded: Sequence[CodedDocument], log: Sequence[LogEntry]) -> None:
        """Write one reference's coded documents and rejections, the marker last."""
        columns = coded_columns(coded)
        # Actors are kept per document, so a document dropped as a duplicate at
        # load time takes its own copies of actors with it.
        per_document = [actor_columns(c.actors) for c in coded]
        actors: dict[str, list] = {name: [] for name in columns["actors"]}
        actors["doc_id"] = []
        for item, rows in zip(coded, per_document, strict=True):
            for name, values in rows.items():
                actors[name].extend(values)
            actors["doc_id"].extend([item.document.id] * len(rows["id"]))
        columns["actors"] = actors
        columns["log"] = {
            "source": [e.source for e in log],
            "status": [e.status for e in log],
            "reason": [e.reason for e in log],
            "doc_id": [e.doc_id for e in log],
        }
        self.fs.create_dir(f"{self.root}/{key}", recursive=True)
        for table in PART_TABLES:
            pq.write_table(
                pa.table(columns[table]), self._path(key, f"{table}.parquet"), filesystem=self.fs
            )
        with self.fs.open_output_stream(self._path(key, DONE_MARKER)) as marker:
            marker.write(b"")

    def read(self, key: str) -> dict[str, pa.Table]:
        tables = {}
        for table in PART_TABLES:
            # One small file read whole: ParquetFile without threads is about
            # three times cheaper than read_table's dataset machinery here.
            with self.fs.open_input_file(self._path(key, f"{table}.parquet")) as file:
                tables[table] = pq.ParquetFile(file).read(use_threads=False)
        return tables


def _keep(table: pa.Table, column: str, ids: set[str]) -> pa.Table:
    if table.num_rows == 0 or not ids:
        return table.slice(0, 0)
    return table.filter(pc.is_in(table[column], value_set=pa.array(sorted(ids), pa.string())))


def _one_actor_each(table: pa.Table) -> pa.Table:
    """One row per actor, the copy the local engine keeps (``one_copy_per_actor``)."""
    if table.num_rows == 0:
        return table
    rows = one_copy_per_actor(table["id"].to_pylist())
    return table.take(pa.array(rows, pa.int64()))


def _batch_rows(
    pending: Sequence[tuple[dict[str, pa.Table], list[LogEntry]]],
) -> dict[str, pa.Table]:
    """The queued parts' rows as one table each, in part order, as the local engine
    appends a batch: one append per table, not one per part and table (an append
    costs milliseconds of the single writer's time however few its rows).

    Actors are chosen again over the whole batch (``one_copy_per_actor``), which
    keeps the row that appending the parts one after the other would leave.
    """
    batch: dict[str, pa.Table] = {}
    for table in (name for name in PART_TABLES if name != "log"):
        parts = [t[table] for t, _ in pending if table in t and t[table].num_rows]
        if parts:
            # A column whose values are all missing in a part is typed null in its
            # Parquet file: the other parts' types win (the store casts to its own).
            rows = pa.concat_tables(parts, promote_options="permissive")
            batch[table] = _one_actor_each(rows) if table == "actors" else rows
    return batch


def _columns(table: pa.Table) -> dict[str, pa.ChunkedArray]:
    return {name: table[name] for name in table.column_names}


@dataclass(slots=True)
class PartLoader:
    """Loads parts into the store in the order they are added; ``flush`` at the end.

    ``seen`` maps a document id to the source that first brought it in this run.
    Each log line not ``ok`` is counted in ``summary`` and handed to ``on_log``.
    """

    store: Store
    folder: PartFolder
    summary: IngestSummary
    knowledge: MapKnowledge
    batch_size: int
    on_log: Callable[[LogEntry], None]
    seen: dict[str, str] = field(default_factory=dict)
    pending: list[tuple[dict[str, pa.Table], list[LogEntry]]] = field(default_factory=list)
    pending_ids: list[str] = field(default_factory=list)
    load_s: float = 0.0

    def _log(self, entry: LogEntry) -> None:
        counter = _COUNTERS.get(entry.status)
        if counter:
            setattr(self.summary, counter, getattr(self.summary, counter) + 1)
        if entry.status in ("skipped", "error"):
            self.summary.problems.append(entry)
        self.on_log(entry)

    def log_rejections(self, rejections: Sequence[Rejection]) -> None:
        """Queue log lines of inputs that were never read (paths passed over)."""
        entries = [LogEntry(r.source, r.status, r.reason) for r in rejections]
        for entry in entries:
            self.summary.read += 1
            self._log(entry)
        if entries:
            self.pending.append(({}, entries))

    def add(self, key: str) -> None:
        """Queue a part's fresh documents; commit once a batch's worth is queued."""
        started = time.perf_counter()
        tables = self.folder.read(key)
        log = [LogEntry(**row) for row in tables["log"].to_pylist()]
        for entry in log:
            self.summary.read += 1
            self._log(entry)
        documents = tables["documents"]
        ids = documents["id"].to_pylist() if documents.num_rows else []
        sources = documents["source"].to_pylist() if documents.num_rows else []
        stored = existing_ids(self.store, ids)
        fresh: set[str] = set()
        entries = []
        for doc_id, source in zip(ids, sources, strict=True):
            self.summary.read += 1
            if doc_id in stored or doc_id in self.seen:
                first = self.seen.get(doc_id, "an earlier run")
                entry = LogEntry(source, "duplicate", f"same text as {first} (id {doc_id})", doc_id)
                self._log(entry)
            else:
                self.seen[doc_id] = source
                fresh.add(doc_id)
                entry = LogEntry(source, "ok", None, doc_id)
                self.summary.stored += 1
            entries.append(entry)
        # Each table's rows of the fresh documents (all of them, most often);
        # actors are chosen over the whole batch when it is committed.
        keys = {"documents": "id", "sentences": "doc_id", "actors": "doc_id"}
        keys |= {"mentions": "doc_id", "events": "doc_id", "event_candidates": "doc_id"}
        kept = {
            name: tables[name] if len(fresh) == len(ids) else _keep(tables[name], key, fresh)
            for name, key in keys.items()
        }
        kept["actors"] = kept["actors"].drop_columns(["doc_id"])
        self.pending.append((kept, log + entries))
        self.pending_ids.extend(doc_id for doc_id in ids if doc_id in fresh)
        self.load_s += time.perf_counter() - started
        if len(self.pending_ids) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Commit the queued parts and their share of the map in one transaction."""
        if not self.pending:
            return
        started = time.perf_counter()
        with self.store.transaction():
            for table, rows in _batch_rows(self.pending).items():
                append_rows(self.store, table, _columns(rows))
            log = [entry for _, entries in self.pending for entry in entries]
            self.store.append("ingest_log", log_columns(log, self.summary.run_id))
            update = extend_map(self.store, self.pending_ids, self.knowledge)
        self.summary.map_s += update.elapsed_s
        committed = self.summary.committed + len(self.pending_ids)
        if self.summary.committed // CHECKPOINT_DOCS != committed // CHECKPOINT_DOCS:
            self.store.checkpoint()
            self.store.reconnect()
            limit_connection(self.store)
        self.summary.committed = committed
        self.pending.clear()
        self.pending_ids.clear()
        release_freed_memory()
        self.load_s += time.perf_counter() - started
