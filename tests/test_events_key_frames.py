"""Frames an analyst lists as key events that no row read before session 10 (issue 13):
assurances, support stated again, balking, rights revoked; and (session 11) the senses of
"offer" and "prevent" that state an act, and who takes part in a meeting that is the occasion
of what a clause tells ("agreed in a phone call")."""

from __future__ import annotations

import pytest
from _events_helpers import code, countries

pytestmark = pytest.mark.slow


def by_type(events, type_name):
    return [e for e in events if e.type == type_name]


def test_assuring_a_state_is_support_for_it(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania assured Freedonia that it would not attack.")
    (support,) = by_type(events, "SUPPORT")
    assert countries(support.actor) == ["RUR"] and countries(support.recipient) == ["FRE"]


def test_assuring_reporters_is_no_event(nlp, lexicon):
    events = code(nlp, lexicon, "The Ruritania spokesman assured reporters that all was well.")
    assert not by_type(events, "SUPPORT")


def test_reaffirmed_commitment_is_support(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania reaffirmed its commitment to Freedonia.")
    (support,) = by_type(events, "SUPPORT")
    assert countries(support.actor) == ["RUR"] and countries(support.recipient) == ["FRE"]


def test_balking_at_a_demand_is_a_rejection(nlp, lexicon):
    events = code(nlp, lexicon, "Freedonia balked at the demand from Ruritania.")
    (rejection,) = by_type(events, "REJECT")
    assert countries(rejection.actor) == ["FRE"]


def test_revoking_a_licence_restricts_its_holder(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania revoked the licence of a Freedonia broadcaster.")
    (measure,) = by_type(events, "COERCE")
    assert measure.mode == "restrict" and countries(measure.actor) == ["RUR"]


def test_a_commitment_reaffirmed_is_aimed_at_whom_it_is_to_not_its_owner(nlp, lexicon):
    events = code(nlp, lexicon, "The minister reaffirmed Ruritania's commitment to Freedonia.")
    (support,) = by_type(events, "SUPPORT")
    assert countries(support.recipient) == ["FRE"]


def test_taking_part_in_talks_makes_the_joiner_their_party(nlp, lexicon):
    events = code(nlp, lexicon, "Freedonia took part in talks with Ruritania.")
    (talks,) = by_type(events, "CONSULT")
    assert countries(talks.actor) == ["FRE"] and countries(talks.recipient) == ["RUR"]


def test_joining_drills_is_cooperation_by_the_joiner(nlp, lexicon):
    events = code(nlp, lexicon, "The Ruritania navy will take part in joint drills with Freedonia.")
    (drills,) = by_type(events, "COOPERATE")
    assert countries(drills.actor) == ["RUR"] and drills.tense == "future"


def test_committing_killings_is_the_killing_not_a_promise(nlp, lexicon):
    events = code(nlp, lexicon, "The Ruritania army committed mass killings in Freedonia.")
    assert not by_type(events, "AGREE")
    (killing,) = by_type(events, "ASSAULT")
    assert countries(killing.actor) == ["RUR"]


def test_committing_crimes_or_suicide_promises_nothing(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania committed war crimes and its leader committed suicide.")
    assert not by_type(events, "AGREE")


def test_a_denied_clause_keeps_its_event_denied(nlp, lexicon):
    events = code(nlp, lexicon, "The Kremlin denied that Russia supplied the rebels.")
    (aid,) = by_type(events, "AID")
    assert aid.certainty == "denied"


def test_offering_a_thing_that_is_no_act_is_no_promise(nlp, lexicon):
    events = code(nlp, lexicon, "The Ruritania statement offered a glimpse of its new policy.")
    assert not by_type(events, "AGREE")


def test_offering_to_act_stays_a_promise(nlp, lexicon):
    events = code(
        nlp, lexicon, "Ruritania offered to mediate between Freedonia and its neighbours."
    )
    (promise,) = by_type(events, "AGREE")
    assert countries(promise.actor) == ["RUR"]


def test_offering_an_act_is_that_act(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania offered military assistance to Freedonia.")
    (aid,) = by_type(events, "AID")
    assert countries(aid.actor) == ["RUR"] and countries(aid.recipient) == ["FRE"]


def test_preventing_an_aim_is_no_measure(nlp, lexicon):
    events = code(
        nlp, lexicon, "Ruritania is working with Freedonia to prevent clashes at the border."
    )
    assert not by_type(events, "COERCE")


def test_preventing_a_party_from_acting_restricts_it(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania prevented Freedonia ministers from speaking at rallies.")
    (measure,) = by_type(events, "COERCE")
    assert measure.mode == "restrict" and countries(measure.actor) == ["RUR"]


def test_who_agreed_in_a_phone_call_took_part_in_it(nlp, lexicon):
    events = code(
        nlp, lexicon, "Ruritania and Freedonia agreed in a phone call to reopen the border."
    )
    (call,) = by_type(events, "CONSULT")
    assert call.mode == "phone" and sorted(countries(call.actor)) == ["FRE", "RUR"]


def test_who_detained_people_at_their_meeting_took_no_part_in_it(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania police detained Freedonia activists at a meeting.")
    assert not [e for e in by_type(events, "CONSULT") if e.actor]
