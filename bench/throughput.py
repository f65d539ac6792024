"""Throughput of a full ``entente ingest`` against the bare spaCy pipeline.

    python bench/throughput.py --articles 300 --processes 2 [--rounds 2] [--json]

Takes the first N articles of the 2017 news corpus (see bench/corpus.py),
writes them once to a JSON Lines file, then, alternating for ``--rounds``
rounds, times (a) the bare spaCy pipeline over the same texts with the same
model and the same number of processes, and (b) ``entente ingest`` of the file
into a fresh store. Each side runs in a child process whose process tree's
resident memory is sampled, so the peak covers its workers too. The best round
of each side is reported. With ``--json`` the last line is one JSON object.

A benchmark, not a test: CI runs it at a tiny size to keep it working.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import news_2017  # noqa: E402

SAMPLE_EVERY_S = 0.05


def write_articles(count: int, target: Path, skip: int = 0) -> int:
    """``count`` articles of the corpus, after the first ``skip``, as JSON Lines; returns how many."""
    with zipfile.ZipFile(news_2017()) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        with archive.open(name) as raw:
            rows = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))
            written = 0
            with target.open("w", encoding="utf-8") as out:
                for row in itertools.islice(rows, skip, None):
                    if written >= count:
                        break
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                    written += 1
    return written


# -- the two sides, each run in a child process -----------------------------------


def run_baseline(articles: Path, processes: int) -> dict:
    from entente.nlp.pipeline import load_pipeline
    from entente.settings import Settings

    # The model entente's ingest would load (ENTENTE_MODEL or the config file
    # included), so both sides parse with the same pipeline.
    nlp = load_pipeline(Settings.load().model)
    texts = [json.loads(line)["text"] for line in articles.open(encoding="utf-8")]
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=processes, batch_size=16))
    return {"seconds": time.perf_counter() - started, "tokens": tokens}


def run_entente(articles: Path, processes: int, db: Path) -> dict:
    from entente.ingest.run import ingest
    from entente.settings import Settings
    from entente.store.db import Store

    started = time.perf_counter()
    summary = ingest([str(articles)], Settings.load(db=db, workers=processes))
    seconds = time.perf_counter() - started
    with Store(db, read_only=True) as store:
        # Tokens as spaCy counts them are not stored; words of the clean text stand in.
        tokens = store.fetchone("SELECT coalesce(sum(words), 0) FROM documents")[0]
    return {"seconds": seconds, "tokens": int(tokens), "stored": summary.stored}


# -- measuring a child's process tree ---------------------------------------------


def _tree_rss_kb(root: int) -> dict[int, int]:
    """Resident memory (kB) of ``root`` and of each of its descendants, by pid."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/status") as status:
                kb = next((int(f.split()[1]) for f in status if f.startswith("VmRSS:")), 0)
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = kb
    tree: dict[int, int] = {}
    stack = [root]
    while stack:
        pid = stack.pop()
        if pid in rss:
            tree[pid] = rss[pid]
        stack.extend(children.get(pid, []))
    return tree


@dataclass
class TreePeaks:
    """Peaks of one child's process tree: the whole (what ``peak_rss_mb`` reports),
    the child itself, its descendants together, and the largest single descendant.
    Each peak is taken on its own, so whole <= main + workers."""

    whole: int = 0
    main: int = 0
    workers: int = 0
    worker: int = 0
    samples: list[tuple[float, int, int]] = field(default_factory=list)

    def add(self, seconds: float, root: int, tree: dict[int, int]) -> None:
        main = tree.get(root, 0)
        others = [kb for pid, kb in tree.items() if pid != root]
        self.whole = max(self.whole, main + sum(others))
        self.main = max(self.main, main)
        self.workers = max(self.workers, sum(others))
        self.worker = max(self.worker, max(others, default=0))
        self.samples.append((seconds, main, sum(others)))


def measure(
    side: str, articles: Path, processes: int, workdir: Path, trace: Path | None = None
) -> dict:
    """Run one side in a child process; its result plus the peak RSS of its tree
    (and of its parts). ``trace`` gets a CSV line per sample: side, seconds, main
    process MB, workers MB."""
    out = workdir / f"{side}.json"
    command = [
        sys.executable,
        __file__,
        "--side",
        side,
        "--articles-file",
        str(articles),
        "--processes",
        str(processes),
        "--out",
        str(out),
        "--db",
        str(workdir / "bench.duckdb"),
    ]
    (workdir / "bench.duckdb").unlink(missing_ok=True)
    child = subprocess.Popen(command)
    peaks = TreePeaks()
    done = threading.Event()
    started = time.perf_counter()

    def sample() -> None:
        while not done.is_set():
            peaks.add(time.perf_counter() - started, child.pid, _tree_rss_kb(child.pid))
            time.sleep(SAMPLE_EVERY_S)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = child.wait()
    done.set()
    sampler.join()
    if code != 0:
        raise SystemExit(f"the {side} side failed with exit status {code}")
    result = json.loads(out.read_text())
    result["peak_rss_mb"] = _mb(peaks.whole)
    result["peak_main_rss_mb"] = _mb(peaks.main)
    result["peak_workers_rss_mb"] = _mb(peaks.workers)
    result["peak_worker_rss_mb"] = _mb(peaks.worker)
    if trace is not None:
        with trace.open("a", encoding="utf-8") as lines:
            for seconds, main, workers in peaks.samples:
                lines.write(f"{side},{seconds:.2f},{_mb(main)},{_mb(workers)}\n")
    return result


def _mb(kb: int) -> float:
    return round(kb / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument(
        "--trace",
        type=Path,
        help="append each memory sample as CSV (side, seconds, main MB, workers MB) to this file",
    )
    parser.add_argument("--side", choices=["baseline", "entente"], help=argparse.SUPPRESS)
    parser.add_argument("--articles-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.side:  # a child: run one side and write its result
        if args.side == "baseline":
            result = run_baseline(args.articles_file, args.processes)
        else:
            result = run_entente(args.articles_file, args.processes, args.db)
        args.out.write_text(json.dumps(result))
        return

    with tempfile.TemporaryDirectory(prefix="entente-bench-") as tmp:
        workdir = Path(tmp)
        articles = workdir / "articles.jsonl"
        count = write_articles(args.articles, articles)
        best: dict[str, dict] = {}
        for round_no in range(1, args.rounds + 1):
            for side in ("baseline", "entente"):
                result = measure(side, articles, args.processes, workdir, args.trace)
                rate = count / result["seconds"]
                print(
                    f"round {round_no} {side:8} {count} articles in {result['seconds']:.1f} s "
                    f"= {rate:.2f} articles/s, {result['tokens'] / result['seconds']:.0f} tokens/s, "
                    f"peak {result['peak_rss_mb']:.0f} MB (main {result['peak_main_rss_mb']:.0f}, "
                    f"workers {result['peak_workers_rss_mb']:.0f})",
                    flush=True,
                )
                if side not in best or result["seconds"] < best[side]["seconds"]:
                    best[side] = result
    baseline, entente = best["baseline"], best["entente"]
    summary = {
        "articles": count,
        "processes": args.processes,
        "rounds": args.rounds,
        "baseline_docs_per_s": round(count / baseline["seconds"], 3),
        "entente_docs_per_s": round(count / entente["seconds"], 3),
        "baseline_tokens_per_s": round(baseline["tokens"] / baseline["seconds"], 1),
        "entente_words_per_s": round(entente["tokens"] / entente["seconds"], 1),
        "ratio": round(baseline["seconds"] / entente["seconds"], 3),
        "peak_rss_mb": entente["peak_rss_mb"],
        "baseline_peak_rss_mb": baseline["peak_rss_mb"],
        "peak_main_rss_mb": entente["peak_main_rss_mb"],
        "peak_workers_rss_mb": entente["peak_workers_rss_mb"],
        "peak_worker_rss_mb": entente["peak_worker_rss_mb"],
        "baseline_peak_main_rss_mb": baseline["peak_main_rss_mb"],
        "baseline_peak_workers_rss_mb": baseline["peak_workers_rss_mb"],
        "baseline_peak_worker_rss_mb": baseline["peak_worker_rss_mb"],
        "stored": entente.get("stored"),
        "machine": f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    print(f"entente/baseline throughput ratio: {summary['ratio']:.2f}")
    if args.json:
        print(json.dumps(summary))


if __name__ == "__main__":
    main()
