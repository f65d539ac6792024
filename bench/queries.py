"""Latency of the queries behind ``entente events``, ``dyad`` and ``map``.

    python bench/queries.py --db /tmp/entente-100k.duckdb [--repeats 50] [--json]

Build the store with ``bench/build_store.py`` (100,000 articles). The
benchmark opens it read-only, as the CLI does, and times the library
functions the commands call, each over ``--repeats`` parameter sets drawn at
random (``--seed``) from the store itself: actor codes and ids that events
name, (actor, type) pairs that occur, month ranges within the events' dates,
certainties, dyad pairs that have a series and one month of each, relation
kinds.

Two passes per query kind:

* **warm**: every call on one open connection (the web UI's case);
* **cold**: a fresh read-only ``Store`` for each call, timing the query only
  (each CLI command is a new process: its first query finds DuckDB's buffers
  empty). The open itself is timed as its own kind, ``open``.

Reports p50, p95 and max in milliseconds per kind, and whether each p95 is
within the budget (DESIGN.md: under 100 ms at 100,000 articles). With
``--json`` the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from entente import query, vocabulary
from entente.consolidate.actors import resolve_node
from entente.consolidate.knowledge import load_map_knowledge
from entente.errors import NotFoundError
from entente.store.db import Store

BUDGET_MS = 100.0
DEFAULT_REPEATS = 50
COLD_SHARE = 5  # the cold pass runs repeats // COLD_SHARE calls per kind
MIN_COLD = 5
POOL_SIZE = 200  # parameter values drawn from the store, per pool
PERCENTILE = 95
DYAD_LIST = 30  # events `entente dyad` lists under the series (its --limit default)
DYAD_API_MAX = 1000  # the most clusters /api/dyad/events returns (its limit's bound)

Call = Callable[[Store], Any]


def _column(store: Store, sql: str, params: list[Any] | None = None) -> list[Any]:
    return [row[0] if len(row) == 1 else row for row in store.fetchall(sql, params)]


def parameter_pools(store: Store) -> dict[str, list[Any]]:
    """Values that occur in the store, most frequent first, for the query parameters."""
    top = f"ORDER BY count(*) DESC LIMIT {POOL_SIZE}"
    return {
        "countries": _column(
            store,
            "SELECT c FROM (SELECT unnest(actor_countries) AS c FROM events) "
            f"WHERE c IS NOT NULL GROUP BY c {top}",
        ),
        "actor_ids": _column(
            store,
            "SELECT a FROM (SELECT unnest(actor_ids) AS a FROM events) "
            f"WHERE a IS NOT NULL GROUP BY a {top}",
        ),
        "actor_types": _column(
            store,
            "SELECT c, type FROM (SELECT unnest(actor_countries) AS c, type FROM events) "
            f"WHERE c IS NOT NULL GROUP BY c, type {top}",
        ),
        "months": _column(
            store,
            "SELECT DISTINCT strftime(date_first, '%Y-%m') FROM events "
            "WHERE date_first IS NOT NULL ORDER BY 1",
        ),
        "certainties": _column(store, "SELECT DISTINCT certainty FROM events ORDER BY 1"),
        "pairs": dyad_pairs(store),
    }


def dyad_pairs(store: Store) -> list[tuple[str, str]]:
    """The pairs with the longest series, as ``entente dyad`` names them.

    Every node resolves to itself, ``x-`` nodes made from a name included
    (``resolve_node``); a pair that does not is counted and left out.
    """
    knowledge = load_map_knowledge()
    pairs, unnamed = [], 0
    for source, target in store.fetchall(
        "SELECT source, target FROM dyad_periods WHERE source < target GROUP BY ALL "
        "ORDER BY sum(events) DESC, source, target"
    ):
        try:
            if all(resolve_node(store, n, knowledge) == n for n in (source, target)):
                pairs.append((source, target))
        except NotFoundError:
            unnamed += 1
        if len(pairs) == POOL_SIZE:
            break
    if unnamed:
        print(f"left out {unnamed} dyad pairs with a node no actor row names", flush=True)
    return pairs


def _month_of_pair(store: Store, pair: tuple[str, str], rng: random.Random) -> str | None:
    months = _column(
        store,
        "SELECT period FROM dyad_periods WHERE source = ? AND target = ? AND precision = 'month'",
        list(pair),
    )
    return rng.choice(months) if months else None


def make_calls(store: Store, rng: random.Random, repeats: int) -> dict[str, list[Call]]:
    """``repeats`` calls per query kind, each with its own parameters."""
    pools = parameter_pools(store)
    calls: dict[str, list[Call]] = {}

    def add(kind: str, make: Callable[[], Call]) -> None:
        calls[kind] = [make() for _ in range(repeats)]

    def events(actor: str | None = None, **filters: Any) -> Call:
        # What ``entente events`` runs: the shared filters, then a page of 50.
        return lambda s: query.event_page(
            s, query.event_filters(**filters), actor=actor, count=False
        )

    def date_range() -> Call:
        months = pools["months"]
        start = rng.randrange(len(months))
        end = min(len(months) - 1, start + rng.randrange(1, 13))
        return events(since=months[start], until=months[end])

    def actor_type() -> Call:
        country, type_ = rng.choice(pools["actor_types"])
        return events(actor=country, types=type_)

    def dyad_month() -> Call:
        pair = rng.choice(pools["pairs"])
        month = _month_of_pair(store, pair, rng)
        return lambda s: query.dyad_events(s, *pair, month=month)

    def dyad() -> Call:
        pair = rng.choice(pools["pairs"])
        return lambda s: query.dyad_series(s, *pair)

    def dyad_command() -> Call:
        # What ``entente dyad A B`` runs: the series, then the newest events under it.
        pair = rng.choice(pools["pairs"])
        return lambda s: (
            query.dyad_series(s, *pair),
            query.dyad_events(s, *pair, limit=DYAD_LIST),
        )

    def dyad_all() -> Call:
        pair = rng.choice(pools["pairs"])
        return lambda s: query.dyad_events(s, *pair, limit=DYAD_API_MAX)

    def relations_kind() -> Call:
        kind = rng.choice(vocabulary.relation_kinds())
        return lambda s: query.strongest_relations(s, kind=kind)

    add("events", lambda: events())
    add("events --actor CODE", lambda: events(actor=rng.choice(pools["countries"])))
    add("events --actor ID", lambda: events(actor=rng.choice(pools["actor_ids"])))
    add("events --actor --type", actor_type)
    add("events --since --until", date_range)
    add("events --certainty", lambda: events(certainty=rng.choice(pools["certainties"])))
    add("dyad (series)", dyad)
    add("dyad --month (events)", dyad_month)
    add("dyad (command)", dyad_command)
    add("dyad events, all (API)", dyad_all)
    add("map", lambda: lambda s: query.strongest_relations(s))
    add("map --kind", relations_kind)
    return calls


def _now() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _ms(started: tuple[float, float]) -> tuple[float, float]:
    """Wall and CPU milliseconds since ``started`` (CPU: this process, all its threads).

    The CPU time barely moves when other jobs share the cores; the wall time does.
    """
    wall, cpu = _now()
    return (wall - started[0]) * 1000, (cpu - started[1]) * 1000


def percentile(values: list[float], pct: int) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * pct // 100) - 1)]


def summary(timings: list[tuple[float, float]]) -> dict[str, float]:
    values = [t[0] for t in timings]
    cpu = [t[1] for t in timings]
    return {
        "n": len(values),
        "p50_ms": round(statistics.median(values), 2),
        "p95_ms": round(percentile(values, PERCENTILE), 2),
        "max_ms": round(max(values), 2),
        "cpu_p50_ms": round(statistics.median(cpu), 2),
        "cpu_p95_ms": round(percentile(cpu, PERCENTILE), 2),
    }


def run(
    db: Path, repeats: int, seed: int, only: str | None = None
) -> dict[str, dict[str, dict[str, float]]]:
    """Timings per pass (warm, cold) and query kind (those containing ``only``, if given)."""
    rng = random.Random(seed)
    with Store(db, read_only=True) as store:
        calls = make_calls(store, rng, repeats)
        calls = {k: v for k, v in calls.items() if only is None or only in k}
        documents = store.fetchone("SELECT count(*) FROM documents")[0]
        events = store.fetchone("SELECT count(*) FROM events")[0]
        print(f"{db}: {documents} documents, {events} events", flush=True)
        warm: dict[str, list[tuple[float, float]]] = {}
        for kind, kind_calls in calls.items():
            kind_calls[0](store)  # one untimed call loads what the kind reads
            for call in kind_calls:
                started = _now()
                call(store)
                warm.setdefault(kind, []).append(_ms(started))
    cold: dict[str, list[tuple[float, float]]] = {"open": []}
    cold_repeats = max(MIN_COLD, repeats // COLD_SHARE)
    for kind, kind_calls in calls.items():
        for call in kind_calls[:cold_repeats]:
            started = _now()
            store = Store(db, read_only=True)
            cold["open"].append(_ms(started))
            try:
                started = _now()
                call(store)
                cold.setdefault(kind, []).append(_ms(started))
            finally:
                store.close()
    return {
        "warm": {k: summary(v) for k, v in warm.items()},
        "cold": {k: summary(v) for k, v in cold.items()},
    }


def print_table(results: dict[str, dict[str, dict[str, float]]]) -> None:
    width = max(len(k) for kinds in results.values() for k in kinds)
    for name, kinds in results.items():
        print(
            f"\n{name:{width}}  {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
            f"{'cpu p50':>8} {'cpu p95':>8}"
        )
        for kind, s in kinds.items():
            flag = "" if s["p95_ms"] < BUDGET_MS else f"  over {BUDGET_MS:.0f} ms"
            print(
                f"{kind:{width}}  {s['n']:>4} {s['p50_ms']:>8.1f} {s['p95_ms']:>8.1f} "
                f"{s['max_ms']:>8.1f} {s['cpu_p50_ms']:>8.1f} {s['cpu_p95_ms']:>8.1f}{flag}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a store from build_store.py")
    parser.add_argument("--repeats", type=int, default=DEFAULT_REPEATS, help="calls per kind")
    parser.add_argument("--seed", type=int, default=0, help="for drawing the parameters")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    parser.add_argument("--only", help="time only the query kinds whose name contains this")
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"No store at {args.db}: build one with bench/build_store.py")
    results = run(args.db, args.repeats, args.seed, args.only)
    print_table(results)
    over = sorted(
        f"{name}:{kind}"
        for name, kinds in results.items()
        for kind, s in kinds.items()
        if s["p95_ms"] >= BUDGET_MS
    )
    print(f"\np{PERCENTILE} over {BUDGET_MS:.0f} ms: {', '.join(over) or 'none'}")
    if args.json:
        print(json.dumps({"db": str(args.db), "repeats": args.repeats, **results, "over": over}))


if __name__ == "__main__":
    main()
