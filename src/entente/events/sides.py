"""Step 5 of the event coder (``extract``): actor and recipient of a plan.

``read_sides`` reads them off the parse (over ``roles``), listing
coordinated parties of a mutual event on both sides; a nominal event takes
them from the accused, the blamed or a fallback actor (``_nominal_sides``).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from entente.events.copies import COOPERATIVE_QUADS
from entente.events.gating import has_political_object
from entente.events.lexicon import DATA_DIR, read_words
from entente.events.plans import EventPlan, EventSides, SentenceContext
from entente.events.recipients import (
    candidate_preps,
    location_recipient,
    placed_recipient,
    state_verb,
)
from entente.events.roles import (
    EMBEDDED_PREPS,
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    MentionIndex,
    arguments,
    child,
    find_subject,
    is_located_place,
    nominal_roles,
    object_phrase_recipients,
    prep_objects,
    representative_nouns,
    verbal_roles,
)
from entente.events.tree import is_first_person
from entente.events.triggers import OCCASION_PREPS, SEQUEL_PREPS, Lexicon
from entente.records import Mention


def _nominal_actor_fallback(noun: Token, lexicon: Lexicon, trigger_heads: set[int]) -> Token | None:
    """The clause subject for an event noun that is the object of a plain verb
    ("Iran repeated its threats") or the state its subject is put in ("remained
    on alert"); not for nouns in another prepositional phrase ("aligned with the
    US after the attacks")."""
    verb = state_verb(noun)
    if verb is not None:
        return find_subject(verb)
    verb = noun.head if noun.dep_ in OBJECT_DEPS else None
    if verb is None or verb.i in trigger_heads:
        return None
    lemma = verb.lemma_.lower()
    if lemma in lexicon.governor_cues and lemma not in lexicon.declaring_verbs:
        return None  # "X reported the attack": a reporter; "X declared a ceasefire": its actor
    if lemma in lexicon.causing_verbs:
        return None  # "Theo's case prompted protests": a cause, not the protesters
    subj = find_subject(verb)
    if subj is not None and is_first_person(subj):
        return None  # '"We must see the attacks ..."': a speaker who sees them
    return subj


def _occasion_subject(noun: Token, lexicon: Lexicon, partnered: bool) -> Token | None:
    """The doer of the clause a meeting noun is the occasion of: who "agreed in a phone
    call", "said during talks" or "said after talks with X" took part in it (after or
    before a meeting only when it names whom it was with). Not the patient of a passive ("was shot
    at a meeting"), nor the doer of a hostile act there ("police detained activists at a
    meeting": the meeting is the activists')."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return None
    if prep.lower_ not in OCCASION_PREPS and not (prep.lower_ in SEQUEL_PREPS and partnered):
        return None  # "the Fed raised rates after a meeting": whose meeting is not said
    if any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") for c in noun.children):
        return None  # "during a visit of Abe to Washington, Trump ...": the visit is Abe's
    verb = prep.head
    if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ == "auxpass" for c in verb.children):
        return None
    hostile = any(
        e.type is not None and lexicon.ptype(e.type).quad not in COOPERATIVE_QUADS
        for e in lexicon.triggers.get(verb.lemma_.lower(), ())
        if len(e.lemmas) == 1 and not e.objects
    )
    if hostile:
        return None
    subj = find_subject(verb)
    return None if subj is None or is_first_person(subj) else subj


def _accused(noun: Token, lexicon: Lexicon, index: MentionIndex) -> list[Mention]:
    """The side an accusation pins an event noun on: "an airstrike which Iran blamed
    on Israel", "blamed the attack on Israel", "accused Israel of the bombing"."""
    govs = [c for c in noun.children if c.dep_ == "relcl"]
    if noun.dep_ in OBJECT_DEPS:
        govs.append(noun.head)
    for gov in govs:
        if lexicon.governor_cues.get(gov.lemma_.lower()) == "alleged":
            preps = lexicon.ptype("ACCUSE").recipient_preps if "ACCUSE" in lexicon.types else ()
            for obj in prep_objects(gov, preps):
                found = arguments(obj, index)
                if found:
                    return found
    if noun.dep_ == "pobj" and noun.head.lower_ in ("of", "for"):
        gov = noun.head.head
        if lexicon.governor_cues.get(gov.lemma_.lower()) == "alleged":
            return arguments(child(gov, OBJECT_DEPS), index)
    return []


@cache
def performing_verbs() -> frozenset[str]:
    """Lemmas of verbs whose "by" agent does their event noun
    (``lexicons/performing_verbs.txt``)."""
    return read_words(DATA_DIR / "lexicons" / "performing_verbs.txt")


def _performer(noun: Token, index: MentionIndex) -> list[Mention]:
    """Whoever an event noun is done by through a performing verb's passive: its
    participle ("air strikes on Idlib carried out by Russia's Aerospace Forces",
    "sanctions imposed by Kiev") or the verb it is the subject of ("the
    demonstrations were organised by Navalny"). In the s11final store, 15 events
    with no actor have such a phrase right after their word."""
    verbs = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    if noun.dep_ in PASSIVE_SUBJECT_DEPS:
        verbs.append(noun.head)
    for verb in verbs:
        if verb.lemma_.lower() not in performing_verbs():
            continue
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            found = arguments(child(agent, "pobj"), index)
            if found:
                return found
    return []


def _blamed_on(noun: Token, lexicon: Lexicon, index: MentionIndex) -> list[Mention]:
    """Whom an event noun is blamed on when it is the object of an accusing verb
    that names its culprit with "on" ("Iran blamed the attack on Israel"): the
    object of that "on", on the verb or on the noun itself."""
    if noun.dep_ not in OBJECT_DEPS:
        return []
    verb = noun.head
    blames = any(
        e.type == "ACCUSE" and "on" in e.preps and e.pos in ("V", "*") and len(e.lemmas) == 1
        for e in lexicon.triggers.get(verb.lemma_.lower(), [])
    )
    if not blames:
        return []
    for host in (verb, noun):
        for obj in prep_objects(host, ("on",)):
            found = arguments(obj, index)
            if found:
                return found
    return []


def _same_side(a: Mention, b: Mention) -> bool:
    """One state's same organ (country and sector both known and equal)."""
    return (
        a.country is not None
        and a.sector is not None
        and a.country == b.country
        and (a.sector == b.sector)
    )


# Kinds of actor that are the state or speak for it as a person: one state's
# government and its office-holders are one side of a cooperative act.
STATE_SIDE_KINDS = frozenset({"state", "person"})


def _own_body(m: Mention, actor: list[Mention], ctx: SentenceContext) -> bool:
    """A body of its own, not the actor's state: a movement, party or armed group
    the registry knows, other than the actor ("Ghani declared a ceasefire with the
    Taliban", whose sector undated is the one it holds today, GOV)."""
    body = ctx.names.get(m.actor_id) if m.actor_id else None
    return (
        body is not None
        and body.kind not in STATE_SIDE_KINDS
        and all(a.actor_id != m.actor_id for a in actor)
    )


POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her", "our", "my", "your"})


def _own_object(verb: Token, trigger_heads: set[int]) -> Token | None:
    """The possessive pronoun of the verb's direct object when it is the subject's
    own thing ("its claims"), else None. An event noun or an object with its own
    prepositional phrase ("backed off its threats against X") is aimed elsewhere."""
    obj = child(verb, OBJECT_DEPS)
    if obj is None or obj.i in trigger_heads or child(obj, "prep") is not None:
        return None
    for c in obj.children:
        if c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS:
            return c
    return None


def _same_parties(a: list[Mention], b: list[Mention]) -> bool:
    """Are two sides the very same mentions (a pronoun bound back to the actor)?
    Two mentions of one country ("Palestinian police ... Palestinian groups") are
    a domestic event, not this."""

    def spans(side: list[Mention]) -> set[tuple[int, int]]:
        return {(m.start, m.end) for m in side}

    return spans(a) == spans(b)


def read_sides(plan: EventPlan, ctx: SentenceContext) -> EventSides | None:
    """Step 5: actor and recipient off the parse, then the corrections that keep
    the actor's own things and own government off the recipient side. None when
    an ordinary word acts only on the actor's own thing ("give up its weapons")."""
    cand, lexicon, index = plan.candidate, ctx.lexicon, ctx.index
    ptype = lexicon.ptype(plan.type)
    stated_by = plan.noun.entry if plan.noun and cand.entry.frame == "light" else cand.entry
    need = "party" if lexicon.needs_party(stated_by, plan.type) else ""
    heads = (cand.head, plan.noun.head) if plan.noun else (cand.head,)
    if stated_by.party == "both":
        need = "both"  # "invited", "assured", "fought": a party at each end, whatever the object
    elif any(has_political_object(h, lexicon.political_objects) for h in heads):
        need = ""
    preps = candidate_preps(plan.noun or cand, lexicon, plan.type)
    if plan.noun is None and cand.entry.type not in (None, plan.type):
        # read as another type by its syntax (a protest lodged *with* someone)
        preps = (*ptype.recipient_preps, "with", "to")
    subj = None
    if cand.nominal:
        actor, recipient = _nominal_sides(plan, preps, ctx)
    else:
        frame = "give" if plan.noun is not None else cand.entry.frame
        own_words = range(cand.start, cand.end)
        actor, recipient, subj = verbal_roles(cand.head, frame, preps, index, own_words)
        if _is_ordered_done(cand.head):
            # "ordered Ms Salman detained": the participle's subject undergoes it;
            # whoever ordered it is the actor
            recipient = arguments(child(cand.head, SUBJECT_DEPS), index) or recipient
            actor = arguments(find_subject(cand.head.head), index)
        if plan.noun is not None:
            own_actor, own_recipient = nominal_roles(plan.noun.head, preps, index)
            actor = actor or own_actor
            recipient = own_recipient or recipient
    mutual = ptype.symmetric or cand.entry.mutual or (plan.noun and plan.noun.entry.mutual)
    if mutual and not cand.nominal and not _names_own_party(cand.head, cand.entry.frame, index):
        actor, recipient = _purpose_party(cand.head, actor, recipient, index)
    if recipient and actor and not mutual and _same_parties(recipient, actor):
        # "Baghdad accepted its terms", "withdrew its troops from X": a pronoun
        # bound to the actor itself says nothing about whom the event is aimed at
        recipient = []
        if not cand.nominal:
            for obj in _verb_phrase_objects(cand.head, preps):
                recipient.extend(m for m in arguments(obj, index) if m not in actor)
            if not recipient:
                # "reneged on his commitment to the people": whom the actor's
                # own thing is for
                recipient = object_phrase_recipients(cand.head, preps, index, actor)
    if subj is None or subj.lemma_.lower() not in representative_nouns():
        # "the attack in Yemen killed", "fighting in Idlib displaced": where an act
        # happens is not who does it; "officials in Kabul" speak for the state, and
        # a subject the parser folded into a fronted phrase ("In particular, Tehran
        # has helped") is the subject itself
        actor = [
            m
            for m in actor
            if not is_located_place(m, ctx.doc)
            or (subj is not None and m.start <= subj.idx < m.end)
        ]
    placed_doer = (
        not actor
        and not cand.nominal
        and _is_state_act(plan)
        and _agentless_passive(cand.head)
        and not (
            # "statistics released in Beijing": a thing, not a person, is released
            _is_participle_on_patient(cand.head)
            and cand.head.head.lemma_.lower() in lexicon.inert_objects
        )
    )
    if placed_doer:
        # "was arrested in Rwanda", "were expelled from North Korea": only a state
        # arrests, expels or frees, and the one where it happens is the doer
        actor = location_recipient(cand.head, index, STATE_ACT_PLACE_PREPS)
        if actor and not recipient and _is_participle_on_patient(cand.head):
            patient = cand.head.head  # "IS, a terrorist organisation outlawed in Russia"
            recipient = arguments(patient, index)
            if not recipient:
                recipient = _bracketed_name(patient, index)
    if not cand.nominal and cand.head.lemma_.lower() in taking_verbs():
        recipient = _held_from(cand.head, recipient, index)
    recipient = placed_recipient(plan, actor, recipient, ctx)
    if placed_doer:
        recipient = [m for m in recipient if m not in actor]
    if recipient and actor and ptype.quad in COOPERATIVE_QUADS:
        # "Modi will discuss upgrading India's ties": cooperation with the actor's
        # own government (same state, same sector) is not aimed at it; conflict
        # inside one state (a deputy protesting the president) is domestic
        recipient = [
            m
            for m in recipient
            if _own_body(m, actor, ctx) or not any(_same_side(m, a) for a in actor)
        ]
    if not cand.nominal and not mutual:
        owner = _own_object(cand.head, ctx.trigger_heads)
        if owner is not None:
            # "cites maps to back its claims", "give up its weapons": the owner of
            # the thing acted on is the actor, not whom the act is aimed at; an
            # ordinary word with no other recipient is no event
            own = arguments(owner, index)
            recipient = [m for m in recipient if m not in own]
            if need and not recipient:
                return None
    actor = [m for m in actor if m not in recipient] or actor
    if not recipient and plan.mode == "third-party":
        between = (plan.noun or cand).entry.preps or ()
        recipient = [m for m in _mediated_parties(heads, between, index) if m not in actor]
    if mutual and len({m.country for m in actor}) > 1 and not recipient:
        # coordinated parties of different states act on each other; an official
        # and her ministry in apposition are one side
        recipient = list(actor)
    return EventSides(actor=actor, recipient=recipient, need=need)


def _mediated_parties(
    heads: tuple[Token, ...], preps: tuple[str, ...], index: MentionIndex
) -> list[Mention]:
    """The parties a third party mediates between when the trigger's own preposition
    (``preps``, triggers.tsv: "between" for mediate and mediation) hangs on the quarrel,
    not on the mediation: "launched a mediation effort to resolve the rift between Qatar
    and other Gulf states", "offered to mediate in the dispute between X and Y". The
    first such phrase with named parties under the trigger."""
    for head in heads:
        for tok in head.subtree:
            if tok.dep_ == "prep" and tok.lower_ in preps:
                parties = [
                    m
                    for o in tok.children
                    if o.dep_ in ("pobj", "pcomp")
                    for m in arguments(o, index)
                ]
                if parties:
                    return parties
    return []


@cache
def taking_verbs() -> frozenset[str]:
    """Verbs of taking ground from a party (``lexicons/taking_verbs.txt``)."""
    return read_words(DATA_DIR / "lexicons" / "taking_verbs.txt")


def _held_from(verb: Token, recipient: list[Mention], index: MentionIndex) -> list[Mention]:
    """Whom ground is taken from: when no recipient is an actor (a town, a base: "Tabqa",
    "Palmyra" resolve to none) and a "from" phrase names one, that party is the
    recipient, not the ground it held ("the SDF captured the Tabqa airbase from ISIL")."""
    if not all(m.actor_id is None for m in recipient):
        return recipient
    held_by = [
        m
        for obj in _verb_phrase_objects(verb, ("from",))
        if obj.dep_ == "pobj"  # not "from where IS proclaimed its caliphate"
        for m in arguments(obj, index)
        if m.actor_id is not None
    ]
    return held_by or recipient


def _verb_phrase_objects(verb: Token, preps: tuple[str, ...]) -> list[Token]:
    """The objects of ``preps`` phrases on a verb or on its objects: the parser often
    hangs "from ISIL" or "to Russia" on the object rather than the verb."""
    hosts = [verb, *(c for c in verb.children if c.dep_ in OBJECT_DEPS)]
    return [obj for host in hosts for obj in prep_objects(host, preps)]


def _names_own_party(verb: Token, frame: str, index: MentionIndex) -> bool:
    """An infinitive that acts on a party of its own ("invited him to visit Canada",
    "sent envoys to meet Putin"): its doer is the object of the verb it hangs on
    (object control), not the inviter; unlike "called Lavrov to discuss Syria",
    whose object is a topic."""
    if frame != "do" or verb.dep_ != "xcomp":
        return False
    obj = child(verb, OBJECT_DEPS)
    return bool(obj is not None and arguments(obj, index))


# Prepositions by which a verb of meeting or calling names whom it meets ("called
# on X to discuss", "met with X to discuss").
PURPOSE_PARTY_PREPS = ("on", "with")


def _purpose_party(
    verb: Token, actor: list[Mention], recipient: list[Mention], index: MentionIndex
) -> tuple[list[Mention], list[Mention]]:
    """Sides of a mutual act in a purpose infinitive whose verb has an object: "Tillerson
    called Lavrov to discuss", "received the ambassador to discuss", "met with X
    to discuss". Both discuss: the one who called, received or met acts, the
    one called on is the recipient (object control made the object the actor,
    or left it out)."""
    host = verb.head
    if verb.dep_ not in ("xcomp", "advcl") or host.pos_ not in ("VERB", "AUX") or host.i == verb.i:
        return actor, recipient
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return actor, recipient
    obj = child(host, OBJECT_DEPS)
    met = arguments(obj, index) if obj is not None else []
    if not met:
        met = [m for o in prep_objects(host, PURPOSE_PARTY_PREPS) for m in arguments(o, index)]
    doer = arguments(find_subject(host), index)
    if not met or not doer or any(m in met for m in doer):
        return actor, recipient
    return doer, met + [m for m in recipient if m not in met and m not in doer]


# Acts only a state's organs do to people (PLOVER type, mode): their doer, when a
# passive leaves it unsaid, is the state where they are done.
STATE_ACTS = frozenset(
    {
        ("COERCE", "arrest"),
        ("COERCE", "deport"),
        ("COERCE", "restrict"),  # "a group outlawed in Russia", "banned in the country"
        ("SANCTION", "expel"),
        ("RETREAT", "release"),
    }
)
STATE_ACT_PLACE_PREPS = ("in", "from")


def _is_state_act(plan: EventPlan) -> bool:
    return (plan.type, plan.mode) in STATE_ACTS


def _agentless_passive(verb: Token) -> bool:
    """A passive verb with its patient as subject, or a past participle on its
    patient noun ("a group outlawed in Russia"), and no "by" agent."""
    if any(c.dep_ == "agent" for c in verb.children):
        return False
    if _is_participle_on_patient(verb):
        return True
    return any(c.dep_ == "auxpass" for c in verb.children) and any(
        c.dep_ == "nsubjpass" for c in verb.children
    )


def _is_participle_on_patient(verb: Token) -> bool:
    """A bare past participle describing the noun it undergoes ("the Islamic
    State, a terrorist organisation outlawed in Russia"); the parser tags some
    as past tenses."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ in ("VBN", "VBD")
        and verb.head.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ in ("nsubj", "aux", "auxpass") for c in verb.children)
    )


def _bracketed_name(noun: Token, index: MentionIndex) -> list[Mention]:
    """The actor a descriptive phrase set off by a comma or bracket describes:
    "Jabhat al-Nusra (terror group outlawed in Russia)", "the Islamic State, a
    terrorist organisation outlawed in Russia" (the parser seldom makes it an
    apposition)."""
    if noun.dep_ == "appos":
        return arguments(noun.head, index)
    first = noun.left_edge.i
    if noun.doc[first].text in ("(", ","):
        first += 1  # the bracket hangs on the noun itself
    if first < 2 or noun.doc[first - 1].text not in ("(", ","):
        return []
    named = index.at(noun.doc[first - 2])
    return [named] if named is not None else []


# Verbs that have something done to someone: "ordered X detained", "wanted X arrested"
# (the parser often tags the participle as a past tense: "ordered Salman detained").
CAUSATIVE_VERBS = frozenset({"order", "want", "have", "get", "see", "keep", "need", "like"})


CAUSATIVE_DEPS = frozenset({"ccomp", "xcomp", "oprd"})


def _is_ordered_done(verb: Token) -> bool:
    """Is ``verb`` a bare past participle with its own subject, complement of another
    verb ("ordered Ms Salman detained")? Its subject is then its patient."""
    return (
        verb.tag_ in ("VBN", "VBD")
        and verb.dep_ in CAUSATIVE_DEPS
        and verb.head.lemma_.lower() in CAUSATIVE_VERBS
        and child(verb, SUBJECT_DEPS) is not None
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )


def _nominal_sides(
    plan: EventPlan, preps: tuple[str, ...], ctx: SentenceContext
) -> tuple[list[Mention], list[Mention]]:
    """(actor, recipient) of an event noun: its own arguments, else whom it is
    blamed on, else the subject of the plain verb it is the object of."""
    cand, index = plan.candidate, ctx.index
    actor, recipient = nominal_roles(cand.head, preps, index)
    undergoing = undergoing_verb(cand.head, ctx.lexicon)
    if undergoing is not None:
        return _undergone_sides(cand.head, undergoing, actor, recipient, index)
    blamed = _blamed_on(cand.head, ctx.lexicon, index)
    if blamed:
        # "blamed the attack on X": X did it, whatever the parse attached "on X" to
        actor, recipient = blamed, [m for m in recipient if m not in blamed]
    if not actor:
        actor = _accused(cand.head, ctx.lexicon, index)
    if not actor:
        actor = _performer(cand.head, index)
    if not actor:
        subj = _nominal_actor_fallback(cand.head, ctx.lexicon, ctx.trigger_heads)
        actor = arguments(subj, index)
    if not actor and plan.type == "CONSULT":
        actor = arguments(_occasion_subject(cand.head, ctx.lexicon, bool(recipient)), index)
    if plan.noun is not None:
        _, more = nominal_roles(plan.noun.head, preps, index)
        recipient = recipient or more
    if not recipient and cand.head.dep_ in OBJECT_DEPS:
        # "lodged a protest with Albania", "made an appeal to Chile"
        for obj in prep_objects(cand.head.head, (*preps, "with", "to")):
            recipient.extend(arguments(obj, index))
    if not recipient:
        recipient = [m for m in _infinitive_parties(cand.head, index) if m not in actor]
    return actor, recipient


def _infinitive_parties(noun: Token, index: MentionIndex) -> list[Mention]:
    """Whom the act an event noun's infinitive names is aimed at: "Cuba's refusal
    to engage with the Colombian government", "a threat to attack Israel", "the
    decision to cut ties with Qatar" (its object or a recipient preposition)."""
    for verb in noun.children:
        if verb.dep_ not in ("acl", "xcomp") or verb.pos_ != "VERB":
            continue
        if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
            continue
        found = arguments(child(verb, OBJECT_DEPS), index)
        for target in prep_objects(verb, EMBEDDED_PREPS):
            found.extend(arguments(target, index))
        if found:
            return found
    return []


# Prepositions that name the doer of an event noun its undergoer faces ("criticism
# from the UN", "airstrikes by Israel", "the backing of Russia").
UNDERGONE_DOER_PREPS = ("from", "by", "of")


def undergoing_verb(noun: Token, lexicon: Lexicon) -> Token | None:
    """The verb whose subject undergoes an event noun (``undergoing_verbs.txt``):
    the noun is its object ("Iran faces criticism", "drew condemnation") or the
    object of its listed preposition ("came under attack"); else None."""
    if noun.dep_ in OBJECT_DEPS and noun.head.lemma_.lower() in lexicon.undergoing_verbs:
        return noun.head
    prep = noun.head
    under = f"{prep.head.lemma_.lower()} {prep.lower_}"  # "come under"
    if noun.dep_ == "pobj" and prep.dep_ == "prep" and under in lexicon.undergoing_verbs:
        return prep.head
    return None


def _undergone_sides(
    noun: Token,
    verb: Token,
    actor: list[Mention],
    recipient: list[Mention],
    index: MentionIndex,
) -> tuple[list[Mention], list[Mention]]:
    """(actor, recipient) of an event noun its verb's subject undergoes: the
    subject is the recipient ("Iran's government faces criticism"), the doer is
    the noun's own ("US sanctions") or the one its "from"/"by"/"of" phrase names,
    on the noun or on the verb ("faces criticism from the UN"). Never the
    subject: in the 2017 store it had been coded as the critic, the threatener
    or the bomber of the one who faced it."""
    undergoer = arguments(find_subject(verb), index)
    if not actor:
        for host in (noun, verb):
            for obj in prep_objects(host, UNDERGONE_DOER_PREPS):
                actor.extend(m for m in arguments(obj, index) if m not in undergoer)
            if actor:
                break
    actor = [m for m in actor if m not in undergoer]
    recipient = undergoer + [m for m in recipient if m not in undergoer and m not in actor]
    return actor, recipient
