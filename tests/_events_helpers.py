"""Helpers for the event tests: hand-built mentions, so the tests do not depend
on the actor resolver. Each known word becomes a mention with its country."""

from __future__ import annotations

from entente.records import Document, Mention, PublicationDate

COUNTRIES = {
    "Russia": "RUS",
    "Russian": "RUS",
    "Moscow": "RUS",
    "Kremlin": "RUS",
    "Iran": "IRN",
    "Iranian": "IRN",
    "Tehran": "IRN",
    "Israel": "ISR",
    "Israeli": "ISR",
    "France": "FRA",
    "French": "FRA",
    "Chile": "CHL",
    "Peru": "PER",
    "Peruvian": "PER",
    "Norway": "NOR",
    "Norwegian": "NOR",
    "Canada": "CAN",
    "Brazil": "BRA",
    "Ruritania": "RUR",
    "Freedonia": "FRE",
    "Sylvania": "SYL",
}


def mentions_for(doc, doc_id: str = "t") -> list[Mention]:
    out = []
    for token in doc:
        country = COUNTRIES.get(token.text)
        if country:
            out.append(
                Mention(
                    doc_id,
                    0,
                    token.idx,
                    token.idx + len(token),
                    token.text,
                    country.lower(),
                    "test",
                    country,
                    "GOV",
                )
            )
    return out


def code(nlp, lexicon, text: str, published: str | None = None):
    from entente.events.extract import extract_events

    doc = nlp(text)
    pub = PublicationDate(published, "day") if published else None
    document = Document(id="t", source="test.txt", text=text, published=pub)
    return extract_events(doc, document, mentions_for(doc), lexicon)


def countries(refs) -> list[str]:
    return [r.country for r in refs]


# The event record's top-level fields (DESIGN.md's data contract), checked by the
# coder's own records and by the export alike.
EVENT_RECORD_FIELDS = frozenset(
    {
        "id",
        "type",
        "mode",
        "score",
        "actor",
        "recipient",
        "date",
        "certainty",
        "polarity",
        "tense",
        "attributed_to",
        "quantities",
        "doc",
        "evidence",
        "confidence",
    }
)


def types_of(nlp, lexicon, text: str) -> list[str]:
    """The PLOVER types of the events coded in ``text``."""
    return [e.type for e in code(nlp, lexicon, text)]
