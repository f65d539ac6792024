"""The Ray engine's parts that need no Ray: references, Parquet parts, the single writer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from entente.consolidate.knowledge import load_map_knowledge
from entente.errors import EngineNotInstalled
from entente.ingest.readers import ReaderOptions, read_source
from entente.ingest.run import CHUNK_DOCS, IngestSummary
from entente.pipeline import CodedDocument
from entente.records import Document, PublicationDate, Sentence
from entente.scale import references
from entente.scale.parts import PartFolder, PartLoader
from entente.scale.references import list_references, read_reference
from entente.settings import Settings
from entente.store.db import SCHEMA_VERSION, Store
from entente.store.write import LogEntry

OPTIONS = ReaderOptions()


def _jsonl(path: Path, records: int) -> Path:
    lines = []
    for n in range(records):
        lines.append(json.dumps({"title": f"Story {n}", "text": f"Envoys met for talks, day {n}."}))
        if n % 5 == 2:
            lines.append("")  # blank lines are skipped but still numbered
        if n == 11:
            lines.append("{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_references_jsonl_cut_into_spans_read_as_the_whole_file(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "wire.jsonl", 3 * CHUNK_DOCS + 3)
    refs = list_references([str(path)], OPTIONS, "id")
    assert len(refs) == 4
    assert [r.expected for r in refs] == [CHUNK_DOCS] * 3 + [4]
    parts = [(i.source, type(i).__name__) for r in refs for i in read_reference(r, OPTIONS)]
    whole = [(i.source, type(i).__name__) for i in read_source(path, OPTIONS)]
    assert parts == whole
    assert ("wire.jsonl#15", "Rejection") in [(Path(s).name, k) for s, k in parts]


def test_references_small_files_share_one_and_keep_the_named_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"Iran and Russia signed a deal, number {n}. " * 10)
    monkeypatch.chdir(tmp_path)
    refs = list_references(["seeds"], OPTIONS, "id")
    assert len(refs) == 1
    assert [i.source for i in read_reference(refs[0], OPTIONS)] == [
        f"seeds/{n}.txt" for n in range(3)
    ]


def test_references_key_stable_until_the_file_or_settings_change(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Iran and Russia signed a deal. " * 10)
    first = list_references([str(path)], OPTIONS, "id")[0].key
    assert list_references([str(path)], OPTIONS, "id")[0].key == first
    assert list_references([str(path)], OPTIONS, "other model")[0].key != first
    path.write_text("Iran and Russia signed two deals. " * 10)
    assert list_references([str(path)], OPTIONS, "id")[0].key != first


def test_parts_of_an_older_store_layout_are_coded_again_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A part holds one Parquet file per table of the store: a run resumed after an
    # upgrade that added a table (as 007 added event_candidates) must not read the
    # old parts, which lack it, so the store's schema is part of the run identity.
    path = tmp_path / "a.txt"
    path.write_text("Iran and Russia signed a deal. " * 10)
    settings = Settings(db=tmp_path / "s.duckdb")
    identity = references.run_identity(settings, OPTIONS)
    assert json.loads(identity)["schema"] == SCHEMA_VERSION
    monkeypatch.setattr(references, "SCHEMA_VERSION", SCHEMA_VERSION - 1)
    older = references.run_identity(settings, OPTIONS)
    assert older != identity
    keys = {list_references([str(path)], OPTIONS, i)[0].key for i in (identity, older)}
    assert len(keys) == 2


def _coded(doc_id: str, source: str) -> CodedDocument:
    text = f"Iran thanked Russia. Russia agreed. {doc_id}"
    document = Document(
        id=doc_id, source=source, text=text, published=PublicationDate("2024-04", "month")
    )
    return CodedDocument(document, [Sentence(doc_id, 0, 0, 20), Sentence(doc_id, 1, 21, len(text))])


def test_part_folder_part_done_only_with_its_marker(tmp_path: Path) -> None:
    folder = PartFolder(str(tmp_path / "parts"))
    folder.write("k1", [_coded("d1", "a.txt")], [LogEntry("b.txt", "skipped", "too short")])
    assert folder.done_keys(["k1", "k2"]) == {"k1"}
    (tmp_path / "parts" / "k1" / "_DONE").unlink()
    assert folder.done_keys(["k1"]) == set()
    tables = folder.read("k1")
    assert tables["documents"]["id"].to_pylist() == ["d1"]
    assert tables["log"]["reason"].to_pylist() == ["too short"]


def test_part_loader_keeps_the_first_of_each_document_in_reference_order(tmp_path: Path) -> None:
    folder = PartFolder(str(tmp_path / "parts"))
    folder.write("k1", [_coded("d1", "a.txt"), _coded("d2", "b.txt")], [])
    folder.write("k2", [_coded("d2", "copy-of-b.txt"), _coded("d3", "c.txt")], [])
    summary = IngestSummary(run_id="r1")
    logged: list[LogEntry] = []
    with Store(tmp_path / "s.duckdb") as store:
        loader = PartLoader(store, folder, summary, load_map_knowledge(), 2, logged.append)
        loader.add("k1")
        loader.add("k2")
        loader.flush()
        rows = store.fetchall("SELECT id, source FROM documents ORDER BY id")
        sentences = store.fetchone("SELECT count(*) FROM sentences")[0]
    assert rows == [("d1", "a.txt"), ("d2", "b.txt"), ("d3", "c.txt")]
    assert sentences == 6
    assert (summary.read, summary.stored, summary.duplicates) == (4, 3, 1)
    assert [(e.source, e.reason) for e in logged] == [
        ("copy-of-b.txt", "same text as b.txt (id d2)")
    ]


def test_local_engine_imports_no_ray() -> None:
    code = (
        "import sys, entente.cli, entente.ingest.run, entente.scale.parts, "
        "entente.scale.references; sys.exit('ray' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], env=os.environ).returncode == 0


def test_ray_engine_without_ray_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from entente.scale import ingest_on_ray

    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now raises ImportError
    (tmp_path / "a.txt").write_text("Iran and Russia signed a deal. " * 10)
    with pytest.raises(EngineNotInstalled, match=r"entente\[ray\]"):
        ingest_on_ray([str(tmp_path / "a.txt")], Settings.load(db=tmp_path / "s.duckdb"))


def test_cli_ray_options_without_the_ray_engine_exit_1_saying_so(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from entente.cli import main

    (tmp_path / "a.txt").write_text("Iran and Russia signed a deal. " * 10)
    result = CliRunner().invoke(
        main,
        ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "s.duckdb"), "--parts", "p"],
    )
    assert result.exit_code == 1
    assert "--parts go with --engine ray" in result.output


def test_ray_engine_with_no_address_starts_its_own_instance_whatever_ray_address_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """RAY_ADDRESS (or a cluster `ray start` left running) would make ray.init()
    join that cluster and refuse num_cpus; with no --ray-address the engine starts
    a local instance of its own."""
    import ray

    from entente.scale.ray_engine import LOOPBACK_ONLY_VARIABLE, _start_ray

    monkeypatch.setenv("RAY_ADDRESS", "127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv(LOOPBACK_ONLY_VARIABLE, "0")
    try:
        assert _start_ray(None, 1) == 1
        assert ray.cluster_resources()["CPU"] == 1  # a CPU for its one actor
    finally:
        ray.shutdown()


def test_its_own_instance_runs_without_the_autoscaler_monitor_and_the_log_monitor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Neither serves a local instance for one run: Ray does not start them, the
    parameters of later ray.init calls are Ray's own again, and the instance still
    runs tasks."""
    import ray

    from entente.scale.ray_engine import IDLE_DAEMONS, LOOPBACK_ONLY_VARIABLE, _start_ray

    monkeypatch.setenv(LOOPBACK_ONLY_VARIABLE, "0")
    original = ray._private.parameter.RayParams.__init__
    _start_ray(None, 1)
    try:
        processes = ray._private.worker._global_node.all_processes
        assert [kind for kind in IDLE_DAEMONS if processes.get(kind)] == []
        assert ray._private.parameter.RayParams.__init__ is original
        assert ray._private.parameter.RayParams().include_log_monitor is None
        # A task on a worker (a function it can import by name).
        assert ray.get(ray.remote(json.dumps).remote([32])) == "[32]"
    finally:
        ray.shutdown()


def test_where_ray_starts_the_monitors_anyway_they_are_killed_before_ray_shutdown_waits_for_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where Ray's parameters cannot be set (another Ray release), the two daemons
    start; the engine kills them once Ray is up. Otherwise ray.shutdown() would send
    the autoscaler monitor SIGTERM after the GCS is gone and wait a second for it."""
    import contextlib
    import signal

    import ray

    from entente.scale import ray_engine
    from entente.scale.ray_engine import (
        LOOPBACK_ONLY_VARIABLE,
        MONITOR_PROCESS,
        _start_ray,
        _stop_ray,
    )

    monkeypatch.setenv(LOOPBACK_ONLY_VARIABLE, "0")
    monkeypatch.setattr(ray_engine, "_without_idle_daemons", contextlib.nullcontext)
    _start_ray(None, 1)
    node = ray._private.worker._global_node
    monitor = node.all_processes[MONITOR_PROCESS][0].process
    started = [info.process for infos in node.all_processes.values() for info in infos]
    seen_by_shutdown: list[int | None] = []
    shutdown = ray.shutdown

    def record_then_shut_down() -> None:
        seen_by_shutdown.append(monitor.poll())
        shutdown()

    monkeypatch.setattr(ray, "shutdown", record_then_shut_down)
    try:
        _stop_ray()
    finally:
        if ray.is_initialized():
            shutdown()
    assert seen_by_shutdown == [-signal.SIGKILL]
    assert all(process.poll() is not None for process in started)
