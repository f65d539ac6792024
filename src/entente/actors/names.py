"""Registry names and what they stand for (mechanisms 1, 3, 4, 5 of resolve.py).

A person by the office held on the date; an organisation by its sector on the
date; a state, demonym, capital or seat by what it modifies ("Iran's Foreign
Ministry"), as metonymy ("the Kremlin said"), or as a place ("in Damascus").
Also "Iranian-backed proxy groups" (a backed group) and a state's demonym
before a people's plural name ("Bosnian Croats": that people in that state).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from entente.actors.registry import NameMatch, slugify
from entente.actors.roles import (
    STATE_SECTORS,
    Context,
    find_title,
    is_facility_name,
    is_place,
    noun_phrase_sector,
    past_marked,
)
from entente.actors.spans import PLACE_KINDS, STATE_KINDS, THING_LABELS, lemma_phrase
from entente.records import Actor


def resolve_registry_names(ctx: Context) -> None:
    """1, 3, 4: each registry name the document contains, and what it modifies or stands for."""
    for match in ctx.matches:
        _resolve_match(ctx, match)


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
        if _namesake_in_longer_name(ctx, match, actor):
            return  # "Burhan Wani" is not al-Burhan: the person passes decide
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
        entry.kind in STATE_KINDS
        and ent is not None
        and ent.label_ in THING_LABELS
        and ent.end - ent.start > match.last - match.first
    ):
        ctx.add(span, None, "thing", actor.country, None)  # "the Vietnam War", "Iraq Inquiry"
        return
    if entry.kind in ("state", "demonym") and _after_organisation_in_name(ctx, match):
        ctx.add(span, None, "place", actor.country, None)  # "UNHCR Kenya", "VOA Somali"
        return
    if entry.kind in PLACE_KINDS and not _is_body(ctx, match) and is_place(ctx, span):
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
        if (
            sector is not None
            and sector not in STATE_SECTORS
            and entry.kind in ("state", "demonym")
        ):
            # "the Syrian opposition", "Syrian refugees", "Palestinian terrorist groups":
            # a group of the state's people, not the state (issue 14); a title too:
            # "a British journalist", "an Iranian cleric" is a person of the state
            group = _group_of_state(ctx, span, phrase, actor, sector)
            if group is not None:
                ctx.add(phrase, group.id, "modifier", actor.country, sector)
                return
        ctx.add(phrase, actor.id, "modifier", actor.country, sector)
        return
    if entry.kind in ("capital", "seat") and _names_venue(ctx, span, entry.kind):
        # "the Astana talks", "the Paris attacks", "the Westminster attack": where
        # it happened, not who took part (the talks are not Kazakhstan's)
        ctx.add(span, None, "venue", actor.country, None)
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
        people = _people_of_state(ctx, span, actor) if noun_use else None
        if people is not None:
            ctx.add(span, people.id, "alias", people.country, people.sector)
            return
        ctx.add(span, actor.id, "alias" if noun_use else "modifier", actor.country, None)
    else:
        ctx.add(span, actor.id, entry.by, actor.country, "GOV")


def _people_of_state(ctx: Context, span: Span, state: Actor) -> Actor | None:
    """The people a bare plural demonym names ("Mexicans", "80 percent of Germans",
    "Palestinians were killed"): a group of the state's civilians, not the state.
    "The Russians" with the article often stands for the state's side ("contacts
    with the Russians") and stays the state. In the 2017 corpus, of 30 events with
    a bare plural demonym as a side (seed 1408), 27 meant the people."""
    root = span.root
    if root.tag_ not in ("NNS", "NNPS") or len(span) != 1:
        return None
    if any(c.lower_ in ("the", "one", "a", "an") for c in root.children if c.i < root.i):
        return None  # "the Russians"; "one Vietnamese" is a person
    if (
        root.i > 0
        and ctx.doc[root.i - 1].is_title
        and ctx.doc[root.i - 1].dep_ in ("amod", "compound")
    ):
        return None  # "Central Americans", "African Americans": not the state's people
    actor_id = "x-" + slugify(f"{state.country or state.id}-people")
    actor = ctx.new_actors.get(actor_id)
    if actor is None:
        actor = Actor(
            id=actor_id, name=span.text, kind="group", country=state.country, sector="CVL"
        )
        ctx.new_actors[actor_id] = actor
    return actor


def _group_of_state(
    ctx: Context, span: Span, phrase: Span, state: Actor, sector: str
) -> Actor | None:
    """The ``x-`` group actor a state's name or demonym and a group noun of a non-state
    sector name ("Syrian refugees": refugees of Syria, kind group, country SYR).

    One actor per state and noun words, whatever the surface ("Syria's refugees"),
    named as first written. None when no noun follows the name.
    """
    head = span.root.head if span.root.dep_ != "conj" else span.root.head.head
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    if head.i < span.end:
        return None
    if any(child.i > head.i and child.ent_type_ for child in head.children):
        return None  # "the Russian groups Wagner and ...": the names say who
    nouns = [t for t in ctx.doc[span.end : head.i + 1] if t.dep_ == "compound" or t == head]
    if not nouns:
        return None
    key = " ".join(t.lower_ for t in nouns)
    actor_id = "x-" + slugify(f"{state.country or state.id}-{key}")
    actor = ctx.new_actors.get(actor_id)
    if actor is None:
        if len(phrase) > len(span):  # "the Syrian opposition": the phrase, without "the"
            start = phrase.start
            while start < phrase.end - 1 and ctx.lower[start] in ("the", "a", "an"):
                start += 1
            name = ctx.span_text(start, phrase.end)
        else:  # "Palestinian and pro-Palestinian terrorist groups": the name and the nouns
            name = " ".join([span.text, *(t.text for t in nouns)])
        actor = Actor(id=actor_id, name=name, kind="group", country=state.country, sector=sector)
        ctx.new_actors[actor_id] = actor
    return actor


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


def _names_venue(ctx: Context, span: Span, kind: str) -> bool:
    """A capital (or, for an attack, a seat) written before an occasion it is the
    venue of ("the Astana talks", "a Paris summit", "the Westminster attack";
    roles.yaml ``venue_nouns`` and ``site_nouns``)."""
    root = span.root
    head = root.head
    if root.dep_ not in ("compound", "nmod") or head.i <= span.end - 1 or head.pos_ != "NOUN":
        return False
    word = head.lemma_.lower()
    return word in ctx.registry.site_nouns or (
        kind == "capital" and word in ctx.registry.venue_nouns
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


# Words after a personal name that say which of a family it is, not another name.
NAME_SUFFIXES = frozenset({"sr", "jr", "snr", "jnr", "ii", "iii", "iv"})


def _namesake_in_longer_name(ctx: Context, match: NameMatch, person: Actor) -> bool:
    """A registry person's name or alias inside a longer personal name whose other
    words are none of that person's names: another person ("Burhan Wani" is not
    Abdel Fattah al-Burhan, "Jean-Marie Le Pen" not Marine Le Pen) or a firm
    ("Kushner Companies"). Titles and honorifics beside the name ("Mr",
    "President") are no such words."""
    ent = ctx.entity_of.get(match.first)
    if (
        ent is None
        or ent.label_ not in ("PERSON", "ORG")  # the tagger calls some names ORG
        or ent.end - ent.start <= match.last - match.first
        or match.last > ent.end  # a tagger's span that cuts the name in two
    ):
        return False
    own = {
        word.lower()
        for name in (person.name, *person.aliases)
        for word in name.replace("-", " ").split()
    }
    registry = ctx.registry
    for i in [*range(ent.start, match.first), *range(match.last, ent.end)]:
        token = ctx.doc[i]
        word = token.lower_.rstrip(".")
        if not token.is_alpha or not token.text[:1].isupper() or i in ctx.claimed:
            continue  # "the Trump White House": a seat the tagger ran into the name
        if token.pos_ != "PROPN" or token.is_sent_start:
            continue  # "Furious Theresa May gives Putin a deadline": a headline's adjective
        if word in registry.title_words() or word in registry.honorifics:
            continue  # "Presidential Spokesman Dmitry Peskov"
        if word in registry.past_markers:
            continue
        if word in NAME_SUFFIXES:
            continue  # "Donald Trump Sr.", "Hank Johnson Jr."
        if not any(_spelled_alike(word, name) for name in own):
            return True
    return False


def _spelled_alike(a: str, b: str) -> bool:
    """The same word, or one letter changed ("Mevlet" for "Mevlut")."""
    return a == b or (len(a) == len(b) > 3 and sum(x != y for x, y in zip(a, b, strict=True)) == 1)


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


def resolve_backed(ctx: Context) -> None:
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
        if noun is None or not _can_be_backed(ctx, noun):
            continue
        if _named_group(ctx, noun) is not None:
            continue  # a registry group: its name is its mention, its backers are data
        phrase = doc[token.i + 1 : noun.i + 1]
        if any(t.lower_ in BRACKETS for t in phrase):
            continue  # "(GNA, the UN-backed) presidential council": the parse crosses a bracket
        backer_actor = registry.actors[backer.entry.actor_id]
        backer_code = backer_actor.country or backer_actor.id
        actor_id = "x-" + slugify(f"{backer_code}-{token.lower_}-{lemma_phrase(phrase)}")
        surface = doc[backer.first : noun.i + 1].text
        sector = ctx.registry.group_nouns.get(lemma_phrase(phrase, plural=True))
        if sector is None:
            sector = ctx.registry.group_nouns.get(noun.lower_)
        kind, head_sector = _backed_kind(ctx, noun)
        actor = ctx.new_actors.get(actor_id) or Actor(
            id=actor_id,
            name=surface,
            kind=kind,
            country=None,
            sector=sector or head_sector,
            aliases=[f"{backer_actor.name}-{token.lower_} {phrase.text}"],
            backers=[backer_code],
        )
        ctx.new_actors[actor_id] = actor
        ctx.add(doc[backer.first : noun.i + 1], actor_id, "backed", None, sector)


BRACKETS = frozenset("()[]")
# The kind of a backed organisation by its head noun's sector (roles.yaml
# organisation_heads): "China-backed Asian Infrastructure Investment Bank" is a
# company, "ISIS-linked Amaq news agency" no armed group.
KIND_OF_SECTOR = {
    "BUS": "company",
    "MED": "media",
    "NGO": "ngo",
    "PTY": "party",
    "GOV": "government-body",
}


def _backed_kind(ctx: Context, noun: Token) -> tuple[str, str | None]:
    """(kind, sector) of a backed phrase by its head noun's sector: a company, a
    news outlet, a party, a government ("Saudi-backed government"); other group
    nouns ("militias", "fighters", "rebels", "forces") and names are armed groups,
    as the backing says; other organisation heads ("coalition", "forum") organisations."""
    registry = ctx.registry
    words = (noun.lower_, noun.lemma_.lower())
    for word in words:
        if word in registry.group_nouns:
            sector = registry.group_nouns[word]
            return KIND_OF_SECTOR.get(sector or "", "armed-group"), sector
    for word in words:
        if word in registry.organisation_heads:
            sector = registry.organisation_heads[word][0]
            return KIND_OF_SECTOR.get(sector or "", "organisation"), sector
    return "armed-group", None


def _can_be_backed(ctx: Context, noun: Token) -> bool:
    """Whether a backed noun names something that acts: a group or organisation
    noun ("Iran-backed militias", "the Saudi-backed coalition") or a name
    ("Iranian-backed Popular Mobilization Units"), not a person's name. Talks,
    bills, deals and railways are backed too ("UN-backed talks", "a GOP-backed
    health care bill", "a China-funded railway") and are no actor: on the 2017
    corpus about 25 of the 79 backed phrases read had such a head (talks,
    sanctions, a push, efforts, a deal), 2 of them groups ("cells", "blocs")."""
    if noun.ent_type_ == "PERSON":
        return False
    registry = ctx.registry
    words = {noun.lower_, noun.lemma_.lower()}
    if words & registry.thing_heads:
        return False  # "the Turkey-backed Euphrates Shield Operation" is no one
    return noun.pos_ == "PROPN" or any(
        w in registry.group_nouns or w in registry.organisation_heads for w in words
    )


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


def resolve_peoples_of_states(ctx: Context) -> None:
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
