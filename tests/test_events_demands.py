"""Demands stated as reports (issue 13): "X said Y must withdraw" is a REQUEST
from X to Y. Made-up sentences; mentions placed by the helper's country words."""

from __future__ import annotations

import pytest
from _events_helpers import code

pytestmark = pytest.mark.slow


def requests(events):
    return [e for e in events if e.type == "REQUEST" and e.evidence.trigger in ("said", "says")]


def test_a_state_saying_another_must_act_requests_it(nlp, lexicon):
    events = code(nlp, lexicon, "Russia says Israel must end its strikes on Ruritania.")
    (request,) = requests(events)
    assert {r.country for r in request.actor} == {"RUS"}
    assert {r.country for r in request.recipient} == {"ISR"}


def test_should_obliges_as_must_does(nlp, lexicon):
    events = code(nlp, lexicon, "Iran said that France should withdraw its ambassador.")
    (request,) = requests(events)
    assert {r.country for r in request.recipient} == {"FRA"}


def test_a_speaker_obliging_itself_requests_nothing(nlp, lexicon):
    events = code(nlp, lexicon, "Russia said it must respond to the deployment.")
    assert requests(events) == []


def test_we_must_is_no_request(nlp, lexicon):
    events = code(nlp, lexicon, 'Russia said: "We must respond to the deployment in Norway."')
    assert requests(events) == []


def test_could_states_no_demand(nlp, lexicon):
    events = code(nlp, lexicon, "Russia says Israel could end its strikes on Ruritania.")
    assert requests(events) == []


def test_a_negated_report_states_no_demand(nlp, lexicon):
    events = code(nlp, lexicon, "Russia did not say that Israel must end its strikes.")
    assert requests(events) == []


def test_you_should_know_is_no_demand(nlp, lexicon):
    events = code(
        nlp, lexicon, 'Asked about Norway, Lavrov replied: "You should know we do not interfere."'
    )
    assert requests(events) == [] and not [e for e in events if e.evidence.trigger == "replied"]


def test_arguing_that_someone_should_act_is_an_opinion(nlp, lexicon):
    events = code(nlp, lexicon, "Analysts in Norway argue that Russia should withdraw its troops.")
    assert not [e for e in events if e.type == "REQUEST" and e.evidence.trigger == "argue"]
