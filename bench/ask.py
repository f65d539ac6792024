"""Latency of ``ask()`` and of the ranked sentence search behind it.

    python bench/ask.py --db /tmp/entente-100k.duckdb [--repeats 5] [--json]
    python bench/ask.py --db /tmp/entente-100k.duckdb --uncollapsed   # search at full size

Build the store with ``bench/build_store.py`` (100,000 articles). The bench
opens it read-only, as ``entente serve`` does (its own cursor, as a request
gets), and times, for each question of ``QUESTIONS`` (written for this bench,
in the issue's forms: who, what, when, how many, did, which sources), taken in
turn ``--repeats`` times:

* ``ask``: ``entente.query.ask.ask(store, question)``, after ``ask.warm()`` and
  one untimed question (the spaCy pipeline and the question words load once
  per process: that first call is reported apart, as ``first_ask_s``);
* ``search``: ``search_sentences(store, question)`` (10 sentences), after the
  index is loaded (or built, when it is missing or stale: ``index_s``);
* ``search_dated``: the same within one year (``--year``; the date mask over
  every sentence row is its extra cost).

Reports p50, p95 and max in milliseconds, and the CPU time of the process for
the same calls (this machine is shared: the wall clock carries other people's
load). Budget (issue 17): ``ask`` under 200 ms p95.

``--uncollapsed``: the bench store repeats a few hundred articles (bench/
build_store.py), so its 2.8 million sentence rows hold only ~13,000 distinct
texts, and the index (one entry per distinct text) is ~200 times smaller than
that of 100,000 real articles. This option indexes every row as its own text
(the same tokens, 2.8 million entries) and times the search over that instead:
the cost a store of distinct articles would have. It builds that index in
memory (minutes, a few GB) and does not save it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from entente.query import retrieval
from entente.query.ask import ask, warm
from entente.store.db import Store

BUDGET_MS = 200.0
PERCENTILE = 95
DEFAULT_REPEATS = 5

# Written before any was run, about actors the bench store's articles name
# (VOA March 2025, the seeds, 2017 news), in the forms the issue lists.
QUESTIONS = [
    "Who supplies drones to Russia?",
    "Who supplies weapons to Ukraine?",
    "Did Russia condemn the attack?",
    "Did Iran attack Israel?",
    "How many missiles did Iran launch at Israel?",
    "When did Russia attack Ukraine?",
    "Which sources say Iran armed Russia?",
    "What did China do in 2017?",
    "Who did the United States sanction?",
    "Did Wagner train Hamas?",
    "Who met Putin?",
    "What did Israel do in Gaza?",
    "Who backs Hamas?",
    "Did North Korea test a missile?",
    "How many troops did Russia send?",
    "Who visited Ukraine in March 2025?",
    "Did Turkey sign an agreement with Syria?",
    "Which sources report that Israel struck Lebanon?",
    "What did the European Union say about Russia?",
    "Who criticized Trump?",
]


def percentile(values: list[float], share: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share / 100 * len(ordered)) - 1))]


def timed(calls: list[Callable[[], Any]]) -> dict[str, Any]:
    """Wall and CPU milliseconds of each call, summarised."""
    wall: list[float] = []
    cpu: list[float] = []
    answers = 0
    for call in calls:
        started, started_cpu = time.perf_counter(), time.process_time()
        result = call()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        # An answer that cites a sentence (ask's "none" answer cites nothing).
        if isinstance(result, dict):
            answers += any(a.get("citations") for a in result.get("answers", []))
        else:
            answers += bool(result)
    return {
        "calls": len(calls),
        "answered": answers,
        "p50_ms": round(statistics.median(wall), 1),
        "p95_ms": round(percentile(wall, PERCENTILE), 1),
        "max_ms": round(max(wall), 1),
        "cpu_p50_ms": round(statistics.median(cpu), 1),
        "cpu_p95_ms": round(percentile(cpu, PERCENTILE), 1),
    }


def uncollapsed_index(store: Store) -> retrieval.SentenceIndex:
    """The store's index with every sentence row its own entry (see --uncollapsed)."""
    import bm25s

    collapsed = retrieval.sentence_index(store)
    rows = len(collapsed.row_doc)
    text_of_row = np.repeat(np.arange(collapsed.texts), np.diff(collapsed.offsets))
    vocab = {i: w for w, i in collapsed.retriever.vocab_dict.items()}
    # The tokens of each distinct text, rebuilt from the collapsed index's matrix.
    matrix = collapsed.retriever.scores
    data_indices, indptr = matrix["indices"], matrix["indptr"]
    words: list[list[str]] = [[] for _ in range(collapsed.texts)]
    for token in range(len(indptr) - 1):
        for text in data_indices[indptr[token] : indptr[token + 1]]:
            words[int(text)].append(vocab[token])
    retriever = bm25s.BM25()
    retriever.index([words[int(t)] or [""] for t in text_of_row], show_progress=False)
    return retrieval.SentenceIndex(
        fingerprint=collapsed.fingerprint,
        retriever=retriever,
        offsets=np.arange(rows + 1, dtype=np.int64),
        row_doc=collapsed.row_doc,
        row_idx=collapsed.row_idx,
        row_start=collapsed.row_start,
        row_end=collapsed.row_end,
        doc_ids=collapsed.doc_ids,
        doc_day=collapsed.doc_day,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=DEFAULT_REPEATS, help="rounds of questions")
    parser.add_argument("--year", default="2024", help="the dated search's year")
    parser.add_argument("--uncollapsed", action="store_true", help="search at full index size")
    parser.add_argument("--no-ask", action="store_true", help="time the search only")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    args = parser.parse_args()

    parent = Store(args.db, read_only=True)
    report: dict[str, Any] = {"db": str(args.db), "questions": len(QUESTIONS)}
    report["sentence_rows"] = parent.fetchone("SELECT count(*) FROM sentences")[0]

    started = time.perf_counter()
    index = retrieval.sentence_index(parent)
    report["index_s"] = round(time.perf_counter() - started, 2)
    report["distinct_texts"] = index.texts
    if args.uncollapsed:
        started = time.perf_counter()
        index = uncollapsed_index(parent)
        report["uncollapsed_index_s"] = round(time.perf_counter() - started, 1)
        key = str(parent.path.resolve())
        retrieval._CACHE[key] = index  # searches below use it (same fingerprint)
        report["index_entries"] = index.texts

    rounds = [q for _ in range(args.repeats) for q in QUESTIONS]
    report["search"] = timed([lambda q=q: retrieval.search_sentences(parent, q) for q in rounds])
    report["search_dated"] = timed(
        [
            lambda q=q: retrieval.search_sentences(parent, q, since=args.year, until=args.year)
            for q in rounds
        ]
    )
    if not args.no_ask:
        started = time.perf_counter()
        warm()
        ask(parent, QUESTIONS[0])
        report["first_ask_s"] = round(time.perf_counter() - started, 2)
        report["ask"] = timed([lambda q=q: ask(parent, q) for q in rounds])
        slowest: dict[str, float] = {}
        for q in QUESTIONS:
            t = time.perf_counter()
            ask(parent, q)
            slowest[q] = round((time.perf_counter() - t) * 1000, 1)
        report["ask_slowest"] = sorted(slowest.items(), key=lambda kv: -kv[1])[:5]
        report["ask_within_budget"] = report["ask"]["p95_ms"] < BUDGET_MS

    for name in ("search", "search_dated", "ask"):
        value = report.get(name)
        if isinstance(value, dict):
            print(
                f"{name:13} p50 {value['p50_ms']:7.1f} ms  p95 {value['p95_ms']:7.1f} ms  "
                f"max {value['max_ms']:7.1f} ms  cpu p95 {value['cpu_p95_ms']:7.1f} ms  "
                f"({value['calls']} calls, {value['answered']} citing a sentence)"
            )
    if args.json:
        print(json.dumps(report))


if __name__ == "__main__":
    main()
