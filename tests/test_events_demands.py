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


# -- orders: "X ordered Y to act" (command_verbs.txt) ------------------------------


def _orders(events):
    return [e for e in events if e.type == "REQUEST" and e.evidence.trigger in ("ordered", "told")]


def test_ordering_someone_to_act_requests_it_of_them(nlp, lexicon):
    events = code(nlp, lexicon, "Russia ordered Norway to close its consulate in Moscow.")
    (order,) = _orders(events)
    assert {a.country for a in order.actor} == {"RUS"}
    assert {r.country for r in order.recipient} == {"NOR"}


def test_telling_without_a_to_clause_is_no_order(nlp, lexicon):
    events = code(nlp, lexicon, "Russia told Norway that the consulate would close.")
    assert _orders(events) == []


def test_a_negated_order_is_no_request(nlp, lexicon):
    events = code(nlp, lexicon, "Russia did not order Norway to close its consulate.")
    assert _orders(events) == []


# -- headline passives: "X accused of Y" (charging_verbs.tsv) ----------------------


def test_headline_passive_makes_the_subject_the_accused(nlp, lexicon):
    """issue 13: "Peru accused of arming ..." coded Peru as the accuser."""
    events = code(nlp, lexicon, "Peru accused of arming Ruritanian rebels")
    (accuse,) = [e for e in events if e.type == "ACCUSE"]
    assert accuse.actor == [] and {r.country for r in accuse.recipient} == {"PER"}
    (arming,) = [e for e in events if e.type == "AID"]
    assert {a.country for a in arming.actor} == {"PER"} and arming.certainty == "alleged"


def test_an_active_accusation_keeps_its_accuser(nlp, lexicon):
    events = code(nlp, lexicon, "Peru accused Chile of arming Ruritanian rebels.")
    (accuse,) = [e for e in events if e.type == "ACCUSE"]
    assert {a.country for a in accuse.actor} == {"PER"}
    assert {r.country for r in accuse.recipient} == {"CHL"}


def test_a_conviction_is_an_accusation_and_if_convicted_names_no_accuser(nlp, lexicon):
    events = code(nlp, lexicon, "A Russian court convicted a Norwegian diplomat of spying.")
    (convict,) = [e for e in events if e.evidence.trigger == "convicted"]
    assert convict.type == "ACCUSE" and {a.country for a in convict.actor} == {"RUS"}
    events = code(nlp, lexicon, "Two Norwegian diplomats face prison in Russia if convicted.")
    assert all(a.country != "NOR" for e in events for a in e.actor)
