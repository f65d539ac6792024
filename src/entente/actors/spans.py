"""What the resolution passes share: the words of a name, the states a document
names, and the kinds and labels they test a span against."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Span, Token

from entente.actors.registry import NON_STATE_CODES, NameMatch
from entente.actors.roles import STATE_SECTORS, Context

PLACE_KINDS = frozenset({"state", "capital", "seat"})

# A state named this often, and more often than any other, is the document's state.
MIN_DOMINANT_MENTIONS = 2

STATE_KINDS = frozenset({"state", "demonym", "capital", "seat"})


# NER labels of names of things: a state inside one ("the Vietnam War") is not acting.
THING_LABELS = frozenset({"EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE"})

POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})


# Words inside a person's name that are not capitalised ("Abu Bakr al-Baghdadi").
NAME_PARTICLES = frozenset(
    {
        "al",
        "el",
        "bin",
        "bint",
        "ibn",
        "de",
        "da",
        "do",
        "dos",
        "van",
        "von",
        "der",
        "la",
        "le",
        "di",
        "du",
        "y",
    }
)


def lemma_phrase(phrase: Span, plural: bool = False) -> str:
    words = [token.lower_ for token in phrase]
    if words and not plural:
        words[-1] = phrase[-1].lemma_.lower()
    return " ".join(words)


def sole_state(countries: Counter[str]) -> str | None:
    """The one state a document names, when it names exactly one (a short report)."""
    return next(iter(countries)) if len(countries) == 1 else None


def is_in_longer_name(ctx: Context, match: NameMatch) -> bool:
    """A state, capital, seat or place right after a name particle (roles.yaml
    ``name_particles``: "de", "dos", "van", ...) is part of a longer name, not
    the place: "Leila de Lima" and a later "de Lima" or "De Lima said" are the
    senator, not Lima, Peru; "the Tour de France", "Electricite de France" are
    no French state. Read on the whole 2017 store (issue 14): of the 40 or so
    such names, none stood for the place (29 were "de Lima" taken as Peru's
    government)."""
    kind = match.entry.kind
    if match.first == 0 or (kind != "place" and kind not in PLACE_KINDS):
        return False
    return ctx.lower[match.first - 1] in ctx.registry.name_particles


def document_countries(ctx: Context, matches: list[NameMatch]) -> Counter[str]:
    """How often each state is named in the document: its names, demonyms,
    capitals and seats, and its organs and office-holders on the document's
    date (the FBI, Trump). An article on US inquiries into Russia names Russia
    more often than the United States, yet it is the FBI's, Congress's and the
    president's: counting states alone made its untitled "Attorney General
    Jeff Sessions" Russian (issue 14)."""
    counts: Counter[str] = Counter()
    registry = ctx.registry
    for match in matches:
        kind = match.entry.kind
        if kind not in STATE_KINDS and kind not in ("organisation", "person"):
            continue  # a place names no actor
        actor = registry.actors[match.entry.actor_id]
        country = actor.country
        if kind == "organisation":
            if registry.sector_on(actor, ctx.date) not in STATE_SECTORS:
                continue
        elif kind == "person":
            office = registry.office_on(actor, ctx.date)
            if office is None or office.sector not in STATE_SECTORS:
                continue
            country = office.country
        if country and country not in NON_STATE_CODES:
            counts[country] += 1
    return counts


def dominant_state(countries: Counter[str]) -> str | None:
    """The most-named state, when one is named more often than any other."""
    top = countries.most_common(2)
    if not top or top[0][1] < MIN_DOMINANT_MENTIONS or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0]


def bare_key(span: Span) -> str:
    words = [t.lower_ for t in span if t.lower_ not in POSSESSIVE]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def title_keys(words: str, titles: dict[str, str | None]) -> list[str]:
    """Every title that is a run of the words (n-gram lookups, no loop over the table)."""
    parts = words.split(" ")
    found = []
    for size in range(1, min(len(parts), 4) + 1):
        for i in range(len(parts) - size + 1):
            phrase = " ".join(parts[i : i + size])
            if phrase in titles:
                found.append(phrase)
    return found


def country_inside(ctx: Context, span: Span) -> str | None:
    """A state named inside a name: its name, demonym, capital or a place of it
    (a place named by a generic word, "Delta", is no place: groups.yaml)."""
    for i in range(span.start, span.end):
        match = ctx.claimed.get(i)
        if match is None:
            continue
        if match.entry.kind == "place":
            if match.entry.country:
                return match.entry.country
        elif match.entry.kind in STATE_KINDS:
            return ctx.registry.actors[match.entry.actor_id].country
    return None


def possessor_organisation(ctx: Context, ent: Span) -> NameMatch | None:
    """The registry organisation whose possessive stands just before a name."""
    if ent.start < 2 or ctx.doc[ent.start - 1].lower_ not in POSSESSIVE:
        return None
    match = ctx.claimed.get(ent.start - 2)
    if match is None or match.entry.kind != "organisation":
        return None
    return match


def possessor_state(ctx: Context, ent: Span) -> str | None:
    """The state whose possessive stands just before a name ("China's State Council")."""
    if ent.start < 2 or ctx.doc[ent.start - 1].lower_ not in POSSESSIVE:
        return None
    match = ctx.claimed.get(ent.start - 2)
    if match is None or match.entry.kind not in STATE_KINDS:
        return None
    return ctx.registry.actors[match.entry.actor_id].country


# Lowercase words allowed inside an organisation's name.
CONNECTORS = frozenset({"of", "for", "and", "&", "the", "on", "in", "de", "du", "des", "la"})


def name_words(span: Span) -> list[Token]:
    """The words of a name: no punctuation (but "&"), possessive, leading "the" or
    trailing connector ("the Immigration and Nationality Act of")."""
    words = [t for t in span if (not t.is_punct or t.text == "&") and t.lower_ not in POSSESSIVE]
    while words and words[0].lower_ == "the":
        words = words[1:]
    while words and words[-1].lower_ in CONNECTORS:
        words = words[:-1]
    return words


def words_of(ctx: Context, span: Span) -> list[Token]:
    """``name_words`` of a span, computed once per document (the passes below ask
    again for the same entities); a new list each time, so callers may change it."""
    key = (span.start, span.end)
    words = ctx.name_words.get(key)
    if words is None:  # as name_words, off the word arrays: Tokens only for the words kept
        lower, text, punct = ctx.lower, ctx.words, ctx.punct
        kept = [
            i
            for i in range(span.start, span.end)
            if (not punct[i] or text[i] == "&") and lower[i] not in POSSESSIVE
        ]
        first, last = 0, len(kept)
        while first < last and lower[kept[first]] == "the":
            first += 1
        while last > first and lower[kept[last - 1]] in CONNECTORS:
            last -= 1
        words = ctx.name_words[key] = [ctx.doc[i] for i in kept[first:last]]
    return list(words)
