"""Who says an event happened, and how sure that makes it: the event's certainty
and its source (``attributed_to``), read off verbs of saying and believing, claim
nouns, quotations, sentence cues and plans; and the other side of a claim, its
denial. Polarity, tense and the cue lookups they share are in ``attributes``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from entente.events.attributes import (
    CERTAINTY_RANK,
    CHARGE_KINDS,
    CHARGE_PREPS,
    DocView,
    charge_verb,
    hedging_participle,
    modifier_kinds,
    sentence_cues,
    telling_conjunct,
)
from entente.events.claims import (
    claim_kind,
    claim_noun_above,
    denial_of,
    evaluative_verbs,
    hedge_verbs,
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
from entente.events.triggers import Lexicon
from entente.records import Attribution

# clauses of a source phrase left out of its name ("sources who reviewed them")
NAME_SKIP_DEPS = frozenset({"relcl", "acl", "punct"})
NAME_MAX_WORDS = 8


def _attribution_from(token: Token, index: MentionIndex, cue: str) -> Attribution:
    """The source ``token`` names. A pronoun ("he said") takes the name of the actor it
    stands for, where the text names one; the actor id goes with it. A relative
    pronoun ("a report that said") stands for the noun its clause describes; "he" or
    "she" with no actor behind it takes the last person named before it."""
    if token.lower_ in RELATIVE_WORDS:
        token = _antecedent(token) or token
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


# relative pronouns that stand for a person or group whatever the parse ("that" and
# "which" are also conjunctions and determiners)
PERSON_RELATIVES = frozenset({"who", "whom"})


def _antecedent(relative: Token) -> Token | None:
    """The noun a relative pronoun stands for: the head of its relative clause, or,
    where the parser did not hang the clause on a noun ("according to witnesses, who
    told Reuters", "refugees who plotted ... and who later admitted"), for "who" the
    noun just before it, or the antecedent of the "who" its clause is coordinated
    with. The 2017 store had 8 events told by a bare "who"."""
    if relative.head.dep_ == "relcl":
        return relative.head.head
    if relative.lower_ not in PERSON_RELATIVES:
        return None
    doc = relative.doc
    before = relative.i - 1
    while before >= relative.sent.start and doc[before].is_punct:
        before -= 1
    if before < relative.sent.start:
        return None
    word = doc[before]
    if word.pos_ in ("NOUN", "PROPN"):
        return word
    if word.pos_ == "CCONJ":
        for earlier in reversed(doc[relative.sent.start : before]):
            if earlier.lower_ in PERSON_RELATIVES:
                return _antecedent(earlier)
    return None


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
# subordinators of a concession the narrator sets beside what is reported ("claimed
# that X was smart, although he again refused to ..."; "said that he hoped X, although
# Tillerson has already dismissed the proposal")
CONCESSIVE_MARKS = frozenset({"although", "though", "whereas"})


def _concession(clause: Token) -> bool:
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in CONCESSIVE_MARKS for c in clause.children
    )


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
    aside: Token | None = None  # climbed out of "..., although ...": the narrator's aside
    for _ in range(12):
        teller = telling_conjunct(token, lexicon)
        if teller is not None:
            token = teller  # the speaker's own second telling, not what is told
            continue
        head = token.head
        if head.i == token.i or not para.start <= head.i < para.end:
            break
        if aside is None and _concession(token) and token.i > head.i:
            aside = token
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
            # a verb of saying before the aside does not say it ("claimed that X was
            # smart, although he refused"); one after it says it all ("..., she says")
            and not (aside is not None and head.i < aside.i)
            and head.pos_ in ("VERB", "AUX")
            and (token.dep_ in REPORTED_CLAUSE_DEPS or _unmarked_clause(token))
        ):
            found.append((kind, head))
        token = head
    # a trailing "X said" on the root still says the whole sentence, asides included
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
    the attacks", "accused her of being asleep during the attack": reported by its
    subject); 6. the maker of a plan or call
    that governs it; 7. a speaker's own act done in the words quoted stays asserted.
    """
    best, attribution = "asserted", None
    claimant: Token | None = None
    hedge = hedging_participle(pred, lexicon)
    for kind, _tok in [*modifier_kinds(pred, lexicon), *([hedge] if hedge else [])]:  # 1.
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
            claimant = (
                None
                if gov.lemma_.lower() in hedge_verbs() or _reduced_passive(gov, kind)
                else claimant_of(gov)
            )
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
    for kind, tok, end in sentence_cues(view.sentence(pred), lexicon, view):  # 4.
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
            or is_speaker_word(claimant)
            or quote.start < claimant.i <= quote.end
        )
    ):
        # words inside a quotation are its speaker's, whatever the parse
        attribution = _attribution_from(quote.source, index, quote.cue)
        kind = lexicon.governor_cues.get(quote.cue, "reported")
        if CERTAINTY_RANK.get(kind, 0) > CERTAINTY_RANK[best]:
            best = kind
    if attribution is None:
        # a verb of stance speaks of the event ("cited the attacks", "mentioned the raid"),
        # or a charge holds it as background: its subject is the source and says it
        # happened (PolNeAR dev hedged 0.667 -> 0.707, attribution 0.630 -> 0.651)
        speaker = _stance_verb(pred, lexicon)
        claimant = None
        if speaker is not None and not _reduced_passive(
            speaker, lexicon.governor_cues.get(speaker.lemma_.lower())
        ):
            claimant = claimant_of(speaker)
        if claimant is not None and claimant.lower_ not in RELATIVE_WORDS:
            attribution = _attribution_from(claimant, index, speaker.lemma_.lower())
            # what is questioned or disputed, deep below the verb, is disputed by it
            spoken = (
                "disputed"
                if lexicon.governor_cues.get(speaker.lemma_.lower()) == "disputed"
                else "reported"
            )
            if CERTAINTY_RANK[spoken] > CERTAINTY_RANK[best]:
                best = spoken
    if attribution is None:  # 6.
        attribution = _intender(governors, index, lexicon)
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


# how many links up from the event a verb that speaks of it may be ("highlights the
# police killings of X", "accusing her of being asleep during the attack")
STANCE_REACH = 8


def _stance_verb(pred: Token, lexicon: Lexicon) -> Token | None:
    """The verb that speaks of ``pred`` without saying it happened: a verb of stance
    (cues.tsv kind ``stance``) whose direct object holds the event noun (or a conjunct
    of it) or whose clause holds the event ("mentioned refinancing loans"); or a verb
    of charging whose charge holds it deeper than the charge itself ("accused her of
    being asleep during the attack": the attack). Any depth below the object: what is
    cited or charged is all the speaker's. A subject on the way is the narrator's."""
    token = pred
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    for _ in range(STANCE_REACH):
        head = token.head
        if head.i == token.i or token.dep_ in NARRATOR_SUBJECT_DEPS:
            return None
        kind = lexicon.governor_cues.get(head.lemma_.lower()) if head.pos_ == "VERB" else None
        if kind == "reported" and token.dep_ == "dobj" and _own_act(token, head):
            # "stressed her support of the raid", "had announced their support": a
            # speaker's word on their own act is theirs, and so is what it holds
            return head
        if (
            token.dep_ == "prep"
            and token.lower_ == "for"
            and head.pos_ == "VERB"
            and head.lemma_.lower() in evaluative_verbs()
        ):
            # "criticized X for supporting the war", "thanked Y for its help": what
            # the judge judges is the judge's word
            return head
        if kind == "stance" and (
            (token.dep_ == "dobj" and (token.i != pred.i or pred.pos_ == "NOUN"))
            or token.dep_ in REPORTED_CLAUSE_DEPS
        ):
            return head
        if (
            kind == "alleged"
            and token.i != pred.i
            and token.dep_ == "prep"
            and token.lower_ in CHARGE_PREPS
        ):
            return head
        if (
            kind == "disputed"
            and token.i != pred.i
            and (token.dep_ == "dobj" or token.dep_ in REPORTED_CLAUSE_DEPS)
        ):
            # "question the wisdom of committing to X": below what is questioned
            return head
        token = head
    return None


def _own_act(noun: Token, verb: Token) -> bool:
    """Is the object ``noun`` of a verb of saying the subject's own act, named by a
    possessive that stands for the subject ("Clinton stressed her support", "X
    announced their support", "Iran stated Iran's position")? "noted a phone call"
    (seeds s000-02) names no owner and stays the narrator's."""
    if noun.pos_ != "NOUN":
        return False
    owner = child(noun, "poss")
    subj = child(verb, SUBJECT_DEPS)
    if owner is None or subj is None:
        return False
    if owner.tag_ == "PRP$":
        # "her", "their", "its": the subject's, unless the subject is "I"/"we" and
        # the owner someone else
        return owner.lower_ not in SPEAKER_OWNERS or is_speaker_word(subj)
    return owner.lower_ == subj.lower_


# possessives of the speaker and addressee ("my", "our", "your")
SPEAKER_OWNERS = frozenset({"my", "our", "your"})


# a subject is the narrator's, and so is an apposition: the narrator's own word on what
# a thing is ("citing the STOCK Act, a law signed by Obama": the signing is not cited)
NARRATOR_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "appos"})


# the speaker and the addressee: inside a quotation, whoever is quoted
SPEAKER_WORDS = frozenset({"i", "we", "you", "me", "us"})


def is_speaker_word(token: Token) -> bool:
    """Is ``token`` the speaker or the addressee ("we", "you", "us")? "US", the
    country, is not (as tree.is_first_person)."""
    return token.lower_ in SPEAKER_WORDS and token.text != "US"


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
    if (
        subj is None
        and gov.dep_ == "pcomp"
        and gov.head.lower_ == "by"
        and gov.head.head.pos_ == "VERB"
    ):
        # "Trump responded by saying X", "Erdogan continued his attacks by accusing Y of":
        # the means is the main verb's subject's act ("tries to justify X by arguing")
        verb = gov.head.head
        subj = child(verb, SUBJECT_DEPS)
        while subj is None and verb.dep_ in ("xcomp", "conj") and verb.head.pos_ == "VERB":
            verb = verb.head
            subj = child(verb, SUBJECT_DEPS)
    if subj is None:
        agent = child(gov, "agent")
        subj = child(agent, "pobj") if agent is not None else None
    return subj


def _reduced_passive(verb: Token, kind: str | None) -> bool:
    """A verb of charging (``kind`` alleged, denied or disputed) written as headlines
    write the passive, with no auxiliary and no one charged ("Duterte accused of
    paying police", "Iran blamed for attack"): its subject is who is accused, not who
    accuses. The parser often tags the participle as a past tense; then the charge
    ("of", "for", "with") with no object tells it apart ("X called for Y" is no charge)."""
    if kind not in CHARGE_KINDS:
        return False
    if child(verb, ("aux", "auxpass")) is not None or child(verb, ("dobj",)) is not None:
        return False
    return verb.tag_ == "VBN" or (
        verb.tag_ == "VBD"
        and any(c.dep_ == "prep" and c.lower_ in CHARGE_PREPS for c in verb.children)
    )


# cue kinds of a verb or noun of intent, wish or call whose subject (possessor) the
# event it governs is the plan or demand of ("pledged to impose", "urged X to
# resume", "her decision to meet")
INTENT_KINDS = frozenset({"future", "hypothetical"})


def _intender(
    governors: list[tuple[str, Token]], index: MentionIndex, lexicon: Lexicon
) -> Attribution | None:
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
            if (
                subj is None
                and gov.dep_ == "dobj"
                and gov.head.lemma_.lower() in lexicon.declaring_verbs
            ):
                # "made a pledge to send", "sounded a call for X to accept": who makes the
                # pledge or the call (not who "welcomed the plan")
                subj = claimant_of(gov.head)
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
