"""Unnamed organs of a state ("the government", "police", "the authorities"):
read as that organ of the state the phrase or sentence names, else of the
document's home state (actors/organs.py). Sentences written for these tests."""

from __future__ import annotations

from collections import Counter

import pytest

from entente.actors.organs import home_state


def _organs(result) -> list[tuple[str, str | None, str | None]]:
    return [(m.text, m.country, m.sector) for m in result.mentions if m.resolved_by == "organ"]


# -- no model --------------------------------------------------------------------


def test_home_state_is_the_state_named_most_and_at_least_half():
    assert home_state(Counter({"KEN": 4, "SOM": 2})) == "KEN"
    assert home_state(Counter({"VEN": 12, "USA": 11, "ESP": 1})) == "VEN"


def test_home_state_none_for_a_story_between_states_or_a_single_mention():
    assert home_state(Counter({"KEN": 3, "SOM": 3})) is None  # a tie
    assert home_state(Counter({"RUS": 4, "USA": 3, "UKR": 2})) is None  # under half
    assert home_state(Counter({"KEN": 1})) is None  # named once: not enough to go on
    assert home_state(Counter()) is None


def test_organs_are_data_with_sectors(registry):
    assert registry.state_organs["government"] == "GOV"
    assert registry.state_organs["police"] == "COP"
    assert "police" in registry.state_organ_heads and "rebel" in registry.state_organ_blockers


# -- with the model --------------------------------------------------------------

KENYA = "Kenya's president spoke in Nairobi on Monday. Kenya will hold elections in August. "


@pytest.mark.slow
def test_the_government_and_police_are_the_home_states(resolve):
    text = (
        KENYA + "The government rejected criticism from the opposition. Police arrested 17 people."
    )
    assert _organs(resolve(text)) == [
        ("The government", "KEN", "GOV"),
        ("Police", "KEN", "COP"),
    ]


@pytest.mark.slow
def test_no_home_state_in_a_story_between_two_states(resolve):
    text = "Kenya and Somalia met in Geneva. Kenya and Somalia signed a deal. The government said it was fair."
    assert _organs(resolve(text)) == []


@pytest.mark.slow
def test_a_state_or_place_in_an_of_or_in_phrase_names_the_organ(resolve):
    text = KENYA + "Police in Japan issued a warrant. The government of Peru protested."
    assert _organs(resolve(text)) == [("Police", "JPN", "COP"), ("The government", "PER", "GOV")]


@pytest.mark.slow
def test_police_sit_where_the_sentence_places_the_act(resolve):
    text = KENYA + "A tourist was killed at a hostel in Queensland, police said."
    assert _organs(resolve(text)) == [("police", "AUS", "COP")]


@pytest.mark.slow
def test_organs_that_are_not_the_home_states_are_left_alone(resolve):
    text = KENYA + (
        "The Uttar Pradesh government met. A government spokesman and the rebel government spoke. "
        "Its government fell and a new government took office. He went to court over the visa regime. "
        "Government forces retreated. The clinic is government-run."
    )
    assert _organs(resolve(text)) == []


@pytest.mark.slow
def test_he_is_never_the_police(nlp):
    """issue 13: "His conviction was for a knife, police said. He had not been
    accused of terrorism": 'he' bound to the police made them the accused."""
    from entente.pipeline import code_documents, load_knowledge
    from entente.records import Document, PublicationDate

    text = (
        "Britain's prime minister spoke in London. Britain raised its threat level. "
        "His most recent conviction was in 2003, police said. However, he had not been "
        "accused of any terrorism offenses."
    )
    document = Document(
        id="t", source="t", text=text, published=PublicationDate("2017-03-24", "day")
    )
    (coded,) = code_documents([document], nlp, load_knowledge())
    accused = [e for e in coded.events if e.type == "ACCUSE"]
    assert all(a.country != "GBR" for e in accused for a in e.recipient)


# -- bare titles: "the president" after a named holder ------------------------------


def _references(result) -> list[tuple[str, str | None]]:
    return [(m.text, m.actor_id) for m in result.mentions if m.resolved_by == "role-reference"]


@pytest.mark.slow
def test_the_president_is_the_holder_named_before(resolve):
    text = (
        "President Vladimir Putin met Prime Minister Shinzo Abe in Tokyo. "
        "Later the president said the talks went well, and the prime minister agreed."
    )
    assert _references(resolve(text, "2017-03-01")) == [
        ("the president", "vladimir-putin"),
        ("the prime minister", "shinzo-abe"),
    ]


@pytest.mark.slow
def test_a_bare_title_with_nobody_named_before_or_a_name_of_its_own_is_left(resolve):
    text = (
        "The president spoke first. Vladimir Putin then met the former president and "
        "the president of Egypt."
    )
    assert _references(resolve(text, "2017-03-01")) == []
