"""The event confidence model, and the candidates the store keeps apart (issue 13)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner
from map_fixtures import doc, event

from entente import query
from entente.cli import main
from entente.errors import DataFileError
from entente.events.confidence import (
    ConfidenceModel,
    candidate_reason,
    confidence_of,
    default_model,
    event_features,
    load_confidence_model,
)
from entente.store.db import Store
from entente.store.write import write_batch


def _event(sentence: str, type_: str = "ASSAULT", **kwargs):
    coded = doc("d1", "Outlet", "2017-03-01", [event("e1", type_, ["IRN"], [], sentence, **kwargs)])
    return coded.events[0]


def test_confidence_model_file_reads_weights_and_constants(tmp_path: Path) -> None:
    path = tmp_path / "confidence.tsv"
    path.write_text(
        "# comment\nbias\t-1\t10\t4\tevery event\nfloor\t0.4\nneutral_relevance\t0.5\n"
        "type:ASSAULT\t2\t5\t4\traises\n",
        encoding="utf-8",
    )
    model = load_confidence_model(path)
    assert (model.bias, model.floor, model.neutral_relevance) == (-1.0, 0.4, 0.5)
    assert model.weights == {"type:ASSAULT": 2.0}


def test_confidence_model_bad_weight_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "confidence.tsv"
    path.write_text("bias\t0\ntype:AID\tlots\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_confidence_model(path)
    assert caught.value.line == 2 and "lots" in str(caught.value)


def test_shipped_model_is_a_fitted_estimate() -> None:
    """The shipped file carries fitted weights, and its floor is a probability."""
    model = default_model()
    assert len(model.weights) >= 20
    assert 0.0 <= model.floor < 1.0


def test_event_features_read_the_event_not_its_words() -> None:
    features = event_features(_event("Did Iran attack them?"), None, 0.2, {}, 2017, 0.5)
    assert features["type:ASSAULT"] == 1.0
    assert features["recipient:none"] == 1.0
    assert features["sentence:question"] == 1.0
    assert features["document:relevance"] == pytest.approx(-0.3)
    assert not any(name.startswith("word") for name in features)


def test_event_features_short_document_is_neutral_not_penalised() -> None:
    """A sentence ingested alone (relevance None) counts as the neutral share."""
    features = event_features(_event("Iran attacked them."), None, None, {}, 2017, 0.5)
    assert features["document:relevance"] == 0.0


def test_event_features_quoted_trigger_and_trigger_syntax() -> None:
    nlp = spacy.blank("en")
    sentence = 'He said: "Iran attacked them."'
    parsed = nlp(sentence)
    trigger = parsed[5]
    trigger.pos_, trigger.dep_, trigger.tag_ = "VERB", "ccomp", "VBD"
    ev = _event(sentence)
    ev = replace(
        ev, evidence=replace(ev.evidence, trigger_start=trigger.idx, trigger_end=trigger.idx + 8)
    )
    features = event_features(ev, trigger, 0.5, {}, 2017, 0.5)
    assert features["sentence:quoted"] == 1.0
    assert features["trigger:verbal"] == 1.0 and features["clause:reported"] == 1.0


def test_confidence_of_rises_and_falls_with_weights() -> None:
    model = ConfidenceModel(
        bias=0.0, weights={"type:ASSAULT": 1.0, "sentence:question": -2.0}, floor=0.3
    )
    assert confidence_of({"type:ASSAULT": 1.0}, model) == 0.73
    low = {"type:ASSAULT": 1.0, "sentence:question": 1.0}
    assert confidence_of(low, model) == 0.27
    assert "sentence:question" in (candidate_reason(low, model) or "")
    assert candidate_reason({"type:ASSAULT": 1.0}, model) is None


def test_event_of_barely_political_document_needs_the_higher_floor() -> None:
    """A document whose share of sentences naming a political actor is under
    low_relevance holds its events to low_relevance_floor; a political document
    and one too short to tell keep the ordinary floor."""
    model = ConfidenceModel(bias=0.0, floor=0.1, low_relevance=0.4, low_relevance_floor=0.6)
    even = {"type:ASSAULT": 1.0}  # estimate 0.5
    reason = candidate_reason(even, model, relevance=0.2)
    assert reason is not None and "low political relevance (0.20)" in reason
    assert candidate_reason(even, model, relevance=0.7) is None
    assert candidate_reason(even, model, relevance=None) is None


def test_shipped_low_relevance_floor_is_above_the_floor() -> None:
    model = load_confidence_model()
    assert 0.0 < model.low_relevance < 1.0
    assert model.floor < model.low_relevance_floor < 1.0


def _store_with_one_candidate(tmp_path: Path) -> Path:
    coded = doc(
        "d1",
        "Outlet",
        "2017-03-01",
        [
            event("kept", "ASSAULT", ["IRN"], ["RUS"], "Iran attacked Russia."),
            event("held", "AID", ["IRN"], [], "Iran gave them hope."),
        ],
    )
    coded.events[1] = replace(
        coded.events[1], confidence=0.1, candidate_reason="confidence below 0.30; lowered most by x"
    )
    coded.political_relevance = 0.75
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        write_batch(store, [coded], [], "run")
    return path


def test_write_sends_events_below_the_floor_to_candidates(tmp_path: Path) -> None:
    path = _store_with_one_candidate(tmp_path)
    with Store(path, read_only=True) as store:
        assert store.fetchall("SELECT id FROM events") == [("kept",)]
        assert store.fetchall(
            "SELECT id, reason LIKE 'confidence below%' FROM event_candidates"
        ) == [("held", True)]
        assert store.fetchone("SELECT political_relevance FROM documents") == (0.75,)
        page = query.candidate_page(store, query.EventFilters())
        assert [e["id"] for e in page["events"]] == ["held"] and page["total"] == 1
        assert [e["id"] for e in query.event_page(store, query.EventFilters())["events"]] == [
            "kept"
        ]


def test_cli_candidates_flags_list_and_export_them(tmp_path: Path) -> None:
    path = _store_with_one_candidate(tmp_path)
    runner = CliRunner()
    listed = runner.invoke(main, ["events", "--db", str(path), "--candidates", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert '"held"' in listed.output and '"kept"' not in listed.output
    out = tmp_path / "c.jsonl"
    exported = runner.invoke(
        main, ["export", "events", "--db", str(path), "--candidates", "-o", str(out)]
    )
    assert exported.exit_code == 0, exported.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and '"reason"' in lines[0]
    default = runner.invoke(main, ["export", "events", "--db", str(path)])
    assert '"kept"' in default.output and '"held"' not in default.output


def test_cli_export_candidates_of_another_kind_is_refused(tmp_path: Path) -> None:
    path = _store_with_one_candidate(tmp_path)
    result = CliRunner().invoke(main, ["export", "actors", "--db", str(path), "--candidates"])
    assert result.exit_code == 1 and "events only" in result.output
