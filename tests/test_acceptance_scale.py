"""Issue 15's "done when": the Ray engine gives the local engine's store, killed or not.

Seeds + VOA through ``entente ingest --engine ray --workers 2`` (a local Ray
instance) and through the local engine must export the same documents, events,
clusters and relations, ids included; a Ray run killed with SIGKILL once a few
parts are written, then started again, must end with the same store, without
coding again the parts it had written.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

pytestmark = [pytest.mark.acceptance, pytest.mark.slow]

# Exports compared between stores; ``ingested_at`` is the wall clock of the run.
KINDS = ("documents", "events", "clusters", "relations")
VARYING_FIELDS = ("ingested_at",)
# Parts written before the run is killed (the corpus makes 13).
PARTS_BEFORE_KILL = 3
KILL_WAIT_S = 600
POLL_S = 0.05
MISSING = "no-such-article.txt"


def _inputs(shared: Path) -> list[str]:
    return [str(shared / "seeds"), str(shared / "corpora" / "voa-2025-03.jsonl")]


def _ingest_command(inputs: list[str], db: Path, *engine: str) -> list[str]:
    return [sys.executable, "-m", "entente", "ingest", *inputs, "--db", str(db), *engine]


def _ray(parts: Path) -> tuple[str, ...]:
    return ("--engine", "ray", "--workers", "2", "--parts", str(parts))


def _run(command: list[str], status: int = 0) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == status, done.stderr[-3000:]


def _export(db: Path, kind: str, folder: Path) -> list[str]:
    """The export's records, without the fields that vary by run, in a fixed order."""
    target = folder / f"{db.stem}-{kind}.jsonl"
    _run([sys.executable, "-m", "entente", "export", kind, "--db", str(db), "-o", str(target)])
    records = []
    for line in target.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for name in VARYING_FIELDS:
            record.pop(name, None)
        records.append(json.dumps(record, sort_keys=True))
    # The export's own order ties some rows (events of one trigger), in no fixed order.
    return sorted(records)


@pytest.fixture(scope="module")
def stores(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("scale")
    dbs = {"ray": folder / "ray.duckdb", "local": folder / "local.duckdb"}
    # A path that names nothing among them: logged and passed over, exit status 1.
    inputs = [*_inputs(shared), str(folder / MISSING)]
    _run(_ingest_command(inputs, dbs["ray"], *_ray(folder / "parts")), status=1)
    _run(_ingest_command(inputs, dbs["local"], "--workers", "2"), status=1)
    return dbs


def test_ray_and_local_engines_export_the_same_store(
    stores: dict[str, Path], tmp_path: Path
) -> None:
    for kind in KINDS:
        ray_records = _export(stores["ray"], kind, tmp_path)
        local_records = _export(stores["local"], kind, tmp_path)
        assert ray_records, kind
        assert ray_records == local_records, kind
    assert len(_export(stores["ray"], "documents", tmp_path)) == 94


def test_both_engines_log_a_path_that_names_nothing(stores: dict[str, Path]) -> None:
    for engine, db in stores.items():
        with duckdb.connect(str(db), read_only=True) as con:
            rows = con.execute(
                "SELECT status FROM ingest_log WHERE source LIKE ?", [f"%{MISSING}"]
            ).fetchall()
        assert rows == [("error",)], engine


def _markers(parts: Path) -> dict[Path, int]:
    return {m: m.stat().st_mtime_ns for m in parts.glob("*/_DONE")}


def test_ray_run_killed_midway_then_rerun_ends_with_the_same_store(
    stores: dict[str, Path], shared: Path, tmp_path: Path
) -> None:
    db, parts = tmp_path / "killed.duckdb", tmp_path / "parts"
    command = _ingest_command(_inputs(shared), db, *_ray(parts))
    errors = tmp_path / "killed.stderr"
    # Its own session: the signals reach the driver and the Ray instance it started.
    with errors.open("wb") as stderr:
        child = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True
        )
    try:
        deadline = time.monotonic() + KILL_WAIT_S
        while len(_markers(parts)) < PARTS_BEFORE_KILL and child.poll() is None:
            assert time.monotonic() < deadline, "no parts written in time"
            time.sleep(POLL_S)
        if child.poll() is None:
            # Stopped at once, the run writes nothing more while the parts are
            # counted and it is killed, however long this process waits for the CPU.
            os.killpg(child.pid, signal.SIGSTOP)
        status = child.poll()
        assert status is None, (
            f"the run ended (status {status}) before it could be killed: "
            f"{errors.read_text(errors='replace')[-2000:]}"
        )
        written = _markers(parts)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()

    _run(command)

    after = _markers(parts)
    assert len(after) > len(written), "the killed run had written every part"
    assert {m: after[m] for m in written} == written, "a part written before the kill was recoded"
    for kind in KINDS:
        assert _export(db, kind, tmp_path) == _export(stores["ray"], kind, tmp_path), kind
