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

7. **institution / organisation-head / person-name** - what the registry
   lacks: a bare "Congress" or "Parliament" (roles.yaml ``institutions``) is
   that institution of the state the data names, if the document names it,
   else of the document's most-named state; an ORG name with a head noun
   roles.yaml knows ("X District Hospital") is an ``x-`` organisation with
   that sector and a state only from inside its name (or, for state organs,
   the document's state); a full personal name with no title is an ``x-``
   person of unknown country and sector. Peoples and faiths (groups.yaml) are
   group actors; pycountry subdivisions and groups.yaml places are places.
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
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from entente.actors.registry import (
    NON_STATE_CODES,
    NameMatch,
    Registry,
    normalise_name,
    slugify,
)
from entente.actors.roles import (
    ENTITY_LABELS,
    STATE_SECTORS,
    Context,
    TitleFound,
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
    "organisation-name",
    "place",
    "thing",
    "unresolved",
)
_PLACE_KINDS = frozenset({"state", "capital", "seat"})
# A state named this often, and more often than any other, is the document's state.
MIN_DOMINANT_MENTIONS = 2
_STATE_KINDS = frozenset({"state", "demonym", "capital", "seat"})
# NER labels of names of things: a state inside one ("the Vietnam War") is not acting.
_THING_LABELS = frozenset({"EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE"})
_POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
# Words inside a person's name that are not capitalised ("Abu Bakr al-Baghdadi").
_NAME_PARTICLES = frozenset(
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
    bounds = [(start, start + len(word)) for start, word in zip(ctx.starts, ctx.words, strict=True)]
    matches = registry.match(ctx.text, bounds)
    for match in matches:  # claim tokens first so that modifiers see their neighbours
        for i in range(match.first, match.last):
            ctx.claimed[i] = match
    for match in matches:
        _resolve_match(ctx, match)
    _resolve_backed(ctx)
    _resolve_things(ctx)
    _resolve_peoples_of_states(ctx)
    countries = _document_countries(ctx, matches)
    _resolve_titled_people(ctx, _dominant(countries), _sole_state(countries))
    _resolve_title_fragments(ctx, _dominant(countries))
    _resolve_institutions(ctx, countries)
    _resolve_unknown_organisations(ctx, countries)
    _resolve_untitled_people(ctx)
    _resolve_named_organisations(ctx)
    _resolve_coreference(ctx)
    _resolve_reporting_names(ctx)
    _resolve_described_organisations(ctx)
    _resolve_completed_names(ctx)
    _resolve_known_as(ctx)
    _resolve_defined_acronyms(ctx)
    _resolve_short_references(ctx)
    _keep_unresolved(ctx)
    ctx.mentions.sort(key=lambda m: (m.start, -m.end))
    return ActorResolution(mentions=ctx.mentions, actors=list(ctx.new_actors.values()))


# -- 1, 3, 4: registry names and what they modify ------------------------------


def _resolve_match(ctx: Context, match: NameMatch) -> None:
    doc, entry = ctx.doc, match.entry
    span = doc[match.first : match.last]
    if entry.kind == "place":
        ent = ctx.entity_of.get(match.first)
        start = ent.start + (ent[0].lower_ == "the") if ent is not None else 0
        if (
            ent is not None
            and ent.label_ in ("PERSON", "ORG", "NORP")
            and (start < match.first or ent.end > match.last)
        ):
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
        if actor.id in ctx.registry.common_names and find_title(ctx, span) is None:
            return  # a namesake: the person passes make an unknown person of it
        past = past_marked(ctx, match.first)
        office = ctx.registry.office_on(actor, ctx.date, past)
        country = office.country if office else actor.country
        sector = office.sector if office else actor.sector
        ctx.add(span, actor.id, entry.by, country, sector, person=actor)
        return
    if entry.kind == "organisation":
        sector = ctx.registry.sector_on(actor, ctx.date)
        ctx.add(span, actor.id, entry.by, actor.country, sector)
        return
    ent = ctx.entity_of.get(match.first)
    if (
        entry.kind in _STATE_KINDS
        and ent is not None
        and ent.label_ in _THING_LABELS
        and ent.end - ent.start > match.last - match.first
    ):
        ctx.add(span, None, "thing", actor.country, None)  # "the Vietnam War", "Iraq Inquiry"
        return
    if entry.kind in ("state", "demonym") and _after_organisation_in_name(ctx, match):
        ctx.add(span, None, "place", actor.country, None)  # "UNHCR Kenya", "VOA Somali"
        return
    if entry.kind in _PLACE_KINDS and not _is_body(ctx, match) and is_place(ctx, span):
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


def _after_organisation_in_name(ctx: Context, match: NameMatch) -> bool:
    """A state or demonym right after an organisation inside one ORG name: the
    organisation's branch or language service ("UNHCR Kenya", "VOA Somali"),
    not the state."""
    if match.first == 0:
        return False
    before = ctx.claimed.get(match.first - 1)
    ent = ctx.entity_of.get(match.first)
    return (
        before is not None
        and before.entry.kind == "organisation"
        and ent is not None
        and ent.label_ == "ORG"
        and ent.start <= before.first
    )


def _is_body(ctx: Context, match: NameMatch) -> bool:
    """A seat named as a body, not a building ("the State Department", "the U.S.
    Supreme Court"): its last word is an organisation head of roles.yaml, so
    "at the State Department" is an affiliation, while "at the White House"
    stays a place. A seat after "from" that no motion verb governs is a
    source, so a body too ("a statement from the Kremlin")."""
    if match.entry.kind != "seat":
        return False
    root = ctx.doc[match.first : match.last].root
    if (
        root.dep_ == "pobj"
        and root.head.lower_ == "from"
        and root.head.head.lemma_.lower() not in ctx.registry.motion_verbs
    ):
        return True  # "a statement from the ISPR", "a tougher line from the Kantei": a source
    last = ctx.doc[match.last - 1].lower_
    return last in ctx.registry.organisation_heads or last in ctx.registry.group_nouns


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
    doc, registry, words = ctx.doc, ctx.registry, ctx.words
    for i, lower in enumerate(ctx.lower):
        if lower not in registry.backing_words or i < 2:
            continue
        if words[i - 1] != "-":
            continue
        token = doc[i]
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


# -- 1b: a people of a state ("Bosnian Croats", "Iraqi Kurds") -----------------------


def _resolve_peoples_of_states(ctx: Context) -> None:
    """A state's demonym before a people's plural name is that people living in the
    state: the state's country, the people's civilian sector, not the state acting nor
    the people's own homeland."""
    registry = ctx.registry
    doc, words = ctx.doc, ctx.words
    for index in range(len(words) - 1):
        if not words[index][:1].isupper() or not words[index + 1][:1].isupper():
            continue
        first, second = doc[index], doc[index + 1]
        if first.whitespace_ != " ":
            continue
        adjective = registry.lookup(words[index])
        if adjective is None or adjective.kind != "demonym":
            continue
        people = registry.lookup(words[index + 1])
        people_actor = registry.actors.get(people.actor_id) if people and people.actor_id else None
        if people_actor is not None and people_actor.kind == "group":
            sector = people_actor.sector or "CVL"
        elif (people is not None and people.kind == "demonym") or second.tag_ == "NNPS":
            sector = "CVL"  # "Bosnian Serbs": a plural people name
        else:
            continue
        if (
            second.tag_ not in ("NNPS", "NNS")
            and not words[index + 1].endswith("s")
            and (people_actor is None or people_actor.kind != "group")
        ):
            continue  # "Bosnian Serb leaders": a modifier, not a people
        nxt = doc[second.i + 1] if second.i + 1 < len(words) else None
        if (
            nxt is not None
            and nxt.pos_ in ("NOUN", "PROPN")
            and nxt.dep_ != "ROOT"
            and second.dep_ == "compound"
        ):
            continue  # "Iraqi Kurd fighters": the head noun decides
        country = registry.actors[adjective.actor_id].country
        span = doc[first.i : second.i + 1]
        name = span.text
        actor_id = "x-" + slugify(name)
        if actor_id not in ctx.new_actors:
            ctx.new_actors[actor_id] = Actor(
                id=actor_id, name=name, kind="group", country=country, sector=sector
            )
        ctx.drop_mentions(span)
        for i in range(span.start, span.end):
            ctx.claimed.pop(i, None)
        ctx.add(span, actor_id, "modifier", country, sector)


# -- 2: titled people the registry lacks -------------------------------------------


def _title_right_before(ent: Span, title: str) -> bool:
    """The title stands just before the name ("President X", "Lt. Gen. X")."""
    before = ent.doc[ent.sent.start : ent.start].text.lower().rstrip()
    return before.endswith(title) and "," not in before[-len(title) - 2 :]


def _sole_state(countries: Counter[str]) -> str | None:
    """The one state a document names, when it names exactly one (a short report)."""
    return next(iter(countries)) if len(countries) == 1 else None


_HOLDERS_CACHE: dict[int, dict[tuple[str, str], set[str]]] = {}


def _office_holders(registry: Registry) -> dict[tuple[str, str], set[str]]:
    """(surname, office) -> the states of registry people with that surname who held it."""
    cached = _HOLDERS_CACHE.get(id(registry))
    if cached is not None:
        return cached
    holders: dict[tuple[str, str], set[str]] = {}
    for actor in registry.actors.values():
        if actor.kind != "person" or not actor.name.split():
            continue
        surname = actor.name.split()[-1]
        for office in actor.offices:
            if office.country:
                holders.setdefault((surname, office.role.lower()), set()).add(office.country)
    _HOLDERS_CACHE[id(registry)] = holders
    return holders


def _office_holder_state(ctx: Context, words: list[Token], title: str) -> str | None:
    """ "President Clinton" in any year: the state whose registry holders of that office
    bear this surname, when they all served one state (a surname alone is not a name
    match, but with the office it can only mean that state)."""
    if not words:
        return None
    states = _office_holders(ctx.registry).get((words[-1].text, title.lower()))
    return next(iter(states)) if states and len(states) == 1 else None


def _resolve_titled_people(
    ctx: Context, dominant: str | None, sole_state: str | None = None
) -> None:
    for ent in ctx.ents:
        if ent.label_ != "PERSON" or ctx.overlaps(ent):
            continue
        words = _words_of(ctx, ent)
        if len(words) == 1 and words[0].text in ctx.surnames:
            continue  # "Matthaes, a Vietnam dweller": the person named in full before
        found = find_title(ctx, ent)
        if found is None:
            continue
        if (
            found.country is None
            and dominant is not None
            and found.sector in STATE_SECTORS
            and found.title is not None
            and _title_right_before(ent, found.title)
        ):
            # "President X" with no state named beside: a past holder of that office with
            # this surname, else the document's state
            country = _office_holder_state(ctx, words, found.title) or dominant or sole_state
            found = TitleFound(found.title, country, found.sector, found.organisation)
        elif (
            found.country is None
            and found.sector in STATE_SECTORS
            and found.title is not None
            and _title_right_before(ent, found.title)
        ):
            found = TitleFound(
                found.title,
                _office_holder_state(ctx, words, found.title) or sole_state,
                found.sector,
                found.organisation,
            )
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
    for ent in ctx.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        if ctx.overlaps_actor(ent):
            ent = _uncovered_tail(ctx, ent)  # "at the U.N. Wong will ...": the name after
            if ent is None:
                continue
        words = [token for token in ent if not token.is_punct and token.lower_ not in _POSSESSIVE]
        if not words:
            continue
        key = " ".join(token.text for token in words)
        person = ctx.surnames.get(key) or ctx.surnames.get(words[-1].text)
        if person is None and len(words) == 1:
            person = ctx.given_first.get(key)
        if person is None or len(words) > 2:
            continue
        first = ctx.person_mention[person.id]
        country, sector = first.country, first.sector
        if person.id in ctx.registry.actors:  # the office on the date, unless "former" here
            office = ctx.registry.office_on(person, ctx.date, past_marked(ctx, ent.start))
            country = office.country if office else person.country
            sector = office.sector if office else person.sector
        ctx.drop_places(ent)  # "Zamora" the person named in full before, not the province
        ctx.add(ent, person.id, "coreference", country, sector)


def _uncovered_tail(ctx: Context, ent: Span) -> Span | None:
    """The capitalised words that end ``ent`` after its last resolved token, when
    the tagger ran an abbreviation into the next name ("the U.N. Wong")."""
    last_covered = max(i for i in range(ent.start, ent.end) if i in ctx.covered)
    first = last_covered + 1
    while first < ent.end and ctx.doc[first].lower_ in _POSSESSIVE:
        first += 1  # "Cornell's Casanova": the person after the possessive
    tail = ctx.doc[first : ent.end]
    if not 1 <= len(tail) <= 2 or not all(t.is_alpha and t.is_title for t in tail):
        return None
    return tail


def _descriptor_before(ctx: Context, ent: Span) -> tuple[str, int] | None:
    """The descriptor noun written just before a name ("newspaper Kompas"): (noun, its first token)."""
    descriptors = ctx.registry.organisation_descriptors
    for size in (2, 1):
        first = ent.start - size
        if first < 0:
            continue
        words = " ".join(ctx.lower[first : ent.start])
        if words in descriptors:
            return words, first
    return None


def _descriptor_after(ctx: Context, ent: Span) -> tuple[str, int] | None:
    """The descriptor of an appositive right after a name ("CMGM, an outlet ...")."""
    doc, descriptors = ctx.doc, ctx.registry.organisation_descriptors
    end = ent.end
    if (
        len(ctx.words[end : end + 5]) < 3
        or ctx.words[end] != ","
        or ctx.lower[end + 1] not in ("a", "an", "the")
    ):
        return None
    i = end + 2
    while i < len(doc) and i < end + 1 + 4 and doc[i].pos_ in ("ADJ", "PROPN", "NOUN"):
        for size in (2, 1):
            words = " ".join(ctx.lower[i : i + size])
            if words in descriptors and doc[i + size - 1].pos_ == "NOUN":
                return words, i
        i += 1
    return None


def _descriptor_noun_after(ctx: Context, ent: Span) -> Token | None:
    """A lowercase descriptor noun the name modifies ("Social-Democratic parties")."""
    if ent.end >= len(ctx.doc) or ctx.lower[ent.end] not in ctx.registry.organisation_descriptors:
        return None
    noun = ctx.doc[ent.end]
    if (
        noun.is_lower
        and noun.lower_ in ctx.registry.organisation_descriptors
        and ent.root.head.i == noun.i
        and noun.i not in ctx.covered
        and not (noun.i + 1 < len(ctx.doc) and ctx.doc[noun.i + 1].pos_ == "PROPN")
    ):  # "Media watchdog Reporters Without Borders": the noun describes the next name
        return noun
    return None


# The tagger calls an outlet's name anything ("newspaper Harian Jaya": LOC).
_DESCRIBED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "WORK_OF_ART", "PRODUCT"})


def _resolve_described_organisations(ctx: Context) -> None:
    """A name the registry lacks beside a descriptor noun (roles.yaml
    ``organisation_descriptors``): "Indonesian newspaper Kompas" is an
    Indonesian outlet; "CMGM, an outlet covering China news" an outlet."""
    doc = ctx.doc
    for ent in ctx.ents:
        if ent.label_ not in _DESCRIBED_LABELS or ctx.overlaps(ent):
            continue
        words = _words_of(ctx, ent)
        if not 1 <= len(words) <= 3:
            continue
        if not words[0].text[:1].isupper():
            continue
        found = _descriptor_before(ctx, ent)
        if found is None and ent.label_ not in ("PERSON", "ORG"):
            continue  # a place name after a noun needs the noun before it
        country = None
        if found is not None:
            noun, first = found
            for i in range(max(0, first - 2), first):  # "Indonesian newspaper"
                match = ctx.claimed.get(i)
                if match is not None and match.entry.kind in ("state", "demonym"):
                    country = ctx.registry.actors[match.entry.actor_id].country
        else:
            found = _descriptor_after(ctx, ent)
            if found is None:
                noun = _descriptor_noun_after(ctx, ent)
                if noun is None:
                    continue
                ent = doc[ent.start : noun.i + 1]  # "Social-Democratic parties"
                words = [*words, noun]
                found = (noun.lower_, noun.i)
            noun = found[0]
        sector = ctx.registry.organisation_descriptors[noun]
        name = doc[words[0].i : words[-1].i + 1].text
        actor_id = "x-" + slugify(name)
        if actor_id not in ctx.new_actors:
            ctx.new_actors[actor_id] = Actor(
                id=actor_id, name=name, kind="organisation", country=country, sector=sector
            )
        actor = ctx.new_actors[actor_id]
        ctx.add(ent, actor_id, "organisation-head", actor.country, actor.sector)


def _given_name(ctx: Context, i: int, after: bool = False) -> bool:
    """Token ``i`` can be a given name beside a surname: a capitalised proper noun
    that no mention covers and that is no title, thing word or registry name
    (after a family name it may be in camel case: "Chin JouSen")."""
    if i < 0 or i >= len(ctx.doc):
        return False
    token = ctx.doc[i]
    if after and i + 1 < len(ctx.doc) and ctx.doc[i + 1].text[:1].isupper():
        return False  # a longer name runs on: not a two-word person
    return (
        token.is_alpha
        and (token.is_title or (after and token.text[:1].isupper() and not token.is_upper))
        and len(token) > 1
        and token.pos_ == "PROPN"
        and i not in ctx.covered
        and i not in ctx.claimed
        and token.lower_ not in ctx.registry.titles
        and token.lower_ not in ctx.registry.thing_words
        and not _common_head(ctx, token, after)
    )


def _common_head(ctx: Context, token: Token, after: bool) -> bool:
    """A word that ends names of places, things and bodies ("Island", "Agreement",
    "Council"), or one inside a name of a thing: no given name."""
    registry, word = ctx.registry, token.lower_
    return (
        word in registry.place_heads
        or word in registry.thing_heads
        or word in registry.organisation_heads
        or word in registry.group_nouns
        or (after and (token.ent_type_ in _THING_LABELS or token.ent_type_ == "FAC"))
    )


def _resolve_completed_names(ctx: Context) -> None:
    """A one-word PERSON or ORG that the document also writes after a given name the
    tagger missed ("Allah Ditta told VOA ... Ditta said", "Siyoka Simasiku,
    director at ..."): the person of that full name."""
    doc = ctx.doc
    singles: dict[str, list[Span]] = {}
    for ent in ctx.ents:
        if ent.label_ not in ("PERSON", "ORG") or ctx.overlaps_actor(ent):
            continue
        words = _words_of(ctx, ent)
        if len(words) != 1:
            continue
        word = words[0]
        if word.is_alpha and word.is_title and len(word) > 2:
            singles.setdefault(word.text, []).append(ent)
    # One pass over the document for every surname's occurrences, not one per surname.
    occurrences: dict[str, list[Token]] = {}
    for i, word in enumerate(ctx.words):
        if word in singles:
            occurrences.setdefault(word, []).append(doc[i])
    for surname, ents in singles.items():
        full = {  # given name first ("Allah Ditta"), or family name first ("Chin JouSen")
            (token.i - 1, token.i) if _given_name(ctx, token.i - 1) else (token.i, token.i + 1)
            for token in occurrences.get(surname, [])
            if _given_name(ctx, token.i - 1) or _given_name(ctx, token.i + 1, after=True)
        }
        other = {
            doc[first].text if doc[last].text == surname else doc[last].text for first, last in full
        }
        if len(other) != 1:
            continue  # never seen in full, or two different people
        first, last = min(full)
        ctx.drop_places(doc[first : last + 1])
        _add_untitled_person(ctx, doc[first : last + 1])
        mention = ctx.person_mention[ctx.mentions[-1].actor_id or ""]
        for ent in ents:
            if not ctx.overlaps_actor(ent):
                ctx.drop_places(ent)
                ctx.add(ent, mention.actor_id, "coreference", mention.country, mention.sector)


def _resolve_known_as(ctx: Context) -> None:
    """ "Vladislav Kokolevskiy, known in China as Fulafu": the capitalised name after
    an alias cue (roles.yaml ``alias_cues``) is the actor named just before it,
    there and wherever the document uses it later."""
    doc, cues = ctx.doc, ctx.registry.alias_cues
    by_end = {m.end: m for m in ctx.mentions if m.actor_id and m.resolved_by not in ("place",)}
    aliases: dict[str, Mention] = {}
    for index, lower in enumerate(ctx.lower):
        if lower not in cues or index < 2 or ctx.words[index - 1] != ",":
            continue
        token = doc[index]
        before = by_end.get(doc[token.i - 1].idx)
        if before is None:
            continue
        i = token.i + 1
        while i < len(doc) and i - token.i <= 4 and doc[i].lower_ != "as":
            i += 1
        if token.lower_ == "known":
            if i >= len(doc) or doc[i].lower_ != "as":
                continue
            i += 1
        else:
            i = token.i + 1
        end = i
        while end < len(doc) and end - i < 3 and doc[end].is_title and doc[end].is_alpha:
            end += 1
        if end == i:
            continue
        aliases[doc[i:end].text] = before
        if not ctx.overlaps(doc[i:end]):
            ctx.add(doc[i:end], before.actor_id, "coreference", before.country, before.sector)
    if not aliases:
        return
    for ent in ctx.ents:
        if ctx.overlaps(ent):
            continue
        words = _words_of(ctx, ent)
        if not words:
            continue
        mention = aliases.get(doc[words[0].i : words[-1].i + 1].text)
        if mention is not None:
            ctx.add(ent, mention.actor_id, "coreference", mention.country, mention.sector)


# -- 7: the document's states, institutions, unknown organisations and people -------


def _document_countries(ctx: Context, matches: list[NameMatch]) -> Counter[str]:
    """How often each state is named in the document (names, demonyms, capitals, seats)."""
    counts: Counter[str] = Counter()
    for match in matches:
        if match.entry.kind in _STATE_KINDS:
            country = ctx.registry.actors[match.entry.actor_id].country
            if country and country not in NON_STATE_CODES:
                counts[country] += 1
    return counts


def _dominant(countries: Counter[str]) -> str | None:
    """The most-named state, when one is named more often than any other."""
    top = countries.most_common(2)
    if not top or top[0][1] < MIN_DOMINANT_MENTIONS or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0]


def _bare_key(span: Span) -> str:
    words = [t.lower_ for t in span if t.lower_ not in _POSSESSIVE]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _person_mention_after(ctx: Context, span: Span, gap: int) -> Mention | None:
    """The mention of a person starting at most ``gap`` tokens after ``span``."""
    limit = ctx.doc[min(len(ctx.doc) - 1, span.end + gap)].idx
    best = None
    for mention in ctx.mentions:
        if span.end_char <= mention.start <= limit and mention.actor_id:
            actor = ctx.registry.actors.get(mention.actor_id) or ctx.new_actors.get(
                mention.actor_id
            )
            if (
                actor is not None
                and actor.kind == "person"
                and (best is None or mention.start < best.start)
            ):
                best = mention
    return best


def _resolve_title_fragments(ctx: Context, dominant: str | None) -> None:
    """A name the tagger cut out of a title ("Secretary of State Marco Rubio",
    "Defense Minister Rustem Umerov") is part of the titled person's mention."""
    doc, titles = ctx.doc, ctx.registry.titles
    for ent in ctx.ents:
        if ent.label_ not in ("ORG", "PERSON") or ctx.overlaps(ent) or len(ent) > 3:
            continue
        person = _person_mention_after(ctx, ent, 3)
        if person is None:
            _resolve_office_name(ctx, ent, dominant)
            continue
        # Tokens come in text order: stop at the person, not at the end of the document.
        between = []
        for token in doc[ent.end :]:
            if token.idx >= person.start:
                break
            between.append(token)
        if any(not t.is_alpha for t in between):
            continue
        before = [t for t in doc[max(0, ent.start - 2) : ent.start] if t.is_alpha]
        words = " ".join(t.lower_ for t in [*before, *ent, *between])
        ent_words = " ".join(t.lower_ for t in ent)
        if any(
            title in words and f" {ent_words} " in f" {title} "
            for title in _title_keys(words, titles)
        ):
            ctx.add(ent, person.actor_id, "title", person.country, person.sector)


def _resolve_office_name(ctx: Context, ent: Span, dominant: str | None) -> None:
    """An ORG that ends a title with no name after it ("was confirmed as the
    Deputy Secretary of State"): that office of the sentence's or the
    document's state, in the title's sector."""
    before = [t for t in ctx.doc[max(0, ent.start - 3) : ent.start] if t.is_alpha]
    if not before or before[-1].lower_ != "of":
        return  # only "<title> of <ORG>": "Secretary of State", "Minister of Defence"
    words = " ".join(t.lower_ for t in [*before, *ent])
    titles = [t for t in _title_keys(words, ctx.registry.titles) if words.endswith(t)]
    if not titles:
        return
    sentence = ctx.sentence_of[ent.start]
    holders = [  # the people of the sentence: the office is of their state
        m.country
        for m in ctx.mentions
        if m.sentence == sentence
        and m.country
        and m.country not in NON_STATE_CODES
        and m.actor_id in ctx.person_mention
    ]
    country = holders[0] if holders else dominant
    if country is None:
        return
    sector = ctx.registry.titles[max(titles, key=len)] or "GOV"
    ctx.add(ent, country, "institution", country, sector)


def _title_keys(words: str, titles: dict[str, str | None]) -> list[str]:
    """Every title that is a run of the words (n-gram lookups, no loop over the table)."""
    parts = words.split(" ")
    found = []
    for size in range(1, min(len(parts), 4) + 1):
        for i in range(len(parts) - size + 1):
            phrase = " ".join(parts[i : i + size])
            if phrase in titles:
                found.append(phrase)
    return found


def _resolve_institutions(ctx: Context, countries: Counter[str]) -> None:
    """Bare "Congress", "the Senate", "Parliament": an institution of the document's state."""
    institutions = ctx.registry.institutions
    dominant = _dominant(countries)
    for ent in ctx.ents:
        if ent.label_ not in ENTITY_LABELS or ctx.overlaps_actor(ent):
            continue
        found = institutions.get(_bare_key(ent))
        if found is None:
            continue
        sector, default = found
        excluded = ctx.registry.institution_not_in.get(_bare_key(ent), frozenset())
        if default and countries[default]:
            country: str | None = default
        else:
            country = _sentence_state(ctx, ent, excluded)
            if country is None and dominant not in excluded:
                country = dominant
        if country is None:
            continue
        ctx.drop_places(ent)
        ctx.add(ent, country, "institution", country, sector)


def _sentence_state(ctx: Context, span: Span, excluded: frozenset[str]) -> str | None:
    """The state of the actor named nearest ``span`` in its sentence (people, state
    organs), skipping ``excluded`` states; None when the sentence names none."""
    sentence = ctx.sentence_of[span.start]
    best: tuple[int, str] | None = None
    for mention in ctx.mentions:
        country = mention.country
        if (
            mention.sentence != sentence
            or not mention.actor_id
            or not country
            or country in NON_STATE_CODES
            or country in excluded
        ):
            continue
        distance = min(abs(mention.start - span.end_char), abs(span.start_char - mention.end))
        if best is None or distance < best[0]:
            best = (distance, country)
    return best[1] if best else None


def _organisation_head(ent: Span, heads: dict[str, tuple[str | None, bool]]) -> str | None:
    """The head noun of an organisation name: the last word before "of"/"for", or the last."""
    words = [t.lower_ for t in ent if t.is_alpha]
    for i, word in enumerate(words):
        if word in ("of", "for", "on", "in") and i > 0:
            words = words[:i]
            break
    for word in reversed(words):
        if word in heads:
            return word
    return None


def _country_inside(ctx: Context, span: Span) -> str | None:
    """A state named inside a name: its name, demonym, capital or a place of it
    (a place named by a generic word, "Delta", is no place: groups.yaml)."""
    for i in range(span.start, span.end):
        match = ctx.claimed.get(i)
        if match is None:
            continue
        if match.entry.kind == "place":
            if match.entry.country:
                return match.entry.country
        elif match.entry.kind in _STATE_KINDS:
            return ctx.registry.actors[match.entry.actor_id].country
    return None


# Last words that make a PERSON-labelled span an organisation's name.
_COMPANY_HEADS = frozenset({"company", "corporation", "group", "bank", "foundation", "institute"})


def _possessor_organisation(ctx: Context, ent: Span) -> NameMatch | None:
    """The registry organisation whose possessive stands just before a name."""
    if ent.start < 2 or ctx.doc[ent.start - 1].lower_ not in _POSSESSIVE:
        return None
    match = ctx.claimed.get(ent.start - 2)
    if match is None or match.entry.kind != "organisation":
        return None
    return match


def _possessor_state(ctx: Context, ent: Span) -> str | None:
    """The state whose possessive stands just before a name ("China's State Council")."""
    if ent.start < 2 or ctx.doc[ent.start - 1].lower_ not in _POSSESSIVE:
        return None
    match = ctx.claimed.get(ent.start - 2)
    if match is None or match.entry.kind not in _STATE_KINDS:
        return None
    return ctx.registry.actors[match.entry.actor_id].country


def _organisation_spans(doc: Doc, ents: tuple[Span, ...]) -> list[Span]:
    """The ORG entities, with two that touch joined into one name: the tagger
    splits "the Daniel K. Inouye | Asia-Pacific Center for Security Studies"."""
    spans: list[Span] = []
    for ent in ents:
        if ent.label_ == "PERSON" and ent[-1].is_title and ent[-1].lower_ in _COMPANY_HEADS:
            spans.append(ent)  # "Wan Guo Jin Liang Company": the tagger's PERSON
            continue
        if ent.label_ != "ORG":
            continue
        if (
            spans
            and spans[-1].end == ent.start
            and ent[0].is_title
            and spans[-1][-1].lower_ not in _POSSESSIVE  # "the Atlantic Council's | Initiative"
        ):
            spans[-1] = doc[spans[-1].start : ent.end]
        else:
            spans.append(ent)
    return spans


def _resolve_unknown_organisations(ctx: Context, countries: Counter[str]) -> None:
    """ORG names the registry lacks, with a head noun roles.yaml knows ("X District Hospital")."""
    doc, heads = ctx.doc, ctx.registry.organisation_heads
    dominant = _dominant(countries)
    short: dict[str, str] = {}
    for ent in _organisation_spans(doc, ctx.ents):
        tail = ctx.claimed.get(ent.end - 1)
        if tail is not None and tail.entry.kind in _STATE_KINDS and tail.last > ent.end:
            ent = doc[ent.start : tail.last]  # "the Court of Bosnia and | Herzegovina"
        after = ctx.claimed.get(ent.end)
        if (
            ent[-1].lower_ in ("of", "for")
            and after is not None
            and after.first == ent.end
            and after.entry.kind in _STATE_KINDS
        ):
            ent = doc[ent.start : after.last]  # "the Supreme Court of | Bosnia and Herzegovina"
        over_states = ctx.overlaps_actor(ent)
        if over_states and not ctx.state_names_only(ent):
            continue
        owner_org = _possessor_organisation(ctx, ent)
        if owner_org is not None:  # "VOA's Bosnian Service": a part of VOA
            if over_states:
                ctx.drop_mentions(ent)
            actor = ctx.registry.actors[owner_org.entry.actor_id]
            ctx.add(ent, actor.id, "organisation-head", actor.country, actor.sector)
            continue
        key = _bare_key(ent)
        if key in ctx.registry.institutions or key in heads:
            continue  # a bare "Parliament", "the Ministry": not a name
        head = _organisation_head(ent, heads)
        if head is None:
            continue
        sector, national = heads[head]
        owner = _possessor_state(ctx, ent)
        country = _country_inside(ctx, ent) or owner or (dominant if national else None)
        if owner is not None and sector is None:
            sector = "GOV"  # "China's State Council": an organ of that state
        if over_states:  # "the Nigeria Center for Disease Control": one name, not a state
            ctx.drop_mentions(ent)
        name = " ".join(t.text for t in ent if t.lower_ not in _POSSESSIVE)
        if name.lower().startswith("the "):
            name = name[4:]
        actor_id = "x-" + slugify(name)
        if actor_id not in ctx.new_actors:
            ctx.new_actors[actor_id] = Actor(
                id=actor_id, name=name, kind="organisation", country=country, sector=sector
            )
        ctx.drop_places(ent)
        ctx.add(ent, actor_id, "organisation-head", country, sector)
        after = doc[ent.end : ent.end + 3]
        if len(after) == 3 and after[0].text == "(" and after[2].text == ")":
            acronym = after[1]
            if acronym.is_upper and not ctx.overlaps(after[1:2]):
                short[acronym.text] = actor_id
                ctx.add(after[1:2], actor_id, "organisation-head", country, sector)
    if not short:
        return
    for ent in ctx.ents:  # later bare uses of a defined acronym
        if ent.text in short and not ctx.overlaps(ent):
            actor = ctx.new_actors[short[ent.text]]
            ctx.add(ent, actor.id, "coreference", actor.country, actor.sector)


def _is_person_name(ctx: Context, ent: Span) -> bool:
    words = [t for t in ent if not t.is_punct and t.lower_ not in _POSSESSIVE]
    if len(words) < 2 or any(t.like_num or t.lower_ in ctx.registry.thing_words for t in words):
        return False
    if words[-1].lower_ in ctx.registry.organisation_heads:
        return False  # "Wan Guo Jin Liang Company": an organisation the tagger called PERSON
    return all(t.text[:1].isupper() or t.lower_.split("-")[0] in _NAME_PARTICLES for t in words)


def _add_untitled_person(ctx: Context, span: Span) -> None:
    name = span.text
    for suffix in ("'s", "\u2019s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    actor_id = "x-" + slugify(name)
    actor = ctx.new_actors.get(actor_id)
    if actor is None:
        actor = Actor(id=actor_id, name=name, kind="person", country=None, sector=None)
        ctx.new_actors[actor_id] = actor
    ctx.add(span, actor_id, "person-name", actor.country, actor.sector, person=actor)


def _resolve_untitled_people(ctx: Context) -> None:
    """A full personal name with no title or affiliation nearby: a person of unknown country."""
    for ent in ctx.ents:
        if ent.label_ == "PERSON" and not ctx.overlaps(ent) and _is_person_name(ctx, ent):
            _add_untitled_person(ctx, ent)


def _resolve_reporting_names(ctx: Context) -> None:
    """A one-word PERSON that speaks ("Gee said") and no one else in the document names."""
    verbs = ctx.registry.reporting_verbs
    for ent in ctx.ents:
        if ent.label_ != "PERSON" or ctx.overlaps(ent):
            continue
        root = ent.root
        if (
            root.dep_ == "nsubj"
            and root.head.lemma_.lower() in verbs
            and ent[0].is_title
            and not any(t.lower_ in ctx.registry.thing_words for t in ent)
        ):
            _add_untitled_person(ctx, ent)


# -- 8: things, organisations with no head noun, acronyms ---------------------------

# Weapon and aircraft designations: "S-400", "F-35s", "E-11A", "MQ-9", "Su-35".
_DESIGNATION = re.compile(r"^[A-Z][A-Za-z]{0,2}-\d{1,4}[A-Z]{0,2}s?$")
# Lowercase words allowed inside an organisation's name.
_CONNECTORS = frozenset({"of", "for", "and", "&", "the", "on", "in", "de", "du", "des", "la"})
# A one-word company name in camel case ("JetBlue", "YChina"); not "McDonald".
_CAMEL_CASE = re.compile(r"^(?!Mc|Mac|De|Di|La|Le)[A-Z][a-z]*[A-Z][a-z]{2,}[A-Za-z]*$")
_ACRONYM = re.compile(r"^[A-Z]{2,8}$")


def _name_words(span: Span) -> list[Token]:
    """The words of a name: no punctuation (but "&"), possessive, leading "the" or
    trailing connector ("the Immigration and Nationality Act of")."""
    words = [t for t in span if (not t.is_punct or t.text == "&") and t.lower_ not in _POSSESSIVE]
    while words and words[0].lower_ == "the":
        words = words[1:]
    while words and words[-1].lower_ in _CONNECTORS:
        words = words[:-1]
    return words


def _words_of(ctx: Context, span: Span) -> list[Token]:
    """``_name_words`` of a span, computed once per document (the passes below ask
    again for the same entities); a new list each time, so callers may change it."""
    key = (span.start, span.end)
    words = ctx.name_words.get(key)
    if words is None:  # as _name_words, off the word arrays: Tokens only for the words kept
        lower, text, punct = ctx.lower, ctx.words, ctx.punct
        kept = [
            i
            for i in range(span.start, span.end)
            if (not punct[i] or text[i] == "&") and lower[i] not in _POSSESSIVE
        ]
        first, last = 0, len(kept)
        while first < last and lower[kept[first]] == "the":
            first += 1
        while last > first and lower[kept[last - 1]] in _CONNECTORS:
            last -= 1
        words = ctx.name_words[key] = [ctx.doc[i] for i in kept[first:last]]
    return list(words)


def _is_thing(registry: Registry, span: Span, words: list[Token] | None = None) -> bool:
    """A name things.yaml lists, ends or starts with, or a weapon designation."""
    if words is None:
        words = _name_words(span)
    if not words:
        return False
    text = span.doc[words[0].i : words[-1].i + 1].text
    key = normalise_name(text).lower()
    chunks = key.split()
    if key in registry.thing_names or chunks[-1] in registry.thing_names:
        return True
    if len(chunks) >= 2 and (
        chunks[-1] in registry.thing_heads or chunks[0] in registry.thing_prefixes
    ):
        return True
    return bool(_DESIGNATION.match(text.split()[-1]))


def _is_place_name(registry: Registry, span: Span, words: list[Token] | None = None) -> bool:
    """A capitalised name ending with a place word ("Boni Forest", "the Qahira Hotel")."""
    if words is None:
        words = _name_words(span)
    return (
        len(words) >= 2 and words[0].text[:1].isupper() and words[-1].lower_ in registry.place_heads
    )


def _part_of_place(ctx: Context, span: Span) -> bool:
    """A name owned by a place noun ("the base's Migrant Operations Center", "the
    camp's Reception Office"): a part of that place, not an actor."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ not in _POSSESSIVE:
        return False
    owner = doc[span.start - 2]
    return (
        owner.dep_ == "poss"
        and span.start <= owner.head.i < span.end
        and owner.lower_ in ctx.registry.place_heads
    )


def _document_place_names(ctx: Context) -> set[str]:
    """Names the document uses as a place ("the Zhuhai Gaolan port", "Boni Forest"):
    the same name alone elsewhere in it is that place too."""
    names = set()
    for ent in ctx.ents:
        if ent.label_ not in ("PERSON", "ORG", "GPE", "FAC", "LOC"):
            continue
        root = ent.root
        if (
            root.dep_ == "compound"
            and root.head.i >= ent.end
            and root.head.lower_ in ctx.registry.place_heads
        ):
            names.add(" ".join(t.lower_ for t in _words_of(ctx, ent)))
    return names


def _resolve_things(ctx: Context) -> None:
    place_names = _document_place_names(ctx)
    for ent in ctx.ents:
        if (
            ent.label_ in ("PERSON", "ORG")
            and not ctx.overlaps_actor(ent)
            and (
                _part_of_place(ctx, ent)
                or " ".join(t.lower_ for t in _words_of(ctx, ent)) in place_names
            )
        ):
            ctx.drop_places(ent)  # a firm place: no organisation pass takes it back
            ctx.add(ent, None, "place", _country_inside(ctx, ent), None)
            continue
        if (
            ent.label_ in ("PERSON", "ORG")
            and not ctx.overlaps_actor(ent)
            and _is_place_name(ctx.registry, ent, _words_of(ctx, ent))
        ):
            ctx.drop_places(ent)
            ctx.add(ent, None, "place", _country_inside(ctx, ent), None)
            ctx.places.update(range(ent.start, ent.end))
            continue
        if (
            ent.label_ in ("PERSON", "ORG")
            and not ctx.overlaps_actor(ent)
            and _is_thing(ctx.registry, ent, _words_of(ctx, ent))
        ):
            ctx.drop_places(ent)
            ctx.add(ent, None, "thing", None, None)


def _headless_name(ctx: Context, ent: Span) -> list[Token] | None:
    """The words of a capitalised multi-word ORG name, or None when it is not one."""
    words = _words_of(ctx, ent)
    if len(words) < 2 or any(t.like_num for t in words):
        return None
    text = ent.doc[words[0].i : words[-1].i + 1].text
    if " " not in text or not (words[0].is_alpha and len(words[0]) > 1):
        return None  # "Dakin-Grimm": one hyphenated word; "X. Militants"
    if not (words[0].text[:1].isupper() and words[-1].text[:1].isupper()):
        return None
    if any(not (t.text[:1].isupper() or t.lower_ in _CONNECTORS) for t in words):
        return None
    if len(words) == 3 and words[1].lower_ in ("and", "&"):
        return None  # "Bocaranga and Bazoum": two names, not one
    named = [ctx.claimed.get(t.i) for t in words]
    places = [m for m in named if m is not None and m.entry.kind in (*_STATE_KINDS, "place")]
    if places and len(places) >= len(words) - 1:
        return None  # "U.S.-Japan", "Bayelsa, Cross River": places, not an organisation
    root = ent.root
    head = root.head
    if (
        root.dep_ == "compound"
        and head.i >= ent.end
        and head.pos_ == "NOUN"
        and head.lower_ not in ctx.registry.organisation_heads
        and head.lower_ not in ctx.registry.group_nouns
    ):
        return None  # "the Zhuhai Gaolan port": the name of a thing
    return words


def _reads_as_person(ctx: Context, ent: Span, words: list[Token]) -> bool:
    """An ORG span that is a person's name: a title beside it, a PERSON joined to
    it, or its last word used alone elsewhere in the document."""
    if not 2 <= len(words) <= 3 or any(not (t.is_alpha and t.is_title) for t in words):
        return False
    found = find_title(ctx, ent)
    if found is not None and found.title is not None:
        return True
    root = ent.root
    joined = [root.head] if root.dep_ == "conj" else []
    joined += [c for c in root.children if c.dep_ == "conj"]
    if any(t.ent_type_ == "PERSON" for t in joined):
        return True
    for child in root.children:  # "X, who heads ...": a relative clause about a person
        if child.dep_ == "relcl" and any(t.lower_ in ("who", "whom") for t in child.children):
            return True
    surname = words[-1].text
    return any(
        other.label_ in ("PERSON", "ORG") and other.start != ent.start and other.text == surname
        for other in ctx.ents
    )


def _resolve_named_organisations(ctx: Context) -> None:
    """ORG names with no head noun: an ``x-`` organisation of unknown country (or a person)."""
    for ent in ctx.ents:
        if ent.label_ != "ORG" or ctx.overlaps(ent):
            continue
        words = _headless_name(ctx, ent)
        if words is None:
            if len(ent) == 1 and _CAMEL_CASE.match(ent.text):
                words = [ent[0]]
            else:
                continue
        if _reads_as_person(ctx, ent, words):
            _add_untitled_person(ctx, ent.doc[words[0].i : words[-1].i + 1])
            continue
        name = ent.doc[words[0].i : words[-1].i + 1].text
        owner = _possessor_state(ctx, ent)  # "Vietnam's Central Steering Board": its organ
        sector = "GOV" if owner else None
        actor_id = "x-" + slugify(name)
        if actor_id not in ctx.new_actors:
            ctx.new_actors[actor_id] = Actor(
                id=actor_id, name=name, kind="organisation", country=owner, sector=sector
            )
        actor = ctx.new_actors[actor_id]
        ctx.add(ent, actor_id, "organisation-name", actor.country, actor.sector)


_DEFINED_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,9}$")


def _acronym_after(ctx: Context, end: int) -> Token | None:
    """The acronym a name defines right after it: "X (ABC)" or "X, or ABC"."""
    words = ctx.words
    if end + 3 > len(words):
        return None
    if words[end] == "(" and words[end + 2] == ")":
        candidate = end + 1
    elif words[end] == "," and ctx.lower[end + 1] == "or":
        candidate = end + 2
    else:
        return None
    return ctx.doc[candidate] if _DEFINED_ACRONYM.match(words[candidate]) else None


def _resolve_defined_acronyms(ctx: Context) -> None:
    """An acronym defined beside an actor's name ("the Nigeria Center for Disease
    Control, or NCDC"; "National Intelligence and Security Agency (NISA)") is
    that actor there and wherever the document uses it alone afterwards."""
    doc = ctx.doc
    by_char = {start: i for i, start in enumerate(ctx.starts)}
    defined: dict[str, Mention] = {}
    for mention in sorted(ctx.mentions, key=lambda m: m.start):
        if not mention.actor_id or mention.resolved_by in ("place", "thing"):
            continue
        end_token = _token_ending_at(ctx, by_char, mention.end)
        if end_token is None:
            continue
        acronym = _acronym_after(ctx, end_token + 1)
        if acronym is None or acronym.text in defined:
            continue
        defined[acronym.text] = mention
        if acronym.i not in ctx.covered:
            ctx.add(
                doc[acronym.i : acronym.i + 1],
                mention.actor_id,
                "coreference",
                mention.country,
                mention.sector,
            )
    if not defined:
        return
    for ent in ctx.ents:
        if ctx.overlaps(ent):
            continue
        words = _words_of(ctx, ent)
        if len(words) != 1 or words[0].text not in defined:
            continue
        mention = defined[words[0].text]
        if mention.start < ent.start_char:
            ctx.add(ent, mention.actor_id, "coreference", mention.country, mention.sector)


def _token_ending_at(ctx: Context, by_char: dict[int, int], end: int) -> int | None:
    """The index of the token whose text ends at character ``end``."""
    for start in range(end - 1, max(-1, end - 40), -1):
        i = by_char.get(start)
        if i is not None:
            return i if start + len(ctx.words[i]) == end else None
    return None


def _initials(text: str) -> str:
    """'Board of Immigration Appeals' -> 'BIA' (capitalised words only)."""
    return "".join(w[0] for w in re.split(r"[\s-]+", text) if w[:1].isupper())


def _resolve_short_references(ctx: Context) -> None:
    """An acronym that spells, or a bare word that ends, an organisation named in the document."""
    organisations: list[tuple[Mention, Actor]] = []
    for mention in ctx.mentions:
        actor = ctx.registry.actors.get(mention.actor_id or "") or ctx.new_actors.get(
            mention.actor_id or ""
        )
        if actor is not None and actor.kind not in ("person", "state", "group"):
            organisations.append((mention, actor))
    if not organisations:
        return
    for ent in ctx.ents:
        if ent.label_ != "ORG" or ctx.overlaps(ent):
            continue
        words = _words_of(ctx, ent)
        if len(words) != 1:
            continue
        word = words[0].text
        found: dict[str, Mention] = {}
        for mention, actor in organisations:
            if _ACRONYM.match(word):
                initials = _initials(normalise_name(mention.text))
                if initials == word or (
                    len(word) >= 3 and initials.startswith(word) and len(initials) - len(word) <= 1
                ):
                    found[actor.id] = mention
            elif (
                words[0].is_title
                and mention.end <= ent.start_char
                and " " in mention.text
                and mention.text.split()[-1].lower() == word.lower()
            ):
                found[actor.id] = mention
        if len(found) == 1:
            actor_id, mention = next(iter(found.items()))
            ctx.add(ent, actor_id, "coreference", mention.country, mention.sector)


def _keep_unresolved(ctx: Context) -> None:
    for ent in ctx.ents:
        if ent.label_ in ENTITY_LABELS and not ctx.overlaps(ent):
            ctx.add(ent, None, "unresolved", None, None)


__all__ = ["RESOLVED_BY", "ActorResolution", "resolve_actors"]
