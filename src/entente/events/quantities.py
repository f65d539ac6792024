"""An event's quantities (counts, money, items) and the mode its weapons give an
ASSAULT, read inside the event's own phrase or clause; for a transfer, what it
moves (``transferred_items``), an item with no count."""

from __future__ import annotations

import re

from spacy.tokens import Token

from entente.events.attributes import DocView, in_clause
from entente.events.roles import OBJECT_DEPS, PASSIVE_SUBJECT_DEPS, RELATIVE_PRONOUNS, child
from entente.events.triggers import Lexicon
from entente.records import Quantity

CURRENCY = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "dollar": "USD", "euro": "EUR"}


def _number(tokens: list[Token], lexicon: Lexicon) -> float | None:
    value: float | None = None
    for t in tokens:
        text = t.lower_.replace(",", "")
        word = lexicon.numbers.get(text)
        if re.fullmatch(r"\d+(\.\d+)?", text):
            value = float(text) if value is None else value * float(text)
        elif word and word[1] == "scale":
            value = (value or 1.0) * word[0]
        elif word:
            value = word[0] if value is None else value + word[0]
    return value


def _item(head: Token) -> str | None:
    """The noun phrase a number counts, with its conjuncts, or the complement of a
    measure noun ("a barrage of missiles and drones")."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = head
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of" and child(c, "pobj") is not None:
            noun = child(c, "pobj")
            break
    parts = [
        " ".join(w.text for w in noun.lefts if w.dep_ in ("compound", "amod")) + " " + noun.text
    ]
    parts += [c.text for c in noun.children if c.dep_ == "conj"]
    return " and ".join(p.strip() for p in parts)


def quantities_of(top: Token, lexicon: Lexicon, view: DocView) -> list[Quantity]:
    """Counts and amounts inside the event's phrase or clause (not nested clauses).

    Model numbers ("Su-35", "Yak-130") are not counts: a number written with
    letters in it is skipped."""
    out: list[Quantity] = []
    doc = top.doc
    labels = ("MONEY", "CARDINAL", "QUANTITY")
    for ent in view.ents_in(view.sentence(top), labels):
        if not in_clause(ent.root, top):
            continue
        nums = [t for t in ent if t.like_num or t.lower_ in lexicon.numbers]
        if any(
            t.like_num and t.lower_ not in lexicon.numbers and re.search("[a-z]", t.lower_)
            for t in nums
        ):
            continue
        value = _number(nums, lexicon)
        if value is None:
            continue
        if ent.label_ == "MONEY":
            after = doc[ent.end : ent.end + 1]
            unit = next((CURRENCY[t.lower_] for t in ent if t.lower_ in CURRENCY), None)
            unit = unit or next(
                (CURRENCY[t.lemma_.lower()] for t in after if t.lemma_.lower() in CURRENCY), None
            )
            out.append(Quantity(value=value, item=unit or "money", text=ent.text))
            continue
        head = ent.root
        if head.dep_ in ("nummod", "quantmod", "amod", "npadvmod", "advmod"):
            head = head.head
        while head.pos_ in ("ADJ", "PUNCT") and head.head.i != head.i:  # "300-strong barrage"
            head = head.head
        item = _item(head)
        end = max([head.i] + [c.i for c in head.subtree if c.dep_ == "conj"])
        text = doc[ent.start : end + 1].text if ent.start <= end < ent.start + 12 else ent.text
        out.append(Quantity(value=value, item=item, text=text))
    return out


# Named parties, not goods: "supplied Iran with drones" moves drones, not Iran;
# "Russian aid" is given by Russia.
PARTY_ENTITIES = frozenset({"GPE", "NORP", "PERSON", "ORG", "LOC", "FAC"})
# Modifiers of a transfer noun that name what moves ("arms supplies", "military
# assistance", "S-300 deliveries"), not who gives it ("Russia's aid").
GOODS_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})


def _is_party(token: Token) -> bool:
    return (
        token.ent_type_ in PARTY_ENTITIES
        or token.lower_ in RELATIVE_PRONOUNS
        or (token.pos_ == "PRON")
    )


def _objects_of_verb(verb: Token, noun: Token | None, frame: str) -> list[Token]:
    """What a transfer verb moves: its direct object ("supplied S-300 systems"), a
    passive's subject ("arms were given to the YPG"), the object of "with"
    ("equipped them with drones", "provided Ukraine with assistance"), or the noun
    it describes ("weapons supplied by Russia"); with none of these, the object
    of a coordinated verb ("supplying and repairing military equipment") or of
    the act it helps ("helping the group develop weapons"). A verb of the ``do``
    frame acts on its object ("trained the rebels", "armed the militias"): only
    "with" names its goods. The event noun a light verb carries ("provided
    assistance") is read by ``_goods_of_noun``."""
    found = []
    moves_object = frame != "do"
    if moves_object and verb.dep_ == "acl" and verb.tag_ == "VBN":
        found.append(verb.head)
    for c in verb.children:
        if moves_object and (c.dep_ in OBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS):
            found.append(c)
        elif c.dep_ == "prep" and (
            c.lower_ == "with" or (moves_object and c.lower_ == "in" and c.i == verb.i + 1)
        ):
            # "equipped them with drones"; "sending in attack helicopters" ("in" as a particle)
            found.extend(o for o in c.children if o.dep_ == "pobj")
    if not found:
        for c in verb.children:
            if c.dep_ == "conj" and c.pos_ == "VERB":
                # "supplying and repairing military equipment": the object both share
                found.extend(o for o in c.children if o.dep_ in OBJECT_DEPS)
            elif c.dep_ in ("ccomp", "xcomp") and c.pos_ == "VERB":
                # "helping the group develop weapons": what the help is for
                found.extend(o for o in c.children if o.dep_ in OBJECT_DEPS)
    return [t for t in found if noun is None or t.i != noun.i]


# Prepositions after a transfer noun whose object is what moves or what it
# serves: "deliveries of S-300s", "assistance in missile development", "help
# with air defences".
NOUN_GOODS_PREPS = frozenset({"of", "in", "with"})


def _goods_of_noun(noun: Token) -> tuple[list[Token], list[Token]]:
    """(modifiers, complements) of a transfer noun that name what moves: "arms
    supplies", "military assistance" (modifiers), "deliveries of S-300s",
    "assistance in missile development" (``NOUN_GOODS_PREPS``)."""
    modifiers = [
        c
        for c in noun.lefts
        if c.dep_ in GOODS_MODIFIER_DEPS and c.pos_ in ("NOUN", "ADJ") and not _is_party(c)
    ]
    complements = [
        o
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ in NOUN_GOODS_PREPS
        for o in c.children
        if o.dep_ == "pobj"
    ]
    return modifiers, complements


def _is_count(token: Token) -> bool:
    """A number counting its noun ("two warships"), not a model number read as
    one ("Yak-130 training aircraft"; ``quantities_of`` skips those too)."""
    return token.dep_ == "nummod" and not re.search("[a-z]", token.lower_)


def _modified(noun: Token) -> str:
    """A noun with the compounds, adjectives and model numbers before it, theirs
    included ("New Year greetings", "air defence missiles", "Yak-130 aircraft")."""
    first = noun.i
    stack = [noun]
    while stack:
        for c in stack.pop().lefts:
            if (
                c.dep_ in GOODS_MODIFIER_DEPS
                or c.dep_ == "hyph"
                or (c.dep_ == "nummod" and not _is_count(c))
            ):
                first = min(first, c.i)
                stack.append(c)
    return noun.doc[first : noun.i + 1].text


# Prepositions after a noun of goods that say what they are: "a batch of drones",
# "areas such as missile development", "equipment including radars".
GOODS_PREPS = frozenset({"of", "as", "including"})


def _goods_phrase(head: Token) -> str:
    """The noun phrase of what moves, with its conjuncts ("drones and missiles")
    and what it is a measure or an instance of ("a batch of drones", "dozens of
    rifles", "sensitive areas such as missile development")."""
    phrase = " and ".join(
        [_modified(head), *(_modified(c) for c in head.children if c.dep_ == "conj")]
    )
    for prep in head.children:
        inner = child(prep, "pobj") if prep.dep_ == "prep" and prep.lower_ in GOODS_PREPS else None
        if inner is not None:
            phrase = f"{phrase} {prep.text} {_goods_phrase(inner)}"
    return phrase


def transferred_items(
    verb: Token | None, noun: Token | None, frame: str, counted: list[Quantity]
) -> list[Quantity]:
    """What a transfer moves, as items with no count (value None), beside the
    counted ones (``counted``, not repeated): the objects of its verb (of the
    trigger row's ``frame``) and the
    modifiers and "of" complement of its noun. Named parties are left out (a
    recipient as object: "supplied Iran with drones"). The map reads these
    items to tell arms from aid and goods from words sent (relations.yaml),
    instead of searching the sentence."""
    heads = _objects_of_verb(verb, noun, frame) if verb is not None else []
    modifiers: list[Token] = []
    if noun is not None:
        modifiers, complements = _goods_of_noun(noun)
        heads += complements
    seen = {q.item.lower() for q in counted if q.item}
    counted_words = {w for q in counted for w in q.text.lower().split()}
    out: list[Quantity] = []
    for head in heads:
        if _is_party(head) or head.pos_ not in ("NOUN", "PROPN", "NUM"):
            continue
        if any(_is_count(c) for c in head.children) or head.lower_ in counted_words:
            continue  # "two warships", "dozens of rifles": counted (``quantities_of``)
        item = _goods_phrase(head)
        if item and item.lower() not in seen:
            seen.add(item.lower())
            out.append(Quantity(value=None, item=item, text=item))
    if modifiers:
        words = " ".join(m.text for m in modifiers)
        if words.lower() not in seen:
            out.append(Quantity(value=None, item=words, text=f"{words} {noun.text}"))
    return out


def assault_mode(top: Token, lexicon: Lexicon) -> str | None:
    """An ASSAULT mode from the weapons named in the event's phrase or clause."""
    for t in top.subtree:
        mode = lexicon.instruments.get(t.lemma_.lower())
        if mode and in_clause(t, top):
            return mode
    return None
