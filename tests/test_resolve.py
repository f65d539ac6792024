"""Mention resolution: each mechanism, and the traps, on sentences written for these tests."""

from __future__ import annotations

import pytest

from entente.actors.resolve import RESOLVED_BY

pytestmark = pytest.mark.slow


def _find(result, surface: str):
    found = [m for m in result.mentions if surface in m.text]
    assert found, f"no mention of {surface!r} in {[m.text for m in result.mentions]}"
    return found[0]


def test_resolve_registry_name_codes_person_by_office(resolve):
    mention = _find(resolve("Sergei Lavrov met officials in Cairo."), "Sergei Lavrov")
    assert (mention.actor_id, mention.resolved_by, mention.country, mention.sector) == (
        "sergei-lavrov",
        "name",
        "RUS",
        "GOV",
    )


def test_resolve_offsets_point_into_text(resolve):
    text = "Yesterday the Kremlin rejected the offer."
    mention = _find(resolve(text), "Kremlin")
    assert text[mention.start : mention.end] == mention.text
    assert mention.sentence == 0


def test_resolve_person_office_changes_with_date(resolve):
    text = "Sergei Shoigu flew to Beijing."
    before = _find(resolve(text, "2024-02-01"), "Shoigu")
    after = _find(resolve(text, "2024-09-01"), "Shoigu")
    assert (before.country, before.sector) == ("RUS", "GOV")
    assert (after.country, after.sector) == ("RUS", "GOV")


def test_resolve_out_of_office_person_uses_own_sector(resolve):
    mention = _find(resolve("Antony Blinken gave a lecture.", "2025-06-01"), "Blinken")
    assert (mention.country, mention.sector) == ("USA", "ELI")


def test_resolve_former_prefix_keeps_past_office(resolve):
    mention = _find(
        resolve("Former Secretary of State Antony Blinken spoke.", "2025-06-01"), "Blinken"
    )
    assert (mention.country, mention.sector) == ("USA", "GOV")


def test_resolve_title_makes_actor_for_unknown_person(resolve):
    result = resolve("Senior Hezbollah official Hassan Fadel denied the report.")
    mention = _find(result, "Hassan Fadel")
    assert mention.resolved_by == "title"
    assert mention.country == "LBN"
    assert mention.actor_id in {actor.id for actor in result.actors}


def test_resolve_title_in_apposition(resolve):
    mention = _find(resolve("A senior Hezbollah official, Mahmoud Qamati, denied it."), "Qamati")
    assert (mention.resolved_by, mention.country) == ("title", "LBN")


def test_resolve_title_with_state_affiliation(resolve):
    mention = _find(
        resolve("Egyptian Foreign Minister Samir Haddad arrived in Rome."), "Samir Haddad"
    )
    assert (mention.resolved_by, mention.country, mention.sector) == ("title", "EGY", "GOV")


def test_resolve_military_title_gives_mil(resolve):
    mention = _find(resolve("Iranian General Reza Tabari inspected the base."), "Reza Tabari")
    assert (mention.country, mention.sector) == ("IRN", "MIL")


def test_resolve_possessive_ministry_is_modifier(resolve):
    mention = _find(resolve("Turkey's Foreign Ministry summoned the envoy."), "Foreign Ministry")
    assert (mention.resolved_by, mention.country, mention.sector) == ("modifier", "TUR", "GOV")


def test_resolve_demonym_group_nouns(resolve):
    result = resolve("Israeli warplanes struck the depot while Russian soldiers watched.")
    assert _find(result, "Israeli warplanes").sector == "MIL"
    assert _find(result, "Russian soldiers").country == "RUS"


def test_resolve_capital_as_subject_is_metonymy(resolve):
    mention = _find(resolve("Ankara rejected the proposal on Monday."), "Ankara")
    assert (mention.resolved_by, mention.country, mention.sector) == ("metonymy", "TUR", "GOV")


def test_resolve_capital_after_locative_preposition_is_place(resolve):
    mention = _find(resolve("The talks were held in Riyadh last week."), "Riyadh")
    assert (mention.resolved_by, mention.actor_id) == ("place", None)


def test_resolve_washington_dateline_is_place(resolve):
    mention = _find(resolve("WASHINGTON - The senators met on Tuesday."), "WASHINGTON")
    assert mention.resolved_by in ("place", "unresolved")
    assert mention.actor_id is None


def test_resolve_washington_acting_is_state(resolve):
    mention = _find(resolve("Washington imposed new sanctions on the firms."), "Washington")
    assert (mention.country, mention.sector) == ("USA", "GOV")


def test_resolve_washington_dc_pair_is_place(resolve):
    mention = _find(resolve("She wrote for a prominent Washington, DC newspaper."), "Washington")
    assert mention.actor_id is None


def test_resolve_georgia_us_state_is_place(resolve):
    mention = _find(resolve("He grew up in a suburb of Atlanta, Georgia."), "Georgia")
    assert mention.actor_id is None


def test_resolve_georgia_country_acting(resolve):
    mention = _find(resolve("Georgia recalled its ambassador from Moscow."), "Georgia")
    assert mention.country == "GEO"


def test_resolve_jordan_inside_person_name_is_not_state(resolve):
    result = resolve("Michael Jordan visited the school.")
    assert all(m.country != "JOR" for m in result.mentions)


def test_resolve_jordan_country_acting(resolve):
    mention = _find(resolve("Jordan closed its airspace to all flights."), "Jordan")
    assert mention.country == "JOR"


def test_resolve_backed_group_gets_backer(resolve):
    result = resolve("Rockets were fired by Iranian-backed militias near the border.")
    mention = _find(result, "backed militias")
    assert mention.resolved_by == "backed"
    actor = next(a for a in result.actors if a.id == mention.actor_id)
    assert actor.backers == ["IRN"]
    assert mention.country is None


def test_resolve_backed_named_group_stays_that_group(resolve):
    result = resolve("Hezbollah, the Iranian-backed militia, fired rockets.")
    assert _find(result, "Hezbollah").actor_id == "hezbollah"
    assert not [a for a in result.actors if "backed" in a.id]


def test_resolve_backed_thing_is_no_actor(resolve):
    """Issue 14 (node hygiene): talks, bills and railways are backed too; only a
    group, an organisation or a name backed by someone is an actor."""
    result = resolve(
        "The UN-backed talks stalled as Iranian-backed militias shelled the town "
        "and a China-funded railway opened."
    )
    backed = {a.name for a in result.actors if a.backers}
    assert backed == {"Iranian-backed militias"}


def test_resolve_backed_organisation_takes_its_kind_from_its_head(resolve):
    """Issue 14: a backed bank or company is no armed group; a backed operation is
    no one; a backing word closed off by a bracket backs nothing after it."""
    result = resolve(
        "The Qatar-backed Harbour Development Bank lent money to a Norway-linked shipping "
        "company, while the Turkey-backed Olive Ridge Operation advanced and Iranian-backed "
        "militias shelled the town. The Unity Cabinet (the UN-backed) presidential council "
        "met in Tripoli."
    )
    kinds = {a.name: a.kind for a in result.actors if a.backers}
    assert kinds == {
        "Qatar-backed Harbour Development Bank": "company",
        "Norway-linked shipping company": "company",
        "Iranian-backed militias": "armed-group",
    }


def test_resolve_surname_after_full_name_is_coreference(resolve):
    text = "Syrian opposition figure Omar Haddadin spoke on Monday. Haddadin said talks failed."
    result = resolve(text)
    later = [m for m in result.mentions if m.text == "Haddadin"]
    assert later and later[0].resolved_by == "coreference"
    assert later[0].actor_id == _find(result, "Omar Haddadin").actor_id


def test_resolve_role_reference_to_named_leader(resolve):
    text = "Vladimir Putin met the envoy. Later the Russian leader said little."
    mention = _find(resolve(text), "Russian leader")
    assert (mention.resolved_by, mention.actor_id) == ("role-reference", "vladimir-putin")


def test_resolve_igo_and_outlet(resolve):
    result = resolve("NATO said so, according to Xinhua and the Associated Press.")
    assert _find(result, "NATO").country == "IGO"
    assert _find(result, "Xinhua").sector == "JRN"
    assert _find(result, "Associated Press").country == "USA"


def test_resolve_unresolved_entities_are_kept(resolve):
    # a one-word ORG that is no registry name, acronym of a named body nor camel-case company
    result = resolve("Shares of Zorbulak fell after Quentin Marlowe-Fitch left.")
    unresolved = [m for m in result.mentions if m.resolved_by == "unresolved"]
    assert unresolved and all(m.actor_id is None and m.country is None for m in unresolved)


def test_resolve_resolved_by_vocabulary_is_closed(resolve):
    result = resolve("Iran's Foreign Ministry said Tehran backs Hamas, in Beirut.")
    assert {m.resolved_by for m in result.mentions} <= set(RESOLVED_BY)


def test_resolve_titled_surname_takes_state_of_registry_office_holder(resolve):
    # A surname alone is no name match, but with the office the registry's past holders
    # of that office under that surname served one state.
    mention = _find(
        resolve("President Clinton urged calm at the harbour.", "2024-06-01"), "Clinton"
    )
    assert (mention.country, mention.sector) == ("USA", "GOV")


def test_resolve_titled_unknown_person_takes_sole_state_of_short_report(resolve):
    mention = _find(
        resolve("President Tomas Kalnar vowed to rebuild the docks of Tallinn."), "Kalnar"
    )
    assert (mention.country, mention.sector) == ("EST", "GOV")


def test_resolve_titled_unknown_person_stays_stateless_when_two_states_named(resolve):
    text = "President Tomas Kalnar flew from Tallinn to Riga."
    assert _find(resolve(text), "Kalnar").country is None


def test_resolve_demonym_before_people_is_that_people_in_the_state(resolve):
    croats = _find(resolve("Bosnian Croats rejected the new map."), "Croats")
    kurds = _find(resolve("Iraqi Kurds fled across the mountains."), "Kurds")
    assert (croats.text, croats.country, croats.sector) == ("Bosnian Croats", "BIH", "CVL")
    assert (kurds.text, kurds.country, kurds.sector) == ("Iraqi Kurds", "IRQ", "CVL")


def test_resolve_demonym_civilians_are_not_the_government(resolve):
    customers = _find(resolve("American customers complained about the fees."), "American")
    activists = _find(resolve("Chinese democracy activists praised the ruling."), "Chinese")
    workers = _find(resolve("Turkish workers walked out of the plant."), "Turkish")
    assert (customers.country, customers.sector) == ("USA", "CVL")
    assert (activists.country, activists.sector) == ("CHN", "CVL")
    assert (workers.country, workers.sector) == ("TUR", "LAB")


def test_resolve_european_community_is_an_igo(resolve):
    mention = _find(resolve("The European Community lifted the ban on beef."), "European Community")
    assert mention.sector == "IGO"


def test_resolve_group_of_a_state_is_its_own_actor(resolve):
    """Issue 14: refugees, opposition and armed groups of a country are not the state."""
    refugees = _find(resolve("Britain will take in more Syrian refugees."), "refugees")
    opposition = _find(resolve("Russian jets struck the Syrian opposition."), "opposition")
    groups = _find(resolve("Russia armed Palestinian terrorist groups."), "groups")
    assert (refugees.actor_id, refugees.country, refugees.sector) == (
        "x-syr-refugees",
        "SYR",
        "REF",
    )
    assert (opposition.actor_id, opposition.country) == ("x-syr-opposition", "SYR")
    assert (groups.actor_id, groups.country) == ("x-pse-groups", "PSE")


def test_resolve_state_organs_stay_the_state(resolve):
    ministry = _find(resolve("Syria's Foreign Ministry protested."), "Ministry")
    troops = _find(resolve("Syrian troops advanced."), "troops")
    assert (ministry.actor_id, troops.actor_id) == ("SYR", "SYR")


def test_resolve_place_after_name_particle_is_part_of_a_name(resolve):
    """Issue 14: "Leila de Lima" and a later "De Lima" were Lima, Peru (29
    metonymy mentions of the 2017 corpus); a capital after "de" is part of a
    person's name, and "the Tour de France" is no French state."""
    text = (
        "Opposition senator Rosa de Quito denied the charges on Friday. "
        "De Quito said the case against her was political. "
        "The minister then watched the Tour de France on television."
    )
    result = resolve(text)
    assert [m for m in result.mentions if m.country in ("ECU", "FRA")] == []
    kinds = {a.id: a.kind for a in result.actors}
    assert {kinds.get(m.actor_id) for m in result.mentions if "Quito" in m.text} == {"person"}


def test_resolve_capital_after_an_ordinary_word_stays_a_capital(resolve):
    mention = _find(resolve("Quito said the talks would go on."), "Quito")
    assert (mention.actor_id, mention.resolved_by) == ("ECU", "metonymy")


def test_resolve_surname_with_particle_tagged_org_is_a_person(resolve):
    """Issue 14: "De Mistura", "Van Doorn" and "De Lima" tagged ORG were made
    organisations (9 of 9 such spans of the 2017 corpus were people)."""
    result = resolve("De Varga told the Security Council the sides were far apart.")
    mention = _find(result, "De Varga")
    kinds = {a.id: a.kind for a in result.actors}
    assert (mention.resolved_by, kinds[mention.actor_id]) == ("person-name", "person")


def test_resolve_sessions_in_an_article_about_russia_is_american(resolve):
    """Issue 14: Jeff Sessions, met with Russia's ambassador, was coded Russian in
    about 43 mentions; he is in the registry with his offices now."""
    text = "Russian officials denied it. Attorney General Jeff Sessions met Sergey Kislyak."
    sessions = _find(resolve(text, "2017-03-03"), "Jeff Sessions")
    kislyak = _find(resolve(text, "2017-03-03"), "Kislyak")
    assert (sessions.country, sessions.sector) == ("USA", "GOV")
    assert (kislyak.country, kislyak.sector) == ("RUS", "GOV")


def test_resolve_office_holders_of_2017_by_their_office_on_the_date(resolve):
    """Session 9: the 2017 corpus's secretary of state, prime minister and speaker are
    registry people coded by the office they held on the article's date."""
    text = "Secretary of State Rex Tillerson met Theresa May and Paul Ryan."
    result = resolve(text, "2017-06-09")
    tillerson = _find(result, "Rex Tillerson")
    assert (tillerson.actor_id, tillerson.country, tillerson.sector) == (
        "rex-tillerson",
        "USA",
        "GOV",
    )
    may, ryan = _find(result, "Theresa May"), _find(result, "Paul Ryan")
    assert (may.country, may.sector) == ("GBR", "GOV")
    assert (ryan.country, ryan.sector) == ("USA", "LEG")
    # out of office: the person's own country and sector, not the office's
    later = _find(resolve("Rex Tillerson met Theresa May.", "2020-06-09"), "Theresa May")
    assert (later.country, later.sector) == ("GBR", "ELI")


def test_resolve_titled_unknown_person_takes_state_of_region_in_title(resolve):
    # "Scotland's first minister X" in an article about Syria was coded Syria's: a
    # region in the title's own phrase places the office, not the most-named state.
    text = (
        "Syria rejected the plan. Syrian officials said Damascus would not attend. "
        "Queensland's interior minister Karl Obermann said Australia welcomed refugees."
    )
    mention = _find(resolve(text), "Obermann")
    assert (mention.country, mention.sector) == ("AUS", "GOV")


def test_resolve_2017_office_holder_by_registry_not_by_the_articles_topic(resolve):
    # Registry people of 2017 ("Michael Flynn" in an article on Russia was an unknown
    # person whose title took Russia, the most-named state).
    text = (
        "Russia denied it. Moscow said Russia had no contacts. "
        "National security adviser Michael Flynn spoke to Russia's ambassador."
    )
    in_office = _find(resolve(text, "2017-02-10"), "Michael Flynn")
    after = _find(resolve("Michael Flynn spoke to reporters.", "2017-06-01"), "Michael Flynn")
    assert (in_office.actor_id, in_office.country, in_office.sector) == (
        "michael-flynn",
        "USA",
        "GOV",
    )
    assert (after.country, after.sector) == ("USA", "ELI")


def test_resolve_registry_alias_inside_a_longer_personal_name_is_a_namesake(resolve):
    # "Burhan Wani" was resolved to Sudan's al-Burhan (alias "Burhan"), "Sharon White"
    # to Ariel Sharon: the other words of the name are none of that person's names.
    namesake = _find(resolve("Sharon Kleinberg, a regulator, said prices would rise."), "Sharon")
    misspelt = _find(
        resolve("Foreign Minister Mevlet Cavusoglu will speak in Ankara."), "Cavusoglu"
    )
    headline = _find(resolve("Furious Theresa May gives Putin a deadline."), "May")
    assert namesake.actor_id != "ariel-sharon"
    assert misspelt.actor_id == "mevlut-cavusoglu"
    assert headline.actor_id == "theresa-may"


def test_resolve_2017_bodies_and_parties_the_registry_lacked(resolve):
    # "GCHQ rejected Spicer's allegations" had no actor; "Sinn Fein in discussions
    # with the DUP" no actor either.
    result = resolve("GCHQ rejected the claims. Sinn Fein met the DUP and the Garda.")
    assert (_find(result, "GCHQ").country, _find(result, "GCHQ").sector) == ("GBR", "SPY")
    assert _find(result, "Sinn Fein").actor_id == "sinn-fein"
    assert _find(result, "DUP").actor_id == "dup"
    assert (_find(result, "Garda").country, _find(result, "Garda").sector) == ("IRL", "COP")


def test_resolve_capital_before_the_talks_it_hosted_is_a_venue(resolve):
    """issue 13: "the Astana talks" made Kazakhstan the actor of 21 events of the
    2017 corpus; the capital says where the talks were held."""
    mention = _find(resolve("The Astana talks ended without a deal."), "Astana")
    assert (mention.resolved_by, mention.actor_id, mention.country) == ("venue", None, "KAZ")


def test_resolve_capital_or_seat_before_an_attack_is_a_venue(resolve):
    result = resolve("Police made arrests after the Madrid attack and the Westminster attack.")
    assert _find(result, "Madrid").resolved_by == "venue"
    assert _find(result, "Westminster").resolved_by == "venue"


def test_resolve_seat_before_a_meeting_still_names_its_organ(resolve):
    mention = _find(resolve("A White House meeting was cancelled on Monday."), "White House")
    assert (mention.resolved_by, mention.country) == ("metonymy", "USA")


def test_resolve_bare_plural_demonym_is_the_states_people(resolve):
    """issue 13: "blaming Mexicans" had the state Mexico as its recipient; a bare
    plural demonym names the people (civilians of the state), not the state."""
    mention = _find(resolve("The candidate kept blaming Mexicans for the crisis."), "Mexicans")
    assert (mention.country, mention.sector) == ("MEX", "CVL")
    assert mention.actor_id != "MEX"


def test_resolve_the_plural_demonym_stays_the_state(resolve):
    mention = _find(resolve("The senator had no contacts with the Russians."), "Russians")
    assert mention.actor_id == "RUS"


def test_resolve_plural_demonym_of_a_region_is_not_the_states_people(resolve):
    mention = _find(resolve("Churches sheltered Central Americans fleeing violence."), "Americans")
    assert mention.sector != "CVL"
