"""The Ray engine: the same stages as ``entente.ingest.run``, on a Ray cluster.

1. The driver lists the inputs as references (``references.list_references``)
   and drops those whose Parquet part is already written (a restarted run).
2. Ray Data reads and cleans each reference (``map_batches`` of a function):
   raw articles, then ``prepare_document``; documents already in the store are
   logged as duplicates and not coded. This step asks for the actors'
   resources, so Ray Data fuses it into step 3: each actor reads the
   references it codes, in the process that already holds the package.
3. A pool of actors (``map_batches`` of a callable class, ``workers`` of them),
   each holding the spaCy pipeline, codes the documents with
   ``pipeline.code_chunk`` and writes the reference's part. The knowledge and
   the language identifier are loaded once, by the driver while Ray starts,
   and reach the actors through Ray's object store.
4. The driver, the store's single writer, loads the parts in the order of the
   references as they complete, deduplicated by document id, and extends the
   map a batch at a time (``parts.PartLoader``).

Ray is an optional dependency (``pip install 'entente[ray]'``): it is imported
here, when the engine runs, and nowhere else.
"""

from __future__ import annotations

import logging
import os
import pickle
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from entente.consolidate.knowledge import load_map_knowledge
from entente.errors import EngineError, EngineNotInstalled
from entente.ingest.metadata import language_model, use_language_model
from entente.ingest.readers import ReaderOptions
from entente.ingest.run import (
    CHUNK_CHARS,
    CHUNK_DOCS,
    IngestSummary,
    ProgressCallback,
    limit_connection,
    release_freed_memory,
)
from entente.ingest.sources import find_sources
from entente.nlp.pipeline import installed_model
from entente.pipeline import CodedDocument, Knowledge, code_chunk, init_worker, load_knowledge
from entente.records import Document, Rejection
from entente.scale.parts import PartFolder, PartLoader
from entente.scale.references import (
    InputRef,
    list_references,
    prepare_reference,
    run_identity,
)
from entente.settings import Settings
from entente.store.db import Store
from entente.store.write import LogEntry, new_run_id

# Logical CPUs a read task asks for: the actors' own, so that Ray Data fuses the
# read step into the actor stage and each actor reads and cleans the references
# it codes. Reading costs a few percent of coding; separate read tasks each
# started a worker process that imported the package (and spaCy) again, which
# on a small machine delayed the first coded part by seconds.
READ_TASK_CPUS = 1
# Parts handed to an actor ahead of the one it codes. Ray Data gives each actor
# its own queue, so at the end one actor may still have this many parts to code
# while the other has none; one part ahead is enough to keep an actor busy (its
# inputs are references, read by the actor itself).
PARTS_IN_FLIGHT = 2

# Ray's switch for multi-node clusters; "0" keeps a node on the loopback address.
LOOPBACK_ONLY_VARIABLE = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"

_STORED: dict[str, frozenset[str]] = {}


def default_parts(db: Path) -> str:
    """Where parts go when ``--parts`` is not given: beside the store."""
    return f"{db}.parts"


def _stored_ids(ref: Any) -> frozenset[str]:
    """The stored ids the driver put in the object store, fetched once per process."""
    import ray

    name = ref.hex()
    if name not in _STORED:
        _STORED.clear()
        _STORED[name] = ray.get(ref)
    return _STORED[name]


def _read_references(
    batch: dict[str, Any], options: ReaderOptions, settings: Settings, stored: Any
) -> dict[str, list]:
    """Ray task: read and clean references into the documents to code."""
    known = _stored_ids(stored[0])
    keys, items = [], []
    for key, payload in zip(batch["key"], batch["ref"], strict=True):
        ref: InputRef = pickle.loads(payload)
        keys.append(key)
        items.append(pickle.dumps(prepare_reference(ref, options, settings, known)))
    return {"key": keys, "items": items}


def _chunks(documents: list[Document]) -> Iterator[list[Document]]:
    """Documents in chunks as the local engine makes them (CHUNK_DOCS, CHUNK_CHARS)."""
    chunk: list[Document] = []
    chars = 0
    for document in documents:
        if chunk and chars + len(document.text) > CHUNK_CHARS:
            yield chunk
            chunk, chars = [], 0
        chunk.append(document)
        chars += len(document.text)
        if len(chunk) >= CHUNK_DOCS or chars >= CHUNK_CHARS:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


class CodeParts:
    """Ray actor: loads the pipeline once, then codes references into parts.

    ``knowledge`` holds one object reference: the driver's ``_actor_knowledge``.
    """

    def __init__(self, model: str | None, parts: str, knowledge: list[Any]) -> None:
        import ray

        loaded, language = ray.get(knowledge[0])
        use_language_model(language)
        init_worker(model, loaded)
        self.folder = PartFolder(parts)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        keys, counts, seconds = [], [], []
        for key, payload in zip(batch["key"], batch["items"], strict=True):
            started = time.perf_counter()
            prepared = pickle.loads(payload)
            log = [item for item in prepared if isinstance(item, LogEntry)]
            coded: list[CodedDocument] = []
            for chunk in _chunks([item for item in prepared if isinstance(item, Document)]):
                try:
                    results = code_chunk(chunk)
                finally:
                    release_freed_memory()
                for result in results:
                    if isinstance(result, Rejection):
                        log.append(LogEntry(result.source, result.status, result.reason))
                    else:
                        coded.append(result)
            self.folder.write(str(key), coded, log)
            keys.append(key)
            counts.append(len(coded))
            seconds.append(time.perf_counter() - started)
        return {"key": keys, "coded": counts, "seconds": seconds}


def _actor_knowledge() -> tuple[Knowledge, tuple]:
    """What every actor needs besides the spaCy pipeline, loaded once by the driver.

    Loading the knowledge from its data files and building the language
    identifier take seconds of CPU a process; unpickling them from Ray's object
    store takes milliseconds, so the driver loads them while Ray starts and
    each actor fetches them.
    """
    return load_knowledge(), language_model()


def _start_ray(address: str | None, workers: int | None) -> int:
    """Join the cluster at ``address``, or start a local instance; returns the actor count.

    Actors default to one per core of this machine for a local instance, and
    to the cluster's CPUs less one (left to the driver) for a cluster. A local
    instance gets one CPU more than its actors, so that the read step still
    runs should Ray Data ever schedule it apart from the actors.
    """
    import ray

    # Ray's own logging goes to its session folder, not over the progress line:
    # its workers' output and Ray Data's notices (progress bars off, execution
    # finished). Failures still reach the user as exceptions (EngineError).
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    common: dict[str, Any] = {"log_to_driver": False, "logging_level": "ERROR"}
    if address:
        ray.init(address=address, **common)
        actors = workers or max(1, int(ray.cluster_resources().get("CPU", 2)) - 1)
    else:
        actors = workers or os.cpu_count() or 1
        # "local": a new instance even where RAY_ADDRESS is set or `ray start`
        # left a cluster running on this machine, which ray.init() with no
        # address would join (and then refuse num_cpus).
        ray.init(address="local", num_cpus=actors + 1, include_dashboard=False, **common)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    return actors


def ingest_on_ray(
    paths: list[str],
    settings: Settings,
    options: ReaderOptions | None = None,
    on_progress: ProgressCallback | None = None,
    address: str | None = None,
    parts: str | None = None,
) -> IngestSummary:
    """Ingest files, folders and globs on Ray into the store named by ``settings.db``.

    With no ``address``, starts a local Ray instance (on the loopback address)
    for ``settings.workers`` actors, one per core by default; with one, joins
    that cluster (actors: the cluster's CPUs less one by default), whose nodes
    must see the inputs at the same paths, and the parts folder. Parts go to
    ``parts`` (``default_parts`` when None). The store is the same as the
    local engine gives for the same inputs.

    Raises EngineNotInstalled without Ray, EngineError when the cluster fails,
    and what the local ``ingest`` raises.
    """
    if not address:
        # A local instance serves this process only: Ray then takes the loopback
        # address as the node's (as it does on macOS and Windows), so nothing it
        # starts listens on, or talks over, the machine's network interfaces.
        os.environ.setdefault(LOOPBACK_ONLY_VARIABLE, "0")
    try:
        import ray
    except ImportError as exc:
        raise EngineNotInstalled("Ray", "ray") from exc
    options = options or ReaderOptions(max_bytes=settings.max_bytes)
    installed_model(settings.model)
    sources = find_sources(paths)
    refs = list_references(paths, options, run_identity(settings, options), sources)
    folder = PartFolder(parts or default_parts(settings.db))
    done = folder.done_keys([r.key for r in refs])
    todo = [r for r in refs if r.key not in done]
    summary = IngestSummary(run_id=new_run_id(), missing=list(sources.missing))
    started = time.perf_counter()

    def on_log(entry: LogEntry) -> None:
        if on_progress:
            on_progress(summary, entry)

    with Store(settings.db) as store:
        limit_connection(store)
        shipped: Future[tuple[Knowledge, tuple]] | None = None
        if todo:
            # The actors' knowledge loads in a thread from here on, beside the
            # rest of the driver's start (importing Ray Data, starting or joining
            # Ray: mostly waiting, or work that lets the thread run), so that the
            # actors, which cannot start without it, start as soon as Ray is up.
            loading = ThreadPoolExecutor(max_workers=1)
            shipped = loading.submit(_actor_knowledge)
            loading.shutdown(wait=False)
        import ray.data

        loader = PartLoader(
            store, folder, summary, load_map_knowledge(), settings.batch_size, on_log
        )
        # Paths passed over (named but matching nothing, special files) are
        # logged first, as the local engine logs them.
        loader.log_rejections(sources.skipped)
        position = 0

        def load_ready() -> None:
            nonlocal position
            while position < len(refs) and refs[position].key in done:
                loader.add(refs[position].key)
                position += 1
            summary.elapsed_s = time.perf_counter() - started
            if on_progress:
                on_progress(summary, None)

        load_ready()
        if shipped is not None:
            stored = [r[0] for r in store.fetchall("SELECT id FROM documents")]
            workers = _start_ray(address, settings.workers)
            finishing: Future[None] | None = None
            try:
                knowledge_ref = ray.put(shipped.result())
                stored_ref = ray.put(frozenset(stored))
                dataset = ray.data.from_items(
                    [{"key": r.key, "ref": pickle.dumps(r)} for r in todo],
                    override_num_blocks=len(todo),
                )
                dataset = dataset.map_batches(
                    _read_references,
                    batch_size=1,
                    num_cpus=READ_TASK_CPUS,
                    fn_kwargs={"options": options, "settings": settings, "stored": [stored_ref]},
                )
                dataset = dataset.map_batches(
                    CodeParts,
                    batch_size=1,
                    num_cpus=1,
                    compute=ray.data.ActorPoolStrategy(
                        size=workers, max_tasks_in_flight_per_actor=PARTS_IN_FLIGHT
                    ),
                    fn_constructor_kwargs={
                        "model": settings.model,
                        "parts": folder.location,
                        "knowledge": [knowledge_ref],
                    },
                )
                for row in dataset.iter_rows():
                    done.add(row["key"])
                    load_ready()
                if position == len(refs):
                    # The last batch commits while Ray stops (which mostly waits
                    # for its processes to end); the store is this thread's alone.
                    closing = ThreadPoolExecutor(max_workers=1)
                    finishing = closing.submit(loader.flush)
                    closing.shutdown(wait=False)
            except ray.exceptions.RayError as exc:
                raise EngineError(f"The Ray engine failed: {type(exc).__name__}: {exc}") from exc
            finally:
                ray.shutdown()
            if finishing is not None:
                finishing.result()
        if position < len(refs):
            raise EngineError(
                f"{len(refs) - position} of {len(refs)} parts were not written to "
                f"{folder.location}; run the same command again to finish them"
            )
        loader.flush()
    summary.elapsed_s = time.perf_counter() - started
    return summary
