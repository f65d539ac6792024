"""Throughput of the local engine against the Ray engine, side by side in one run.

    python bench/scale.py --articles 600 --workers 2 --rounds 2 --ray-modes own,head --json
    python bench/scale.py --articles 600 --workers 2 --skip 1000 --into S1K,S10K

Takes the first N articles of the 2017 news corpus (see bench/corpus.py) as one
JSON Lines file, then for each worker count, alternating, ingests it into a
fresh store with the local engine at that many processes and with the Ray
engine at that many workers, each run a child process timed from the call of
the ingest to its return: what a user waits for. ``--ray-modes`` says which
Ray runs: ``own``, a run that starts its own local Ray instance and stops it
(Ray's start, its actors' start and the single-writer load are all counted),
and ``head``, a run that joins a Ray head started once before the timings
(``ray start --head``), as a user with a cluster would; the head has run one
small job first, so its worker pool is up, as on a cluster in use. Ray's
start is then left out, its actors' start is not.

Each run also reports the CPU seconds its processes spent, by role (driver,
coding processes, Ray's own processes; see process_cpu.py): on a shared
machine wall time follows the share of the CPU a run was left, CPU seconds
the work it did. And, once per worker count and round, what starting and
stopping a local Ray instance alone costs (``ray.init`` as the engine calls
it, then ``ray.shutdown``), the fixed cost of the ``own`` mode.

Then the load-and-map step alone: a fresh store loaded from the parts the last
Ray run wrote (no Ray, no coding), in a process of its own, so its figure
includes that process's start and knowledge. In a Ray run the same step is not
a step after the coding: the driver loads each part, in order, as the parts
before it are done, and commits a batch with its share of the map as the
local engine does, while the actors code. The best round of each configuration is
reported; on a bigger machine pass ``--workers 4,8,16``. With ``--json`` the
last line is one JSON object.

How the single writer's load grows with the store: ``--into STORE,...`` loads
the same parts again into a copy of each store named (e.g. 1k- and 10k-article
stores made by bench/build_store.py), after the fresh one. ``--skip K`` takes
the articles after the first K of the corpus, so that none of them is already
in those stores (build_store.py's base holds the first ``--news`` articles).

A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from process_cpu import TreeCpu, processes  # noqa: E402
from throughput import write_articles  # noqa: E402

SAMPLE_EVERY_S = 0.2
# The Ray engine's coding actors carry this in their process title.
CODING_TITLE = "CodeParts"
HEAD_PORT = "6391"
# Seconds the head's processes get to end after SIGTERM, then after SIGKILL.
STOP_WAIT_S = 5


def run_side(
    engine: str, articles: Path, workers: int, db: Path, parts: Path, address: str | None
) -> dict:
    """One ingest in this process; seconds to the first stored document and in all."""
    from entente.ingest.run import ingest
    from entente.scale import ingest_on_ray
    from entente.settings import Settings

    settings = Settings.load(db=db, workers=workers)
    started = time.perf_counter()
    first: list[float] = []

    def on_progress(summary, entry) -> None:  # noqa: ANN001 - the ingest's callback
        if summary.stored and not first:
            first.append(time.perf_counter() - started)

    if engine == "local":
        summary = ingest([str(articles)], settings, on_progress=on_progress)
    else:
        summary = ingest_on_ray(
            [str(articles)], settings, on_progress=on_progress, address=address, parts=str(parts)
        )
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "first_stored_s": first[0] if first else None,
        "map_s": summary.map_s,
        "stored": summary.stored,
    }


def ray_start_cost(workers: int) -> dict:
    """Seconds to start a local Ray instance as the engine does, and to stop it as it does."""
    from entente.scale.ray_engine import LOOPBACK_ONLY_VARIABLE, _start_ray, _stop_ray

    os.environ.setdefault(LOOPBACK_ONLY_VARIABLE, "0")
    started = time.perf_counter()
    _start_ray(None, workers)
    up = time.perf_counter()
    _stop_ray()
    return {"start_s": up - started, "stop_s": time.perf_counter() - up}


def _negate(n: int) -> int:
    return -n


def warm_head(address: str) -> dict:
    """One small job on the head, so its worker pool is up before the timings."""
    import ray

    ray.init(address=address, log_to_driver=False, logging_level="ERROR")
    ray.get([ray.remote(_negate).remote(n) for n in range(4)])
    ray.shutdown()
    return {}


def measure(
    engine: str,
    articles: Path,
    workers: int,
    workdir: Path,
    parts: Path,
    address: str | None,
    start_from: Path | None = None,
    head_marker: str | None = None,
) -> dict:
    """One ingest in a child process, into a fresh store or a copy of ``start_from``.

    The result holds the CPU seconds of the child's process tree by role, and of
    the head's processes when ``head_marker`` (its temp folder) is given.
    """
    db = workdir / f"{engine}-{workers}.duckdb"
    db.unlink(missing_ok=True)
    if start_from:
        shutil.copyfile(start_from, db)
    out = workdir / "result.json"
    command = [
        sys.executable,
        __file__,
        "--side",
        engine,
        "--articles-file",
        str(articles),
        "--workers",
        str(workers),
        "--db",
        str(db),
        "--parts",
        str(parts),
        "--out",
        str(out),
    ]
    if address:
        command += ["--ray-address", address]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cpu = TreeCpu(child.pid, CODING_TITLE, head_marker)
    while child.poll() is None:
        cpu.sample()
        time.sleep(SAMPLE_EVERY_S)
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, command)
    return {**json.loads(out.read_text()), "cpu_s": cpu.by_role()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument(
        "--ray-modes",
        default="own",
        help="comma-separated: own (each run starts its own Ray), head (runs join a running head)",
    )
    parser.add_argument("--skip", type=int, default=0, help="leave out the first K articles")
    parser.add_argument(
        "--into", default="", help="comma-separated stores to load the parts into as well"
    )
    parser.add_argument("--ray-address", help=argparse.SUPPRESS)
    parser.add_argument(
        "--side", choices=["local", "ray", "load", "ray-start", "warm-head"], help=argparse.SUPPRESS
    )
    parser.add_argument("--articles-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--parts", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    counts = [int(w) for w in str(args.workers).split(",") if w.strip()]
    modes = [m.strip() for m in args.ray_modes.split(",") if m.strip()]
    if not counts or not modes or set(modes) - {"own", "head"}:
        parser.error("--workers needs counts, --ray-modes own and/or head")

    if args.side:  # a child: run one step and write its result
        if args.side == "ray-start":
            result = ray_start_cost(counts[0])
        elif args.side == "warm-head":
            result = warm_head(args.ray_address)
        else:
            engine = "ray" if args.side == "load" else args.side
            result = run_side(
                engine, args.articles_file, counts[0], args.db, args.parts, args.ray_address
            )
        args.out.write_text(json.dumps(result))
        return

    with tempfile.TemporaryDirectory(prefix="entente-scale-") as tmp:
        workdir = Path(tmp)
        head = workdir / "ray"  # the head's temp folder: its processes name it
        address = _start_cluster(max(counts), head, workdir) if "head" in modes else None
        try:
            best, count = _measure_all(args, counts, modes, workdir, address, str(head))
        finally:
            if address:
                _stop_cluster(str(head))
    _report(best, count, counts, modes, args)


def _stop_cluster(head: str) -> None:
    """Stop the head this run started, and only it: its processes name its temp folder.

    ``ray stop`` would stop every Ray process on the machine, other users' too.
    """
    table = processes()
    children: dict[int, list[int]] = {}
    for pid, (parent, _, _) in table.items():
        children.setdefault(parent, []).append(pid)
    stack = [pid for pid, (_, _, command) in table.items() if head in command]
    tree: set[int] = set()
    while stack:
        pid = stack.pop()
        if pid not in tree and pid != os.getpid():
            tree.add(pid)
            stack.extend(children.get(pid, []))
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in tree:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        deadline = time.monotonic() + STOP_WAIT_S
        while time.monotonic() < deadline and any(os.path.exists(f"/proc/{p}") for p in tree):
            time.sleep(0.1)


def _ray_command() -> str:
    return str(Path(sys.executable).with_name("ray"))


def _child(side: str, workdir: Path, workers: int, address: str | None = None) -> dict:
    """A step other than an ingest (``ray-start``, ``warm-head``) in a child process."""
    out = workdir / f"{side}.json"
    command = [sys.executable, __file__, "--side", side, "--workers", str(workers)]
    command += ["--out", str(out)] + (["--ray-address", address] if address else [])
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return json.loads(out.read_text())


def _start_cluster(workers: int, head: Path, workdir: Path) -> str:
    """A Ray head on this machine, as ``ray start --head``, warmed by one small job."""
    # The head, and each run that joins it, on the loopback address only.
    os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"
    # ray start enables token authentication; a driver sends the token only in this mode.
    os.environ["RAY_AUTH_MODE"] = "token"
    subprocess.run(
        [
            _ray_command(),
            "start",
            "--head",
            f"--port={HEAD_PORT}",
            f"--num-cpus={workers + 1}",
            "--node-ip-address=127.0.0.1",
            "--include-dashboard=false",
            "--disable-usage-stats",
            f"--temp-dir={head}",
        ],
        check=True,
        capture_output=True,
    )
    address = f"127.0.0.1:{HEAD_PORT}"
    _child("warm-head", workdir, workers, address)
    return address


def _line(round_no: int, name: str, count: int, result: dict) -> str:
    cpu = result["cpu_s"]
    return (
        f"round {round_no} {name:9} {count} articles in {result['seconds']:.1f} s = "
        f"{count / result['seconds']:.2f} docs/s (first stored at "
        f"{result['first_stored_s'] or 0:.1f} s, map {result['map_s']:.1f} s; CPU s: driver "
        f"{cpu['driver']:.1f}, coding {cpu['coding']:.1f}, Ray's own processes {cpu['ray']:.1f})"
    )


def _keep_best(best: dict[str, dict], name: str, result: dict, key: str = "seconds") -> None:
    if name not in best or result[key] < best[name][key]:
        best[name] = result


def _measure_all(
    args: argparse.Namespace,
    counts: list[int],
    modes: list[str],
    workdir: Path,
    address: str | None,
    head: str,
):
    articles = workdir / "articles.jsonl"
    count = write_articles(args.articles, articles, skip=args.skip)
    parts = workdir / "parts"
    best: dict[str, dict] = {}
    for round_no in range(1, args.rounds + 1):
        for workers in counts:
            runs = [("local", None, None)]
            runs += [("ray", None, None)] if "own" in modes else []
            runs += [("ray-head", address, head)] if "head" in modes else []
            for name, joins, marker in runs:
                shutil.rmtree(parts, ignore_errors=True)
                engine = "local" if name == "local" else "ray"
                result = measure(engine, articles, workers, workdir, parts, joins, None, marker)
                print(_line(round_no, f"{name}-{workers}", count, result), flush=True)
                _keep_best(best, f"{name}-{workers}", result)
            if "own" in modes:
                cost = _child("ray-start", workdir, workers)
                print(
                    f"round {round_no} a local Ray instance for {workers} workers: started in "
                    f"{cost['start_s']:.1f} s, stopped in {cost['stop_s']:.1f} s",
                    flush=True,
                )
                _keep_best(best, f"ray-start-{workers}", cost, "start_s")
        # The single writer alone: the last Ray run's parts into a fresh store.
        load = measure("load", articles, counts[-1], workdir, parts, None)
        print(
            f"round {round_no} load-and-map of {count} articles' parts alone, in a fresh process: "
            f"{load['seconds']:.1f} s (map {load['map_s']:.1f} s)",
            flush=True,
        )
        _keep_best(best, "load", load)
        # The same load into stores that already hold many documents.
        for store in [Path(s) for s in args.into.split(",") if s.strip()]:
            grown = measure("load", articles, counts[-1], workdir, parts, None, store)
            documents = _documents(store)
            print(
                f"round {round_no} load-and-map into a copy of {store.name} "
                f"({documents:,} documents): {grown['seconds']:.1f} s "
                f"(map {grown['map_s']:.1f} s)",
                flush=True,
            )
            _keep_best(best, f"load into {store.name}", {**grown, "documents": documents})
    return best, count


def _cpu_total(result: dict) -> float:
    cpu = result["cpu_s"]
    return cpu["driver"] + cpu["coding"] + cpu["ray"]


def _documents(store: Path) -> int:
    import duckdb

    with duckdb.connect(str(store), read_only=True) as con:
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]


def _report(
    best: dict[str, dict],
    count: int,
    counts: list[int],
    modes: list[str],
    args: argparse.Namespace,
) -> None:
    summary: dict = {
        "articles": count,
        "rounds": args.rounds,
        "ray_modes": modes,
        "machine": f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_and_map_s": round(best["load"]["seconds"], 2),
    }
    for name, result in best.items():
        if name.startswith("load into "):
            summary[f"load_and_map_into_{result['documents']}_docs_s"] = round(result["seconds"], 2)
    for workers in counts:
        local = best[f"local-{workers}"]
        summary[f"local_{workers}_docs_per_s"] = round(count / local["seconds"], 3)
        summary[f"local_{workers}_cpu_s"] = local["cpu_s"]
        for mode, name in (("own", "ray"), ("head", "ray-head")):
            if mode not in modes:
                continue
            ray = best[f"{name}-{workers}"]
            key = name.replace("-", "_")
            summary[f"{key}_{workers}_docs_per_s"] = round(count / ray["seconds"], 3)
            summary[f"{key}_{workers}_first_stored_s"] = round(ray["first_stored_s"] or 0, 2)
            summary[f"{key}_{workers}_cpu_s"] = ray["cpu_s"]
            summary[f"{key}_over_local_{workers}"] = round(local["seconds"] / ray["seconds"], 3)
            # The same ratio in CPU seconds of all the processes of each run: the
            # work each did, which a busy machine's sharing of the CPU leaves as it is.
            summary[f"{key}_over_local_{workers}_cpu"] = round(
                _cpu_total(local) / _cpu_total(ray), 3
            )
            print(
                f"{workers} workers, Ray {'starting its own instance' if mode == 'own' else 'joining a running head'}: "
                f"Ray/local throughput ratio {summary[f'{key}_over_local_{workers}']:.2f}, "
                f"in CPU seconds {summary[f'{key}_over_local_{workers}_cpu']:.2f}"
            )
        if "own" in modes:
            cost = best[f"ray-start-{workers}"]
            summary[f"ray_start_{workers}_s"] = round(cost["start_s"], 2)
            summary[f"ray_stop_{workers}_s"] = round(cost["stop_s"], 2)
    if args.json:
        print(json.dumps(summary))


if __name__ == "__main__":
    main()
