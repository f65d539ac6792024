"""The hostile-input corpus (``hostile_corpus.py``) ingested whole: every good record
stored, every bad one logged with its reason, nothing else (issue 18)."""

from __future__ import annotations

import pytest
from hostile_corpus import build_corpus

from entente.ingest.run import ingest
from entente.settings import Settings
from entente.store.db import Store


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("hostile")
    expected = build_corpus(root)
    db = root / "hostile.duckdb"
    summary = ingest([str(root / "corpus")], Settings.load(db=db, workers=1, languages=""))
    with Store(db, read_only=True) as store:
        log = store.records("SELECT source, status, reason FROM ingest_log")
        stored = {s for (s,) in store.fetchall("SELECT source FROM documents")}
    return expected, summary, log, stored


def test_hostile_corpus_every_good_record_stored(outcome) -> None:
    expected, summary, _, stored = outcome
    assert sorted(set(expected.stored) - stored) == []
    assert summary.stored == len(expected.stored)


def test_hostile_corpus_every_bad_input_logged_with_its_reason(outcome) -> None:
    expected, _, log, _ = outcome
    rows = {row["source"]: row for row in log if row["status"] != "ok"}
    wrong = {
        source: rows.get(source)
        for source, (status, reason) in expected.logged.items()
        if source not in rows
        or rows[source]["status"] != status
        or reason not in (rows[source]["reason"] or "")
    }
    assert wrong == {}


def test_hostile_corpus_nothing_else_logged(outcome) -> None:
    """Every log row is one the corpus expects: no good record rejected, no file
    ended early with a file-level error, nothing read from outside the folder."""
    expected, _, log, _ = outcome
    known = set(expected.stored) | set(expected.logged)
    assert sorted(row["source"] for row in log if row["source"] not in known) == []
    assert len(log) == len(known)
