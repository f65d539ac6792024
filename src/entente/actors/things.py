"""Names of things and places that the tagger called a person or an organisation
(mechanism 8): "the Iran Nuclear Deal", "S-400", "Boni Forest" are no actors."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from entente.actors.registry import Registry, normalise_name
from entente.actors.roles import Context
from entente.actors.spans import POSSESSIVE, country_inside, name_words, words_of

# Weapon and aircraft designations: "S-400", "F-35s", "E-11A", "MQ-9", "Su-35".
_DESIGNATION = re.compile(r"^[A-Z][A-Za-z]{0,2}-\d{1,4}[A-Z]{0,2}s?$")


def _is_thing(registry: Registry, span: Span, words: list[Token] | None = None) -> bool:
    """A name things.yaml lists, ends or starts with, or a weapon designation."""
    if words is None:
        words = name_words(span)
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
        words = name_words(span)
    return (
        len(words) >= 2 and words[0].text[:1].isupper() and words[-1].lower_ in registry.place_heads
    )


def _part_of_place(ctx: Context, span: Span) -> bool:
    """A name owned by a place noun ("the base's Migrant Operations Center", "the
    camp's Reception Office"): a part of that place, not an actor."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ not in POSSESSIVE:
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
            names.add(" ".join(t.lower_ for t in words_of(ctx, ent)))
    return names


def resolve_things(ctx: Context) -> None:
    place_names = _document_place_names(ctx)
    for ent in ctx.ents:
        if (
            ent.label_ in ("PERSON", "ORG")
            and not ctx.overlaps_actor(ent)
            and (
                _part_of_place(ctx, ent)
                or " ".join(t.lower_ for t in words_of(ctx, ent)) in place_names
            )
        ):
            ctx.drop_places(ent)  # a firm place: no organisation pass takes it back
            ctx.add(ent, None, "place", country_inside(ctx, ent), None)
            continue
        if (
            ent.label_ in ("PERSON", "ORG")
            and not ctx.overlaps_actor(ent)
            and _is_place_name(ctx.registry, ent, words_of(ctx, ent))
        ):
            ctx.drop_places(ent)
            ctx.add(ent, None, "place", country_inside(ctx, ent), None)
            ctx.places.update(range(ent.start, ent.end))
            continue
        if (
            ent.label_ in ("PERSON", "ORG")
            and not ctx.overlaps_actor(ent)
            and _is_thing(ctx.registry, ent, words_of(ctx, ent))
        ):
            ctx.drop_places(ent)
            ctx.add(ent, None, "thing", None, None)
