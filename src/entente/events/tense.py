"""Tense readings of planned, purposed and ranked events, used by
``attributes.tense_of`` (issue 13, session 9):

- the purpose of a past act of saying is done ("took to Twitter to condemn");
- an event noun with a passive to-infinitive is still to come ("the summit to be
  hosted in Hamburg");
- one ranked among those who did an act did it ("the first senator to endorse").
"""

from __future__ import annotations

from spacy.tokens import Token

from entente.events.triggers import Lexicon


def is_purpose_of_past_act(pred: Token, lexicon: Lexicon) -> bool:
    """Is ``pred`` the to-infinitive of purpose of a past act with no object ("took
    to Twitter to condemn", "teamed up to discuss", "voted to reject")? An act of
    saying is done in the act that sets out to say it. Not the complement of a
    verb of intent ("decided to condemn": cues.tsv), nor the purpose of an object
    ("called for a conference to discuss", "urged Russia to condemn"), of a
    negated act or of one ahead ("will travel to Moscow to discuss")."""
    if pred.dep_ not in ("advcl", "xcomp") or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in pred.children
    ):
        return False
    head = pred.head
    if any(c.dep_ == "neg" for c in head.children):
        return False  # "did not go to Geneva to discuss": nothing was done
    if any(
        c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ == "for")
        for c in head.children
    ):
        # "called for a conference to discuss", "dispatched agents to investigate",
        # "urged Russia to condemn": the purpose is the object's, still to come
        return False
    if pred.dep_ == "xcomp" and head.lemma_.lower() in lexicon.governor_cues:
        return False
    if head.i < pred.i and any(t.tag_.startswith("VB") for t in pred.doc[head.i + 1 : pred.i]):
        # "flew in the face of his engagement in lobbying members to support the
        # bill": the parser hangs the infinitive far up; a verb form between them may
        # own it
        return False
    aux = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    if head.tag_ == "VBD":
        return not aux
    # "has travelled to Moscow to discuss", not "will have travelled"
    return (
        head.tag_ == "VBN"
        and any(a.lemma_ == "have" for a in aux)
        and not any(a.tag_ == "MD" for a in aux)
    )


# Adjectives of rank that make an infinitive relative say what kind of event it
# was, not that it is still to come ("the first summit to be held in Africa").
RANK_WORDS = frozenset({"first", "last", "only", "second", "third", "latest"})


def is_ranked_among_doers(noun: Token) -> bool:
    """Is ``noun`` ranked among those who did an act ("the first sitting senator to
    endorse Trump", "one of the first members to endorse"), in a clause not itself
    ahead ("will be the first EU leader to meet Trump")?"""
    if noun.pos_ != "NOUN" or not any(
        c.dep_ == "amod" and (c.lower_ in RANK_WORDS or c.tag_ == "JJS") for c in noun.children
    ):
        return False
    clause = noun.head
    while clause.dep_ in ("prep", "pobj", "attr", "conj") and clause.head.i != clause.i:
        clause = clause.head
    return not any(
        c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "would") for c in clause.children
    )


def is_to_be_done(noun: Token) -> bool:
    """Is an event noun described by a passive to-infinitive ("the next G20 summit
    to be hosted in Hamburg", "talks to be held in Astana"): an event still to
    come? Not after a word of rank ("the first summit to be held in Africa"). The
    parser often hangs the infinitive on the verb whose object the noun is
    ("criticised the talks to be held in Bonn"); a passive infinitive after the
    noun is the noun's all the same."""
    if any(c.dep_ == "amod" and c.lower_ in RANK_WORDS for c in noun.children):
        return False
    clauses = [c for c in noun.children if c.dep_ in ("acl", "relcl")]
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ in ("dobj", "pobj"):
        clauses += [c for c in verb.children if c.dep_ == "advcl" and c.i > noun.i]
    return any(
        any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        and any(a.dep_ == "auxpass" for a in c.children)
        for c in clauses
    )
