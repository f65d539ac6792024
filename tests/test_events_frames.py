"""Frames that carry two events or move a side (issue 13): a request and the act it
asks for, an event blamed on someone, an attack in words, a declared act."""

from __future__ import annotations

import pytest
from _events_helpers import code, countries

pytestmark = pytest.mark.slow


def by_type(events, type_name):
    return [e for e in events if e.type == type_name]


def test_call_on_to_release_is_a_request_to_the_addressee(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania called on Freedonia to release the journalists.")
    (request,) = by_type(events, "REQUEST")
    assert countries(request.actor) == ["RUR"] and countries(request.recipient) == ["FRE"]
    assert request.mode == "yield"
    assert not by_type(events, "RETREAT")  # asked for, not done


def test_urge_to_hold_talks_is_a_request_to_meet(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania urged Freedonia to hold talks with Sylvania.")
    (request,) = by_type(events, "REQUEST")
    assert request.mode == "meet" and countries(request.recipient) == ["FRE"]
    assert not by_type(events, "CONSULT")


def test_seeking_to_mediate_is_an_aim_and_keeps_its_act(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania is seeking to mediate between Freedonia and Sylvania.")
    assert not by_type(events, "REQUEST")


def test_blamed_on_makes_the_blamed_the_doer(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania blamed the bombing on Freedonia.")
    (accusation,) = by_type(events, "ACCUSE")
    assert countries(accusation.recipient) == ["FRE"]
    (bombing,) = by_type(events, "ASSAULT")
    assert countries(bombing.actor) == ["FRE"] and not bombing.recipient
    assert bombing.certainty == "alleged"


def test_scathing_attack_is_an_accusation(nlp, lexicon):
    text = "Ruritania's president launched a scathing attack on Freedonia."
    events = code(nlp, lexicon, text)
    assert by_type(events, "ACCUSE") and not by_type(events, "ASSAULT")


def test_attack_without_verbal_modifier_stays_an_assault(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania launched an attack on Freedonia.")
    assert by_type(events, "ASSAULT") and not by_type(events, "ACCUSE")


def test_launching_a_product_is_no_event(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania launched a new television channel.")
    assert not events


def test_declared_ceasefire_has_the_declarer_as_actor(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania declared a ceasefire in Freedonia.")
    (truce,) = by_type(events, "RETREAT")
    assert countries(truce.actor) == ["RUR"]


def test_object_naming_people_is_the_target_by_name(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania detained 18 people.")
    (arrest,) = by_type(events, "COERCE")
    assert [r.name for r in arrest.recipient] == ["18 people"]
    assert arrest.recipient[0].actor_id is None  # no actor of the map


def test_object_naming_a_thing_is_no_target(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania seized the documents.")
    assert all(not e.recipient for e in by_type(events, "COERCE"))


def test_known_recipient_wins_over_a_named_object(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania detained 18 people from Freedonia.")
    (arrest,) = by_type(events, "COERCE")
    assert countries(arrest.recipient) == ["FRE"]


def test_stated_refusal_of_a_cooperative_act_is_a_rejection(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania will not release the Freedonian prisoners.")
    (rejection,) = by_type(events, "REJECT")
    assert countries(rejection.actor) == ["RUR"] and rejection.tense == "actual"
    (release,) = by_type(events, "RETREAT")
    assert release.polarity == "negative"


def test_stated_future_release_is_no_rejection(nlp, lexicon):
    assert not by_type(code(nlp, lexicon, "Ruritania will release the prisoners."), "REJECT")


def test_stated_refusal_to_stop_is_a_rejection(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania will not stop its attacks on Freedonia.")
    (rejection,) = by_type(events, "REJECT")
    assert countries(rejection.actor) == ["RUR"] and rejection.tense == "actual"


def test_labour_strike_is_a_protest(nlp, lexicon):
    text = "The unions of Ruritania called a nationwide strike against Freedonia."
    events = code(nlp, lexicon, text)
    assert by_type(events, "PROTEST") and not by_type(events, "ASSAULT")


@pytest.mark.parametrize(
    "text",
    [
        "Nurses in Ruritania are threatening to strike over pay.",
        "Taxi drivers in Ruritania were striking in solidarity with the protesters.",
        "A strike by bus drivers in Ruritania stopped traffic.",
        "Doctors in Ruritania began a strike in December to demand higher pay.",
        "Unions in Ruritania announced strike action against Freedonia.",
    ],
)
def test_strike_by_workers_is_a_protest(nlp, lexicon, text):
    """Session 9: "nurses are threatening to strike", "taxi drivers were striking",
    "doctors began a strike" were coded ASSAULT: who strikes makes it a stoppage of work."""
    events = code(nlp, lexicon, text)
    protests = by_type(events, "PROTEST")
    assert protests and all(e.mode == "strike" for e in protests)
    assert not by_type(events, "ASSAULT")


@pytest.mark.parametrize(
    "text",
    [
        "Workers in Ruritania struck a policeman on Monday.",
        "The rebels could strike again in Freedonia.",
        "Ruritania carried out air strikes on Freedonia.",
    ],
)
def test_strike_with_a_target_or_armed_doer_stays_an_assault(nlp, lexicon, text):
    events = code(nlp, lexicon, text)
    assert by_type(events, "ASSAULT") and not by_type(events, "PROTEST")


def test_military_strike_stays_an_assault(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania carried out a strike on Freedonia.")
    assert by_type(events, "ASSAULT") and not by_type(events, "PROTEST")


def test_ordered_detained_has_the_orderer_as_actor(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania ordered Freedonia's ambassador detained.")
    (arrest,) = by_type(events, "COERCE")
    assert countries(arrest.actor) == ["RUR"] and countries(arrest.recipient) == ["FRE"]


def test_spokesman_for_a_body_acts_for_it(nlp, lexicon):
    events = code(nlp, lexicon, "A spokesman for the Ruritania government condemned Freedonia.")
    (accusation,) = by_type(events, "ACCUSE")
    assert countries(accusation.actor) == ["RUR"]


def test_attack_in_words_between_people_is_an_accusation(nlp, lexicon):
    """Issue 13: "McCain attacked Paul, accusing him" was coded ASSAULT."""
    text = "John Smith attacked Ruritania's Bob Jones on Wednesday, accusing him of lying."
    events = code(nlp, lexicon, text)
    assert "ASSAULT" not in [e.type for e in events]
    text = "Ruritania attacked Freedonia positions, saying it was responding to rocket fire."
    assert "ASSAULT" in [e.type for e in code(nlp, lexicon, text)]


def test_attack_on_a_thing_of_words_is_an_accusation(nlp, lexicon):
    """Issue 13: "Trump's public attacks on the judiciary branch" was coded ASSAULT."""
    text = "Freedonia criticised Ruritania's attacks on the media and the judiciary."
    assert "ASSAULT" not in [e.type for e in code(nlp, lexicon, text)]
    text = "Ruritania's attacks on Freedonia killed dozens."
    assert "ASSAULT" in [e.type for e in code(nlp, lexicon, text)]


def test_giving_an_impulse_is_no_aid(nlp, lexicon):
    """Issue 13, gating class 4: momentum, impetus, a voice or shock waves are given
    or sent only in words (31 events of the whole 2017 store, all read wrong)."""
    for text in (
        "Ruritania gave a much-needed impetus to the talks with Freedonia.",
        "Ruritania's raids sent shock waves through Freedonia.",
        "Ruritania wants to provide a jolt of momentum to its agenda.",
    ):
        assert not by_type(code(nlp, lexicon, text), "AID"), text


def test_giving_weapons_stays_aid(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania gave weapons to Freedonia.")
    (aid,) = by_type(events, "AID")
    assert countries(aid.recipient) == ["FRE"]


def test_killing_jobs_is_no_assault(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania's plan will kill coal-mining jobs.")
    assert not by_type(events, "ASSAULT")


def test_a_spending_programme_backs_no_party(nlp, lexicon):
    """Issue 13, gating class 5: a budget, programme or fund acts on no party."""
    events = code(nlp, lexicon, "The Ruritanian programme supports Freedonia.")
    assert not by_type(events, "SUPPORT")
