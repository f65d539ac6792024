"""The event coder: a parsed Doc and its actor mentions to PLOVER events.

``extract_events`` runs these steps on each document; each is a function below
it or in the module named, numbered alike:

0. code nothing in a document of several sentences that names no political
   actor (``gating.is_political_document``);
1. find trigger candidates (``triggers.find_triggers``), and the reports that
   state a demand ("X said Y must withdraw", ``demands.demand_candidates``) or
   an accusation ("China says the system is a threat", ``judgements.judgement_candidates``);
2. pair light and absorbing verbs with the event noun they carry ("held
   talks", "launched an attack", "signed a deal"): one event, not two (``plans.plan_events``);
3. drop a negating verb's own event when it governs another trigger
   ("declined to condemn" is a negative condemnation, not a rejection) and a
   request verb that states an aim (``plans.plan_events``);
4. keep only triggers used as event words (``_states_an_event``; not a verb
   that states a view with its clause, ``gating.states_a_view``), outside pasted
   lists (``gating.is_list_row``) and not the outcome of a referendum or a
   chamber's vote (``gating.counts_votes``);
5. read actor and recipient off the parse (``sides.read_sides``, over ``roles``),
   listing coordinated parties of a mutual event on both sides;
6. read polarity, tense, certainty and attribution, date and quantities
   (``_attribute_event``, over ``attributes``); score from the PLOVER table; a
   deterministic id. Event nouns with no
   argument, date or quantity of their own ("the attack") mostly repeat an event
   already coded and are left out;
7. add the events an event implies: a refusal is a REJECT, a stated future act
   a promise or threat (``copies.implied_events``);
8. take recipients from governed clauses and conditions, and aim domestic
   protest at its government (``recipients.fill_recipients``,
   ``recipients.domestic_target``);
9. keep an ordinary word's event only with a political side (``gating``);
10. give a transfer with no receiver the party its giver dealt with just before
   (``recipients.discourse_receivers``);
11. name the target of an event still without a recipient from its object
   ("detained 18 people", ``recipients.object_targets``);
12. estimate each event's confidence, the chance a reader judges it right
   (``confidence``), and mark those below the floor as candidates: the store
   keeps them apart from ``events``; mark as candidates a state's own
   administration, too: a request, promise, backing and the like between sides
   named as organs of one state, in a sentence naming no other country
   (``gating.domestic_administration_reason``, ``political_domestic.tsv``);
13. mark as candidates, too, ordinary crime and mishaps: force or coercion
   with no political side in a barely political document
   (``gating.ordinary_force_reason``, ``police_gate.tsv``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from entente.events import attributes as attrs
from entente.events import quantities as amounts
from entente.events import sources
from entente.events.confidence import (
    ConfidenceModel,
    candidate_reason,
    confidence_of,
    default_model,
    event_features,
)
from entente.events.copies import denial_copies, implied_events
from entente.events.dates import (
    date_of,
    is_dated_ahead,
    is_simple_past,
    is_staged_as_possible,
    is_staged_in_future,
)
from entente.events.demands import demand_candidates, demand_modals, demand_verbs
from entente.events.gating import (
    counts_votes,
    document_relevance,
    domestic_administration_reason,
    has_party,
    is_list_row,
    is_organ,
    is_political_document,
    names_an_organ,
    names_political_actor,
    names_political_actor_beyond_police,
    ordinary_force_reason,
    states_a_view,
)
from entente.events.judgements import judgement_candidates
from entente.events.lexicon import DATA_DIR, read_words
from entente.events.lexicon import load_lexicon as _load_lexicon
from entente.events.plans import (
    CodedEvent,
    EventPlan,
    EventSides,
    SentenceContext,
    actor_refs,
    event_id,
    evidence_of,
    plan_events,
)
from entente.events.polarity import polarity_of
from entente.events.recipients import (
    discourse_receivers,
    domestic_target,
    fill_recipients,
    object_targets,
    offer_word,
    state_verb,
)
from entente.events.roles import OBJECT_DEPS, MentionIndex
from entente.events.sides import read_sides
from entente.events.triggers import (
    RELATIVE_PRONOUNS,
    Lexicon,
    doer_of,
    find_triggers,
    token_strings,
)
from entente.records import Actor, ActorRef, Document, Event, EventDate, Mention

__all__ = ["Lexicon", "event_to_record", "extract_events", "load_lexicon"]

NON_CLAUSE_DEPS = frozenset({"prep", "mark", "case", "amod", "compound"})
# Named things whose words are no events ("Support" in a mission's name)
NAME_ENTITIES = frozenset({"ORG", "WORK_OF_ART", "LAW", "FAC", "PRODUCT"})


def load_lexicon(data_dir: Path | None = None) -> Lexicon:
    """Read and check the PLOVER table and the trigger and cue lexicons.

    ``data_dir`` holds ``plover.yaml`` and ``lexicons/``; by default the package's
    ``data/``. Raises ``entente.errors.DataFileError(path, line, problem)``.
    """
    return _load_lexicon(data_dir)


# Tags of the words that open an indirect question ("asked how ...", "asked what ...").
WH_TAGS = frozenset({"WRB", "WP", "WP$", "WDT"})
QUESTION_MARKS = frozenset({"whether", "if"})


# Prepositions that give the topic of a question ("asked about the report",
# "pressed on whether"), and the nouns that are one ("asked a follow-up question").
QUESTION_PREPS = frozenset({"about", "on"})
QUESTION_NOUNS = frozenset({"question"})
# Verbs that put questions ("call on X to" is a request, whatever its "on").
QUESTION_VERBS = frozenset({"ask", "press", "query", "quiz"})


def _asks_a_question(verb: Token) -> bool:
    """Is a verb of asking followed by an indirect question ("was asked how Russia
    could ...", "asked whether talks would resume"), a
    question ("asked a follow-up question") or its topic ("asked Trump about his
    allegation", "pressed on whether")? A question put to someone is no request that
    they act (2017 store: about 45 of the 330 REQUESTs of ask/press)."""
    if verb.lemma_.lower() in QUESTION_VERBS:
        for c in verb.children:
            if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in QUESTION_NOUNS:
                return True
            if c.dep_ == "prep" and c.lower_ in QUESTION_PREPS:
                return True
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        first = clause.doc[clause.left_edge.i]
        if first.tag_ in WH_TAGS or any(
            c.dep_ == "mark" and c.lower_ in QUESTION_MARKS for c in clause.children
        ):
            return True
    return False


# Tags of a finite verb or auxiliary: a clause stated as fact ("insisted he is not
# a bad person"), not a mandative one ("insisting he cede power").
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# What makes a verb of saying ask for something besides its clause: an object,
# an infinitive, "insist on", "call for".
ASKING_DEPS = frozenset({"dobj", "dative", "xcomp"})
ASKING_PREPS = frozenset({"on", "upon", "for"})
# Dependency labels of a clause's own subject.
SUBJECT_OF_CLAUSE = frozenset({"nsubj", "nsubjpass", "expl"})


def _says_only(verb: Token) -> bool:
    """Does a verb of saying that can make a request (``demand_verbs.txt``:
    "insist") only state that something is so ("insisted he is not a bad
    person", "insists THAAD is a defensive system")? Its clause is finite and
    obliges no one (no modal of ``demand_modals.txt``), and it asks for nothing
    else. Of the 93 "insist" REQUESTs of the 2017 store, 67 were such
    statements; "insisted on", "insisting he cede power" and "insisted that X
    must" stay requests."""
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in demand_verbs():
        return False
    if any(
        c.dep_ in ASKING_DEPS or (c.dep_ == "prep" and c.lower_ in ASKING_PREPS)
        for c in verb.children
    ):
        return False
    stated = False
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        aux = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in demand_modals() for a in aux):
            return False
        subject = next((c for c in clause.children if c.dep_ in SUBJECT_OF_CLAUSE), None)
        if subject is None or _mandative(clause, subject, aux):
            continue
        if clause.tag_ in FINITE_TAGS or any(a.tag_ in FINITE_TAGS for a in aux):
            stated = True
    return stated


def _mandative(clause: Token, subject: Token, aux: list[Token]) -> bool:
    """Is a clause in the subjunctive: a bare verb after a singular subject
    ("that the president cede power", the parser tags it as a plural present)?"""
    return not aux and clause.tag_ == "VBP" and subject.tag_ in ("NN", "NNP")


# Determiners and pronouns that pick out a thing or a group rather than a kind.
DEFINITE_WORDS = frozenset({"the", "this", "these", "that", "its", "their", "his", "her", "our"})
# Pronouns that stand for a kind of people ("those who support X").
KIND_PRONOUNS = frozenset({"those", "anyone", "anybody", "everyone", "whoever"})
# Tags of a present simple verb ("who support", "that kills").
PRESENT_TAGS = frozenset({"VBZ", "VBP"})


def _describes_a_kind(verb: Token) -> bool:
    """Is a trigger the present-simple verb of a relative clause that says what a
    kind of people or things does, the kind being its subject ("organisations
    that support Palestinian groups", "those who support Irish football",
    "terrorists that kill Syrians")? It states what members of a kind do, not an
    event: the noun is a bare plural or "those", and no name or definite word
    picks out a group (not "US troops, which provide ...", "the rebels who attack
    ..."). In the whole 2017 store (final), 27 events were such clauses; all
    read, 25 were no event (lost: "radicals in Ukraine, who demand that ...",
    "the nations that refuse entry to Human Rights Watch")."""
    if verb.dep_ != "relcl" or verb.tag_ not in PRESENT_TAGS:
        return False
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ not in ("do", "does") for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ not in RELATIVE_PRONOUNS:
        return False  # "a term Turkey rejects", "where the US targets": a party acts
    noun = verb.head
    if noun.lower_ in KIND_PRONOUNS:
        return True
    if noun.tag_ != "NNS":
        return False  # "a resolution which calls on Iran": one thing, not a kind
    words = [c for c in noun.children if c.i < noun.i]
    if any(w.lower_ in DEFINITE_WORDS or w.dep_ == "poss" for w in words):
        return False
    # "US troops", "Trump advisers": a group of a named party
    return not any(w.pos_ == "PROPN" or w.ent_type_ for w in words)


def _adjectival(verb: Token) -> bool:
    """A participle joined to an adjective or used as a complement adjective."""
    return verb.dep_ in ("acomp", "oprd") or (verb.dep_ == "conj" and verb.head.pos_ == "ADJ")


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
    taken = {t for c in candidates for t in range(c.start, c.end)}
    # a judgement may take a light verb's token ("holds Israel responsible": "hold"
    # carries no event noun there), never a token that states an event of its own
    typed = {t for c in candidates if c.entry.type is not None for t in range(c.start, c.end)}
    stated = demand_candidates(doc, taken) + judgement_candidates(doc, typed)
    judged = {c.head.i for c in stated}
    candidates = [c for c in candidates if c.head.i not in judged]
    candidates = sorted(candidates + stated, key=lambda c: c.start)
    ctx = SentenceContext(
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
    coded: list[CodedEvent] = []
    for plan in plan_events(candidates, lexicon):  # 2-3
        if (
            not _states_an_event(plan, lexicon)
            or is_list_row(ctx.view.sentence(plan.candidate.head))
            or _a_domestic_vote(plan.candidate.head, ctx)
        ):  # 4
            continue
        sides = read_sides(plan, ctx)  # 5
        if sides is None:
            continue
        event = _attribute_event(plan, sides, ctx)  # 6
        if event is None:
            continue
        coded.append(event)
        coded.extend(implied_events(plan, event, ctx))  # 7
        coded.extend(denial_copies(event, ctx))  # 7b
    coded = fill_recipients(coded, ctx.index, ctx.names)  # 8
    coded = [replace(c, event=domestic_target(c.event, ctx.names, c.organ)) for c in coded]
    kept = [c for c in coded if has_party(c.event, c.need, lexicon, ctx.names)]  # 9
    events = discourse_receivers(kept)  # 10
    events = [  # 11
        replace(e, recipient=c.target) if not e.recipient and c.target else e
        for e, c in zip(events, kept, strict=True)
    ]
    # A document too short to tell (a sentence ingested alone) has no relevance
    # (None): its events are taken at the neutral share, so its size is no
    # evidence against them.
    relevance = document_relevance(sentences, mentions, lexicon, names)
    political = Counter(m.sentence for m in mentions if names_political_actor(m, lexicon, names))
    events = [with_confidence(e, doc, relevance, political[e.sentence], ctx) for e in events]  # 12
    countries: dict[int, set[str]] = {}
    for m in mentions:
        if m.country is not None:
            countries.setdefault(m.sentence, set()).add(m.country)
    events = [  # 12b
        e
        if e.candidate_reason is not None or not c.named_organs
        else replace(
            e,
            candidate_reason=domestic_administration_reason(
                e, frozenset(countries.get(e.sentence, ())), names
            ),
        )
        for e, c in zip(events, kept, strict=True)
    ]
    low = default_model().low_relevance
    if relevance is None or relevance >= low:
        return events  # step 13 judges only barely political documents
    beyond_police = Counter(
        m.sentence for m in mentions if names_political_actor_beyond_police(m, lexicon, names)
    )
    return [  # 13
        e
        if e.candidate_reason is not None
        else replace(
            e,
            candidate_reason=ordinary_force_reason(
                e, relevance, low, beyond_police[e.sentence], _lemmas(doc, e), lexicon, names
            ),
        )
        for e in events
    ]


def _a_domestic_vote(head: Token, ctx: SentenceContext) -> bool:
    """Step 4: is a trigger the outcome of a referendum or a chamber's division
    (``gating.counts_votes``), not done by an international body (whose votes are its
    decisions: "the Security Council adopted the resolution by 14 votes to 0")?"""
    if not counts_votes(head):
        return False
    doer = doer_of(head)
    mention = ctx.index.at(doer) if doer is not None else None
    if mention is None:
        return True
    actor = ctx.names.get(mention.actor_id) if mention.actor_id else None
    return not (mention.sector == "IGO" or (actor is not None and actor.kind == "igo"))


def _lemmas(doc: Doc, event: Event) -> frozenset[str]:
    """The lower-cased lemmas of an event's sentence."""
    span = doc.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
    return frozenset(t.lemma_.lower() for t in span) if span is not None else frozenset()


def with_confidence(
    event: Event,
    doc: Doc,
    relevance: float | None,
    political_mentions: int,
    ctx: SentenceContext,
    model: ConfidenceModel | None = None,
) -> Event:
    """Step 12: the event with its estimated confidence, and the reason it is a
    candidate when that falls below the model's floor. ``political_mentions``:
    how many mentions of political actors its sentence has."""
    model = model or default_model()
    span = doc.char_span(
        event.evidence.trigger_start, event.evidence.trigger_end, alignment_mode="expand"
    )
    year = ctx.published[:4] if ctx.published else ""
    features = event_features(
        event,
        span.root if span is not None else None,
        relevance,
        ctx.names,
        int(year) if year.isdigit() else None,
        model.neutral_relevance,
        political_mentions,
    )
    return replace(
        event,
        confidence=confidence_of(features, model),
        candidate_reason=candidate_reason(features, model, relevance),
    )


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


@cache
def status_verbs() -> frozenset[str]:
    """``status_verbs.txt``: verbs whose participle in an aside states a name's legal
    standing ("the Islamic State (outlawed in Russia)")."""
    return read_words(DATA_DIR / "lexicons" / "status_verbs.txt")


def _in_brackets(token: Token) -> bool:
    """Is ``token`` between an opening bracket and its closing one, within its
    paragraph? Read off the characters, not the sentences or tokens: the parser often
    ends a sentence inside the brackets ("[outlawed in Russia]," Lavrov said) and leaves
    a bracket on a word ("Ahrar al-Sham(terror groups, outlawed in Russia)")."""
    text = token.doc.text
    start = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    end = len(text) if end < 0 else end
    # the nearest bracket before the token decides; str.rfind, not a Python loop over
    # the characters: a text with no newlines is one long paragraph
    i = max(
        text.rfind(b, start, token.idx) for b in (*OPENING_BRACKETS, *OPENING_BRACKETS.values())
    )
    if i < 0 or text[i] not in OPENING_BRACKETS:
        return False
    after = text[token.idx : end]
    shut = after.find(OPENING_BRACKETS[text[i]])
    return shut >= 0 and text[i] not in after[:shut]


def _bracketed_participle(verb: Token) -> bool:
    """Is a trigger a bare past participle inside brackets, describing what stands
    before them ("the Islamic State (terrorist group, outlawed in Russia)")? Such an
    aside states a standing fact, not news: the whole 2017 store had 31 "outlawed in
    Russia" events, all of this kind. The tagger often takes a verb of legal standing
    (``status_verbs.txt``) there for a past tense ("[terror groups outlawed in
    Russia]": VBD); with no auxiliary and no object it is the same participle. And a
    relative clause in the present tense is the same note on the name ("the
    organization of diehard terrorists, which is banned in Russia")."""
    if verb.tag_ not in ("VBN", "VBD"):
        return False
    status = verb.lemma_.lower() in status_verbs()
    if status and _present_status(verb):
        return True
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    if verb.tag_ == "VBD" and (not status or any(c.dep_ in OBJECT_DEPS for c in verb.children)):
        return False
    return _in_brackets(verb)


def _present_status(verb: Token) -> bool:
    """A relative clause that says what a name is by law now: "which is banned in
    Russia" (a relative pronoun for subject, a present passive, no agent)."""
    return (
        verb.dep_ == "relcl"
        and any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
        and any(c.dep_ == "nsubjpass" and c.tag_ in ("WDT", "WP") for c in verb.children)
        and not any(c.dep_ == "agent" for c in verb.children)
    )


def _a_prospect(noun: Token, lexicon: Lexicon) -> bool:
    """An adjective of intent or chance ("a proposed deal", "a possible agreement")
    makes a standing noun the prospect of its making, an event still to come."""
    return any(
        c.dep_ == "amod"
        and (lexicon.modifier_cues.get(c.lower_) or lexicon.modifier_cues.get(c.lemma_.lower()))
        in {"future", "hypothetical"}
        for c in noun.children
    )


def _states_an_event(plan: EventPlan, lexicon: Lexicon) -> bool:
    """Step 4: is the trigger used as an event word here, not as a preposition,
    part of a name, an adjective, a kind of thing or a question?"""
    cand = plan.candidate
    if not cand.nominal and cand.head.dep_ in NON_CLAUSE_DEPS:
        return False  # "Given the humiliation ...": a verb form used as a preposition
    if cand.head.ent_type_ in NAME_ENTITIES:
        return False  # "the ... Support and Stabilization Mission": a word of a name
    if (
        cand.nominal
        and cand.head.lemma_.lower() in lexicon.standing_nouns
        and not _a_prospect(cand.head, lexicon)
    ):
        return False  # "under the agreement", "the Iran deal": a thing made, not the making
    if cand.nominal and _in_a_name(cand.head):
        return False  # "the Paris Agreement", "the Minsk Agreement": a thing named
    if not cand.nominal and _bracketed_participle(cand.head):
        return False  # "the Islamic State (outlawed in Russia)": a standing aside
    if not cand.nominal and (_adjectival(cand.head) or cand.head.tag_ == "JJ"):
        return False  # "friendly and accepting", "what's striking": an adjective
    if cand.nominal and cand.head.dep_ == "compound" and cand.end - cand.start == 1:
        return False  # "protest leaders", "aid workers": a modifier names a kind, not an event
    if not cand.nominal and _describes_a_kind(cand.head):
        return False  # "organisations that support X": what a kind does, not an event
    if not cand.nominal and states_a_view(cand.head, plan.type, lexicon):
        return False  # "demonstrated that ...", "agreed that X was a dictator": a view
    if plan.type == "REQUEST" and not cand.nominal and _says_only(cand.head):
        return False  # "insisted he is not a bad person": a statement, not a request
    # "was asked how ...": a question, not a request
    return not (plan.type == "REQUEST" and not cand.nominal and _asks_a_question(cand.head))


def _by_former_holders(actor: list[Mention], ctx: SentenceContext) -> bool:
    """Are the event's doers all people whose every office ended before the
    publication ("Bush ... hosted more than a dozen leaders at his Crawford
    ranch", "the deal negotiated by his predecessor Obama")? Told in the simple
    past without a date, their act is mostly of their time in office, not of the
    publication month (issue 13; whole 2017 store: 56 such events, about 2 in 3
    of 25 read were background)."""
    published = ctx.published
    if not actor or not published:
        return False
    for mention in actor:
        if _possessor(mention, ctx):
            return False  # "Mr Obama's spokesman dismissed the claims": his office acts now
        person = ctx.names.get(mention.actor_id) if mention.actor_id else None
        if person is None or person.kind != "person" or not person.offices:
            return False
        if any(o.end is None or o.end >= published for o in person.offices):
            return False
    return True


def _possessor(mention: Mention, ctx: SentenceContext) -> bool:
    """Does the mention stand before a possessive "'s" ("Obama's spokesman")?"""
    span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and span.end < len(ctx.doc) and ctx.doc[span.end].tag_ == "POS"


# How an event noun hangs from the verb of another event it is the topic of.
TOPIC_DEPS = frozenset({"dobj", "nsubjpass"})


def _topic_of(plan: EventPlan, ctx: SentenceContext) -> Token | None:
    """The verb of another event whose object an event noun is ("criticized Trump's
    attacks on the judge", "the strike was condemned on Monday"): its date is
    that event's (issue 13: "Sasse confirmed Thursday that Gorsuch criticized
    Trump's attacks" dated the attacks to Thursday)."""
    pred = plan.pred
    if not plan.candidate.nominal or plan.noun is not None or pred.dep_ not in TOPIC_DEPS:
        return None
    verb = pred.head
    if verb.pos_ != "VERB" or verb.i not in ctx.typed_heads or verb.i == plan.candidate.head.i:
        return None
    return verb


def _attribute_event(plan: EventPlan, sides: EventSides, ctx: SentenceContext) -> CodedEvent | None:
    """Step 6: the event with its clause attributes (``attributes``), score
    and id (its confidence comes at step 12). None for an event noun with no
    side, date or quantity of its own ("the attack"): it mostly repeats an event already coded."""
    cand, lexicon, view, doc = plan.candidate, ctx.lexicon, ctx.view, ctx.doc
    ptype = lexicon.ptype(plan.type)
    noun = plan.noun.head if plan.noun else (cand.head if cand.nominal else None)
    pred = plan.pred
    sent = view.sentence(cand.head)
    governors = attrs.governors_of(pred, lexicon, view)
    if cand.nominal and pred.dep_ in OBJECT_DEPS and not attrs.presupposed(pred, lexicon):
        governors += [g for g in attrs.governors_of(pred.head, lexicon, view) if g[0] != "negate"]
    holder = state_verb(pred) if cand.nominal else None
    offer = offer_word(pred) if cand.nominal else None
    if offer is not None and lexicon.governor_cues.get(offer.lemma_.lower()) == "future":
        # "Russia is ready for cooperation": offered, not done; what governs the
        # offer ("said it is ready") governs the event too
        governors = [("future", offer), *attrs.governors_of(offer.head, lexicon, view)]
    elif holder is not None:
        # "said troops will remain on alert": what governs the verb the noun is
        # the state of governs the noun
        governors += attrs.governors_of(holder, lexicon, view)
    polarity = polarity_of(pred, lexicon, governors)
    # an act of saying; an investigation takes its time however it is coded
    verbal = ptype.quad.startswith("verbal") and plan.mode != "investigate"
    tense = attrs.tense_of(pred, lexicon, governors, verbal=verbal)
    if tense == "actual" and is_dated_ahead(
        pred, noun if noun is not None else pred, view, ctx.published
    ):
        tense = "future"  # "attending the forum next month"
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
    elif (
        tense == "actual"
        and noun is not None
        and not attrs.presupposed(staged, lexicon)
        and is_staged_as_possible(
            staged, [w for w, k in lexicon.modifier_cues.items() if k == "hypothetical"], others
        )
    ):
        tense = "hypothetical"  # "could face sanctions", "might focus on an offensive"
    certainty, attribution = sources.certainty_of(pred, lexicon, governors, ctx.index, view)
    date = date_of(
        pred,
        noun if noun is not None else pred,
        view,
        ctx.published,
        tense,
        _topic_of(plan, ctx),
        verbal=verbal and not cand.nominal,
    )
    quantities = amounts.quantities_of(noun if noun is not None else pred, lexicon, view)
    actor, recipient = sides.actor, sides.recipient
    told_past = is_simple_past(pred) or (pred.dep_ == "acl" and pred.tag_ == "VBN")
    if date.basis == "publication" and told_past and _by_former_holders(actor, ctx):
        date = EventDate(start=None, basis="none")  # "Bush hosted leaders at his ranch"
    if cand.nominal and not actor and not recipient and date.basis != "text" and not quantities:
        return None
    if ptype.moves_goods:
        # what the transfer moves, for the map (relations.yaml: arms, words sent)
        quantities += amounts.transferred_items(
            None if cand.nominal else cand.head, noun, cand.entry.frame, quantities
        )
    mode = plan.mode
    if plan.type == "ASSAULT" and mode is None:
        mode = amounts.assault_mode(noun if noun is not None else pred, lexicon)
    trigger_span = doc[cand.start : cand.end]
    event = Event(
        id=event_id(ctx.document.id, trigger_span.start_char, plan.type),
        doc_id=ctx.document.id,
        sentence=view.sent_number[cand.head.i],
        type=plan.type,
        mode=mode,
        score=ptype.score_for(mode),
        actor=actor_refs(actor, ctx.names),
        recipient=actor_refs(recipient, ctx.names),
        date=date,
        certainty=certainty,
        polarity=polarity,
        tense=tense,
        attributed_to=attribution,
        quantities=quantities,
        evidence=evidence_of(sent, trigger_span),
        confidence=0.0,  # step 12
    )
    organ = any(is_organ(m, ctx.names) for m in actor)
    return CodedEvent(
        event=event,
        pred=pred,
        need=sides.need,
        organ=organ,
        governors=governors,
        target=[] if recipient else object_targets(plan, ctx),
        named_organs=bool(actor)
        and bool(recipient)
        and all(
            names_an_organ(m, doc.char_span(m.start, m.end, alignment_mode="expand"), ctx.names)
            for m in (*actor, *recipient)
        ),
    )


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
