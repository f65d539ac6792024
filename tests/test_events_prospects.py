"""Precision mechanisms (engineer E3): a venue is no side of a meeting; a noun of
chance or fear holds its event as a prospect; concessions handed over are
concessions; troops sent are a deployment; weapons tests are a show of force.
Sentences are made up."""

from __future__ import annotations

import pytest
from _events_helpers import code

pytestmark = pytest.mark.slow


def _of(events, type_name):
    return [e for e in events if e.type == type_name]


def test_meeting_venue_is_not_its_recipient(nlp, lexicon):
    talks = _of(code(nlp, lexicon, "Norway held talks on Monday in Canada."), "CONSULT")
    assert talks and all(r.country != "CAN" for e in talks for r in e.recipient)


def test_place_of_domestic_unrest_stays_its_recipient(nlp, lexicon):
    riots = _of(code(nlp, lexicon, "Police arrested dozens of students in Canada."), "COERCE")
    assert riots and [r.country for r in riots[0].recipient] == ["CAN"]


def test_possibility_of_sanctions_is_hypothetical(nlp, lexicon):
    events = _of(
        code(nlp, lexicon, "Ruritania faces the possibility of sanctions by Freedonia."),
        "SANCTION",
    )
    assert events and all(e.tense == "hypothetical" for e in events)


def test_threats_of_an_attack_are_no_attack_done(nlp, lexicon):
    events = _of(
        code(nlp, lexicon, "Ruritania spoke of threats of an attack by Freedonia."), "ASSAULT"
    )
    assert events and all(e.tense == "hypothetical" for e in events)


def test_any_attack_names_no_attack_done(nlp, lexicon):
    text = "Freedonia said any attack on Ruritania would be answered."
    events = _of(code(nlp, lexicon, text), "ASSAULT")
    assert events and all(e.tense != "actual" for e in events)


def test_an_actual_attack_stays_actual(nlp, lexicon):
    events = _of(code(nlp, lexicon, "Freedonia launched an attack on Ruritania."), "ASSAULT")
    assert events and events[0].tense == "actual"


def test_soldiers_sent_into_a_country_are_a_deployment_not_aid(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania sent soldiers into Freedonia to fight the rebels.")
    assert "AID" not in [e.type for e in events]
    mobilized = _of(events, "MOBILIZE")
    assert mobilized and mobilized[0].mode == "troops"
    assert [r.country for r in mobilized[0].recipient] == ["FRE"]


def test_granting_sanctions_relief_is_a_concession_not_aid(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania granted sanctions relief to Freedonia.")
    assert "AID" not in [e.type for e in events]
    conceded = _of(events, "CONCEDE")
    assert len(conceded) == 1 and [r.country for r in conceded[0].recipient] == ["FRE"]


def test_giving_aid_stays_aid(nlp, lexicon):
    assert "AID" in [e.type for e in code(nlp, lexicon, "Ruritania gave aid to Freedonia.")]


def test_weapons_test_is_a_show_of_force_not_an_assault(nlp, lexicon):
    for text in (
        "Ruritania test-fired a ballistic missile on Tuesday.",
        "Ruritania conducted a missile test on Tuesday.",
    ):
        types = [e.type for e in code(nlp, lexicon, text)]
        assert "ASSAULT" not in types and "MOBILIZE" in types, text


def test_condition_voiced_in_a_warning_leaves_the_warning_actual(nlp, lexicon):
    text = "Ruritania warned Freedonia of severe consequences if it buys the jets."
    threats = _of(code(nlp, lexicon, text), "THREATEN")
    assert threats and threats[0].tense == "actual"


def test_conditional_meeting_stays_hypothetical(nlp, lexicon):
    text = "Ruritania would meet with Freedonia if the talks resume."
    meetings = _of(code(nlp, lexicon, text), "CONSULT")
    assert meetings and meetings[0].tense != "actual"
