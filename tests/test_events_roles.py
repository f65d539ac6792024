"""Role mechanisms that need multi-word mentions: made-up sentences, mentions
placed by phrase so that the tests do not depend on the actor resolver."""

from __future__ import annotations

import pytest

from entente.events.extract import extract_events
from entente.records import Document, Mention, PublicationDate

pytestmark = pytest.mark.slow


def code_with(nlp, lexicon, text: str, phrases: dict[str, str], published: str | None = None):
    """Code ``text`` with one mention per occurrence of each phrase (phrase ->
    "country" or "country/sector")."""
    doc = nlp(text)
    mentions = []
    for phrase, country in phrases.items():
        start = text.find(phrase)
        while start >= 0:
            key = phrase.lower().replace(" ", "-")
            code, _, sector = country.partition("/")
            mentions.append(
                Mention(
                    "t", 0, start, start + len(phrase), phrase, key, "test", code, sector or None
                )
            )
            start = text.find(phrase, start + 1)
    pub = PublicationDate(published, "day") if published else None
    document = Document(id="t", source="test.txt", text=text, published=pub)
    return extract_events(doc, document, mentions, lexicon)


def names(refs) -> list[str]:
    return [r.name for r in refs]


@pytest.mark.parametrize(
    "text",
    [
        "Senior Fatah official Omar Haddad praised Chile's help.",
        "Fatah commander Omar Haddad praised Chile's help.",
    ],
)
def test_person_acts_for_the_organisation_named_before_the_name(nlp, lexicon, text):
    events = code_with(nlp, lexicon, text, {"Fatah": "PSE", "Omar Haddad": "PSE", "Chile": "CHL"})
    praise = [e for e in events if e.type == "SUPPORT"]
    assert praise and set(names(praise[0].actor)) == {"Omar Haddad", "Fatah"}


def test_each_coordinated_nationality_inside_one_mention_is_an_actor(nlp, lexicon):
    text = "Peruvian and Chilean ministers agreed on Tuesday to reopen the border."
    phrases = {"Peruvian and Chilean ministers": "PER", "Chilean": "CHL"}
    events = code_with(nlp, lexicon, text, phrases)
    agree = [e for e in events if e.type == "AGREE"]
    assert agree and {r.country for r in agree[0].actor} == {"PER", "CHL"}


def test_subject_folded_into_a_fronted_adverbial_still_acts(nlp, lexicon):
    text = "In addition, Norway, which has long experience with shipping, has helped Peru to build a port."
    events = code_with(nlp, lexicon, text, {"Norway": "NOR", "Peru": "PER"})
    helped = [e for e in events if e.evidence.trigger == "helped"]
    assert helped and [r.country for r in helped[0].actor] == ["NOR"]
    assert [r.country for r in helped[0].recipient] == ["PER"]


def test_threat_is_aimed_at_whom_the_threatened_action_is_aimed_at(nlp, lexicon):
    text = "Norway threatened to expel the ambassador of Peru."
    events = code_with(nlp, lexicon, text, {"Norway": "NOR", "Peru": "PER"})
    threat = [e for e in events if e.type == "THREATEN"]
    assert threat and [r.country for r in threat[0].recipient] == ["PER"]


@pytest.mark.parametrize(
    "text",
    [
        "Chile threatened to leave the talks if Peru goes ahead with the plan.",
        "Chile threatened to halt the talks unless Peru withdrew its troops.",
    ],
)
def test_conditional_threat_is_aimed_at_the_party_of_the_condition(nlp, lexicon, text):
    events = code_with(nlp, lexicon, text, {"Chile": "CHL", "Peru": "PER"})
    threat = [e for e in events if e.type == "THREATEN"]
    assert threat and [r.country for r in threat[0].recipient] == ["PER"]


def test_pronoun_bound_to_the_actor_is_not_the_recipient(nlp, lexicon):
    text = "Norway deployed its warships."
    events = code_with(nlp, lexicon, text, {"Norway": "NOR"})
    assert events and all(not e.recipient for e in events)


def test_protest_with_no_target_is_aimed_at_the_protesters_government(nlp, lexicon):
    text = "Thousands of Peruvian students marched through the capital on Sunday to protest."
    doc_mentions = {"Peruvian students": "PER"}
    events = code_with(nlp, lexicon, text, doc_mentions)
    protest = [e for e in events if e.type == "PROTEST"]
    assert protest and [(r.country, r.sector) for r in protest[0].recipient] == [("PER", "GOV")]


def test_protest_by_a_state_organ_gets_no_implied_target(nlp, lexicon):
    text = "Peruvian police marched through the capital on Sunday to protest."
    events = code_with(nlp, lexicon, text, {"Peruvian police": "PER/COP"})
    protest = [e for e in events if e.type == "PROTEST"]
    assert protest and not protest[0].recipient


def test_the_two_countries_are_the_last_two_states_named(nlp, lexicon):
    """issue 13: "the two countries agreed" had no sides."""
    from _events_helpers import code

    events = code(
        nlp, lexicon, "Russia and Peru signed a memorandum. The two countries agreed to hold talks."
    )
    (agreed,) = [e for e in events if e.evidence.trigger == "agreed"]
    assert {a.country for a in agreed.actor} == {"RUS", "PER"}


def test_both_countries_and_both_of_them_are_the_last_two_named(nlp, lexicon):
    """issue 13: "both countries", "both of them" are the pair named just before, as
    "the two countries" is (2017 corpus: 77 "both countries/leaders ...")."""
    from _events_helpers import code

    events = code(
        nlp, lexicon, "Russia and Peru signed a memorandum. Both countries agreed to hold talks."
    )
    (agreed,) = [e for e in events if e.evidence.trigger == "agreed"]
    assert {a.country for a in agreed.actor} == {"RUS", "PER"}
    events = code(nlp, lexicon, "Russia met Peru in Lima. Both of them agreed to hold talks.")
    (agreed,) = [e for e in events if e.evidence.trigger == "agreed"]
    assert {a.country for a in agreed.actor} == {"RUS", "PER"}


def test_the_victim_of_a_joined_passive_is_never_its_doer(nlp, lexicon):
    """issue 13: "X was ousted and killed": the second participle is passive too;
    X was killed (the 2017 store had Gaddafi as the killer)."""
    text = "The Ruritanian leader was ousted and killed in 2011."
    events = code_with(nlp, lexicon, text, {"Ruritanian leader": "RUR"})
    killed = [e for e in events if e.evidence.trigger == "killed"]
    assert killed and not killed[0].actor
    assert {a.country for a in killed[0].recipient} == {"RUR"}


def test_she_is_no_man_the_registry_knows_and_he_no_woman(nlp, lexicon):
    """Issue 13: "Kim Kyong Hui ... she" was Kim Il Sung; "Pelosi criticised Trump
    after he fired Comey" made Pelosi the one who fired."""
    from entente.events.roles import _agrees_in_sex

    doc = nlp("She said he left.")
    she, he = doc[0], doc[2]
    man = Mention("t", 0, 0, 1, "Obama", "barack-obama", "test", "USA", "GOV")
    woman = Mention("t", 0, 0, 1, "Merkel", "angela-merkel", "test", "DEU", "GOV")
    unknown = Mention("t", 0, 0, 1, "Ivan Petrov", "x-ivan-petrov", "test", "RUR", None)
    assert not _agrees_in_sex(man, she) and _agrees_in_sex(man, he)
    assert not _agrees_in_sex(woman, he) and _agrees_in_sex(woman, she)
    assert _agrees_in_sex(unknown, she) and _agrees_in_sex(unknown, he)
