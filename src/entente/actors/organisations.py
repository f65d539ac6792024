"""Organisations the registry lacks, and references back to them (mechanisms 7, 8).

A bare "Congress" (an institution of the document's state), an ORG name with a
head noun roles.yaml knows ("X District Hospital"), one beside a descriptor
("newspaper Kompas"), a capitalised name with no head noun ("Delta Air
Lines"), and acronyms defined beside a name or spelling one.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from entente.actors.people import add_untitled_person
from entente.actors.registry import NON_STATE_CODES, normalise_name, slugify
from entente.actors.roles import (
    ENTITY_LABELS,
    Context,
    find_title,
)
from entente.actors.spans import (
    CONNECTORS,
    POSSESSIVE,
    STATE_KINDS,
    bare_key,
    country_inside,
    dominant_state,
    possessor_organisation,
    possessor_state,
    words_of,
)
from entente.records import Actor, Mention


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


def resolve_described_organisations(ctx: Context) -> None:
    """A name the registry lacks beside a descriptor noun (roles.yaml
    ``organisation_descriptors``): "Indonesian newspaper Kompas" is an
    Indonesian outlet; "CMGM, an outlet covering China news" an outlet."""
    doc = ctx.doc
    for ent in ctx.ents:
        if ent.label_ not in _DESCRIBED_LABELS or ctx.overlaps(ent):
            continue
        words = words_of(ctx, ent)
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


def resolve_institutions(ctx: Context) -> None:
    """Bare "Congress", "the Senate", "Parliament": an institution of the document's state."""
    institutions = ctx.registry.institutions
    countries = ctx.countries
    dominant = dominant_state(countries)
    for ent in ctx.ents:
        if ent.label_ not in ENTITY_LABELS or ctx.overlaps_actor(ent):
            continue
        found = institutions.get(bare_key(ent))
        if found is None:
            continue
        sector, default = found
        excluded = ctx.registry.institution_not_in.get(bare_key(ent), frozenset())
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


# Last words that make a PERSON-labelled span an organisation's name.
_COMPANY_HEADS = frozenset({"company", "corporation", "group", "bank", "foundation", "institute"})


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
            and spans[-1][-1].lower_ not in POSSESSIVE  # "the Atlantic Council's | Initiative"
        ):
            spans[-1] = doc[spans[-1].start : ent.end]
        else:
            spans.append(ent)
    return spans


def resolve_unknown_organisations(ctx: Context) -> None:
    """ORG names the registry lacks, with a head noun roles.yaml knows ("X District Hospital")."""
    doc, heads = ctx.doc, ctx.registry.organisation_heads
    dominant = dominant_state(ctx.countries)
    short: dict[str, str] = {}
    for ent in _organisation_spans(doc, ctx.ents):
        bracket = next((t.i for t in ent if t.text == "("), None)
        if bracket is not None and not any(t.text == ")" for t in doc[bracket : ent.end]):
            # "the Institute of Labor (Piler": the tagger ran on into the short form, whose
            # bracket it left open; the name ends at the bracket ("(Group) Ltd." stays)
            ent = doc[ent.start : bracket]
            if len(ent) < 2:
                continue
        tail = ctx.claimed.get(ent.end - 1)
        if tail is not None and tail.entry.kind in STATE_KINDS and tail.last > ent.end:
            ent = doc[ent.start : tail.last]  # "the Court of Bosnia and | Herzegovina"
        after = ctx.claimed.get(ent.end)
        if (
            ent[-1].lower_ in ("of", "for")
            and after is not None
            and after.first == ent.end
            and after.entry.kind in STATE_KINDS
        ):
            ent = doc[ent.start : after.last]  # "the Supreme Court of | Bosnia and Herzegovina"
        over_states = ctx.overlaps_actor(ent)
        if over_states and not ctx.state_names_only(ent):
            continue
        owner_org = possessor_organisation(ctx, ent)
        if owner_org is not None:  # "VOA's Bosnian Service": a part of VOA
            if over_states:
                ctx.drop_mentions(ent)
            actor = ctx.registry.actors[owner_org.entry.actor_id]
            ctx.add(ent, actor.id, "organisation-head", actor.country, actor.sector)
            continue
        key = bare_key(ent)
        if key in ctx.registry.institutions or key in heads:
            continue  # a bare "Parliament", "the Ministry": not a name
        head = _organisation_head(ent, heads)
        if head is None:
            continue
        sector, national = heads[head]
        owner = possessor_state(ctx, ent)
        country = country_inside(ctx, ent) or owner or (dominant if national else None)
        if owner is not None and sector is None:
            sector = "GOV"  # "China's State Council": an organ of that state
        if over_states:  # "the Nigeria Center for Disease Control": one name, not a state
            ctx.drop_mentions(ent)
        name = " ".join(t.text for t in ent if t.lower_ not in POSSESSIVE)
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


# A one-word company name in camel case ("JetBlue", "YChina"); not "McDonald".
_CAMEL_CASE = re.compile(r"^(?!Mc|Mac|De|Di|La|Le)[A-Z][a-z]*[A-Z][a-z]{2,}[A-Za-z]*$")

_ACRONYM = re.compile(r"^[A-Z]{2,8}$")


def _headless_name(ctx: Context, ent: Span) -> list[Token] | None:
    """The words of a capitalised multi-word ORG name, or None when it is not one."""
    words = words_of(ctx, ent)
    if len(words) < 2 or any(t.like_num for t in words):
        return None
    if any(t.text in ("(", ")") for t in ent):
        return None  # "SMO (Special Military Operation": a name and its expansion, cut
    text = ent.doc[words[0].i : words[-1].i + 1].text
    if " " not in text or not (words[0].is_alpha and len(words[0]) > 1):
        return None  # "Dakin-Grimm": one hyphenated word; "X. Militants"
    if not (words[0].text[:1].isupper() and words[-1].text[:1].isupper()):
        return None
    if any(not (t.text[:1].isupper() or t.lower_ in CONNECTORS) for t in words):
        return None
    if len(words) == 3 and words[1].lower_ in ("and", "&"):
        return None  # "Bocaranga and Bazoum": two names, not one
    named = [ctx.claimed.get(t.i) for t in words]
    places = [m for m in named if m is not None and m.entry.kind in (*STATE_KINDS, "place")]
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
    """An ORG span that is a person's name: a surname with its particle ("De
    Mistura", "Van Doorn", "De Lima": all 9 such ORG spans of the 2017 corpus
    taken for organisations were people), a title beside it, a PERSON joined to
    it, or its last word used alone elsewhere in the document."""
    if len(words) == 2 and words[0].lower_ in ctx.registry.name_particles:
        return words[1].is_alpha and words[1].is_title
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


def resolve_named_organisations(ctx: Context) -> None:
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
            add_untitled_person(ctx, ent.doc[words[0].i : words[-1].i + 1])
            continue
        name = ent.doc[words[0].i : words[-1].i + 1].text
        owner = possessor_state(ctx, ent)  # "Vietnam's Central Steering Board": its organ
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


def resolve_defined_acronyms(ctx: Context) -> None:
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
        words = words_of(ctx, ent)
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


def resolve_short_references(ctx: Context) -> None:
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
        words = words_of(ctx, ent)
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
