"""Role, intent and date mechanisms of the event coder, on made-up sentences."""

from __future__ import annotations

import pytest
from _events_helpers import code, countries

pytestmark = pytest.mark.slow


def of_type(nlp, lexicon, text, type_name, published=None):
    return [e for e in code(nlp, lexicon, text, published) if e.type == type_name]


def test_agent_of_object_noun_is_recipient(nlp, lexicon):
    found = of_type(nlp, lexicon, "Chile rejected the latest demands by Peru.", "REJECT")
    assert found and countries(found[0].recipient) == ["PER"]


def test_possessive_in_prepositional_object_binds_to_verb_object(nlp, lexicon):
    found = of_type(nlp, lexicon, "Russia thanked Iran for its support.", "SUPPORT")
    nominal = [e for e in found if e.evidence.trigger == "support"]
    assert nominal and countries(nominal[0].actor) == ["IRN"]


def test_seeking_to_is_an_aim_not_a_request(nlp, lexicon):
    assert not of_type(nlp, lexicon, "Russia is seeking to increase its influence.", "REQUEST")


def test_date_not_taken_from_coordinated_clause(nlp, lexicon):
    text = "Iran backs Russia, and Norway has not condemned the October 7 attack."
    events = code(nlp, lexicon, text, "2024-04-15")
    backing = [e for e in events if e.evidence.trigger == "backs"]
    assert backing and backing[0].date.start != "2023-10-07"


def test_recipient_of_embedded_infinitive(nlp, lexicon):
    found = of_type(nlp, lexicon, "Norway threatened to cut ties with Chile.", "THREATEN")
    assert found and countries(found[0].recipient) == ["CHL"]


def test_location_is_recipient_when_none_stated(nlp, lexicon):
    found = of_type(nlp, lexicon, "Chile lifted the night curfew in Peru.", "CONCEDE")
    assert found and countries(found[0].recipient) == ["PER"]


def test_stated_future_conflict_is_a_threat(nlp, lexicon):
    assert of_type(nlp, lexicon, "Canada said it would boycott the summit in Peru.", "THREATEN")


def test_stated_future_cooperation_is_a_promise(nlp, lexicon):
    found = of_type(nlp, lexicon, "Norway will give Peru a loan of ten million dollars.", "AGREE")
    assert found and countries(found[0].actor) == ["NOR"]
    assert countries(found[0].recipient) == ["PER"]


def test_possible_action_is_no_promise(nlp, lexicon):
    assert not of_type(nlp, lexicon, "Norway could give Peru a loan.", "AGREE")


def test_hyphenated_nationalities_both_act(nlp, lexicon):
    found = of_type(nlp, lexicon, "The Russian-Iranian attacks on Israel continued.", "ASSAULT")
    assert found and set(countries(found[0].actor)) == {"RUS", "IRN"}


def test_refusal_is_one_negative_action_not_a_rejection(nlp, lexicon):
    """DESIGN.md: "declined to condemn" is a condemnation that did not happen."""
    events = code(nlp, lexicon, "Norway refused to condemn Canada.")
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert accuse and accuse[0].polarity == "negative"
    assert countries(accuse[0].actor) == ["NOR"]
    assert not [e for e in events if e.type == "REJECT"]


def test_declining_a_meeting_is_a_negative_meeting(nlp, lexicon):
    events = code(nlp, lexicon, "Brazil declined to meet Chile.")
    assert [e.polarity for e in events if e.type == "CONSULT"] == ["negative"]


def test_negated_acceptance_is_a_rejection(nlp, lexicon):
    events = code(nlp, lexicon, "Peru will not accept the offer from Chile.")
    assert any(e.type == "AGREE" and e.polarity == "negative" for e in events)
    assert any(e.type == "REJECT" and e.polarity == "positive" for e in events)


def test_plain_negation_is_no_rejection(nlp, lexicon):
    events = code(nlp, lexicon, "Norway has not condemned Canada.")
    assert not [e for e in events if e.type == "REJECT"]


def test_protest_as_purpose_is_a_demonstration(nlp, lexicon):
    found = of_type(
        nlp, lexicon, "Thousands of farmers marched on Sunday to protest the tax.", "PROTEST"
    )
    assert found and found[0].mode == "demo"


def test_lodged_protest_is_diplomatic(nlp, lexicon):
    found = of_type(nlp, lexicon, "Chile lodged a formal protest with Peru.", "ACCUSE")
    assert found and found[0].mode == "disapprove"
