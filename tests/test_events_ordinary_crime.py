"""Ordinary crime and mishaps are candidates, not political events (issue 13):
force or coercion with no political side, in a sentence naming no political actor
but police or courts, in a document of low political relevance (police_gate.tsv)."""

from __future__ import annotations

from dataclasses import replace

from map_fixtures import ACTORS, doc, event, ref

from entente.events.gating import ordinary_force_reason
from entente.records import Actor, ActorRef, Document, Mention

LOW = 0.4
NO_WORDS: frozenset[str] = frozenset()
POLICE = ActorRef("Ruritanian police", "RUR", "COP", None)
SHOPKEEPER = ActorRef("a shopkeeper", None, None, None)


def _event(type_: str, mode: str | None, actor: list[ActorRef], recipient: list[ActorRef]):
    coded = doc("d1", "Outlet", "2017-03-01", [event("e1", type_, [], [], "Police arrested him.")])
    return replace(coded.events[0], mode=mode, actor=actor, recipient=recipient)


def test_police_arresting_a_private_person_in_a_crime_story_is_a_candidate(lexicon) -> None:
    arrest = _event("COERCE", "arrest", [POLICE], [SHOPKEEPER])
    reason = ordinary_force_reason(arrest, 0.15, LOW, 0, NO_WORDS, lexicon, ACTORS)
    assert reason is not None and reason.startswith("ordinary crime")


def test_a_killing_with_no_sides_in_a_crime_story_is_a_candidate(lexicon) -> None:
    killing = _event("ASSAULT", None, [], [])
    assert ordinary_force_reason(killing, 0.2, LOW, 0, NO_WORDS, lexicon, ACTORS) is not None


def test_force_with_a_political_side_stays_an_event(lexicon) -> None:
    for actor, recipient in (([ref("RUS")], []), ([], [ref("hamas")]), ([POLICE], [ref("ISR")])):
        strike = _event("ASSAULT", None, actor, recipient)
        assert ordinary_force_reason(strike, 0.15, LOW, 0, NO_WORDS, lexicon, ACTORS) is None


def test_a_sentence_naming_a_political_actor_keeps_its_event(lexicon) -> None:
    """The sides may have missed a party the sentence names ("Ruritanian troops
    repelled an attack"): one political mention besides police keeps the event."""
    attack = _event("ASSAULT", None, [], [])
    assert ordinary_force_reason(attack, 0.15, LOW, 1, NO_WORDS, lexicon, ACTORS) is None


def test_a_sentence_telling_of_war_or_terror_keeps_its_event(lexicon) -> None:
    """A soldier makes "was killed after putting a gun to a soldier's head" an
    act of security forces, not a crime story's."""
    killing = _event("ASSAULT", None, [], [])
    words = frozenset({"be", "kill", "after", "put", "gun", "soldier", "head"})
    assert ordinary_force_reason(killing, 0.15, LOW, 0, words, lexicon, ACTORS) is None


def test_a_political_or_short_document_keeps_its_crime_events(lexicon) -> None:
    arrest = _event("COERCE", "arrest", [POLICE], [SHOPKEEPER])
    assert ordinary_force_reason(arrest, 0.6, LOW, 0, NO_WORDS, lexicon, ACTORS) is None
    assert ordinary_force_reason(arrest, None, LOW, 0, NO_WORDS, lexicon, ACTORS) is None


def test_acts_only_states_do_and_other_types_stay_events(lexicon) -> None:
    air_strike = _event("ASSAULT", "aerial", [], [])
    deportation = _event("COERCE", "deport", [], [SHOPKEEPER])
    criticism = _event("ACCUSE", "disapprove", [], [SHOPKEEPER])
    aid = _event("AID", None, [], [])
    for kept in (air_strike, deportation, criticism, aid):
        assert ordinary_force_reason(kept, 0.15, LOW, 0, NO_WORDS, lexicon, ACTORS) is None


CRIME_STORY = (
    "Two men were arrested for stealing bicycles in Ruritania on Tuesday. "
    "The thefts happened near the old market. "
    "A shopkeeper said the men had been seen there before. "
    "The bicycles were returned to their owners. "
    "Ruritania published its yearly crime figures last month. "
    "The market reopened on Wednesday."
)


def _mentions(parsed, text: str) -> list[Mention]:
    """Ruritania as its government wherever the story names it."""
    sentence_of = {t.i: n for n, s in enumerate(parsed.sents) for t in s}
    out = []
    for token in parsed:
        if token.text == "Ruritania":
            out.append(
                Mention(
                    "t",
                    sentence_of[token.i],
                    token.idx,
                    token.idx + 9,
                    "Ruritania",
                    "RUR",
                    "test",
                    "RUR",
                    "GOV",
                )
            )
    return out


def test_extract_holds_back_an_arrest_of_a_crime_story(nlp, lexicon) -> None:
    """Only the fifth sentence names a political actor (Ruritania's government; the
    first names it as a place, which is no mention here): the story is barely
    political (relevance 1/6), and its arrest, with no political side, a candidate."""
    from entente.events.extract import extract_events

    parsed = nlp(CRIME_STORY)
    document = Document(id="t", source="t.txt", text=CRIME_STORY)
    mentions = [m for m in _mentions(parsed, CRIME_STORY) if m.sentence != 0]
    actors = [Actor("RUR", "Ruritania", "state", "RUR", "GOV")]
    events = extract_events(parsed, document, mentions, lexicon, actors)
    arrests = [e for e in events if e.type == "COERCE"]
    assert arrests and all((e.candidate_reason or "").startswith("ordinary crime") for e in arrests)
