"""Recipients found beyond the verb's own arguments: a type's recipient
prepositions on a word with its own list, and whom the thing acted on is with or
for. Made-up sentences; mentions placed by phrase, so the tests do not depend on
the actor resolver."""

from __future__ import annotations

import pytest
from _events_helpers import code

from entente.events.extract import extract_events
from entente.events.subjects import holds_stance
from entente.records import Document, Mention

pytestmark = pytest.mark.slow


def code_with(nlp, lexicon, text: str, phrases: dict[str, str | None]):
    """Code ``text`` with one mention per occurrence of each phrase (phrase ->
    "country" or "country/sector", None for a named thing of no state, or "place"
    for a place the registry does not know: no actor, no state)."""
    doc = nlp(text)
    mentions = []
    for phrase, country in phrases.items():
        start = text.find(phrase)
        while start >= 0:
            place = country == "place"
            key = None if place else phrase.lower().replace(" ", "-")
            code, _, sector = ("" if place else country or "").partition("/")
            mentions.append(
                Mention(
                    "t",
                    0,
                    start,
                    start + len(phrase),
                    phrase,
                    key,
                    "place" if place else "test",
                    code or None,
                    sector or None,
                )
            )
            start = text.find(phrase, start + 1)
    document = Document(id="t", source="test.txt", text=text)
    return extract_events(doc, document, mentions, lexicon)


def countries(refs) -> set[str | None]:
    return {r.country for r in refs}


def of_type(events, type_name: str):
    found = [e for e in events if e.type == type_name]
    assert found, f"no {type_name} in {[e.type for e in events]}"
    return found[0]


def test_investigation_against_officials_has_them_as_recipient(nlp, lexicon):
    text = "A Ruritanian prosecutor opened corruption investigations against Freedonian customs officers."
    events = code_with(
        nlp,
        lexicon,
        text,
        {"Ruritanian prosecutor": "RUR", "Freedonian customs officers": "FRE"},
    )
    assert countries(of_type(events, "ACCUSE").recipient) == {"FRE"}


def test_agreeing_to_a_states_mediation_is_aimed_at_that_state(nlp, lexicon):
    text = "The Ruritanian president agreed to Freedonian mediation in the border quarrel."
    events = code_with(nlp, lexicon, text, {"Ruritanian president": "RUR", "Freedonian": "FRE"})
    assert countries(of_type(events, "AGREE").recipient) == {"FRE"}


def test_boycotting_contact_with_a_state_is_aimed_at_it(nlp, lexicon):
    text = "Sylvanian opposition leaders boycotted all official contact with Freedonia."
    events = code_with(
        nlp, lexicon, text, {"Sylvanian opposition leaders": "SYL", "Freedonia": "FRE"}
    )
    assert countries(of_type(events, "PROTEST").recipient) == {"FRE"}


def test_suspending_part_of_a_program_for_a_state_is_aimed_at_it(nlp, lexicon):
    text = "Ruritania suspended part of a training program for Sylvania on Monday."
    events = code_with(nlp, lexicon, text, {"Ruritania": "RUR", "Sylvania": "SYL"})
    assert countries(of_type(events, "SANCTION").recipient) == {"SYL"}


def test_reneging_on_a_commitment_to_a_people_is_aimed_at_them(nlp, lexicon):
    text = "The Sylvanian president reneged on his pledge to the Freedonian people."
    events = code_with(
        nlp,
        lexicon,
        text,
        {"Sylvanian president": "SYL", "Freedonian people": "FRE"},
    )
    assert countries(of_type(events, "REJECT").recipient) == {"FRE"}


def test_a_thing_named_in_the_object_is_no_recipient_of_a_mutual_deal(nlp, lexicon):
    text = "Ruritania and Sylvania signed a contract for Falcon rifles last year."
    events = code_with(nlp, lexicon, text, {"Ruritania": "RUR", "Sylvania": "SYL", "Falcon": None})
    signed = [e for e in events if e.evidence.trigger == "signed"]
    assert signed and None not in countries(signed[0].recipient)


def test_threat_to_impose_a_measure_in_a_place_is_aimed_at_that_place(nlp, lexicon):
    text = "The Ruritanian president threatened to institute a curfew in Sylvania."
    events = code_with(nlp, lexicon, text, {"Ruritanian president": "RUR", "Sylvania": "SYL"})
    assert countries(of_type(events, "THREATEN").recipient) == {"SYL"}


def test_protest_by_a_states_people_targets_its_government(nlp, lexicon):
    """The people named by a demonym point to the state's actor, whose own sector
    is GOV; they are no organ of it, so their protest is aimed at it."""
    from entente.records import Actor

    text = "Young Ruritanians blocked roads in the capital on Sunday."
    doc = nlp(text)
    start = text.index("Ruritanians")
    people = Mention("t", 0, start, start + 11, "Ruritanians", "RUR", "test", "RUR", None)
    state = Actor(id="RUR", name="Ruritania", kind="state", country="RUR", sector="GOV")
    document = Document(id="t", source="test.txt", text=text)
    events = extract_events(doc, document, [people], lexicon, [state])
    assert countries(of_type(events, "PROTEST").recipient) == {"RUR"}


def test_protest_by_a_states_police_has_no_domestic_target(nlp, lexicon):
    text = "Ruritanian police blocked roads in the capital on Sunday."
    events = code_with(nlp, lexicon, text, {"Ruritanian police": "RUR/COP"})
    protest = [e for e in events if e.type == "PROTEST"]
    assert not protest or not protest[0].recipient


def test_subject_folded_into_a_fronted_phrase_is_found(nlp):
    """The parser sometimes joins the subject as a conjunct of a noun inside a
    fronted phrase; the clause's subject is that conjunct (parse built by hand)."""
    from spacy.tokens import Doc

    from entente.events.roles import find_subject

    words = "With the signing of a pact , the government and the rebels have agreed to talk ."
    heads = [13, 2, 0, 2, 5, 3, 5, 8, 5, 8, 11, 8, 13, 13, 15, 13, 13]
    deps = "prep det pobj prep det pobj punct det conj cc det conj aux ROOT aux xcomp punct"
    pos = "ADP DET NOUN ADP DET NOUN PUNCT DET NOUN CCONJ DET NOUN AUX VERB PART VERB PUNCT"
    doc = Doc(nlp.vocab, words=words.split(), heads=heads, deps=deps.split(), pos=pos.split())
    subject = find_subject(doc[13])
    assert subject is not None and subject.text == "government"


def test_a_place_attacked_is_aimed_at_those_it_serves(nlp, lexicon):
    text = "A camp for Sylvanian refugees was shelled by Ruritanian gunmen."
    events = code_with(
        nlp, lexicon, text, {"Sylvanian refugees": "SYL", "Ruritanian gunmen": "RUR"}
    )
    assault = of_type(events, "ASSAULT")
    assert countries(assault.actor) == {"RUR"} and countries(assault.recipient) == {"SYL"}


def test_the_organisation_a_noun_names_acts_before_its_leader(nlp, lexicon):
    text = "Ahmed Karim's Freedom Front militia has threatened to attack Ruritania."
    phrases = {"Freedom Front": "SYL/REB", "Ahmed Karim": "", "Ruritania": "RUR"}
    events = code_with(nlp, lexicon, text, phrases)
    assert countries(of_type(events, "THREATEN").actor) == {"SYL"}


@pytest.mark.parametrize(
    "text",
    [
        "The Sylvanian Liberation Front issued a declaration demanding that Ruritania free the prisoners.",
        "The Sylvanian Liberation Front said in a statement demanding that Ruritania free the prisoners.",
    ],
)
def test_a_text_issued_by_someone_makes_its_participle_theirs(nlp, lexicon, text):
    phrases = {"Sylvanian Liberation Front": "SYL/REB", "Ruritania": "RUR"}
    events = code_with(nlp, lexicon, text, phrases)
    request = of_type(events, "REQUEST")
    assert countries(request.actor) == {"SYL"} and countries(request.recipient) == {"RUR"}


def test_a_vehicle_attacked_carrying_aid_is_no_actor_of_the_aid(nlp, lexicon):
    """Only texts pass their participle to whoever issues them: a convoy carrying
    aid is the one carrying it, not whoever attacked it."""
    text = "Ruritanian gunmen attacked a convoy delivering aid to Sylvania."
    events = code_with(nlp, lexicon, text, {"Ruritanian gunmen": "RUR", "Sylvania": "SYL"})
    aid = [e for e in events if e.type == "AID"]
    assert not aid or "RUR" not in countries(aid[0].actor)


def test_a_recipient_of_no_state_is_placed_by_where_the_act_happened(nlp, lexicon):
    text = "Ruritanian troops raided the Blue River Works in northern Sylvania."
    phrases = {"Ruritanian troops": "RUR/MIL", "Blue River Works": "", "Sylvania": "SYL"}
    events = code_with(nlp, lexicon, text, phrases)
    assert "SYL" in countries(of_type(events, "ASSAULT").recipient)


def test_quoted_we_is_the_speaker(nlp, lexicon):
    text = '"We will never negotiate with Sylvania," the Ruritanian foreign minister said.'
    phrases = {"Ruritanian foreign minister": "RUR/GOV", "Sylvania": "SYL"}
    consult = of_type(code_with(nlp, lexicon, text, phrases), "CONSULT")
    assert countries(consult.actor) == {"RUR"} and countries(consult.recipient) == {"SYL"}
    assert consult.polarity == "negative"


def test_we_outside_a_quotation_names_nobody(nlp, lexicon):
    text = "The Ruritanian foreign minister said that we will negotiate with Sylvania."
    phrases = {"Ruritanian foreign minister": "RUR/GOV", "Sylvania": "SYL"}
    consult = [e for e in code_with(nlp, lexicon, text, phrases) if e.type == "CONSULT"]
    assert not consult or "RUR" not in countries(consult[0].actor)


def test_a_speaker_watching_attacks_does_not_make_them(nlp, lexicon):
    text = '"We must watch the attacks on Sylvania closely," the Ruritanian foreign minister said.'
    phrases = {"Ruritanian foreign minister": "RUR/GOV", "Sylvania": "SYL"}
    assault = of_type(code_with(nlp, lexicon, text, phrases), "ASSAULT")
    assert "RUR" not in countries(assault.actor)


def test_people_loyal_to_a_side_act_for_it(nlp, lexicon):
    text = "Militants loyal to the Ruritanian warlord attacked Sylvania on Sunday."
    phrases = {"Ruritanian warlord": "RUR", "Sylvania": "SYL"}
    assault = of_type(code_with(nlp, lexicon, text, phrases), "ASSAULT")
    assert countries(assault.actor) == {"RUR"}


def test_rejecting_claims_made_by_a_state_is_aimed_at_it(nlp, lexicon):
    text = "Ruritania rejected the allegations made by Sylvania."
    events = code_with(nlp, lexicon, text, {"Ruritania": "RUR", "Sylvania": "SYL"})
    assert countries(of_type(events, "REJECT").recipient) == {"SYL"}


def test_asylum_is_sought_from_the_state_it_is_sought_in(nlp, lexicon):
    text = "Some 800 Ruritanian dissidents sought asylum in Sylvania last month."
    phrases = {"Ruritanian dissidents": "RUR", "Sylvania": "SYL"}
    request = of_type(code_with(nlp, lexicon, text, phrases), "REQUEST")
    assert countries(request.actor) == {"RUR"} and countries(request.recipient) == {"SYL"}


def test_he_is_the_person_named_as_subject_before(nlp, lexicon):
    text = (
        "The Ruritanian president said on Monday that he would urge Sylvania to end the blockade."
    )
    phrases = {"Ruritanian president": "RUR/GOV", "Sylvania": "SYL"}
    request = of_type(code_with(nlp, lexicon, text, phrases), "REQUEST")
    assert countries(request.actor) == {"RUR"} and countries(request.recipient) == {"SYL"}


def test_he_is_not_a_plural_subject(nlp, lexicon):
    text = "Sylvanian protesters rallied against the Ruritanian president, saying he must resign."
    phrases = {"Sylvanian protesters": "SYL", "Ruritanian president": "RUR/GOV"}
    resign = [e for e in code_with(nlp, lexicon, text, phrases) if e.type == "RETREAT"]
    assert not resign or "SYL" not in countries(resign[0].actor)


def test_a_pronoun_coordinated_with_a_named_group_keeps_the_group(nlp, lexicon):
    text = "He and other senior Ruritanian officials held talks with Sylvanian officials in Kandor."
    phrases = {
        "Ruritanian officials": "RUR/GOV",
        "Sylvanian officials": "SYL/GOV",
        "Kandor": "KAN",
    }
    consult = of_type(code_with(nlp, lexicon, text, phrases), "CONSULT")
    assert "RUR" in countries(consult.actor)
    assert "SYL" in countries(consult.recipient) | countries(consult.actor)
    assert "KAN" not in countries(consult.recipient)


def test_his_in_a_conjunct_is_the_person_before_it(nlp, lexicon):
    text = "Ruritania imposed sanctions on the Sylvanian warlord and his network."
    phrases = {"Ruritania": "RUR", "Sylvanian warlord": "SYL"}
    sanction = of_type(code_with(nlp, lexicon, text, phrases), "SANCTION")
    assert countries(sanction.recipient) == {"SYL"}


def test_his_client_is_not_the_lawyer(nlp, lexicon):
    text = "The Ruritanian lawyer said his client planned to attack Sylvania."
    phrases = {"Ruritanian lawyer": "RUR", "Sylvania": "SYL"}
    events = code_with(nlp, lexicon, text, phrases)
    assert all("RUR" not in countries(e.actor) for e in events if e.type == "ASSAULT")


def test_the_object_inside_a_trigger_phrase_is_no_recipient(nlp, lexicon):
    """In "held talks in X with Y" the talks are the trigger's own word: the place
    under them is not whom the talks are with."""
    text = "Ruritanian officials held talks in Kandor with Sylvanian officials."
    phrases = {"Ruritanian officials": "RUR/GOV", "Sylvanian officials": "SYL/GOV", "Kandor": "KAN"}
    consult = of_type(code_with(nlp, lexicon, text, phrases), "CONSULT")
    assert countries(consult.recipient) == {"SYL"}


def test_a_threat_is_aimed_at_whom_the_accompanying_claim_makes_it_conditional_on(nlp, lexicon):
    text = (
        "Ruritania has threatened more strikes, claiming that its response will be "
        "harsher if Sylvania moves troops to the border."
    )
    events = code_with(nlp, lexicon, text, {"Ruritania": "RUR", "Sylvania": "SYL"})
    assert countries(of_type(events, "THREATEN").recipient) == {"SYL"}


@pytest.mark.parametrize(
    "text",
    [
        'The Ruritanian spokesman told reporters. "We are worried. We urge Sylvania to '
        'withdraw its troops."',
        '"We are worried. We urge Sylvania to withdraw its troops," the Ruritanian spokesman said.',
        '"Peace is near,\u201d one diplomat said. The Ruritanian spokesman told reporters. '
        '"We are worried. We urge Sylvania to withdraw its troops."',
    ],
)
def test_we_in_a_quotation_of_several_sentences_is_its_speaker(nlp, lexicon, text):
    phrases = {"Ruritanian spokesman": "RUR/GOV", "Sylvania": "SYL"}
    request = of_type(code_with(nlp, lexicon, text, phrases), "REQUEST")
    assert countries(request.actor) == {"RUR"} and countries(request.recipient) == {"SYL"}


def test_a_transfer_goes_to_whom_the_giver_dealt_with_just_before(nlp, lexicon):
    text = "Ruritania and Sylvania signed an arms deal last year. Sylvania also provided artillery shells."
    events = code_with(nlp, lexicon, text, {"Ruritania": "RUR", "Sylvania": "SYL"})
    aid = of_type(events, "AID")
    assert countries(aid.actor) == {"SYL"} and countries(aid.recipient) == {"RUR"}


def test_a_transfer_with_no_earlier_partner_keeps_no_receiver(nlp, lexicon):
    text = "Ruritania held elections last year. Sylvania also provided artillery shells."
    events = code_with(nlp, lexicon, text, {"Ruritania": "RUR", "Sylvania": "SYL"})
    assert not of_type(events, "AID").recipient


@pytest.mark.slow
def test_condemned_act_by_a_group_targets_the_group(nlp, lexicon):
    """Issue 13 (PLV recall): "condemned a protest by white farmers" aims at the farmers."""
    events = code(nlp, lexicon, "Ruritania condemned an anarchic protest by white farmers.")
    (condemning,) = [e for e in events if e.type == "ACCUSE"]
    assert [r.name for r in condemning.recipient] == ["white farmers"]


def test_lifting_sanctions_against_a_state_is_aimed_at_it(nlp, lexicon):
    """Issue 13: a verb that acts on a measure is aimed where the measure is."""
    text = "Ruritania lifted its long-standing sanctions against Sylvania on Friday."
    events = code_with(nlp, lexicon, text, {"Ruritania": "RUR", "Sylvania": "SYL"})
    assert countries(of_type(events, "CONCEDE").recipient) == {"SYL"}


def test_suspending_supplies_to_a_state_is_aimed_at_it(nlp, lexicon):
    """Issue 13: the suspension is aimed at whom the supplies went to."""
    text = "Ruritania suspended food supplies to Sylvania over fears of theft."
    events = code_with(nlp, lexicon, text, {"Ruritania": "RUR", "Sylvania": "SYL"})
    assert countries(of_type(events, "SANCTION").recipient) == {"SYL"}


def test_freeing_some_of_a_group_names_the_group(nlp, lexicon):
    """Issue 13: a number with "of" passes to the people it counts."""
    text = "Ruritanian authorities freed 11 of the most prominent political prisoners."
    events = code_with(nlp, lexicon, text, {"Ruritanian authorities": "RUR"})
    names = [r.name for r in of_type(events, "RETREAT").recipient]
    assert names and "prisoners" in names[0]


def test_a_person_freed_is_named_as_recipient(nlp, lexicon):
    """Issue 13: people named by what they do (a candidate) can be targets."""
    text = "The Ruritanian government has freed a former presidential candidate."
    events = code_with(nlp, lexicon, text, {"Ruritanian government": "RUR"})
    assert [r.name for r in of_type(events, "RETREAT").recipient] == [
        "former presidential candidate"
    ]


def test_a_clause_is_no_named_target(nlp, lexicon):
    """Issue 13: "complain about spying" names no target."""
    text = "Ruritania summoned the ambassador to complain about spying on its ministers."
    events = code_with(nlp, lexicon, text, {"Ruritania": "RUR"})
    complained = [e for e in events if e.evidence.trigger == "complain"]
    assert all(r.name != "spying" for e in complained for r in e.recipient)


def test_troops_remaining_on_alert_are_its_actor_and_place_its_recipient(nlp, lexicon):
    """Issue 13: the subject of "remained on alert" is put on alert; where it stays is the place."""
    text = "Ruritanian troops remained on alert in Sylvania on Sunday."
    events = code_with(nlp, lexicon, text, {"Ruritanian troops": "RUR/MIL", "Sylvania": "SYL"})
    alert = of_type(events, "MOBILIZE")
    assert countries(alert.actor) == {"RUR"} and countries(alert.recipient) == {"SYL"}


def test_workers_going_on_strike_are_its_actor(nlp, lexicon):
    """Issue 13: "went on strike": the subject strikes."""
    text = "Ruritanian dock workers went on strike on Monday."
    events = code_with(nlp, lexicon, text, {"Ruritanian dock workers": "RUR"})
    assert countries(of_type(events, "PROTEST").actor) == {"RUR"}


def test_reporting_on_an_attack_does_not_make_the_reporter_its_actor(nlp, lexicon):
    """Issue 13: "on" after a verb of saying names a topic, not a state of the subject."""
    text = "A Ruritanian newspaper reported on the attack in Sylvania."
    events = code_with(nlp, lexicon, text, {"Ruritanian newspaper": "RUR", "Sylvania": "SYL"})
    assert all("RUR" not in countries(e.actor) for e in events if e.type == "ASSAULT")


def test_refusing_a_request_is_aimed_at_whoever_asked(nlp, lexicon):
    """Issue 13: an answer's object "from" or "by" names whom it answers."""
    text = (
        "The Ruritanian president refused a request from the prime minister to dissolve parliament."
    )
    events = code_with(nlp, lexicon, text, {"Ruritanian president": "RUR/GOV"})
    assert [r.name for r in of_type(events, "REJECT").recipient] == ["prime minister"]


def test_mobilizing_troops_for_an_assault_is_aimed_at_its_target(nlp, lexicon):
    """Issue 13: the troops mobilized are the actor's own; the assault prepared names the target."""
    text = "Ruritania mobilized the army for a ground assault against Sylvania."
    events = code_with(nlp, lexicon, text, {"Ruritania": "RUR", "Sylvania": "SYL"})
    assert countries(of_type(events, "MOBILIZE").recipient) == {"SYL"}


def test_an_object_pronoun_is_not_its_own_clauses_doer(nlp, lexicon):
    """Issue 13: "called X to congratulate him": him is X, not the caller."""
    text = "The Ruritanian president called the Sylvanian premier on Monday to congratulate him."
    events = code_with(
        nlp, lexicon, text, {"Ruritanian president": "RUR/GOV", "Sylvanian premier": "SYL/GOV"}
    )
    assert countries(of_type(events, "SUPPORT").recipient) == {"SYL"}


def test_it_as_object_is_no_person_of_an_outer_clause(nlp, lexicon):
    """Issue 13: "Pelosi shook her head as Trump condemned it": it is the law, not Pelosi."""
    text = "Ruritanian Speaker Anna Berg shook her head as the Sylvanian president condemned it."
    events = code_with(
        nlp,
        lexicon,
        text,
        {"Ruritanian Speaker Anna Berg": "RUR/LEG", "Sylvanian president": "SYL/GOV"},
    )
    assert "RUR" not in countries(of_type(events, "ACCUSE").recipient)


def test_an_arrest_with_no_doer_is_done_by_the_state_it_happens_in(nlp, lexicon):
    """Issue 13: only a state arrests; "was arrested in X" is X's act."""
    text = "The opposition leader was arrested in Sylvania on Monday."
    events = code_with(nlp, lexicon, text, {"Sylvania": "SYL"})
    arrest = of_type(events, "COERCE")
    assert countries(arrest.actor) == {"SYL"} and "SYL" not in countries(arrest.recipient)


def test_an_attack_with_no_doer_is_not_the_places(nlp, lexicon):
    """Issue 13: anyone can attack; "was attacked in X" says nothing of who did."""
    text = "The opposition leader was attacked in Sylvania on Monday."
    events = code_with(nlp, lexicon, text, {"Sylvania": "SYL"})
    assert countries(of_type(events, "ASSAULT").actor) == set()


def test_seeking_authority_to_act_names_no_target(nlp, lexicon):
    """Issue 13: "authority" is also a permission; "the authorities" stay a body."""
    text = "The Sylvanian leader will seek authority to hold a new referendum."
    events = code_with(nlp, lexicon, text, {"Sylvanian leader": "SYL/GOV"})
    assert all(r.name != "authority" for e in events for r in e.recipient)
    text = "A Sylvanian opposition leader surrendered to the authorities on Tuesday."
    events = code_with(nlp, lexicon, text, {"Sylvanian opposition leader": "SYL"})
    assert [r.name for r in of_type(events, "RETREAT").recipient] == ["authorities"]


def test_a_denial_of_the_charge_answers_the_accuser_before_it(nlp, lexicon):
    """issue 13: "Russia has denied the charge" had no recipient though the
    sentence before names who charged it."""
    from _events_helpers import code

    events = code(
        nlp, lexicon, "Peru accused Russia of arming the rebels. Russia denied the charge."
    )
    (denial,) = [e for e in events if e.type == "REJECT"]
    assert {r.country for r in denial.recipient} == {"PER"}
    events = code(
        nlp, lexicon, "Peru accused Chile of arming the rebels. Russia denied the charge."
    )
    (denial,) = [e for e in events if e.type == "REJECT"]
    assert denial.recipient == []  # the charge was not against Russia


def test_a_state_that_faces_criticism_from_another_is_its_recipient(nlp, lexicon):
    """Issue 13: the subject of "faces criticism from X" undergoes it; X criticises."""
    text = "Ruritania faces sharp criticism from Sylvania over its border policy."
    events = code_with(nlp, lexicon, text, {"Ruritania": "RUR", "Sylvania": "SYL"})
    accuse = of_type(events, "ACCUSE")
    assert countries(accuse.actor) == {"SYL"}
    assert countries(accuse.recipient) == {"RUR"}


def test_a_state_that_came_under_attack_is_the_target_not_the_attacker(nlp, lexicon):
    text = "Ruritania came under attack from Sylvanian rebels last week."
    events = code_with(nlp, lexicon, text, {"Ruritania": "RUR", "Sylvanian rebels": "SYL/REB"})
    assault = of_type(events, "ASSAULT")
    assert countries(assault.actor) == {"SYL"}
    assert countries(assault.recipient) == {"RUR"}


def test_a_state_that_criticises_is_still_the_actor(nlp, lexicon):
    """The pair of the two above: a plain verb of saying keeps its subject as the critic."""
    text = "Ruritania voiced sharp criticism of Sylvania over its border policy."
    events = code_with(nlp, lexicon, text, {"Ruritania": "RUR", "Sylvania": "SYL"})
    accuse = of_type(events, "ACCUSE")
    assert countries(accuse.actor) == {"RUR"}


def test_what_is_discussed_is_no_party_to_the_talks(nlp, lexicon):
    """Issue 13: the object of "discuss" is a topic; the party comes with "with"."""
    text = "The Ruritanian president discussed Sylvania with the Freedonian foreign minister."
    events = code_with(
        nlp,
        lexicon,
        text,
        {"Ruritanian president": "RUR", "Sylvania": "SYL", "Freedonian foreign minister": "FRE"},
    )
    assert countries(of_type(events, "CONSULT").recipient) == {"FRE"}


def test_one_called_to_discuss_is_the_recipient_and_the_caller_the_actor(nlp, lexicon):
    """Issue 13: "X called Y to discuss": both discuss; X acts, Y is the recipient
    (object control had made Y the only side)."""
    text = "The Ruritanian president called the Sylvanian prime minister to discuss the border."
    events = code_with(
        nlp,
        lexicon,
        text,
        {"Ruritanian president": "RUR", "Sylvanian prime minister": "SYL"},
    )
    consult = of_type(events, "CONSULT")
    assert countries(consult.actor) == {"RUR"}
    assert countries(consult.recipient) == {"SYL"}


def test_one_invited_to_visit_a_party_is_the_visitor(nlp, lexicon):
    """Issue 13: "X invited Y to visit Z": Y visits Z (object control); the inviter
    is neither visitor nor host ("Trudeau invited him to visit Canada" was coded as
    Trudeau visiting Trump)."""
    text = "The Ruritanian president invited the Sylvanian prime minister to visit Ostland."
    events = code_with(
        nlp,
        lexicon,
        text,
        {"Ruritanian president": "RUR", "Sylvanian prime minister": "SYL", "Ostland": "OST"},
    )
    visit = of_type(events, "CONSULT")
    assert countries(visit.actor) == {"SYL"}
    assert countries(visit.recipient) == {"OST"}


def test_a_group_outlawed_in_a_state_is_outlawed_by_that_state(nlp, lexicon):
    """Issue 13: "X, a terror group outlawed in Russia": Russia outlaws X; the place
    where a state act is done is its doer, never its recipient. (In brackets the same
    words are a note on the name, no event: test_events_precision.)"""
    text = (
        "Fighters of the Sylvanian Front, a terror group outlawed in Ruritania, attacked the town."
    )
    events = code_with(nlp, lexicon, text, {"Sylvanian Front": "SYL/REB", "Ruritania": "RUR"})
    outlawed = of_type(events, "COERCE")
    assert countries(outlawed.actor) == {"RUR"}
    assert "RUR" not in countries(outlawed.recipient)


def test_statistics_released_in_a_capital_are_no_release(nlp, lexicon):
    text = "Growth lagged, according to official statistics released in Ruritania on Monday."
    events = code_with(nlp, lexicon, text, {"Ruritania": "RUR"})
    assert not [e for e in events if e.type == "RETREAT"]


def test_a_dateline_is_no_actor_of_the_first_verb(nlp, lexicon):
    """Issue 13: "BERLIN -- A court in X has convicted ...": the parser makes the
    dateline a subject; the court acts."""
    text = "BERLIN -- A Ruritanian court has convicted three Sylvanian men over an assault."
    events = code_with(
        nlp,
        lexicon,
        text,
        {"BERLIN": "DEU", "Ruritanian court": "RUR/JUD", "Sylvanian men": "SYL"},
    )
    convicted = of_type(events, "ACCUSE")
    assert countries(convicted.actor) == {"RUR"}


def test_who_sat_down_for_talks_holds_them(nlp, lexicon):
    """Issue 13 (2017 key events): "X sat down for talks with Y": X talks with Y."""
    text = "The Ruritanian defence minister sat down for talks with the Sylvanian defence minister."
    events = code_with(
        nlp,
        lexicon,
        text,
        {"Ruritanian defence minister": "RUR", "Sylvanian defence minister": "SYL"},
    )
    talks = of_type(events, "CONSULT")
    assert countries(talks.actor) == {"RUR"}
    assert countries(talks.recipient) == {"SYL"}


def test_a_pronoun_under_a_pronoun_takes_the_outer_ones_referent(nlp, lexicon):
    """Issue 13 (side missing): "He said he met X": the inner "he" is the outer
    one, who is the "he" of the sentence before, who is the minister."""
    text = (
        "The Ruritanian minister spoke on Friday. He said the talks were useful. "
        "He said he met the Sylvanian envoy in May."
    )
    events = code_with(nlp, lexicon, text, {"Ruritanian minister": "RUR", "Sylvanian envoy": "SYL"})
    assert countries(of_type(events, "CONSULT").actor) == {"RUR"}


def test_a_pronoun_binds_to_the_passive_subject_of_its_clause(nlp, lexicon):
    text = "The Ruritanian adviser was fired after he discussed sanctions with the Sylvanian envoy."
    events = code_with(nlp, lexicon, text, {"Ruritanian adviser": "RUR", "Sylvanian envoy": "SYL"})
    talks = of_type(events, "CONSULT")
    assert countries(talks.actor) == {"RUR"}
    assert countries(talks.recipient) == {"SYL"}


def _coded_with_place(nlp, lexicon, text: str, actors: dict[str, str], place: str):
    """Code ``text`` with one actor mention per phrase of ``actors`` ("country/sector")
    and ``place`` as the resolver marks a place: no actor, its country only."""
    doc = nlp(text)
    mentions = []
    for phrase, code_ in actors.items():
        start = text.index(phrase)
        country, _, sector = code_.partition("/")
        key = phrase.lower().replace(" ", "-")
        mentions.append(
            Mention(
                "t", 0, start, start + len(phrase), phrase, key, "test", country, sector or None
            )
        )
    start = text.index(place)
    mentions.append(Mention("t", 0, start, start + len(place), place, None, "place", "SYL", None))
    document = Document(id="t", source="test.txt", text=text)
    return extract_events(doc, document, sorted(mentions, key=lambda m: m.start), lexicon)


def test_place_an_attack_happened_in_is_not_its_doer(nlp, lexicon):
    events = _coded_with_place(
        nlp, lexicon, "The attack in Sylvania killed 20 people.", {}, "Sylvania"
    )
    assert all(not e.actor for e in events if e.type == "ASSAULT")


def test_subject_folded_into_a_fronted_phrase_still_acts(nlp, lexicon):
    text = "In particular, Sylvania, which has much experience in such trade, has helped Ruritania to build a fleet."
    events = _coded_with_place(nlp, lexicon, text, {"Ruritania": "RUR/GOV"}, "Sylvania")
    assert countries(of_type(events, "AID").actor) == {"SYL"}


def test_counted_part_of_a_group_is_the_recipient(nlp, lexicon):
    text = "Ruritania freed 11 of Sylvania's most prominent prisoners on Tuesday."
    events = code_with(
        nlp,
        lexicon,
        text,
        {"Ruritania": "RUR/GOV", "Sylvania's most prominent prisoners": "SYL/CVL"},
    )
    assert countries(of_type(events, "RETREAT").recipient) == {"SYL"}


def test_people_converging_for_a_rally_hold_it(nlp, lexicon):
    text = "Thousands of Ruritanians were converging on Sunday for a rally in the capital."
    events = code_with(nlp, lexicon, text, {"Ruritanians": "RUR"})
    assert countries(of_type(events, "PROTEST").actor) == {"RUR"}


def test_suspension_of_aid_to_a_state_is_aimed_at_it(nlp, lexicon):
    events = code(nlp, lexicon, "Norway announced a suspension of aid to Peru on Monday.")
    assert countries(of_type(events, "SANCTION").recipient) == {"PER"}


def test_easing_a_measure_laid_on_a_state_is_aimed_at_it(nlp, lexicon):
    events = code(nlp, lexicon, "Norway has decided to lift sanctions imposed on Peru.")
    assert countries(of_type(events, "CONCEDE").recipient) == {"PER"}


def test_tariffs_on_a_states_goods_are_aimed_at_it(nlp, lexicon):
    events = code(nlp, lexicon, "Canada rolled back tariffs on Peruvian goods.")
    assert countries(of_type(events, "CONCEDE").recipient) == {"PER"}


def test_what_a_gerund_acts_on_is_not_its_doer(nlp, lexicon):
    events = code(nlp, lexicon, "Officials dismissed the idea of requesting Peru's tax records.")
    requests = [e for e in events if e.type == "REQUEST"]
    assert all("PER" not in countries(e.actor) for e in requests)


def test_counterpart_named_in_apposition_is_the_recipient(nlp, lexicon):
    text = "Anton Vell met his Ruritanian counterpart, Boris Kalder, in the capital."
    events = code_with(
        nlp,
        lexicon,
        text,
        {"Anton Vell": "SYL/GOV", "Ruritanian counterpart": "RUR/GOV", "Boris Kalder": ""},
    )
    met = of_type(events, "CONSULT")
    assert [(r.name, r.country, r.sector) for r in met.recipient] == [
        ("Boris Kalder", "RUR", "GOV")
    ]


def test_ceasefire_with_a_movement_of_the_same_state_is_aimed_at_it(nlp, lexicon):
    from entente.records import Actor

    text = "President Karel Vosk declared a ceasefire with the Liberation Front on Sunday."
    doc = nlp(text)
    mentions = []
    for phrase, actor_id in (("Karel Vosk", "karel-vosk"), ("Liberation Front", "front")):
        start = text.index(phrase)
        mentions.append(
            Mention("t", 0, start, start + len(phrase), phrase, actor_id, "test", "RUR", "GOV")
        )
    actors = [
        Actor(id="karel-vosk", name="Karel Vosk", kind="person", country="RUR", sector="GOV"),
        Actor(id="front", name="Liberation Front", kind="movement", country="RUR", sector="GOV"),
    ]
    document = Document(id="t", source="test.txt", text=text)
    events = extract_events(doc, document, mentions, lexicon, actors)
    assert [r.name for r in of_type(events, "RETREAT").recipient] == ["Liberation Front"]


def test_refusal_to_deal_with_a_state_is_aimed_at_it(nlp, lexicon):
    text = "Ruritania's refusal to engage with Sylvania surprised the observers."
    events = code_with(nlp, lexicon, text, {"Ruritania": "RUR/GOV", "Sylvania": "SYL/GOV"})
    assert countries(of_type(events, "REJECT").recipient) == {"SYL"}


def test_he_in_the_next_sentence_is_not_a_plural_body(nlp, lexicon):
    """Issue 13: "Malaysian police announced the arrest of a man. He was arrested ..."
    made the police the arrested; "he" is a person, never a plural subject."""
    text = (
        "Ruritanian police announced the arrest of a fourth suspect. "
        "He was arrested on Friday, the Ruritanian police said."
    )
    events = code_with(nlp, lexicon, text, {"Ruritanian police": "RUR/COP"})
    arrests = [e for e in events if e.type == "COERCE" and e.evidence.trigger == "arrested"]
    assert all("RUR" not in countries(e.recipient) for e in arrests)


def test_a_text_vetoed_is_not_said_by_who_vetoed_it(nlp, lexicon):
    """Issue 13: "Moscow has vetoed resolutions condemning Syrian government actions"
    made Russia the condemner of Syria; whoever stops a text does not say it."""
    text = "Ruritania has vetoed resolutions condemning Sylvanian government actions."
    events = code_with(nlp, lexicon, text, {"Ruritania": "RUR", "Sylvanian": "SYL"})
    condemning = [e for e in events if e.evidence.trigger == "condemning"]
    assert all("RUR" not in countries(e.actor) for e in condemning)


def test_whom_a_relational_noun_is_related_to_is_not_who_it_is(nlp, lexicon):
    """Issue 13: "Israel's Arab neighbors, who traditionally opposed Israel" was Israel
    opposing Israel; "Trump's supporters held rallies" made Trump the protester."""
    text = "Ruritania's neighbours, who long opposed Ruritania, met in Ostbad."
    events = code_with(nlp, lexicon, text, {"Ruritania": "RUR"})
    opposed = [e for e in events if e.evidence.trigger == "opposed"]
    assert all("RUR" not in countries(e.actor) for e in opposed)


def test_whom_a_singular_event_noun_is_done_to_is_its_possessor(nlp, lexicon):
    """Issue 13: "the tanker's release", "Kim's murder", "de Lima's arrest" made the
    released, the victim, the arrested the doer; with an "of" object the possessor
    acts ("Ruritania's expulsion of diplomats")."""
    text = "A Sylvanian court ordered Ivan Petrov's release, and Ruritania's expulsion of envoys angered Sylvania."
    events = code_with(
        nlp, lexicon, text, {"Sylvanian court": "SYL/JUD", "Ivan Petrov": "RUR", "Ruritania": "RUR"}
    )
    release = next(e for e in events if e.evidence.trigger == "release")
    assert "RUR" in countries(release.recipient) and "RUR" not in countries(release.actor)
    expulsion = next(e for e in events if e.evidence.trigger == "expulsion")
    assert countries(expulsion.actor) == {"RUR"}


def test_a_town_written_with_its_state_places_a_ceasefire(nlp, lexicon):
    """ "The ceasefire in Yemen's Hudaydah" had no recipient: the town had no state of
    its own, and the state it is written with was not read."""
    text = "The UN-brokered ceasefire in Yemen's Hudaydah will start on Tuesday."
    events = code_with(nlp, lexicon, text, {"UN": "UNO/IGO", "Yemen": "YEM", "Hudaydah": None})
    assert countries(of_type(events, "RETREAT").recipient) == {"YEM"}


def test_what_a_letter_asks_is_asked_of_whom_it_is_sent_to(nlp, lexicon):
    """Issue 13: "sent a letter to X asking for details", "an open letter to X,
    asking him to step down" had no recipient."""
    text = "Ivan Petrov sent a letter to the Sylvanian foreign minister asking for details."
    events = code_with(
        nlp, lexicon, text, {"Ivan Petrov": "RUR", "Sylvanian foreign minister": "SYL/GOV"}
    )
    assert countries(of_type(events, "REQUEST").recipient) == {"SYL"}


def test_an_act_carried_out_by_a_party_is_that_partys(nlp, lexicon):
    """Issue 13: "air strikes on Idlib carried out by Russia's Aerospace Forces",
    "sanctions imposed by Kiev" had no actor; who condemns an act did not do it."""
    text = "The sanctions against Sylvania imposed by Ruritania hurt its economy."
    events = code_with(nlp, lexicon, text, {"Sylvania": "SYL", "Ruritania": "RUR"})
    assert countries(of_type(events, "SANCTION").actor) == {"RUR"}
    text = "The attack on the Sylvanian embassy was condemned by Ruritania."
    events = code_with(nlp, lexicon, text, {"Sylvanian": "SYL", "Ruritania": "RUR"})
    assert all("RUR" not in countries(e.actor) for e in events if e.type == "ASSAULT")


@pytest.mark.parametrize(
    "text",
    [
        "The Ruritanian government is committed to the agreement with Sylvania.",
        "The Ruritanian government was opposed to the Sylvanian proposal.",
    ],
)
def test_a_subject_committed_or_opposed_holds_that_stance(nlp, lexicon, text):
    """Issue 13: "the government was committed to a deal", "the US was committed to
    the alliance" made the committed the recipient and left no actor (a passive
    form); with a "by" agent the passive is an ordinary one."""
    phrases = {"Ruritanian government": "RUR/GOV", "Sylvania": "SYL/GOV", "Sylvanian": "SYL"}
    events = code_with(nlp, lexicon, text, phrases)
    event = next(e for e in events if e.type in ("AGREE", "REJECT"))
    assert countries(event.actor) == {"RUR"} and countries(event.recipient) == {"SYL"}
    text = "The Sylvanian proposal was opposed by the Ruritanian government."
    events = code_with(nlp, lexicon, text, phrases)
    assert countries(of_type(events, "REJECT").actor) == {"RUR"}


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("The Ruritanian government was opposed to the proposal.", True),
        ("The Ruritanian government is committed to the agreement.", True),
        ("The Ruritanian plan was opposed in parliament.", False),
        ("Atrocities were committed in the region.", False),
    ],
)
def test_only_a_participle_with_what_it_is_committed_to_holds_a_stance(nlp, text, stance):
    """A stance participle with no "to" is an ordinary passive: "Russia's plan was
    opposed in parliament" is done to the plan, "atrocities were committed" by
    someone unsaid; neither subject is a doer."""
    doc = nlp(text)
    participle = next(t for t in doc if t.lemma_ in ("oppose", "commit"))
    assert holds_stance(participle) is stance


def test_an_act_led_by_a_state_is_that_states(nlp, lexicon):
    """Issue 13: "a Saudi-led strike on a school bus", "US-led air raids", "the
    US-led invasion of Iraq" had no actor; the leader before the hyphen does it."""
    text = "A Ruritanian-led strike on a Sylvanian school bus killed ten children."
    events = code_with(nlp, lexicon, text, {"Ruritanian": "RUR", "Sylvanian": "SYL"})
    strike = next(e for e in events if e.evidence.trigger == "strike")
    assert countries(strike.actor) == {"RUR"} and countries(strike.recipient) == {"SYL"}


def test_a_mediator_mediates_between_the_parties_of_the_quarrel(nlp, lexicon):
    """Issue 13: "launched a mediation effort to resolve the rift between Qatar and
    other Gulf states", "to prevent a confrontation between Turkey and Syria" had no
    recipient: "between" hangs on the quarrel, not on the mediation."""
    text = (
        "Ruritania launched a mediation effort to end the dispute between Sylvania and Freedonia."
    )
    events = code_with(
        nlp, lexicon, text, {"Ruritania": "RUR/GOV", "Sylvania": "SYL/GOV", "Freedonia": "FRE/GOV"}
    )
    consult = of_type(events, "CONSULT")
    assert countries(consult.actor) == {"RUR"} and countries(consult.recipient) == {"SYL", "FRE"}


@pytest.mark.parametrize(
    "text",
    [
        "The Ruritanian minister said after talks with Sylvania's foreign minister that ties were good.",
        "Following a meeting with the Sylvanian president, the Ruritanian minister said ties were good.",
    ],
)
def test_who_speaks_after_talks_with_someone_took_part_in_them(nlp, lexicon, text):
    """Issue 13: "Juncker said after talks with Mr Kenny", "Abbas said following a
    meeting with Hollande" had no actor; a hostile act after a meeting is not a
    part in it."""
    phrases = {
        "Ruritanian minister": "RUR/GOV",
        "Sylvania": "SYL/GOV",
        "Sylvanian president": "SYL/GOV",
    }
    consult = of_type(code_with(nlp, lexicon, text, phrases), "CONSULT")
    assert countries(consult.actor) == {"RUR"} and countries(consult.recipient) == {"SYL"}
    text = "Ruritanian police detained protesters after a meeting with Sylvanian officials."
    phrases = {"Ruritanian police": "RUR/COP", "Sylvanian officials": "SYL/GOV"}
    consult = of_type(code_with(nlp, lexicon, text, phrases), "CONSULT")
    assert "RUR" not in countries(consult.actor)


def test_the_us_as_subject_is_no_speakers_us(nlp, lexicon):
    """Issue 13: "The US has issued an ultimatum to Turkey" had no actor: the subject
    "US" was taken for the pronoun "us", a speaker who names no doer."""
    events = code_with(
        nlp,
        lexicon,
        "The US has issued an ultimatum to Ruritania.",
        {"US": "USA/GOV", "Ruritania": "RUR/GOV"},
    )
    threat = of_type(events, "THREATEN")
    assert countries(threat.actor) == {"USA"} and countries(threat.recipient) == {"RUR"}


def test_a_leaders_relative_is_not_the_leader(nlp, lexicon):
    """Issue 13: "the estranged half-brother of North Korean leader Kim Jong-un was
    killed" made Kim Jong-un the victim; kin, like allies and supporters, are others
    than whom they are related to, whether by "'s" or by "of"."""
    phrases = {"Ivan Petrov": "RUR/GOV", "Ruritanian police": "RUR/COP"}
    text = "The brother of Ruritanian leader Ivan Petrov was killed, Ruritanian police said."
    killed = of_type(code_with(nlp, lexicon, text, phrases), "ASSAULT")
    assert "RUR" not in countries(killed.recipient)
    text = "Supporters of Ivan Petrov attacked protesters in the capital."
    attack = next((e for e in code_with(nlp, lexicon, text, phrases) if e.type == "ASSAULT"), None)
    assert attack is None or "RUR" not in countries(attack.actor)


def test_ground_taken_from_a_party_is_taken_from_that_party(nlp, lexicon):
    """Issue 13: "the SDF captured the nearby Tabqa airbase from ISIL" had the base, a
    place of no party, as recipient and ISIL nowhere."""
    text = "Ruritanian troops captured the nearby Tabor airbase from Sylvanian rebels."
    phrases = {"Ruritanian troops": "RUR/MIL", "Tabor": "place", "Sylvanian rebels": "SYL/REB"}
    events = code_with(nlp, lexicon, text, phrases)
    captured = next(e for e in events if e.evidence.trigger == "captured")
    assert countries(captured.recipient) == {"SYL"}
    text = "Ruritanian troops captured the mosque in Tabor from where Sylvanian rebels proclaimed a state."
    events = code_with(nlp, lexicon, text, phrases)
    captured = next(e for e in events if e.evidence.trigger == "captured")
    assert "SYL" not in countries(captured.recipient)  # a place "from where", not a party
