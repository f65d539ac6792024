"""People the registry lacks, and references back to people (mechanisms 2, 6, 7).

A titled person ("senior Hamas official Ali Baraka"), a name the tagger cut
out of a title, a full personal name with no title, a one-word name that
speaks; and within the document, surnames after the full name, names
completed from elsewhere in it, and "known as" aliases.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from entente.actors.registry import NON_STATE_CODES, slugify
from entente.actors.roles import (
    ENTITY_LABELS,
    STATE_SECTORS,
    Context,
    TitleFound,
    find_title,
    past_marked,
)
from entente.actors.spans import (
    NAME_PARTICLES,
    POSSESSIVE,
    THING_LABELS,
    dominant_state,
    sole_state,
    title_keys,
    words_of,
)
from entente.records import Actor, Mention, Office


def _title_right_before(ent: Span, title: str) -> bool:
    """The title stands just before the name ("President X", "Lt. Gen. X")."""
    before = ent.doc[ent.sent.start : ent.start].text.lower().rstrip()
    return before.endswith(title) and "," not in before[-len(title) - 2 :]


def _office_holder_state(ctx: Context, words: list[Token], title: str) -> str | None:
    """ "President Clinton" in any year: the state whose registry holders of that office
    bear this surname, when they all served one state (a surname alone is not a name
    match, but with the office it can only mean that state)."""
    if not words:
        return None
    states = ctx.registry.office_holders().get((words[-1].text, title.lower()))
    return next(iter(states)) if states and len(states) == 1 else None


def resolve_titled_people(ctx: Context) -> None:
    """A PERSON the registry lacks with a title beside it: an ``x-`` person in that office."""
    dominant, sole = dominant_state(ctx.countries), sole_state(ctx.countries)
    for ent in ctx.ents:
        if ent.label_ != "PERSON" or ctx.overlaps(ent):
            continue
        words = words_of(ctx, ent)
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
            country = _office_holder_state(ctx, words, found.title) or dominant or sole
            found = TitleFound(found.title, country, found.sector, found.organisation)
        elif (
            found.country is None
            and found.sector in STATE_SECTORS
            and found.title is not None
            and _title_right_before(ent, found.title)
        ):
            found = TitleFound(
                found.title,
                _office_holder_state(ctx, words, found.title) or sole,
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


def resolve_coreference(ctx: Context) -> None:
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
        words = [token for token in ent if not token.is_punct and token.lower_ not in POSSESSIVE]
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
    while first < ent.end and ctx.doc[first].lower_ in POSSESSIVE:
        first += 1  # "Cornell's Casanova": the person after the possessive
    tail = ctx.doc[first : ent.end]
    if not 1 <= len(tail) <= 2 or not all(t.is_alpha and t.is_title for t in tail):
        return None
    return tail


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
        or (after and (token.ent_type_ in THING_LABELS or token.ent_type_ == "FAC"))
    )


def resolve_completed_names(ctx: Context) -> None:
    """A one-word PERSON or ORG that the document also writes after a given name the
    tagger missed ("Allah Ditta told VOA ... Ditta said", "Siyoka Simasiku,
    director at ..."): the person of that full name."""
    doc = ctx.doc
    singles: dict[str, list[Span]] = {}
    for ent in ctx.ents:
        if ent.label_ not in ("PERSON", "ORG") or ctx.overlaps_actor(ent):
            continue
        words = words_of(ctx, ent)
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
        add_untitled_person(ctx, doc[first : last + 1])
        mention = ctx.person_mention[ctx.mentions[-1].actor_id or ""]
        for ent in ents:
            if not ctx.overlaps_actor(ent):
                ctx.drop_places(ent)
                ctx.add(ent, mention.actor_id, "coreference", mention.country, mention.sector)


def resolve_known_as(ctx: Context) -> None:
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
        words = words_of(ctx, ent)
        if not words:
            continue
        mention = aliases.get(doc[words[0].i : words[-1].i + 1].text)
        if mention is not None:
            ctx.add(ent, mention.actor_id, "coreference", mention.country, mention.sector)


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


def resolve_title_fragments(ctx: Context) -> None:
    """A name the tagger cut out of a title ("Secretary of State Marco Rubio",
    "Defense Minister Rustem Umerov") is part of the titled person's mention."""
    doc, titles = ctx.doc, ctx.registry.titles
    dominant = dominant_state(ctx.countries)
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
            for title in title_keys(words, titles)
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
    titles = [t for t in title_keys(words, ctx.registry.titles) if words.endswith(t)]
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


def _is_person_name(ctx: Context, ent: Span) -> bool:
    words = [t for t in ent if not t.is_punct and t.lower_ not in POSSESSIVE]
    if len(words) < 2 or any(t.like_num or t.lower_ in ctx.registry.thing_words for t in words):
        return False
    if words[-1].lower_ in ctx.registry.organisation_heads:
        return False  # "Wan Guo Jin Liang Company": an organisation the tagger called PERSON
    if (
        len(words) == 2
        and words[0].lower_.rstrip(".") in ctx.registry.honorifics
        and words[1].text in ctx.surnames
    ):
        return False  # "Mrs May" after "Theresa May": left to coreference
    return all(t.text[:1].isupper() or t.lower_.split("-")[0] in NAME_PARTICLES for t in words)


def add_untitled_person(ctx: Context, span: Span) -> None:
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


def resolve_untitled_people(ctx: Context) -> None:
    """A full personal name with no title or affiliation nearby: a person of unknown country."""
    for ent in ctx.ents:
        if ent.label_ == "PERSON" and not ctx.overlaps(ent) and _is_person_name(ctx, ent):
            add_untitled_person(ctx, ent)


def resolve_reporting_names(ctx: Context) -> None:
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
            add_untitled_person(ctx, ent)
