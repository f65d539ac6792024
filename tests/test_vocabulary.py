"""One vocabulary (issue 16): the CLI's choices, the API's checks, /api/vocabulary and the
glossary name the same certainties, polarities, tenses, types and relation kinds."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from fastapi.testclient import TestClient
from map_fixtures import doc, event, store_of

from entente import vocabulary
from entente.cli import main
from entente.errors import UsageError
from entente.query import event_filters
from entente.web import create_app

GLOSSARY = Path(__file__).parents[1] / "docs" / "glossary.md"


def _choices(command: str, option: str) -> tuple[str, ...]:
    params = {p.name: p for p in main.commands[command].params}
    choice = params[option].type
    assert isinstance(choice, click.Choice)
    return tuple(choice.choices)


def test_vocabulary_cli_choices_are_the_vocabulary() -> None:
    assert _choices("events", "certainty") == vocabulary.CERTAINTIES
    assert _choices("events", "polarity") == vocabulary.POLARITIES
    assert _choices("claims", "certainty") == vocabulary.CERTAINTIES
    assert _choices("map", "kind") == vocabulary.relation_kinds()
    assert _choices("map", "certainty") == vocabulary.RELATION_CERTAINTIES


def test_vocabulary_relation_kinds_come_from_the_data() -> None:
    assert set(vocabulary.relation_kinds()) >= {
        "arms_supplier_of",
        "backs",
        "partner_of",
        "adversary_of",
    }


def test_vocabulary_api_checks_refuse_words_outside_it() -> None:
    with pytest.raises(UsageError, match="Choose from: asserted, reported"):
        event_filters(certainty="probable")
    with pytest.raises(UsageError, match="No event type FLY"):
        event_filters(types="FLY")
    assert event_filters(certainty=",".join(vocabulary.CERTAINTIES)).certainty == (
        vocabulary.CERTAINTIES
    )


def test_vocabulary_served_to_the_page(tmp_path: Path) -> None:
    path = tmp_path / "v.duckdb"
    with store_of(
        path, [doc("d-1", "a.com", "2024-01-01", [event("e-1", "AID", ["IRN"], ["RUS"], "x")])]
    ):
        pass
    with TestClient(create_app(path), base_url="http://127.0.0.1") as client:
        body = client.get("/api/vocabulary").json()
    assert body["certainties"] == list(vocabulary.CERTAINTIES)
    assert body["relation_kinds"] == list(vocabulary.relation_kinds())
    codes = {t["code"]: t for t in body["types"]}
    assert codes["AID"]["quad"] == "material_coop" and "visit" in codes["CONSULT"]["modes"]


def test_vocabulary_every_word_is_in_the_glossary() -> None:
    text = GLOSSARY.read_text(encoding="utf-8")
    words = [
        *vocabulary.CERTAINTIES,
        *vocabulary.POLARITIES,
        *vocabulary.TENSES,
        *vocabulary.relation_kinds(),
    ]
    assert [w for w in words if f"`{w}`" not in text] == []
