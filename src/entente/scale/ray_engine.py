"""The Ray engine: the same stages as ``entente.ingest.run``, on a Ray cluster.

1. The driver lists the inputs as references (``references.list_references``)
   and drops those whose Parquet part is already written (a restarted run).
2. It starts or joins Ray and at once creates a pool of ``workers`` actors
   (``CodeParts``, plain Ray actors); each loads the spaCy pipeline while the
   driver opens the store and loads the knowledge and the language
   identifier, which then reach every actor once through Ray's object store.
3. Each actor reads and cleans the references it is given (raw articles, then
   ``prepare_document``; documents already in the store are logged as
   duplicates and not coded), codes the documents with ``pipeline.code_chunk``
   and writes the reference's part. The driver keeps ``PARTS_IN_FLIGHT``
   references queued on each actor and hands the next to whichever finishes.
4. The driver, the store's single writer, loads the parts in the order of the
   references as they complete, deduplicated by document id, and extends the
   map a batch at a time (``parts.PartLoader``).

The engine is plain Ray actors, not Ray Data (which DESIGN.md and issue 15
first named), decided on measurement. Ray Data starts three helper actors of
its own (statistics, actor locations, autoscaling), each a fresh process
importing Ray Data, runs an executor thread in the driver for as long as the
run lasts, and has every actor import Ray Data too; no ``DataContext`` or
``ray.init`` setting removes them. With this engine's start, stop and loading,
a Ray Data pipeline (``map_batches``, a callable class, a pool of 2 actors)
spent 14-17 CPU seconds more than these actors on 600 articles: a CPU ratio to
the local engine of 0.70-0.76 against the actors' 0.83-0.88, the bar being 0.9
(BENCHMARKS.md, "Scaling out", sessions 10 and 11).

Ray is an optional dependency (``pip install 'entente[ray]'``): it is imported
here, when the engine runs, and nowhere else.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import time
from collections.abc import Callable, Iterator
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

# References queued on an actor, the one it codes included. Each actor has its
# own queue, so at the end one actor may still have this many to code while the
# other has none; two keep an actor busy while the driver hands it the next.
PARTS_IN_FLIGHT = 2

# Ray's switch for multi-node clusters; "0" keeps a node on the loopback address.
LOOPBACK_ONLY_VARIABLE = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"
# Ray's names for the autoscaler monitor and the log monitor among the processes
# a node starts. A local instance for one run needs neither (below).
MONITOR_PROCESS = "monitor"
LOG_MONITOR_PROCESS = "log_monitor"
IDLE_DAEMONS = (MONITOR_PROCESS, LOG_MONITOR_PROCESS)


def default_parts(db: Path) -> str:
    """Where parts go when ``--parts`` is not given: beside the store."""
    return f"{db}.parts"


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
    """Ray actor: loads the spaCy pipeline when created, then codes references into parts.

    ``setup`` hands it the rest, once: what ``_actor_knowledge`` loaded in the
    driver, the ids already stored and the reading settings. It comes after
    the actor is created, so that loading the pipeline (most of an actor's
    start) overlaps the driver's own start; Ray runs an actor's calls in the
    order they were made, so ``setup`` runs before any ``code``.
    """

    def __init__(self, model: str | None, parts: str) -> None:
        from entente.nlp.pipeline import load_pipeline

        self.model = model
        load_pipeline(model)  # cached per process: init_worker finds it loaded
        self.folder = PartFolder(parts)
        self.reading: tuple[ReaderOptions, Settings, frozenset[str]] | None = None
        # Nobody waits for setup's result: its failure is told by every code call.
        self.failure = "setup was not called"

    def setup(self, shipped: list[Any], options: ReaderOptions, settings: Settings) -> None:
        """``shipped``: object references to ``_actor_knowledge()`` and the stored ids.

        In a list, so that Ray passes the references as they are and the actor
        fetches them here: a bare reference would be awaited before the call.
        """
        import ray

        try:
            (knowledge, language), stored = ray.get(shipped)
            use_language_model(language)
            init_worker(self.model, knowledge)
        except Exception as exc:
            self.failure = f"setup failed: {type(exc).__name__}: {exc}"
            raise
        self.reading = (options, settings, stored)

    def code(self, ref: InputRef) -> str:
        """Read, clean and code one reference and write its part; returns its key."""
        if self.reading is None:
            raise RuntimeError(f"an actor cannot code: {self.failure}")
        options, settings, stored = self.reading
        prepared = prepare_reference(ref, options, settings, stored)
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
        self.folder.write(ref.key, coded, log)
        return ref.key


def _actor_knowledge() -> tuple[Knowledge, tuple]:
    """What every actor needs besides the spaCy pipeline, loaded once by the driver.

    Loading the knowledge from its data files and building the language
    identifier take seconds of CPU a process; unpickling them from Ray's object
    store takes milliseconds, so the driver loads them while Ray starts and
    each actor fetches them.
    """
    return load_knowledge(), language_model()


def _import_ray() -> Any:
    """Ray, or EngineNotInstalled where it is found but cannot be imported."""
    try:
        import ray
    except ImportError as exc:
        raise EngineNotInstalled("Ray", "ray") from exc
    return ray


def _start_ray(address: str | None, workers: int | None) -> int:
    """Join the cluster at ``address``, or start a local instance; returns the actor count.

    Actors default to one per core of this machine for a local instance, and
    to the cluster's CPUs less one (left to the driver) for a cluster. The
    driver is no Ray task, so a local instance gets a CPU for each actor only.
    """
    import ray

    # Ray's own logging goes to its session folder, not over the progress line;
    # failures still reach the user as exceptions (EngineError).
    common: dict[str, Any] = {"log_to_driver": False, "logging_level": "ERROR"}
    if address:
        ray.init(address=address, **common)
        return workers or max(1, int(ray.cluster_resources().get("CPU", 2)) - 1)
    actors = workers or os.cpu_count() or 1
    # "local": a new instance even where RAY_ADDRESS is set or `ray start` left
    # a cluster running on this machine, which ray.init() with no address would
    # join (and then refuse num_cpus).
    with _without_idle_daemons():
        ray.init(address="local", num_cpus=actors, include_dashboard=False, **common)
    _end_own_daemons(IDLE_DAEMONS)
    return actors


@contextlib.contextmanager
def _without_idle_daemons() -> Iterator[None]:
    """While it lasts, a local instance Ray starts leaves out the idle daemons (below).

    ``ray start`` has settings for them (``--include-log-monitor``, and
    ``--no-monitor``, which Ray hides), and both are Ray's own, supported ways to
    run a node; ``ray.init`` takes neither, so this sets them on the parameters
    ``ray.init`` builds, ``RayParams`` (Ray's private class). Each of the two
    costs about 0.45 CPU-s to start, taken on 2 cores from the actors' own start:
    leaving both out took 0.85-1.0 CPU-s off Ray's processes and about a second
    off ``ray.init`` (busy machine, session 12). Where a Ray release has no such
    class this does nothing, and ``_end_own_daemons`` ends them once started.
    """
    import ray

    params = getattr(getattr(getattr(ray, "_private", None), "parameter", None), "RayParams", None)
    original = getattr(params, "__init__", None)
    if params is None or original is None:
        yield
        return

    def without_them(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.no_monitor = True
        self.include_log_monitor = False

    params.__init__ = without_them
    try:
        yield
    finally:
        params.__init__ = original


def _end_own_daemons(kinds: tuple[str, ...]) -> None:
    """Kill the processes of these kinds that this process's own Ray instance started.

    Two of a local instance's daemons do nothing for a run that has the machine
    to itself, yet each wakes up a few times a second: the autoscaler monitor
    (it scales a cluster, which this instance never is) and the log monitor (it
    sends the actors' output to the driver, which ``log_to_driver=False`` turns
    away; failures still come back as exceptions). On 2 cores every CPU second
    they spend is taken from the coding: together 0.22-0.28 CPU-s per 30 s of a
    run (measured, session 12). ``_without_idle_daemons`` keeps Ray from starting
    them; where it could not, they are killed here once ``ray.init`` returns
    (``ray.shutdown`` passes over processes already ended).

    ``_global_node`` is Ray's own (private) handle on the processes it started:
    where a Ray release lacks it, nothing is killed. A driver that joined a
    cluster started no processes, so nothing of a cluster is touched.
    """
    import ray

    node = getattr(getattr(ray, "_private", None), "worker", None)
    node = getattr(node, "_global_node", None)
    processes = getattr(node, "all_processes", None) or {}
    for kind in kinds:
        for info in processes.get(kind, []):
            process = getattr(info, "process", None)
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()


def _stop_ray() -> None:
    """Stop Ray; for a local instance this process started, end its autoscaler monitor first.

    ``ray.shutdown()`` ends the raylet and the GCS, then sends the monitor
    SIGTERM; the monitor's handler then tries to report its end to the GCS that
    is gone, and shutdown waits a second for it before SIGKILL (1.0 of its
    1.1-1.4 s, every run). The engine's own instance has ended it already
    (``_start_ray``); this makes sure, so a stop never waits for it.
    """
    import ray

    _end_own_daemons(IDLE_DAEMONS)
    ray.shutdown()


def _code_on_actors(
    actors: list[Any], todo: list[InputRef], on_part: Callable[[str], None]
) -> None:
    """Have the actors code ``todo``, calling ``on_part`` with each key as its part is written.

    Each actor holds up to ``PARTS_IN_FLIGHT`` references; the next goes to
    whichever actor finishes one, so a slow reference holds back no other.
    """
    import ray

    waiting = iter(todo)
    pending: dict[Any, Any] = {}

    def hand(actor: Any) -> None:
        ref = next(waiting, None)
        if ref is not None:
            pending[actor.code.remote(ref)] = actor

    for _ in range(PARTS_IN_FLIGHT):
        for actor in actors:
            hand(actor)
    while pending:
        ready, _ = ray.wait(list(pending), num_returns=1)
        actor = pending.pop(ready[0])
        key = ray.get(ready[0])
        hand(actor)
        on_part(key)


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
    # Ray is imported once the knowledge is loading (below); here only found.
    if importlib.util.find_spec("ray") is None:
        raise EngineNotInstalled("Ray", "ray")
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

    shipped: Future[tuple[Knowledge, tuple]] | None = None
    actors: list[Any] = []
    ray: Any = None
    try:
        if todo:
            # Ray starts first, the actors at once: starting Ray is mostly waiting
            # for its processes, and an actor's start (importing entente and
            # spaCy, loading the model) is most of the time to the first part.
            # Meanwhile the knowledge loads in a thread, and the driver opens
            # the store and loads the map's knowledge. The thread starts before
            # Ray is imported (0.3-0.4 CPU-s), so that the import has the other
            # core's company instead of leaving it idle.
            loading = ThreadPoolExecutor(max_workers=1)
            shipped = loading.submit(_actor_knowledge)
            loading.shutdown(wait=False)
            ray = _import_ray()
            workers = _start_ray(address, settings.workers)
            coder = ray.remote(num_cpus=1)(CodeParts)
            actors = [coder.remote(settings.model, folder.location) for _ in range(workers)]
        with Store(settings.db) as store:
            limit_connection(store)
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

            def on_part(key: str) -> None:
                done.add(key)
                load_ready()

            load_ready()
            if shipped is not None:
                stored = frozenset(r[0] for r in store.fetchall("SELECT id FROM documents"))
                shipping = [ray.put(shipped.result()), ray.put(stored)]
                for actor in actors:
                    actor.setup.remote(shipping, options, settings)
                _code_on_actors(actors, todo, on_part)
                if position == len(refs):
                    # The last batch commits while Ray stops (which mostly waits
                    # for its processes to end); the store is this thread's alone.
                    closing = ThreadPoolExecutor(max_workers=1)
                    finishing = closing.submit(loader.flush)
                    closing.shutdown(wait=False)
                    _stop_ray()
                    finishing.result()
            if position < len(refs):
                raise EngineError(
                    f"{len(refs) - position} of {len(refs)} parts were not written to "
                    f"{folder.location}; run the same command again to finish them"
                )
            loader.flush()
    except Exception as exc:
        if ray is not None and isinstance(exc, ray.exceptions.RayError):
            raise EngineError(f"The Ray engine failed: {type(exc).__name__}: {exc}") from exc
        raise
    finally:
        if ray is not None and ray.is_initialized():
            _stop_ray()
    summary.elapsed_s = time.perf_counter() - started
    return summary
