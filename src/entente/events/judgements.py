"""Statements that are accusations: "China says the system is a threat to its
security", "Abbas said the law was an aggression against the Palestinians",
"described the attack as an act of aggression" accuse the doer of what is judged
(ACCUSE-disapprove), though no verb of accusing is used.

Part of step 1 of the event coder (``extract``), beside ``demands``: a verb that
says or names (``lexicons/condemning_judgements.tsv``, kind ``verb``) whose
complement clause is a copula with a condemning complement ("is a threat"), or
whose object is named one ("called the move a provocation", "described X as an
act of aggression"), becomes an ACCUSE trigger. Its sides are read like those of
"demanded that the US cancel": the speaker acts; the one judged (the clause's
subject, or the object named) is the recipient.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from spacy.tokens import Doc, Token

from entente.events.demands import DEMAND_ENTRY
from entente.events.lexicon import DATA_DIR, read_kinds
from entente.events.roles import SUBJECT_DEPS, child, find_subject
from entente.events.tree import is_first_person
from entente.events.triggers import Candidate

# the row a condemning statement is coded by: an accusation aimed at the one judged
JUDGEMENT_ENTRY = replace(DEMAND_ENTRY, type="ACCUSE", mode="disapprove")
# a claim said to be false ("the allegations are lies") is denied, as "denied the
# allegations" is: a rejection, not an accusation
DENIAL_ENTRY = replace(DEMAND_ENTRY, type="REJECT", mode=None)

# the complement of a copula or of a naming verb
COMPLEMENT_DEPS = frozenset({"attr", "acomp", "oprd"})


@cache
def judgement_words() -> dict[str, frozenset[str]]:
    """kind -> lemmas of ``lexicons/condemning_judgements.tsv`` (verb, wrong, frame,
    claim, false); a "false" word is a wrong too, written once."""
    kinds = read_kinds(
        DATA_DIR / "lexicons" / "condemning_judgements.tsv",
        ("verb", "wrong", "frame", "claim", "false"),
    )
    return {**kinds, "wrong": kinds["wrong"] | kinds["false"]}


def judgement_candidates(doc: Doc, taken: set[int]) -> list[Candidate]:
    """Verbs that say another's act is a wrong, as ACCUSE candidates; none on a
    token already a trigger (``taken``)."""
    words = judgement_words()
    found = []
    for token in doc:
        if token.i in taken or token.pos_ != "VERB":
            continue
        if token.lemma_.lower() not in words["verb"]:
            continue
        if any(c.dep_ == "neg" for c in token.children):
            continue  # "did not say it was a threat": nothing is judged
        one = judged(token)
        if one is not None:
            entry = DENIAL_ENTRY if _a_claim_called_false(one) else JUDGEMENT_ENTRY
            found.append(Candidate(start=token.i, end=token.i + 1, head=token, entry=entry))
    return found


def _a_claim_called_false(judged: Token) -> bool:
    """Is what is judged a claim ("allegations", "reports") said to be false ("lies",
    "baseless")? Then the speaker denies it rather than accuses anyone."""
    words = judgement_words()
    if judged.lemma_.lower() not in words["claim"]:
        return False
    head = judged.head
    complements = [c for c in head.children if c.dep_ in COMPLEMENT_DEPS]
    complements += [c for v in _copulas(head) for c in v.children if c.dep_ in COMPLEMENT_DEPS]
    # "called the claim nonsense and utterly ridiculous": the words joined count too
    complements += [j for c in complements for j in c.children if j.dep_ == "conj"]
    return any(c.lemma_.lower() in words["false"] for c in complements)


def _copulas(clause: Token) -> list[Token]:
    """The copulas a clause's subject also governs through "and" or a comma
    ("Allegations that X ..., are lies": the parse makes "are lies" a conjunct)."""
    return [c for c in clause.children if c.dep_ == "conj" and c.lemma_.lower() == "be"]


def _condemns(complement: Token) -> bool:
    """Is a complement a wrong ("a threat", "illegal", "an act of aggression"),
    alone or with words joined to it ("unnecessary and troubling")?"""
    wrong = judgement_words()["wrong"]
    if any(c.dep_ == "neg" for c in complement.children):
        return False  # "was declared not guilty"
    if complement.lemma_.lower() in wrong:
        return True
    if any(c.dep_ == "conj" and c.lemma_.lower() in wrong for c in complement.children):
        return True
    # "an act of aggression", "a step towards escalating tensions"; not "a
    # reminder of the threat we face"
    if complement.lemma_.lower() not in judgement_words()["frame"]:
        return False
    return any(
        p.dep_ == "prep"
        and p.lower_ in ("of", "towards", "toward")
        and any(o.dep_ in ("pobj", "pcomp") and _is_wrong(o, wrong) for o in p.children)
        for p in complement.children
    )


def _is_wrong(word: Token, wrong: frozenset[str]) -> bool:
    """A wrong word, or a noun a wrong word describes ("escalating tensions")."""
    if word.lemma_.lower() in wrong:
        return True
    return any(c.dep_ == "amod" and c.lemma_.lower() in wrong for c in word.children)


def _not_own(judged: Token) -> bool:
    """The one judged is not the speaker ("we are not a threat")."""
    return not is_first_person(judged) and judged.pos_ != "PRON"


def judged(verb: Token) -> Token | None:
    """The phrase ``verb`` judges a wrong: the subject of its copular clause
    ("said the law was an aggression"), or its object named so ("called the
    move a provocation", "described the attack as an act of aggression")."""
    if find_subject(verb) is None:
        return None
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        if clause.lemma_.lower() != "be":
            # a small clause: "holds Israel responsible", "held the royal house responsible"
            subject = child(clause, SUBJECT_DEPS)
            if subject is not None and _not_own(subject) and _condemns(clause):
                return subject
            continue
        if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.tag_ == "MD") for c in clause.children):
            continue  # "said it was not a threat", "said it would be illegal to close"
        subject = child(clause, SUBJECT_DEPS)
        complements = [c for c in clause.children if c.dep_ in COMPLEMENT_DEPS]
        # a conjunct copula with no subject of its own shares the clause's
        complements += [
            c
            for v in _copulas(clause)
            if child(v, SUBJECT_DEPS) is None
            and not any(n.dep_ == "neg" or (n.dep_ == "aux" and n.tag_ == "MD") for n in v.children)
            for c in v.children
            if c.dep_ in COMPLEMENT_DEPS
        ]
        if subject is not None and _not_own(subject) and any(_condemns(c) for c in complements):
            return subject
    named = [c for c in verb.children if c.dep_ in COMPLEMENT_DEPS | {"xcomp", "ccomp"}]
    obj = child(verb, ("dobj", "obj", "nsubjpass"))
    if obj is None and len(named) == 2 and named[0].dep_ == "oprd":
        obj, named = named[0], named[1:]  # "called NATO's decision a provocation"
    if obj is None or not _not_own(obj):
        return None
    named += [
        o
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ == "as"
        for o in p.children
        # the parse hangs a quoted adjective on "as" ("described the claim as
        # \"shameful\"": amod) or on the object, after it ("called these actions
        # \"unnecessary and troubling\"")
        if o.dep_ in ("pobj", "amod", "acomp")
    ]
    named += [c for c in obj.children if c.dep_ == "amod" and c.i > obj.i]
    return obj if any(_condemns(c) for c in named) else None
