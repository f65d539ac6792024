"""Actors the registry lacks: untitled people, unknown organisations, bare institutions,
peoples and places, demonyms of every state, conjoined demonyms. Sentences written for
these tests."""

from __future__ import annotations

import pytest

from entente.actors.resolve import RESOLVED_BY, resolve_actors
from entente.records import Document


def _find(result, surface: str):
    found = [m for m in result.mentions if surface in m.text]
    assert found, f"no mention of {surface!r} in {[m.text for m in result.mentions]}"
    return found[0]


# -- data, no model --------------------------------------------------------------


def test_every_state_has_a_demonym_or_is_a_territory(registry):
    """demonyms.tsv fills what states.yaml lacks: inhabited states all have one."""
    for surface, code in [
        ("Fijian", "FJI"),
        ("Serb", "SRB"),
        ("Ivorian", "CIV"),
        ("Sierra Leonean", "SLE"),
        ("Macedonian", "MKD"),
        ("Paraguayan", "PRY"),
    ]:
        entry = registry.lookup(surface)
        assert entry is not None and entry.kind == "demonym" and entry.actor_id == code, surface


def test_historical_and_short_state_names(registry):
    assert registry.lookup("Zaire").actor_id == "COD"
    assert registry.lookup("Ivory Coast").actor_id == "CIV"
    assert registry.lookup("East Timor").actor_id == "TLS"


def test_subdivisions_are_places_but_generic_words_are_not(registry):
    entry = registry.lookup("Balochistan")
    assert (entry.kind, entry.country) == ("place", "PAK")
    assert registry.lookup("Herat").kind == "place"  # pycountry's "Herāt", folded
    assert registry.lookup("Central") is None
    assert registry.lookup("North East") is None


def test_peoples_are_group_actors(registry):
    actor = registry.get(registry.lookup("Uyghurs").actor_id)
    assert (actor.kind, actor.country, actor.sector) == ("group", "CHN", "CVL")
    assert registry.get(registry.lookup("Druze").actor_id).country is None


def test_new_resolution_methods_are_listed():
    assert {"institution", "organisation-head", "person-name"} <= set(RESOLVED_BY)


# -- with the model --------------------------------------------------------------


@pytest.mark.slow
def test_untitled_person_is_an_actor_without_a_country(resolve):
    result = resolve("“We will not leave,” said Amara Kollie, standing outside the clinic.")
    mention = _find(result, "Amara Kollie")
    assert mention.actor_id == "x-amara-kollie"
    assert (mention.resolved_by, mention.country, mention.sector) == ("person-name", None, None)
    assert any(a.id == "x-amara-kollie" and a.kind == "person" for a in result.actors)


@pytest.mark.slow
def test_surname_after_untitled_person_is_coreferent(resolve):
    text = "Grace Mwangi sells vegetables in the market. Mwangi said prices had doubled."
    mentions = [m for m in resolve(text).mentions if m.actor_id == "x-grace-mwangi"]
    assert len(mentions) == 2


@pytest.mark.slow
def test_company_tagged_person_is_not_a_person(resolve):
    result = resolve("Tomas Ferrer, the head of Ferrer Hernandez Company, spoke to reporters.")
    assert not any(a.kind == "person" and "Company" in a.name for a in result.actors)


@pytest.mark.slow
def test_unknown_organisation_gets_sector_from_head_and_country_from_inside(resolve):
    result = resolve("The Balochistan Teachers Association called a strike on Monday.")
    mention = _find(result, "Balochistan Teachers Association")
    assert mention.actor_id.startswith("x-")
    assert (mention.resolved_by, mention.country, mention.sector) == (
        "organisation-head",
        "PAK",
        "NGO",
    )


@pytest.mark.slow
def test_unknown_organisation_without_country_keeps_none(resolve):
    result = resolve("The Grey Harbour Foundation published a report on Monday.")
    mention = _find(result, "Grey Harbour Foundation")
    assert (mention.country, mention.sector) == (None, "NGO")


@pytest.mark.slow
def test_acronym_in_parentheses_is_the_same_organisation(resolve):
    text = (
        "The Coastal Fisheries Council (CFC) met on Monday. Later the CFC said catches had fallen."
    )
    mentions = [m for m in resolve(text).mentions if m.actor_id == "x-coastal-fisheries-council"]
    assert {m.text for m in mentions} >= {"CFC"}
    assert len(mentions) >= 2


@pytest.mark.slow
def test_bare_congress_is_us_congress_when_the_us_is_named(resolve):
    text = "Turkey bought Russian missiles. Turkey says the U.S. overreacted. Congress may vote on sanctions."
    mention = _find(resolve(text), "Congress")
    assert (mention.resolved_by, mention.country, mention.sector) == ("institution", "USA", "LEG")


@pytest.mark.slow
def test_bare_parliament_is_the_documents_state(resolve):
    text = (
        "Kenya's president spoke in Nairobi. Kenya will raise taxes. "
        "Parliament rejected the budget on Tuesday."
    )
    mention = _find(resolve(text), "Parliament")
    assert (mention.country, mention.sector) == ("KEN", "LEG")


@pytest.mark.slow
def test_bare_parliament_without_a_clear_state_stays_unresolved(resolve):
    result = resolve("Parliament rejected the budget on Tuesday.")
    assert not any(m.actor_id for m in result.mentions if "Parliament" in m.text)


@pytest.mark.slow
def test_title_fragment_tagged_org_joins_the_person(resolve):
    text = "Secretary of State Marco Rubio spoke to reporters."
    result = resolve(text)
    state = [m for m in result.mentions if m.text == "State"]
    if state:  # the tagger may or may not cut "State" out as an ORG
        assert state[0].actor_id == "marco-rubio"


@pytest.mark.slow
def test_place_tagged_person_is_a_place(resolve):
    result = resolve("Thousands of refugees live in Dadaab, and Kakuma holds more.")
    for surface in ("Dadaab", "Kakuma"):
        mention = _find(result, surface)
        assert (mention.actor_id, mention.resolved_by, mention.country) == (None, "place", "KEN")


@pytest.mark.slow
def test_people_group_is_an_actor(resolve):
    mention = _find(resolve("Uyghurs in Istanbul protested on Friday."), "Uyghurs")
    assert (mention.actor_id, mention.country, mention.sector) == ("uyghurs", "CHN", "CVL")


@pytest.mark.slow
def test_conjoined_demonyms_before_a_group_noun_each_give_a_mention(resolve):
    result = resolve("Senior Fijian and Tongan officials met in Suva on Monday.")
    countries = {m.country for m in result.mentions if m.sector == "GOV"}
    assert {"FJI", "TON"} <= countries


@pytest.mark.slow
def test_hyphenated_title_is_read_whole(resolve):
    result = resolve("U.N. Secretary-General Ana Velasquez arrived in Geneva.")
    mention = _find(result, "Ana Velasquez")
    assert mention.sector != "MIL"  # "Secretary-General", not "General"


# -- things, headless organisation names, short references (sentences written here) --


def test_things_data_is_loaded(registry):
    assert {"covid-19", "brexit"} <= registry.thing_names
    assert "act" in registry.thing_heads and "cyclone" in registry.thing_prefixes
    assert "forest" in registry.place_heads


@pytest.mark.slow
def test_listed_things_are_things_not_actors_nor_misses(resolve):
    text = (
        "Officials in Lagos said COVID-19 had slowed trade, and Brexit talks stalled. "
        "Ankara bought the S-400 from Moscow."
    )
    result = resolve(text)
    for surface in ("COVID-19", "Brexit", "S-400"):
        found = [m for m in result.mentions if m.text == surface]
        if found:  # the tagger may not tag the span at all
            assert (found[0].actor_id, found[0].resolved_by) == (None, "thing"), surface


@pytest.mark.slow
def test_name_ending_with_a_thing_word_is_a_thing(resolve):
    result = resolve("Lawmakers in Ottawa amended the Coastal Waters Protection Act on Tuesday.")
    assert not any(m.actor_id for m in result.mentions if "Protection Act" in m.text)


@pytest.mark.slow
def test_capitalised_org_name_without_head_noun_is_an_organisation_without_country(resolve):
    result = resolve("Analysts at Tarrow Brill & Associates said demand had fallen.")
    mention = _find(result, "Tarrow Brill")
    assert mention.actor_id.startswith("x-")
    assert (mention.resolved_by, mention.country, mention.sector) == (
        "organisation-name",
        None,
        None,
    )
    assert any(a.id == mention.actor_id and a.kind == "organisation" for a in result.actors)


@pytest.mark.slow
def test_camel_case_company_is_an_organisation(resolve):
    result = resolve("Passengers said BlueKestrel cancelled dozens of flights on Friday.")
    found = [m for m in result.mentions if m.text == "BlueKestrel"]
    if found:
        assert found[0].actor_id == "x-bluekestrel" and found[0].country is None


@pytest.mark.slow
def test_place_word_ending_a_name_makes_a_place(resolve):
    result = resolve("Soldiers searched the Marrow Forest and the Kelbo Hotel for the gunmen.")
    for mention in result.mentions:
        if "Forest" in mention.text or "Hotel" in mention.text:
            assert (mention.actor_id, mention.resolved_by) == (None, "place")


@pytest.mark.slow
def test_acronym_spelling_a_named_organisation_is_that_organisation(resolve):
    text = (
        "Migrants can appeal to the Board of Tariff Appeals in Ottawa. "
        "If the BTA agrees with the government, the case ends."
    )
    mentions = [m for m in resolve(text).mentions if m.text == "BTA"]
    if mentions:
        assert mentions[0].actor_id == "x-board-of-tariff-appeals"
        assert mentions[0].resolved_by == "coreference"


@pytest.mark.slow
def test_bare_last_word_refers_to_the_named_organisation(resolve):
    text = (
        "The U.N. Security Council met on Monday about Haiti. "
        "Diplomats said the Council would vote on Friday."
    )
    mentions = [m for m in resolve(text).mentions if m.text == "Council"]
    if mentions:
        assert (mentions[0].actor_id, mentions[0].country) == ("unsc", "UNO")


@pytest.mark.slow
def test_org_tagged_name_with_a_relative_clause_is_a_person(nlp, registry):
    from spacy.tokens import Span

    text = "Marta Oyelaran, who heads the Coastal Farmers Network, said rice prices fell."
    doc = nlp(text)
    doc.ents = [Span(doc, 0, 2, label="ORG")]  # as the tagger sometimes labels a name
    result = resolve_actors(doc, Document(id="t", source="test", text=text), registry)
    mention = _find(result, "Marta Oyelaran")
    actor = next(a for a in result.actors if a.id == mention.actor_id)
    assert (actor.kind, mention.country) == ("person", None)


@pytest.mark.slow
def test_multi_word_org_fragment_of_a_title_joins_the_person(resolve):
    result = resolve("Treasury Secretary Scott Bessent spoke to reporters on Monday.")
    for mention in result.mentions:
        if mention.text == "Treasury":
            assert mention.actor_id == "scott-bessent"


@pytest.mark.slow
def test_past_leader_resolves_without_a_document_date(resolve):
    """A document with no date (PLOVER sentences): a person's last office."""
    result = resolve("Helmut Kohl met Francois Mitterrand in Bonn.", date=None)
    assert _find(result, "Helmut Kohl").country == "DEU"
    assert _find(result, "Mitterrand").country == "FRA"
    dated = resolve("Kofi Annan spoke in New York.", date="1999-05-01")
    assert (_find(dated, "Kofi Annan").country, _find(dated, "Kofi Annan").sector) == ("UNO", "IGO")


@pytest.mark.slow
def test_president_of_a_company_is_not_a_state_office(resolve):
    result = resolve(
        "Tomas Ferrer, president of Ferrer Hernandez Company, told reporters prices rose."
    )
    mention = _find(result, "Tomas Ferrer")
    assert mention.sector != "GOV"


@pytest.mark.slow
def test_honorific_and_surname_after_the_full_name_is_coreferent(resolve):
    text = "Grace Mwangi sells vegetables in the market. Mrs Mwangi said prices had doubled."
    mentions = [m for m in resolve(text).mentions if "Mwangi" in m.text]
    assert [(m.actor_id, m.resolved_by) for m in mentions] == [
        ("x-grace-mwangi", "person-name"),
        ("x-grace-mwangi", "coreference"),
    ]
    text = "Theresa May met Donald Tusk in Brussels. Mrs May told parliament the talks went well."
    mentions = [m for m in resolve(text, "2017-06-09").mentions if "May" in m.text]
    assert [(m.actor_id, m.country) for m in mentions] == [("theresa-may", "GBR")] * 2
