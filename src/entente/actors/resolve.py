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
   dateline ("WASHINGTON -") or a "City, Region" pair is a **place**.
5. **backed** - "Iranian-backed proxy groups": the group itself, or a new
   actor ``x-<backer>-backed-<noun>`` with the backer in ``backers``.
6. **coreference / role-reference** - within the document, a surname after
   the full name ("Lavrov") and "the Russian leader" after Putin.

A PERSON, ORG, GPE or NORP entity that none of these resolves is kept as an
**unresolved** mention (actor None) so that coverage can be measured.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from entente.actors.registry import NameMatch, Registry, slugify
from entente.actors.roles import (
    ENTITY_LABELS,
    Context,
    find_title,
    is_facility_name,
    is_place,
    noun_phrase_sector,
    past_marked,
)
from entente.records import Actor, Document, Mention, Office

# The values of Mention.resolved_by, most trusted first (documented above).
RESOLVED_BY = (
    "name",
    "alias",
    "title",
    "modifier",
    "metonymy",
    "backed",
    "coreference",
    "role-reference",
    "institution",
    "organisation-head",
    "person-name",
    "place",
    "unresolved",
)
_PLACE_KINDS = frozenset({"state", "capital", "seat"})
_STATE_KINDS = frozenset({"state", "demonym", "capital", "seat"})
_POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
# Words inside a person's name that are not capitalised ("Abu Bakr al-Baghdadi").
_NAME_PARTICLES = frozenset({"al", "el", "bin", "bint", "ibn", "de", "da", "do", "dos", "van", "von", "der", "la", "le", "di", "du", "y"})


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
    ctx = Context(doc, document.id, registry, date)
    bounds = [(token.idx, token.idx + len(token)) for token in doc]
    matches = registry.match(doc.text, bounds)
    for match in matches:  # claim tokens first so that modifiers see their neighbours
        for i in range(match.first, match.last):
            ctx.claimed[i] = match
    for match in matches:
        _resolve_match(ctx, match)
    _resolve_backed(ctx)
    _resolve_titled_people(ctx)
    countries = _document_countries(ctx, matches)
    _resolve_title_fragments(ctx)
    _resolve_institutions(ctx, countries)
    _resolve_unknown_organisations(ctx, countries)
    _resolve_untitled_people(ctx)
    _resolve_coreference(ctx)
    _resolve_reporting_names(ctx)
    _keep_unresolved(ctx)
    ctx.mentions.sort(key=lambda m: (m.start, -m.end))
    return ActorResolution(mentions=ctx.mentions, actors=list(ctx.new_actors.values()))


# -- 1, 3, 4: registry names and what they modify ------------------------------


def _resolve_match(ctx: Context, match: NameMatch) -> None:
    doc, entry = ctx.doc, match.entry
    span = doc[match.first : match.last]
    if entry.kind == "place":
        ent = ctx.entity_of.get(match.first)
        if ent is not None and ent.label_ in ("PERSON", "ORG", "NORP"):
            if ent.start < match.first or ent.end > match.last:
                return  # part of a longer name: "Mwanza District Hospital"
        ctx.add(span, None, "place", entry.country, None)
        ctx.places.update(range(span.start, span.end))
        return
    if entry.kind != "person" and _inside_longer_person(ctx, match):
        return  # "Michael Jordan": the person pass decides
    actor = ctx.registry.actors[entry.actor_id]
    if entry.kind == "person":
        if is_facility_name(ctx, span):
            ctx.add(span, None, "place", None, None)  # "the al-Assad airbase"
            return
        past = past_marked(ctx, match.first)
        office = ctx.registry.office_on(actor, ctx.date, past)
        country = office.country if office else actor.country
        sector = office.sector if office else actor.sector
        ctx.add(span, actor.id, entry.by, country, sector, person=actor)
        return
    if entry.kind == "organisation":
        ctx.add(span, actor.id, entry.by, actor.country, actor.sector)
        return
    if entry.kind in _PLACE_KINDS and is_place(ctx, span):
        ctx.add(span, None, "place", actor.country, None)
        return
    if ctx.is_backer(match):
        ctx.add(span, actor.id, "modifier", actor.country, "GOV")
        return
    # A state, demonym, capital or seat: look at the noun it modifies.
    extended = noun_phrase_sector(ctx, span)
    if extended is not None:
        phrase, sector, title = extended
        if ctx.overlaps(phrase[len(span) :]):
            phrase = span
        if title is not None and _resolve_role_reference(ctx, phrase, actor.country, title):
            return
        ctx.add(phrase, actor.id, "modifier", actor.country, sector)
        return
    if entry.kind == "capital" or entry.kind == "seat":
        ctx.add(span, actor.id, "metonymy", actor.country, entry.sector)
    elif entry.kind == "demonym":
        noun_use = span.root.pos_ in ("NOUN", "PROPN") and span.root.dep_ not in (
            "amod",
            "compound",
            "nmod",
            "npadvmod",
        )
        ctx.add(span, actor.id, "alias" if noun_use else "modifier", actor.country, None)
    else:
        ctx.add(span, actor.id, entry.by, actor.country, "GOV")


def _inside_longer_person(ctx: Context, match: NameMatch) -> bool:
    ent = ctx.entity_of.get(match.first)
    return (
        ent is not None
        and ent.label_ == "PERSON"
        and (ent.start < match.first or ent.end > match.last)
        and ent.end - ent.start > match.last - match.first
    )


def _resolve_role_reference(ctx: Context, phrase: Span, country: str | None, title: str) -> bool:
    """'the Russian leader' -> the last person of that country named with such a post."""
    if phrase.root.i + 1 < len(ctx.doc) and ctx.doc[phrase.root.i + 1].ent_type_ == "PERSON":
        return False  # a title before a name, not a reference back
    leader = title in ctx.registry.leader_titles
    for person, office_country, role in reversed(ctx.people):
        if office_country != country or role is None:
            continue
        role = role.lower()
        if title in role or (leader and any(word in role for word in ctx.registry.leader_titles)):
            mention = ctx.person_mention[person.id]
            ctx.add(phrase, person.id, "role-reference", mention.country, mention.sector)
            return True
    return False


# -- 5: backed groups ------------------------------------------------------------


def _resolve_backed(ctx: Context) -> None:
    """'Iranian-backed proxy groups', 'Iran-sponsored Hamas'."""
    doc, registry = ctx.doc, ctx.registry
    for token in doc:
        if token.lower_ not in registry.backing_words or token.i < 2:
            continue
        if doc[token.i - 1].text != "-":
            continue
        backer = ctx.claimed.get(token.i - 2)
        if backer is None or backer.entry.kind not in ("state", "demonym", "organisation"):
            continue
        noun = token.head if token.head.i > token.i else None
        if noun is None:
            continue
        if _named_group(ctx, noun) is not None:
            continue  # a registry group: its name is its mention, its backers are data
        phrase = doc[token.i + 1 : noun.i + 1]
        backer_actor = registry.actors[backer.entry.actor_id]
        backer_code = backer_actor.country or backer_actor.id
        actor_id = "x-" + slugify(f"{backer_code}-{token.lower_}-{_lemma_phrase(phrase)}")
        surface = doc[backer.first : noun.i + 1].text
        sector = ctx.registry.group_nouns.get(_lemma_phrase(phrase, plural=True))
        if sector is None:
            sector = ctx.registry.group_nouns.get(noun.lower_)
        actor = ctx.new_actors.get(actor_id) or Actor(
            id=actor_id,
            name=surface,
            kind="armed-group",
            country=None,
            sector=sector,
            aliases=[f"{backer_actor.name}-{token.lower_} {phrase.text}"],
            backers=[backer_code],
        )
        ctx.new_actors[actor_id] = actor
        ctx.add(doc[backer.first : noun.i + 1], actor_id, "backed", None, sector)


def _named_group(ctx: Context, noun: Token) -> NameMatch | None:
    """The registry organisation a backed noun phrase names ('group Hamas', 'Hezbollah, the ... group')."""
    while noun.dep_ == "compound" and noun.head.i > noun.i:
        noun = noun.head
    candidates = [noun, *(c for c in noun.children if c.dep_ in ("appos", "compound"))]
    if noun.dep_ == "appos":
        candidates.append(noun.head)
    for candidate in candidates:
        match = ctx.claimed.get(candidate.i)
        if match is not None and match.entry.kind == "organisation":
            return match
    return None


def _lemma_phrase(phrase: Span, plural: bool = False) -> str:
    words = [token.lower_ for token in phrase]
    if words and not plural:
        words[-1] = phrase[-1].lemma_.lower()
    return " ".join(words)


# -- 2: titled people the registry lacks -------------------------------------------


def _resolve_titled_people(ctx: Context) -> None:
    for ent in ctx.doc.ents:
        if ent.label_ != "PERSON" or ctx.overlaps(ent):
            continue
        found = find_title(ctx, ent)
        if found is None:
            continue
        name = ent.text[:-2] if ent.text.endswith(("'s", "\u2019s")) else ent.text
        actor_id = "x-" + slugify(name)
        actor = ctx.new_actors.get(actor_id)
        if actor is None:
            actor = Actor(
                id=actor_id,
                name=name,
                kind="person",
                country=found.country,
                sector=found.sector,
                offices=[
                    Office(
                        role=found.title or "member",
                        country=found.country or "",
                        sector=found.sector or "",
                        organisation=found.organisation,
                    )
                ],
            )
            ctx.new_actors[actor_id] = actor
        ctx.add(ent, actor_id, "title", found.country, found.sector, person=actor)


# -- 6: coreference within the document ----------------------------------------------


def _resolve_coreference(ctx: Context) -> None:
    """Surnames and short forms of people named in full elsewhere in the document."""
    if not ctx.surnames:
        return
    for ent in ctx.doc.ents:
        if ent.label_ not in ENTITY_LABELS or ctx.overlaps(ent):
            continue
        words = [token for token in ent if not token.is_punct and token.lower_ not in _POSSESSIVE]
        if not words:
            continue
        key = " ".join(token.text for token in words)
        person = ctx.surnames.get(key) or ctx.surnames.get(words[-1].text)
        if person is None or len(words) > 2:
            continue
        first = ctx.person_mention[person.id]
        ctx.add(ent, person.id, "coreference", first.country, first.sector)


def _keep_unresolved(ctx: Context) -> None:
    for ent in ctx.doc.ents:
        if ent.label_ in ENTITY_LABELS and not ctx.overlaps(ent):
            ctx.add(ent, None, "unresolved", None, None)


__all__ = ["RESOLVED_BY", "ActorResolution", "resolve_actors"]
