"""Recipient finding for the event coder (``extract``, steps 5, 8, 10 and 11).

A place named by a locative phrase as the recipient of a domestic event
(``location_recipient``, ``placed_recipient``), the prepositions that may
name a recipient (``candidate_preps``), recipients from governed clauses and
conditions and a domestic protest aimed at its government
(``fill_recipients``, ``domestic_target``), a transfer's receiver from the
party its giver dealt with just before (``discourse_receivers``) and the
target named by an event's object (``object_targets``).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from entente.events.claims import claim_nouns
from entente.events.plans import CodedEvent, EventPlan, SentenceContext, actor_refs
from entente.events.roles import (
    OBJECT_DEPS,
    PARTITIVE_WORDS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    MentionIndex,
    arguments,
    child,
    prep_objects,
)
from entente.events.subjects import utterance_nouns
from entente.events.triggers import Candidate, Lexicon
from entente.records import Actor, ActorRef, Event, Mention

# Words that make their subject the doer of the event noun a preposition joins to
# them: the state an "on" phrase puts the subject in ("troops remained on alert",
# "workers went on strike", "placed a brigade on alert": whoever placed it) and an
# offer ("is ready for cooperation", "open to talks"). Not "reported on the
# attack", "came under attack": a reporter, a victim. Not (yet) "took part in":
# "instructors participated in the training of terrorists" made a seed's alleged
# training a reported one, its certainty read off the verb of taking part.
STATE_WORDS = {
    "on": frozenset({"be", "remain", "stay", "go", "put", "place", "keep"}),
    # "ready for cooperation"; "sat down for talks with X", "arrived in Moscow for
    # talks", "gathered in Geneva for peace talks" (2017 store, 11 documents with a
    # verb of coming and talks or meetings: 5 events gain their doer); "converging
    # for a rally in Lagos": the doer, not the place of the rally. Not "met X for
    # talks": the meeting is already the event.
    "for": frozenset(
        {
            "ready",
            "prepared",
            "sit",
            "gather",
            "converge",
            "assemble",
            "arrive",
            "travel",
            "come",
            "go",
            "fly",
            "head",
        }
    ),
    "to": frozenset({"open"}),
}


def state_verb(noun: Token) -> Token | None:
    """The word whose subject an event noun is the state, part or offer of
    ("remained on alert", "took part in talks", "ready for cooperation"): its doer
    is that word's subject, and its places are that word's."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in STATE_WORDS:
        return None
    word = prep.head
    if word.lemma_.lower() not in STATE_WORDS[prep.lower_]:
        return None
    if word.pos_ in ("VERB", "AUX"):
        return word
    if word.pos_ == "ADJ" and word.dep_ == "acomp" and word.head.pos_ in ("VERB", "AUX"):
        return word.head  # "Russia is ready for cooperation": the copula's subject
    return None


def offer_word(noun: Token) -> Token | None:
    """The adjective that offers an event noun ("ready for cooperation"), if any."""
    verb = state_verb(noun)
    word = noun.head.head
    return word if verb is not None and word.pos_ == "ADJ" else None


def placed_recipient(
    plan: EventPlan, actor: list[Mention], recipient: list[Mention], ctx: SentenceContext
) -> list[Mention]:
    """The place an act is done in, where it says whom the act is aimed at: a
    recipient placed in no state ("sent inspectors to the Esfahan plant in
    central Iran"), or none for a type whose target is its place (an airstrike)."""
    cand, index = plan.candidate, ctx.index
    ptype = ctx.lexicon.ptype(plan.type)
    if recipient and not any(m.country for m in recipient):
        hosts = [plan.noun.head] if plan.noun else []
        hosts.append(cand.head)
        if cand.nominal and cand.head.dep_ in OBJECT_DEPS:
            hosts.append(cand.head.head)
        if cand.nominal and state_verb(cand.head) is not None:
            hosts.append(state_verb(cand.head))
        for host in hosts:
            placed = location_recipient(host, index)
            if placed:
                return recipient + placed
    if not recipient and (actor or not cand.nominal) and ptype.place_as_recipient(plan.mode):
        recipient = location_recipient(plan.noun.head if plan.noun else cand.head, index)
        if not recipient and plan.noun is not None:
            recipient = location_recipient(cand.head, index)
        verb = state_verb(cand.head) if cand.nominal else None
        if not recipient and verb is not None:
            recipient = location_recipient(verb, index)  # "remained on alert in Manila"
        if not recipient and cand.nominal and ptype.place_modes:
            # a place whose mode makes it the host: "Tillerson's Beijing visit"
            recipient = _venue_modifiers(cand.head, index)
    return recipient


def _venue_modifiers(noun: Token, index: MentionIndex) -> list[Mention]:
    """The venue written before an event noun ("a Beijing visit")."""
    found = [index.venue_at(c) for c in noun.children if c.dep_ in ("compound", "nmod")]
    return [m for m in found if m is not None and m.country][:1]


# Types whose event noun takes its target with "of" ("the arrest of X", "an
# investigation of X", "the release of X"); for others "of" names the doer or a part.
PATIENT_OF_TYPES = frozenset({"ACCUSE", "COERCE", "ASSAULT", "RETREAT", "SANCTION", "CONCEDE"})


# Entity labels of an object that names a target the registry does not know.
TARGET_ENTITIES = frozenset({"PERSON", "NORP", "GPE", "LOC", "FAC", "ORG"})


# Types that answer what someone else said or did: their object's "from" or "by"
# names whom they answer.
ANSWERING_TYPES = frozenset({"REJECT", "CONCEDE", "AGREE", "SUPPORT"})


def object_targets(plan: EventPlan, ctx: SentenceContext) -> list[ActorRef]:
    """Step 11: the event's target by name when no actor is named as recipient:
    the object, passive subject or prepositional object that names people, a
    group or a place (target_nouns.txt, or a named entity the registry lacks):
    "detained 18 people", "torched a village in Cameroon", "an investigation of
    two servicemen". No actor id, so the map leaves it out; a place or demonym in
    the phrase gives its country."""
    cand, lexicon = plan.candidate, ctx.lexicon
    host = plan.noun.head if plan.noun else cand.head
    preps = candidate_preps(plan.noun or cand, lexicon, plan.type)
    objects: list[Token] = []
    if not cand.nominal and cand.entry.frame not in ("give", "topic"):
        for c in cand.head.children:
            if c.dep_ not in OBJECT_DEPS and c.dep_ not in PASSIVE_SUBJECT_DEPS:
                continue
            if c.i not in ctx.trigger_heads:
                objects.append(c)
            elif plan.type == "ACCUSE":
                # "condemned an anarchic protest by white farmers": whoever did
                # the act condemned is whom the condemnation aims at
                objects += prep_objects(c, ("by",))
            if plan.type in ANSWERING_TYPES:
                # "refused a request from the justice minister", "accepted demands
                # from the army chiefs": an answer is aimed at whoever asked
                objects += prep_objects(c, ("from", "by"))
    verb = state_verb(cand.head) if cand.nominal else None
    for h in dict.fromkeys(h for h in (cand.head, host, verb) if h is not None):
        objects += prep_objects(h, preps)
    if (plan.noun or cand.nominal) and plan.type in PATIENT_OF_TYPES:
        objects += prep_objects(host, ("of",))
    for obj in objects:
        if obj.lower_ in PARTITIVE_WORDS or obj.like_num:
            # "one of two men", "freed 11 of Iran's most prominent prisoners"
            obj = next(iter(prep_objects(obj, ("of",))), obj)
        ref = _target_ref(obj, ctx)
        if ref is not None:
            return [ref]
    return []


def _target_ref(obj: Token, ctx: SentenceContext) -> ActorRef | None:
    if ctx.index.at(obj) is not None or obj.pos_ not in ("NOUN", "PROPN"):
        return None  # a known actor was the role reader's to find; a clause names none
    named = obj.ent_type_ in TARGET_ENTITIES or (obj.pos_ == "PROPN" and not obj.ent_type_)
    listed = (
        obj.lemma_.lower() in ctx.lexicon.target_nouns or obj.lower_ in ctx.lexicon.target_nouns
    )
    if not listed and not named:
        # a proper noun the entity tagger left unlabelled is a name too ("accused Gulen")
        return None
    words = [t for t in obj.doc[obj.left_edge.i : obj.i + 1] if t.dep_ not in ("det", "punct")]
    country = None
    for t in obj.subtree:
        m = ctx.index.at(t)
        if m is not None and m.country:
            country = m.country
            break
    name = " ".join(t.text for t in words) or obj.text
    sector = "CVL" if listed and country else None
    return ActorRef(name=name, country=country, sector=sector, actor_id=None, wikidata=None)


# sentences before a transfer in which its receiver may have been named
RECEIVER_REACH = 2


def discourse_receivers(coded: list[CodedEvent]) -> list[Event]:
    """A transfer with a giver and no receiver in its sentence ("Iran also
    reportedly provided artillery shells") goes to the party the giver last dealt
    with in the sentences just before ("Russia and Iran signed a deal for drones"):
    the other side of the latest earlier event the giver takes part in. Only a
    transfer of a thing named ("provided shells", "Russia's assistance"), not one
    whose receiver is a pronoun the coder could not place ("providing it with")
    or whose help is a clause ("helped them avoid", "it helps if")."""
    events = [c.event for c in coded]
    out = []
    for event, pred in zip(events, (c.pred for c in coded), strict=True):
        objects = [c for c in pred.children if c.dep_ in ("dative", *OBJECT_DEPS)]
        thing = pred.pos_ in ("NOUN", "PROPN") or (
            bool(objects) and all(c.pos_ != "PRON" for c in objects)
        )
        if event.type == "AID" and event.actor and not event.recipient and thing:
            giver = {r.country for r in event.actor if r.country}
            latest: tuple[int, int] | None = None
            receivers: list[ActorRef] = []
            for other in events:
                if not event.sentence - RECEIVER_REACH <= other.sentence < event.sentence:
                    continue
                sides = [*other.actor, *other.recipient]
                if not giver & {r.country for r in sides}:
                    continue
                others = [r for r in sides if r.country and r.country not in giver]
                at = (other.sentence, other.evidence.trigger_start)
                if others and (latest is None or at > latest):
                    latest, receivers = at, others
            if receivers:
                seen: set[str | None] = set()
                unique = [r for r in receivers if not (r.country in seen or seen.add(r.country))]
                event = replace(event, recipient=unique)
        elif event.type == "REJECT" and event.actor and not event.recipient:
            event = _answered_accuser(event, pred, events)
        out.append(event)
    return out


def _answered_accuser(event: Event, pred: Token, events: list[Event]) -> Event:
    """A denial of "the charge" with no maker named ("Russia has denied the
    charge", "North Korea denied the accusations") answers the latest accusation
    against the denier in the sentences just before: it is aimed at the accuser
    ("US intelligence accused Russia of the hacks. Russia has denied the charge")."""
    if not any(
        c.dep_ in OBJECT_DEPS and claim_nouns().get(c.lemma_.lower()) == "alleged"
        for c in pred.children
    ):
        return event
    denier = {r.country for r in event.actor if r.country}
    latest: tuple[int, int] | None = None
    accusers: list[ActorRef] = []
    for other in events:
        at = (other.sentence, other.evidence.trigger_start)
        if (
            other.type != "ACCUSE"
            or not event.sentence - RECEIVER_REACH <= other.sentence <= event.sentence
            or at >= (event.sentence, event.evidence.trigger_start)
            or not denier & {r.country for r in other.recipient}
        ):
            continue
        found = [r for r in other.actor if r.country and r.country not in denier]
        if found and (latest is None or at > latest):
            latest, accusers = at, found
    return replace(event, recipient=accusers) if accusers else event


def domestic_target(event: Event, names: dict[str, Actor], organ: bool) -> Event:
    """A protest with no stated target is aimed at the government of the country
    the protesters belong to (PLOVER's reading of domestic protest: "Algerian
    students blocked roads to press their demands" targets Algeria's government);
    not a protest by an organ of that state (``organ``)."""
    if event.type != "PROTEST" or event.recipient or not event.actor or organ:
        return event
    countries = {r.country for r in event.actor}
    if len(countries) != 1 or None in countries:
        return event
    (code,) = countries
    state = names.get(code)
    ref = ActorRef(
        name=state.name if state else code,
        country=code,
        sector="GOV",
        actor_id=code,
        wikidata=state.wikidata if state else None,
    )
    return replace(event, recipient=[ref])


def fill_recipients(
    coded: list[CodedEvent], index: MentionIndex, names: dict[str, Actor]
) -> list[CodedEvent]:
    """Recipients a verb takes from the clause it governs: "threatened to ban
    candidates in X" is aimed at whom the ban is aimed at, "agreed to reopen the
    border with X" at X, "threatened to institute a curfew in X" at X; and a
    threat made conditional on someone ("unless X withdraws", "if X goes ahead")
    is aimed at X."""
    by_pred: dict[int, list[Event]] = {}
    for c in coded:
        by_pred.setdefault(c.pred.i, []).append(c.event)
    out = []
    for c in coded:
        event, pred = c.event, c.pred
        if not event.recipient:
            actor_keys = {(r.country, r.name) for r in event.actor}
            recipient: list[ActorRef] = []
            # the governed clause's verb, or the event noun an infinitive takes as
            # object ("threatened to institute a curfew in X": the curfew is aimed at X)
            governed = [
                t
                for comp in pred.children
                if comp.dep_ in ("xcomp", "ccomp")
                for t in (comp, *(c for c in comp.children if c.dep_ in OBJECT_DEPS))
                if t is comp or comp.dep_ == "xcomp"
            ]
            for comp in governed:
                if comp.i not in by_pred:
                    continue
                for inner in by_pred[comp.i]:
                    if inner.certainty == "denied":
                        # "denied discussing sanctions with the Russians": whom a denied
                        # act is done to is no party to the denial
                        continue
                    recipient = [
                        r for r in inner.recipient if (r.country, r.name) not in actor_keys
                    ]
                    if recipient:
                        break
                if recipient:
                    break
            if not recipient and event.type in MEASURE_TAKING_TYPES:
                recipient = _acted_on_recipients(pred, by_pred, actor_keys)
            if not recipient and event.type in PREPARING_TYPES:
                recipient = _prepared_for_recipients(pred, by_pred, actor_keys)
            if not recipient:
                recipient = [
                    r
                    for r in actor_refs(_text_addressees(pred, index), names)
                    if (r.country, r.name) not in actor_keys
                ]
            marks = CONDITION_MARKS.get(event.type)
            if not recipient and marks:
                found = [
                    m
                    for m in _condition_subjects(pred, index, marks)
                    if (m.country, m.text) not in actor_keys
                ]
                recipient = [
                    r for r in actor_refs(found, names) if (r.country, r.name) not in actor_keys
                ]
            if recipient:
                c = replace(c, event=replace(event, recipient=recipient))
        out.append(c)
    return out


def _text_addressees(pred: Token, index: MentionIndex) -> list[Mention]:
    """Whom a text is sent or written to, for what a participle says it does
    ("sent a letter to Priebus asking for details", "wrote an open letter to Zuma,
    asking him to step down", "a letter to the WHO's head threatening to pull
    funding"): the letter's asking or threatening is aimed at its addressee. Only a
    text (lexicons/utterance_nouns.txt) the participle hangs on, or that is the
    object of the verb it hangs on."""
    if pred.tag_ != "VBG" or child(pred, SUBJECT_DEPS) is not None:
        return []
    host = pred.head
    if pred.dep_ == "acl" and host.lemma_.lower() in utterance_nouns():
        texts, verb = [host], host.head
    elif pred.dep_ == "advcl" and host.pos_ in ("VERB", "AUX"):
        texts = [
            c
            for c in host.children
            if c.dep_ in OBJECT_DEPS and c.lemma_.lower() in utterance_nouns()
        ]
        verb = host
    else:
        return []
    if not texts:
        return []
    found: list[Mention] = []
    for h in (*texts, verb):
        for obj in prep_objects(h, ("to",)):
            found.extend(arguments(obj, index))
    return found


# Types whose verb acts on a measure or a transfer and is aimed where that is
# aimed: "lifted sanctions against Sudan" (CONCEDE), "suspended food supplies to
# Somalia" (SANCTION), "extended the curfew in X". Not the verbal reactions:
# "condemned the attack on X" is not aimed at X but at whoever attacked.
MEASURE_TAKING_TYPES = frozenset({"CONCEDE", "RETREAT", "SANCTION", "COERCE"})


def _acted_on_recipients(
    pred: Token, by_pred: dict[int, list[Event]], actor_keys: set[tuple[str | None, str]]
) -> list[ActorRef]:
    """The recipients of the event a verb takes as its object (or, for an event
    noun, as its "of" complement: "a suspension of aid to Pakistan")."""
    objects = [c for c in pred.children if c.dep_ in OBJECT_DEPS]
    objects += prep_objects(pred, ("of",)) if pred.pos_ in ("NOUN", "PROPN") else []
    for obj in objects:
        for inner in by_pred.get(obj.i, []):
            found = [r for r in inner.recipient if (r.country, r.name) not in actor_keys]
            if found:
                return list({(r.country, r.name): r for r in found}.values())
    return []


# Per type, the subordinators of a condition that aims the event at the clause's
# doer: a threat "if X acts" or "unless X withdraws"; a refusal "until the
# government provides resources" or "until their demands are met by X".
# Types that prepare for another act, aimed where that act is: "mobilized troops
# for the war against Iraq", "for a ground assault against X".
PREPARING_TYPES = frozenset({"MOBILIZE"})


def _prepared_for_recipients(
    pred: Token, by_pred: dict[int, list[Event]], actor_keys: set[tuple[str | None, str]]
) -> list[ActorRef]:
    """The recipients of the event an act is done "for" (on the verb or its object)."""
    hosts = [pred, *(c for c in pred.children if c.dep_ in OBJECT_DEPS)]
    for host in hosts:
        for obj in prep_objects(host, ("for",)):
            for inner in by_pred.get(obj.i, []):
                found = [r for r in inner.recipient if (r.country, r.name) not in actor_keys]
                if found:
                    return list({(r.country, r.name): r for r in found}.values())
    return []


CONDITION_MARKS = {
    "THREATEN": frozenset({"if", "unless"}),
    "REJECT": frozenset({"until", "till", "unless"}),
}


def _condition_subjects(pred: Token, index: MentionIndex, marks: frozenset[str]) -> list[Mention]:
    """Actors whose conduct a threat or refusal is conditional on: the doer of a
    clause opened by one of ``marks`` on the event or on the action threatened or
    refused, or in what the actor says alongside ("threatened more attacks,
    claiming that its response will be stronger if X acts")."""
    hosts = [pred, *(c for c in pred.children if c.dep_ in ("xcomp", "ccomp"))]
    for c in pred.children:
        if c.dep_ == "advcl" and c.tag_ == "VBG" and child(c, SUBJECT_DEPS) is None:
            hosts.extend(g for g in c.children if g.dep_ == "ccomp")
    for host in hosts:
        for clause in host.children:
            if clause.dep_ != "advcl":
                continue
            if not any(m.dep_ == "mark" and m.lower_ in marks for m in clause.children):
                continue
            found = arguments(child(clause, SUBJECT_DEPS) or _agent(clause), index)
            if found:
                return found
    return []


def _agent(clause: Token) -> Token | None:
    """The "by" agent of a passive clause ("until their demands are met by X")."""
    agent = child(clause, "agent")
    return child(agent, "pobj") if agent is not None else None


# prepositions that place an event ("a curfew in Algiers", "rioted at a jail in Israel")
LOCATION_PREPS = ("in", "at", "into", "inside")


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def location_recipient(
    pred: Token, index: MentionIndex, preps: tuple[str, ...] = ()
) -> list[Mention]:
    """Where an event with no stated recipient happened, as its recipient (the
    CAMEO convention for domestic events): a place named by a locative phrase on
    the predicate or its object ("lifted a curfew in Montenegro", "rioted at a
    jail in northern Israel")."""
    hosts = [pred]
    obj = child(pred, OBJECT_DEPS)
    if obj is not None:
        hosts.append(obj)
    for host in hosts:
        for target in prep_objects(host, preps or LOCATION_PREPS):
            found = [m for m in _place_mentions(target, index) if m.country]
            if found:
                return found[:1]
    return []


def _place_mentions(token: Token, index: MentionIndex) -> list[Mention]:
    """Mentions of placed places under a locative object: the object itself, its
    compound, adjective or possessor ("Montenegro province", "Yemen's Hudaydah": a
    town the registry cannot place is placed by the state it is written with), or a
    further "in" ("a jail in Israel")."""
    for t in [token, *(c for c in token.children if c.dep_ in ("compound", "amod", "poss"))]:
        m = index.at(t)
        if m is not None and m.country and t.ent_type_ in PLACE_LABELS:
            return [m]
    for target in prep_objects(token, ("in", "of")):
        m = index.at(target)
        if m is not None and m.country and target.ent_type_ in PLACE_LABELS:
            return [m]
    return []


# Of a type's recipient prepositions, those that name a recipient whatever the word
# ("investigations against X", "agreed to US mediation"): a row's own list adds to
# them. "from", "for", "of" and the like depend on the word ("an appeal from X" is
# X's appeal, "a deal for drones" names no party) and come only with the type's
# defaults.
UNIVERSAL_PREPS = frozenset({"against", "to", "on"})


def candidate_preps(candidate: Candidate, lexicon: Lexicon, type_name: str | None) -> tuple:
    own = candidate.entry.preps or ()
    if type_name is None:
        return own
    defaults = lexicon.ptype(type_name).recipient_preps
    if not own:
        return defaults
    return (*own, *(p for p in defaults if p in UNIVERSAL_PREPS and p not in own))
