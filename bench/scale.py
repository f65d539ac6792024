"""Throughput of the local engine against the Ray engine, side by side in one run.

    python bench/scale.py --articles 600 --workers 1,2 [--rounds 1] [--json]
    python bench/scale.py --articles 600 --workers 2 --skip 1000 --into S1K,S10K

Takes the first N articles of the 2017 news corpus (see bench/corpus.py) as one
JSON Lines file, then for each worker count, alternating, ingests it into a
fresh store with the local engine at that many processes and with the Ray
engine at that many workers (a local Ray instance, started and stopped inside
the timing, so Ray's start, its actors' model loading and the single-writer
load are all counted). With ``--start-cluster`` a Ray head is started once,
before the timings, and each Ray run joins it (``--ray-address``), as a user
with a cluster would: Ray's start is then left out, its actors' start is not.
Each run is a child process. Then the load-and-map step
alone: a fresh store loaded from the parts the last Ray run wrote (no Ray, no
coding). The best round of each configuration is reported; on a bigger machine
pass ``--workers 4,8,16``. With ``--json`` the last line is one JSON object.

How the single writer's load grows with the store: ``--into STORE,...`` loads
the same parts again into a copy of each store named (e.g. 1k- and 10k-article
stores made by bench/build_store.py), after the fresh one. ``--skip K`` takes
the articles after the first K of the corpus, so that none of them is already
in those stores (build_store.py's base holds the first ``--news`` articles).

A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import write_articles  # noqa: E402


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


def measure(
    engine: str,
    articles: Path,
    workers: int,
    workdir: Path,
    parts: Path,
    address: str | None,
    start_from: Path | None = None,
) -> dict:
    """One ingest in a child process, into a fresh store or a copy of ``start_from``."""
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
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return json.loads(out.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument(
        "--start-cluster",
        action="store_true",
        help="start a Ray head before the timings and join it (ray start --head)",
    )
    parser.add_argument("--skip", type=int, default=0, help="leave out the first K articles")
    parser.add_argument(
        "--into", default="", help="comma-separated stores to load the parts into as well"
    )
    parser.add_argument("--ray-address", help=argparse.SUPPRESS)
    parser.add_argument("--side", choices=["local", "ray", "load"], help=argparse.SUPPRESS)
    parser.add_argument("--articles-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--parts", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    counts = [int(w) for w in str(args.workers).split(",") if w.strip()]

    if args.side:  # a child: run one ingest and write its result
        engine = "ray" if args.side == "load" else args.side
        result = run_side(
            engine, args.articles_file, counts[0], args.db, args.parts, args.ray_address
        )
        args.out.write_text(json.dumps(result))
        return

    if args.start_cluster:
        # The head, and each run that joins it, on the loopback address only.
        os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"
        # ray start enables token authentication; a driver sends the token only in this mode.
        os.environ["RAY_AUTH_MODE"] = "token"
    address = _start_cluster(max(counts)) if args.start_cluster else None
    try:
        best, count = _measure_all(args, counts, address)
    finally:
        if address:
            subprocess.run([_ray_command(), "stop"], check=False, capture_output=True)
    _report(best, count, counts, args, address)


def _ray_command() -> str:
    return str(Path(sys.executable).with_name("ray"))


def _start_cluster(workers: int) -> str:
    """A Ray head on this machine, as ``ray start --head``; returns its address."""
    port = "6391"
    subprocess.run(
        [
            _ray_command(),
            "start",
            "--head",
            f"--port={port}",
            f"--num-cpus={workers + 1}",
            "--node-ip-address=127.0.0.1",
            "--include-dashboard=false",
            "--disable-usage-stats",
        ],
        check=True,
        capture_output=True,
    )
    return f"127.0.0.1:{port}"


def _measure_all(args: argparse.Namespace, counts: list[int], address: str | None):
    with tempfile.TemporaryDirectory(prefix="entente-scale-") as tmp:
        workdir = Path(tmp)
        articles = workdir / "articles.jsonl"
        count = write_articles(args.articles, articles, skip=args.skip)
        parts = workdir / "parts"
        best: dict[str, dict] = {}
        for round_no in range(1, args.rounds + 1):
            for workers in counts:
                for engine in ("local", "ray"):
                    shutil.rmtree(parts, ignore_errors=True)
                    result = measure(engine, articles, workers, workdir, parts, address)
                    name = f"{engine}-{workers}"
                    print(
                        f"round {round_no} {engine:5} {workers:2} workers: {count} articles in "
                        f"{result['seconds']:.1f} s = {count / result['seconds']:.2f} docs/s "
                        f"(first stored at {result['first_stored_s'] or 0:.1f} s, "
                        f"map {result['map_s']:.1f} s)",
                        flush=True,
                    )
                    if name not in best or result["seconds"] < best[name]["seconds"]:
                        best[name] = result
            # The single writer alone: the last Ray run's parts into a fresh store.
            load = measure("load", articles, counts[-1], workdir, parts, None)
            print(
                f"round {round_no} load-and-map of {count} articles' parts: "
                f"{load['seconds']:.1f} s (map {load['map_s']:.1f} s)",
                flush=True,
            )
            if "load" not in best or load["seconds"] < best["load"]["seconds"]:
                best["load"] = load
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
                name = f"load into {store.name}"
                if name not in best or grown["seconds"] < best[name]["seconds"]:
                    best[name] = {**grown, "documents": documents}
    return best, count


def _documents(store: Path) -> int:
    import duckdb

    with duckdb.connect(str(store), read_only=True) as con:
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]


def _report(
    best: dict[str, dict],
    count: int,
    counts: list[int],
    args: argparse.Namespace,
    address: str | None,
) -> None:
    summary: dict = {
        "articles": count,
        "rounds": args.rounds,
        "ray": "a running cluster (started before the timings)"
        if address
        else "a local instance started by each run",
        "machine": f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_and_map_s": round(best["load"]["seconds"], 2),
    }
    for name, result in best.items():
        if name.startswith("load into "):
            summary[f"load_and_map_into_{result['documents']}_docs_s"] = round(result["seconds"], 2)
    for workers in counts:
        local, ray = best[f"local-{workers}"], best[f"ray-{workers}"]
        summary[f"local_{workers}_docs_per_s"] = round(count / local["seconds"], 3)
        summary[f"ray_{workers}_docs_per_s"] = round(count / ray["seconds"], 3)
        summary[f"ray_over_local_{workers}"] = round(local["seconds"] / ray["seconds"], 3)
        print(
            f"{workers} workers: Ray/local throughput ratio {summary[f'ray_over_local_{workers}']:.2f}"
        )
    if args.json:
        print(json.dumps(summary))


if __name__ == "__main__":
    main()
