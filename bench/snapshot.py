"""Save what every CLI command prints and every API route answers, to compare versions.

    python bench/snapshot.py --db STORE --out FOLDER
    python bench/snapshot.py --compare BEFORE AFTER

A refactor of the query layer must not change answers (issue 16). The first form
runs each command (through Click's runner, on a wide terminal) and each route
(through FastAPI's TestClient) over one store, and writes one file per call
into FOLDER: ``cli-<name>.txt`` and ``api-<name>.json``. The calls' parameters
are drawn from the store (its most frequent actors, dyad and months), in the
same way each time, so two versions over the same store make the same calls.
The second form lists the files that differ, with the first lines of each diff.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
from pathlib import Path
from typing import Any

# Rich reads the width when the console is made: wide enough that no cell is cut.
os.environ["COLUMNS"] = "400"

DIFF_LINES = 12


def _calls(db: Path) -> tuple[dict[str, list[str]], dict[str, tuple[str, dict[str, str]]]]:
    from entente.store.db import Store

    with Store(db, read_only=True) as store:
        doc = store.fetchone("SELECT id FROM documents ORDER BY id LIMIT 1")[0]
        event = store.fetchone("SELECT id FROM events ORDER BY id LIMIT 1")[0]
        a, b = store.fetchone(
            "SELECT source, target FROM dyad_periods GROUP BY ALL "
            "ORDER BY sum(events) DESC, source, target LIMIT 1"
        )
        month = store.fetchone(
            "SELECT period FROM dyad_periods WHERE source = ? AND target = ? "
            "AND precision = 'month' ORDER BY events DESC, period LIMIT 1",
            [a, b],
        )
        month = month[0] if month else "2024"
        country = store.fetchone(
            "SELECT c FROM (SELECT unnest(actor_countries) AS c FROM events) "
            "WHERE c IS NOT NULL GROUP BY c ORDER BY count(*) DESC, c LIMIT 1"
        )[0]
        name = store.fetchone("SELECT name FROM actors WHERE id = ?", [a])
        name = name[0] if name else a
        edge = store.fetchone(
            "SELECT source || '|' || target || '|' || kind FROM relations "
            "ORDER BY strength DESC, source, target, kind LIMIT 1"
        )
        edge = edge[0] if edge else "IRN|RUS|backs"
        outlet = store.fetchone(
            "SELECT outlet FROM documents WHERE outlet IS NOT NULL GROUP BY outlet "
            "ORDER BY count(*) DESC, outlet LIMIT 1"
        )[0]
    cli = {
        "docs": ["docs", "--limit", "200"],
        "docs-outlet": ["docs", "--outlet", outlet],
        "show": ["show", doc[:12]],
        "actors": ["actors", "--limit", "200"],
        "actors-country": ["actors", "--country", country],
        "events": ["events", "--limit", "200"],
        "events-actor": ["events", "--actor", country],
        "events-name": ["events", "--actor", name[:5]],
        "events-type": ["events", "--type", "AID"],
        "events-dates": ["events", "--since", "2024", "--until", "2025-03"],
        "events-certainty": ["events", "--certainty", "alleged", "--evidence"],
        "events-negative": ["events", "--polarity", "negative"],
        "map": ["map", "--limit", "100"],
        "map-kind": ["map", "--kind", "backs"],
        "dyad": ["dyad", a, b],
        "dyad-month": ["dyad", a, b, "--month", month],
        "conflicts": ["conflicts", "--limit", "100"],
        "claims": ["claims", "--limit", "200"],
        "claims-alleged": ["claims", "--certainty", "alleged"],
        "claims-actor": ["claims", "--actor", a],
        "merges": ["merges", "list", "--all"],
        **{
            f"export-{kind}-{fmt}": ["export", kind, "--format", fmt]
            for kind in (
                "documents",
                "actors",
                "mentions",
                "events",
                "clusters",
                "relations",
                "dyads",
            )
            for fmt in ("jsonl", "csv")
        },
    }
    filters = {"since": "2024", "types": "AID,ASSAULT,SUPPORT", "certainty": "asserted,alleged"}
    api = {
        "overview": ("/api/overview", {}),
        "graph": ("/api/graph", {"limit": "500"}),
        "graph-filtered": ("/api/graph", filters),
        "graph-q": ("/api/graph", {"q": "missile"}),
        "events": ("/api/events", {"limit": "500"}),
        "events-filtered": ("/api/events", {**filters, "limit": "500"}),
        "events-actor": ("/api/events", {"actor": country}),
        "events-name": ("/api/events", {"actor": name[:5]}),
        "events-edge": ("/api/events", {"edge": edge}),
        "events-node": ("/api/events", {"node": a}),
        "events-q": ("/api/events", {"q": "drone"}),
        "event": (f"/api/events/{event}", {}),
        "timeline": ("/api/timeline", {}),
        "timeline-filtered": ("/api/timeline", filters),
        "actors": ("/api/actors", {"limit": "200"}),
        "actors-q": ("/api/actors", {"q": name[:4]}),
        "dyad": ("/api/dyad", {"a": a, "b": b}),
        "dyad-since": ("/api/dyad", {"a": a, "b": b, "since": "2024"}),
        "dyad-events": ("/api/dyad/events", {"a": a, "b": b, "limit": "1000"}),
        "dyad-events-month": ("/api/dyad/events", {"a": a, "b": b, "month": month}),
        "dyad-events-filtered": ("/api/dyad/events", {"a": a, "b": b, **filters}),
        "conflicts": ("/api/conflicts", {"limit": "200"}),
        "conflicts-filtered": ("/api/conflicts", filters),
        "claims": ("/api/claims", {"limit": "500"}),
        "claims-alleged": ("/api/claims", {"certainty": "alleged"}),
        "claims-filtered": ("/api/claims", filters),
        "claims-actor": ("/api/claims", {"actor": a}),
        "document": (f"/api/documents/{doc}", {}),
    }
    return cli, api


def snapshot(db: Path, out: Path) -> int:
    """Write every call's answer into ``out``; returns how many calls were made."""
    from click.testing import CliRunner
    from fastapi.testclient import TestClient

    from entente.cli import main
    from entente.web import create_app

    out.mkdir(parents=True, exist_ok=True)
    cli, api = _calls(db)
    runner = CliRunner()
    for name, args in cli.items():
        result = runner.invoke(main, [*args, "--db", str(db)])
        text = result.stdout if hasattr(result, "stdout") else result.output
        (out / f"cli-{name}.txt").write_text(f"exit {result.exit_code}\n{text}", encoding="utf-8")
    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        for name, (path, params) in api.items():
            response = client.get(path, params=params)
            body: Any = response.json()
            (out / f"api-{name}.json").write_text(
                json.dumps({"status": response.status_code, "body": body}, indent=1, sort_keys=True)
                + "\n",
                encoding="utf-8",
            )
    return len(cli) + len(api)


def compare(before: Path, after: Path) -> int:
    """Print the files that differ between two snapshots; returns how many."""
    names = sorted({p.name for p in before.glob("*-*.*")} | {p.name for p in after.glob("*-*.*")})
    differ = 0
    for name in names:
        old = (before / name).read_text(encoding="utf-8") if (before / name).exists() else ""
        new = (after / name).read_text(encoding="utf-8") if (after / name).exists() else ""
        if old == new:
            continue
        differ += 1
        diff = list(
            difflib.unified_diff(old.splitlines(), new.splitlines(), "before", "after", n=0)
        )
        print(f"== {name}: {len(diff)} diff lines")
        for line in diff[2 : 2 + DIFF_LINES]:
            print("   " + line[:200])
    print(f"{differ} of {len(names)} files differ")
    return differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="The store to query.")
    parser.add_argument("--out", type=Path, help="Folder for the answers.")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare)
        return
    if not args.db or not args.out:
        parser.error("give --db and --out, or --compare BEFORE AFTER")
    count = snapshot(args.db, args.out)
    print(f"{count} answers written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
