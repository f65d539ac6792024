"""A month name that is a surname ("Theresa May") is a person, not a date; the dates
around it stay dates. Names and sentences made up for these tests."""

from __future__ import annotations

import pytest

from entente.actors.months import mend_month_surnames
from entente.actors.resolve import resolve_actors
from entente.records import Document, PublicationDate

pytestmark = pytest.mark.slow


def _coded(nlp, registry, lexicon, text: str, published: str = "2017-06-09"):
    from entente.events.extract import extract_events

    doc = nlp(text)
    document = Document(
        id="t", source="test", text=text, published=PublicationDate(published, "day")
    )
    resolution = resolve_actors(doc, document, registry)
    return doc, resolution, extract_events(doc, document, resolution.mentions, lexicon)


@pytest.mark.parametrize(
    "text, person",
    [
        ("Corinna March will hold talks with Vladimir Putin.", "Corinna March"),
        ("Greta June criticised the Russian government.", "Greta June"),
        ("Edith May will meet Oskar Lind in Oslo next week.", "Edith May"),
    ],
)
def test_month_after_a_given_name_is_a_surname(resolve, text, person):
    mentions = {m.text: m for m in resolve(text).mentions}
    assert person in mentions, list(mentions)
    assert mentions[person].actor_id == "x-" + person.lower().replace(" ", "-")


def test_surname_gives_no_date_and_dates_stay(nlp, registry, lexicon):
    doc, _, events = _coded(nlp, registry, lexicon, "Corinna March met Vladimir Putin in May.")
    assert [(e.text, e.label_) for e in doc.ents if e.label_ == "DATE"] == [("May", "DATE")]
    (meeting,) = [e for e in events if e.type == "CONSULT"]
    assert (meeting.date.start, meeting.date.text) == ("2017-05", "May")
    assert [a.name for a in meeting.actor] == ["Corinna March"]

    _, _, events = _coded(
        nlp, registry, lexicon, "Corinna March will hold talks with Vladimir Putin."
    )
    (talks,) = [e for e in events if e.type == "CONSULT"]
    assert talks.date.basis == "publication" and talks.date.text is None

    _, _, events = _coded(nlp, registry, lexicon, "Greta June met Vladimir Putin on 3 May.")
    (meeting,) = [e for e in events if e.type == "CONSULT"]
    assert meeting.date.start == "2017-05-03"


@pytest.mark.parametrize(
    "text, dates",
    [
        ("Elections will be held in May.", ["May"]),
        ("Last May the talks failed.", ["Last May"]),
        ("By May of 2016 the talks had failed.", ["May of 2016"]),
        ("Each December the leaders meet.", ["December"]),
        ("The Tuesday May 5 meeting was cancelled.", None),
    ],
)
def test_dates_are_left_alone(nlp, text, dates):
    doc = nlp(text)
    before = [(e.start, e.end, e.label_) for e in doc.ents]
    assert mend_month_surnames(doc) == 0
    assert [(e.start, e.end, e.label_) for e in doc.ents] == before
    if dates is not None:
        assert [e.text for e in doc.ents if e.label_ == "DATE"] == dates
