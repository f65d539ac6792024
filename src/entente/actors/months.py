"""A month name that is a surname: "Theresa May", "Mrs May".

The tagger reads a capitalised month name as a date wherever it stands: in
"Theresa May will hold talks with Donald Tusk" it marks no person at all, and
in "Mrs May told parliament" it may mark "Mrs May" a DATE. A month name right
after a capitalised proper noun that is no date word itself is a surname: in
dates the month follows a preposition, a determiner or an adjective ("in May",
"last May", "each December"), comes before a number ("May 5", "May 2017") or
after one ("3 May"). Read on the whole 2017 store (session 9): of the 77
capitalised words before a month name outside a date (a number after it) that
were not such function words, 73 were a person ("Theresa May" 136 times,
"Mrs May" 108, "Teresa May", "Louise May", "Margarette May"); the others were
event names in headlines ("Resist March", "Sport February").
"""

from __future__ import annotations

import re
from collections.abc import Collection

from spacy.tokens import Doc, Span

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Words that are part of a date themselves: "Tuesday May" is no person.
DATE_WORDS = frozenset(
    w.lower() for w in (*MONTHS, *WEEKDAYS, *(m[:3] for m in MONTHS), *(d[:3] for d in WEEKDAYS))
)

# A capitalised word, spaces, then a capitalised month name: the only places the
# tokens are looked at (most documents have none).
_CANDIDATE = re.compile(r"\b[A-Z][\w.'\u2019-]*[ \t]+(" + "|".join(MONTHS) + r")\b")

# Entity labels a month surname may be taken out of: none, the person it ends,
# or the date the tagger made of it.
_MENDABLE = frozenset({"", "PERSON", "DATE"})


# A given name or an honorific as written in running text: capitalised, not in
# capitals ("MELBOURNE, AUSTRALIA September, 2014" is a dateline and a date).
_GIVEN = re.compile(r"[A-Z][a-z]+(?:[-'\u2019][A-Za-z]+)*\.?")


def _is_surname(doc: Doc, month: int) -> bool:
    given, after = doc[month - 1], doc[month + 1] if month + 1 < len(doc) else None
    if given.pos_ != "PROPN" or given.lower_ in DATE_WORDS or not _GIVEN.fullmatch(given.text):
        return False
    if given.ent_type_ not in _MENDABLE or doc[month].ent_type_ not in _MENDABLE:
        return False
    if given.ent_type_ == "PERSON" and doc[month].ent_type_ == "PERSON":
        return False  # already one person
    # "May 5", "May 2017", "May of 2016": a date
    return after is None or not (after.like_num or after.lower_ == "of")


def mend_month_surnames(doc: Doc, titles: Collection[str] = ()) -> int:
    """Make each month name that is a surname (see the module) end a PERSON
    entity, taking it out of any DATE the tagger put it in; returns how many.
    After a title word (``titles``: "Prime Minister May") the person is the
    surname alone, so that the title pass reads the title before it.

    ``doc.ents`` itself is mended, so the events stage that reads the same Doc
    after the actors takes no date from "Theresa May" either; "in May", "May 5"
    and "3 May" are left as they are.
    """
    persons: list[tuple[int, int]] = []
    for found in _CANDIDATE.finditer(doc.text):
        span = doc.char_span(found.start(1), found.end(1))
        if span is None or len(span) != 1 or span.start == 0:
            continue
        if _is_surname(doc, span.start):
            titled = doc[span.start - 1].lower_.rstrip(".") in titles
            persons.append((span.start if titled else span.start - 1, span.start + 1))
    if not persons:
        return 0
    # the person holds the whole of a PERSON the tagger found around its words
    # ("Theresa" alone, or "May" of "May Smith")
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            persons = [
                (min(s, ent.start), max(e, ent.end)) if ent.start < e and s < ent.end else (s, e)
                for s, e in persons
            ]
    ents: list[Span] = []
    for ent in doc.ents:
        inside = [(s, e) for s, e in persons if ent.start < e and s < ent.end]
        if not inside:
            ents.append(ent)
            continue
        if ent.label_ == "PERSON":
            continue  # the person span made below holds its words
        # a DATE the surname was part of keeps the words outside it
        s, e = inside[0]
        if ent.start < s:
            ents.append(Span(doc, ent.start, s, label=ent.label_))
        if e < ent.end:
            ents.append(Span(doc, e, ent.end, label=ent.label_))
    for s, e in persons:
        ents.append(Span(doc, s, e, label="PERSON"))
    doc.ents = sorted(ents, key=lambda ent: ent.start)
    return len(persons)


__all__ = ["DATE_WORDS", "MONTHS", "mend_month_surnames"]
