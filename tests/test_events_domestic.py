"""A state's own administration is a candidate, not an event between actors (issue
13): a request, promise or backing between organs of one state
(political_domestic.tsv), while conflict between them and business with a foreign
or opposing party stay events."""

from __future__ import annotations

from dataclasses import replace

from map_fixtures import doc, event

from entente.events.gating import domestic_administration_reason
from entente.records import Actor, ActorRef, Document, Event, Mention

PRESIDENT = ActorRef("President Ivanov", "RUR", "GOV", None)
PARLIAMENT = ActorRef("Ruritanian parliament", "RUR", "LEG", None)
POLICE = ActorRef("Ruritanian police", "RUR", "COP", None)
FREEDONIA = ActorRef("Freedonia", "FRE", "GOV", None)
OPPOSITION = ActorRef("Ruritanian Liberal Party", "RUR", "PTY", None)
SHOPKEEPER = ActorRef("a shopkeeper", None, None, None)
# a legislator named as a person is a party's politician, not an organ of the state
SENATOR = ActorRef("Senator Petrov", "RUR", "LEG", "petrov")
ACTORS = {
    "petrov": Actor("petrov", "Senator Petrov", "person", "RUR", "LEG"),
    "front": Actor("front", "Ruritanian Liberation Front", "armed-group", "RUR", "GOV"),
}
# a governing armed group is no organ of the state it governs
FRONT = ActorRef("Ruritanian Liberation Front", "RUR", "GOV", "front")
COURT = ActorRef("Ruritanian supreme court", "RUR", "JUD", None)
HOME = frozenset({"RUR"})


def _event(type_: str, actor: list[ActorRef], recipient: list[ActorRef]) -> Event:
    coded = doc("d1", "Outlet", "2017-03-01", [event("e1", type_, [], [], "He asked them.")])
    return replace(coded.events[0], actor=actor, recipient=recipient)


def test_a_request_between_organs_of_one_state_is_a_candidate() -> None:
    request = _event("REQUEST", [PRESIDENT], [PARLIAMENT])
    reason = domestic_administration_reason(request, HOME, ACTORS)
    assert reason is not None and reason.startswith("domestic administration")


def test_a_state_suspending_its_own_police_is_a_candidate() -> None:
    assert (
        domestic_administration_reason(_event("SANCTION", [PRESIDENT], [POLICE]), HOME, ACTORS)
        is not None
    )


def test_a_foreign_party_keeps_the_event() -> None:
    for actor, recipient in (([PRESIDENT], [FREEDONIA]), ([PRESIDENT, FREEDONIA], [PARLIAMENT])):
        assert (
            domestic_administration_reason(_event("REQUEST", actor, recipient), HOME, ACTORS)
            is None
        )


def test_an_opposing_party_a_legislator_or_a_private_side_keeps_the_event() -> None:
    for recipient in ([OPPOSITION], [SHOPKEEPER], [SENATOR], [FRONT]):
        assert (
            domestic_administration_reason(_event("REQUEST", [PRESIDENT], recipient), HOME, ACTORS)
            is None
        )


def test_a_sentence_naming_a_foreign_actor_keeps_the_event() -> None:
    """ "The parliament demanded the president cut off military aid to Freedonia"."""
    request = _event("REQUEST", [PARLIAMENT], [PRESIDENT])
    assert domestic_administration_reason(request, HOME | {"FRE"}, ACTORS) is None


def test_conflict_between_organs_of_one_state_stays_an_event() -> None:
    """A court rejecting the prime minister's motion or a president accusing his
    predecessor is domestic politics a reader counts."""
    assert (
        domestic_administration_reason(_event("REJECT", [COURT], [PRESIDENT]), HOME, ACTORS) is None
    )
    assert (
        domestic_administration_reason(_event("REQUEST", [COURT], [PRESIDENT]), HOME, ACTORS)
        is None
    )
    for type_ in ("ACCUSE", "PROTEST", "COERCE", "REJECT"):
        assert (
            domestic_administration_reason(_event(type_, [PARLIAMENT], [PRESIDENT]), HOME, ACTORS)
            is None
        )


def test_an_event_with_one_side_only_is_not_judged() -> None:
    assert domestic_administration_reason(_event("REQUEST", [PRESIDENT], []), HOME, ACTORS) is None
    assert domestic_administration_reason(_event("REQUEST", [], [PARLIAMENT]), HOME, ACTORS) is None


DOMESTIC = "President Ivanov asked the parliament to approve the budget."
FOREIGN = "President Ivanov asked Freedonia to approve the treaty."


def _mention(text: str, start: int, surface: str, country: str, sector: str) -> Mention:
    begin = text.index(surface, start)
    return Mention("t", 0, begin, begin + len(surface), surface, surface, "test", country, sector)


def test_extract_holds_back_a_leader_asking_his_own_parliament(nlp, lexicon) -> None:
    from entente.events.extract import extract_events

    def coded(text: str, recipient: str, country: str, sector: str) -> list[Event]:
        mentions = [
            _mention(text, 0, "President Ivanov", "RUR", "GOV"),
            _mention(text, 0, recipient, country, sector),
        ]
        actors = [Actor("President Ivanov", "President Ivanov", "person", "RUR", "GOV")]
        document = Document(id="t", source="t.txt", text=text)
        return [
            e
            for e in extract_events(nlp(text), document, mentions, lexicon, actors)
            if e.type == "REQUEST"
        ]

    domestic = coded(DOMESTIC, "parliament", "RUR", "LEG")
    assert domestic and all(
        (e.candidate_reason or "").startswith("domestic administration") for e in domestic
    )
    foreign = coded(FOREIGN, "Freedonia", "FRE", "GOV")
    assert foreign and all(
        e.candidate_reason is None or "domestic" not in e.candidate_reason for e in foreign
    )


def test_then_marks_a_past_office_only_before_a_hyphen(nlp) -> None:
    """ "then-Minister X" held the office once; "X then asked the Interior Ministry"
    is an adverb of sequence, and the ministry is an organ now."""
    from entente.events.gating import names_an_organ

    def organ(text: str, surface: str) -> bool:
        parsed = nlp(text)
        mention = _mention(text, 0, surface, "RUR", "GOV")
        span = parsed.char_span(mention.start, mention.end)
        return names_an_organ(mention, span, {})

    assert organ("President Ivanov then asked the Interior Ministry to act.", "Interior Ministry")
    assert not organ(
        "The then-Interior Minister Petrov asked him to act.", "Interior Minister Petrov"
    )
