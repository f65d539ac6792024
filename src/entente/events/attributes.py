"""An event's attributes: tense, and the cue lookups that polarity (``polarity``),
certainty and attribution (``sources``) share with it. Dates are in ``dates``,
counts and amounts in ``quantities``.

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

Certainty (``sources.certainty_of``) takes the strongest cue found (denied >
disputed > alleged > reported > asserted); its attribution is the governor's
subject or the object of "according to".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from spacy.attrs import IDX, IS_SPACE, SENT_START
from spacy.tokens import Doc, Span, Token

from entente.events.claims import (
    Quotation,
    attempt_words,
    find_quotations,
    quotation_at,
)
from entente.events.lexicon import cue_word
from entente.events.roles import (
    SUBJECT_DEPS,
    child,
)
from entente.events.tense import (
    is_purpose_of_past_act,
    is_ranked_among_doers,
    is_to_be_done,
)
from entente.events.triggers import Lexicon, token_strings
from entente.nlp.pipeline import doc_text

CERTAINTY_RANK = {"asserted": 0, "reported": 1, "alleged": 2, "disputed": 3, "denied": 4}
# csubj: "holding a summit would not be provocative" is governed by its predicate
CLAUSAL_DEPS = frozenset({"xcomp", "ccomp", "acomp", "pcomp", "prep", "csubj"})
MODIFIER_DEPS = frozenset({"aux", "auxpass", "advmod", "neg", "mark", "preconj", "det"})
CLAUSE_BOUNDARY_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "acl"})


# --- polarity, tense, certainty ---------------------------------------------------------


def clause_mark(clause: Token, lexicon: Lexicon) -> Token | None:
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


def modifier_kinds(pred: Token, lexicon: Lexicon) -> list[tuple[str, Token]]:
    found = []
    if pred.dep_ == "advcl" and child(pred, "mark") is None:
        # "in case a truce is not agreed": the clause's own subordinator
        opener = clause_mark(pred, lexicon)
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
            if c.dep_ == "amod":
                # "the next summit": an adjective read only before its noun
                kind = kind or lexicon.attributive_cues.get(c.lower_)
                if kind not in AMOD_KINDS:
                    continue
            if c.dep_ == "advcl":
                mark = clause_mark(c, lexicon)
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
    if (
        pred.dep_ == "conj"
        and not any(c.dep_ in ("aux", "auxpass") for c in pred.children)
        # a second telling shares no modal of what was told ("would order ... and warned")
        and telling_conjunct(pred, lexicon) is None
    ):
        found.extend((k, t) for k, t in modifier_kinds(pred.head, lexicon) if k != "negate")
    return found


def hedging_participle(pred: Token, lexicon: Lexicon) -> tuple[str, Token] | None:
    """A bare participle of belief just before a participle event ("kidnapped and
    presumed killed", "believed killed"): the parser hangs the two side by side,
    but the first hedges the second, naming no one who holds it."""
    if pred.i == 0 or pred.tag_ != "VBN":
        return None
    before = pred.doc[pred.i - 1]
    kind = lexicon.governor_cues.get(before.lemma_.lower())
    if before.tag_ != "VBN" or before.n_lefts or before.n_rights or kind not in HEDGE_KINDS:
        return None
    return kind, before


# prepositions that introduce the charge of a verb of accusing or denying
# ("accused X of training", "blamed X for the attack", "charged X with murder")
CHARGE_PREPS = frozenset({"of", "for", "with"})
CHARGE_KINDS = frozenset({"alleged", "denied", "disputed"})
# a participle of belief or report hedging the next ("presumed killed", "reported killed")
HEDGE_KINDS = CHARGE_KINDS | {"reported"}


def charge_verb(pred: Token, lexicon: Lexicon) -> Token | None:
    """The verb of accusing or denying whose charge ``pred`` is (or is coordinated
    with): "accused Iran of training and arming militants"."""
    token = pred
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ not in ("pobj", "pcomp") or token.head.lower_ not in CHARGE_PREPS:
        return None
    verb = token.head.head
    if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ == "dobj":
        # the parser hangs the charge on the accused ("accused a Saudi-backed coalition
        # of carrying out the attack", "accuse the death squad of killing X")
        verb = verb.head
    elif verb.pos_ in ("NOUN", "PROPN") and verb.dep_ == "pobj" and verb.head.dep_ == "agent":
        verb = verb.head.head  # "accused by former members of the regime of accepting"
    if verb.pos_ != "VERB" or lexicon.governor_cues.get(verb.lemma_.lower()) not in CHARGE_KINDS:
        return None
    return verb


def governor_word(verb: Token, lexicon: Lexicon) -> str:
    """The cue key of a governing verb: its lemma with a particle or adverb where
    cues.tsv lists the two ("look forward", "go on"), else its lemma."""
    return cue_word(verb, lexicon.governor_cues, lexicon.implicatives)


# Prepositions of time whose object, under a verb of saying, is the occasion of the
# telling ("said after meeting Putin", "told journalists before his departure"): in
# the 2017 corpus 20 of 20 such phrases read (seed 5151) told the occasion in the
# narrator's voice, none a thing said.
TELLING_TIME_PREPS = frozenset({"after", "before", "during", "following", "upon", "amid"})

# Prepositions by which a noun of chance, fear or intent holds the event it names.
PROSPECT_PREPS = frozenset({"of", "for"})


# Kinds of a verb of saying whose subject tells the reader what it says.
TELLING_KINDS = frozenset({"reported", "alleged"})


def telling_conjunct(verb: Token, lexicon: Lexicon) -> Token | None:
    """The verb of saying that ``verb`` is really coordinated with, when the parser hung
    it inside what is said ("said he would order a review and warned against hackers":
    "warned" is a second telling by the same subject, not part of the order).

    Only a subjectless conjunct in the plain past, itself a cue verb (warn, add, urge,
    hope, ...), whose first conjunct cannot share its form (under an auxiliary, or not
    plain past), inside the clause of a verb of saying in the plain past. 2017 corpus,
    random documents (seeds 2020 and 3131): of 15 such conjuncts
    read, 13 were the speaker's own telling ("would continue ... but conceded", "had
    failed ... and called on", "is expected ... and advised"), 1 a quotation's words, 1
    unclear; a non-cue conjunct of that form was the content (9 of 10: "had ceased the
    practice and started repaying"), and a cue conjunct in the same plain past as its
    first ("said he knew X and told ...", "said the parties presented plans and agreed")
    was told or content alike (5 to 4), so both are left in the content."""
    if verb.dep_ != "conj" or verb.pos_ != "VERB" or verb.tag_ != "VBD":
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
        return None
    if verb.lemma_.lower() not in lexicon.governor_cues:
        return None
    first = verb.head
    if first.dep_ != "ccomp" or first.i > verb.i:
        return None
    teller = first.head
    if (
        teller.tag_ != "VBD"
        or lexicon.governor_cues.get(teller.lemma_.lower()) not in TELLING_KINDS
    ):
        return None
    if first.tag_ == "VBD" and not any(c.dep_ == "aux" for c in first.children):
        return None  # same form: "said he knew her and told ..." reads either way
    return teller


def split_infinitive(verb: Token) -> Token | None:
    """The to-infinitive a bare verb is coordinated with when the parser hangs it
    on the infinitive's governor ("vowed to shut mosques, ban the Quran": "ban" as
    a conjunct of "vowed"), or None. A base form cannot be coordinated with a
    finite verb or a participle, so it shares the infinitive before it."""
    head = verb.head
    if verb.tag_ != "VB" or head.tag_ == "VB" or child(verb, SUBJECT_DEPS) is not None:
        return None
    if any(c.dep_ == "aux" for c in verb.children):
        return None
    for c in head.children:
        if (
            c.dep_ == "xcomp"
            and c.i < verb.i
            and c.tag_ == "VB"
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        ):
            return c
    return None


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
    if nominal and pred.dep_ == "pobj" and pred.head.lower_ in PROSPECT_PREPS:
        # "the possibility of sanctions", "threats of an attack", "preparations for
        # the visit": a noun of chance, fear or intent holds the event it names as a
        # prospect, not as something done
        holder = pred.head.head
        kind = lexicon.governor_cues.get(holder.lemma_.lower())
        if holder.pos_ == "NOUN" and kind in ("future", "hypothetical"):
            found.append((kind, holder))
    sought = _sought_result(pred, lexicon) if nominal else None
    if sought is not None:
        found.append(sought)
    if nominal and pred.dep_ == "pobj" and pred.head.lower_ in ("in", "of"):
        amount = pred.head.head
        if amount.pos_ == "NUM" and amount.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
            # "requested $50 million in funding": the amount stands in the clause for
            # the event it measures
            token = amount
    via_infinitive = False
    means = False  # climbed out of a "by"-gerund: the means of what is above
    # climbed out of a "with" clause of its own ("requested talks, with Seoul
    # condemning X"): what is above says it, but neither plans nor asks it
    beside = False
    para = view.sentence(pred)
    for step in range(8):
        dep, head = token.dep_, token.head
        if dep == "pcomp" and head.lower_ == "by":
            means = True
        beside = beside or _absolute(token)
        if (
            dep == "pcomp"
            and token.tag_ == "VBG"
            and head.lower_ in ("about", "of")
            and head.head.lemma_.lower() in lexicon.topic_words
        ):
            # "heard him talk about killing Rabin": a topic of talk, not an act done
            found.append(("hypothetical", head.head))
        if dep == "prep" and token.lower_ == "from" and head.dep_ == "dobj":
            # "to protect the innocent from being murdered": the parser hangs the
            # from-clause on the object; it is the verb's ("prevented them from entering")
            head = head.head
        if not para.start <= head.i < para.end:
            break
        if (
            dep == "prep"
            and token.lower_ in TELLING_TIME_PREPS
            and lexicon.governor_cues.get(governor_word(head, lexicon)) in CERTAINTY_RANK
        ):
            # "Obama said after meeting with Putin", "told reporters before leaving":
            # the occasion of a telling is the narrator's, not what was told
            break
        if head.i == token.i:
            for c in token.children:  # a root with a trailing "X said" clause
                if c.dep_ == "parataxis" and lexicon.governor_cues.get(c.lemma_.lower()):
                    found.append((lexicon.governor_cues[c.lemma_.lower()], c))
            break
        teller = telling_conjunct(token, lexicon)
        if teller is not None:
            # a second telling by the speaker: climb on from the verb of saying itself
            token = teller
            continue
        split = split_infinitive(token) if dep == "conj" else None
        if split is not None:
            # "has vowed to shut mosques, ban the Quran and close the borders": the
            # parser hangs "ban" on "vowed"; it is the infinitive's conjunct
            token = split
            continue
        if dep == "conj" and child(token, SUBJECT_DEPS) is None:
            token = head
            continue
        if nominal and step == 0 and dep == "pobj" and head.lower_ in ("for", "to"):
            # "hoping for support", "asked for help", "looks forward to the talks": an
            # event hoped, waited or called for is a prospect of the verb the "for"
            # hangs from; "to" only after a verb with its particle ("agreed to a
            # truce" is the truce agreed, coded by the agreeing)
            above = head.head
            word = governor_word(above, lexicon)
            kind = lexicon.governor_cues.get(word)
            if (
                above.pos_ in ("VERB", "AUX", "ADJ")
                and kind in ("future", "hypothetical")
                and (head.lower_ == "for" or " " in word or above.pos_ == "ADJ")
            ):
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
                    for k, t in modifier_kinds(head, lexicon)
                    if k in ("future", "hypothetical")
                )
            if dep in ("nsubj", "nsubjpass") and _named_as_instance(pred):
                # "an embargo could plunge the U.S. into a depression", "a seizure would
                # make the case the largest": an act named only by what it would bring
                # about is a prospect ("the embargo could ..." names one in place)
                found.extend(
                    ("hypothetical" if t.lower_ in CONDITIONAL_MODALS else k, t)
                    for k, t in modifier_kinds(head, lexicon)
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
                    for k, t in modifier_kinds(head, lexicon)
                    if k in ("future", "hypothetical")
                )
        else:
            allowed = (
                dep in CLAUSAL_DEPS
                or (via_infinitive and dep in ("dobj", "pobj"))
                # a gerund the parser takes for a preposition's object: "the choice of
                # backing out or launching attacks" reads as "of" + clause (pcomp)
                or (dep == "pobj" and token.tag_ == "VBG")
            )
        # "a plan to sell", and "a call for X to accept" (the parser's adverbial clause
        # with "for" under the noun): the infinitive is what the noun intends
        via_infinitive = (
            dep in ("relcl", "acl")
            or (dep == "advcl" and head.pos_ == "NOUN" and child(token, "mark") is not None)
        ) and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        if not allowed and not via_infinitive:
            break
        # "tried to scare X by calling on Y": the calling was done; what governs the
        # trying ("will try to") governs it, not the trying itself
        tried = means and head.lemma_.lower() in attempt_words()
        means = means and not tried
        if head.pos_ == "NOUN" and not (nominal and step == 0) and not tried:
            # "a plan for supporting X", "interest in making X": a noun of intent
            kind = lexicon.governor_cues.get(head.lemma_.lower())
            # "its reluctance to endorse", "the refusal to meet": a noun of refusal
            if kind in ("future", "hypothetical", "negate") and not beside:
                found.append((kind, head))
        # an adverb governs too: "stopped short of imposing", "fell short of signing"
        if head.pos_ in ("VERB", "AUX", "ADJ", "ADV"):
            kind = lexicon.governor_cues.get(governor_word(head, lexicon))
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
                and not tried
                and not (direct_object and kind == "reported")
                and dep not in ("nsubj", "nsubjpass")
                and not (beside and kind not in CERTAINTY_RANK)
            ):
                found.append((kind, head))
            if not (nominal and step == 0) and not beside:
                found.extend(
                    (k, t)
                    for k, t in modifier_kinds(head, lexicon)
                    if k in ("future", "hypothetical")
                    and not (
                        kind == "reported"
                        and t.lower_ in ABILITY_MODALS
                        and child(head, "neg") is None  # "could not confirm" doubts it
                    )
                )
        token = head
    return found


# verbs whose "to"/"in" object is their outcome ("information leading to the arrest")
RESULT_VERBS = frozenset({"lead", "result"})


def _sought_result(noun: Token, lexicon: Lexicon) -> tuple[str, Token] | None:
    """The verb of offering or seeking whose "for"-object would bring about the event
    noun ("$650,000 is being offered for information leading to Kopp's arrest", "a
    reward of $5 million for information that leads to the arrest"): the event is as
    much a prospect as what is sought."""
    verb = noun.head.head
    if not (
        noun.dep_ == "pobj"
        and noun.head.lower_ in ("to", "in")
        and verb.lemma_.lower() in RESULT_VERBS
        and verb.dep_ in ("acl", "relcl")
        and verb.head.dep_ == "pobj"
        and verb.head.head.lower_ == "for"
    ):
        return None
    token = verb.head.head
    for _ in range(6):  # up through "a reward of up to $5 million for" to the verb
        if token.head.i == token.i or token.dep_ not in ("prep", "pobj", "dobj", "nsubjpass"):
            break
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            break
    kind = lexicon.governor_cues.get(token.lemma_.lower())
    if token.pos_ in ("VERB", "AUX") and kind in ("future", "hypothetical"):
        return "hypothetical", token  # it would follow if what is sought came
    return None


def _absolute(clause: Token) -> bool:
    """Is ``clause`` a "with" clause with its own subject ("..., with Seoul condemning
    the launch")? It says something beside the sentence, not what its verb governs."""
    return (
        clause.dep_ == "pcomp"
        and clause.head.lower_ == "with"
        and child(clause, SUBJECT_DEPS) is not None
    )


# an indefinite article: the noun names an act, not one the text has in view
INDEFINITE_DETS = frozenset({"a", "an", "another"})
# "would" said of an act named as a subject reads as "if it happened"
CONDITIONAL_MODALS = frozenset({"would"})


def _named_as_instance(noun: Token) -> bool:
    det = child(noun, "det")
    return det is not None and det.lower_ in INDEFINITE_DETS


# modals of ability: on a verb of saying they speak of the speaker ("I can confirm
# that X was arrested", "we can tell you"), not of what is said
ABILITY_MODALS = frozenset({"can", "could"})


def sentence_cues(sent: Span, lexicon: Lexicon, view: DocView) -> list[tuple[str, Token, int]]:
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


def is_forecast(lexicon: Lexicon, governors: list[tuple[str, Token]]) -> bool:
    """Is the event reported by a speaker whose "would"/"will" is a forecast
    ("analysts say X would welcome")?"""
    for kind, gov in governors:
        if kind == "reported":
            subj = child(gov, SUBJECT_DEPS)
            if subj is not None and lexicon.speaker_cues.get(subj.lemma_.lower()):
                return True
    return False


def tense_of(
    pred: Token, lexicon: Lexicon, governors: list[tuple[str, Token]], verbal: bool = False
) -> str:
    """The event's tense: hypothetical, future or actual. ``verbal``: the event is
    an act of saying (PLOVER's verbal quads), which a purpose clause of a past act
    states as done ("took to Twitter to condemn the attack")."""
    kinds = [k for k, _ in modifier_kinds(pred, lexicon)] + [k for k, _ in governors]
    sent_marks = {t.lower_ for t in pred.subtree if t.dep_ == "mark"}
    if "hypothetical" in kinds:
        return "hypothetical"
    if "future" in kinds:
        cond = any(lexicon.modifier_cues.get(m) == "hypothetical" for m in sent_marks)
        would = any(t.lower_ == "would" for t in pred.children)
        forecast = is_forecast(lexicon, governors)
        return "hypothetical" if (cond and would) or forecast else "future"
    if unrealised_infinitive(pred, lexicon) and not (
        verbal and is_purpose_of_past_act(pred, lexicon)
    ):
        return "future"
    if pred.pos_ == "NOUN" and is_to_be_done(pred):
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
    means = False
    for _ in range(6):
        if (
            token.pos_ in ("VERB", "AUX")
            and (token.dep_ in INFINITIVE_DEPS or _finite_conjunct(token))
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        ):
            head = token.head
            if means and head.lemma_.lower() in attempt_words():
                return False  # "tried to scare X by calling on Y": the means was done
            if head.pos_ in ("ADJ", "NUM") or head.tag_ in ("JJ", "JJS", "RBS"):
                return False
            if is_ranked_among_doers(head):
                return False  # "the first sitting senator to endorse Trump": done
            lemma = governor_word(head, lexicon)
            if (
                lexicon.governor_cues.get(lemma) in CERTAINTY_RANK and token.dep_ != "advcl"
            ) or any(c.dep_ == "aux" and c.lemma_ == "have" for c in token.children):
                # "is believed to have supplied", "is said to arm": what is claimed
                # happened, not an aim; a purpose clause of such a verb is an aim all
                # the same ("to ease concerns, X added a provision")
                return False
            # "declined to condemn": negated (polarity), not merely aimed at
            return lemma not in lexicon.implicatives and lexicon.governor_cues.get(lemma) not in (
                "negate",
                "cease",
            )
        if token.dep_ not in INFINITIVE_CLIMB_DEPS or token.head.i == token.i or _absolute(token):
            return False
        means = means or (token.dep_ == "pcomp" and token.head.lower_ == "by")
        token = token.head
    return False


def _finite_conjunct(verb: Token) -> bool:
    """Is ``verb`` hung as a conjunct on a finite verb? A to-infinitive cannot be
    coordinated with one: the parser has split a complement off ("appealed to world
    opinion, and American opinion in particular, to help")."""
    return verb.dep_ == "conj" and verb.head.tag_ in ("VBD", "VBZ", "VBP")


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
