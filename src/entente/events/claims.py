"""Who says so: quotations and the sources that close or open them.

Reported speech often escapes the parse: a quotation runs over several
sentences or paragraphs, its speaker is named after it ('"...," the senator
told reporters') or in the sentence before, and the parser hangs the quoted
clause on whatever verb is nearest. This module reads quotations off the
surface instead, once per document:

1. pair the quote marks (curly, Penn-Treebank and straight ones) into
   quotations; a quotation still open at a paragraph's end closes there;
2. find each quotation's source: a verb of saying (``cues.tsv``, kinds
   reported and alleged) outside the marks in the sentence where it closes,
   after the closing mark ('"...," Obama said', '..." said Obama'), else in
   the sentence where it opens, before the opening mark ('Peskov told
   reporters: "..."'), else at the end of the sentence before it ("He added:");
3. a quotation with no source of its own continues the one just before it
   when nothing but that quotation's own "he said" stands between them
   ('"...," he said. "..."').

The source is the subject of that verb, as a token; ``attributes`` turns it
into an ``Attribution``, resolving a pronoun to whom it stands for.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Token

from entente.errors import DataFileError
from entente.events.lexicon import DATA_DIR, Lexicon, cue_word, data_rows, read_words
from entente.events.quotes import straight_quote_opens
from entente.events.roles import SUBJECT_DEPS, child

__all__ = ["Quotation", "find_quotations", "quotation_at"]

OPENING_QUOTES = frozenset({"\u201c", "``"})
CLOSING_QUOTES = frozenset({"\u201d"})
# marks that open or close by their spacing: '"', and two apostrophes, which some
# outlets write for both ends of a quotation
STRAIGHT_QUOTES = frozenset({'"', "''"})
# punctuation that ends the stretch of text read for a quotation's frame
FRAME_ENDS = frozenset({".", "!", "?"})
# cue kinds of the verbs that introduce quoted speech
SAYING_KINDS = frozenset({"reported", "alleged", "denied", "disputed"})
# tokens a sentence may run on after a quotation closes and still name its speaker
# ('"...," Sen. John Smith, a Republican from Ohio, told reporters on Monday')
SOURCE_REACH_TOKENS = 25


@dataclass(frozen=True, slots=True)
class Quotation:
    """Quoted words from token ``start`` (the opening mark) to ``end`` (the closing
    mark, or the last token of the paragraph), with the verb that says who spoke
    them and that verb's subject (None when the text names nobody)."""

    start: int
    end: int
    verb: Token | None = None
    source: Token | None = None
    # the word that says who spoke: the verb's lemma, or the dash of a signature
    cue: str | None = None


def _is_paragraph_break(token: Token) -> bool:
    return "\n" in token.text or "\n" in token.whitespace_


def _pair_marks(doc: Doc) -> list[tuple[int, int]]:
    """Step 1: (opening mark, closing mark or paragraph end) of each quotation."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for token in doc:
        text = token.text
        if text in OPENING_QUOTES or (
            text in STRAIGHT_QUOTES and straight_quote_opens(token, opened is None)
        ):
            if opened is not None and token.i > opened + 1:
                spans.append((opened, token.i - 1))  # an unclosed one ends where the next opens
            opened = token.i
        elif text in CLOSING_QUOTES or text in STRAIGHT_QUOTES:
            if opened is not None:
                spans.append((opened, token.i))
                opened = None
        elif opened is not None and _is_paragraph_break(token):
            spans.append((opened, token.i))
            opened = None
    if opened is not None:
        spans.append((opened, len(doc) - 1))
    return spans


def _saying_verb(tokens: list[Token], lexicon: Lexicon) -> Token | None:
    """The first verb of saying among ``tokens`` that has a subject or a passive agent."""
    for t in tokens:
        if t.pos_ not in ("VERB", "AUX"):
            continue
        if lexicon.governor_cues.get(t.lemma_.lower()) in SAYING_KINDS:
            return t
    return None


def _frame_after(doc: Doc, end: int) -> list[Token]:
    """The words after a closing mark up to the end of their sentence, read off the
    surface (the parser often starts a new sentence at the mark)."""
    words = []
    for t in doc[end + 1 : end + 1 + SOURCE_REACH_TOKENS]:
        if _is_paragraph_break(t) or t.text in OPENING_QUOTES or t.text in STRAIGHT_QUOTES:
            break
        words.append(t)
        if t.text in FRAME_ENDS:
            break
    return words


def _frame_before(doc: Doc, start: int) -> list[Token]:
    """The words before an opening mark back to the start of their sentence, nearest
    first."""
    words = []
    for t in reversed(doc[max(start - SOURCE_REACH_TOKENS, 0) : start]):
        if _is_paragraph_break(t) or t.text in FRAME_ENDS or t.text in CLOSING_QUOTES:
            break
        if t.text in STRAIGHT_QUOTES:
            break
        words.append(t)
    return words


def _source_of(doc: Doc, start: int, end: int, lexicon: Lexicon) -> Token | None:
    """Step 2: the verb of saying that frames the quotation ``start``..``end``."""
    if not _is_paragraph_break(doc[end]):
        verb = _saying_verb(_frame_after(doc, end), lexicon)
        if verb is not None:
            return verb
    before = _frame_before(doc, start)
    if before:
        return _saying_verb(before, lexicon)
    # 'He added:' closing the sentence before the quotation opens
    back = start - 1
    while back >= 0 and doc[back].is_space:
        back -= 1
    if back >= 0 and doc[back].text == ":":
        return _saying_verb(_frame_before(doc, back), lexicon)
    return None


# dashes that open a signature line after a quotation ('"..." \u2015 Jane Doe')
SIGNATURE_DASHES = frozenset({"\u2015", "\u2014", "\u2013", "-", "--"})


def _signature(doc: Doc, end: int) -> Token | None:
    """The name signed after a quotation with a dash ('"...." \u2015 Jane Doe'): the
    last proper noun of the words after the dash, up to the line's end."""
    i = end + 1
    while i < len(doc) and doc[i].is_space:
        i += 1
    if i >= len(doc) or doc[i].text not in SIGNATURE_DASHES:
        return None
    name = None
    for t in doc[i + 1 : i + 1 + SOURCE_REACH_TOKENS]:
        if _is_paragraph_break(t) or t.text in FRAME_ENDS or t.text == ",":
            break
        if t.pos_ == "PROPN":
            name = t
    return name


def _only_frame_between(doc: Doc, earlier: Quotation, later_start: int) -> bool:
    """Step 3: is all that stands between two quotations the first one's own frame
    (its "he said") or blank space and punctuation?"""
    gap = doc[earlier.end + 1 : later_start]
    if len(gap) > SOURCE_REACH_TOKENS:
        return False
    frame_sentence = doc[earlier.end].sent
    return all(
        t.is_space or t.is_punct or frame_sentence.start <= t.i < frame_sentence.end for t in gap
    )


def find_quotations(doc: Doc, lexicon: Lexicon) -> list[Quotation]:
    """The document's quotations with their sources (steps 1-3 of the module docstring)."""
    found: list[Quotation] = []
    for start, end in _pair_marks(doc):
        verb = _source_of(doc, start, end, lexicon)
        source = child(verb, SUBJECT_DEPS) if verb is not None else None
        if verb is not None and source is None:
            # "said Obama" parsed with the name as object; a passive has no speaker
            source = next((c for c in verb.children if c.dep_ in ("dobj", "attr")), None)
        if verb is not None and source is None and verb.i > end:
            # '"...," Tulsa police Chief Chuck Jordan said' with the name parsed as
            # anything but the subject: the last name between the mark and the verb
            source = next(
                (t for t in reversed(doc[end + 1 : verb.i]) if t.pos_ in ("PROPN", "NOUN")),
                None,
            )
        cue = verb.lemma_.lower() if verb is not None else None
        if verb is None:
            source = _signature(doc, end)
            cue = "\u2015" if source is not None else None
        if (
            cue is None
            and found
            and found[-1].cue is not None
            and _only_frame_between(doc, found[-1], start)
        ):
            verb, source, cue = found[-1].verb, found[-1].source, found[-1].cue
        found.append(Quotation(start=start, end=end, verb=verb, source=source, cue=cue))
    return found


def quotation_at(quotations: list[Quotation], starts: list[int], i: int) -> Quotation | None:
    """The quotation holding token ``i`` (``starts``: the quotations' starts, sorted)."""
    at = bisect_right(starts, i) - 1
    if at < 0:
        return None
    quote = quotations[at]
    return quote if quote.start < i <= quote.end else None


# --- nested claims: a charge and its denial -------------------------------------------

# cue kinds of the verbs that deny or dispute a claim ("dismissed the charge")
DENIAL_KINDS = frozenset({"denied", "disputed"})
# words that refer back to a claim already made ("the charge", "these allegations")
BACK_REFERENCES = frozenset({"the", "this", "that", "these", "those", "such", "a"})


# Prepositions by which a verb of denial takes the claim it denies ("pushed back on
# reports that ...", "pushed back against suggestions that ...").
DENIAL_PREPS = frozenset({"on", "against"})


def is_denial_verb(token: Token, lexicon: Lexicon) -> bool:
    """A verb that denies or disputes what its object or clause claims (cues.tsv
    kinds denied and disputed, as a governor or for a that-clause: "reject"; a verb
    with its particle: "push back")."""
    word = cue_word(token, lexicon.governor_cues, lexicon.finite_cues)
    return token.pos_ == "VERB" and (
        lexicon.governor_cues.get(word) in DENIAL_KINDS
        or lexicon.finite_cues.get(word) in DENIAL_KINDS
    )


CLAIM_KINDS = frozenset({"reported", "alleged"})


@cache
def claim_nouns(path: Path = DATA_DIR / "lexicons" / "claim_nouns.tsv") -> dict[str, str]:
    """Noun lemma -> the certainty its content gets (``lexicons/claim_nouns.tsv``).

    Raises ``DataFileError(path, line, problem)`` for a bad row."""
    nouns = {}
    for number, (noun, kind) in data_rows(path, 2):
        if kind not in CLAIM_KINDS:
            raise DataFileError(path, number, f"kind {kind!r} not in {sorted(CLAIM_KINDS)}")
        nouns[noun.lower()] = kind
    return nouns


@cache
def hedge_verbs(path: Path = DATA_DIR / "lexicons" / "hedge_verbs.txt") -> frozenset[str]:
    """Verbs that hedge their complement with no claimant ("appears to", "seems to")."""
    return read_words(path)


@cache
def evaluative_verbs(path: Path = DATA_DIR / "lexicons" / "evaluative_verbs.txt") -> frozenset[str]:
    """Verbs that judge someone for an act ("criticized X for supporting"), whose
    "for" holds the judge's word on what was done."""
    return read_words(path)


@cache
def attempt_words(path: Path = DATA_DIR / "lexicons" / "attempt_words.txt") -> frozenset[str]:
    """Verbs and nouns of trying ("tried to X by Y-ing"), whose means was done."""
    return read_words(path)


def claim_kind(token: Token) -> str | None:
    """The certainty a claim noun gives its content ("accusation": alleged), else None."""
    return claim_nouns().get(token.lemma_.lower()) if token.pos_ == "NOUN" else None


def is_claim_noun(token: Token, lexicon: Lexicon) -> bool:
    """A noun that names a claim ("accusation", "allegation", "charge", "report")."""
    return claim_kind(token) is not None


def claim_noun_above(pred: Token, lexicon: Lexicon) -> Token | None:
    """The claim noun whose content clause holds ``pred`` ("the accusation that it armed
    the rebels", "reports that X attacked"), climbing coordination."""
    token = pred
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    head = token.head
    if token.dep_ in ("acl", "ccomp") and is_claim_noun(head, lexicon):
        return head
    if (
        token.dep_ == "relcl"
        and is_claim_noun(head, lexicon)
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)
    ):
        # "the story that it armed the rebels" parsed as a relative clause: a "that"
        # with no part in its clause opens the story's content ("the story that it
        # told" has it as the object)
        return head
    return None


@dataclass(frozen=True, slots=True)
class Denial:
    """A denial of an event's claim: the denying verb, who denies (its subject), and
    the claim noun it denies ("the allegations"), when a noun names the claim."""

    verb: Token
    denier: Token | None
    noun: Token | None = None

    @property
    def certainty(self) -> str:
        return "denied"


def _denial_of_noun(noun: Token, lexicon: Lexicon) -> Denial | None:
    """A denial whose object the claim noun is ("Iran rejected the accusation", "Iran
    pushed back on the reports") or that describes it ("a charge Tehran dismissed as a
    lie")."""
    head = noun.head
    if noun.dep_ == "dobj" and is_denial_verb(head, lexicon):
        return Denial(head, child(head, SUBJECT_DEPS), noun)
    if noun.dep_ == "pobj" and head.lower_ in DENIAL_PREPS and is_denial_verb(head.head, lexicon):
        return Denial(head.head, child(head.head, SUBJECT_DEPS), noun)
    if noun.dep_ == "nsubjpass" and is_denial_verb(head, lexicon):
        agent = child(head, "agent")  # "the allegations were denied by Iran"
        return Denial(head, child(agent, "pobj") if agent is not None else None, noun)
    if noun.dep_ == "nsubj" and is_denial_verb(head, lexicon):
        # "a charge Tehran dismissed" read as the charge dismissing: a claim denies
        # nothing, so the name set beside it is the one who denies
        return Denial(head, child(noun, "appos"), noun)
    for clause in noun.children:
        if (
            clause.dep_ == "relcl"
            and is_denial_verb(clause, lexicon)
            and child(clause, ("dobj",)) is None
        ):
            return Denial(clause, child(clause, SUBJECT_DEPS), noun)
    return None


def denial_of(pred: Token, accuser: Token | None, lexicon: Lexicon) -> Denial | None:
    """Who denies the claim that ``pred`` happened, if the text says so:

    1. the claim noun whose content ``pred`` is, denied ("rejected the accusation
       that it armed the rebels");
    2. for a charge (``accuser``: the verb of accusing that alleges ``pred``), a
       claim noun after it, in its sentence or the next, that refers back to it and
       is denied ("accused X of arming rebels, a charge X dismissed"; "X denied the
       allegations").
    """
    noun = claim_noun_above(pred, lexicon)
    if noun is not None:
        return _denial_of_noun(noun, lexicon)
    if accuser is None:
        return None
    doc = pred.doc
    sentence = accuser.sent
    stop = doc[sentence.end].sent.end if sentence.end < len(doc) else sentence.end
    for token in doc[max(pred.i, accuser.i) + 1 : stop]:
        if not is_claim_noun(token, lexicon):
            continue
        if any(c.dep_ in ("acl", "ccomp") for c in token.children):
            continue  # a claim with its own content is another claim
        det = child(token, ("det", "poss"))
        if det is None or (det.dep_ == "det" and det.lower_ not in BACK_REFERENCES):
            continue
        found = _denial_of_noun(token, lexicon)
        if found is not None:
            return found
    return None
