"""Step 7 of the event coder (``extract``): the events an event implies.

A refusal of a cooperative act is a REJECT too, a stated future act of the
actor's own a promise or threat (``implied_events``); a claimed event the text
also says is denied is kept twice, as the claim and as the denial (``denial_copies``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spacy.tokens import Span, Token

from entente.events import attributes as attrs
from entente.events import sources
from entente.events.dates import statement_date
from entente.events.plans import CodedEvent, EventPlan, SentenceContext, event_id, evidence_of
from entente.events.recipients import state_verb
from entente.events.triggers import Lexicon
from entente.records import Event, EventDate

# A negated acceptance ("will not accept the deal") is a rejection as well as an
# agreement that did not happen. "Refused/declined to X" is not: DESIGN.md codes
# it as X with negative polarity, one event, so that "declined to condemn" never
# reads as something Russia did to Hamas.
ACCEPTANCE_VERBS = frozenset({"accept", "agree", "approve", "endorse"})


REFUSAL_VERBS = frozenset({"refuse", "decline"})
# verbs of failing: a mutual cooperative act that failed is a rejection too
FAILURE_VERBS = frozenset({"fail"})


def _refusal(plan: EventPlan, polarity: str, governors, quad: str) -> Token | None:
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
            if (
                kind == "negate"
                and gov.lemma_.lower() in FAILURE_VERBS
                and plan.candidate.entry.mutual
            ):
                # "X and Y failed to reach a deal": neither accepted the other's terms
                # (the PLV sentences label all 6 such failures REJECT)
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
    plan: EventPlan, quad: str, polarity: str, governors, trigger_heads, lexicon: Lexicon
) -> str | None:
    """PLOVER codes a stated future action as intent: a cooperative one is a
    promise (AGREE: "Finland will give Tanzania a grant", "said it is prepared to
    lift the ban"), a material conflict or one made conditional ("unless ...") is a
    THREATEN ("said they would boycott the talks"). None when the text already
    codes the intent (a governing trigger: "promised to", "threatened to"), when
    the action is merely possible ("could strike") or negative."""
    pred = plan.pred
    offered = (
        plan.candidate.nominal
        and quad in COOPERATIVE_QUADS
        and state_verb(pred) is not None
        and any(kind == "future" and g.pos_ in ("VERB", "ADJ") for kind, g in governors)
    )
    if polarity != "positive" or (plan.candidate.nominal and not offered):
        # an event noun states an intent only when offered ("ready for cooperation",
        # "ready to talk")
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
    # "any feeling of hope that X would withdraw": the noun's "of" object names it
    holders = (
        []
        if held is None
        else [held, *(o for p in held.children if p.lower_ == "of" for o in p.children)]
    )
    if any(kind in PROSPECT_KINDS and g.pos_ == "NOUN" for kind, g in governors) or any(
        lexicon.governor_cues.get(h.lemma_.lower()) in PROSPECT_KINDS for h in holders
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


def _intent_word(plan: EventPlan, governors) -> Span | None:
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


def _statement_date(act: EventDate, plan: EventPlan, ctx: SentenceContext) -> EventDate:
    """The date of a promise, threat or stated refusal: the date of the clause that
    states it ("said on Friday it would blockade": Friday), else the act's date when
    it is past, else the publication month ("will host X on April 3" is promised
    now, not on April 3; "will not visit before Wednesday" is refused now)."""
    cand = plan.candidate
    noun = plan.noun.head if plan.noun else (cand.head if cand.nominal else None)
    said = statement_date(
        plan.pred, noun if noun is not None else plan.pred, ctx.view, ctx.published
    )
    if said is not None:
        return said
    published = ctx.published
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


def _stated_as_prospect(pred: Token, governors, lexicon: Lexicon) -> bool:
    """Is the statement of a future act itself only a prospect: a condition or a
    question ("unclear if they would give"), or a wish, call or chance above the word
    that states it ("we want to help Kenya prepare to meet")? Nobody promised or
    threatened anything then. A wish below the statement is the act's ("will try to
    attack" is still a threat)."""
    if any(
        kind == "hypothetical" and word.dep_ == "mark"
        for kind, word in attrs.modifier_kinds(pred, lexicon)
    ):
        return True
    own = {c.lower_ for c in pred.children if c.dep_ in ("aux", "auxpass")} & STATED_FUTURE
    stated = bool(own)
    for kind, _word in governors:
        if kind == "future":
            stated = True
        elif kind == "hypothetical" and stated:
            return True
    return False


def _foreseen_by_others(governors, lexicon: Lexicon) -> bool:
    """Is the future act put on others' forecast or timetable by a passive verb
    (``forecast_verbs.txt``: "is expected to visit Turkey", "is scheduled to
    meet")? Its actor promised or threatened nothing."""
    for kind, word in governors:
        if kind != "future" or not isinstance(word, Token):
            continue
        passive = any(c.dep_ == "auxpass" for c in word.children)
        if passive and word.lemma_.lower() in lexicon.forecast_verbs:
            return True
    return False


def implied_events(plan: EventPlan, coded: CodedEvent, ctx: SentenceContext) -> list[CodedEvent]:
    """Step 7: the events an event implies: a refusal of a cooperative act or a
    negated acceptance is a REJECT too; a stated future act of the actor's own is
    a promise (AGREE) or threat (THREATEN), unless others forecast it."""
    lexicon = ctx.lexicon
    event = coded.event
    ptype = lexicon.ptype(plan.type)
    governors = coded.governors
    implied: list[CodedEvent] = []
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
            date=_statement_date(event.date, plan, ctx) if _stated_refusal(refusal) else event.date,
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
    if intent is not None and (
        _predicted_by_other(event)
        or attrs.is_forecast(lexicon, governors)
        or _stated_as_prospect(plan.pred, governors, lexicon)
        or _foreseen_by_others(governors, lexicon)
    ):
        # a forecast ("analysts say X would"), a condition or a wish is no promise or threat
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
            date=_statement_date(event.date, plan, ctx),
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


def denial_copies(coded: CodedEvent, ctx: SentenceContext) -> list[CodedEvent]:
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
            evidence=evidence_of(sent, word),
        )
    return [replace(coded, event=denial)]
