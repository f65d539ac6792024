"""An event's attributes: polarity, tense, certainty and attribution, date, quantities.

Every cue word comes from ``lexicons/cues.tsv`` (see ``Lexicon``); this module
only says where to look for them:

1. *modifiers* of the predicate: its auxiliaries, adverbs, negation and
   subordinators ("has not condemned", "will", "if", "reportedly"), and the
   determiner of its object ("offering no assistance"); a coordinated verb
   without auxiliaries of its own shares its first conjunct's;
2. *governors*: verbs or adjectives whose complement holds the event, climbing
   through ``xcomp``/``ccomp``/coordination and, for event nouns, through the
   verb they are the object of ("declined to condemn", "is considering a deal
   to sell", "the West alleges that", "X told Y", "an airstrike which Iran
   blamed on Israel");
3. *sentence* cues anywhere in the sentence ("according to", "unconfirmed",
   "no evidence").

Certainty takes the strongest cue found (denied > disputed > alleged >
reported > asserted); its attribution is the governor's subject or the object
of "according to".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.tokens import Doc, Span, Token

from entente.events.claims import (
    Quotation,
    claim_kind,
    claim_noun_above,
    denial_of,
    find_quotations,
    hedge_verbs,
    quotation_at,
)
from entente.events.roles import (
    PERSONAL,
    SUBJECT_DEPS,
    THIRD_PERSON,
    MentionIndex,
    arguments,
    child,
    resolve_pronoun,
)
from entente.events.triggers import Lexicon, token_strings
from entente.nlp.pipeline import doc_text
from entente.records import Attribution, Quantity

CERTAINTY_RANK = {"asserted": 0, "reported": 1, "alleged": 2, "disputed": 3, "denied": 4}
# csubj: "holding a summit would not be provocative" is governed by its predicate
CLAUSAL_DEPS = frozenset({"xcomp", "ccomp", "acomp", "pcomp", "prep", "csubj"})
MODIFIER_DEPS = frozenset({"aux", "auxpass", "advmod", "neg", "mark", "preconj", "det"})
CLAUSE_BOUNDARY_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "acl"})
CURRENCY = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "dollar": "USD", "euro": "EUR"}


# --- polarity, tense, certainty ---------------------------------------------------------


def _clause_mark(clause: Token, lexicon: Lexicon) -> Token | None:
    """The word that opens an adverbial clause: its ``mark`` ("if", "unless"), or,
    where the parser hangs a compound subordinator on the main verb ("in case X",
    "in the event X"), the cue noun just before the clause."""
    mark = child(clause, "mark")
    if mark is not None:
        return mark
    before = clause.doc[clause.left_edge.i - 1] if clause.left_edge.i > 0 else None
    if (
        before is not None
        and before.dep_ == "pobj"
        and before.pos_ == "NOUN"
        and lexicon.modifier_cues.get(before.lower_)
    ):
        return before
    return None


# kinds an adjective on an event noun gives it ("a proposed deal", "an alleged
# murder", "an aborted invasion")
AMOD_KINDS = frozenset({"future", "hypothetical", "alleged", "negate"})


def _modifier_kinds(pred: Token, lexicon: Lexicon) -> list[tuple[str, Token]]:
    found = []
    if pred.dep_ == "advcl" and child(pred, "mark") is None:
        # "in case a truce is not agreed": the clause's own subordinator
        opener = _clause_mark(pred, lexicon)
        if opener is not None and lexicon.modifier_cues.get(opener.lower_) == "hypothetical":
            found.append(("hypothetical", opener))
    for c in pred.children:
        if (
            c.dep_ in MODIFIER_DEPS
            or c.dep_ == "advcl"
            # "a proposed deal", "possible sanctions": an adjective of intent or chance
            or (c.dep_ == "amod" and pred.pos_ == "NOUN")
        ):
            kind = lexicon.modifier_cues.get(c.lower_) or lexicon.modifier_cues.get(
                c.lemma_.lower()
            )
            if c.dep_ == "advmod" and c.n_lefts:
                # a cue phrase read off the modifier's subtree: "no longer"
                phrase = " ".join(t.lower_ for t in c.subtree)
                kind = lexicon.modifier_cues.get(phrase, kind)
            if c.dep_ == "amod" and kind not in AMOD_KINDS:
                continue
            if c.dep_ == "advcl":
                mark = _clause_mark(c, lexicon)
                kind = lexicon.modifier_cues.get(mark.lower_) if mark is not None else None
                if kind != "hypothetical":
                    continue
                if lexicon.governor_cues.get(pred.lemma_.lower()) == "hypothetical":
                    # "warned X of consequences if ...", "urged them to ... if they want":
                    # a verb of warning or asking says its condition as part of what it
                    # says; the warning itself was made
                    continue
            # "no attack" negates; "any attack (would ...)" names no act that happened
            det_ok = kind == "negate" or (kind == "hypothetical" and pred.pos_ == "NOUN")
            if kind and (c.dep_ != "det" or det_ok):
                found.append((kind, c))
        elif c.dep_ in ("dobj", "attr", "pobj") and pred.pos_ in ("VERB", "AUX"):
            det = child(c, "det")
            if det is not None and lexicon.modifier_cues.get(det.lower_) == "negate":
                found.append(("negate", det))
    if pred.dep_ == "conj" and not any(c.dep_ in ("aux", "auxpass") for c in pred.children):
        found.extend((k, t) for k, t in _modifier_kinds(pred.head, lexicon) if k != "negate")
    return found


# prepositions that introduce the charge of a verb of accusing or denying
# ("accused X of training", "blamed X for the attack", "charged X with murder")
CHARGE_PREPS = frozenset({"of", "for", "with"})
CHARGE_KINDS = frozenset({"alleged", "denied", "disputed"})


def charge_verb(pred: Token, lexicon: Lexicon) -> Token | None:
    """The verb of accusing or denying whose charge ``pred`` is (or is coordinated
    with): "accused Iran of training and arming militants"."""
    token = pred
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ not in ("pobj", "pcomp") or token.head.lower_ not in CHARGE_PREPS:
        return None
    verb = token.head.head
    if verb.pos_ != "VERB" or lexicon.governor_cues.get(verb.lemma_.lower()) not in CHARGE_KINDS:
        return None
    return verb


def governors_of(pred: Token, lexicon: Lexicon, view: DocView) -> list[tuple[str, Token]]:
    """Governor cues above ``pred`` (step 2), nearest first.

    An event noun is governed only as a direct argument of its verb ("denied the
    attack", "claimed its attack was ..."); a noun deeper in a phrase is background
    the clause takes for granted. Above the first verb the climb follows clauses only.
    """
    found = []
    token = pred
    for relcl in pred.children:  # "an airstrike which Iran blamed": the clause governs the noun
        if relcl.dep_ == "relcl" and any(
            c.dep_ in ("dobj", "nsubjpass") and c.lower_ in ("which", "that", "whom")
            for c in relcl.children
        ):
            kind = lexicon.governor_cues.get(relcl.lemma_.lower())
            if kind:
                found.append((kind, relcl))
    charged = charge_verb(pred, lexicon)
    if charged is not None:
        found.append((lexicon.governor_cues[charged.lemma_.lower()], charged))
    nominal = pred.pos_ not in ("VERB", "AUX")
    if nominal and pred.dep_ == "pobj" and pred.head.lower_ == "of":
        # "the possibility of sanctions", "threats of an attack": a noun of chance or
        # fear holds the event it names as a prospect, not as something done
        holder = pred.head.head
        kind = lexicon.governor_cues.get(holder.lemma_.lower())
        if holder.pos_ == "NOUN" and kind in ("future", "hypothetical"):
            found.append((kind, holder))
    via_infinitive = False
    para = view.sentence(pred)
    for step in range(8):
        dep, head = token.dep_, token.head
        if not para.start <= head.i < para.end:
            break
        if head.i == token.i:
            for c in token.children:  # a root with a trailing "X said" clause
                if c.dep_ == "parataxis" and lexicon.governor_cues.get(c.lemma_.lower()):
                    found.append((lexicon.governor_cues[c.lemma_.lower()], c))
            break
        if dep == "conj" and child(token, SUBJECT_DEPS) is None:
            token = head
            continue
        if nominal and step == 0 and dep == "pobj" and head.lower_ == "for":
            # "hoping for support", "asked for help": an event hoped, waited or
            # called for is a prospect of the verb the "for" hangs from
            above = head.head
            kind = lexicon.governor_cues.get(above.lemma_.lower())
            if above.pos_ in ("VERB", "AUX") and kind in ("future", "hypothetical"):
                found.append((kind, above))
            break
        if nominal and step == 0:
            allowed = dep in ("dobj", "nsubj", "nsubjpass", "attr")
            kind = lexicon.governor_cues.get(head.lemma_.lower())
            if dep in ("attr", "nsubj") and child(head, "expl") is not None:
                # "there will be an attack", "there could be sanctions": the
                # existential's own modals place the event
                found.extend(
                    (k, t)
                    for k, t in _modifier_kinds(head, lexicon)
                    if k in ("future", "hypothetical")
                )
            if dep == "dobj" and kind == "presuppose":
                # "trying to break a blockade": the blockade exists; only the attempt
                # on it is governed by what is above
                break
            if dep == "dobj" and kind == "cease":
                # "would cease aid": the aid stops, when and as surely as the stopping
                found.append((kind, head))
                found.extend(
                    (k, t)
                    for k, t in _modifier_kinds(head, lexicon)
                    if k in ("future", "hypothetical")
                )
        else:
            allowed = dep in CLAUSAL_DEPS or (via_infinitive and dep in ("dobj", "pobj"))
        via_infinitive = dep in ("relcl", "acl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children
        )
        if not allowed and not via_infinitive:
            break
        if head.pos_ == "NOUN" and not (nominal and step == 0):
            # "a plan for supporting X", "interest in making X": a noun of intent
            kind = lexicon.governor_cues.get(head.lemma_.lower())
            # "its reluctance to endorse", "the refusal to meet": a noun of refusal
            if kind in ("future", "hypothetical", "negate"):
                found.append((kind, head))
        # an adverb governs too: "stopped short of imposing", "fell short of signing"
        if head.pos_ in ("VERB", "AUX", "ADJ", "ADV"):
            kind = lexicon.governor_cues.get(head.lemma_.lower())
            if (
                dep == "ccomp"
                and head.lemma_.lower() in lexicon.finite_cues
                and (child(token, SUBJECT_DEPS) is not None or child(token, "mark") is not None)
            ):
                # "warned that X is dangerous": a that-clause is what was said
                kind = lexicon.finite_cues[head.lemma_.lower()]
            direct_object = nominal and step == 0 and dep == "dobj"
            if (
                kind
                and not (direct_object and kind == "reported")
                and dep not in ("nsubj", "nsubjpass")
            ):
                found.append((kind, head))
            if not (nominal and step == 0):
                found.extend(
                    (k, t)
                    for k, t in _modifier_kinds(head, lexicon)
                    if k in ("future", "hypothetical")
                )
        token = head
    return found


def _sentence_cues(sent: Span, lexicon: Lexicon, view: DocView) -> list[tuple[str, Token, int]]:
    cached = view.cues.get(sent.start)
    if cached is not None:
        return cached
    found = []
    index = lexicon.sentence_cues
    lemmas, lowers = view.lemmas, view.lowers
    doc = sent.doc
    for i in range(sent.start, sent.end):
        entries = index.get(lemmas[i]) or index.get(lowers[i])
        if not entries:
            continue
        for words, kind in entries:
            end = i + len(words)
            if end > sent.end:
                continue
            if all(
                lemmas[j] == x or lowers[j] == x for j, x in zip(range(i, end), words, strict=True)
            ):
                found.append((kind, doc[i], end))
                break
    view.cues[sent.start] = found
    return found


class DocView:
    """Per-document lookups built once: each token's sentence cut at blank lines
    (the parser can run a sentence on across a paragraph break or a heading), and
    the entities by position."""

    def __init__(self, doc: Doc, strings: tuple[list[str], list[str]] | None = None) -> None:
        self.doc = doc
        self.lemmas, self.lowers = strings if strings is not None else token_strings(doc)
        self.cues: dict[int, list[tuple[str, Token, int]]] = {}
        self._ents_by_sent: dict[tuple[int, int, tuple[str, ...]], list[Span]] = {}
        n = len(doc)
        self.start = [0] * n
        self.end = [0] * n
        starts = doc.to_array(IDX).tolist()
        breaks = set()  # tokens after which a line ends
        for found in re.finditer(r"\n", doc_text(doc)):  # doc.text makes a Token per token
            breaks.add(max(bisect_right(starts, found.start()) - 1, 0))
        spaces = set(i for i, flag in enumerate(doc.to_array(IS_SPACE).tolist()) if flag)
        sent_starts = doc.to_array(SENT_START).tolist()
        # the parser's sentence number of each token
        self.sent_number = list(
            accumulate(1 if f == 1 and i else 0 for i, f in enumerate(sent_starts))
        )
        self._spans: dict[int, Span] = {}
        begin = 0
        for i in range(n):
            if i > begin and sent_starts[i] == 1:
                self._fill(begin, i, spaces)
                begin = i
            if i in breaks:
                self._fill(begin, i + 1, spaces)
                begin = i + 1
        if begin < n:
            self._fill(begin, n, spaces)
        self.ents = [(e.start, e.end, e.label_, e) for e in doc.ents]
        self._quotations: list[Quotation] | None = None
        self._quotation_starts: list[int] = []

    def quotation(self, token: Token, lexicon: Lexicon) -> Quotation | None:
        """The quotation holding ``token``, the document's quotations found on first use."""
        if self._quotations is None:
            self._quotations = find_quotations(self.doc, lexicon)
            self._quotation_starts = [q.start for q in self._quotations]
        return quotation_at(self._quotations, self._quotation_starts, token.i)

    def _fill(self, start: int, end: int, spaces: set[int]) -> None:
        stop = end
        while stop > start + 1 and (stop - 1) in spaces:
            stop -= 1
        self.start[start:end] = [start] * (end - start)
        self.end[start:end] = [stop] * (end - start)

    def sentence(self, token: Token) -> Span:
        start = self.start[token.i]
        span = self._spans.get(start)
        if span is None:
            span = self.doc[start : max(self.end[token.i], start + 1)]
            self._spans[start] = span
        return span

    def ents_in(self, span: Span, labels: tuple[str, ...]) -> list[Span]:
        key = (span.start, span.end, labels)
        found = self._ents_by_sent.get(key)
        if found is None:
            found = [
                e
                for s, t, label, e in self.ents
                if label in labels and s >= span.start and t <= span.end
            ]
            self._ents_by_sent[key] = found
        return found


def presupposed(pred: Token, lexicon: Lexicon) -> bool:
    """Is the event noun ``pred`` the object of a verb that takes it as existing
    ("break a blockade", "violate a truce")? What governs that verb does not
    govern the event."""
    return (
        pred.dep_ == "dobj" and lexicon.governor_cues.get(pred.head.lemma_.lower()) == "presuppose"
    )


# words that, as the subject of an act or the noun it describes, say nobody did it
# ("none of them were killed", "there is nothing preventing X")
NEGATIVE_SUBJECTS = frozenset({"none", "nobody", "nothing", "neither", "no-one"})


def _negative_subject(pred: Token, lexicon: Lexicon) -> bool:
    """Is the doer "none", "nobody", "no one" or a noun under "no"?"""
    doer = child(pred, (*SUBJECT_DEPS, "nsubjpass"))
    if doer is None and pred.dep_ == "acl":
        doer = pred.head  # "nothing preventing X"
    if doer is None:
        return False
    if doer.lower_ in NEGATIVE_SUBJECTS:
        return True
    det = child(doer, "det")
    return det is not None and lexicon.modifier_cues.get(det.lower_) == "negate"


def _denied_implicative(pred: Token, lexicon: Lexicon) -> bool:
    """Is ``pred`` the complement of a negated verb that makes its complement happen
    ("did not manage to sign", "will not cause X to back down": cues kind actual)?"""
    token = pred
    for _ in range(3):
        if token.dep_ not in ("xcomp", "ccomp") or token.head.i == token.i:
            return False
        head = token.head
        if head.lemma_.lower() in lexicon.implicatives:
            return any(k == "negate" for k, _ in _modifier_kinds(head, lexicon))
        token = head
    return False


def polarity_of(pred: Token, lexicon: Lexicon, governors: list[tuple[str, Token]]) -> str:
    if any(kind == "negate" for kind, _ in _modifier_kinds(pred, lexicon)):
        return "negative"
    if pred.pos_ in ("VERB", "AUX") and _negative_subject(pred, lexicon):
        return "negative"
    if _denied_implicative(pred, lexicon):
        return "negative"
    for kind, gov in governors:
        if kind == "cease" and pred in gov.subtree:
            return "negative"  # "halted aid", "would stop arresting": the act ends
        if kind == "negate" and pred in gov.subtree and pred.dep_ != "dobj":
            return "negative"
        if (
            kind in ("future", "hypothetical")
            and pred in gov.subtree
            and any(k == "negate" for k, _ in _modifier_kinds(gov, lexicon))
        ):
            # "does not want to attack", "has no plans to visit": an intent or
            # call that is itself denied
            return "negative"
    return "positive"


def is_forecast(lexicon: Lexicon, governors: list[tuple[str, Token]]) -> bool:
    """Is the event reported by a speaker whose "would"/"will" is a forecast
    ("analysts say X would welcome")?"""
    for kind, gov in governors:
        if kind == "reported":
            subj = child(gov, SUBJECT_DEPS)
            if subj is not None and lexicon.speaker_cues.get(subj.lemma_.lower()):
                return True
    return False


def tense_of(pred: Token, lexicon: Lexicon, governors: list[tuple[str, Token]]) -> str:
    kinds = [k for k, _ in _modifier_kinds(pred, lexicon)] + [k for k, _ in governors]
    sent_marks = {t.lower_ for t in pred.subtree if t.dep_ == "mark"}
    if "hypothetical" in kinds:
        return "hypothetical"
    if "future" in kinds:
        cond = any(lexicon.modifier_cues.get(m) == "hypothetical" for m in sent_marks)
        would = any(t.lower_ == "would" for t in pred.children)
        forecast = is_forecast(lexicon, governors)
        return "hypothetical" if (cond and would) or forecast else "future"
    if unrealised_infinitive(pred, lexicon):
        return "future"
    return "actual"


# Clauses an infinitive can head ("forming to provide", "calls to impose", "it is
# for X to accept"), and the links climbed to reach one ("by accepting", "and sign").
INFINITIVE_DEPS = frozenset({"xcomp", "advcl", "acl", "relcl", "ccomp", "csubj", "oprd"})
INFINITIVE_CLIMB_DEPS = frozenset({"pcomp", "prep", "conj"})


def unrealised_infinitive(pred: Token, lexicon: Lexicon) -> bool:
    """Is ``pred`` (or the clause it hangs from) a to-infinitive that states an
    aim, a call or a possibility rather than an act: "a coalition is forming to
    provide aid", "calls to impose sanctions", "it is for X to accept"? Not after
    a verb that implies the act happened ("managed to sign", cues kind actual) nor
    after an adjective or ordinal ("was quick to condemn", "the first to
    congratulate")."""
    token = pred
    for _ in range(6):
        if (
            token.pos_ in ("VERB", "AUX")
            and token.dep_ in INFINITIVE_DEPS
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        ):
            head = token.head
            if head.pos_ in ("ADJ", "NUM") or head.tag_ in ("JJ", "JJS", "RBS"):
                return False
            lemma = head.lemma_.lower()
            if lexicon.governor_cues.get(lemma) in CERTAINTY_RANK or any(
                c.dep_ == "aux" and c.lemma_ == "have" for c in token.children
            ):
                # "is believed to have supplied", "is said to arm": what is claimed
                # happened, not an aim
                return False
            # "declined to condemn": negated (polarity), not merely aimed at
            return lemma not in lexicon.implicatives and lexicon.governor_cues.get(lemma) not in (
                "negate",
                "cease",
            )
        if token.dep_ not in INFINITIVE_CLIMB_DEPS or token.head.i == token.i:
            return False
        token = token.head
    return False


# clauses of a source phrase left out of its name ("sources who reviewed them")
NAME_SKIP_DEPS = frozenset({"relcl", "acl", "punct"})
NAME_MAX_WORDS = 8


def _attribution_from(token: Token, index: MentionIndex, cue: str) -> Attribution:
    """The source ``token`` names. A pronoun ("he said") takes the name of the actor it
    stands for, where the text names one; the actor id goes with it. A relative
    pronoun ("a report that said") stands for the noun its clause describes; "he" or
    "she" with no actor behind it takes the last person named before it."""
    if token.lower_ in RELATIVE_WORDS and token.head.dep_ == "relcl":
        token = token.head.head
    person = None
    if token.lower_ in THIRD_PERSON:
        mentions = resolve_pronoun(token, index)
        if not mentions and token.lower_ in PERSONAL:
            person = _person_before(token)
    else:
        # a first-person word inside the source phrase ("our spokesman") names nobody
        # the text identifies; following it back through the quotation loops
        mentions = arguments(token, index, allow_pronoun=False)
    m = mentions[0] if mentions else None
    if token.pos_ == "PRON" and m is not None:
        name = m.text
    elif person is not None:
        name = person.text
    else:
        span = token.doc[token.left_edge.i : token.right_edge.i + 1]
        clauses = [c for c in token.children if c.dep_ in NAME_SKIP_DEPS]
        skipped = {t.i for c in clauses for t in c.subtree}
        words = [t for t in span if t.i not in skipped and not t.is_punct]
        name = " ".join(t.text for t in words[:NAME_MAX_WORDS]) if words else token.text
    return Attribution(
        name=name,
        cue=cue,
        country=m.country if m else None,
        sector=m.sector if m else None,
        actor_id=m.actor_id if m else None,
    )


# sentences back a personal pronoun's source may have been named in
PERSON_REACH_SENTENCES = 3
PERSON_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "appos"})
QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "``", "''"})


def _person_before(token: Token) -> Span | None:
    """The last person named before ``token`` (spaCy's PERSON entities), in its
    sentence or the few before it as the subject of a clause: "he said" of someone
    the registry does not know."""
    doc = token.doc
    sent = token.sent
    start = sent.start
    for _ in range(PERSON_REACH_SENTENCES):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    people = [
        e
        for e in doc.ents
        if e.label_ == "PERSON"
        and start <= e.start
        and e.end <= token.i
        # a doer, not someone spoken of ("gave Obama the answer that he wanted")
        and e.root.dep_ in PERSON_SUBJECT_DEPS
    ]
    for person in reversed(people):
        # an odd number of quote marks between them: one of the two is quoted, and a
        # speaker is seldom named inside the words quoted ('"... Trump will ...," he said')
        marks = sum(1 for t in doc[person.end : token.i] if t.text in QUOTE_MARKS)
        if marks % 2 == 0:
            return person
    return None


# the links by which a clause is what a verb reports ("noted that ...", "X, he said")
REPORTED_CLAUSE_DEPS = frozenset({"ccomp", "parataxis", "xcomp"})
# links below which a phrase is the narrator's description, not what is reported
NARRATOR_DEPS = frozenset({"relcl", "nsubj", "nsubjpass"})
# kinds of a reporting verb that pass to everything said in its clause
SOURCE_KINDS = frozenset({"reported", "alleged"})


def _unmarked_clause(token: Token) -> bool:
    """A finite clause with its own subject and no subordinator that the parser hung
    on a verb as an adverbial ("said after the convention he would not accept"): what
    the verb says, not when or why it was said ("said after meeting X" is not)."""
    return (
        token.dep_ == "advcl"
        and child(token, SUBJECT_DEPS) is not None
        and child(token, "mark") is None
    )


def _reporters_above(pred: Token, lexicon: Lexicon, view: DocView) -> list[tuple[str, Token]]:
    """Verbs of saying or believing whose reported clause holds ``pred`` at any depth
    ("the report noted that Russia did not doubt Iran would respond to the attack",
    "leaders believe ..., with the expectation that X will intensify"). The step-2
    climb stops at a noun for tense and polarity (background the clause takes for
    granted), but who vouches for the sentence vouches for all of it."""
    found = []
    para = view.sentence(pred)
    token = pred
    for _ in range(12):
        head = token.head
        if head.i == token.i or not para.start <= head.i < para.end:
            break
        if token.dep_ in NARRATOR_DEPS and (token.dep_ != "relcl" or token.i == pred.i):
            # "an airstrike which Iran blamed on Israel", "the escalation following
            # the assassination will lead to ...": a relative clause that is the
            # event, or a subject, is the narrator's own description, whoever says
            # the rest; an event deeper in a relative clause is part of what is said
            # ("said donors who want to see X elected will send checks": PolNeAR dev
            # attribution 0.549 -> 0.580 with this, 0.591 but more narrator errors with no clause stop)
            return []
        kind = lexicon.governor_cues.get(head.lemma_.lower())
        if (
            kind in SOURCE_KINDS
            and head.pos_ in ("VERB", "AUX")
            and (token.dep_ in REPORTED_CLAUSE_DEPS or _unmarked_clause(token))
        ):
            found.append((kind, head))
        token = head
    root = token
    for c in root.children:  # a trailing "X said" hung on the sentence's root
        kind = lexicon.governor_cues.get(c.lemma_.lower())
        if c.dep_ == "parataxis" and kind in SOURCE_KINDS and c.i != pred.i:
            found.append((kind, c))
    return found


def certainty_of(
    pred: Token,
    lexicon: Lexicon,
    governors: list[tuple[str, Token]],
    index: MentionIndex,
    view: DocView,
) -> tuple[str, Attribution | None]:
    """The event's certainty and who the text says claims it.

    Steps: 1. modifiers ("reportedly", "allegedly": no claimant); 2. governing
    verbs of saying or believing and 3. any such verb whose reported clause holds
    the event (its subject, or a passive's agent, claims it); 4. sentence cues
    ("according to X", "unconfirmed"); 5. the quotation holding the event, whose
    speaker also replaces a claimant the speaker names as "I", "we" or "you"
    ('"I know they sent ...," she said'); then a verb that speaks of it ("cited
    the attacks": a source, certainty unchanged); 6. the maker of a plan or call
    that governs it; 7. a speaker's own act done in the words quoted stays asserted.
    """
    best, attribution = "asserted", None
    claimant: Token | None = None
    for kind, _tok in _modifier_kinds(pred, lexicon):  # 1.
        if kind in CERTAINTY_RANK and CERTAINTY_RANK[kind] > CERTAINTY_RANK[best]:
            best, attribution = kind, None
    reporters = [(k, g) for k, g in governors if k in CERTAINTY_RANK]  # 2.
    reporters += _reporters_above(pred, lexicon, view)  # 3.
    for kind, gov in reporters:
        # nearest first: an outer report of the same strength names the source the
        # narrator cites ("the commissioner says a review shows X": the commissioner)
        if CERTAINTY_RANK[kind] > CERTAINTY_RANK[best] or (
            kind == best and attribution is not None and claimant is not None
        ):
            claimant = claimant_of(gov) if gov.lemma_.lower() not in hedge_verbs() else None
            best = kind
            attribution = (
                _attribution_from(claimant, index, gov.lemma_.lower()) if claimant else None
            )
    noun = claim_noun_above(pred, lexicon)
    noun_kind = claim_kind(noun) if noun is not None else None
    if noun is not None and noun_kind and CERTAINTY_RANK[noun_kind] > CERTAINTY_RANK[best]:
        # the content of "the accusation that ...", "Iran's claim that ...": claimed
        # by whoever the noun says made the claim
        best = noun_kind
        claimant = child(noun, "poss")
        attribution = _attribution_from(claimant, index, noun.lemma_.lower()) if claimant else None
    for kind, tok, end in _sentence_cues(view.sentence(pred), lexicon, view):  # 4.
        if kind in CERTAINTY_RANK and CERTAINTY_RANK[kind] > CERTAINTY_RANK[best]:
            best, claimant = kind, None
            if end - tok.i > 1:  # "according to X": the object of the last word
                claimant = child(tok.doc[end - 1], "pobj")
            attribution = (
                _attribution_from(claimant, index, "according to") if claimant is not None else None
            )
    if attribution is None:
        frame = _unparsed_frame(pred, lexicon, view)
        if frame is not None:
            kind, attribution = frame
            best = max(best, kind, key=CERTAINTY_RANK.__getitem__)
    quote = view.quotation(pred, lexicon)  # 5.
    if (
        quote is not None
        and quote.source is not None
        and quote.cue is not None
        and (
            attribution is None
            or claimant is None
            or claimant.lower_ in SPEAKER_WORDS
            or quote.start < claimant.i <= quote.end
        )
    ):
        # words inside a quotation are its speaker's, whatever the parse
        attribution = _attribution_from(quote.source, index, quote.cue)
        kind = lexicon.governor_cues.get(quote.cue, "reported")
        if CERTAINTY_RANK.get(kind, 0) > CERTAINTY_RANK[best]:
            best = kind
    if attribution is None:
        # a verb of stance speaks of the event ("cited the attacks", "mentioned the raid"):
        # its subject is the source; the narrator still vouches as much as before
        speaker = _stance_verb(pred, lexicon)
        claimant = claimant_of(speaker) if speaker is not None else None
        if claimant is not None and claimant.lower_ not in RELATIVE_WORDS:
            attribution = _attribution_from(claimant, index, speaker.lemma_.lower())
    if attribution is None:  # 6.
        attribution = _intender(governors, index)
        if attribution is not None and CERTAINTY_RANK["reported"] > CERTAINTY_RANK[best]:
            best = "reported"
    if best == "reported" and performative(pred):  # 7.
        best = "asserted"  # the speaker's own act, done in the words reported
    return best, attribution


@dataclass(frozen=True, slots=True)
class Contest:
    """A denial of an event that the text also reports as claimed: who denies it, in
    what word, how sure that makes the event (denied or disputed), and the claim noun
    the denial names the claim by ("denied the allegations"), if any."""

    certainty: str
    denier: Attribution | None
    word: Token
    noun: Token | None = None


def contest_of(
    pred: Token,
    certainty: str,
    governors: list[tuple[str, Token]],
    lexicon: Lexicon,
    index: MentionIndex,
) -> Contest | None:
    """The other side of a claimed event: for an event alleged or reported (a charge,
    a claim's content), the denial the text records ("accused Iran of arming
    rebels, a charge Tehran dismissed"). None for an event the text itself asserts
    or already marks denied."""
    if certainty not in ("alleged", "reported"):
        return None
    accuser = charge_verb(pred, lexicon) or next(
        (g for k, g in governors if k == "alleged" and g.pos_ == "VERB"), None
    )
    denial = denial_of(pred, accuser, lexicon)
    if denial is None:
        return None
    kind = lexicon.governor_cues.get(denial.verb.lemma_.lower())
    kind = kind if kind in ("denied", "disputed") else "denied"
    denier = (
        _attribution_from(denial.denier, index, denial.verb.lemma_.lower())
        if denial.denier is not None
        else None
    )
    return Contest(certainty=kind, denier=denier, word=denial.verb, noun=denial.noun)


# how far a verb of saying may follow the claim noun it is the verb of
# ("reports out of Ukraine allege": 3 words between)
FRAME_REACH_TOKENS = 6


def _unparsed_frame(pred: Token, lexicon: Lexicon, view: DocView) -> tuple[str, Attribution] | None:
    """A claim noun and its verb of saying that the parser did not read as one
    ("numerous reports out of Ukraine allege X was ...", with "allege" taken for a
    noun): the noun phrase, the subject of its sentence, is the claimant of what
    follows the verb. The verb stands bare (no determiner: not "the claim")."""
    sent = view.sentence(pred)
    for noun in sent:
        if noun.i >= pred.i:
            break
        if noun.dep_ not in ("nsubj", "nsubjpass") or claim_kind(noun) is None:
            continue
        for word in pred.doc[noun.i + 1 : min(noun.i + 1 + FRAME_REACH_TOKENS, pred.i)]:
            kind = lexicon.governor_cues.get(word.lemma_.lower())
            if (
                word.pos_ != "VERB"
                and kind in ("reported", "alleged")
                and child(word, "det") is None
                and claim_kind(word) is None
            ):
                words = [t for t in pred.doc[noun.left_edge.i : word.i] if not t.is_punct]
                name = " ".join(t.text for t in words)
                return kind, Attribution(name=name, cue=word.lemma_.lower())
    return None


def _stance_verb(pred: Token, lexicon: Lexicon) -> Token | None:
    """The verb of stance (cues.tsv kind ``stance``) that speaks of ``pred`` without
    reporting it as a claim: its direct object the event noun is (or a conjunct of
    it), or its clause holds the event ("mentioned refinancing loans")."""
    token = pred
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    head = token.head
    if head.i == token.i or head.pos_ != "VERB":
        return None
    if lexicon.governor_cues.get(head.lemma_.lower()) != "stance":
        return None
    if (token.dep_ == "dobj" and pred.pos_ == "NOUN") or token.dep_ in REPORTED_CLAUSE_DEPS:
        return head
    return None


# the speaker and the addressee: inside a quotation, whoever is quoted
SPEAKER_WORDS = frozenset({"i", "we", "you", "me", "us"})


def claimant_of(gov: Token) -> Token | None:
    """Who a cue verb says claims or intends its content: its subject, the subject of
    the verb it is coordinated with ("made a condemnation and pledged to ...") or of
    the clause its participle hangs from ("..., saying X"), or a passive's agent ("it was reported by X"). A passive's own subject is what is
    claimed, not who claims it ("Iran is believed to have ...": no claimant)."""
    subj = child(gov, SUBJECT_DEPS)
    if subj is None and gov.dep_ == "conj" and child(gov, ("nsubjpass",)) is None:
        subj = child(gov.head, SUBJECT_DEPS)
    if (
        subj is None
        and gov.dep_ == "advcl"
        and gov.tag_ == "VBG"
        and child(gov, "mark") is None
        and gov.head.pos_ == "VERB"
    ):
        # "Trump spoke to them, promising to lift ...", "..., saying X": a bare
        # participle says what the main verb's subject says (not "while showing",
        # nor after a copula: "disquiet is evident from ..., asking")
        subj = child(gov.head, SUBJECT_DEPS)
    if subj is None:
        agent = child(gov, "agent")
        subj = child(agent, "pobj") if agent is not None else None
    return subj


# cue kinds of a verb or noun of intent, wish or call whose subject (possessor) the
# event it governs is the plan or demand of ("pledged to impose", "urged X to
# resume", "her decision to meet")
INTENT_KINDS = frozenset({"future", "hypothetical"})


def _intender(governors: list[tuple[str, Token]], index: MentionIndex) -> Attribution | None:
    """Step 5: whose promise, plan, wish or call the event is, when no one is said to
    report it: the subject of the nearest verb of intent above it, or the possessor
    of a noun of intent. A passive or subjectless one names nobody."""
    for kind, gov in governors:
        if kind not in INTENT_KINDS or gov.dep_ in ("aux", "auxpass", "mark"):
            continue
        if gov.pos_ == "VERB":
            subj = claimant_of(gov)
        elif gov.pos_ == "NOUN":
            subj = child(gov, "poss")
        else:
            continue
        if subj is not None and subj.lower_ not in RELATIVE_WORDS:
            return _attribution_from(subj, index, gov.lemma_.lower())
    return None


# a relative pronoun subject stands for the noun its clause modifies, which is
# not the source of what the clause governs ("people who want to see ...")
RELATIVE_WORDS = frozenset({"who", "which", "that", "whom"})


# present-tense tags of a finite verb ("we call on", "I urge")
PRESENT_TAGS = frozenset({"VBP", "VBZ"})


def performative(pred: Token) -> bool:
    """Does a quoted speaker do the act by saying it ('"We call on all sides to ...",'
    'I condemn ...')? A first-person present verb with no auxiliary is the act
    itself, as sure as the quotation; it is not a report of something done elsewhere."""
    if pred.tag_ not in PRESENT_TAGS:
        return False
    if any(c.dep_ in ("aux", "auxpass", "neg") for c in pred.children):
        return False
    subj = child(pred, SUBJECT_DEPS)
    return subj is not None and subj.lower_ in FIRST_PERSON_SPEAKERS


FIRST_PERSON_SPEAKERS = frozenset({"i", "we"})


def in_clause(token: Token, top: Token) -> bool:
    """Is ``token`` under ``top`` without crossing into a clause of its own?"""
    node = token
    for _ in range(12):
        if node.i == top.i:
            return True
        if node.dep_ == "conj" and node.pos_ in ("VERB", "AUX"):
            return False  # a coordinated clause has its own date ("X backs Y and Z hit W")
        if node.dep_ in CLAUSE_BOUNDARY_DEPS or node.head.i == node.i:
            return node.head.i == top.i and node.dep_ not in ("ccomp", "relcl", "parataxis")
        node = node.head
    return False


# --- quantities ---------------------------------------------------------------------------


def _number(tokens: list[Token], lexicon: Lexicon) -> float | None:
    value: float | None = None
    for t in tokens:
        text = t.lower_.replace(",", "")
        word = lexicon.numbers.get(text)
        if re.fullmatch(r"\d+(\.\d+)?", text):
            value = float(text) if value is None else value * float(text)
        elif word and word[1] == "scale":
            value = (value or 1.0) * word[0]
        elif word:
            value = word[0] if value is None else value + word[0]
    return value


def _item(head: Token) -> str | None:
    """The noun phrase a number counts, with its conjuncts, or the complement of a
    measure noun ("a barrage of missiles and drones")."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = head
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of" and child(c, "pobj") is not None:
            noun = child(c, "pobj")
            break
    parts = [
        " ".join(w.text for w in noun.lefts if w.dep_ in ("compound", "amod")) + " " + noun.text
    ]
    parts += [c.text for c in noun.children if c.dep_ == "conj"]
    return " and ".join(p.strip() for p in parts)


def quantities_of(top: Token, lexicon: Lexicon, view: DocView) -> list[Quantity]:
    """Counts and amounts inside the event's phrase or clause (not nested clauses).

    Model numbers ("Su-35", "Yak-130") are not counts: a number written with
    letters in it is skipped."""
    out: list[Quantity] = []
    doc = top.doc
    labels = ("MONEY", "CARDINAL", "QUANTITY")
    for ent in view.ents_in(view.sentence(top), labels):
        if not in_clause(ent.root, top):
            continue
        nums = [t for t in ent if t.like_num or t.lower_ in lexicon.numbers]
        if any(
            t.like_num and t.lower_ not in lexicon.numbers and re.search("[a-z]", t.lower_)
            for t in nums
        ):
            continue
        value = _number(nums, lexicon)
        if value is None:
            continue
        if ent.label_ == "MONEY":
            after = doc[ent.end : ent.end + 1]
            unit = next((CURRENCY[t.lower_] for t in ent if t.lower_ in CURRENCY), None)
            unit = unit or next(
                (CURRENCY[t.lemma_.lower()] for t in after if t.lemma_.lower() in CURRENCY), None
            )
            out.append(Quantity(value=value, item=unit or "money", text=ent.text))
            continue
        head = ent.root
        if head.dep_ in ("nummod", "quantmod", "amod", "npadvmod", "advmod"):
            head = head.head
        while head.pos_ in ("ADJ", "PUNCT") and head.head.i != head.i:  # "300-strong barrage"
            head = head.head
        item = _item(head)
        end = max([head.i] + [c.i for c in head.subtree if c.dep_ == "conj"])
        text = doc[ent.start : end + 1].text if ent.start <= end < ent.start + 12 else ent.text
        out.append(Quantity(value=value, item=item, text=text))
    return out


def assault_mode(top: Token, lexicon: Lexicon) -> str | None:
    """An ASSAULT mode from the weapons named in the event's phrase or clause."""
    for t in top.subtree:
        mode = lexicon.instruments.get(t.lemma_.lower())
        if mode and in_clause(t, top):
            return mode
    return None
