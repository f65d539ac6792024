"""An event's quantities (counts, money, items) and the mode its weapons give an
ASSAULT, read inside the event's own phrase or clause."""

from __future__ import annotations

import re

from spacy.tokens import Token

from entente.events.attributes import DocView, in_clause
from entente.events.roles import child
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


def assault_mode(top: Token, lexicon: Lexicon) -> str | None:
    """An ASSAULT mode from the weapons named in the event's phrase or clause."""
    for t in top.subtree:
        mode = lexicon.instruments.get(t.lemma_.lower())
        if mode and in_clause(t, top):
            return mode
    return None
