"""Gating: does a trigger state a political event here?

A trigger word is an event only in its political sense. These tests decide it
from the sides the coder found and the things the trigger acts on; the word
lists they read are data (``political_actors.tsv``, the lexicon's political
objects), not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from entente.errors import DataFileError
from entente.events.demands import demand_modals
from entente.events.lexicon import DATA_DIR, data_rows, read_kinds, read_words
from entente.events.roles import OBJECT_DEPS, PASSIVE_SUBJECT_DEPS, child
from entente.events.triggers import Lexicon
from entente.records import Actor, ActorRef, Event, Mention


def has_political_object(head: Token, lemmas: frozenset[str]) -> bool:
    """Is the trigger's object, passive subject or "of" complement (or a compound
    of it) a thing political on its own ("signing of a treaty", "sold missiles")?"""
    for c in head.children:
        if c.dep_ in OBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS:
            target = c
        elif c.dep_ == "prep" and c.lower_ == "of":
            target = child(c, "pobj")
        else:
            continue
        if target is None:
            continue
        words = [target, *(m for m in target.children if m.dep_ in ("compound", "conj"))]
        if any(w.lemma_.lower() in lemmas for w in words):
            return True
    return False


def is_political(ref: ActorRef, lexicon: Lexicon, names: dict[str, Actor], acting: bool) -> bool:
    """Is this side a political actor: a state, organ, organisation or group, or a
    person acting in an office (political_actors.tsv)? The sector decides where
    it is known, else the actor's kind; a place that acts (``acting``) stands for
    its state or people."""
    if ref.sector is not None:
        return ref.sector in lexicon.political_sectors
    actor = names.get(ref.actor_id) if ref.actor_id else None
    if actor is None:
        return acting and ref.country is not None
    return actor.kind in lexicon.political_kinds


def has_party(event: Event, need: str, lexicon: Lexicon, names: dict[str, Actor]) -> bool:
    """An ordinary word ("help", "provide", "request") states a political event only
    with a political side; a promise or threat only with a political promiser; a word
    of party ``both`` ("invited", "assured", "fought") only with a political side at
    each end (guests, reporters and corruption are invited, assured and fought too)."""
    if not need:
        return True
    if need == "both":
        return any(is_political(r, lexicon, names, acting=True) for r in event.actor) and any(
            is_political(r, lexicon, names, acting=False) for r in event.recipient
        )
    if any(is_political(r, lexicon, names, acting=True) for r in event.actor):
        return True
    return need == "party" and any(
        is_political(r, lexicon, names, acting=False) for r in event.recipient
    )


# Organs of a state: their protests are not aimed at their own government.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


def is_organ(mention: Mention, names: dict[str, Actor]) -> bool:
    """Does a mention name an organ of a state? Its own sector says so; a mention
    with none ("Algerians", "young Algerians") names the people, not the
    government, even when the actor it points to is the state; an actor other
    than a state (a ministry) keeps its own sector."""
    if mention.sector is not None:
        return mention.sector in STATE_SECTORS
    actor = names.get(mention.actor_id) if mention.actor_id else None
    return actor is not None and actor.kind != "state" and actor.sector in STATE_SECTORS


# A document this long that names no political actor is no source of events; a
# shorter one (a sentence coded alone, a headline) may name its actors in words the
# resolver does not place ("the Uttar Pradesh government"): of the 1,044 PLV
# sentences, 121 name none, and 39 of them state their labelled event.
MIN_SENTENCES_FOR_RELEVANCE = 5
# A longer document is political only where political actors take part in enough
# of it: this many mentions, or this share of its sentences. In the whole 2017
# store (main at 2fd930a), 596 documents of 5 sentences or more fall below both (a
# murder trial, a plane crash, a recipe, a film review that names one ministry or
# party once); of 40 of their 305 events read (seed 3), 4 were political events.
MIN_POLITICAL_MENTIONS = 4
MIN_POLITICAL_SHARE = 0.08


def names_political_actor(mention: Mention, lexicon: Lexicon, names: dict[str, Actor]) -> bool:
    """Does a mention name a political actor of political_documents.tsv? A bare
    country ("in Germany", "the Brazilian") does not count."""
    if mention.sector is not None:
        return mention.sector in lexicon.document_sectors
    actor = names.get(mention.actor_id) if mention.actor_id else None
    return actor is not None and actor.kind in lexicon.document_kinds


def political_relevance(
    sentences: int, mentions: list[Mention], lexicon: Lexicon, names: dict[str, Actor]
) -> float:
    """The share of a document's sentences that name a political actor (0 to 1)."""
    political = [m for m in mentions if names_political_actor(m, lexicon, names)]
    return _sentence_share(sentences, political)


def document_relevance(
    sentences: int, mentions: list[Mention], lexicon: Lexicon, names: dict[str, Actor]
) -> float | None:
    """A document's political relevance as the store keeps it: the share of its
    sentences that name a political actor (``political_relevance``), or None for
    a document too short to tell (under MIN_SENTENCES_FOR_RELEVANCE sentences: a
    sentence ingested alone, a headline), which is neither relevant nor not."""
    if sentences < MIN_SENTENCES_FOR_RELEVANCE:
        return None
    return round(political_relevance(sentences, mentions, lexicon, names), 3)


def _sentence_share(sentences: int, mentions: list[Mention]) -> float:
    named = {m.sentence for m in mentions}
    return len(named) / sentences if sentences else 0.0


def is_political_document(
    sentences: int, mentions: list[Mention], lexicon: Lexicon, names: dict[str, Actor]
) -> bool:
    """Is a document a source of political events: too short to tell, or naming
    political actors (political_documents.tsv) often enough?"""
    if sentences < MIN_SENTENCES_FOR_RELEVANCE:
        return True
    political = [m for m in mentions if names_political_actor(m, lexicon, names)]
    return (
        len(political) >= MIN_POLITICAL_MENTIONS
        or _sentence_share(sentences, political) >= MIN_POLITICAL_SHARE
    )


# A field label of a pasted table or list ("TARGET:", "ATTACKER:", "UAE DATE:").
FIELD_LABEL = re.compile(r"\b[A-Z]{3,}(?: [A-Z]{2,})?:")
MIN_FIELD_LABELS = 2


def is_list_row(sentence: Span) -> bool:
    """Is a sentence rows of a pasted table or list ("... TARGET: 12 German tourists
    killed in suicide bombing ATTACKER: ...")? Its entries are headlines of other
    times and places, not the news of the article: the whole 2017 store had 110
    events in such sentences (3 articles pasting a list of attacks since 2014), all
    dated to the month of publication."""
    return len(FIELD_LABEL.findall(sentence.text)) >= MIN_FIELD_LABELS


@dataclass(frozen=True, slots=True)
class OrdinaryForce:
    """What ``police_gate.tsv`` says of ordinary crime: the types (or TYPE/mode)
    it gates, the modes only states and armed groups use, and the sectors that
    are no political side here (police, courts, civilians)."""

    types: frozenset[str]
    state_modes: frozenset[str]
    private_sectors: frozenset[str]
    war_words: frozenset[str]


@cache
def ordinary_force() -> OrdinaryForce:
    """The shipped ``police_gate.tsv``, read once per process."""
    rows = read_kinds(
        DATA_DIR / "lexicons" / "police_gate.tsv",
        ("type", "state_mode", "private_sector", "war_word"),
        lower=False,
    )
    return OrdinaryForce(
        types=rows["type"],
        state_modes=rows["state_mode"],
        private_sectors=rows["private_sector"],
        war_words=frozenset(w.lower() for w in rows["war_word"]),
    )


def _sector_of(ref: ActorRef | Mention, names: dict[str, Actor]) -> str | None:
    """A side's or mention's sector, or its actor's where it has none of its own."""
    if ref.sector is not None:
        return ref.sector
    actor = names.get(ref.actor_id) if ref.actor_id else None
    return actor.sector if actor is not None else None


def names_political_actor_beyond_police(
    mention: Mention, lexicon: Lexicon, names: dict[str, Actor]
) -> bool:
    """Does a mention name a political actor other than the police, the courts or
    civilians (``police_gate.tsv``)?"""
    return (
        names_political_actor(mention, lexicon, names)
        and _sector_of(mention, names) not in ordinary_force().private_sectors
    )


def ordinary_force_reason(
    event: Event,
    relevance: float | None,
    low_relevance: float,
    political_in_sentence: int,
    sentence_lemmas: frozenset[str],
    lexicon: Lexicon,
    names: dict[str, Actor],
) -> str | None:
    """Why an event is ordinary crime or a mishap rather than a political event, or
    None: force or coercion (``police_gate.tsv``) in a document of low political
    relevance, with no political side and no political actor but police or courts
    named in its sentence (``political_in_sentence``), nor a word of war, terror or
    repression among its sentence's lemmas. A document too short to tell (relevance
    None) is never judged so."""
    gate = ordinary_force()
    if relevance is None or relevance >= low_relevance or political_in_sentence:
        return None
    if sentence_lemmas & gate.war_words:
        return None
    if event.type not in gate.types and f"{event.type}/{event.mode}" not in gate.types:
        return None
    if event.mode in gate.state_modes:
        return None
    for refs, acting in ((event.actor, True), (event.recipient, False)):
        for ref in refs:
            if _sector_of(ref, names) in gate.private_sectors:
                continue
            if is_political(ref, lexicon, names, acting):
                return None
    return (
        f"ordinary crime or mishap: {event.type} with no political side, in a sentence "
        f"naming no political actor but police or courts, in a document of low political "
        f"relevance ({relevance:.2f})"
    )


@dataclass(frozen=True, slots=True)
class DomesticGate:
    """What ``political_domestic.tsv`` says of a state's own administration: the
    event types it holds back between organs of one state (``types``), the sectors
    that are such organs (``organ_sectors``), those whose persons are party
    politicians rather than organs (``partisan_sectors``), actor kinds that are no
    organ (``other_kinds``), the resolutions that name a whole state rather than an
    organ (``whole_state_resolutions``), the sectors one of which must take part
    (``head_sectors``) and the words that put an office in the past
    (``past_markers``)."""

    types: frozenset[str]
    organ_sectors: frozenset[str]
    partisan_sectors: frozenset[str]
    other_kinds: frozenset[str]
    whole_state_resolutions: frozenset[str]
    head_sectors: frozenset[str]
    past_markers: frozenset[str]


@cache
def domestic_gate() -> DomesticGate:
    """The shipped ``political_domestic.tsv``, read once per process."""
    rows = read_kinds(
        DATA_DIR / "lexicons" / "political_domestic.tsv",
        (
            "type",
            "organ_sector",
            "partisan_sector",
            "other_kind",
            "whole_state",
            "head_sector",
            "past_marker",
        ),
        lower=False,
    )
    return DomesticGate(
        types=rows["type"],
        organ_sectors=rows["organ_sector"],
        partisan_sectors=rows["partisan_sector"],
        other_kinds=rows["other_kind"],
        whole_state_resolutions=rows["whole_state"],
        head_sectors=rows["head_sector"],
        past_markers=frozenset(w.lower() for w in rows["past_marker"]),
    )


# How far left of a name a past marker may stand ("former Prime Minister X").
PAST_MARKER_WINDOW = 4


def names_an_organ(mention: Mention, span: Span | None, names: dict[str, Actor]) -> bool:
    """Does a mention (``span``: its words) name one organ of a state now ("the
    Justice Department", "Congress", "the White House", a minister): ``is_organ``,
    and not
    - a state named by its bare name or alias ("Armenia", "the US": ``whole_state``
      resolutions of ``political_domestic.tsv``), which may stand for its people or
      its military as well as its government;
    - an office holder of the past ("former Prime Minister X", "X, the former Prime
      Minister": a ``past_marker`` before the name or in its apposition), who keeps
      the office's sector in the registry but speaks for no organ now;
    - the owner named after "of" ("the workers of the bus company of Tehran"): the
      side is the thing owned."""
    if not is_organ(mention, names):
        return False
    gate = domestic_gate()
    actor = names.get(mention.actor_id) if mention.actor_id else None
    if (
        actor is not None
        and actor.kind == "state"
        and mention.resolved_by in gate.whole_state_resolutions
    ):
        return False
    if span is None:
        return True
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        return False
    before = span.doc[max(span.sent.start, span.start - PAST_MARKER_WINDOW) : span.start]
    apposed = [t for c in root.children if c.dep_ == "appos" for t in c.subtree]
    return not any(_marks_the_past(t, gate.past_markers) for t in (*before, *apposed))


def _marks_the_past(token: Token, markers: frozenset[str]) -> bool:
    """A past marker; one written with a trailing hyphen ("then-") counts only when
    a hyphen follows it ("then-President X"), since the bare word is also an
    adverb of sequence ("Trump then asked the Justice Department")."""
    if token.lower_ in markers:
        return True
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is not None and following.text == "-" and f"{token.lower_}-" in markers


def _kind_of(ref: ActorRef, names: dict[str, Actor]) -> str | None:
    actor = names.get(ref.actor_id) if ref.actor_id else None
    return actor.kind if actor is not None else None


def _is_organ(ref: ActorRef, gate: DomesticGate, names: dict[str, Actor]) -> bool:
    """Is a side an organ of its state: of an organ's sector, not a body of another
    kind that governs (an armed group or a party in power), and not a legislator
    named as a person (a party's politician)?"""
    if ref.sector not in gate.organ_sectors:
        return False
    kind = _kind_of(ref, names)
    if kind in gate.other_kinds:
        return False
    return not (ref.sector in gate.partisan_sectors and kind == "person")


def domestic_administration_reason(
    event: Event, sentence_countries: frozenset[str], names: dict[str, Actor]
) -> str | None:
    """Why an event is a state's own administration rather than an event between
    actors, or None: its type is one ``political_domestic.tsv`` lists, it names
    both an actor and a recipient, every side is an organ of one and the same state
    (``_is_organ``), and its sentence names no actor of another country
    (``sentence_countries``: the countries of the sentence's mentions) — "the
    president asked the Justice Department to look into the leaks", "the agency
    suspended the general's clearance", but not "the Senate demanded the
    administration cut off military aid to the Saudi coalition". The sides' own
    country and sector decide, as the event names them (a person's office at the
    time)."""
    gate = domestic_gate()
    if event.type not in gate.types or not event.actor or not event.recipient:
        return None
    sides = [*event.actor, *event.recipient]
    if not all(_is_organ(ref, gate, names) for ref in sides):
        return None
    if not any(ref.sector in gate.head_sectors for ref in sides):
        return None
    countries = {ref.country for ref in sides}
    if len(countries) != 1 or None in countries or sentence_countries - countries:
        return None
    return (
        f"domestic administration: {event.type} between organs of one state "
        f"({next(iter(countries))}), with no foreign or opposing party"
    )


# The tag of the words that open a clause of manner or reason ("demonstrate how",
# "agree why"); "what" opens a thing ("accept what it calls reconciliation agreements").
WH_ADVERB = "WRB"
WH_THINGS = frozenset({"WP", "WP$", "WDT"})
# Tags of a finite verb or auxiliary: a clause with its own tense.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


CLAUSE_DECISIONS = ("-", "modal", "own")


@cache
def clause_senses() -> dict[tuple[str, str], str]:
    """``clause_senses.tsv``: (lemma, type) -> decision (``-``, ``modal`` or ``own``)."""
    path = DATA_DIR / "lexicons" / "clause_senses.tsv"
    senses: dict[tuple[str, str], str] = {}
    for number, (lemma, type_, decision) in data_rows(path, 3):
        if decision not in CLAUSE_DECISIONS:
            raise DataFileError(
                path, number, f"decision {decision!r} is not one of {', '.join(CLAUSE_DECISIONS)}"
            )
        senses[(lemma.lower(), type_)] = decision
    return senses


def _clause_object(verb: Token) -> Token | None:
    """The clause a verb takes for its object ("demonstrated that X", "agreed the
    toxin was to blame", "demonstrate how"), when it has no object noun."""
    if any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return None
    for c in verb.children:
        if c.dep_ != "ccomp" or c.i < verb.i:
            continue
        first = c.doc[c.left_edge.i].tag_
        if first == WH_ADVERB:
            return c
        if first in WH_THINGS:
            continue  # "accept what it calls reconciliation agreements": a thing
        if any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            return c
        finite = c.tag_ in FINITE_TAGS or any(
            a.dep_ in ("aux", "auxpass") and a.tag_ in FINITE_TAGS for a in c.children
        )
        if finite and any(m.dep_ in ("nsubj", "nsubjpass", "expl") for m in c.children):
            return c  # "agreed the toxin was to blame"; not "accept refugees fleeing X"
    return None


# Subjects that stand for the speaker's own side in its clause ("warned that it would
# respond", "warned that our missiles will pour down", "warned that his government
# would expel him"): the clause is then what the speaker will do, a threat.
CLAUSE_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Words that open a condition: a warning of what follows if something is done is a
# threat whoever its clause names ("warned that Freedonia's bases are at risk if
# Sylvania is sanctioned").
CONDITION_MARKS = frozenset({"if", "unless"})


def _tells_a_possibility(clause: Token, lexicon: Lexicon) -> bool:
    """Is the clause's own modal one of possibility: a ``hypothetical`` modifier of
    cues.tsv ("could", "might", "may", "can") that is no demand (demand_modals.txt:
    "should Huawei be given a role" is a condition, parsed as the warning's clause)?"""
    return any(
        c.dep_ == "aux"
        and c.tag_ == "MD"
        and lexicon.modifier_cues.get(c.lower_) == "hypothetical"
        and c.lower_ not in demand_modals()
        for c in clause.children
    )


def _tells_own_act(clause: Token, addressed: bool, lexicon: Lexicon) -> bool:
    """Does a clause say what its speaker's side will do: its subject a personal
    pronoun or a thing a pronoun owns ("our missiles"), or a name ("Washington would
    consider scaling back")? A common noun or "there" ("warned that the dam could
    collapse", "that there will be massive flooding") tells what will happen, unless
    it is the price of a condition ("... are at risk if Sylvania is sanctioned"). A
    warning to an addressee (``addressed``: "warned X that ...") of what will or would
    be done is a threat whoever its clause names. What only could or might happen is
    the speaker's own act only when its subject is a pronoun: "warned that it could
    strike" threatens; "warned that the PVV could still win", "warned the U.S., South
    Korea and North Korea could be heading for conflict" forecast."""
    if any(t.dep_ == "mark" and t.lower_ in CONDITION_MARKS for t in clause.subtree):
        return True
    subject = next((c for c in clause.children if c.dep_ in CLAUSE_SUBJECTS), None)
    pronoun = subject is not None and (
        subject.pos_ == "PRON"
        or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subject.children)
    )
    if _tells_a_possibility(clause, lexicon):
        return pronoun
    if addressed or pronoun:
        return True
    if subject is None:
        return not any(c.dep_ == "expl" for c in clause.children)
    return subject.pos_ == "PROPN"


def _told_clause(verb: Token) -> Token | None:
    """The clause a verb tells to an addressee ("warned Washington that it could lose
    out", "warned the U.S., South Korea and North Korea could be heading for
    conflict"), when it has one."""
    if not any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)


def states_a_view(verb: Token, type_: str | None, lexicon: Lexicon) -> bool:
    """Does a trigger verb of ``clause_senses.tsv`` take a clause for its object and so
    state a view or an admission ("demonstrated that the policy worked", "agreed that
    Castro was a dictator", "accepted that it could no longer be a member"), not its
    event? A ``modal`` row keeps the event when the clause says what will or must be
    done (a future cue of cues.tsv, a modal of demand_modals.txt, or a word of readiness
    such as "willing" or "ready"); an ``own`` row keeps it when the clause says what the
    speaker's side will do ("warned that it would respond"), not what will happen ("warned
    that the dam could collapse": a forecast, no threat); "could", "can" and
    "may" say what is possible, which is still a view ("accepted that it could no
    longer be a member")."""
    if type_ is None or verb.pos_ not in ("VERB", "AUX"):
        return False
    decision = clause_senses().get((verb.lemma_.lower(), type_))
    if decision is None:
        return False
    clause = _clause_object(verb)
    if decision == "own" and clause is None:
        told = _told_clause(verb)
        return told is not None and not _tells_own_act(told, True, lexicon)
    if clause is None:
        return False
    if decision == "-":
        return True
    if decision == "own":
        return not _tells_own_act(clause, False, lexicon)
    aux = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if any(
        a.lower_ in demand_modals() or lexicon.modifier_cues.get(a.lower_) == "future" for a in aux
    ):
        return False
    # "agreed that the Swiss side is willing to deepen cooperation": readiness is a decision
    return not any(
        lexicon.governor_cues.get(c.lemma_.lower()) == "future"
        for c in (clause, *clause.children)
        if c.dep_ in ("acomp", "ccomp") or c is clause
    )


# A tally after "by": two percentages ("by 62% to 38%", "by 55 percent to 45 percent"),
# a hyphened pair ("by 55-45 percent", "by a vote of 52-47") or two counts ("by a margin
# of 335 votes to 287", "by 69 to 59").
_SHARE = r"\d+(?:\.\d+)?\s*(?:%|percent|per cent)"
_OPENING = r"by\s+(?:a\s+(?:margin|vote)\s+of\s+)?"
VOTE_TALLY = re.compile(
    rf"^{_OPENING}(?:{_SHARE}\s*to\s*{_SHARE}|\d+\s*[-–]\s*\d+|\d[\d,]*\s*(?:votes?)?\s*to\s*\d)",
    re.IGNORECASE,
)


TALLY_TOKENS = 10


@cache
def vote_words() -> frozenset[str]:
    """``vote_words.txt``: lemmas that make a sentence tell a vote."""
    return read_words(DATA_DIR / "lexicons" / "vote_words.txt")


def counts_votes(head: Token) -> bool:
    """Does a trigger's sentence tell how a vote went: a tally after "by" ("Scots
    rejected independence by 55-45 percent in a referendum", "MPs voted by 331 to 286 to
    reject an amendment requiring Parliament to be given a vote") and a word of voting
    (``vote_words.txt``)? A referendum's result or a chamber's division is domestic
    voting, no event between parties: in the whole 2017 store (s11 final) 14 events sat
    in such sentences (Scotland's 2014 referendum told six times, the Brexit vote,
    divisions of the Commons, the Lords and the Senate); all read, 13 no event and one
    a domestic request (the Scottish Parliament voting to seek a new referendum). (The
    coder keeps the votes of an international body: "the Security Council adopted the
    resolution by 14 votes to 0" is its decision.)"""
    sentence = head.sent
    words = vote_words()
    if not any(t.lemma_.lower() in words for t in sentence):
        return False
    return any(
        t.dep_ == "prep"
        and t.lower_ == "by"
        # the words after "by", whatever the parse hangs them on ("by 331 | to 286")
        and VOTE_TALLY.match(t.doc[t.i : min(t.i + TALLY_TOKENS, sentence.end)].text) is not None
        for t in sentence
    )
