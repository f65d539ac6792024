"""Venues are no sides: a capital written before the occasion it hosted ("the
Astana talks", "the Paris attacks") is where it happened, not who took part;
a visit's venue is its host. Sentences written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def coded_events(nlp):
    from entente.pipeline import code_documents, load_knowledge
    from entente.records import Document, PublicationDate

    def run(text: str):
        document = Document(
            id="t", source="t", text=text, published=PublicationDate("2017-03-24", "day")
        )
        (coded,) = code_documents([document], nlp, load_knowledge())
        return coded.events

    return run


def _countries(refs) -> set[str | None]:
    return {r.country for r in refs}


def test_talks_named_by_their_venue_are_not_the_venue_states(coded_events):
    events = coded_events("The Astana talks ended without a deal between the rebels and Damascus.")
    assert all("KAZ" not in _countries(e.actor) | _countries(e.recipient) for e in events)


def test_an_attack_named_by_its_city_is_not_that_states_attack(coded_events):
    events = coded_events("Police made three arrests after the Madrid attack, the ministry said.")
    assault = [e for e in events if e.type == "ASSAULT"]
    assert all("ESP" not in _countries(e.actor) for e in assault)


def test_a_visit_named_by_its_venue_is_hosted_there(coded_events):
    events = coded_events("The French president's Beijing visit ended with a trade deal.")
    (visit,) = [e for e in events if e.type == "CONSULT"]
    assert _countries(visit.actor) == {"FRA"} and _countries(visit.recipient) == {"CHN"}


def test_a_meeting_at_a_seat_of_power_keeps_its_organ_as_the_host(coded_events):
    events = coded_events("A White House meeting with the Canadian prime minister was cancelled.")
    (meeting,) = [e for e in events if e.type == "CONSULT"]
    assert _countries(meeting.actor) == {"USA"} and _countries(meeting.recipient) == {"CAN"}
