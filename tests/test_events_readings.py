"""Readings that are no event or no promise, though a trigger word is there: a
question put to someone, an aim that is no request, defending with nothing
defended, idioms with an inert object, and a prospect somebody else holds.
Sentences are made up."""

from __future__ import annotations

import pytest
from _events_helpers import code, countries, types_of

pytestmark = pytest.mark.slow


def test_indirect_question_is_no_request(nlp, lexicon):
    asked = "The Ruritania minister was asked how Ruritania could justify the tariffs."
    assert "REQUEST" not in types_of(nlp, lexicon, asked)
    whether = "Ruritania asked Freedonia whether the talks would resume."
    assert "REQUEST" not in types_of(nlp, lexicon, whether)


def test_asking_someone_to_act_stays_a_request(nlp, lexicon):
    found = [
        e
        for e in code(nlp, lexicon, "Ruritania asked Freedonia to release the prisoners.")
        if e.type == "REQUEST"
    ]
    assert found and countries(found[0].recipient) == ["FRE"]


def test_seeking_to_do_something_is_no_request(nlp, lexicon):
    text = "Ruritania is seeking to expand its influence in Sylvania."
    assert "REQUEST" not in types_of(nlp, lexicon, text)


def test_seeking_a_thing_is_a_request(nlp, lexicon):
    assert "REQUEST" in types_of(nlp, lexicon, "Ruritania sought fighter jets from Freedonia.")


def test_defending_against_an_attack_is_no_support(nlp, lexicon):
    text = "The aid cuts weaken the ability of Ruritania to defend against missile strikes."
    assert "SUPPORT" not in types_of(nlp, lexicon, text)


def test_defending_a_state_is_support(nlp, lexicon):
    found = [
        e
        for e in code(nlp, lexicon, "Ruritania vowed to defend Freedonia at the summit.")
        if e.type == "SUPPORT"
    ]
    assert found and countries(found[0].recipient) == ["FRE"]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Ruritania seized the opportunity to expand its exports.", "COERCE"),
        ("Ruritania can capture a larger share of the grain market.", "ASSAULT"),
        ("The crisis gives Ruritania leverage over Freedonia.", "AID"),
    ],
)
def test_idiom_with_an_inert_object_is_no_material_event(nlp, lexicon, text, absent):
    assert absent not in types_of(nlp, lexicon, text)


def test_seizing_a_town_stays_an_event(nlp, lexicon):
    assert "COERCE" in types_of(nlp, lexicon, "Ruritania seized two ships from Freedonia.")


def test_expected_escalation_is_no_threat(nlp, lexicon):
    text = (
        "Diplomats spoke with the expectation that Ruritania will intensify "
        "its shelling of Freedonia."
    )
    found = code(nlp, lexicon, text)
    assert "THREATEN" not in [e.type for e in found]
    assault = [e for e in found if e.type == "ASSAULT"]
    assert assault and assault[0].tense == "future"


def test_stated_escalation_is_a_threat(nlp, lexicon):
    text = "Ruritania will intensify its shelling of Freedonia, its defence minister said."
    assert "THREATEN" in types_of(nlp, lexicon, text)


def test_exploiting_an_attack_takes_it_as_done(nlp, lexicon):
    text = "Ruritania will keep trying to exploit the Freedonia attacks on Sylvania."
    assault = [e for e in code(nlp, lexicon, text) if e.type == "ASSAULT"]
    assert assault and assault[0].tense == "actual"


def test_reaching_a_deal_concludes_it(nlp, lexicon):
    """Issue 13: reaching a deal is concluding it, as signing is (SUPPORT), not a promise."""
    events = code(nlp, lexicon, "Russia and Iran reached a deal on drone deliveries.")
    assert "SUPPORT" in {e.type for e in events} and "AGREE" not in {e.type for e in events}


def test_failing_to_reach_a_deal_is_a_rejection(nlp, lexicon):
    """Issue 13: "X and Y failed to reach a deal" is a REJECT between them."""
    events = code(nlp, lexicon, "Russia and France failed to reach an agreement on Syria.")
    (rejection,) = [e for e in events if e.type == "REJECT"]
    assert {r.country for r in rejection.actor} == {"RUS", "FRA"}


def test_refusing_to_end_a_strike_until_a_state_acts_rejects_that_state(nlp, lexicon):
    """Issue 13: "will not end the strike until X acts" is a REJECT aimed at X."""
    events = code(
        nlp, lexicon, "The union said it will not end the strike until France raises wages."
    )
    (rejection,) = [e for e in events if e.type == "REJECT"]
    assert {r.country for r in rejection.recipient} == {"FRA"}


def test_ending_a_strike_yields(nlp, lexicon):
    events = code(nlp, lexicon, "Peruvian dock workers ended the strike on Monday.")
    assert "CONCEDE" in {e.type for e in events} and "REJECT" not in {e.type for e in events}


def test_closing_a_border_with_a_state_restricts_it(nlp, lexicon):
    """Issue 13: measures at borders are COERCE aimed at the state across."""
    events = code(nlp, lexicon, "Peru has closed its border with Chile.")
    closing = [e for e in events if e.type == "COERCE"]
    assert closing and countries(closing[0].recipient) == ["CHL"]


def test_crossing_a_border_is_no_measure(nlp, lexicon):
    assert "COERCE" not in types_of(
        nlp, lexicon, "Peruvian migrants crossed the border into Chile."
    )


def test_filing_charges_against_someone_accuses_them(nlp, lexicon):
    events = code(nlp, lexicon, "Peru filed new charges against Chile's ambassador.")
    accusation = [e for e in events if e.type == "ACCUSE"]
    assert accusation and countries(accusation[0].recipient) == ["CHL"]


def test_a_coalition_led_by_a_state_acts_for_it(nlp, lexicon):
    """Issue 13: "the Peruvian-led coalition" is Peru's; a backer is not the actor."""
    led = code(nlp, lexicon, "The Peruvian-led coalition declared a ceasefire with Chile.")
    assert countries([a for e in led if e.type == "RETREAT" for a in e.actor]) == ["PER"]


def test_ready_for_cooperation_is_an_offer(nlp, lexicon):
    """Issue 13: "ready for cooperation with X" is an AGREE (offer) by the subject; the
    cooperation itself is future."""
    events = code(nlp, lexicon, "Russia is ready for cooperation with Iran.")
    offer = [e for e in events if e.type == "AGREE"]
    coop = [e for e in events if e.type == "COOPERATE"]
    assert (
        offer and countries(offer[0].actor) == ["RUS"] and countries(offer[0].recipient) == ["IRN"]
    )
    assert coop and coop[0].tense == "future"


def test_staying_on_alert_offers_nothing(nlp, lexicon):
    events = code(nlp, lexicon, "Russian troops will remain on alert in Norway.")
    assert "THREATEN" not in {e.type for e in events} and "AGREE" not in {e.type for e in events}
