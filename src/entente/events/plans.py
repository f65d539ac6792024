"""Steps 2 and 3 of the event coder (``extract``): candidates to plans.

A plan pairs a light or absorbing verb with the event noun it carries ("held
talks", "launched an attack": one event, not two), drops a negating verb's own
event when it governs another trigger and a request verb that states an aim,
and reads a type otherwise from its context (a labour strike, peacekeeping,
police work, an attack in words, a diplomatic protest). Also the records that
carry a plan through the later steps (``SentenceContext``, ``EventSides``, ``CodedEvent``)
and the event id.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from entente.events import attributes as attrs
from entente.events.lexicon import DATA_DIR, read_words
from entente.events.roles import (
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    MentionIndex,
    child,
    prep_objects,
)
from entente.events.triggers import Candidate, Lexicon, doer_of
from entente.records import Actor, ActorRef, Document, Event, Evidence, Mention


@dataclass(slots=True)
class EventPlan:
    """A candidate after pairing: the predicate that carries clause attributes and
    the event noun (if any) that supplies type and own arguments."""

    candidate: Candidate
    pred: Token
    noun: Candidate | None
    type: str
    mode: str | None


@cache
def joining_verbs() -> frozenset[str]:
    """Verbs whose event noun is the object of "in" (``lexicons/joining_verbs.txt``)."""
    return read_words(DATA_DIR / "lexicons" / "joining_verbs.txt")


# Events one joins as a party: meetings, talks, drills. A crowd joining a protest or a
# rally is no party to it that the text names (the noun keeps its own sides).
JOINED_TYPES = frozenset({"CONSULT", "COOPERATE"})


def _joined_in(token: Token) -> list[Token]:
    """The "in" phrases of a verb of joining ("took part in the talks", "participated
    in the summit"): the verb's own, or its object's where the verb takes one ("part")."""
    if token.lemma_.lower() not in joining_verbs():
        return []
    holders = [token, *(c for c in token.children if c.dep_ in OBJECT_DEPS)]
    return [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "in"]


def _event_noun_under(token: Token, by_head: dict[int, Candidate]) -> Candidate | None:
    """An event noun that is ``token``'s object (or the "of" complement of it, or the
    "in" complement of a verb of joining, for the events one joins)."""
    joined = _joined_in(token)
    for c in [*token.children, *joined]:
        if c in joined:
            target = child(c, "pobj")
            found = by_head.get(target.i) if target is not None else None
            if found is not None and found.nominal and found.entry.type in JOINED_TYPES:
                return found
            continue
        if (
            c.dep_ in OBJECT_DEPS
            or c.dep_ in PASSIVE_SUBJECT_DEPS
            or (c.dep_ == "prep" and c.lower_ == "of" and token.pos_ in ("NOUN", "PROPN"))
        ):
            target = child(c, "pobj") if c.dep_ == "prep" else c
            if target is None:
                continue
            found = by_head.get(target.i)
            if found is not None and found.nominal:
                return found
            for mod in target.children:  # "launched a mediation effort"
                if mod.dep_ == "compound" and mod.i in by_head and by_head[mod.i].nominal:
                    return by_head[mod.i]
            for of in target.children:  # "ten days of war games"
                if of.dep_ == "prep" and of.lower_ == "of":
                    obj = child(of, "pobj")
                    if obj is not None and obj.i in by_head and by_head[obj.i].nominal:
                        return by_head[obj.i]
    return None


# "granted sanctions relief", "gave access": a concession handed over is the
# concession itself, not aid
YIELDED = frozenset({"CONCEDE", "RETREAT"})


def plan_events(candidates: list[Candidate], lexicon: Lexicon) -> list[EventPlan]:
    by_head = {c.head.i: c for c in candidates}
    absorbed: set[int] = set()
    plans: list[EventPlan] = []
    for cand in candidates:
        entry = cand.entry
        noun = None
        if entry.frame in ("light", "absorb", "give"):
            noun = _event_noun_under(cand.head, by_head)
            if noun is not None and noun.entry.frame == "light":
                noun = None
            if entry.frame == "give" and (noun is None or noun.entry.type not in YIELDED):
                noun = None
        if noun is not None and noun.head.i not in absorbed:
            absorbed.add(noun.head.i)
            if entry.frame in ("light", "give"):
                plans.append(EventPlan(cand, cand.head, noun, noun.entry.type, noun.entry.mode))
                continue
        if entry.type is None:
            continue
        plans.append(EventPlan(cand, cand.head, noun, entry.type, entry.mode))
    plans = [p for p in plans if p.candidate.head.i not in absorbed]
    # step 3: a negating verb that governs another trigger yields only that trigger
    heads = {p.candidate.head.i for p in plans}
    negating = {
        p.candidate.head.i
        for p in plans
        if lexicon.governor_cues.get(p.candidate.head.lemma_.lower()) in ("negate", "cease")
        and any(c.dep_ == "xcomp" and c.i in heads for c in p.candidate.head.children)
    }
    # a volitional request verb with its own infinitive ("seeking to mediate",
    # "seeks to increase its influence") states an aim, not a request
    aims = {
        p.candidate.head.i
        for p in plans
        if p.type == "REQUEST" and not p.candidate.nominal and _subject_control(p.candidate.head)
    }
    asked = _asked_acts(plans, aims, lexicon)
    for p in plans:
        reading = (
            _protest_reading(p)
            or _verbal_attack_reading(p, lexicon)
            or _labour_strike_reading(p, lexicon)
            or _police_reading(p, lexicon)
            or _peacekeeping_reading(p, lexicon)
        )
        if reading is not None and reading[0] in lexicon.types:
            p.type, p.mode = reading
    return [p for p in plans if p.candidate.head.i not in negating | aims | asked]


# Where a request verb's asked act hangs: "called on X to release" (xcomp), "demanded
# that X step down" (ccomp).
ASKED_DEPS = frozenset({"xcomp", "ccomp"})


def _asked_acts(plans: list[EventPlan], aims: set[int], lexicon: Lexicon) -> set[int]:
    """Heads of the acts a request asks for ("X called on Y to release Z": the
    release has not happened; it is the content of X's REQUEST to Y). Each sets its
    request's mode (request_modes.tsv: yield, meet, assist; else change)."""
    by_head = {p.candidate.head.i: p for p in plans}
    asked: set[int] = set()
    for p in plans:
        head = p.candidate.head
        if p.type != "REQUEST" or p.candidate.nominal or head.i in aims:
            continue
        for comp in head.children:
            inner = by_head.get(comp.i)
            if comp.dep_ in ASKED_DEPS and inner is not None and not inner.candidate.nominal:
                asked.add(comp.i)
                if p.mode is None:
                    mode = lexicon.request_modes.get(inner.type, "change")
                    p.mode = mode if mode in lexicon.ptype("REQUEST").modes else None
    return asked


def _labour_strike_reading(plan: EventPlan, lexicon: Lexicon) -> tuple[str, str | None] | None:
    """(PROTEST, strike) for "strike" as a stoppage of work: a modifier or the verb
    that takes it says so (labour_strike_words.txt: "an all-out strike", "called a
    strike"), or those who strike are workers (labour_strike_doers.txt: "a strike by
    the teachers' union", "doctors began a strike", "nurses threatened to strike").
    A verb with an object is force done to it ("workers striking a policeman")."""
    head = (plan.noun or plan.candidate).head
    if plan.type != "ASSAULT" or head.lemma_.lower() != "strike":
        return None
    words = lexicon.labour_strike_words
    if head.pos_ in ("VERB", "AUX"):
        if any(c.dep_ in OBJECT_DEPS for c in head.children):
            return None
        return ("PROTEST", "strike") if _labour_doer(head, lexicon) else None
    modifiers = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
    if (
        any(m.lower_ in words or m.lemma_.lower() in words for m in modifiers)
        or (head.dep_ in OBJECT_DEPS and head.head.lemma_.lower() in words)
        or _labour_doer(head, lexicon)
        or (head.dep_ in OBJECT_DEPS and _labour_doer(head.head, lexicon))
    ):
        return "PROTEST", "strike"
    return None


def _labour_doer(head: Token, lexicon: Lexicon) -> bool:
    """Whether who does ``head`` (its subject, "by" agent or possessor; an infinitive's
    controller: "nurses threatened to strike") is workers or their union."""
    doer = doer_of(head)
    if doer is None and head.dep_ == "xcomp":
        doer = doer_of(head.head)
    if doer is None:
        return False
    words = [doer] + [c for c in doer.children if c.dep_ == "compound"]
    return any(w.lemma_.lower() in lexicon.labour_strike_doers for w in words)


def _peacekeeping_reading(plan: EventPlan, lexicon: Lexicon) -> tuple[str, str | None] | None:
    """AID for a deployment of peacekeepers or observers ("deployed as peacekeeping
    forces", "sending troops to the UN peacekeeping force"; peacekeeping_words.txt):
    personnel sent to help, not a show of force."""
    if plan.type != "MOBILIZE":
        return None
    head = (plan.noun or plan.candidate).head
    words = list(head.subtree)
    if head.dep_ in OBJECT_DEPS:
        # "announced the deployment of 230 troops to Liberia on a peacekeeping
        # mission": the parse hangs the noun's own phrases on the verb it is the object of
        words += [t for p in head.head.children if p.dep_ == "prep" for t in p.subtree]
    if any(t.lemma_.lower() in lexicon.peacekeeping_words for t in words):
        return "AID", None
    return None


def _police_reading(plan: EventPlan, lexicon: Lexicon) -> tuple[str, str | None] | None:
    """COERCE for an act that is coercion when the police do it ("police raided
    the homes", "a police raid"; police_acts.tsv), whoever else's raid stays ASSAULT."""
    head = (plan.noun or plan.candidate).head
    reading = lexicon.police_acts.get(head.lemma_.lower())
    if plan.type != "ASSAULT" or reading is None:
        return None
    doers = [doer_of(head)]
    if head.pos_ == "NOUN":
        doers.extend(c for c in head.children if c.dep_ in ("compound", "amod"))
    if any(d is not None and d.lemma_.lower() in lexicon.police_words for d in doers):
        return reading
    return None


# Cue kinds of the verbs that make an attack one in words when they go with it
# ("attacked Paul, accusing him", "attacked Nordstrom on Twitter, writing").
SAYING_KINDS = frozenset({"reported", "alleged", "stance", "hypothetical"})


PERSON_DOERS = frozenset({"PERSON", "NORP"})


PERSON_TARGETS = frozenset({"PERSON", "NORP", "ORG"})


PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them"})


def _is_person_or_party(token: Token | None, labels: frozenset[str]) -> bool:
    """A person or party named by the token, or by a name beside its title noun
    ("Labour's spokeswoman Baroness Hayter")."""
    if token is None:
        return False
    if token.ent_type_ in labels or token.lower_ in PERSONAL_PRONOUNS:
        return True
    return any(c.dep_ in ("appos", "compound") and c.ent_type_ == "PERSON" for c in token.children)


# Entity labels of a "for" object that gives the time an attack went on, not its
# fault ("attacked them for hours").
TIME_LABELS = frozenset({"DATE", "TIME"})


def _attacks_in_words(verb: Token, lexicon: Lexicon) -> bool:
    """Is an attack verb an attack in words: with a participle of saying or
    accusing ("attacked Ms Rudd, asking", "attacked McCain, accusing him") or the
    fault it is for ("attacked Democrats for crafting the law"), and no weapon
    ("attacked the guard with a knife while shouting")?"""
    if verb.lemma_.lower() != "attack":
        return False
    if any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
        return False
    # between people and parties ("McCain attacked Paul", "Republicans attacked
    # Democrats"), not a state or a fighter against positions ("Israel attacked
    # Hamas positions, saying it was responding")
    subj, obj = child(verb, ("nsubj",)), child(verb, ("dobj",))
    if not (_is_person_or_party(subj, PERSON_DOERS) and _is_person_or_party(obj, PERSON_TARGETS)):
        return False
    for c in verb.children:
        participle = c.dep_ in ("advcl", "xcomp", "conj") and c.tag_ == "VBG"
        if (
            participle
            and child(c, "mark") is None
            and lexicon.governor_cues.get(c.lemma_.lower()) in SAYING_KINDS
        ):
            return True
        if c.dep_ == "prep" and c.lower_ == "for":
            # "for not being responsible"; "for supposedly crafting legislation"
            # (the parser makes the gerund's object the "for" object)
            fault = child(c, ("pcomp", "pobj"))
            if fault is not None and fault.ent_type_ not in TIME_LABELS:
                return True
    return False


def _attacks_a_thing_of_words(plan: EventPlan, lexicon: Lexicon) -> bool:
    """Is an attack aimed at a thing only words can attack ("attacks on the media",
    "attacked the judiciary"; verbal_attack_targets.txt)?"""
    head = (plan.noun or plan.candidate).head
    if head.lemma_.lower() != "attack":
        return False
    targets = [c for c in head.children if c.dep_ in OBJECT_DEPS]
    targets += prep_objects(head, ("on", "against"))
    return any(t.lemma_.lower() in lexicon.verbal_attack_targets for t in targets)


def _verbal_attack_reading(plan: EventPlan, lexicon: Lexicon) -> tuple[str, str | None] | None:
    """(ACCUSE, disapprove) for an attack in words ("a scathing attack on the minister",
    "personal attacks"): a modifier from verbal_attack_words.txt says so; for the
    verb, a participle of saying or the fault it is for (``_attacks_in_words``)."""
    noun = plan.noun or (plan.candidate if plan.candidate.nominal else None)
    if plan.type == "ASSAULT" and noun is None and _attacks_in_words(plan.candidate.head, lexicon):
        return "ACCUSE", "disapprove"
    if plan.type == "ASSAULT" and _attacks_a_thing_of_words(plan, lexicon):
        return "ACCUSE", "disapprove"
    if plan.type != "ASSAULT" or noun is None:
        return None
    if any(
        c.dep_ == "amod" and c.lower_ in lexicon.verbal_attack_words for c in noun.head.children
    ):
        return "ACCUSE", "disapprove"
    return None


# "protest" is street protest when it is the purpose of an action ("marched to
# protest the law", "went on strike to protest") and diplomatic protest (ACCUSE)
# when it is lodged with someone ("lodged a protest with X", "protested to X").
DIPLOMATIC_PROTEST_VERBS = frozenset({"lodge", "file", "register", "deliver", "send", "issue"})


def _protest_reading(plan: EventPlan) -> tuple[str, str | None] | None:
    """(type, mode) for a "protest" trigger whose syntax decides its reading."""
    head = plan.candidate.head
    if head.lemma_.lower() != "protest":
        return None
    if plan.candidate.nominal:
        if head.dep_ in OBJECT_DEPS and head.head.lemma_.lower() in DIPLOMATIC_PROTEST_VERBS:
            return "ACCUSE", "disapprove"
        return None
    purpose = head.dep_ in ("advcl", "acl", "relcl", "xcomp") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in head.children
    )
    governed = head.head.lemma_.lower() in ("call", "plan", "vow", "threaten", "urge")
    if purpose and not governed and head.head.pos_ in ("VERB", "NOUN"):
        return "PROTEST", "demo"
    return None


def _subject_control(verb: Token) -> bool:
    """Does ``verb`` take an infinitive its own subject performs, with no object or
    addressee ("seeks to expand", not "urged Iran to stop", "asked to leave")?"""
    comp = child(verb, "xcomp")
    if comp is None or comp.pos_ not in ("VERB", "AUX"):
        return False
    if child(comp, SUBJECT_DEPS) is not None:
        return False
    return not any(
        c.dep_ in OBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ in ("dative", "prep")
        for c in verb.children
    )


def actor_refs(mentions: list[Mention], names: dict[str, Actor]) -> list[ActorRef]:
    refs = []
    for m in mentions:
        actor = names.get(m.actor_id) if m.actor_id else None
        refs.append(
            ActorRef(
                name=actor.name if actor else m.text,
                country=m.country if m.country is not None else (actor.country if actor else None),
                sector=m.sector if m.sector is not None else (actor.sector if actor else None),
                actor_id=m.actor_id,
                wikidata=actor.wikidata if actor else None,
            )
        )
    return refs


def event_id(doc_id: str, trigger_start: int, type_name: str) -> str:
    return hashlib.sha1(f"{doc_id}:{trigger_start}:{type_name}".encode()).hexdigest()[:16]


def evidence_of(sent: Span, trigger: Span | Token) -> Evidence:
    """The evidence of an event: its sentence and trigger, offsets into the clean text."""
    start = trigger.start_char if isinstance(trigger, Span) else trigger.idx
    return Evidence(
        sentence=sent.text,
        start=sent.start_char,
        end=sent.end_char,
        trigger=trigger.text,
        trigger_start=start,
        trigger_end=start + len(trigger.text),
    )


@dataclass(slots=True)
class SentenceContext:
    """What every step reads about the document being coded."""

    doc: Doc
    document: Document
    lexicon: Lexicon
    names: dict[str, Actor]
    index: MentionIndex
    view: attrs.DocView
    trigger_heads: set[int]
    # heads of triggers with a type of their own (not light verbs)
    typed_heads: set[int]
    published: str | None


@dataclass(slots=True)
class EventSides:
    """Actor and recipient mentions of one planned event, and who must take part
    in it for it to be political (``need``: "" nobody, "party" a political actor
    or recipient, "actor" a political actor, "both" a political actor and recipient)."""

    actor: list[Mention]
    recipient: list[Mention]
    need: str


@dataclass(slots=True)
class CodedEvent:
    """A coded event with the predicate it was read off (the later steps climb
    the parse from it), its ``need`` (see ``EventSides``), whether its actor is an
    organ of a state, and the governor cues above it."""

    event: Event
    pred: Token
    need: str
    organ: bool
    governors: list[tuple[str, Token]]
    # the object named as the event's target when no actor is (step 11)
    target: list[ActorRef]
    # every side as read off the sentence (actor and recipient, both named) is named
    # as an organ of a state ("the Justice Department", "Congress"), not as a bare
    # country, which may stand for its people ("young Algerians")
    named_organs: bool = False
