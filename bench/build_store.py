"""Build a large store for the query benchmark: a real ingest, replicated in SQL.

    python bench/build_store.py --articles 100000 --out /tmp/entente-100k.duckdb

Real ingest runs at about 10 articles/s per core, so 100,000 articles by
ingest would take hours. Instead:

1. **Base store, by real ingest** (``--base``, kept and reused when it exists;
   ``--fresh-base`` rebuilds it): ``entente.ingest.run.ingest`` of the VOA
   corpus (``/work/shared/corpora/voa-2025-03.jsonl``), the seed articles
   (``/work/shared/seeds``) and the first ``--news`` articles of the 2017
   corpus (``bench/corpus.py``). This also builds the base's map.
2. **Replication**: the base file is copied to ``--out``, and every document
   with its sentences, mentions and events is copied again under new ids
   (``id || '-' || k`` for copy k = 1, 2, ...) until there are at least
   ``--articles`` documents (whole copies, so a few more). Copy k has every
   date moved ``k * --shift-days`` days later and written back at its own
   precision (``2024``, ``2024-04``, ``2024-04-15``; the ``*_first`` and
   ``published_date`` columns stay the first day of that period), so the
   dyad series spread over the years instead of piling up in one month.
3. **The map**, ``--map replicate`` (the default): the base's map rows that
   belong to events (event_nodes, clusters, cluster_members, cluster_dyads,
   conflicts, claims) are copied the same way, so each copy clusters as the
   base did (copies never merge with each other: they are days apart and
   come from one outlet each); then relations and dyad periods are derived
   over all of it by entente's own ``refresh_relations`` and
   ``refresh_dyads``. ``--map rebuild`` instead runs
   ``entente.consolidate.rebuild_map`` over the whole replicated store; at
   10,000 articles it had not finished after 8.5 minutes (2 shared cores), so
   at 100,000 it is out of reach and ``replicate`` is the default.

Each step prints its time; ``--json`` ends with one JSON line. The store is
benchmark data (the texts belong to their publishers): keep it outside the
repository, e.g. under /tmp.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from entente.store.db import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import news_2017  # noqa: E402

VOA = Path("/work/shared/corpora/voa-2025-03.jsonl")
SEEDS = Path("/work/shared/seeds")
DEFAULT_BASE = Path("/tmp/entente-base.duckdb")
DEFAULT_NEWS = 400
DEFAULT_SHIFT_DAYS = 7
DEFAULT_WORKERS = 2

# Dates are ISO strings at their precision; these render one back at its length.
_MACROS = (
    "CREATE OR REPLACE TEMP MACRO shift_iso(s, delta) AS CASE length(s) "
    "WHEN 10 THEN strftime(s::DATE + delta::INTEGER, '%Y-%m-%d') "
    "WHEN 7 THEN strftime((s || '-01')::DATE + delta::INTEGER, '%Y-%m') "
    "WHEN 4 THEN strftime((s || '-01-01')::DATE + delta::INTEGER, '%Y') ELSE s END",
    "CREATE OR REPLACE TEMP MACRO first_day(s) AS CASE length(s) "
    "WHEN 10 THEN s::DATE WHEN 7 THEN (s || '-01')::DATE "
    "WHEN 4 THEN (s || '-01-01')::DATE ELSE NULL END",
    # The first day of a shifted ISO date, or the old first day moved when there is none.
    "CREATE OR REPLACE TEMP MACRO shift_first(iso, first, delta) AS "
    "coalesce(first_day(shift_iso(iso, delta)), first + delta::INTEGER)",
    "CREATE OR REPLACE TEMP MACRO sfx(s, k) AS s || '-' || k",
)

# One INSERT ... SELECT per table: ``c`` is the copies table (k, delta).
_RAW_COPIES = {
    "documents": (
        "INSERT INTO documents SELECT sfx(id, k), source || '#copy-' || k, url, outlet, title, "
        "author, shift_iso(published, delta), published_precision, "
        "shift_first(published, published_date, delta), language, text, words, ingested_at, "
        "political_relevance "
        "FROM base_documents, c"
    ),
    "sentences": 'INSERT INTO sentences SELECT sfx(doc_id, k), idx, start, "end" FROM base_sentences, c',
    "mentions": (
        'INSERT INTO mentions SELECT sfx(doc_id, k), sentence, start, "end", text, actor_id, '
        "resolved_by, country, sector FROM base_mentions, c"
    ),
    "events": (
        "INSERT INTO events SELECT sfx(id, k), sfx(doc_id, k), sentence, type, mode, score, "
        "actor, recipient, actor_ids, recipient_ids, actor_countries, recipient_countries, "
        "shift_iso(date_start, delta), shift_iso(date_end, delta), date_precision, date_basis, "
        "date_text, shift_first(date_start, date_first, delta), certainty, polarity, tense, "
        "attributed_to, quantities, sentence_text, sentence_start, sentence_end, trigger, "
        "trigger_start, trigger_end, confidence FROM base_events, c"
    ),
}

_MAP_COPIES = {
    "event_nodes": (
        "INSERT INTO event_nodes SELECT sfx(event_id, k), sfx(doc_id, k), family, block, "
        "actor_nodes, recipient_nodes, sfx(refers_to, k), lo + delta, hi + delta "
        "FROM base_event_nodes, c"
    ),
    "clusters": (
        "INSERT INTO clusters SELECT sfx(id, k), block, type, mode, family, actor, recipient, "
        "shift_iso(date_start, delta), date_precision, date_basis, "
        "shift_first(date_start, date_first, delta), "
        "CASE period_precision "
        "WHEN 'month' THEN strftime(shift_first(date_start, date_first, delta), '%Y-%m') "
        "WHEN 'year' THEN strftime(shift_first(date_start, date_first, delta), '%Y') END, "
        "period_precision, certainty, polarity, tense, support, status, score, quad, "
        "quantities, military, treaty, n_members, n_documents, n_outlets, "
        "list_transform(documents, lambda d: sfx(d, k)), outlets, n_conflicts FROM base_clusters, c"
    ),
    "cluster_members": (
        "INSERT INTO cluster_members SELECT sfx(cluster_id, k), sfx(event_id, k), sfx(doc_id, k) "
        "FROM base_cluster_members, c"
    ),
    "cluster_dyads": (
        "INSERT INTO cluster_dyads SELECT sfx(cluster_id, k), source, target "
        "FROM base_cluster_dyads, c"
    ),
    "conflicts": (
        "INSERT INTO conflicts SELECT sfx(cluster_id, k), field, item, to_json(list_transform("
        'from_json("values", \'[{"value": "JSON", "events": ["VARCHAR"]}]\'), '
        "lambda v: {'value': v.value, 'events': list_transform(v.events, lambda e: sfx(e, k))})), "
        "n_values FROM base_conflicts, c"
    ),
    "claims": (
        "INSERT INTO claims SELECT sfx(event_id, k), sfx(cluster_id, k), sfx(doc_id, k), outlet, "
        "shift_iso(published, delta), claimant, cue, certainty, type, actor, recipient, "
        "shift_iso(date_start, delta), sentence_text, outlets_reporting, status "
        "FROM base_claims, c"
    ),
}


def ingest_base(base: Path, news: int, workers: int) -> dict[str, float]:
    """Really ingest the base corpora into ``base``; seconds per corpus."""
    from entente.ingest.run import ingest
    from entente.settings import Settings

    settings = Settings.load(db=base, workers=workers)
    timings = {}
    for name, paths, limit in (
        ("voa", [str(VOA)], None),
        ("seeds", [str(SEEDS)], None),
        (f"news2017[:{news}]", [str(news_2017())], news),
    ):
        started = time.perf_counter()
        summary = ingest(paths, settings, limit=limit)
        timings[name] = round(time.perf_counter() - started, 1)
        print(f"ingest {name}: {summary.stored} stored in {timings[name]} s", flush=True)
    return timings


def _snapshot(store: Store, tables: Iterable[str]) -> None:
    """The base rows of each table, frozen before the copies go in."""
    for table in tables:
        store.execute(f"CREATE OR REPLACE TEMP TABLE base_{table} AS SELECT * FROM {table}")


def _run_copies(store: Store, statements: dict[str, str]) -> dict[str, float]:
    timings = {}
    for table, sql in statements.items():
        started = time.perf_counter()
        store.execute(sql)
        timings[table] = round(time.perf_counter() - started, 2)
        print(f"  copied {table} in {timings[table]} s", flush=True)
    return timings


def derive_relations_and_dyads(store: Store) -> int:
    """Relations and dyad periods of every pair, by entente's own code; pairs done."""
    from entente.consolidate.dyads import refresh_dyads
    from entente.consolidate.knowledge import load_map_knowledge
    from entente.consolidate.relations import refresh_relations

    pairs = {
        (a, b)
        for a, b in store.fetchall(
            "SELECT DISTINCT source, target FROM cluster_dyads UNION "
            "SELECT DISTINCT source, target FROM relations"
        )
    }
    refresh_relations(store, pairs, load_map_knowledge())
    refresh_dyads(store, pairs)
    return len(pairs)


def replicate(out: Path, target: int, shift_days: int, map_mode: str) -> dict:
    """Copy the base rows in ``out`` until it holds at least ``target`` documents."""
    from entente.consolidate import rebuild_map

    report: dict = {}
    with Store(out) as store:
        base_docs = store.fetchone("SELECT count(*) FROM documents")[0]
        copies = max(math.ceil(target / base_docs) - 1, 0)
        report.update(base_documents=base_docs, copies=copies)
        for macro in _MACROS:
            store.execute(macro)
        store.execute(
            "CREATE OR REPLACE TEMP TABLE c AS SELECT k, (k * ?)::INTEGER AS delta FROM range(1, ?) t(k)",
            [shift_days, copies + 1],
        )
        started = time.perf_counter()
        with store.transaction():
            _snapshot(store, _RAW_COPIES)
            report["raw_s"] = _run_copies(store, _RAW_COPIES)
        report["raw_total_s"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        if map_mode == "replicate":
            with store.transaction():
                _snapshot(store, _MAP_COPIES)
                report["map_copies_s"] = _run_copies(store, _MAP_COPIES)
                derived = time.perf_counter()
                report["pairs"] = derive_relations_and_dyads(store)
                report["relations_dyads_s"] = round(time.perf_counter() - derived, 1)
        else:
            update = rebuild_map(store)
            report["rebuild_clusters"] = update.clusters_written
        report["map_total_s"] = round(time.perf_counter() - started, 1)
        print(f"map ({map_mode}) in {report['map_total_s']} s", flush=True)
        store.execute("CHECKPOINT")
        for table in ("documents", "events", "mentions", "clusters", "relations", "dyad_periods"):
            report[table] = store.fetchone(f"SELECT count(*) FROM {table}")[0]
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="documents wanted (at least)")
    parser.add_argument("--out", type=Path, required=True, help="the store to write (replaced)")
    parser.add_argument("--base", type=Path, default=DEFAULT_BASE, help="the ingested base store")
    parser.add_argument("--fresh-base", action="store_true", help="ingest the base again")
    parser.add_argument("--news", type=int, default=DEFAULT_NEWS, help="2017 articles in the base")
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--shift-days", type=int, default=DEFAULT_SHIFT_DAYS, help="per copy")
    parser.add_argument("--map", choices=["replicate", "rebuild"], default="replicate")
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    args = parser.parse_args()

    report: dict = {"articles_wanted": args.articles}
    if args.fresh_base or not args.base.exists():
        args.base.unlink(missing_ok=True)
        Path(f"{args.base}.wal").unlink(missing_ok=True)
        report["ingest_s"] = ingest_base(args.base, args.news, args.workers)
    else:
        print(f"reusing the base store {args.base} (--fresh-base to ingest it again)")
    if args.out.resolve() == args.base.resolve():
        raise SystemExit("--out must differ from --base")
    args.out.unlink(missing_ok=True)
    Path(f"{args.out}.wal").unlink(missing_ok=True)
    shutil.copyfile(args.base, args.out)
    started = time.perf_counter()
    report.update(replicate(args.out, args.articles, args.shift_days, args.map))
    report["replicate_total_s"] = round(time.perf_counter() - started, 1)
    print(
        f"{report['documents']} documents, {report['events']} events, "
        f"{report['clusters']} clusters, {report['relations']} relations, "
        f"{report['dyad_periods']} dyad periods in {args.out} "
        f"({report['replicate_total_s']} s after the base)"
    )
    if args.json:
        print(json.dumps(report))


if __name__ == "__main__":
    main()
