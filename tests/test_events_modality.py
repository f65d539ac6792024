"""Precision of the event coder, issue 4: doers that make no political event
(weather, animals, private crowds), negation by "no longer", refusal words and
denied intents, evidence that is offered (or not), and events hoped for or
foreseen. Sentences are made up."""

from __future__ import annotations

import pytest
from _events_helpers import code, types_of

pytestmark = pytest.mark.slow


def only(nlp, lexicon, text: str, type_name: str):
    found = [e for e in code(nlp, lexicon, text) if e.type == type_name]
    assert found, f"no {type_name} in {text!r}"
    return found[0]


# --- doers that make no political event ------------------------------------------------


def test_weather_as_doer_states_no_assault(nlp, lexicon):
    assert "ASSAULT" not in types_of(nlp, lexicon, "A cyclone struck Freedonia on Tuesday.")


def test_animals_as_doer_state_no_assault(nlp, lexicon):
    text = "Elephants that roam the border killed three villagers in Freedonia."
    assert "ASSAULT" not in types_of(nlp, lexicon, text)


def test_tourists_visiting_a_country_is_no_consult(nlp, lexicon):
    text = "Tourists from Ruritania visited Freedonia in record numbers."
    assert "CONSULT" not in types_of(nlp, lexicon, text)


def test_passengers_sharing_details_is_no_cooperation(nlp, lexicon):
    text = "Passengers shared details of their ordeal with officials from Freedonia."
    assert "COOPERATE" not in types_of(nlp, lexicon, text)


def test_a_state_as_doer_still_states_the_event(nlp, lexicon):
    assert "CONSULT" in types_of(nlp, lexicon, "Ruritania's president visited Freedonia.")
    assert "ASSAULT" in types_of(nlp, lexicon, "Ruritania struck Freedonia with missiles.")


def test_tourists_attacked_by_a_state_stay_an_assault(nlp, lexicon):
    # the tourists are acted on, not the doers
    text = "Tourists were attacked by Ruritanian soldiers near the Freedonia border."
    assert "ASSAULT" in types_of(nlp, lexicon, text)


# --- negation --------------------------------------------------------------------------


def test_no_longer_negates(nlp, lexicon):
    # access granted is RETREAT-access (issue 13); a grant of aid stays AID
    event = only(nlp, lexicon, "Ruritania will no longer grant Freedonia military aid.", "AID")
    assert event.polarity == "negative"


def test_longer_without_no_does_not_negate(nlp, lexicon):
    event = only(nlp, lexicon, "Ruritania attacked Freedonia longer than expected.", "ASSAULT")
    assert event.polarity == "positive"


def test_denied_want_is_negative_and_not_actual(nlp, lexicon):
    event = only(nlp, lexicon, "Ruritania does not want to attack Freedonia.", "ASSAULT")
    assert event.polarity == "negative" and event.tense != "actual"


def test_plain_want_stays_positive_hypothetical(nlp, lexicon):
    event = only(nlp, lexicon, "Ruritania wants to attack Freedonia.", "ASSAULT")
    assert (event.polarity, event.tense) == ("positive", "hypothetical")


def test_refrained_from_negates(nlp, lexicon):
    event = only(nlp, lexicon, "Ruritania refrained from attacking Freedonia.", "ASSAULT")
    assert event.polarity == "negative"


def test_stopped_short_of_negates(nlp, lexicon):
    text = "Ruritania stopped short of imposing sanctions on Freedonia."
    assert only(nlp, lexicon, text, "SANCTION").polarity == "negative"


def test_doing_little_or_nothing_to_help_negates(nlp, lexicon):
    # the parse makes the infinitive a clause of "done" or a relative clause of "nothing"
    event = only(nlp, lexicon, '"Ruritania has done little to help!" he added.', "AID")
    assert event.polarity == "negative"
    text = "Ruritania's leaders did nothing to help Freedonia."
    assert only(nlp, lexicon, text, "AID").polarity == "negative"


def test_doing_much_to_help_stays_positive(nlp, lexicon):
    text = "Ruritania did it to help Freedonia."
    assert only(nlp, lexicon, text, "AID").polarity == "positive"


def test_reluctance_to_negates(nlp, lexicon):
    text = "Ruritania signaled its reluctance to endorse the proposal of Freedonia."
    assert only(nlp, lexicon, text, "SUPPORT").polarity == "negative"


# --- evidence is no promise ------------------------------------------------------------


def test_offering_no_evidence_is_no_agreement(nlp, lexicon):
    text = "Ruritania offered no evidence for its claims against Freedonia."
    assert "AGREE" not in types_of(nlp, lexicon, text)


def test_providing_proof_is_no_aid(nlp, lexicon):
    assert "AID" not in types_of(nlp, lexicon, "Ruritania provided proof to Freedonia.")


def test_offering_and_providing_things_stay_events(nlp, lexicon):
    assert "AID" in types_of(nlp, lexicon, "Ruritania provided weapons to Freedonia.")
    assert types_of(nlp, lexicon, "Ruritania offered Freedonia a ceasefire.")


# --- hoped for, foreseen ---------------------------------------------------------------


def test_support_hoped_for_is_not_actual(nlp, lexicon):
    event = only(nlp, lexicon, "Ruritania is hoping for Freedonia's support.", "SUPPORT")
    assert event.tense != "actual"


def test_support_given_for_a_plan_stays_actual(nlp, lexicon):
    text = "Freedonia voiced support for the plan of Ruritania."
    assert only(nlp, lexicon, text, "SUPPORT").tense == "actual"


def test_there_will_be_an_attack_is_future(nlp, lexicon):
    text = "Officials say there will be an attack on Freedonia."
    assert only(nlp, lexicon, text, "ASSAULT").tense == "future"


def test_there_was_an_attack_is_actual(nlp, lexicon):
    text = "There was an attack on Freedonia last night."
    assert only(nlp, lexicon, text, "ASSAULT").tense == "actual"


# --- a warning that only judges is no threat --------------------------------------------


def test_warning_that_something_is_dangerous_is_no_threat(nlp, lexicon):
    text = "Ruritania warned that cooperation between Freedonia and Sylvania is dangerous."
    assert "THREATEN" not in types_of(nlp, lexicon, text)


def test_warning_of_own_action_is_a_threat(nlp, lexicon):
    text = "Ruritania warned that it would retaliate against Freedonia."
    assert "THREATEN" in types_of(nlp, lexicon, text)


def test_conditional_warning_is_a_threat(nlp, lexicon):
    text = "Ruritania warned that Freedonia's bases are at risk if Sylvania is sanctioned."
    assert "THREATEN" in types_of(nlp, lexicon, text)


# --- the measure imposed, words passed on, care sought -----------------------------------


def test_sanctions_that_may_be_imposed_are_not_actual(nlp, lexicon):
    text = "Ruritania may impose trade sanctions on Freedonia."
    assert only(nlp, lexicon, text, "SANCTION").tense == "hypothetical"


def test_sanctions_imposed_are_actual(nlp, lexicon):
    text = "Ruritania imposed new trade sanctions on Freedonia."
    event = only(nlp, lexicon, text, "SANCTION")
    assert (event.tense, event.polarity) == ("actual", "positive")


def test_a_curfew_not_imposed_is_negative(nlp, lexicon):
    text = "Ruritania did not impose a curfew on Freedonia."
    assert only(nlp, lexicon, text, "COERCE").polarity == "negative"


def test_orders_given_are_no_aid(nlp, lexicon):
    assert "AID" not in types_of(
        nlp, lexicon, "The officials of Ruritania gave orders to Freedonia."
    )


def test_sharing_word_of_something_is_no_cooperation(nlp, lexicon):
    text = "Ruritania's premier was first to share word of the talks with Freedonia."
    assert "COOPERATE" not in types_of(nlp, lexicon, text)


def test_sharing_intelligence_stays_cooperation(nlp, lexicon):
    text = "Ruritania shared intelligence with Freedonia."
    assert "COOPERATE" in types_of(nlp, lexicon, text)


def test_seeking_medical_treatment_is_no_request(nlp, lexicon):
    text = "Citizens of Ruritania should seek treatment in Freedonia."
    assert "REQUEST" not in types_of(nlp, lexicon, text)


def test_seeking_help_from_a_state_stays_a_request(nlp, lexicon):
    assert "REQUEST" in types_of(nlp, lexicon, "Ruritania sought help from Freedonia.")


def test_an_attack_prepared_for_is_not_actual(nlp, lexicon):
    text = "Ruritania made preparations for attacking Freedonia."
    assert only(nlp, lexicon, text, "ASSAULT").tense != "actual"


def test_failure_to_act_negates(nlp, lexicon):
    text = "Ruritania's failure to sell missiles to Freedonia angered Sylvania."
    assert only(nlp, lexicon, text, "AID").polarity == "negative"


def test_offering_an_assessment_is_no_agreement(nlp, lexicon):
    text = "Ruritania offered an impartial assessment of facts to Freedonia."
    assert "AGREE" not in types_of(nlp, lexicon, text)


def test_capturing_a_mood_is_no_assault(nlp, lexicon):
    text = "Ruritania launched its campaign early to capture the true sentiment of Freedonia."
    assert "ASSAULT" not in types_of(nlp, lexicon, text)
    assert "ASSAULT" in types_of(nlp, lexicon, "Ruritania captured the capital of Freedonia.")


# --- a measure is no doer of force; deals are struck ------------------------------------


def test_tariffs_targeting_a_state_are_no_assault(nlp, lexicon):
    text = "Ruritania's tariffs targeting Freedonia took effect."
    assert "ASSAULT" not in types_of(nlp, lexicon, text)


def test_soldiers_targeting_a_state_stay_an_assault(nlp, lexicon):
    text = "Soldiers of Ruritania targeting Freedonia fired missiles."
    assert "ASSAULT" in types_of(nlp, lexicon, text)


def test_striking_an_agreement_is_concluding_it_not_attacking(nlp, lexicon):
    # concluding a deal is SUPPORT, as signing one is (PLV labels; 6d4903a)
    found = types_of(nlp, lexicon, "Ruritania struck an agreement with Freedonia.")
    assert "SUPPORT" in found and "ASSAULT" not in found


def test_striking_a_balance_is_nothing(nlp, lexicon):
    assert not types_of(nlp, lexicon, "Ruritania struck a balance with Freedonia.")
    assert "ASSAULT" in types_of(nlp, lexicon, "Ruritania struck Freedonia.")


# --- shared views, time given, delegates sent, anonymity requested -----------------------


def test_shared_concerns_and_borders_are_no_cooperation(nlp, lexicon):
    assert not types_of(nlp, lexicon, "Ruritania and Freedonia shared concerns over Sylvania.")
    assert not types_of(nlp, lexicon, "Ruritania shares borders with Freedonia.")


def test_days_given_and_delegations_sent_are_no_aid(nlp, lexicon):
    assert "AID" not in types_of(nlp, lexicon, "Ruritania gave Freedonia 14 days to leave.")
    assert "AID" not in types_of(nlp, lexicon, "Ruritania sent a delegation to Freedonia.")
    assert "AID" in types_of(nlp, lexicon, "Ruritania gave Freedonia weapons.")


def test_requesting_anonymity_is_no_request(nlp, lexicon):
    text = "An official of Ruritania, who requested anonymity, spoke to reporters."
    assert "REQUEST" not in types_of(nlp, lexicon, text)
    assert "REQUEST" in types_of(nlp, lexicon, "Ruritania requested help from Freedonia.")


# --- phrases that state nothing; meetings due ----------------------------------------------


def test_posing_a_threat_is_no_threat_made(nlp, lexicon):
    assert "THREATEN" not in types_of(nlp, lexicon, "Ruritania poses a threat to Freedonia.")
    assert "THREATEN" in types_of(nlp, lexicon, "Ruritania threatened Freedonia.")


def test_blocking_any_object_keeps_the_event_noun(nlp, lexicon):
    # "demonstrate ^*" blocks a protest reading, not the support demonstrated
    text = "Ruritania's forces demonstrated their support for Freedonia."
    assert "SUPPORT" in types_of(nlp, lexicon, text)


def test_talking_about_something_is_no_consultation(nlp, lexicon):
    text = "The leader of Ruritania talks about the economy of Freedonia."
    assert "CONSULT" not in types_of(nlp, lexicon, text)
    assert "CONSULT" in types_of(nlp, lexicon, "Ruritania held talks with Freedonia.")


def test_refusing_to_comment_is_no_rejection(nlp, lexicon):
    assert "REJECT" not in types_of(nlp, lexicon, "Ruritania refused to comment.")
    assert "REJECT" in types_of(nlp, lexicon, "Ruritania refused to withdraw from Freedonia.")


def test_as_opposed_to_opposes_nothing(nlp, lexicon):
    text = "Training in Ruritania, as opposed to training in Freedonia, is cheaper."
    assert "REJECT" not in types_of(nlp, lexicon, text)


def test_a_meeting_due_or_scheduled_is_future(nlp, lexicon):
    for text in (
        "The president of Ruritania is due to meet the leader of Freedonia in January.",
        "Ruritania is scheduled to meet Freedonia.",
    ):
        assert only(nlp, lexicon, text, "CONSULT").tense == "future"


def test_being_a_threat_is_no_threat_made(nlp, lexicon):
    text = "The decision of Ruritania is a threat to the unity of Freedonia."
    assert "THREATEN" not in types_of(nlp, lexicon, text)


def test_cooperation_that_would_resume_is_not_actual(nlp, lexicon):
    text = "Ruritania said it would resume cooperation with Freedonia."
    assert only(nlp, lexicon, text, "COOPERATE").tense == "future"
    assert (
        only(nlp, lexicon, "Ruritania resumed talks with Freedonia.", "CONSULT").tense == "actual"
    )


def test_threats_that_could_escalate_are_hypothetical(nlp, lexicon):
    text = "Ruritania could escalate threats against Freedonia."
    assert only(nlp, lexicon, text, "THREATEN").tense == "hypothetical"


def test_sanctions_not_extended_are_negative(nlp, lexicon):
    text = "Ruritania did not extend the sanctions on Freedonia."
    assert only(nlp, lexicon, text, "SANCTION").polarity == "negative"


def test_measure_in_a_passive_first_conjunct_is_the_doer(nlp, lexicon):
    text = "Ruritania's tariffs were passed on to consumers and are targeting Freedonia."
    assert "ASSAULT" not in types_of(nlp, lexicon, text)


# --- legal appeals -----------------------------------------------------------------------


def test_appeal_to_a_court_is_no_request(nlp, lexicon):
    text = "Ruritania appealed to the Supreme Court of Freedonia."
    assert "REQUEST" not in types_of(nlp, lexicon, text)


def test_appealing_a_ruling_is_no_request(nlp, lexicon):
    text = "Ruritania has until Friday to appeal the High Court's order."
    assert "REQUEST" not in types_of(nlp, lexicon, text)


def test_appeal_to_a_state_stays_a_request(nlp, lexicon):
    assert "REQUEST" in types_of(nlp, lexicon, "Ruritania appealed to Freedonia for help.")


def test_prepositional_object_rows_load(tmp_path):
    from entente.events.lexicon import _object_words

    assert _object_words("to:court|judge") == {"to:court", "to:judge"}
    assert _object_words("tie|relation") == {"tie", "relation"}


# --- who vouches for a sentence vouches for all of it --------------------------------------


def test_event_deep_in_a_reported_clause_is_reported(nlp, lexicon):
    text = "The report noted that Sylvania did not doubt that Ruritania would respond to the attack on Freedonia."
    assert only(nlp, lexicon, text, "ASSAULT").certainty == "reported"


def test_event_deep_in_a_belief_is_alleged(nlp, lexicon):
    text = (
        "Officials believe the escalation will lead to conflict, with the expectation "
        "that Ruritania will attack Freedonia."
    )
    assert only(nlp, lexicon, text, "ASSAULT").certainty == "alleged"


def test_event_told_by_the_narrator_stays_asserted(nlp, lexicon):
    text = "Ruritania attacked Freedonia on Monday after the talks with Sylvania failed."
    assert only(nlp, lexicon, text, "ASSAULT").certainty == "asserted"


def test_a_protest_a_sit_in_was_held_for_happened(nlp, lexicon):
    text = "Farmers in Ruritania held a sit-in on Monday to protest the restrictions of Freedonia."
    assert only(nlp, lexicon, text, "PROTEST").tense == "actual"


def test_a_purpose_of_other_steps_stays_future(nlp, lexicon):
    text = "Ruritania took steps to sanction Freedonia."
    assert only(nlp, lexicon, text, "SANCTION").tense == "future"


def test_a_relative_clause_in_a_claim_is_the_narrators(nlp, lexicon):
    text = "Ruritania claimed its attack was a response to an airstrike which Ruritania has blamed on Freedonia."
    assert only(nlp, lexicon, text, "ACCUSE").certainty == "asserted"


def test_a_subject_in_a_belief_is_the_narrators(nlp, lexicon):
    text = "Officials believe the escalation following the assassination of the leader of Freedonia will lead to conflict."
    assert only(nlp, lexicon, text, "ASSAULT").certainty == "asserted"


def test_agreeing_to_run_for_office_is_no_agreement(nlp, lexicon):
    text = "The president of Ruritania agreed to run for a new term."
    assert "AGREE" not in types_of(nlp, lexicon, text)
    assert "AGREE" in types_of(nlp, lexicon, "Ruritania agreed to talks with Freedonia.")


def test_an_act_called_necessary_is_not_actual(nlp, lexicon):
    text = (
        "Ruritania will take any measures necessary to prevent Freedonia from acquiring a weapon."
    )
    assert only(nlp, lexicon, text, "COERCE").tense != "actual"
    assert (
        only(nlp, lexicon, "Ruritania was quick to condemn Freedonia.", "ACCUSE").tense == "actual"
    )
