"""Who does what a predicate says: the subject, the passive agent, or the doer
inherited along control, coordination, participles and relative clauses (rule 1
of ``roles``), with the word lists those rules read."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from entente.events.datelines import in_dateline
from entente.events.lexicon import DATA_DIR, read_words
from entente.events.tree import (
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    RELATIVE_PRONOUNS,
    SUBJECT_DEPS,
    VERBISH,
    child,
)

# prepositions whose gerund is done by the governing verb's object
OBJECT_CONTROL_PREPS = frozenset({"of", "for", "from", "with"})


def find_subject(pred: Token, depth: int = 0) -> Token | None:
    """The token that does what ``pred`` says (rule 1 of the module docstring)."""
    if depth > 6:
        return None
    agent = child(pred, "agent")
    if agent is not None:
        obj = child(agent, "pobj")
        if obj is not None:
            return obj
    subj = _subject_child(pred)
    if subj is not None:
        if subj.lower_ in RELATIVE_PRONOUNS and pred.dep_ == "relcl":
            return pred.head
        if depth == 0 and headline_passive(pred) is not None:
            return None  # "Peru accused of arming rebels": Peru is accused, by someone unsaid
        return subj
    passive = child(pred, PASSIVE_SUBJECT_DEPS)
    if passive is not None and holds_stance(pred):
        return passive  # "the government is committed to a deal": its own stance
    if passive is not None and pred.pos_ in VERBISH:
        # a passive without agent: the doer is not stated, but a clause hanging
        # on it ("was limited to ..., offering") shares its subject
        return passive if depth > 0 else None
    fronted = _fronted_subject(pred)
    if fronted is not None:
        return fronted
    head, dep = pred.head, pred.dep_
    if head.i == pred.i:
        return None
    if dep == "xcomp":
        if head.pos_ == "ADJ":
            return find_subject(head.head, depth + 1) if head.head.i != head.i else None
        obj = child(head, OBJECT_DEPS)
        return obj if obj is not None else find_subject(head, depth + 1)
    if (
        dep == "advcl"
        and depth == 0
        and pred.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "auxpass", "nsubj") for c in pred.children)
    ):
        return None  # "they face death if convicted": a passive; they are convicted
    if dep == "conj" and shares_passive(pred):
        # "Rahman was tortured and killed": the conjunct is passive too, and its
        # subject the victim; only a "by" phrase on the first verb names the doer
        agent = child(head, "agent")
        return child(agent, "pobj") if agent is not None else None
    if dep in ("conj", "advcl", "acomp") and head.pos_ in VERBISH | {"ADJ"}:
        return find_subject(head, depth + 1)
    if dep == "acl" and head.lemma_.lower() in utterance_nouns():
        issuer = _issuing_verb(head)
        if issuer is not None:
            return find_subject(issuer, depth + 1)
    if dep == "acl" and depth == 0 and headline_passive(pred) is not None:
        return None  # "Former minister charged with fraud": charged by someone unsaid
    if dep == "acl" and pred.tag_ == "VBN" and depth == 0 and pred.sent.root.pos_ in VERBISH:
        # "one of 2,000 protesters arrested in 1946": the noun a past participle
        # describes undergoes it; who did it is not said (issue 13, 2017 sample).
        # A sentence with a noun at its root is a misparsed clause ("A report
        # called for ...", "Doctors from two groups donated ...").
        return None
    if dep in ("acl", "relcl"):
        return _noun_subject(head, depth)
    if dep == "pcomp" and head.dep_ == "prep":
        target = head.head
        obj = child(target, OBJECT_DEPS) if head.lower_ in OBJECT_CONTROL_PREPS else None
        if target.pos_ in VERBISH and obj is not None:
            # "accused Iran of attacking", "blamed X for arming", "stopped X from
            # selling": the object does the act the gerund names
            return obj
        if target.pos_ in VERBISH or target.pos_ == "ADJ":
            return find_subject(target, depth + 1)
        return target
    return None


def _subject_child(pred: Token) -> Token | None:
    """The subject of ``pred``; when the parser made a dateline its subject
    ("BERLIN -- A court in Bavaria has convicted", "THE HAGUE, Netherlands -- A
    UN prosecutor has charged"), the other subject or the apposition past it."""
    subjects = [c for c in pred.children if c.dep_ in SUBJECT_DEPS]
    if not subjects:
        return None
    outside = [c for c in subjects if not in_dateline(c)]
    if outside:
        return outside[0]
    node = subjects[0]
    for _ in range(3):
        node = child(node, "appos")
        if node is None:
            return subjects[0]
        if not in_dateline(node):
            return node
    return subjects[0]


def shares_passive(pred: Token) -> bool:
    """Is ``pred`` a bare past participle joined to a passive verb, whose subject
    and auxiliary it shares ("was tortured and killed", "were arrested and
    deported")?"""
    head = pred.head
    return (
        pred.dep_ == "conj"
        and pred.tag_ == "VBN"
        and head.i != pred.i
        and any(c.dep_ == "auxpass" for c in head.children)
        and not any(
            c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "dobj") for c in pred.children
        )
    )


@cache
def charging_verbs() -> dict[str, frozenset[str]]:
    """Verbs whose object is charged with something, and the prepositions that
    say with what (``lexicons/charging_verbs.tsv``: "accuse X of", "charge X with")."""
    rows: dict[str, frozenset[str]] = {}
    for line in (DATA_DIR / "lexicons" / "charging_verbs.tsv").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            verb, preps = line.split("\t")
            rows[verb.strip()] = frozenset(p.strip() for p in preps.split(","))
    return rows


def headline_passive(pred: Token) -> Token | None:
    """The subject of a passive written without its auxiliary, as headlines do
    ("Peru accused of arming Colombian rebels", "Minister charged with fraud"):
    a charging verb in the past form with a subject (or a participle hanging
    on its noun), no object, no auxiliary, and its "of"/"with" phrase. The parser reads it as active (Peru the
    accuser); the subject is the one charged. None for anything else."""
    preps = charging_verbs().get(pred.lemma_.lower())
    if preps is None or pred.tag_ not in ("VBD", "VBN"):
        return None
    subj, has_prep = None, False
    if pred.dep_ == "acl" and pred.tag_ == "VBN":
        subj = pred.head  # "Former minister charged with fraud": the minister is charged
    for c in pred.children:
        if c.dep_ in OBJECT_DEPS or c.dep_ in ("aux", "auxpass", "dative", "ccomp"):
            return None
        if c.dep_ in SUBJECT_DEPS:
            subj = c
        elif c.dep_ == "prep" and c.lower_ in preps and c.i > pred.i:
            has_prep = True
    return subj if has_prep else None


@cache
def stance_participles() -> frozenset[str]:
    """Verbs whose "be" passive is the subject's own stance ("is committed to"):
    ``lexicons/stance_participles.txt``."""
    return read_words(DATA_DIR / "lexicons" / "stance_participles.txt")


# What a stance participle takes: "committed to the alliance", "determined to
# act". Without it the passive is an act done to the subject
# ("Russia's plan was widely opposed", "atrocities were committed").
STANCE_PREPS = frozenset({"to"})


def holds_stance(pred: Token) -> bool:
    """Is ``pred`` a stance participle with its subject, what it is committed or
    opposed to, and no "by" agent ("the US was committed to the alliance",
    "Republicans were opposed to the bill")? Its passive subject then holds the
    stance: the doer, not the one acted on."""
    if pred.lemma_.lower() not in stance_participles():
        return False
    if child(pred, "agent") is not None or child(pred, PASSIVE_SUBJECT_DEPS) is None:
        return False
    return any(
        (c.dep_ == "prep" and c.lower_ in STANCE_PREPS) or c.dep_ == "xcomp" for c in pred.children
    )


@cache
def affiliation_words() -> frozenset[str]:
    """Lemmas that tie people to a side (``lexicons/affiliation_words.txt``)."""
    return read_words(DATA_DIR / "lexicons" / "affiliation_words.txt")


@cache
def leading_words() -> frozenset[str]:
    """Participles that name a body's leader ("Saudi-led"): ``lexicons/leading_words.txt``."""
    return read_words(DATA_DIR / "lexicons" / "leading_words.txt")


@cache
def relational_nouns() -> frozenset[str]:
    """Lemmas of people named by their relation to a possessor ("Israel's
    neighbours"): ``lexicons/relational_nouns.txt``."""
    return read_words(DATA_DIR / "lexicons" / "relational_nouns.txt")


@cache
def undergone_nouns() -> frozenset[str]:
    """Lemmas of event nouns whose possessor undergoes them ("Kim's murder"):
    ``lexicons/undergone_nouns.txt``."""
    return read_words(DATA_DIR / "lexicons" / "undergone_nouns.txt")


@cache
def representative_nouns() -> frozenset[str]:
    """Lemmas of people who act for a body named after "for"
    (``lexicons/representative_nouns.txt``)."""
    return read_words(DATA_DIR / "lexicons" / "representative_nouns.txt")


@cache
def utterance_nouns() -> frozenset[str]:
    """Lemmas of texts somebody issues (``lexicons/utterance_nouns.txt``)."""
    return read_words(DATA_DIR / "lexicons" / "utterance_nouns.txt")


@cache
def blocking_verbs() -> frozenset[str]:
    """Lemmas of verbs that stop a text rather than issue it (``lexicons/blocking_verbs.txt``)."""
    return read_words(DATA_DIR / "lexicons" / "blocking_verbs.txt")


# Prepositions by which a verb opposes the text it names ("voted against a resolution").
OPPOSING_PREPS = frozenset({"against"})


def _issuing_verb(noun: Token) -> Token | None:
    """The verb by which a text is issued: the noun is its object ("issued a
    declaration"), or it is said in it ("said in a statement"); not one that
    stops it ("vetoed resolutions condemning Syria", "voted against a motion")."""
    if noun.dep_ in OBJECT_DEPS and noun.head.pos_ in VERBISH:
        return None if noun.head.lemma_.lower() in blocking_verbs() else noun.head
    prep = noun.head
    if noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ in VERBISH:
        return None if prep.lower_ in OPPOSING_PREPS else prep.head
    return None


def _fronted_subject(pred: Token) -> Token | None:
    """The subject the parser folded into a fronted adverbial: in "In particular,
    Tehran, which ..., has helped" the parse makes "Tehran" the object of "In"
    (with a comma between them, which a real prepositional phrase never has)."""
    if pred.pos_ not in VERBISH:
        return None
    for c in pred.children:
        if c.i > pred.i:
            break
        if c.dep_ != "prep":
            continue
        obj = child(c, "pobj")
        if obj is None or obj.pos_ not in ("PROPN", "NOUN"):
            continue
        if any(t.is_punct and t.text == "," for t in pred.doc[c.i + 1 : obj.i]):
            return obj
        folded = _folded_conjunct(c, pred)
        if folded is not None:
            return folded
    return None


def _folded_conjunct(prep: Token, pred: Token) -> Token | None:
    """The subject the parser joined as a conjunct to a noun inside a fronted
    phrase: in "With the signing of a memorandum, the government and the rebels
    have agreed", "government" hangs as a conjunct of "memorandum". It follows a
    comma and its phrase runs up to the verb (or the verb's auxiliaries)."""
    doc = pred.doc
    for t in prep.subtree:
        if t.dep_ != "conj" or t.pos_ not in ("NOUN", "PROPN") or t.left_edge.i == 0:
            continue
        if doc[t.left_edge.i - 1].text != ",":
            continue
        between = doc[t.right_edge.i + 1 : pred.i]
        if all(
            b.head.i == pred.i and b.dep_ in ("aux", "auxpass", "neg", "advmod") for b in between
        ):
            return t
    return None


def _noun_subject(noun: Token, depth: int) -> Token | None:
    """The doer of a clause on a noun: the noun itself, or, for "one of the first
    to congratulate", the subject of the copula the noun phrase is attribute of."""
    node = noun
    for _ in range(4):
        if node.dep_ in ("pobj", "prep"):
            node = node.head
        else:
            break
    if node.dep_ in ("attr", "acomp") and node.head.pos_ in VERBISH:
        return find_subject(node.head, depth + 1)
    if noun.pos_ in ("NOUN", "PROPN", "PRON"):
        return noun
    return None
