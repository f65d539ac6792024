"""Unnamed organs of a state ("the government", "the authorities", "police") and
bare titles ("the president said": ``resolve_bare_titles``).

News names the state it is about once or twice and then writes "the
government said", "police arrested 17 people", "the authorities denied".
These are common nouns, no entity the tagger marks, so no other pass reads
them, and every event they do stays without an actor (about 350 of the 5,825
actorless events of the whole 2017 store have one of them as subject).

``resolve_state_organs`` reads such a noun (roles.yaml ``state_organs``) as
that organ of one state, in this order:

1. the state an "of"/"in" phrase after it names ("the government of Kenya",
   "police in Japan", "the police in Lagos");
2. for police and courts, the one state of the places the sentence names
   ("killed at a hostel in Queensland, police said");
3. else, for a civil organ (not an army: armies act abroad), the document's
   home state: the one it names most, when that state has at least half of
   all the document's state mentions (a story about one country, not one
   between two).

It is left alone when a name stands before it ("the Catalan government",
"the Uttar Pradesh government", "Pashinian's government": a state's or
demonym's is read by the modifier pass, "the Trump administration" by
metonymy), when a modifier
makes it another body ("the rebel government", "foreign police"), when a
determiner other than "the" makes it any such organ ("a government",
"its government"), and when it is a modifier itself ("government buildings").
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from entente.actors.registry import NON_STATE_CODES
from entente.actors.roles import Context
from entente.actors.spans import MIN_DOMINANT_MENTIONS

# The home state's share of all state mentions in a document at or above which
# "the government" is read as its government. 0.5: a state named as often as
# all others together. Read on 40 organ mentions of the 2017 corpus (seed 8108).
HOME_STATE_SHARE = 0.5

# Organs that act where they sit: police and courts of a place the sentence names
# are that place's ("police said" after "a hostel in Queensland").
_LOCAL_SECTORS = frozenset({"COP", "JUD"})

# Dependency labels of the words before an organ noun that belong to its phrase.
_PHRASE_DEPS = frozenset({"det", "amod", "compound", "nmod", "poss", "npadvmod", "nummod"})


def home_state(countries: Counter[str]) -> str | None:
    """The state a document is about: named most, at least twice, and at least
    HOME_STATE_SHARE of all its state mentions; None for a story between states."""
    top = countries.most_common(2)
    if not top or top[0][1] < MIN_DOMINANT_MENTIONS:
        return None
    if len(top) == 2 and top[0][1] == top[1][1]:
        return None
    if top[0][1] < HOME_STATE_SHARE * sum(countries.values()):
        return None
    return top[0][0]


def _mention_state(ctx: Context, token: Token) -> str | None | bool:
    """The state of the mention covering ``token``: its country when a state's,
    False when the token is covered by a mention that is not a state's, None
    when no mention covers it."""
    start = token.idx
    for mention in ctx.mentions:
        if mention.start <= start < mention.end:
            country = mention.country
            if mention.actor_id and country and country not in NON_STATE_CODES:
                return country
            if mention.resolved_by == "place" and country and country not in NON_STATE_CODES:
                return country
            return False
    return None


def _named_state(ctx: Context, head: Token, words: list[Token]) -> str | None | bool:
    """Step 1: the state an "of"/"in" phrase after the noun names; False when the
    phrase names something else. A name before the noun that an earlier pass
    read is theirs: a state's or demonym's ("Russian police") is already that
    state's organ, a person's or region's ("Pashinian's government", "the Uttar
    Pradesh government") is no organ of the home state, so False."""
    for word in words:
        if word.dep_ == "det":
            continue
        capital = word.text[:1].isupper() and not word.is_sent_start
        if word.i in ctx.covered or word.pos_ == "PROPN" or word.ent_type_ or capital:
            return False
    for prep in head.rights:
        if prep.lower_ not in ("of", "in") or prep.dep_ != "prep":
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj":
                state = _mention_state(ctx, obj)
                return state if state is not None else False
    return None


def _sentence_place_state(ctx: Context, head: Token, first: dict[int, int]) -> str | None:
    """The one state of the places the organ's sentence names ("killed at a hostel
    in Queensland, police said": Australia's police); None for none or several."""
    sentence = ctx.sentence_of[head.i]
    states = set()
    for m in ctx.mentions:
        if m.sentence != sentence or m.resolved_by != "place" or not m.country:
            continue
        i = first.get(m.start, 0)
        before = ctx.lower[i - 1] if i > 0 else ""
        if ctx.lower[i] == "the" and i > 1:
            before = ctx.lower[i - 2]
        if before in ctx.registry.locative_prepositions and m.country not in NON_STATE_CODES:
            states.add(m.country)  # "in Queensland", not "Mr Chin" read as a place
    return states.pop() if len(states) == 1 else None


def resolve_state_organs(ctx: Context) -> None:
    """ "The government", "the authorities", "police": that organ of the state
    the phrase names or, failing that, of the document's home state."""
    organs = ctx.registry.state_organs
    if not organs:
        return
    home = home_state(ctx.countries)
    doc, lower = ctx.doc, ctx.lower
    blocked = ctx.registry.state_organ_blockers
    first = {start: i for i, start in enumerate(ctx.starts)}  # token of a character offset
    for i, word in enumerate(lower):
        if word not in ctx.registry.state_organ_heads or i in ctx.covered or i in ctx.entity_of:
            continue
        head = doc[i]
        if head.pos_ not in ("NOUN", "PROPN") or head.dep_ in ("compound", "amod", "poss"):
            continue
        words = [t for t in head.lefts if t.dep_ in _PHRASE_DEPS]
        words = [t for t in doc[words[0].i : i]] if words else []
        if i + 1 < len(doc) and ctx.words[i + 1] in ("-", "\u2013"):
            continue  # "a government-run clinic"
        det = [t for t in words if t.dep_ in ("det", "poss") and t.pos_ in ("DET", "PRON")]
        if any(t.lower_ not in ("the", "a", "an") for t in det):
            continue  # "its government", "no police", "this court"
        if not det and head.tag_ not in ("NNS", "NNPS"):
            continue  # "went to court", "unsuited to government": a plural stands bare
        indefinite = any(t.lower_ in ("a", "an") for t in det)
        key = " ".join([t.lower_ for t in words if t.dep_ == "compound"] + [word])
        if key not in organs:
            continue  # "the visa regime", "the coalition forces": not an organ listed
        sector = organs[key]
        if any(t.lower_ in blocked for t in words):
            continue
        country = _named_state(ctx, head, words)
        if country is False:
            continue
        if indefinite and country is None:
            continue  # "a government": any; "a court in Lyon" is France's
        if country is None and sector in _LOCAL_SECTORS:
            country = _sentence_place_state(ctx, head, first)
        if country is None and sector != "MIL":
            # armies act abroad: "government forces" in a Russian report on
            # Palmyra are Syria's, so an army needs its state named (2017 sample)
            country = home
        if country is None:
            continue
        span = doc[words[0].i if words else i : i + 1]
        ctx.add(span, country, "organ", country, sector)


def resolve_bare_titles(ctx: Context) -> None:
    """ "The president said", "the prime minister's office": the person named
    before in the document who holds that post (on the date), the nearest one
    back. A title with a name of its own ("the Russian president", "the
    president, Donald Trump") is read by the other passes; "the former
    president" is left alone; with nobody named before, nothing."""
    titles, doc = ctx.registry.titles, ctx.doc
    # a person the registry lacks holds the title the text gave, when that title
    # placed them in a state: "President Obama's nominee Merrick Garland" gives
    # Garland "president" and no state
    holders = [
        (person, role.lower())
        for person, country, role in ctx.people
        if role and (person.id in ctx.registry.actors or country)
    ]
    if not holders:
        return
    starts: dict[str, list[int]] = {}
    for mention in ctx.mentions:
        if mention.actor_id:
            starts.setdefault(mention.actor_id, []).append(mention.start)
    for i, word in enumerate(ctx.lower):
        if word not in titles or i in ctx.covered or i in ctx.entity_of or i < 1:
            continue
        first = i - 1 if ctx.lower[i - 1] != "the" and i >= 2 else i
        title = " ".join(ctx.lower[first : i + 1]) if first < i else word
        if title not in titles:
            first, title = i, word
        if ctx.lower[first - 1] != "the" or any(j in ctx.covered for j in range(first, i)):
            continue
        head = doc[i]
        if head.dep_ in ("compound", "amod") or any(
            c.dep_ == "prep" and c.lower_ == "of" for c in head.children
        ):
            continue  # "the president of Egypt": the other passes, or nobody
        after = i + 2 if i + 1 < len(doc) and ctx.words[i + 1] == "," else i + 1
        if after < len(doc) and doc[after].ent_type_ == "PERSON":
            continue  # "the president, Donald Trump": the name is read as itself
        best: tuple[int, str, str | None, str | None] | None = None
        for person, role in holders:
            if role != title:
                continue  # "the president" is no "president's nominee"
            before = [start for start in starts.get(person.id, []) if start < head.idx]
            if before and (best is None or max(before) > best[0]):
                mention = ctx.person_mention[person.id]
                best = (max(before), person.id, mention.country, mention.sector)
        if best is not None:
            ctx.add(doc[first - 1 : i + 1], best[1], "role-reference", best[2], best[3])


__all__ = ["HOME_STATE_SHARE", "home_state", "resolve_bare_titles", "resolve_state_organs"]
