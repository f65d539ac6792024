"""Senses of trigger words and statements that decide an event's type (issue 13,
session 12): a missile launched at no target is a weapons launch, agreeing with
someone's view is no agreement, and saying another's act is a wrong accuses them."""

from __future__ import annotations

import pytest
from _events_helpers import code, countries, types_of

pytestmark = pytest.mark.slow


def by_type(events, type_name):
    return [e for e in events if e.type == type_name]


def test_a_missile_launched_at_no_target_is_a_weapons_launch(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania launched two ballistic missiles on Sunday.")
    (launch,) = by_type(events, "MOBILIZE")
    assert launch.mode == "weapons" and countries(launch.actor) == ["RUR"]
    assert not by_type(events, "ASSAULT")


def test_a_missile_fired_into_the_sea_is_still_no_attack(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania fired a missile into the sea on Sunday.")
    assert by_type(events, "MOBILIZE") and not by_type(events, "ASSAULT")


def test_missiles_fired_at_a_target_are_an_attack(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania fired missiles at Freedonia's warships.")
    (attack,) = by_type(events, "ASSAULT")
    assert countries(attack.actor) == ["RUR"]


def test_missiles_that_hit_something_are_an_attack(nlp, lexicon):
    events = code(
        nlp, lexicon, "Missiles fired by Ruritania's army hit a market in Freedonia on Friday."
    )
    assert by_type(events, "ASSAULT") and not by_type(events, "MOBILIZE")


def test_agreeing_with_a_leader_is_no_agreement(nlp, lexicon):
    events = code(
        nlp,
        lexicon,
        "The Ruritania foreign minister agreed with the Freedonia president on Friday.",
    )
    assert not by_type(events, "AGREE")


def test_agreeing_with_a_state_to_act_is_an_agreement(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania agreed with Freedonia to open the border.")
    (agreement,) = by_type(events, "AGREE")
    assert countries(agreement.actor) == ["RUR"] and countries(agreement.recipient) == ["FRE"]


def test_agreeing_with_a_state_on_a_matter_is_an_agreement(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania agreed with Freedonia on a ceasefire.")
    assert by_type(events, "AGREE")


def test_saying_another_states_move_is_a_provocation_accuses_it(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania said the Freedonia sanctions were a provocation.")
    accusations = [e for e in by_type(events, "ACCUSE") if e.mode == "disapprove"]
    assert accusations and countries(accusations[0].actor) == ["RUR"]
    assert countries(accusations[0].recipient) == ["FRE"]


def test_describing_an_act_as_an_act_of_aggression_accuses(nlp, lexicon):
    events = code(
        nlp, lexicon, "Ruritania described the Freedonia decision as an act of aggression."
    )
    assert [e for e in by_type(events, "ACCUSE") if countries(e.actor) == ["RUR"]]


def test_saying_something_would_be_illegal_accuses_no_one(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania said it would be illegal to close the Freedonia camp.")
    assert not by_type(events, "ACCUSE")


def test_saying_a_reminder_of_a_threat_accuses_no_one(nlp, lexicon):
    events = code(
        nlp, lexicon, "Ruritania said the arrest was a reminder of the threat from Freedonia."
    )
    assert not by_type(events, "ACCUSE")


def test_holding_a_state_responsible_accuses_it(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania holds Freedonia responsible for the escalation.")
    (accusation,) = by_type(events, "ACCUSE")
    assert countries(accusation.actor) == ["RUR"] and countries(accusation.recipient) == ["FRE"]


def test_saying_a_group_was_responsible_accuses_it(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania said Freedonia militants were responsible.")
    (accusation,) = by_type(events, "ACCUSE")
    assert countries(accusation.actor) == ["RUR"]


def test_a_joint_press_conference_with_a_leader_is_a_meeting(nlp, lexicon):
    events = code(
        nlp,
        lexicon,
        "The Ruritania minister spoke at a joint press conference with the Freedonia president.",
    )
    (meeting,) = by_type(events, "CONSULT")
    assert countries(meeting.actor) == ["RUR"] and countries(meeting.recipient) == ["FRE"]


def test_a_press_conference_alone_meets_no_one(nlp, lexicon):
    events = code(nlp, lexicon, "The Ruritania minister spoke at a press conference on Monday.")
    assert not by_type(events, "CONSULT")


def test_an_official_arriving_in_a_state_visits_it(nlp, lexicon):
    events = code(nlp, lexicon, "The Ruritania foreign minister arrived in Freedonia on Monday.")
    (visit,) = by_type(events, "CONSULT")
    assert visit.mode == "visit" and countries(visit.recipient) == ["FRE"]


def test_an_opening_with_phrase_is_no_partner_of_an_agreement(nlp, lexicon):
    text = "With the approval by the cabinet meeting, the government of Ruritania formally agreed."
    assert by_type(code(nlp, lexicon, text), "AGREE")


def test_agreeing_a_deal_is_reaching_it(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania and Freedonia agreed a trade deal on Monday.")
    assert by_type(events, "SUPPORT") and not by_type(events, "AGREE")


def test_declaring_someone_not_guilty_accuses_no_one(nlp, lexicon):
    events = code(nlp, lexicon, "The Ruritania court declared the Freedonia envoy not guilty.")
    assert not by_type(events, "ACCUSE")


def test_speaking_at_a_press_conference_alone_is_no_meeting(nlp, lexicon):
    events = code(
        nlp, lexicon, "Ruritania's foreign ministry spokeswoman said at a regular news conference."
    )
    assert not by_type(events, "CONSULT")


# --- session 13: easing, ending a strike, taking a place


def test_cancelling_ones_restrictions_eases_them(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania cancelled its visa restrictions on Freedonia.")
    (easing,) = by_type(events, "CONCEDE")
    assert countries(easing.actor) == ["RUR"]


def test_refusing_to_remove_a_ban_concedes_nothing(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania refused to remove its ban on Freedonian imports.")
    assert by_type(events, "REJECT")
    assert all(e.polarity == "negative" for e in by_type(events, "CONCEDE"))


def test_workers_calling_off_their_strike_yield(nlp, lexicon):
    events = code(nlp, lexicon, "Dock workers in Ruritania called off their strike on Monday.")
    assert by_type(events, "CONCEDE")


def test_seizing_a_town_is_an_attack(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania's army seized the town of Brava on Sunday.")
    (attack,) = by_type(events, "ASSAULT")
    assert countries(attack.actor) == ["RUR"] and not by_type(events, "COERCE")


def test_seizing_a_ship_is_still_a_seizure(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania's navy seized a Freedonian ship on Sunday.")
    assert by_type(events, "COERCE") and not by_type(events, "ASSAULT")


# --- session 13: phone calls, rallies that are no protest


def test_a_leader_phoning_another_consults_them(nlp, lexicon):
    events = code(
        nlp, lexicon, "Ruritania's president phoned Freedonia's prime minister on Monday."
    )
    (call,) = by_type(events, "CONSULT")
    assert call.mode == "phone" and countries(call.actor) == ["RUR"]
    assert countries(call.recipient) == ["FRE"]


def test_a_private_phone_call_is_no_meeting(nlp, lexicon):
    assert not by_type(code(nlp, lexicon, "My brother phoned me on Monday."), "CONSULT")


def test_a_campaign_rally_is_no_protest(nlp, lexicon):
    events = code(
        nlp, lexicon, "Ruritania's president held a campaign rally in Freedonia on Monday."
    )
    assert not by_type(events, "PROTEST")


def test_rallying_voters_is_no_protest(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania's ministers are rallying voters in Freedonia this week.")
    assert not by_type(events, "PROTEST")


def test_a_rally_against_a_government_is_still_a_protest(nlp, lexicon):
    events = code(
        nlp, lexicon, "Thousands of students rallied against Ruritania's government on Sunday."
    )
    assert by_type(events, "PROTEST")


def test_delivering_criticism_accuses_and_gives_nothing(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania's spokesman delivered its criticism of Freedonia's ban.")
    assert by_type(events, "ACCUSE") and not by_type(events, "AID")


def test_delivering_strikes_is_an_attack(nlp, lexicon):
    events = code(
        nlp, lexicon, "Ruritania's air force delivered strikes on Freedonia's border posts."
    )
    assert by_type(events, "ASSAULT") and not by_type(events, "AID")


def test_saying_allegations_are_lies_denies_them(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania said the allegations were lies.")
    (denial,) = by_type(events, "REJECT")
    assert countries(denial.actor) == ["RUR"] and not by_type(events, "ACCUSE")


def test_a_conjoined_copula_still_judges_its_subject(nlp, lexicon):
    events = code(
        nlp,
        lexicon,
        "Freedonia's claims that troops were moved, and that villages are shelled, are lies, "
        "Ruritania said on Monday.",
    )
    assert by_type(events, "REJECT")


def test_blocking_a_resolution_rejects_it(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania blocked the resolution on Freedonia on Monday.")
    (refusal,) = by_type(events, "REJECT")
    assert countries(refusal.actor) == ["RUR"] and not by_type(events, "PROTEST")


def test_laying_down_arms_is_disarming(nlp, lexicon):
    events = code(nlp, lexicon, "The Ruritania Liberation Army laid down its weapons on Monday.")
    (disarming,) = by_type(events, "RETREAT")
    assert disarming.mode == "disarm"
    events = code(nlp, lexicon, "Ruritania gave up its nuclear weapons in 1994.")
    assert [e.mode for e in by_type(events, "RETREAT")] == ["disarm"]
    assert not by_type(events, "CONCEDE")


def test_laying_down_the_law_is_no_event(nlp, lexicon):
    assert not code(nlp, lexicon, "The Ruritania president laid down the law to his staff.")


def test_a_counted_object_is_what_it_counts(nlp, lexicon):
    # "a number of" is an inert object on its own ("released a number"); what it
    # counts is the stake, and a row that names its objects sees it
    events = code(nlp, lexicon, "Ruritania expelled a number of Freedonia's diplomats.")
    (expulsion,) = by_type(events, "SANCTION")
    assert countries(expulsion.actor) == ["RUR"] and countries(expulsion.recipient) == ["FRE"]
    events = code(nlp, lexicon, "Ruritania withdrew a batch of 200 peacekeepers from Freedonia.")
    assert [e.mode for e in by_type(events, "SANCTION")] == ["withdraw"]
    assert not by_type(events, "RETREAT")


def test_a_row_naming_a_counting_word_still_sees_it(nlp, lexicon):
    # "convoy" and "shipment" count things, and rows name them as objects themselves
    assert "ASSAULT" in types_of(nlp, lexicon, "Ruritania hit a convoy of aid trucks.")
    assert "COERCE" in types_of(nlp, lexicon, "Ruritania prevented a shipment of weapons.")


def test_a_counted_thing_that_is_no_stake_stays_inert(nlp, lexicon):
    assert not code(nlp, lexicon, "The Ruritania ministry released a number of documents.")


def test_a_deployment_on_a_peacekeeping_mission_is_aid(nlp, lexicon):
    # the parse hangs "on a peacekeeping mission" on "announced", not on the deployment
    text = (
        "Ruritania on Saturday announced the deployment of 230 troops, including 19 officers, "
        "to Freedonia on a peacekeeping mission."
    )
    events = code(nlp, lexicon, text)
    assert by_type(events, "AID") and not by_type(events, "MOBILIZE")


def test_calling_an_act_troubling_accuses_its_doer(nlp, lexicon):
    # the parse hangs the quoted adjectives on the object ("these actions \"unnecessary")
    events = code(
        nlp, lexicon, 'Ruritania\'s minister called these actions "unnecessary and troubling".'
    )
    (accusation,) = by_type(events, "ACCUSE")
    assert countries(accusation.actor) == ["RUR"]


def test_describing_a_claim_as_shameful_accuses_its_maker(nlp, lexicon):
    events = code(
        nlp, lexicon, 'The Ruritania premier described the Freedonia claim as "shameful".'
    )
    (accusation,) = by_type(events, "ACCUSE")
    assert countries(accusation.actor) == ["RUR"] and countries(accusation.recipient) == ["FRE"]


def test_calling_allegations_absurd_denies_them(nlp, lexicon):
    events = code(nlp, lexicon, 'Ruritania called the allegations "absurd" on Monday.')
    (denial,) = by_type(events, "REJECT")
    assert countries(denial.actor) == ["RUR"] and not by_type(events, "ACCUSE")


def test_blocking_someone_from_acting_restricts_them(nlp, lexicon):
    # as "prevented them from speaking" does: no obstruction by protesters
    events = code(
        nlp, lexicon, "Ruritania blocked the Freedonia ambassador from returning to his post."
    )
    (restriction,) = by_type(events, "COERCE")
    assert restriction.mode == "restrict" and countries(restriction.actor) == ["RUR"]
    assert countries(restriction.recipient) == ["FRE"] and not by_type(events, "PROTEST")


def test_denying_a_charge_is_a_rejection_and_the_act_stays_denied(nlp, lexicon):
    events = code(nlp, lexicon, "Ruritania denied that its army had shelled Freedonia's villages.")
    (denial,) = by_type(events, "REJECT")
    assert countries(denial.actor) == ["RUR"] and not denial.recipient
    (shelling,) = by_type(events, "ASSAULT")
    assert shelling.certainty == "denied"
