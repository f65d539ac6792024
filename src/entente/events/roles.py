"""Actor and recipient of an event, read off the dependency parse.

Arguments are tokens first (the head of a subject, object or prepositional
object); ``MentionIndex`` turns them into actor mentions. The rules are general:

1. the subject acts: ``nsubj``, or the passive agent ("undertaken by X");
   a subject missing from the clause is inherited along control and
   coordination (``xcomp``: "Iran is keen to acquire", "declined to condemn";
   object control: "helped Russia to establish"; ``conj`` without its own
   subject; a participle or gerund from the clause or noun it hangs on;
   a relative pronoun from the noun the clause modifies);
2. the recipient is, in order, the indirect object ("sell Iran jets"), the
   object of a recipient preposition (per trigger row, else per type: "to
   Russia", "on Israel", "against Western shipping", "with Tehran"), then for
   ``do`` frames the direct object or passive subject, then the subject of a
   complement clause ("demanded that the US cancel");
3. a nominal event ("Iran's attack on Israel", "the Hamas attack") takes its
   actor from its possessor, compound or nationality adjective or a "by"
   phrase, and "between X and Y" gives both sides;
4. an argument token names the actors of the mention over it, else of its
   apposition ("the Houthis"), possessor ("Putin's envoy"), compound or
   nationality adjective ("Iranian officials"); coordination adds each
   conjunct; a third-person pronoun is the nearest subject up the tree.

Rule 1 lives in ``subjects``; the tree primitives (dependency labels, word
classes, ``MentionIndex``, ``child``, ``prep_objects``) in ``tree``. This module
re-exports the names the rest of the coder imports from it.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from spacy.tokens import Token

from entente.actors.registry import DATA_DIR as ACTORS_DIR
from entente.actors.registry import load_registry, slugify
from entente.events.lexicon import DATA_DIR, read_words
from entente.events.pairs import _both_of_them, _named_pair
from entente.events.quotes import quotation_of
from entente.events.subjects import (
    _subject_child,
    affiliation_words,
    find_subject,
    headline_passive,
    holds_stance,
    leading_words,
    relational_nouns,
    representative_nouns,
    shares_passive,
    undergone_nouns,
)
from entente.events.tree import (
    EMBEDDED_PREPS,
    FIRST_PERSON,
    MODIFIER_DEPS,
    OBJECT_DEPS,
    OBJECT_PRONOUNS,
    PARTITIVE_WORDS,
    PASSIVE_SUBJECT_DEPS,
    PERSONAL,
    RELATIVE_PRONOUNS,
    SUBJECT_DEPS,
    THIRD_PERSON,
    VERBISH,
    MentionIndex,
    _dedup,
    _key,
    child,
    is_first_person,
    is_located_place,
    prep_objects,
    sentence_of,
)
from entente.records import Mention

__all__ = [
    "EMBEDDED_PREPS",
    "FIRST_PERSON",
    "OBJECT_DEPS",
    "PARTITIVE_WORDS",
    "PASSIVE_SUBJECT_DEPS",
    "PERSONAL",
    "RELATIVE_PRONOUNS",
    "SUBJECT_DEPS",
    "THIRD_PERSON",
    "MentionIndex",
    "arguments",
    "child",
    "find_subject",
    "is_located_place",
    "nominal_roles",
    "object_phrase_recipients",
    "prep_objects",
    "representative_nouns",
    "resolve_pronoun",
    "sentence_of",
    "verbal_roles",
]


# Third-person pronouns by the referent they share ("He said he met": one man).
PRONOUN_CLASSES = {
    **dict.fromkeys(("he", "him", "his", "himself"), "he"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "she"),
    **dict.fromkeys(("they", "them", "their", "themselves"), "they"),
    **dict.fromkeys(("it", "its", "itself"), "it"),
}
# How many pronouns a chain may pass through ("He said he met"; "He ... . He said").
PRONOUN_CHAIN_LIMIT = 2


def _same_referent(a: Token, b: Token) -> bool:
    """Are two third-person pronouns of one class (he/him/his, she/her, ...)?"""
    return PRONOUN_CLASSES.get(a.lower_) is not None and PRONOUN_CLASSES.get(
        a.lower_
    ) == PRONOUN_CLASSES.get(b.lower_)


def resolve_pronoun(token: Token, index: MentionIndex, chain: int = 0) -> list[Mention]:
    """A third-person pronoun: the nearest subject up the tree that names an actor,
    else the first actor subject of the previous sentence. A possessive inside a
    prepositional phrase of a verb with an actor object binds to that object
    ("Hamas thanked the Kremlin for its criticism"). A possessive in a conjunct
    binds to the conjunct before it ("sanctions on X and his network")."""
    if token.dep_ == "poss" and token.head.dep_ == "conj":
        found = arguments(token.head.head, index, allow_pronoun=False)
        if found:
            return found
    if token.dep_ == "poss" and token.head.dep_ == "pobj":
        prep = token.head.head
        verb = prep.head if prep.dep_ == "prep" else None
        if verb is not None and verb.pos_ in VERBISH:
            obj = child(verb, OBJECT_DEPS) or child(verb, "dative")
            if obj is not None and obj.i != token.head.i:
                found = arguments(obj, index, allow_pronoun=False)
                if found:
                    return found
    singular = token.lower_ in PERSONAL
    own_doer: set[tuple[int, int]] = set()
    if token.dep_ in OBJECT_DEPS and token.lower_ in OBJECT_PRONOUNS:
        # "called Morrison to congratulate him": an object pronoun is never the
        # doer of its own clause; the object of the verb that clause hangs on is
        # the nearest one it can be
        verb = token.head
        doer = find_subject(verb)
        if doer is not None:
            own_doer = {(m.start, m.end) for m in arguments(doer, index, allow_pronoun=False)}
        if token.lower_ != "it" and verb.dep_ in ("xcomp", "advcl") and verb.head.pos_ in VERBISH:
            found = arguments(child(verb.head, OBJECT_DEPS), index, allow_pronoun=False)
            if found:
                return found
    for anc in token.ancestors:
        if anc.pos_ not in VERBISH:
            continue
        # "Flynn was fired after he discussed": a passive subject binds as well
        subj = _subject_child(anc) or child(anc, PASSIVE_SUBJECT_DEPS)
        if subj is None or subj.i == token.i or token in subj.subtree:
            continue
        if _same_referent(subj, token) and chain < PRONOUN_CHAIN_LIMIT:
            # "He said he met Kislyak": the inner pronoun is the outer one's referent
            found = resolve_pronoun(subj, index, chain + 1)
            if found:
                return found
            continue
        if singular and not _can_be_a_person(subj):
            continue  # "activists ... saying he must resign": he is someone else
        if token.lower_ == "it" and token.dep_ in OBJECT_DEPS and subj.ent_type_ == "PERSON":
            continue  # "Pelosi shook her head as Trump condemned it": it is no person
        found = arguments(subj, index, allow_pronoun=False)
        if singular:
            found = [m for m in found if _may_stand_for(m, token)]
        if found and not {(m.start, m.end) for m in found} <= own_doer:
            return found
    sent = token.sent
    if sent.start > 0 and not own_doer:
        # an object pronoun whose own clause's doer was ruled out most often names
        # something of its own sentence the parse does not reach; guess no further
        prev = token.doc[sent.start - 1].sent
        subj = _subject_child(prev.root)
        if subj is not None and _same_referent(subj, token) and chain < PRONOUN_CHAIN_LIMIT:
            return resolve_pronoun(subj, index, chain + 1)  # "He ... . He said"
        if subj is not None and (not singular or _can_be_a_person(subj)):
            found = arguments(subj, index, allow_pronoun=False)
            # "he" is a person, never "police" or "the government" (actors/organs.py)
            return [m for m in found if not singular or _may_stand_for(m, token)]
    return []


FEMININE = frozenset({"she", "her", "hers", "herself"})


@cache
def _registry_sexes() -> tuple[frozenset[str], frozenset[str]]:
    """(ids of the registry's women, ids of its other people): data/actors/women.txt."""
    registry = load_registry()
    women = frozenset(slugify(name) for name in read_words(ACTORS_DIR / "women.txt"))
    people = frozenset(a.id for a in registry.actors.values() if a.kind == "person")
    return women & people, people - women


def _may_stand_for(mention: Mention, pronoun: Token) -> bool:
    """Can this "he" or "she" stand for the mention? A person, never "police" or "the
    government" (actors/organs.py), of the pronoun's sex where the registry knows it."""
    return mention.resolved_by != "organ" and _agrees_in_sex(mention, pronoun)


def _agrees_in_sex(mention: Mention, pronoun: Token) -> bool:
    """Can this "he" or "she" stand for the mention? Not "she" for a man the registry
    knows, nor "he" for a woman it knows ("Kim Kyong Hui ... she" was Kim Il Sung);
    anyone it does not know may be either."""
    women, men = _registry_sexes()
    return mention.actor_id not in (men if pronoun.lower_ in FEMININE else women)


def _can_be_a_person(subj: Token) -> bool:
    """Can "he" or "she" stand for this subject? Not for a plural ("Malaysian police
    later announced the arrest of a man. He was arrested" made the police the
    arrested) nor for a state or a people by name (organisations are left: the
    tagger calls many surnames ORG)."""
    return subj.tag_ not in ("NNS", "NNPS") and subj.ent_type_ not in ("GPE", "NORP")


def speaker_of(token: Token, index: MentionIndex, depth: int = 0) -> list[Mention]:
    """First person in a quotation is the speaker: the subject of the verb outside
    the quotation whose complement holds it ('"We will not negotiate," the
    minister said'), else of the attribution after the quotation closes ('"We are
    concerned. We call on all sides ...," Peskov said') or before it opens
    ('Peskov told reporters: "..."', or in the sentence before). Outside a
    quotation "we" names nobody the text identifies ('China has not understood
    that in our treaty ...'). ``depth`` is that of the ``arguments`` call that met
    the pronoun: the speaker's own phrase may hold another first-person word
    ("our spokesman"), and the walk must not start over from nothing."""
    span = quotation_of(token)
    if span is None:
        return []
    opened, closed = span

    def outside(t: Token) -> bool:
        return t.i < opened or (closed is not None and t.i > closed)

    node = token
    for anc in token.ancestors:
        if node.dep_ in ("ccomp", "parataxis") and anc.pos_ in VERBISH and outside(anc):
            return _subject_actors(anc, index, depth)
        node = anc
    doc = token.doc
    if closed is not None:
        root = doc[closed].sent.root
        if root.i > closed and root.pos_ in VERBISH:
            return _subject_actors(root, index, depth)
    first = doc[opened].sent
    if first.root.i < opened and first.root.pos_ in VERBISH:
        return _subject_actors(first.root, index, depth)
    if first.start > 0 and all(t.is_punct for t in doc[first.start : opened]):
        prev = doc[first.start - 1].sent.root
        if prev.pos_ in VERBISH:
            return _subject_actors(prev, index, depth)
    return []


def _subject_actors(verb: Token, index: MentionIndex, depth: int = 0) -> list[Mention]:
    subj = child(verb, SUBJECT_DEPS)
    if subj is None or is_first_person(subj):
        return []
    return arguments(subj, index, depth=depth + 1)


def arguments(
    token: Token | None, index: MentionIndex, allow_pronoun: bool = True, depth: int = 0
) -> list[Mention]:
    """The actor mentions an argument token names (rule 4)."""
    if token is None or depth > 4:
        return []
    found: list[Mention] = []
    own = index.at(token)
    if token.pos_ == "PRON" and token.lower_ in THIRD_PERSON | FIRST_PERSON:
        # "He and other senior officials": the pronoun's referent and each conjunct
        if allow_pronoun and token.lower_ in THIRD_PERSON:
            found.extend(resolve_pronoun(token, index))
        elif allow_pronoun:
            found.extend(speaker_of(token, index, depth))
    elif own is not None:
        named = [
            index.at(c)
            for c in token.children
            if c.dep_ == "appos" and c.ent_type_ == "PERSON" and index.at(c) is not None
        ]
        if token.pos_ != "NOUN":
            named = []  # a name in apposition to a name is the parser's slip ("Syria, Shoigu")
        if named and all(m.actor_id and m.actor_id != own.actor_id for m in named):
            # "his Iranian counterpart, Mohammad Javad Zarif": the person the title
            # names, not the state it is of; a person the registry lacks holds the
            # title's office ("his Iranian counterpart, Mostafa Najjar": IRN, GOV)
            found.extend(
                replace(m, country=m.country or own.country, sector=own.sector)
                if m.sector is None and m.country in (None, own.country)
                else m
                for m in named
            )
        else:
            found.append(own)
            found.extend(_own_modifier_extras(token, own, index))
    else:
        for c in token.children:
            if c.dep_ == "appos":
                found.extend(arguments(c, index, allow_pronoun, depth + 1))
        if found and any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in token.children):
            # "senior Fatah official, Omar Haddad": the person and whom they act for
            found.extend(_org_modifiers(token, index))
        if not found:
            found.extend(_modifier_mentions(token, index, allow_pronoun, depth))
        if not found and (token.like_num or token.lower_ in PARTITIVE_WORDS):
            # "freed 11 of Iran's most prominent prisoners", "one of the Russian
            # envoys": the group counted, when it is itself a mention ("some of its
            # weakest countries" names no side by its pronoun)
            for obj in prep_objects(token, ("of",)):
                if index.at(obj) is not None:
                    found.extend([index.at(obj), *_conjuncts(obj, index)])
        if not found and token.pos_ in VERBISH:
            found.extend(arguments(child(token, OBJECT_DEPS), index, allow_pronoun, depth + 1))
        if not found and token.pos_ in ("NOUN", "PROPN"):
            # "calls by Belarus", "an appeal from Kyiv", "supplies of Russian
            # equipment", "a base in Isfahan"
            preps = ("by", "from", "of", "in")
            if token.lemma_.lower() in representative_nouns():
                preps = ("for", *preps)  # "a spokesman for the foreign ministry"
            elif token.lemma_.lower() in relational_nouns():
                preps = ("by", "from", "in")  # "the half-brother of Kim Jong-un" is not Kim
            for obj in prep_objects(token, preps):
                found.extend(arguments(obj, index, allow_pronoun, depth + 1))
                if found:
                    break
        if not found and token.pos_ == "NOUN":
            found.extend(_named_pair(token, index))
        if not found and token.lower_ == "both":
            found.extend(_both_of_them(token, index))
        if not found and token.pos_ in ("NOUN", "PROPN"):
            # "militants loyal to X", "a militia linked to X": whom they act for
            for c in token.children:
                if c.dep_ in ("amod", "acl") and c.lemma_.lower() in affiliation_words():
                    for obj in prep_objects(c, ("to", "with")):
                        found.extend(arguments(obj, index, allow_pronoun, depth + 1))
    for c in token.children:
        if c.dep_ == "conj":
            found.extend(arguments(c, index, allow_pronoun, depth + 1))
    return _dedup(found)


def _modifier_mentions(
    token: Token, index: MentionIndex, allow_pronoun: bool, depth: int
) -> list[Mention]:
    """Possessor, compound, nmod or nationality adjective naming an actor; compounds
    nest ("senior Hamas official Ali Baraka"), adjectives coordinate ("American-Israeli")."""
    found: list[Mention] = []
    pronoun_poss: Token | None = None
    deps = MODIFIER_DEPS
    if token.lemma_.lower() in relational_nouns():
        # "Israel's Arab neighbours, who opposed Israel", "Trump's supporters held
        # rallies": whom they are related to is not who they are
        deps = tuple(d for d in MODIFIER_DEPS if d not in ("poss", "compound"))
    if any(c.dep_ == "compound" and c.ent_type_ == "ORG" and index.at(c) for c in token.children):
        # "bin Laden's al-Qaeda network": the organisation the noun is comes
        # before the one who leads or owns it
        deps = ("compound", *(d for d in MODIFIER_DEPS if d != "compound"))
    for dep in deps:
        for c in token.children:
            if c.dep_ != dep:
                continue
            if dep == "poss" and c.pos_ == "PRON":
                pronoun_poss = c  # "its European partners": the named modifier wins
            elif dep == "poss":
                found.extend(arguments(c, index, allow_pronoun, depth + 1))
            elif index.at(c) is not None:
                found.append(index.at(c))
                found.extend(_conjuncts(c, index))
                found.extend(_modifier_mentions(c, index, False, depth + 1))
            elif dep == "amod" and _leaders(c, index):
                found.extend(_leaders(c, index))  # "the Saudi-led coalition"
            elif dep == "compound" and depth < 3:
                found.extend(_modifier_mentions(c, index, False, depth + 1))
        if found:
            break
    if not found and pronoun_poss is not None and pronoun_poss.lower_ not in PERSONAL:
        # "its forces" act for its owner; "his client", "her children" are people
        # of their own, not the person the pronoun names
        found.extend(arguments(pronoun_poss, index, allow_pronoun, depth + 1))
    return found


def _own_modifier_extras(token: Token, own: Mention, index: MentionIndex) -> list[Mention]:
    """More actors inside a noun phrase that is itself a mention: coordinated
    nationality adjectives ("Hungarian and Romanian officials": both countries),
    and the organisation a named person acts for ("senior Hamas official Ali
    Baraka", "Hezbollah commander X"), which PLOVER codes as the actor."""
    out: list[Mention] = []
    person = token.ent_type_ == "PERSON"
    stack = [(c, 0) for c in token.children if c.dep_ in ("amod", "compound", "nmod")]
    while stack:
        c, depth = stack.pop()
        m = index.at(c)
        if m is not None and m is not own and _key(m) != _key(own):
            affiliation = person and c.ent_type_ == "ORG"
            coordinated = c.dep_ == "conj" or any(g.dep_ == "conj" for g in c.children)
            if affiliation or coordinated:
                out.append(m)
        for g in c.children:
            if depth < 3 and g.dep_ in ("amod", "compound", "nmod", "conj"):
                stack.append((g, depth + 1))
    return out


def _org_modifiers(token: Token, index: MentionIndex) -> list[Mention]:
    """Organisations named in the modifiers of a title noun ("Fatah official")."""
    out: list[Mention] = []
    for c in token.children:
        if c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ == "ORG":
            m = index.at(c)
            if m is not None:
                out.append(m)
    return out


def _conjuncts(token: Token, index: MentionIndex) -> list[Mention]:
    out = []
    for c in token.children:
        if c.dep_ == "conj" and index.at(c) is not None:
            out.append(index.at(c))
    return out


def _leaders(modifier: Token, index: MentionIndex) -> list[Mention]:
    """The leader a hyphenated participle names before the hyphen ("Saudi-led",
    "US-commanded"): the body or act it modifies is that leader's."""
    if modifier.tag_ != "VBN" or modifier.lemma_.lower() not in leading_words():
        return []
    return [m for g in modifier.children if g.i < modifier.i and (m := index.at(g)) is not None]


def own_actor_tokens(noun: Token) -> list[Token]:
    """Modifiers of an event noun that can name its actor (rule 3)."""
    return [c for c in noun.children if c.dep_ in MODIFIER_DEPS]


def nominal_roles(
    noun: Token, preps: tuple[str, ...], index: MentionIndex
) -> tuple[list[Mention], list[Mention]]:
    """Actor and recipient of an event noun from its own dependents."""
    actor: list[Mention] = []
    recipient: list[Mention] = []
    undergone = _possessor_undergoes(noun)
    for mod in own_actor_tokens(noun):
        if mod.dep_ == "poss" and undergone:
            recipient.extend(arguments(mod, index))
        elif mod.dep_ == "amod" and _leaders(mod, index):
            # "a Saudi-led strike", "US-led airstrikes": the act of whom leads it
            actor.extend(_leaders(mod, index))
        else:
            actor.extend(arguments(mod, index) if mod.dep_ == "poss" else _at(mod, index))
    for obj in prep_objects(noun, ("by",)):
        actor.extend(arguments(obj, index))
    for obj in prep_objects(noun, ("between",)):
        sides = arguments(obj, index)
        if sides and not actor:
            actor.extend(sides[:1])
            recipient.extend(sides[1:])
        else:
            recipient.extend(sides)
    for obj in prep_objects(noun, tuple(p for p in preps if p != "between")):
        recipient.extend(arguments(obj, index))
    return _dedup(actor), _dedup(recipient)


def _possessor_undergoes(noun: Token) -> bool:
    """Does the possessor of this event noun undergo it ("Kim's murder", "the
    tanker's release")? Only a singular noun with no "of" complement: "Russia's
    expulsion of diplomats" and "the regime's killings" name their doer. In the
    2017 store, 38 events of such nouns had their possessor as actor; of 25 read
    (seed 1201), 23 were the victim, the arrested or the expelled, 2 a day."""
    return (
        noun.tag_ == "NN"
        and noun.lemma_.lower() in undergone_nouns()
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    )


def _at(token: Token, index: MentionIndex) -> list[Mention]:
    """The mention on a modifier, its conjuncts and the adjectives joined to it
    ("American-Israeli attacks")."""
    m = index.at(token)
    if m is None:
        return []
    found = [m, *_conjuncts(token, index)]
    for c in token.children:
        if c.dep_ == "amod" and index.at(c) is not None:
            found.append(index.at(c))
    return _dedup(found)


def verbal_roles(
    pred: Token,
    frame: str,
    preps: tuple[str, ...],
    index: MentionIndex,
    own_words: range = range(0),
) -> tuple[list[Mention], list[Mention], Token | None]:
    """Actor and recipient of a verbal trigger (rules 1 and 2). ``own_words`` are
    the token indices of the trigger phrase: an object inside it ("held talks")
    is part of the trigger, not whom it is aimed at."""
    subj = find_subject(pred)
    actor = arguments(subj, index)
    if subj is not None and subj.is_ancestor(pred):
        # "dismissed the idea of requesting Trump's tax returns": the noun a gerund
        # hangs on names no doer of its own; what the gerund acts on is not its doer
        inside = range(pred.left_edge.idx, pred.right_edge.idx + len(pred.right_edge) + 1)
        actor = [m for m in actor if not (m.start in inside and m.end in inside)]
    recipient: list[Mention] = []
    dative = child(pred, "dative")
    if dative is not None and dative.pos_ in ("PROPN", "NOUN", "PRON"):
        recipient.extend(arguments(dative, index))
    dobj = child(pred, OBJECT_DEPS)
    passive = child(pred, PASSIVE_SUBJECT_DEPS) or headline_passive(pred)
    if holds_stance(pred):
        passive = None  # "China was committed to talks": the subject is the doer (above)
    if passive is None and shares_passive(pred):
        passive = child(pred.head, PASSIVE_SUBJECT_DEPS)  # "was tortured and killed"
    takes_object = frame not in ("give", "topic")  # "discussed Syria": a topic, no party
    if not recipient and takes_object and (dobj is None or dobj.i not in own_words):
        recipient.extend(arguments(dobj, index))
        if not recipient and passive is not None and dobj is None:
            recipient.extend(arguments(passive, index))
        patient = dobj if dobj is not None else passive
        if not recipient and patient is not None and patient.pos_ == "NOUN":
            # a thing attacked or acted on for whom it serves: "a camp for
            # Congolese refugees was attacked", "shelled a school for X's children"
            for obj in prep_objects(patient, ("for",)):
                recipient.extend(arguments(obj, index))
        if not recipient and patient is not None and patient.pos_ == "NOUN":
            # what someone else made or did: "rejected the allegations made by X",
            # "condemned the strikes carried out by X"
            for made in patient.children:
                if made.dep_ == "acl" and made.tag_ == "VBN":
                    recipient.extend(arguments(child(child(made, "agent") or made, "pobj"), index))
    if not recipient:
        # the parser often hangs "to Russia" on the object ("supplying drones to Russia")
        for host in [pred] if dobj is None else [pred, dobj]:
            for obj in prep_objects(host, preps):
                recipient.extend(arguments(obj, index))
            if recipient:
                break
    if not recipient and frame == "give" and dobj is not None:
        if index.at(dobj) is not None:
            recipient.extend(arguments(dobj, index))
        elif pred.i + 1 < dobj.i:
            # a double object parsed as a modifier: "sell Peru ten jets"
            first = pred.doc[pred.i + 1]
            if first.head.i == dobj.i and first.dep_ in ("nmod", "compound", "poss"):
                recipient.extend(_at(first, index))
    if not recipient and frame != "topic":
        # "offered to hand over to Britain", "promised to continue aid to Mozambique",
        # "threatened to ban opposition candidates", "to break relations with Russia";
        # a topic frame's complement is only what is said ("denied meeting with X")
        comp = child(pred, "xcomp")
        if comp is not None:
            obj = child(comp, OBJECT_DEPS)
            if frame == "do" and obj is not None and index.at(obj) is not None:
                recipient.extend(arguments(obj, index))
            for host in [comp] if obj is None else [comp, obj]:
                if recipient:
                    break
                for target in prep_objects(host, preps + EMBEDDED_PREPS):
                    recipient.extend(arguments(target, index))
    if not recipient and frame != "topic":
        # "demanded that the US cancel": the one obliged; a topic frame's clause is
        # only what is said ("denied that Russia supplied them" is aimed at nobody there)
        comp = child(pred, "ccomp")
        if comp is not None:
            recipient.extend(arguments(child(comp, SUBJECT_DEPS), index))
    if not recipient and frame != "topic":
        # a topic's own partners are not the speaker's ("denied any contact with X")
        recipient.extend(object_phrase_recipients(pred, preps, index, actor))
    return actor, _dedup(recipient), subj


# prepositions by which the thing acted on names whom it is for or with ("contact
# with the US", "a commitment to the people", "an aid program for Bosnia"); not
# "against": "committing genocide against X", "backed off threats against X" say
# what the thing is, not whom the verb's act is aimed at
RELATION_PREPS = ("with", "to", "for")


# prepositions naming whom a measure is laid on ("sanctions on X", "a ban against X")
MEASURE_PREPS = ("on", "against")


@cache
def measure_words() -> frozenset[str]:
    """Lemmas of measures and restrictions (``lexicons/measures.txt``)."""
    return read_words(DATA_DIR / "lexicons" / "measures.txt")


def _measure_objects(node: Token, preps: tuple[str, ...]) -> list[Token]:
    """Objects of ``preps`` on the thing acted on, and, for a measure, on the
    participle that lays it ("restrictions imposed on X")."""
    found = prep_objects(node, preps)
    if not found and any(p in preps for p in MEASURE_PREPS):
        for made in node.children:
            if made.dep_ == "acl" and made.tag_ == "VBN":
                found.extend(prep_objects(made, MEASURE_PREPS))
    return found


def object_phrase_recipients(
    pred: Token, preps: tuple[str, ...], index: MentionIndex, exclude: list[Mention]
) -> list[Mention]:
    """Whom the thing a verb acts on is with or for, when the verb names no
    recipient itself: "boycott all contact with the United States", "reneged on
    his commitment to the people of X", "suspended part of an aid program for X".
    The thing is the direct object or the object of one of the verb's recipient
    prepositions; "part of", "a shipment of" are looked through. Only actors
    placed in a state or organisation count ("a deal for Shahed drones" names
    a weapon, not a party)."""
    hosts = [c for c in pred.children if c.dep_ in OBJECT_DEPS]
    hosts += prep_objects(pred, preps)
    for host in hosts:
        node = host
        for _ in range(3):
            relation = RELATION_PREPS
            if node.lemma_.lower() in measure_words():
                # "rolled back tariffs on Chinese goods", "lifted restrictions
                # imposed on X", "eased sanctions against X": whom a measure is on
                relation = (*RELATION_PREPS, *MEASURE_PREPS)
            found = [
                m
                for obj in _measure_objects(node, relation)
                for m in arguments(obj, index)
                if m not in exclude and m.country
            ]
            if found:
                return _dedup(found)
            inner = prep_objects(node, ("of",))
            if not inner or index.at(node) is not None:
                break
            node = inner[0]
    return []
