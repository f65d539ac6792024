"""The event coder: a parsed Doc and its actor mentions to PLOVER events.

``extract_events`` runs these steps on each document; each is a function below
it, numbered alike:

0. code nothing in a document of several sentences that names no political
   actor (``gating.is_political_document``);
1. find trigger candidates (``triggers.find_triggers``);
2. pair light and absorbing verbs with the event noun they carry ("held
   talks", "launched an attack", "signed a deal"): one event, not two (``_plan``);
3. drop a negating verb's own event when it governs another trigger
   ("declined to condemn" is a negative condemnation, not a rejection) and a
   request verb that states an aim (``_plan``);
4. keep only triggers used as event words (``_states_an_event``);
5. read actor and recipient off the parse (``_read_sides``, over ``roles``),
   listing coordinated parties of a mutual event on both sides;
6. read polarity, tense, certainty and attribution, date and quantities
   (``_attribute_event``, over ``attributes``); score from the PLOVER table; a
   confidence from how much was found; a deterministic id. Event nouns with no
   argument, date or quantity of their own ("the attack") mostly repeat an event
   already coded and are left out;
7. add the events an event implies: a refusal is a REJECT, a stated future act
   a promise or threat (``_implied_events``);
8. take recipients from governed clauses and conditions, and aim domestic
   protest at its government (``_fill_recipients``, ``_domestic_target``);
9. keep an ordinary word's event only with a political side (``gating``);
10. give a transfer with no receiver the party its giver dealt with just before
   (``_discourse_receivers``);
11. name the target of an event still without a recipient from its object
   ("detained 18 people", ``_object_targets``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from entente.events import attributes as attrs
from entente.events import quantities as amounts
from entente.events import sources
from entente.events.dates import date_of, is_staged_in_future
from entente.events.gating import (
    has_party,
    has_political_object,
    is_organ,
    is_political_document,
)
from entente.events.roles import (
    FIRST_PERSON,
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    MentionIndex,
    arguments,
    candidate_preps,
    child,
    find_subject,
    location_recipient,
    nominal_roles,
    object_phrase_recipients,
    prep_objects,
    verbal_roles,
)
from entente.events.triggers import Candidate, Lexicon, doer_of, find_triggers, token_strings
from entente.events.triggers import load_lexicon as _load_lexicon
from entente.records import (
    Actor,
    ActorRef,
    Document,
    Event,
    EventDate,
    Evidence,
    Mention,
)

__all__ = ["Lexicon", "event_to_record", "extract_events", "load_lexicon"]

# How much each finding adds to an event's confidence (hand-set; re-check the
# seeds' "read" precision after changing them).
CONFIDENCE_BASE = 0.35
NON_CLAUSE_DEPS = frozenset({"prep", "mark", "case", "amod", "compound"})
# Named things whose words are no events ("Support" in a mission's name)
NAME_ENTITIES = frozenset({"ORG", "WORK_OF_ART", "LAW", "FAC", "PRODUCT"})
CONFIDENCE_ACTOR = 0.3
CONFIDENCE_RECIPIENT = 0.15
CONFIDENCE_VERBAL = 0.1


def load_lexicon(data_dir: Path | None = None) -> Lexicon:
    """Read and check the PLOVER table and the trigger and cue lexicons.

    ``data_dir`` holds ``plover.yaml`` and ``lexicons/``; by default the package's
    ``data/``. Raises ``entente.errors.DataFileError(path, line, problem)``.
    """
    return _load_lexicon(data_dir)


@dataclass(slots=True)
class _Plan:
    """A candidate after pairing: the predicate that carries clause attributes and
    the event noun (if any) that supplies type and own arguments."""

    candidate: Candidate
    pred: Token
    noun: Candidate | None
    type: str
    mode: str | None


def _event_noun_under(token: Token, by_head: dict[int, Candidate]) -> Candidate | None:
    """An event noun that is ``token``'s object (or the "of" complement of it)."""
    for c in token.children:
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


def _plan(candidates: list[Candidate], lexicon: Lexicon) -> list[_Plan]:
    by_head = {c.head.i: c for c in candidates}
    absorbed: set[int] = set()
    plans: list[_Plan] = []
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
                plans.append(_Plan(cand, cand.head, noun, noun.entry.type, noun.entry.mode))
                continue
        if entry.type is None:
            continue
        plans.append(_Plan(cand, cand.head, noun, entry.type, entry.mode))
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


def _asked_acts(plans: list[_Plan], aims: set[int], lexicon: Lexicon) -> set[int]:
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


def _labour_strike_reading(plan: _Plan, lexicon: Lexicon) -> tuple[str, str | None] | None:
    """(PROTEST, strike) for "strike" as a stoppage of work: a modifier or the verb
    that takes it says so (labour_strike_words.txt: "an all-out strike", "called a
    strike")."""
    noun = plan.noun or (plan.candidate if plan.candidate.nominal else None)
    if plan.type != "ASSAULT" or noun is None or noun.head.lemma_.lower() != "strike":
        return None
    head, words = noun.head, lexicon.labour_strike_words
    modifiers = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
    if any(m.lower_ in words or m.lemma_.lower() in words for m in modifiers) or (
        head.dep_ in OBJECT_DEPS and head.head.lemma_.lower() in words
    ):
        return "PROTEST", "strike"
    return None


def _peacekeeping_reading(plan: _Plan, lexicon: Lexicon) -> tuple[str, str | None] | None:
    """AID for a deployment of peacekeepers or observers ("deployed as peacekeeping
    forces", "sending troops to the UN peacekeeping force"; peacekeeping_words.txt):
    personnel sent to help, not a show of force."""
    if plan.type != "MOBILIZE":
        return None
    head = (plan.noun or plan.candidate).head
    if any(t.lemma_.lower() in lexicon.peacekeeping_words for t in head.subtree):
        return "AID", None
    return None


def _police_reading(plan: _Plan, lexicon: Lexicon) -> tuple[str, str | None] | None:
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
    return token is not None and (token.ent_type_ in labels or token.lower_ in PERSONAL_PRONOUNS)


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
        if c.dep_ == "prep" and c.lower_ == "for" and child(c, "pcomp") is not None:
            return True
    return False


def _attacks_a_thing_of_words(plan: _Plan, lexicon: Lexicon) -> bool:
    """Is an attack aimed at a thing only words can attack ("attacks on the media",
    "attacked the judiciary"; verbal_attack_targets.txt)?"""
    head = (plan.noun or plan.candidate).head
    if head.lemma_.lower() != "attack":
        return False
    targets = [c for c in head.children if c.dep_ in OBJECT_DEPS]
    targets += prep_objects(head, ("on", "against"))
    return any(t.lemma_.lower() in lexicon.verbal_attack_targets for t in targets)


def _verbal_attack_reading(plan: _Plan, lexicon: Lexicon) -> tuple[str, str | None] | None:
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


def _protest_reading(plan: _Plan) -> tuple[str, str | None] | None:
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


def _nominal_actor_fallback(noun: Token, lexicon: Lexicon, trigger_heads: set[int]) -> Token | None:
    """The clause subject for an event noun that is the object of a plain verb
    ("Iran repeated its threats"); not for nouns in a prepositional phrase
    ("aligned with the US after the attacks")."""
    verb = noun.head if noun.dep_ in OBJECT_DEPS else None
    if verb is None or verb.i in trigger_heads:
        return None
    lemma = verb.lemma_.lower()
    if lemma in lexicon.governor_cues and lemma not in lexicon.declaring_verbs:
        return None  # "X reported the attack": a reporter; "X declared a ceasefire": its actor
    if lemma in lexicon.causing_verbs:
        return None  # "Theo's case prompted protests": a cause, not the protesters
    subj = find_subject(verb)
    if subj is not None and subj.lower_ in FIRST_PERSON:
        return None  # '"We must see the attacks ..."': a speaker who sees them
    return subj


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


# A negated acceptance ("will not accept the deal") is a rejection as well as an
# agreement that did not happen. "Refused/declined to X" is not: DESIGN.md codes
# it as X with negative polarity, one event, so that "declined to condemn" never
# reads as something Russia did to Hamas.
ACCEPTANCE_VERBS = frozenset({"accept", "agree", "approve", "endorse"})
REFUSAL_VERBS = frozenset({"refuse", "decline"})
# Tags of the words that open an indirect question ("asked how ...", "asked what ...").
WH_TAGS = frozenset({"WRB", "WP", "WP$", "WDT"})
QUESTION_MARKS = frozenset({"whether", "if"})


def _asks_a_question(verb: Token) -> bool:
    """Is a verb of asking followed by an indirect question ("was asked how Russia
    could ...", "asked whether talks would resume")? A question put to someone is
    no request that they act."""
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        first = clause.doc[clause.left_edge.i]
        if first.tag_ in WH_TAGS or any(
            c.dep_ == "mark" and c.lower_ in QUESTION_MARKS for c in clause.children
        ):
            return True
    return False


def _refusal(plan: _Plan, polarity: str, governors, quad: str) -> Token | None:
    """The word that makes a negative event a REJECT too: a negated acceptance
    ("will not accept"), or a refusal of a cooperative act ("refused to withdraw",
    "declined to resign": PLOVER's refusing to yield or to help). A refusal of a
    hostile act ("declined to condemn") is only that act, negative."""
    for kind, gov in governors:
        # "will not end the strike", "will never stop its war": a refusal to yield
        if kind == "cease" and _stated_refusal(gov):
            return gov
    if polarity != "negative":
        return None
    pred = plan.pred
    if not plan.candidate.nominal and pred.lemma_.lower() in ACCEPTANCE_VERBS:
        return pred
    if quad in COOPERATIVE_QUADS and not plan.candidate.nominal:
        for kind, gov in governors:
            if kind == "negate" and gov.lemma_.lower() in REFUSAL_VERBS:
                return gov
        if _stated_refusal(pred):
            return pred  # "will not lift the ban", "would not release": a refusal stated
    return None


def _refusal_words(verb: Token) -> Span | None:
    """The words that refuse when the act's own verb is negated ("will not lift the
    ban": "will not"): the refusal was stated, the act was not done, and each keeps
    its own trigger (UW factuality gold scores "lift" there as not happening).
    None when the auxiliary and negation are not side by side."""
    marks = sorted(
        (c for c in verb.children if c.dep_ in ("aux", "neg") or c.lower_ == "never"),
        key=lambda t: t.i,
    )
    negation = next((t for t in marks if t.dep_ == "neg" or t.lower_ == "never"), None)
    if negation is None:
        return None
    aux = next((t for t in reversed(marks) if t.dep_ == "aux" and t.i < negation.i), None)
    start = aux.i if aux is not None and negation.i - aux.i <= 2 else negation.i
    return verb.doc[start : negation.i + 1]


def _stated_refusal(verb: Token) -> bool:
    """Is ``verb`` negated with a stated future ("will not", "would never")?"""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    negated = any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children)
    return negated and bool(aux & STATED_FUTURE)


STATED_FUTURE = frozenset({"will", "would", "shall", "'ll", "'d", "wo"})
SPECULATIVE = frozenset({"could", "might", "may", "can"})
COOPERATIVE_QUADS = frozenset({"verbal-coop", "material-coop"})
PROSPECT_KINDS = frozenset({"future", "hypothetical"})


def _intent_type(
    plan: _Plan, quad: str, polarity: str, governors, trigger_heads, lexicon: Lexicon
) -> str | None:
    """PLOVER codes a stated future action as intent: a cooperative one is a
    promise (AGREE: "Finland will give Tanzania a grant", "said it is prepared to
    lift the ban"), a material conflict or one made conditional ("unless ...") is a
    THREATEN ("said they would boycott the talks"). None when the text already
    codes the intent (a governing trigger: "promised to", "threatened to"), when
    the action is merely possible ("could strike") or negative."""
    pred = plan.pred
    if polarity != "positive" or plan.candidate.nominal:
        return None
    aux = {c.lower_ for c in pred.children if c.dep_ in ("aux", "auxpass")}
    if aux & SPECULATIVE or any(g.i in trigger_heads for _, g in governors):
        return None
    stated = bool(aux & STATED_FUTURE) or any(
        kind == "future" and g.i != pred.i and g.pos_ in ("VERB", "AUX", "ADJ")
        for kind, g in governors
    )
    if not stated:
        return None
    held = pred.head if pred.dep_ in ("acl", "ccomp") and pred.head.pos_ == "NOUN" else None
    if any(kind in PROSPECT_KINDS and g.pos_ == "NOUN" for kind, g in governors) or (
        held is not None and lexicon.governor_cues.get(held.lemma_.lower()) in PROSPECT_KINDS
    ):
        # "with the expectation that X will intensify", "fears that X would strike":
        # a prospect somebody holds, not the actor's own promise or threat
        return None
    conditional = any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
        for c in pred.children
    )
    if plan.type != "THREATEN" and (quad == "material-conflict" or conditional):
        return "THREATEN"
    if plan.type != "AGREE" and quad in COOPERATIVE_QUADS:
        # a meeting announced by its party ("X will meet Y", "X will visit Y") is
        # also an agreement to meet (PLOVER AGREE); the CONSULT stays, future
        return "AGREE"
    return None


def _intent_word(plan: _Plan, governors) -> Span | None:
    """The word that states a promise or threat when it is not the act's own
    auxiliary: "plans to deploy", "is willing to withdraw", "ready to talks".
    The promise was made; the act it names was not (yet), so the two keep apart
    words (UW factuality gold scores "withdraw" in "was willing to withdraw" as
    uncertain, "plans" as factual). None when only "will"/"would" states it: the
    act's word stays the trigger."""
    pred = plan.pred
    for kind, g in governors:
        # a governor is a word, or a phrase the cue lexicon names ("in case")
        word = g if isinstance(g, Token) else g.root
        if kind == "future" and word.i != pred.i and word.pos_ in ("VERB", "ADJ"):
            return word.doc[word.i : word.i + 1]
    return None


def _own_statement(event: Event, word: Span) -> dict[str, Any]:
    """A promise or threat read off its own word ("Iran plans to deploy") is its
    maker's act, stated by the narrator: the plan's maker, named as the act's claimant
    (attributes step 6), claims nothing about the plan itself. A report above it
    ("officials said Iran plans ...") still holds."""
    source = event.attributed_to
    if source is None or source.cue != word.root.lemma_.lower():
        return {}
    return {"certainty": "asserted", "attributed_to": None}


def _statement_date(act: EventDate, published: str | None) -> EventDate:
    """The date of a promise, threat or stated refusal: the act's date when it is
    past, else the publication month ("will host X on April 3" is promised now,
    not on April 3; "will not visit before Wednesday" is refused now)."""
    if act.start and published and act.start > published[: len(act.start)]:
        return EventDate(start=published[:7], precision="month", basis="publication")
    return act


def _predicted_by_other(event: Event) -> bool:
    """Is a future act believed by someone other than its actor ("analysts believe
    X and Y will meet"), or reported by a source of another state? A forecast, not
    a promise or threat. A report by an unplaced source ("a statement said") or of
    an act with no known actor stays a promise."""
    source = event.attributed_to
    actors = {r.country for r in event.actor}
    if source is None or not actors or source.country in actors:
        return False
    return event.certainty == "alleged" or (
        event.certainty == "reported" and source.country is not None
    )


def _same_side(a: Mention, b: Mention) -> bool:
    """One state's same organ (country and sector both known and equal)."""
    return (
        a.country is not None
        and a.sector is not None
        and a.country == b.country
        and (a.sector == b.sector)
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


def _adjectival(verb: Token) -> bool:
    """A participle joined to an adjective or used as a complement adjective."""
    return verb.dep_ in ("acomp", "oprd") or (verb.dep_ == "conj" and verb.head.pos_ == "ADJ")


def _same_parties(a: list[Mention], b: list[Mention]) -> bool:
    """Are two sides the very same mentions (a pronoun bound back to the actor)?
    Two mentions of one country ("Palestinian police ... Palestinian groups") are
    a domestic event, not this."""

    def spans(side: list[Mention]) -> set[tuple[int, int]]:
        return {(m.start, m.end) for m in side}

    return spans(a) == spans(b)


def _refs(mentions: list[Mention], names: dict[str, Actor]) -> list[ActorRef]:
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


@dataclass(slots=True)
class _Context:
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
class _Sides:
    """Actor and recipient mentions of one planned event, and who must take part
    in it for it to be political (``need``: "" nobody, "party" a political actor
    or recipient, "actor" a political actor)."""

    actor: list[Mention]
    recipient: list[Mention]
    need: str


@dataclass(slots=True)
class _Coded:
    """A coded event with the predicate it was read off (the later steps climb
    the parse from it), its ``need`` (see ``_Sides``), whether its actor is an
    organ of a state, and the governor cues above it."""

    event: Event
    pred: Token
    need: str
    organ: bool
    governors: list[tuple[str, Token]]
    # the object named as the event's target when no actor is (step 11)
    target: list[ActorRef]


def extract_events(
    doc: Doc,
    document: Document,
    mentions: list[Mention],
    lexicon: Lexicon,
    actors: list[Actor] | None = None,
) -> list[Event]:
    """Code the events of one parsed document (the steps of the module docstring).

    ``doc`` is ``document.text`` parsed; ``mentions`` carry character offsets into
    it. ``actors`` (optional) gives canonical names and Wikidata ids by actor id.
    """
    names = {a.id: a for a in actors or []}
    sentences = sum(1 for _ in doc.sents)
    if not is_political_document(sentences, mentions, lexicon, names):  # 0
        return []
    strings = token_strings(doc)
    candidates = find_triggers(doc, lexicon, strings)  # 1
    ctx = _Context(
        doc=doc,
        document=document,
        lexicon=lexicon,
        names=names,
        index=MentionIndex(doc, mentions),
        view=attrs.DocView(doc, strings),
        trigger_heads={c.head.i for c in candidates},
        typed_heads={c.head.i for c in candidates if c.entry.type is not None},
        published=document.published.value if document.published else None,
    )
    coded: list[_Coded] = []
    for plan in _plan(candidates, lexicon):  # 2-3
        if not _states_an_event(plan):  # 4
            continue
        sides = _read_sides(plan, ctx)  # 5
        if sides is None:
            continue
        event = _attribute_event(plan, sides, ctx)  # 6
        if event is None:
            continue
        coded.append(event)
        coded.extend(_implied_events(plan, event, ctx))  # 7
        coded.extend(_contested(event, ctx))  # 7b
    coded = _fill_recipients(coded, ctx.index, ctx.names)  # 8
    coded = [replace(c, event=_domestic_target(c.event, ctx.names, c.organ)) for c in coded]
    kept = [c for c in coded if has_party(c.event, c.need, lexicon, ctx.names)]  # 9
    events = _discourse_receivers(kept)  # 10
    return [  # 11
        replace(e, recipient=c.target) if not e.recipient and c.target else e
        for e, c in zip(events, kept, strict=True)
    ]


QUOTES = frozenset({'"', "“", "‘", "'", "«"})


def _in_a_name(noun: Token) -> bool:
    """Is an event noun capitalised inside a sentence as a word of a proper name
    ("pull out of the Paris Agreement", "the 8th BRICS Summit")? Of the 53 such
    events of the 2017 store, 28 of 30 read (seed 3) named an agreement or a
    meeting rather than stating one."""
    if not noun.is_title or noun.is_sent_start or noun.i == 0:
        return False
    if noun.doc[noun.i - 1].text in QUOTES:
        return False
    return noun.tag_ in ("NNP", "NNPS") or any(
        c.dep_ == "compound" and c.pos_ == "PROPN" for c in noun.children
    )


OPENING_BRACKETS = {"(": ")", "[": "]"}


def _bracketed_participle(verb: Token) -> bool:
    """Is a trigger a bare past participle inside brackets, describing what stands
    before them ("the Islamic State (terrorist group, outlawed in Russia)")? Such an
    aside states a standing fact, not news: the whole 2017 store had 31 "outlawed in
    Russia" events, all of this kind."""
    if verb.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    sent = verb.sent
    for t in reversed(sent[: verb.i - sent.start]):
        if t.text in OPENING_BRACKETS.values():
            return False
        if t.text in OPENING_BRACKETS:
            closing = OPENING_BRACKETS[t.text]
            return any(u.text == closing for u in sent[verb.i - sent.start :])
    return False


def _states_an_event(plan: _Plan) -> bool:
    """Step 4: is the trigger used as an event word here, not as a preposition,
    part of a name, an adjective, a kind of thing or a question?"""
    cand = plan.candidate
    if not cand.nominal and cand.head.dep_ in NON_CLAUSE_DEPS:
        return False  # "Given the humiliation ...": a verb form used as a preposition
    if cand.head.ent_type_ in NAME_ENTITIES:
        return False  # "the ... Support and Stabilization Mission": a word of a name
    if cand.nominal and _in_a_name(cand.head):
        return False  # "the Paris Agreement", "the Minsk Agreement": a thing named
    if not cand.nominal and _bracketed_participle(cand.head):
        return False  # "the Islamic State (outlawed in Russia)": a standing aside
    if not cand.nominal and (_adjectival(cand.head) or cand.head.tag_ == "JJ"):
        return False  # "friendly and accepting", "what's striking": an adjective
    if cand.nominal and cand.head.dep_ == "compound" and cand.end - cand.start == 1:
        return False  # "protest leaders", "aid workers": a modifier names a kind, not an event
    # "was asked how ...": a question, not a request
    return not (plan.type == "REQUEST" and not cand.nominal and _asks_a_question(cand.head))


def _read_sides(plan: _Plan, ctx: _Context) -> _Sides | None:
    """Step 5: actor and recipient off the parse, then the corrections that keep
    the actor's own things and own government off the recipient side. None when
    an ordinary word acts only on the actor's own thing ("give up its weapons")."""
    cand, lexicon, index = plan.candidate, ctx.lexicon, ctx.index
    ptype = lexicon.ptype(plan.type)
    stated_by = plan.noun.entry if plan.noun and cand.entry.frame == "light" else cand.entry
    need = "party" if lexicon.needs_party(stated_by, plan.type) else ""
    heads = (cand.head, plan.noun.head) if plan.noun else (cand.head,)
    if any(has_political_object(h, lexicon.political_objects) for h in heads):
        need = ""
    preps = candidate_preps(plan.noun or cand, lexicon, plan.type)
    if plan.noun is None and cand.entry.type not in (None, plan.type):
        # read as another type by its syntax (a protest lodged *with* someone)
        preps = (*ptype.recipient_preps, "with", "to")
    if cand.nominal:
        actor, recipient = _nominal_sides(plan, preps, ctx)
    else:
        frame = "give" if plan.noun is not None else cand.entry.frame
        own_words = range(cand.start, cand.end)
        actor, recipient, _ = verbal_roles(cand.head, frame, preps, index, own_words)
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
    if recipient and actor and not mutual and _same_parties(recipient, actor):
        # "Baghdad accepted its terms", "withdrew its troops from X": a pronoun
        # bound to the actor itself says nothing about whom the event is aimed at
        recipient = []
        if not cand.nominal:
            hosts = [cand.head, *(c for c in cand.head.children if c.dep_ in OBJECT_DEPS)]
            for host in hosts:
                for obj in prep_objects(host, preps):
                    recipient.extend(m for m in arguments(obj, index) if m not in actor)
            if not recipient:
                # "reneged on his commitment to the people": whom the actor's
                # own thing is for
                recipient = object_phrase_recipients(cand.head, preps, index, actor)
    recipient = _placed_recipient(plan, actor, recipient, ctx)
    if recipient and actor and ptype.quad in COOPERATIVE_QUADS:
        # "Modi will discuss upgrading India's ties": cooperation with the actor's
        # own government (same state, same sector) is not aimed at it; conflict
        # inside one state (a deputy protesting the president) is domestic
        recipient = [m for m in recipient if not any(_same_side(m, a) for a in actor)]
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
    if mutual and len({m.country for m in actor}) > 1 and not recipient:
        # coordinated parties of different states act on each other; an official
        # and her ministry in apposition are one side
        recipient = list(actor)
    return _Sides(actor=actor, recipient=recipient, need=need)


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
    plan: _Plan, preps: tuple[str, ...], ctx: _Context
) -> tuple[list[Mention], list[Mention]]:
    """(actor, recipient) of an event noun: its own arguments, else whom it is
    blamed on, else the subject of the plain verb it is the object of."""
    cand, index = plan.candidate, ctx.index
    actor, recipient = nominal_roles(cand.head, preps, index)
    blamed = _blamed_on(cand.head, ctx.lexicon, index)
    if blamed:
        # "blamed the attack on X": X did it, whatever the parse attached "on X" to
        actor, recipient = blamed, [m for m in recipient if m not in blamed]
    if not actor:
        actor = _accused(cand.head, ctx.lexicon, index)
    if not actor:
        subj = _nominal_actor_fallback(cand.head, ctx.lexicon, ctx.trigger_heads)
        actor = arguments(subj, index)
    if plan.noun is not None:
        _, more = nominal_roles(plan.noun.head, preps, index)
        recipient = recipient or more
    if not recipient and cand.head.dep_ in OBJECT_DEPS:
        # "lodged a protest with Albania", "made an appeal to Chile"
        for obj in prep_objects(cand.head.head, (*preps, "with", "to")):
            recipient.extend(arguments(obj, index))
    return actor, recipient


def _placed_recipient(
    plan: _Plan, actor: list[Mention], recipient: list[Mention], ctx: _Context
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
        for host in hosts:
            placed = location_recipient(host, index)
            if placed:
                return recipient + placed
    if not recipient and (actor or not cand.nominal) and ptype.place_as_recipient(plan.mode):
        recipient = location_recipient(plan.noun.head if plan.noun else cand.head, index)
        if not recipient and plan.noun is not None:
            recipient = location_recipient(cand.head, index)
    return recipient


def _attribute_event(plan: _Plan, sides: _Sides, ctx: _Context) -> _Coded | None:
    """Step 6: the event with its clause attributes (``attributes``), score,
    confidence and id. None for an event noun with no side, date or quantity of
    its own ("the attack"): it mostly repeats an event already coded."""
    cand, lexicon, view, doc = plan.candidate, ctx.lexicon, ctx.view, ctx.doc
    ptype = lexicon.ptype(plan.type)
    noun = plan.noun.head if plan.noun else (cand.head if cand.nominal else None)
    pred = plan.pred
    sent = view.sentence(cand.head)
    governors = attrs.governors_of(pred, lexicon, view)
    if cand.nominal and pred.dep_ in OBJECT_DEPS and not attrs.presupposed(pred, lexicon):
        governors += [g for g in attrs.governors_of(pred.head, lexicon, view) if g[0] != "negate"]
    polarity = attrs.polarity_of(pred, lexicon, governors)
    tense = attrs.tense_of(pred, lexicon, governors)
    staged = noun if noun is not None else pred
    others = ctx.typed_heads - {cand.head.i}
    host = staged.head.lemma_.lower()
    if host in lexicon.ongoing_event_verbs or lexicon.governor_cues.get(host) in (
        "cease",
        "presuppose",
    ):
        others = others | {staged.head.i}  # "will not end the strike": it is going on
    staged_ahead = not attrs.presupposed(staged, lexicon) and is_staged_in_future(staged, others)
    if tense == "actual" and staged_ahead:
        tense = "future"  # "will hold talks", "will take part in a meeting"
    certainty, attribution = sources.certainty_of(pred, lexicon, governors, ctx.index, view)
    date = date_of(pred, noun if noun is not None else pred, view, ctx.published, tense)
    quantities = amounts.quantities_of(noun if noun is not None else pred, lexicon, view)
    actor, recipient = sides.actor, sides.recipient
    if cand.nominal and not actor and not recipient and date.basis != "text" and not quantities:
        return None
    mode = plan.mode
    if plan.type == "ASSAULT" and mode is None:
        mode = amounts.assault_mode(noun if noun is not None else pred, lexicon)
    trigger_span = doc[cand.start : cand.end]
    confidence = CONFIDENCE_BASE + CONFIDENCE_ACTOR * bool(actor)
    confidence += CONFIDENCE_RECIPIENT * bool(recipient) + CONFIDENCE_VERBAL * (not cand.nominal)
    event = Event(
        id=event_id(ctx.document.id, trigger_span.start_char, plan.type),
        doc_id=ctx.document.id,
        sentence=view.sent_number[cand.head.i],
        type=plan.type,
        mode=mode,
        score=ptype.score_for(mode),
        actor=_refs(actor, ctx.names),
        recipient=_refs(recipient, ctx.names),
        date=date,
        certainty=certainty,
        polarity=polarity,
        tense=tense,
        attributed_to=attribution,
        quantities=quantities,
        evidence=Evidence(
            sentence=sent.text,
            start=sent.start_char,
            end=sent.end_char,
            trigger=trigger_span.text,
            trigger_start=trigger_span.start_char,
            trigger_end=trigger_span.end_char,
        ),
        confidence=round(min(confidence, 0.95), 2),
    )
    organ = any(is_organ(m, ctx.names) for m in actor)
    return _Coded(
        event=event,
        pred=pred,
        need=sides.need,
        organ=organ,
        governors=governors,
        target=[] if recipient else _object_targets(plan, ctx),
    )


def _implied_events(plan: _Plan, coded: _Coded, ctx: _Context) -> list[_Coded]:
    """Step 7: the events an event implies: a refusal of a cooperative act or a
    negated acceptance is a REJECT too; a stated future act of the actor's own is
    a promise (AGREE) or threat (THREATEN), unless others forecast it."""
    lexicon = ctx.lexicon
    event = coded.event
    ptype = lexicon.ptype(plan.type)
    governors = coded.governors
    implied: list[_Coded] = []
    refusal = _refusal(plan, event.polarity, governors, ptype.quad)
    if refusal is not None and "REJECT" in lexicon.types and plan.type != "REJECT":
        word = _refusal_words(refusal) if refusal.i == plan.pred.i else None
        word = word or ctx.doc[refusal.i : refusal.i + 1]
        rejection = replace(
            event,
            id=event_id(ctx.document.id, word.start_char, "REJECT"),
            type="REJECT",
            mode=None,
            score=lexicon.ptype("REJECT").score_for(None),
            polarity="positive",
            # "will not lift the ban" is a refusal stated now
            tense="actual" if _stated_refusal(refusal) else event.tense,
            date=_statement_date(event.date, ctx.published)
            if _stated_refusal(refusal)
            else event.date,
            quantities=[],
            evidence=replace(
                event.evidence,
                trigger=word.text,
                trigger_start=word.start_char,
                trigger_end=word.end_char,
            ),
        )
        implied.append(replace(coded, event=rejection))
    intent = _intent_type(plan, ptype.quad, event.polarity, governors, ctx.trigger_heads, lexicon)
    if intent is not None and (_predicted_by_other(event) or attrs.is_forecast(lexicon, governors)):
        # a forecast ("analysts say X would") is no promise or threat
        intent = None
    if intent is not None and intent in lexicon.types:
        mode = "violence" if intent == "THREATEN" and ptype.name == "ASSAULT" else None
        word = _intent_word(plan, governors)
        promise = replace(
            event,
            id=event_id(ctx.document.id, event.evidence.trigger_start, intent),
            type=intent,
            mode=mode,
            score=lexicon.ptype(intent).score_for(mode),
            tense="actual",
            date=_statement_date(event.date, ctx.published),
            quantities=[],
            **({} if word is None else _own_statement(event, word)),
            evidence=event.evidence
            if word is None
            else replace(
                event.evidence,
                trigger=word.text,
                trigger_start=word.start_char,
                trigger_end=word.end_char,
            ),
        )
        # a promise or a threat is somebody's
        implied.append(replace(coded, event=promise, need="actor"))
    return implied


# Types whose event noun takes its target with "of" ("the arrest of X", "an
# investigation of X", "the release of X"); for others "of" names the doer or a part.
PATIENT_OF_TYPES = frozenset({"ACCUSE", "COERCE", "ASSAULT", "RETREAT", "SANCTION", "CONCEDE"})
# Entity labels of an object that names a target the registry does not know.
TARGET_ENTITIES = frozenset({"PERSON", "NORP", "GPE", "LOC", "FAC", "ORG"})
# Quantifier heads that pass to their "of" phrase ("one of two men").
PARTITIVE_WORDS = frozenset(
    {"one", "two", "some", "many", "several", "dozens", "hundreds", "thousands", "all", "most"}
)


def _object_targets(plan: _Plan, ctx: _Context) -> list[ActorRef]:
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
    if not cand.nominal and cand.entry.frame != "give":
        for c in cand.head.children:
            if c.dep_ not in OBJECT_DEPS and c.dep_ not in PASSIVE_SUBJECT_DEPS:
                continue
            if c.i not in ctx.trigger_heads:
                objects.append(c)
            elif plan.type == "ACCUSE":
                # "condemned an anarchic protest by white farmers": whoever did
                # the act condemned is whom the condemnation aims at
                objects += prep_objects(c, ("by",))
    for h in dict.fromkeys((cand.head, host)):
        objects += prep_objects(h, preps)
    if (plan.noun or cand.nominal) and plan.type in PATIENT_OF_TYPES:
        objects += prep_objects(host, ("of",))
    for obj in objects:
        if obj.lower_ in PARTITIVE_WORDS:
            obj = next(iter(prep_objects(obj, ("of",))), obj)
        ref = _target_ref(obj, ctx)
        if ref is not None:
            return [ref]
    return []


def _target_ref(obj: Token, ctx: _Context) -> ActorRef | None:
    if ctx.index.at(obj) is not None or obj.pos_ == "PRON":
        return None  # a known actor was the role reader's to find
    if obj.lemma_.lower() not in ctx.lexicon.target_nouns and obj.ent_type_ not in TARGET_ENTITIES:
        return None
    words = [t for t in obj.doc[obj.left_edge.i : obj.i + 1] if t.dep_ not in ("det", "punct")]
    country = None
    for t in obj.subtree:
        m = ctx.index.at(t)
        if m is not None and m.country:
            country = m.country
            break
    name = " ".join(t.text for t in words) or obj.text
    sector = "CVL" if obj.lemma_.lower() in ctx.lexicon.target_nouns and country else None
    return ActorRef(name=name, country=country, sector=sector, actor_id=None, wikidata=None)


def _contested(coded: _Coded, ctx: _Context) -> list[_Coded]:
    """Step 7b: a claimed event the text also says is denied ("accused Iran of
    arming rebels, a charge Tehran dismissed") is kept twice: as the accuser's
    claim and as the denier's denial, so a claim shows who asserts and who denies."""
    event = coded.event
    contest = sources.contest_of(
        coded.pred, event.certainty, coded.governors, ctx.lexicon, ctx.index
    )
    if contest is None:
        return []
    denial = replace(
        event,
        id=event_id(ctx.document.id, contest.word.idx, event.type),
        certainty=contest.certainty,
        attributed_to=contest.denier,
    )
    sent = ctx.view.sentence(contest.word)
    if not sent.start <= coded.pred.i < sent.end:
        # "X accused Y of arming rebels. Y denied the allegations.": the denial is
        # read in its own sentence, on the words that name the claim
        word = (
            contest.noun
            if contest.noun is not None and contest.noun.i in range(sent.start, sent.end)
            else contest.word
        )
        denial = replace(
            denial,
            sentence=ctx.view.sent_number[word.i],
            evidence=Evidence(
                sentence=sent.text,
                start=sent.start_char,
                end=sent.end_char,
                trigger=word.text,
                trigger_start=word.idx,
                trigger_end=word.idx + len(word.text),
            ),
        )
    return [replace(coded, event=denial)]


# sentences before a transfer in which its receiver may have been named
RECEIVER_REACH = 2


def _discourse_receivers(coded: list[_Coded]) -> list[Event]:
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
        out.append(event)
    return out


def _domestic_target(event: Event, names: dict[str, Actor], organ: bool) -> Event:
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


def _fill_recipients(
    coded: list[_Coded], index: MentionIndex, names: dict[str, Actor]
) -> list[_Coded]:
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
                    recipient = [
                        r for r in inner.recipient if (r.country, r.name) not in actor_keys
                    ]
                    if recipient:
                        break
                if recipient:
                    break
            if not recipient and event.type == "THREATEN":
                found = [
                    m
                    for m in _condition_subjects(pred, index)
                    if (m.country, m.text) not in actor_keys
                ]
                recipient = [
                    r for r in _refs(found, names) if (r.country, r.name) not in actor_keys
                ]
            if recipient:
                c = replace(c, event=replace(event, recipient=recipient))
        out.append(c)
    return out


CONDITION_MARKS = frozenset({"if", "unless"})


def _condition_subjects(pred: Token, index: MentionIndex) -> list[Mention]:
    """Actors whose conduct a threat is conditional on: the subject of an "if" or
    "unless" clause on the threat or on the action threatened, or in what the
    threatener says alongside ("threatened more attacks, claiming that its
    response will be stronger if X acts")."""
    hosts = [pred, *(c for c in pred.children if c.dep_ in ("xcomp", "ccomp"))]
    for c in pred.children:
        if c.dep_ == "advcl" and c.tag_ == "VBG" and child(c, SUBJECT_DEPS) is None:
            hosts.extend(g for g in c.children if g.dep_ == "ccomp")
    for host in hosts:
        for clause in host.children:
            if clause.dep_ != "advcl":
                continue
            if not any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in clause.children):
                continue
            found = arguments(child(clause, SUBJECT_DEPS), index)
            if found:
                return found
    return []


def _actor_record(ref: ActorRef) -> dict[str, Any]:
    return {
        "name": ref.name,
        "country": ref.country,
        "sector": ref.sector,
        "id": ref.wikidata,
        "actor_id": ref.actor_id,
    }


def event_to_record(event: Event, document: Document) -> dict[str, Any]:
    """The event as one line of ``entente export events --format jsonl`` (DESIGN.md).

    ``id`` in an actor is its Wikidata id where known; ``actor_id`` is entente's own.
    """
    a = event.attributed_to
    return {
        "id": event.id,
        "type": event.type,
        "mode": event.mode,
        "score": event.score,
        "actor": [_actor_record(r) for r in event.actor],
        "recipient": [_actor_record(r) for r in event.recipient],
        "date": {
            "start": event.date.start,
            "end": event.date.end,
            "precision": event.date.precision,
            "basis": event.date.basis,
        },
        "certainty": event.certainty,
        "polarity": event.polarity,
        "tense": event.tense,
        "attributed_to": None
        if a is None
        else {
            "name": a.name,
            "country": a.country,
            "sector": a.sector,
            "cue": a.cue,
            "actor_id": a.actor_id,
        },
        "quantities": [
            {"value": q.value, "item": q.item, "text": q.text} for q in event.quantities
        ],
        "doc": {
            "id": document.id,
            "source": document.source,
            "outlet": document.outlet,
            "title": document.title,
            "published": document.published.value if document.published else None,
        },
        "evidence": {
            "sentence": event.evidence.sentence,
            "start": event.evidence.start,
            "end": event.evidence.end,
            "trigger": event.evidence.trigger,
            "trigger_start": event.evidence.trigger_start,
            "trigger_end": event.evidence.trigger_end,
        },
        "confidence": event.confidence,
    }
