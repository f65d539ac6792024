"""The ingest job: sources to stored, coded documents.

1. expand the paths into files; 2. read each file into raw articles (or
rejections); 3. prepare each article: clean, date, title, language, id;
4. drop duplicates (already stored, or seen earlier in this run) before any
parsing; 5. parse and code the rest in worker processes, in chunks; 6. write
coded documents and their log lines in batches, one transaction each, so a
killed run loses at most the batch in flight and a re-run completes it.

Memory stays flat: files are read lazily (JSON Lines and CSV a line at a time),
at most ``workers * CHUNKS_IN_FLIGHT`` chunks are in the workers' hands at once,
a chunk holds at most ``CHUNK_CHARS`` characters (a worker's peak follows the
text it parses at once, so a corpus's longest articles must not arrive eight
together), the store is reconnected after each checkpoint, and each process
hands the memory it freed back to the system after each chunk or batch.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import itertools
import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult, Pool

from entente.consolidate import extend_map
from entente.consolidate.knowledge import load_map_knowledge
from entente.ingest.prepare import prepare_document
from entente.ingest.readers import ReaderOptions, read_source
from entente.ingest.sources import Sources, find_sources
from entente.nlp.pipeline import PARSE_MAX_CHARS, installed_model
from entente.pipeline import CodedDocument, code_chunk, failed, init_worker
from entente.records import Document, Rejection
from entente.settings import Settings
from entente.store.db import Store
from entente.store.write import LogEntry, existing_ids, new_run_id, write_rows

# Documents a worker parses per task: big enough for nlp.pipe to batch well,
# small enough that the last chunks do not leave one core idle for long.
CHUNK_DOCS = 8
# ... and at most as many characters as the parser takes as one text, so that
# a chunk needs no more memory to parse than one long article (parsed in parts)
# and a worker's peak does not grow with the longest articles a corpus happens
# to hold: the parser's working memory follows the text it parses at once.
CHUNK_CHARS = PARSE_MAX_CHARS
# Tasks queued per worker: keeps every worker busy while the main process
# reads and writes, without reading the whole corpus ahead.
CHUNKS_IN_FLIGHT = 3
# The ingest connection's DuckDB limits. By default DuckDB may cache 80% of RAM
# in table blocks and use a thread (and allocator arenas) per core; during an
# ingest the main process only writes batches and updates the map beside the
# workers that parse, so one thread, and a cache bounded by the store's own
# size (ART indexes, which DuckDB keeps whole, must fit) keep it from growing
# with everything it has read (BENCHMARKS.md, memory).
INGEST_THREADS = 1
INGEST_MEMORY_FLOOR_MB = 256
# DuckDB's allocator keeps up to 128 MB of freed memory for reuse by default;
# the ingest's queries are small, so it hands back more than this.
INGEST_ALLOCATOR_FLUSH_MB = 16
# Documents committed between explicit checkpoints. Until a checkpoint, the rows
# appended and the index entries made since the last one are held in memory
# (DuckDB's IN_MEMORY_TABLE and ART_INDEX), and the map's DELETE + INSERT of
# derived rows adds to them every batch; checkpointing bounds them by this many
# documents instead of by the WAL size. After each checkpoint the store is
# reconnected: the connection's cache of table blocks read by the map update,
# and the memory DuckDB's allocators keep, grow with the store while it lives
# (3,741 articles: 33 MB less at the peak, in the same time).
CHECKPOINT_DOCS = 512


def limit_connection(store: Store) -> None:
    """The ingest connection's limits (above); both engines' single writer sets them."""
    size = store.path.stat().st_size if store.path.exists() else 0
    limit_mb = max(INGEST_MEMORY_FLOOR_MB, 2 * size // 2**20)
    store.execute(f"SET memory_limit = '{limit_mb}MB'")
    store.execute(f"SET threads = {INGEST_THREADS}")
    store.execute(f"SET allocator_flush_threshold = '{INGEST_ALLOCATOR_FLUSH_MB}MB'")


def _load_libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


_LIBC = _load_libc()


def release_freed_memory() -> None:
    """Give the heap memory this process has freed back to the system (glibc only).

    glibc keeps freed blocks in its arenas for reuse, so without this a process's
    resident size stays at the high-water mark of its largest chunk or batch so
    far, and the workers' highs add up. A no-op where there is no ``malloc_trim``.
    """
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _code_chunk(documents: list[Document]) -> list[CodedDocument | Rejection]:
    """``code_chunk``, then the memory the chunk's parse used is released."""
    try:
        return code_chunk(documents)
    finally:
        release_freed_memory()


def _code_chunk_safely(
    chunk: list[Document],
    code: Callable[[list[Document]], list[CodedDocument | Rejection]],
    pool: Pool | None = None,
) -> list[CodedDocument | Rejection]:
    """``code(chunk)``; if that raises (``code_documents`` turns a document's own
    failure into a Rejection, so this is what escaped it: memory, a worker's
    crash), the chunk is coded again a document at a time, so the error costs
    the document that causes it and no other, and is logged with its reason."""
    try:
        return code(chunk)
    except Exception:  # noqa: BLE001 - found again below, per document
        results: list[CodedDocument | Rejection] = []
        for document in chunk:
            try:
                if pool is None:
                    results += _code_chunk([document])
                else:
                    results += pool.apply(_code_chunk, ([document],))
            except Exception as exc:  # noqa: BLE001 - reported per document
                results.append(failed(document, "coding", exc))
        return results


@dataclass(slots=True)
class IngestSummary:
    """What one ingest run did. ``read`` counts inputs: articles and rejected files."""

    run_id: str
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    skipped: int = 0
    errors: int = 0
    elapsed_s: float = 0.0
    map_s: float = 0.0  # of elapsed_s, the time spent updating the map
    committed: int = 0  # documents written to the store so far
    problems: list[LogEntry] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # paths named that matched nothing

    @property
    def docs_per_s(self) -> float:
        return self.stored / self.elapsed_s if self.elapsed_s else 0.0


_COUNTERS = {"duplicate": "duplicates", "skipped": "skipped", "error": "errors"}

ProgressCallback = Callable[[IngestSummary, LogEntry | None], None]


def _prepared(
    sources: Sources, options: ReaderOptions, settings: Settings
) -> Iterator[Document | Rejection]:
    yield from sources.skipped
    for path in sources.files:
        for item in read_source(path, options):
            if isinstance(item, Rejection):
                yield item
            else:
                yield prepare_document(
                    item, min_chars=settings.min_chars, languages=settings.languages
                )


def _chunks(
    items: Iterator[Document | Rejection],
    store: Store,
    summary: IngestSummary,
    seen: dict[str, str],
    on_log: Callable[[LogEntry], None],
) -> Iterator[list[Document]]:
    """Group new documents into chunks, logging rejections and duplicates on the way."""
    pending: list[Document] = []
    pending_chars = 0

    def flush() -> list[Document]:
        nonlocal pending_chars
        pending_chars = 0
        if not pending:
            return []
        stored = existing_ids(store, [d.id for d in pending])
        fresh = []
        for document in pending:
            if document.id in stored or document.id in seen:
                first = seen.get(document.id, "an earlier run")
                on_log(
                    LogEntry(
                        document.source,
                        "duplicate",
                        f"same text as {first} (id {document.id})",
                        document.id,
                    )
                )
            else:
                seen[document.id] = document.source
                fresh.append(document)
        pending.clear()
        return fresh

    for item in items:
        summary.read += 1
        if isinstance(item, Rejection):
            on_log(LogEntry(item.source, item.status, item.reason))
            continue
        if pending and pending_chars + len(item.text) > CHUNK_CHARS:
            fresh = flush()
            if fresh:
                yield fresh
        pending.append(item)
        pending_chars += len(item.text)
        if len(pending) >= CHUNK_DOCS or pending_chars >= CHUNK_CHARS:
            fresh = flush()
            if fresh:
                yield fresh
    fresh = flush()
    if fresh:
        yield fresh


def _leave_interrupt() -> None:
    """A worker ignores Ctrl-C: the main process stops the run and ends the pool
    (each worker printed its own KeyboardInterrupt traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _init_spawned(model: str | None) -> None:
    _leave_interrupt()
    init_worker(model)


@contextlib.contextmanager
def _worker_pool(workers: int, model: str | None) -> Iterator[Pool]:
    """Processes that parse and code chunks.

    Where the platform can fork, the model and knowledge are loaded once here
    and the workers share them copy-on-write, as spaCy's own ``n_process`` does,
    instead of each loading them (a few seconds a worker, at every run).
    Elsewhere each spawned worker loads its own.
    """
    if "fork" in multiprocessing.get_all_start_methods():
        init_worker(model)
        pool = multiprocessing.get_context("fork").Pool(workers, initializer=_leave_interrupt)
    else:
        context = multiprocessing.get_context("spawn")
        pool = context.Pool(workers, initializer=_init_spawned, initargs=(model,))
    with pool:
        yield pool


def ingest(
    paths: list[str],
    settings: Settings,
    options: ReaderOptions | None = None,
    on_progress: ProgressCallback | None = None,
    limit: int | None = None,
) -> IngestSummary:
    """Ingest files, folders and globs into the store named by ``settings.db``.

    Raises SourceNotFound when no path named matches anything (one that
    matches nothing among others is logged and listed in ``missing``), StoreLocked when
    another process writes the store, ModelNotInstalled without a spaCy model.
    Bad inputs never raise: each gets a line in ``ingest_log``. ``limit`` stops
    after that many inputs (articles or rejected files) have been read.
    """
    options = options or ReaderOptions(max_bytes=settings.max_bytes)
    # Fail fast, before opening anything: a path that is not there, or no model
    # (a worker that cannot load one would leave the pool waiting forever).
    sources = find_sources(paths)
    installed_model(settings.model)
    summary = IngestSummary(run_id=new_run_id(), missing=list(sources.missing))
    map_knowledge = load_map_knowledge()
    started = time.perf_counter()
    workers = settings.worker_count
    with contextlib.ExitStack() as stack:
        # The pool is made before the store is opened, so no worker inherits
        # DuckDB's connection.
        pool = stack.enter_context(_worker_pool(workers, settings.model)) if workers > 1 else None
        store = stack.enter_context(Store(settings.db))
        limit_connection(store)
        log: list[LogEntry] = []
        coded: list[CodedDocument] = []

        def on_log(entry: LogEntry) -> None:
            counter = _COUNTERS.get(entry.status)
            if counter:
                setattr(summary, counter, getattr(summary, counter) + 1)
            if entry.status in ("skipped", "error"):
                summary.problems.append(entry)
            log.append(entry)
            if on_progress:
                on_progress(summary, entry)

        def on_coded(results: list[CodedDocument | Rejection]) -> None:
            for result in results:
                if isinstance(result, Rejection):
                    on_log(LogEntry(result.source, result.status, result.reason))
                    continue
                coded.append(result)
                log.append(LogEntry(result.document.source, "ok", None, result.document.id))
                summary.stored += 1
            if len(coded) >= settings.batch_size:
                flush()
            summary.elapsed_s = time.perf_counter() - started
            if on_progress:
                on_progress(summary, None)

        def flush() -> None:
            with store.transaction():
                write_rows(store, coded, log, summary.run_id)
                update = extend_map(store, [c.document.id for c in coded], map_knowledge)
            summary.map_s += update.elapsed_s
            if (
                summary.committed // CHECKPOINT_DOCS
                != (summary.committed + len(coded)) // CHECKPOINT_DOCS
            ):
                store.checkpoint()
                store.reconnect()
                limit_connection(store)
            summary.committed += len(coded)
            coded.clear()
            log.clear()
            release_freed_memory()
            if on_progress:
                on_progress(summary, None)

        items = itertools.islice(_prepared(sources, options, settings), limit)
        chunks = _chunks(items, store, summary, {}, on_log)
        if pool is None:
            init_worker(settings.model)
            for chunk in chunks:
                on_coded(_code_chunk_safely(chunk, _code_chunk))
        else:
            in_flight: deque[tuple[list[Document], AsyncResult]] = deque()

            def collect() -> None:
                chunk, result = in_flight.popleft()
                on_coded(_code_chunk_safely(chunk, lambda _: result.get(), pool))

            for chunk in chunks:
                in_flight.append((chunk, pool.apply_async(_code_chunk, (chunk,))))
                while len(in_flight) >= workers * CHUNKS_IN_FLIGHT:
                    collect()
            while in_flight:
                collect()
        flush()
    summary.elapsed_s = time.perf_counter() - started
    return summary
