"""Issue 4's figures, pinned as floors: a drop below them fails CI.

The floors sit a little under the scores measured when they were set (seeds:
core 0.95, all 0.88, certainty 41/42; PLOVER dev type+actor+recipient 0.61). Raise them as the
coder improves; lowering one is a decision to record in the commit message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from entente.evaluation import code_plover_records, read_plover
from entente.events.evaluate import read_jsonl, score_events, score_plover
from entente.ingest.run import ingest
from entente.query import iter_events
from entente.settings import Settings
from entente.store.db import Store

pytestmark = [pytest.mark.acceptance, pytest.mark.slow]

SEEDS_CORE_FLOOR = 0.92
SEEDS_ALL_FLOOR = 0.85
CERTAINTY_FLOOR = 0.90
PLOVER_ALL_RIGHT_FLOOR = 0.58


@pytest.fixture(scope="module")
def seed_events(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    db = tmp_path_factory.mktemp("events") / "seeds.duckdb"
    ingest([str(shared / "seeds")], Settings.load(db=db, workers=1))
    with Store(db, read_only=True) as store:
        return list(iter_events(store))


def test_seed_events_recall_stays_above_floor(shared: Path, seed_events: list[dict]) -> None:
    gold = read_jsonl(shared / "gold" / "seeds.gold.jsonl")
    core = score_events(gold, seed_events, core_only=True)
    every = score_events(gold, seed_events)
    assert core.recall >= SEEDS_CORE_FLOOR, core.lines
    assert every.recall >= SEEDS_ALL_FLOOR, every.lines
    right, total = every.attributes["certainty"]
    assert right / total >= CERTAINTY_FLOOR


def test_every_negative_gold_event_is_found_negative(shared: Path, seed_events: list[dict]) -> None:
    gold = read_jsonl(shared / "gold" / "seeds.gold.jsonl")
    right, total = score_events(gold, seed_events).attributes["negatives"]
    assert total >= 3 and right == total


def test_plover_records_share_stays_above_floor(shared: Path) -> None:
    records = read_plover(shared / "gold" / "plover_gsr_dev.json")
    report = score_plover(records, code_plover_records(records, Settings.load(workers=1)))
    assert report.share(report.all_right) >= PLOVER_ALL_RIGHT_FLOOR


def test_wagner_hamas_training_stays_alleged_with_its_claimant(seed_events: list[dict]) -> None:
    training = [
        e
        for e in seed_events
        if e["type"] == "AID"
        and any("Wagner" in (a["name"] or "") for a in e["actor"])
        and any("Hamas" in (r["name"] or "") for r in e["recipient"])
    ]
    assert training, "the Wagner-Hamas training is no longer coded"
    assert all(e["certainty"] == "alleged" for e in training)
    assert any("reports" in ((e["attributed_to"] or {}).get("name") or "") for e in training)
