"""Latency of every /api/ route of the web app, in-process, on a big store.

    python bench/web_api.py --db /tmp/entente-100k.duckdb [--repeats 50] [--seed 1] [--json]

Builds the app with ``create_app`` (the store opened read-only, a cursor per
request, as ``entente serve`` runs it) and calls each route through
FastAPI's TestClient, so each timing covers routing, parameter checks, the
queries and JSON encoding. Each route is called ``--repeats`` times with
parameters drawn at random (``--seed``) from the store itself and varied the
way the page varies them: no filters, a month or year range, one or two event
types, a certainty, an actor, a text search. One untimed call per route warms
DuckDB's buffers first (a served app is warm after its first page).

Prints p50, p95 and max in milliseconds per route, and whether each p95 is
within the budget (issue 7: under 100 ms at the 95th percentile at 100,000
articles). With ``--json`` the last line is one JSON object.
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

from fastapi.testclient import TestClient

from entente.store.db import Store
from entente.web import create_app

BUDGET_MS = 100.0
PERCENTILE = 95
SEARCH_WORDS = ["missile", "sanction", "talks", "troops", "aid", "border", "election", "nuclear"]


def _column(store: Store, sql: str) -> list[Any]:
    return [r[0] if len(r) == 1 else r for r in store.fetchall(sql)]


def pools(db: Path) -> dict[str, list[Any]]:
    """Parameter values that occur in the store, most frequent first."""
    with Store(db, read_only=True) as store:
        return {
            "types": _column(store, "SELECT type FROM events GROUP BY 1 ORDER BY count(*) DESC"),
            "months": _column(
                store,
                "SELECT strftime(date_first, '%Y-%m') FROM events WHERE date_first "
                "BETWEEN DATE '2000-01-01' AND current_date GROUP BY 1 "
                "ORDER BY count(*) DESC LIMIT 60",
            ),
            "actors": _column(
                store,
                "SELECT n FROM (SELECT source AS n, events FROM dyad_periods UNION ALL "
                "SELECT target, events FROM dyad_periods) GROUP BY n ORDER BY sum(events) DESC "
                "LIMIT 40",
            ),
            "pairs": _column(
                store,
                "SELECT source, target FROM dyad_periods WHERE source < target GROUP BY ALL "
                "ORDER BY sum(events) DESC LIMIT 40",
            ),
            "edges": _column(
                store,
                "SELECT source || '|' || target || '|' || kind FROM relations "
                "ORDER BY strength DESC LIMIT 40",
            ),
            "outlets": _column(
                store, "SELECT outlet FROM documents WHERE outlet IS NOT NULL GROUP BY 1"
            ),
            "events": _column(store, "SELECT id FROM events USING SAMPLE 200 ROWS"),
            "documents": _column(store, "SELECT id FROM documents USING SAMPLE 200 ROWS"),
            "names": _column(
                store, "SELECT name FROM actors WHERE kind = 'state' ORDER BY id LIMIT 60"
            ),
        }


def shared_filters(rng: random.Random, p: dict[str, list[Any]]) -> dict[str, str]:
    """One of the page's filter settings: none, dates, types, certainty, outlet, text."""
    choice = rng.randrange(7)
    if choice == 0:
        return {}
    if choice == 1:
        month = rng.choice(p["months"])
        return {"since": month, "until": month}
    if choice == 2:
        year = rng.choice(p["months"])[:4]
        return {"since": year, "until": year}
    if choice == 3:
        return {"types": ",".join(rng.sample(p["types"][:12], rng.choice([1, 2])))}
    if choice == 4:
        return {"certainty": rng.choice(["alleged", "reported", "alleged,denied"])}
    if choice == 5:
        return {"outlets": rng.choice(p["outlets"])}
    return {"q": rng.choice(SEARCH_WORDS)}


Maker = Callable[[random.Random, dict[str, list[Any]]], tuple[str, dict[str, str]]]


def routes() -> dict[str, Maker]:
    def events(rng: random.Random, p: dict[str, list[Any]]) -> tuple[str, dict[str, str]]:
        params = shared_filters(rng, p)
        extra = rng.randrange(4)
        if extra == 1:
            params["actor"] = rng.choice(p["actors"])
        elif extra == 2:
            params["edge"] = rng.choice(p["edges"])
        elif extra == 3:
            params["node"] = rng.choice(p["actors"])
        return "/api/events", params

    def dyad(rng: random.Random, p: dict[str, list[Any]]) -> tuple[str, dict[str, str]]:
        a, b = rng.choice(p["pairs"])
        return "/api/dyad", {"a": a, "b": b}

    def dyad_events(rng: random.Random, p: dict[str, list[Any]]) -> tuple[str, dict[str, str]]:
        a, b = rng.choice(p["pairs"])
        params = {**shared_filters(rng, p), "a": a, "b": b}
        if rng.random() < 0.7:
            params["month"] = rng.choice(p["months"])
        return "/api/dyad/events", params

    def actors(rng: random.Random, p: dict[str, list[Any]]) -> tuple[str, dict[str, str]]:
        if rng.random() < 0.2:
            return "/api/actors", {}
        name = rng.choice(p["names"])
        return "/api/actors", {"q": name[: rng.randint(3, len(name))]}

    def claims(rng: random.Random, p: dict[str, list[Any]]) -> tuple[str, dict[str, str]]:
        params = shared_filters(rng, p)
        if rng.random() < 0.3:
            params["actor"] = rng.choice(p["actors"])
        return "/api/claims", params

    return {
        "overview": lambda rng, p: ("/api/overview", {}),
        "graph": lambda rng, p: ("/api/graph", shared_filters(rng, p)),
        "events": events,
        "event": lambda rng, p: (f"/api/events/{rng.choice(p['events'])}", {}),
        "timeline": lambda rng, p: ("/api/timeline", shared_filters(rng, p)),
        "actors": actors,
        "dyad": dyad,
        "dyad_events": dyad_events,
        "conflicts": lambda rng, p: ("/api/conflicts", shared_filters(rng, p)),
        "claims": claims,
        "document": lambda rng, p: (f"/api/documents/{rng.choice(p['documents'])}", {}),
    }


def percentile(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", default=None, help="Comma list of route names to time.")
    parser.add_argument("--json", action="store_true", help="End with one JSON line.")
    args = parser.parse_args()

    p = pools(args.db)
    rng = random.Random(args.seed)
    chosen = routes()
    if args.only:
        chosen = {k: v for k, v in chosen.items() if k in args.only.split(",")}
    results: dict[str, dict[str, Any]] = {}
    start = time.perf_counter()
    app = create_app(args.db)  # opens the store and builds the in-memory lookups
    startup_ms = (time.perf_counter() - start) * 1000
    print(
        f"startup      {startup_ms:7.0f} ms (create_app: store and in-memory lookups)", flush=True
    )
    with TestClient(app, base_url="http://127.0.0.1") as client:
        for name, make in chosen.items():
            client.get(*make(rng, p)[:1], params=make(rng, p)[1])
            times, slowest = [], ("", 0.0)
            for _ in range(args.repeats):
                path, params = make(rng, p)
                start = time.perf_counter()
                response = client.get(path, params=params)
                ms = (time.perf_counter() - start) * 1000
                if response.status_code >= 500 or response.status_code == 400:
                    raise SystemExit(f"{path} {params}: {response.status_code} {response.text}")
                times.append(ms)
                if ms > slowest[1]:
                    slowest = (f"{path}?{'&'.join(f'{k}={v}' for k, v in params.items())}", ms)
            results[name] = {
                "calls": len(times),
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(percentile(times, PERCENTILE), 1),
                "max_ms": round(max(times), 1),
                "slowest": slowest[0],
                "within_budget": percentile(times, PERCENTILE) < BUDGET_MS,
            }
            r = results[name]
            print(
                f"{name:12} p50 {r['p50_ms']:7.1f}  p95 {r['p95_ms']:7.1f}  max {r['max_ms']:7.1f} ms"
                f"  {'ok' if r['within_budget'] else 'OVER'}  slowest: {r['slowest']}",
                flush=True,
            )
    if args.json:
        print(
            json.dumps(
                {
                    "db": str(args.db),
                    "repeats": args.repeats,
                    "startup_ms": round(startup_ms),
                    "routes": results,
                }
            )
        )


if __name__ == "__main__":
    main()
