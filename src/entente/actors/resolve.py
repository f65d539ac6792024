"""Mentions to actors: names, titles, modifiers, metonymy, backers, coreference.

``resolve_actors(doc, document, registry)`` finds every span of a parsed
document that names an actor and says which actor, and as what (country and
sector on the document's date). The mechanisms, in order of trust:

1. **name / alias** - registry names and aliases, matched by dict lookup over
   token n-grams (``Registry.match``); a person is coded by the office held on
   the publication date ("former"/"then-" before the name: a past office).
2. **title** - a role word and an affiliation next to a PERSON the registry
   lacks ("senior Hamas official Ali Baraka", "X, Russia's ambassador to the
   UN") make an actor ``x-<slug>`` with that country and the role's sector.
3. **modifier** - a state or demonym before a group noun ("Iran's Foreign
   Ministry", "Israeli warplanes", "Iranian officials"): that country, and the
   noun's sector from roles.yaml.
4. **metonymy** - a capital or seat of power that acts ("Tehran views",
   "the Kremlin said") is its state's government (a seat: its own sector);
   one that is the object of a locative preposition ("in Damascus"), a
   dateline ("WASHINGTON -") or a "City, Region" pair is a **place**; one
   written before the occasion it hosted ("the Astana talks", "the Paris
   attacks"; roles.yaml ``venue_nouns``/``site_nouns``) is a **venue**: no side.
5. **backed** - "Iranian-backed proxy groups": the group itself, or a new
   actor ``x-<backer>-backed-<noun>`` with the backer in ``backers``.
   **placed** - a group noun placed by "in"/"from" ("protesters in Tehran",
   "rebels in the Ivory Coast"): that group of the place's country, an ``x-``
   actor, not the state (``placed``).
6. **coreference / role-reference** - within the document, a surname after
   the full name ("Lavrov"), "the Russian leader" after Putin, and a bare
   "the president" after the nearest person named before who holds that post
   (``organs.resolve_bare_titles``).

7. **institution / organisation-head / person-name** - what the registry
   lacks: a bare "Congress" or "Parliament" (roles.yaml ``institutions``) is
   that institution of the state the data names, if the document names it,
   else of the document's most-named state; an ORG name with a head noun
   roles.yaml knows ("X District Hospital") is an ``x-`` organisation with
   that sector and a state only from inside its name (or, for state organs,
   the document's state); a full personal name with no title is an ``x-``
   person of unknown country and sector. Peoples and faiths (groups.yaml) are
   group actors; pycountry subdivisions and groups.yaml places are places.
   **organ** - a common noun for an organ of a state ("the government",
   "police", roles.yaml ``state_organs``) is that organ of the state its
   phrase names, else of the document's home state (``organs``).
8. **thing / organisation-name** - a PERSON or ORG span that things.yaml
   names, ends with a thing word ("... Act", "... Development Plan"), starts
   with one ("Cyclone Jude") or has the shape of a weapon designation
   ("S-400") is a **thing** (actor None, not a miss). A capitalised
   multi-word ORG name with no head noun ("Dezan Shira & Associates",
   "Delta Air Lines") or a one-word company name in camel case ("JetBlue")
   is an ``x-`` organisation of unknown country and sector, unless it reads
   as a person the tagger called ORG (a title beside it, a PERSON joined to
   it, its last word used alone elsewhere), which is then an ``x-`` person.
   An acronym that spells an organisation named in the document ("the
   Board of Immigration Appeals" ... "the BIA") and the bare last word of
   one ("the Security Council" ... "the Council") are that organisation.

A PERSON, ORG, GPE or NORP entity that none of these resolves is kept as an
**unresolved** mention (actor None) so that coverage can be measured.

The passes live in a module per mechanism: ``names`` (1, 3, 4, 5 and the
peoples of states), ``people`` (2, 6 and the untitled people of 7),
``organisations`` (institutions, organisation heads and names, acronyms),
``things`` (things and named places); ``spans`` holds what they share.
``PASSES`` below is their order, the one place it is written: a pass sees the
mentions of the passes before it and claims only tokens they left.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from entente.actors.months import mend_month_surnames
from entente.actors.names import resolve_backed, resolve_peoples_of_states, resolve_registry_names
from entente.actors.organisations import (
    resolve_defined_acronyms,
    resolve_described_organisations,
    resolve_institutions,
    resolve_named_organisations,
    resolve_short_references,
    resolve_unknown_organisations,
)
from entente.actors.organs import resolve_bare_titles, resolve_state_organs
from entente.actors.people import (
    resolve_completed_names,
    resolve_coreference,
    resolve_known_as,
    resolve_reporting_names,
    resolve_title_fragments,
    resolve_titled_people,
    resolve_untitled_people,
)
from entente.actors.placed import resolve_placed_groups
from entente.actors.registry import Registry
from entente.actors.roles import ENTITY_LABELS, Context
from entente.actors.spans import document_countries, is_in_longer_name
from entente.actors.things import resolve_things
from entente.records import Actor, Document, Mention

# The values of Mention.resolved_by, most trusted first (documented above).
RESOLVED_BY = (
    "name",
    "alias",
    "title",
    "modifier",
    "placed",
    "metonymy",
    "backed",
    "coreference",
    "role-reference",
    "institution",
    "organ",
    "organisation-head",
    "person-name",
    "organisation-name",
    "place",
    "venue",
    "thing",
    "unresolved",
)


def keep_unresolved(ctx: Context) -> None:
    """Last: an actor-like entity no pass resolved is kept with actor None."""
    for ent in ctx.ents:
        if ent.label_ in ENTITY_LABELS and not ctx.overlaps(ent):
            ctx.add(ent, None, "unresolved", None, None)


# The passes, in the order they run. Registry names come first (the most trusted);
# things and places before the organisation and person passes, so that "Boni
# Forest" or "the Iran Nuclear Deal" is never made an actor; the passes that
# make ``x-`` actors from context before those that only refer back to actors
# found earlier (coreference, acronyms, short references).
PASSES: tuple[Callable[[Context], None], ...] = (
    resolve_registry_names,
    resolve_backed,
    resolve_things,
    resolve_peoples_of_states,
    resolve_titled_people,
    resolve_title_fragments,
    resolve_institutions,
    resolve_state_organs,
    resolve_placed_groups,
    resolve_unknown_organisations,
    resolve_untitled_people,
    resolve_named_organisations,
    resolve_coreference,
    resolve_bare_titles,
    resolve_reporting_names,
    resolve_described_organisations,
    resolve_completed_names,
    resolve_known_as,
    resolve_defined_acronyms,
    resolve_short_references,
    keep_unresolved,
)


@dataclass(slots=True)
class ActorResolution:
    """The mentions of one document and the actors made up while reading it."""

    mentions: list[Mention] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)


def resolve_actors(doc: Doc, document: Document, registry: Registry) -> ActorResolution:
    """Resolve every actor mention of a parsed document (``doc.text == document.text``).

    Returns the mentions sorted by offset (country and sector as the actor
    acted on the publication date) and the new ``x-`` actors.

    >>> from entente.nlp.pipeline import load_pipeline  # doctest: +SKIP
    >>> text = "Iran's Foreign Ministry praised Sergei Lavrov."  # doctest: +SKIP
    >>> doc = load_pipeline()(text)  # doctest: +SKIP
    >>> result = resolve_actors(doc, Document(id="d", source="s", text=text), load_registry())
    ... # doctest: +SKIP
    >>> [(m.text, m.country, m.sector) for m in result.mentions]  # doctest: +SKIP
    [("Iran's Foreign Ministry", 'IRN', 'GOV'), ('Sergei Lavrov', 'RUS', 'GOV')]
    """
    date = document.published.value if document.published else None
    # "Theresa May" is a person, not a date: mended in doc.ents before the
    # passes read them (and for the events stage, which reads the same Doc).
    mend_month_surnames(doc, registry.titles)
    ctx = Context(doc, document.id, registry, date)
    bounds = [(start, start + len(word)) for start, word in zip(ctx.starts, ctx.words, strict=True)]
    # A place inside a longer name ("Leila de Lima") is no match: its words are
    # left to the person and organisation passes.
    matches = registry.match(ctx.text, bounds)
    ctx.matches = [match for match in matches if not is_in_longer_name(ctx, match)]
    for match in ctx.matches:  # claim tokens first so that modifiers see their neighbours
        for i in range(match.first, match.last):
            ctx.claimed[i] = match
    ctx.countries = document_countries(ctx, ctx.matches)
    for resolve_pass in PASSES:
        resolve_pass(ctx)
    ctx.mentions.sort(key=lambda m: (m.start, -m.end))
    return ActorResolution(mentions=ctx.mentions, actors=list(ctx.new_actors.values()))


__all__ = ["PASSES", "RESOLVED_BY", "ActorResolution", "resolve_actors"]
