"""PLOVER vocabulary and the syntax that picks a reading, on made-up sentences."""

from __future__ import annotations

import pytest
from _events_helpers import code, countries

pytestmark = pytest.mark.slow


def types_of(nlp, lexicon, text):
    return {(e.type, e.polarity) for e in code(nlp, lexicon, text)}


def first(nlp, lexicon, text, type_name):
    found = [e for e in code(nlp, lexicon, text) if e.type == type_name]
    assert found, f"no {type_name} in {text!r}"
    return found[0]


def test_upgrading_ties_is_support_and_needs_ties_as_object(nlp, lexicon):
    event = first(
        nlp, lexicon, "Ruritania and Freedonia upgraded their diplomatic ties.", "SUPPORT"
    )
    assert set(countries(event.actor)) == {"RUR", "FRE"}
    assert not code(nlp, lexicon, "Ruritania upgraded its old radar stations.")


def test_lifting_a_blockade_is_a_retreat_not_a_coercion(nlp, lexicon):
    found = types_of(nlp, lexicon, "Ruritania lifted the blockade on Freedonia's ports.")
    assert ("RETREAT", "positive") in found and ("COERCE", "positive") not in found


def test_a_lawsuit_is_an_accusation(nlp, lexicon):
    event = first(
        nlp, lexicon, "A Ruritania trader is suing Freedonia over the seized cargo.", "ACCUSE"
    )
    assert countries(event.recipient) == ["FRE"]


def test_reinforcing_forces_is_mobilization(nlp, lexicon):
    event = first(nlp, lexicon, "Ruritania reinforced its troops along the border.", "MOBILIZE")
    assert countries(event.actor) == ["RUR"]


def test_compound_event_noun_under_a_light_verb(nlp, lexicon):
    text = "Sylvania launched a mediation effort between Ruritania and Freedonia."
    event = first(nlp, lexicon, text, "CONSULT")
    assert event.mode == "third-party" and set(countries(event.recipient)) == {"RUR", "FRE"}
    assert "ASSAULT" not in {e.type for e in code(nlp, lexicon, text)}


def test_refusing_a_cooperative_act_is_also_a_rejection(nlp, lexicon):
    text = "Ruritania refused to withdraw its troops from Freedonia."
    found = types_of(nlp, lexicon, text)
    assert ("RETREAT", "negative") in found and ("REJECT", "positive") in found
    reject = first(nlp, lexicon, text, "REJECT")
    assert countries(reject.recipient) == ["FRE"]


def test_refusing_a_hostile_act_is_no_rejection(nlp, lexicon):
    found = types_of(nlp, lexicon, "Ruritania declined to condemn Freedonia.")
    assert ("ACCUSE", "negative") in found and not any(t == "REJECT" for t, _ in found)


def test_protest_lodged_with_a_state_is_aimed_at_it(nlp, lexicon):
    event = first(nlp, lexicon, "Ruritania lodged a formal protest with Freedonia.", "ACCUSE")
    assert countries(event.recipient) == ["FRE"]


@pytest.mark.parametrize(
    "text",
    [
        "Ruritania released a statement on Tuesday.",
        "The ministry shared photos of the parade.",
        "The new charter grants vast powers to the governor.",
    ],
)
def test_material_act_on_an_inert_thing_is_no_event(nlp, lexicon, text):
    assert not code(nlp, lexicon, text)


def test_welcoming_a_statement_is_still_support(nlp, lexicon):
    assert first(nlp, lexicon, "Ruritania welcomed the statement by Freedonia.", "SUPPORT")


def test_event_noun_as_a_modifier_is_no_event(nlp, lexicon):
    found = code(nlp, lexicon, "Ruritania jailed the protest leaders.")
    assert "PROTEST" not in {e.type for e in found}


def test_withdrawing_an_ambassador_is_a_sanction(nlp, lexicon):
    event = first(nlp, lexicon, "Ruritania withdrew its ambassador from Freedonia.", "SANCTION")
    assert countries(event.recipient) == ["FRE"]
    assert "RETREAT" not in {
        e.type for e in code(nlp, lexicon, "Ruritania withdrew its ambassador.")
    }


def test_sending_people_back_is_deportation(nlp, lexicon):
    event = first(nlp, lexicon, "Ruritania sent the refugees back to Freedonia.", "COERCE")
    assert event.mode == "deport"


def test_meeting_with_success_is_no_meeting(nlp, lexicon):
    assert "CONSULT" not in {e.type for e in code(nlp, lexicon, "The plan met with success.")}
    assert first(nlp, lexicon, "Ruritania met with Freedonia on Monday.", "CONSULT")


def test_backing_off_is_a_concession_not_support(nlp, lexicon):
    found = {
        e.type for e in code(nlp, lexicon, "Ruritania backed off its threats against Freedonia.")
    }
    assert "CONCEDE" in found and "SUPPORT" not in found


@pytest.mark.slow
def test_returning_asylum_seekers_is_deportation(nlp, lexicon):
    """Issue 13: "returning asylum seekers to Greece" was coded RETREAT-release."""
    text = "Ruritania returned the asylum seekers to Freedonia."
    assert [e.type for e in code(nlp, lexicon, text)] == ["COERCE"]
    text = "Ruritania returned the prisoners to Freedonia."
    assert [e.type for e in code(nlp, lexicon, text)] == ["RETREAT"]


@pytest.mark.slow
def test_investigation_of_someone_targets_them(nlp, lexicon):
    """Issue 13 (PLV recall): "opened an investigation of X" aims at X, as "into X" does."""
    events = code(nlp, lexicon, "Ruritania has launched an investigation of Freedonia.")
    (probe,) = [e for e in events if e.type == "ACCUSE"]
    assert countries(probe.recipient) == ["FRE"]


@pytest.mark.slow
def test_deploying_peacekeepers_is_aid(nlp, lexicon):
    """Issue 13 (PLV recall): PLOVER codes personnel sent to help as AID, not MOBILIZE."""
    text = "Ruritania is sending troops to the UN peacekeeping force in Freedonia."
    assert [e.type for e in code(nlp, lexicon, text)] == ["AID"]
    text = "Ruritania deployed troops along the border with Freedonia."
    assert [e.type for e in code(nlp, lexicon, text)] == ["MOBILIZE"]


@pytest.mark.slow
def test_struck_down_by_a_court_and_met_commitments_are_no_events(nlp, lexicon):
    """Issue 13: the whole 2017 store had 12 "struck down" ASSAULTs (all court rulings)
    and 8 CONSULTs for meeting a goal or a commitment."""
    text = "A court in Ruritania struck down portions of the order on Freedonia."
    assert "ASSAULT" not in [e.type for e in code(nlp, lexicon, text)]
    text = "Ruritania struggled to meet its commitments to Freedonia."
    assert "CONSULT" not in [e.type for e in code(nlp, lexicon, text)]


def test_voicing_concern_over_a_state_is_a_mild_accusation(nlp, lexicon):
    """issue 13 (key events 2017): "Mexico expressed concern over deportations" was missed."""
    events = code(nlp, lexicon, "Peru expressed concern over Chile's new border rules.")
    (concern,) = [e for e in events if e.evidence.trigger == "expressed"]
    assert (concern.type, concern.mode) == ("ACCUSE", "disapprove")
    assert {a.country for a in concern.actor} == {"PER"}
    assert {r.country for r in concern.recipient} == {"CHL"}


def test_retaking_a_town_is_an_assault_as_capturing_it_is(nlp, lexicon):
    """'retook' keeps its form as lemma: the ground-taking row must name it too."""
    events = code(nlp, lexicon, "Peruvian troops retook the border town from Chilean forces.")
    (retaking,) = [e for e in events if e.evidence.trigger == "retook"]
    assert retaking.type == "ASSAULT"
    assert {a.country for a in retaking.actor} == {"PER"}


def test_refusing_to_recognise_a_referendum_is_a_rejection(nlp, lexicon):
    events = code(nlp, lexicon, "Russia will not recognize the results of the referendum in Peru.")
    assert any(e.type == "REJECT" and {a.country for a in e.actor} == {"RUS"} for e in events)


def test_denying_a_charge_rejects_it_and_its_maker(nlp, lexicon):
    events = code(nlp, lexicon, "Russia denied allegations made by Peru that it armed the rebels.")
    (denial,) = [e for e in events if e.type == "REJECT"]
    assert {a.country for a in denial.actor} == {"RUS"}
    assert {r.country for r in denial.recipient} == {"PER"}
    assert not [e for e in code(nlp, lexicon, "Russia denied Peru a visa.") if e.type == "ASSAULT"]
