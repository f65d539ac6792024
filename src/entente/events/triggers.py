"""The Doc-to-candidates step: the trigger words and phrases found in a Doc.

``find_triggers`` matches the lexicon (``lexicon.load_lexicon``) by a hashed
lookup on each token's lemma, longest match first, and drops matches that
state no event: a trigger with an inert object or doer, one in a frame of a
gated kind (``_off_frame``), a warning that only judges (``_states_a_judgement``).
``doer_of`` finds the doer of a trigger word.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from entente.events.lexicon import ANY_POS, POS_CLASSES, Lexicon, TriggerEntry
from entente.nlp.pipeline import strings_of


@dataclass(slots=True)
class Candidate:
    """A trigger found in a Doc: its tokens, head token and lexicon entry."""

    start: int  # token index
    end: int  # token index, exclusive
    head: Token
    entry: TriggerEntry

    @property
    def nominal(self) -> bool:
        return self.head.pos_ not in ("VERB", "AUX")


# --- matching -------------------------------------------------------------------------


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def token_strings(doc: Doc) -> tuple[list[str], list[str]]:
    """Each token's lower-cased lemma and lower-cased form, read off the Doc's arrays
    (one string lookup per distinct word, not one Token object per token)."""
    if len(doc) == 0:
        return [], []
    arr = doc.to_array([LEMMA, LOWER])
    lemma_ids, lower_ids = arr[:, 0].tolist(), arr[:, 1].tolist()
    strings = strings_of(doc, lemma_ids + lower_ids)  # shared across documents
    lemma_of = {h: strings[h].lower() for h in set(lemma_ids)}
    return [lemma_of[h] for h in lemma_ids], [strings[h] for h in lower_ids]


def find_triggers(
    doc: Doc, lexicon: Lexicon, strings: tuple[list[str], list[str]] | None = None
) -> list[Candidate]:
    """Every trigger in ``doc``, longest match first, no two overlapping.

    ``strings`` is ``token_strings(doc)`` where the caller has it already."""
    found: list[Candidate] = []
    index = lexicon.triggers
    lemmas, lowers = strings if strings is not None else token_strings(doc)
    n = len(doc)
    i = 0
    # event nouns taken by a blocking row ("poses a threat": no threat is made)
    blocked: set[int] = set()
    while i < n:
        if i in blocked:
            i += 1
            continue
        entries = index.get(lemmas[i]) or index.get(lowers[i])
        matched = None
        for entry in entries or ():
            k = len(entry.lemmas)
            if i + k > n:
                continue
            if k > 1 and not all(
                lemmas[i + j] == word or lowers[i + j] == word
                for j, word in enumerate(entry.lemmas[1:], start=1)
            ):
                if not _split_particle(doc[i], entry):
                    continue
                k = 1  # "sent the refugees back": the verb alone carries the phrase
            head = doc[i + entry.head] if k == len(entry.lemmas) else doc[i]
            allowed = POS_CLASSES[entry.pos]
            if allowed is not None and head.pos_ not in allowed:
                continue
            if entry.pos == "*" and head.pos_ not in ANY_POS:
                continue
            # a blocking row also takes the noun its participle describes ("board
            # positions occupied by women"); a reading row only a true object
            described = entry.type is None
            # "withdrew the batch of 200 peacekeepers": the counted thing is the object,
            # and so is the counting word ("hit a convoy of trucks")
            if entry.objects and not _has_object(
                head, entry.objects, lexicon.counting_words, described=described, itself=True
            ):
                continue
            if _inert(entry, head, lexicon) or _inert_actor(head, lexicon, entry.type):
                continue
            if _off_frame(head, entry.type, lexicon):
                continue
            if _states_a_judgement(head, lexicon):
                continue
            if entry.type is not None and _concurs_only(head, lexicon):
                continue
            if entry.type == "ASSAULT" and _launch_only(head, lexicon):
                entry = replace(entry, type="MOBILIZE", mode="weapons")
            matched = Candidate(start=i, end=i + k, head=head, entry=entry)
            if entry.type is None and entry.objects:
                blocked.update(t.i for t in _named_objects(head, entry.objects))
            break
        if matched:
            found.append(matched)
            i = matched.end
        else:
            i += 1
    return found


def _concurs_only(head: Token, lexicon: Lexicon) -> bool:
    """Does a verb of agreeing (concurrence.tsv) only side with a view or a person
    ("Lavrov agreed with Trump, saying ...", "do not agree with Trump on every
    issue")? It does when it has a "with" object and names no act agreed on: no
    object, no to-infinitive or for-to clause, no binding preposition ("on a
    ceasefire") with a matter that is not a time or a vague word."""
    words = lexicon.concurrence
    if head.pos_ != "VERB" or head.lemma_.lower() not in words.get("verb", ()):
        return False
    # a partner follows the verb: an opening "With the cabinet's approval, X agreed" is none
    if not any(c.dep_ == "prep" and c.lower_ == "with" and c.i > head.i for c in head.children):
        return False
    for c in head.children:
        if c.dep_ in ("dobj", "obj", "xcomp"):
            return False
        if c.dep_ in ("advcl", "ccomp") and any(
            g.dep_ == "aux" and g.lower_ == "to" for g in c.children
        ):
            return False  # "agreed with Obama for the US to resettle"
        if c.dep_ == "prep" and c.lower_ in words.get("binding", ()):
            for o in c.children:
                if o.dep_ not in ("pobj", "pcomp"):
                    continue
                if o.ent_type_ in ("DATE", "TIME") or o.lemma_.lower() in words.get("vague", ()):
                    continue
                return False  # "agreed with Moscow on a ceasefire"
    return True


def _launch_only(head: Token, lexicon: Lexicon) -> bool:
    """Is an attack verb's only object a missile or rocket launched at no target
    ("North Korea launched four ballistic missiles", "the missile was fired from
    Kusong")? A target preposition ("at jets", "into Eilat", not "into the sea") or
    another verb of harm in the sentence ("missiles fired by rebels hit worshippers")
    keeps the attack (weapon_launches.tsv)."""
    words = lexicon.weapon_launches
    weapons = words.get("weapon", frozenset())
    if head.pos_ != "VERB":
        return False
    objects = [c for c in head.children if c.dep_ in OBJECT_DEPS]
    if head.dep_ == "acl":
        objects.append(head.head)  # "two missiles fired by Houthi rebels"
    if not objects or not all(o.lemma_.lower() in weapons for o in objects):
        return False
    for c in head.children:
        if c.dep_ != "prep" or c.lower_ not in words.get("target", ()):
            continue
        if any(
            o.dep_ == "pobj"
            and o.lemma_.lower() not in words.get("open_water", ())
            and o.ent_type_ not in ("DATE", "TIME")  # "on Sunday"
            for o in c.children
        ):
            return False
    harm = words.get("harm", frozenset())
    return not any(
        t.i != head.i and t.pos_ == "VERB" and t.lemma_.lower() in harm for t in head.sent
    )


# attr: the complement of a copula ("is a threat") for rows of "be"
OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass", "attr"})


def _named_objects(head: Token, lemmas: frozenset[str]) -> list[Token]:
    """The head's objects (direct, passive subject, of "with") whose lemma a blocking
    row names: "poses a threat" blocks the threat, "pose ^threat". Never ``*``: a
    row that blocks any object ("demonstrate ^*") says nothing about the object."""
    found = []
    for c in head.children:
        if c.dep_ in OBJECT_DEPS and c.lemma_.lower() in lemmas:
            found.append(c)
        if c.dep_ == "prep" and c.lower_ == "with":
            found.extend(o for o in c.children if o.dep_ == "pobj" and o.lemma_.lower() in lemmas)
    return found


def _split_particle(verb: Token, entry: TriggerEntry) -> bool:
    """A phrasal verb with its particle after the object ("sent them back")."""
    return (
        entry.pos == "V"
        and len(entry.lemmas) == 2
        and entry.head == 0
        and verb.pos_ == "VERB"
        and any(c.dep_ in ("prt", "advmod") and c.lower_ == entry.lemmas[1] for c in verb.children)
    )


def _inert(entry: TriggerEntry, head: Token, lexicon: Lexicon) -> bool:
    """A material act done to a thing that is no stake ("released a statement",
    "shared photos"); verbal reactions to statements ("welcomed the statement")
    stay events."""
    if entry.type is None or head.pos_ not in ("VERB", "AUX"):
        return False
    if entry.objects and "*" not in entry.objects:
        return False  # a row that names its objects ("seal ^border") means them
    if not lexicon.types[entry.type].quad.startswith("material"):
        return False
    if (
        head.dep_ == "acl"
        and head.tag_ == "VBN"
        and head.head.lemma_.lower() in lexicon.inert_objects
    ):
        return True  # "the index released last week": the noun a participle describes
    return _has_object(head, lexicon.inert_objects, lexicon.counting_words)


RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})


def doer_of(head: Token) -> Token | None:
    """Who does what ``head`` states: a verb's active subject (a coordinated verb's
    shared one; a relative clause's or an -ing participle's noun) or "by" agent; a noun's "by" object or
    possessor. A passive subject is the one acted on, never the doer."""
    if head.pos_ in ("VERB", "AUX"):
        verb = head
        active = not any(c.dep_ == "auxpass" for c in head.children)
        for level in range(3):
            # an active conjunct shares its first verb's subject, passive or not
            # ("tariffs were passed on and are targeting X")
            deps = ("nsubj", "csubj", "nsubjpass") if level and active else ("nsubj", "csubj")
            subj = next((c for c in verb.children if c.dep_ in deps), None)
            if subj is not None:
                if subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    return verb.head
                return subj
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            if agent is not None:
                return next((c for c in agent.children if c.dep_ == "pobj"), None)
            if verb.dep_ == "acl" and verb.tag_ == "VBG":
                return verb.head  # "tariffs targeting Canada": the noun does it
            if verb.dep_ != "conj" or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None
    for c in head.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ == "by":
            return next((o for o in c.children if o.dep_ == "pobj"), None)
    return None


def _inert_actor(head: Token, lexicon: Lexicon, entry_type: str | None = None) -> bool:
    """Is the trigger's doer a thing or private crowd that makes no political
    event ("a cyclone struck", "the animals kill", "tourists visited",
    "passengers shared details"), or a measure doing what only force does
    ("tariffs targeting Canada")? The doer's own word decides: "Ruritanian
    tourists" stay tourists, whatever country they come from."""
    doer = doer_of(head)
    if doer is None:
        return False
    lemma = doer.lemma_.lower()
    if lemma in lexicon.inert_actors:
        return True
    physical = entry_type is not None and lexicon.types[entry_type].physical
    return physical and lemma in lexicon.measures


# Prepositions whose object is the occasion of an act ("killed in a crash").
OCCASION_PREPS = frozenset({"in", "during", "at"})
# Prepositions by which a clause follows or precedes a meeting its doer took part in:
# "Juncker said after talks with Mr Kenny", "Abbas said following a meeting with
# Hollande" (in the 2017 store, ~25 of the 31 CONSULT events with no actor and one
# of these before the meeting noun were told so by a participant; sides._occasion_subject).
SEQUEL_PREPS = frozenset({"after", "following", "before"})


def _frame_words(head: Token, role: str) -> list[Token]:
    """The things in one role of a trigger (see frame_gates.tsv)."""
    if role == "doer":
        doer = doer_of(head)
        return [] if doer is None else [doer]
    found = []
    if role == "object" and head.dep_ == "acl" and head.tag_ == "VBN":
        found.append(head.head)  # "a vacuum once occupied by the US": the noun described
    if role == "object":
        found.extend(_relative_object(head))
    for c in head.children:
        if role == "object" and c.dep_ in OBJECT_DEPS:
            found.append(c)
        elif c.dep_ == "prep" and (
            (
                role == "object"
                and (c.lower_ == "with" or (c.lower_ == "of" and head.pos_ == "NOUN"))
            )
            or (role == "occasion" and c.lower_ in OCCASION_PREPS)
            or (role == "destination" and c.lower_ == "to")
        ):
            found.extend(o for o in c.children if o.dep_ == "pobj")
    return found


def _locates(relative: Token) -> bool:
    """Does a relative clause open on a place or time ("where", "when", "in
    which"), not on a gap for its noun?"""
    for c in relative.children:
        if c.i > relative.i:
            break
        if c.dep_ == "advmod" and c.lower_ in ("where", "when"):
            return True
        if c.dep_ == "prep" and any(g.lower_ in RELATIVE_PRONOUNS for g in c.children):
            return True
    return False


def _relative_object(head: Token) -> list[Token]:
    """The noun a relative clause describes when it is the object the trigger
    lacks ("the details it refused to release", "the bill, which he killed",
    "a radar that the US plans to deploy"): the clause's own subject is there, so
    the noun fills the object's place."""
    verb = head
    for _ in range(3):
        if verb.dep_ == "relcl":
            break
        if verb.dep_ != "xcomp" or verb.head.i == verb.i:
            return []
        verb = verb.head
    else:
        return []
    if _locates(verb):
        return []  # "the resort where Trump hosted Abe": the noun is a place, not the object
    objects = [c for c in head.children if c.dep_ in OBJECT_DEPS]
    if objects and not all(o.lower_ in RELATIVE_PRONOUNS for o in objects):
        return []
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or (subject.lower_ in RELATIVE_PRONOUNS and not objects):
        return []
    return [verb.head]


def _off_frame(head: Token, entry_type: str | None, lexicon: Lexicon) -> bool:
    """Is the trigger in a frame that is no political event: a thing of a gated
    kind as its doer, object or occasion ("the striker attacked the referee",
    "firms supplying Britain", "killed in a crash"; frame_gates.tsv)?"""
    if entry_type is None:
        return False
    for gate in lexicon.frame_gates:
        if gate.types is not None and entry_type not in gate.types:
            continue
        # a kind's word heading a proper name names a body, not the kind ("the
        # World Economic Forum helped", "the Report Committee")
        words = (t for t in _frame_words(head, gate.role) if t.pos_ != "PROPN")
        if any(t.lemma_.lower() in gate.lemmas for t in words):
            return True
    return False


COPULA_COMPLEMENTS = frozenset({"acomp", "attr", "prep"})


def _states_a_judgement(head: Token, lexicon: Lexicon) -> bool:
    """Does a verb of warning (cues.tsv scope ``finite``) say only that something
    is so ("warned that the cooperation is dangerous", "warning that the findings
    are of limited value")? A that-clause that is a plain copular judgement, with
    no modal and no condition, threatens nothing; "warned that it would
    retaliate", "warned that bases are at risk if ..." still do."""
    if head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() not in lexicon.finite_cues:
        return False
    for clause in head.children:
        if clause.dep_ != "ccomp" or clause.lemma_.lower() != "be":
            continue
        if not any(c.dep_ in COPULA_COMPLEMENTS for c in clause.children):
            continue
        modal = any(
            c.dep_ == "aux" and lexicon.modifier_cues.get(c.lower_) in ("future", "hypothetical")
            for c in clause.children
        )
        condition = any(
            c.dep_ == "advcl"
            and any(m.dep_ == "mark" and lexicon.modifier_cues.get(m.lower_) for m in c.children)
            for c in clause.children
        )
        if not modal and not condition:
            return True
    return False


def _counted(word: Token, counts: Collection[str]) -> list[Token]:
    """What a counting object counts ("millions of dogs", "a batch of peacekeepers",
    "a number of diplomats": the dogs, peacekeepers, diplomats), else the word
    itself: the count is no stake or party of its own."""
    if word.pos_ == "NUM" or word.like_num or word.lemma_.lower() in counts:
        counted = [
            o
            for of in word.children
            if of.dep_ == "prep" and of.lower_ == "of"
            for o in of.children
            if o.dep_ == "pobj"
        ]
        if counted:
            return counted
    return [word]


def _has_object(
    head: Token,
    lemmas: frozenset[str],
    counts: Collection[str] = (),
    described: bool = False,
    itself: bool = False,
) -> bool:
    """Is one of ``lemmas`` the head's direct object, passive subject, or the
    object of its "with" ("met with success"), or (``described``) the noun it
    describes as a past participle ("board positions occupied by women")? An
    object that counts (``counts``: "a number of diplomats") stands for what it
    counts, and (``itself``: a row naming "convoy") for itself too; the inert
    check leaves the count out, so "a number of diplomats" is no inert number.
    ``*`` among them: any object."""
    acl = head.dep_ == "acl" and head.tag_ == "VBN"
    if described and acl and head.head.lemma_.lower() in lemmas:
        return True
    for c in head.children:
        if c.dep_ in OBJECT_DEPS and (
            "*" in lemmas
            or (itself and c.lemma_.lower() in lemmas)
            or any(o.lemma_.lower() in lemmas for o in _counted(c, counts))
        ):
            return True
        with_object = c.dep_ == "prep" and c.lower_ == "with"
        if with_object and any(o.dep_ == "pobj" and o.lemma_.lower() in lemmas for o in c.children):
            return True
        if c.dep_ == "prep" and any(
            o.dep_ == "pobj" and f"{c.lower_}:{o.lemma_.lower()}" in lemmas for o in c.children
        ):
            return True  # "appeal ^to:court": "appealed to the Supreme Court"
        if (
            c.dep_ == "prep"
            and f"{c.lower_}:*" in lemmas
            and any(o.dep_ in ("pobj", "pcomp") for o in c.children)
        ):
            return True  # "prevent ^from:*": "prevented the ministers from speaking"
    return False
