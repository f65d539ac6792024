"""Groups named by where they are or come from: "protesters in Tehran", "rebels
in the Ivory Coast", "fighters from Chechnya".

The place is no actor (a place where something happens is no side: DESIGN.md),
and neither is its state: protesters in Tehran are not Iran. The group is an
``x-`` actor of the place's country with its noun's sector (roles.yaml
``group_nouns``), as "Iranian protesters" is (``names._group_of_state``). State
organs and troops are left out: "officials in Kabul" are the organ pass's, and
"troops in Syria" are as often foreign troops as Syria's own. Refugees and
migrants *in* a country come from elsewhere; only "refugees from Syria" are
Syria's. Civilians ("people in California") are left to their place.
"""

from __future__ import annotations

from spacy.tokens import Token

from entente.actors.registry import slugify
from entente.actors.roles import STATE_SECTORS, Context
from entente.records import Actor

# Prepositions that place a group in its country ("rebels in", "fighters from").
PLACING_PREPOSITIONS = frozenset({"in", "inside", "from"})
# Sectors of people who are in a country without being of it.
FROM_ONLY_SECTORS = frozenset({"REF"})
# Civilians placed in a city ("poor children in Charlotte", "people in California")
# are no political party (a civilian group counts as one: political_actors.tsv), and
# a place was none: as groups they let ordinary words through the party gate (PolNeAR
# dev: "children in Charlotte ... lift themselves out of poverty" became a CONCEDE).
UNPLACED_SECTORS = frozenset({"CVL"})


def resolve_placed_groups(ctx: Context) -> None:
    """A group noun whose "in"/"from" phrase names a place: that group of the
    place's country ("protesters in Tehran" -> x-irn-protesters, IRN, CVL)."""
    doc, registry = ctx.doc, ctx.registry
    for mention in list(ctx.mentions):
        if mention.resolved_by != "place" or mention.actor_id is not None or not mention.country:
            continue
        place = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if place is None:
            continue
        root = place.root
        prep = root.head
        if root.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in PLACING_PREPOSITIONS:
            continue
        noun = prep.head
        if not _common_noun(noun) or noun.i in ctx.covered or noun.i in ctx.claimed:
            continue
        sector = registry.group_nouns.get(noun.lower_)
        if sector is None or sector in STATE_SECTORS or sector in UNPLACED_SECTORS:
            continue
        if sector in FROM_ONLY_SECTORS and prep.lower_ != "from":
            continue
        first = noun.i
        while (
            first > 0
            and doc[first - 1].dep_ in ("compound", "amod")
            and doc[first - 1].head == noun
        ):
            if doc[first - 1].i in ctx.covered:
                break
            first -= 1
        group = doc[first : noun.i + 1]
        actor_id = "x-" + slugify(f"{mention.country}-{group.text.lower()}")
        if actor_id not in ctx.new_actors:
            name = f"{group.text} {prep.lower_} {mention.text}"
            ctx.new_actors[actor_id] = Actor(
                id=actor_id, name=name, kind="group", country=mention.country, sector=sector
            )
        ctx.add(group, actor_id, "placed", mention.country, sector)


def _common_noun(token: Token) -> bool:
    """A common noun, or one the tagger called proper for its capital at the start
    of a sentence ("Rebels in Mali attacked")."""
    return token.pos_ == "NOUN" or (token.pos_ == "PROPN" and not token.ent_type_)
