"""Demands stated as reports or orders: "X said Y must withdraw" and "X ordered
Y to withdraw" are REQUESTs from X to Y.

Part of step 1 of the event coder (``extract``): the verb of saying whose
complement clause puts a modal of obligation (``lexicons/demand_modals.txt``)
on someone other than the speaker becomes a REQUEST trigger. Its sides are
then read like those of "demanded that the US cancel": the speaker acts, the
clause's subject is the recipient. A verb of command (``lexicons/command_verbs.txt``)
with an object and a "to" clause is one too ("ordered the army to withdraw",
"instructed the ministry to"): the object is the recipient, and the act
ordered stays an event of its own, not yet done.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from spacy.tokens import Doc, Token

from entente.events.lexicon import DATA_DIR, TriggerEntry, read_words
from entente.events.roles import SUBJECT_DEPS, THIRD_PERSON, child, find_subject
from entente.events.tree import is_first_person
from entente.events.triggers import Candidate


@cache
def demand_modals() -> frozenset[str]:
    """Modals that oblige (``lexicons/demand_modals.txt``)."""
    return read_words(DATA_DIR / "lexicons" / "demand_modals.txt")


@cache
def demand_verbs() -> frozenset[str]:
    """Verbs of saying that can state a demand (``lexicons/demand_verbs.txt``)."""
    return read_words(DATA_DIR / "lexicons" / "demand_verbs.txt")


@cache
def command_verbs() -> frozenset[str]:
    """Verbs that order someone to act (``lexicons/command_verbs.txt``)."""
    return read_words(DATA_DIR / "lexicons" / "command_verbs.txt")


# "you should know that ...": an aside to the listener, whom the text does not name
SECOND_PERSON = frozenset({"you", "yourself", "yourselves"})


# the row a stated demand is coded by: a request aimed at the clause's subject,
# political only with a political side (the speaker or the one obliged)
DEMAND_ENTRY = TriggerEntry(
    lemmas=("say",),
    pos="V",
    type="REQUEST",
    mode=None,
    frame="do",
    mutual=False,
    preps=(),
    head=0,
    line=0,
    party="need",
)


# the row an order is coded by: a request aimed at the one ordered (the object)
ORDER_ENTRY = replace(DEMAND_ENTRY, lemmas=("order",))


def demand_candidates(doc: Doc, taken: set[int]) -> list[Candidate]:
    """Verbs of saying (``lexicons/demand_verbs.txt``) that state a demand, and
    verbs of command with an object and a "to" clause, as REQUEST candidates;
    none on a token already a trigger (``taken``)."""
    found = []
    for token in doc:
        if token.i in taken or token.pos_ != "VERB":
            continue
        if token.lemma_.lower() not in demand_verbs():
            continue
        if any(c.dep_ == "neg" for c in token.children):
            continue  # "did not say that X must": no demand stated
        if _obliged_clause(token) is not None:
            found.append(Candidate(start=token.i, end=token.i + 1, head=token, entry=DEMAND_ENTRY))
    for token in doc:
        if token.i not in taken and token.pos_ == "VERB" and _is_order(token):
            found.append(Candidate(start=token.i, end=token.i + 1, head=token, entry=ORDER_ENTRY))
    return found


def _is_order(verb: Token) -> bool:
    """A verb of command with an object and a "to" clause: "ordered Y to withdraw"."""
    if verb.lemma_.lower() not in command_verbs():
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    obj = child(verb, ("dobj", "obj"))
    if obj is None:
        return False
    clause = child(verb, ("xcomp", "ccomp"))
    return (
        clause is not None
        and clause.i > obj.i
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    )


def _obliged_clause(verb: Token) -> Token | None:
    """The complement clause of ``verb`` that obliges someone other than the
    speaker ("said the EU must be ready"): not "we must", not "it must" (the
    speaker, most often), not "there must be"."""
    speaker = find_subject(verb)
    if speaker is None:
        return None
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.pos_ not in ("VERB", "AUX"):
            continue
        if not any(c.dep_ == "aux" and c.lower_ in demand_modals() for c in clause.children):
            continue
        subject = child(clause, (*SUBJECT_DEPS, "nsubjpass", "expl"))
        if subject is None or subject.dep_ == "expl":
            continue
        if is_first_person(subject) or subject.lower_ in THIRD_PERSON | SECOND_PERSON:
            continue
        return clause
    return None
