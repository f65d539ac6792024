"""Issue 2's "done when", end to end through the store, on the real articles in ../shared."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from entente.ingest.run import ingest
from entente.settings import Settings
from entente.store.db import Store

pytestmark = [pytest.mark.acceptance, pytest.mark.slow]

LEFTOVERS = (
    "Physical Address",
    "Latest Posts",
    "Poland Could Soon Be Home to NATO Nukes",
    "About the Author",
    "GettyImages",
    "web analytics",
)


def _documents(db: Path) -> list[dict]:
    with Store(db, read_only=True) as store:
        return store.records("SELECT source, title, published, text FROM documents ORDER BY source")


def test_seeds_ingest_clean_dated_titled_and_once(shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "seeds.duckdb"
    summary = ingest([str(shared / "seeds")], Settings.load(db=db, workers=1))
    assert summary.stored == 5
    docs = {Path(d["source"]).stem[:3]: d for d in _documents(db)}
    for doc in docs.values():
        for leftover in LEFTOVERS:
            assert leftover not in doc["text"], (doc["source"], leftover)
    assert docs["000"]["published"] == "2024-04-15"
    assert docs["003"]["published"] == "2026-03-08"
    assert docs["001"]["title"] == "Iran’s War Against Israel and the US Has Russia’s Backing"
    assert docs["002"]["title"] == "Russia and Iran Tight as Ever"
    assert docs["004"]["title"].startswith("Invading Ukraine was a major strategic blunder")
    again = ingest([str(shared / "seeds")], Settings.load(db=db, workers=1))
    assert (again.stored, again.duplicates) == (0, 5)
    assert len(_documents(db)) == 5


def test_voa_every_story_titled_and_dated(shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "voa.duckdb"
    summary = ingest([str(shared / "corpora" / "voa-2025-03.jsonl")], Settings.load(db=db))
    assert summary.stored == 89, summary.problems
    docs = _documents(db)
    assert all(d["title"] and d["published"] for d in docs)


def test_voa_killed_midway_then_rerun_stores_each_story_once(shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "killed.duckdb"
    voa = str(shared / "corpora" / "voa-2025-03.jsonl")
    command = [
        sys.executable,
        "-m",
        "entente",
        "ingest",
        voa,
        "--db",
        str(db),
        "--workers",
        "1",
        "--batch-size",
        "8",
    ]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # Without a terminal, ingest reports each committed batch on stderr: kill it
    # right after the first one lands, with the rest of the corpus still to come.
    assert child.stderr is not None
    for line in child.stderr:
        if line.startswith("committed"):
            break
    else:
        pytest.fail("the ingest ended without reporting a committed batch")
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with Store(db) as store:  # opening also replays DuckDB's write-ahead log
        partial = store.fetchone("SELECT count(*) FROM documents")[0]
    assert 0 < partial < 89
    summary = ingest([voa], Settings.load(db=db, workers=1))
    assert summary.stored == 89 - partial
    with Store(db, read_only=True) as store:
        assert store.fetchone("SELECT count(*), count(DISTINCT source) FROM documents") == (89, 89)


def test_messy_folder_ingests_seeds_and_logs_every_bad_file(shared: Path, tmp_path: Path) -> None:
    folder = tmp_path / "messy"
    shutil.copytree(shared / "seeds", folder)
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    (folder / "empty.txt").write_bytes(b"")
    latin = (
        "Delegations from Curaçao and Réunion agreed on Monday in Brussels to expand trade "
        "in fisheries, officials said after the meeting. The accord follows months of talks. "
    ) * 3
    (folder / "latin1.txt").write_bytes(latin.encode("latin-1"))
    (folder / "broken.json").write_text(
        '[{"title": "Cut off", "text": "The talks', encoding="utf-8"
    )
    (folder / "article-fr.txt").write_text(
        "Le président a reçu mardi à Paris son homologue brésilien pour évoquer la coopération "
        "dans le domaine de l'énergie et la protection de la forêt amazonienne. Les deux chefs "
        "d'État ont promis de se revoir avant la fin de l'année, selon l'Élysée.",
        encoding="utf-8",
    )
    db = tmp_path / "messy.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "entente", "ingest", str(folder), "--db", str(db), "--workers", "1"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    with Store(db, read_only=True) as store:
        log = {
            Path(s.split("#")[0]).name: (st, r)
            for s, st, r in store.fetchall("SELECT source, status, reason FROM ingest_log")
        }
    seeds = [p.name for p in (shared / "seeds").iterdir()]
    assert all(log[name][0] == "ok" for name in seeds)
    assert log["latin1.txt"][0] == "ok"
    for bad in ("scan.pdf", "empty.txt", "broken.json", "article-fr.txt"):
        status, reason = log[bad]
        assert status in ("skipped", "error") and reason, bad
        assert bad in result.stderr + result.stdout, f"{bad} not reported on the console"


def test_news_2017_zip_ingests_from_the_archive(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from corpus import news_2017

    archive = news_2017()
    db = tmp_path / "news.duckdb"
    summary = ingest([str(archive)], Settings.load(db=db, workers=1), limit=30)
    assert summary.read == 30
    assert summary.stored >= 25, summary.problems
    with Store(db, read_only=True) as store:
        sources = [r[0] for r in store.fetchall("SELECT source FROM documents")]
    assert all("NewsArticles.zip" in s and "#" in s for s in sources)


def _synthetic_articles(count: int) -> list[dict]:
    """Invented articles, each different, long and plainly English."""
    places = ["Lisbon", "Nairobi", "Oslo", "Lima", "Hanoi", "Accra", "Quito", "Riga", "Doha"]
    return [
        {
            "id": f"synthetic-{i}",
            "title": f"Envoys meet in {places[i % len(places)]}",
            "published": f"2025-03-{i % 28 + 1:02d}",
            "text": (
                f"The foreign ministers of two neighbouring states met in {places[i % len(places)]} "
                f"on the {i + 1}th day of talks about fishing rights and the shared border. "
                "Both delegations said the meeting had been useful and agreed to meet again "
                f"within {i + 2} weeks. A spokesman for the host government said the talks would "
                "continue at the level of deputies, and that observers had been invited."
            ),
        }
        for i in range(count)
    ]


def test_a_blob_and_a_lone_surrogate_cost_only_themselves(shared: Path, tmp_path: Path) -> None:
    """Issue 18: a 2 MB base64 blob and a lone surrogate among 100 good articles."""
    good = [json.loads(line) for line in (shared / "corpora" / "voa-2025-03.jsonl").open()]
    good += _synthetic_articles(100 - len(good))
    blob = {"id": "blob", "title": "A pasted image", "text": "iVBORw0KGgo" * 190_000}
    surrogate = dict(good[0], id="surrogate", title="Cut emoji \ud83d here")
    surrogate["text"] = "A report on the talks \ud83d. " + good[0]["text"][::-1]
    records = good[:40] + [blob] + good[40:70] + [surrogate] + good[70:]
    corpus = tmp_path / "corpus.jsonl"
    # ensure_ascii writes the lone surrogate as the escape "\ud83d", as a scraper would.
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    db = tmp_path / "hostile.duckdb"
    summary = ingest([str(corpus)], Settings.load(db=db, languages=""))
    with Store(db, read_only=True) as store:
        titles = {t for (t,) in store.fetchall("SELECT title FROM documents")}
        log = store.records("SELECT status, reason, doc_id FROM ingest_log")
    assert {r["title"] for r in good} <= titles
    assert "Cut emoji \ufffd here" in titles
    assert summary.stored == 101
    [skipped] = [row for row in log if row["status"] == "skipped"]
    assert "run of 2,090,000 characters without a space" in skipped["reason"]
    assert len(log) == 102
