"""Dependency-tree primitives the role readers share: dependency labels and word
classes, the index from tokens to actor mentions, and child and preposition
lookups (``roles``, ``subjects``, and through them the whole event coder)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span, Token

from entente.events.datelines import dateline_end
from entente.records import Mention

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
MODIFIER_DEPS = ("poss", "compound", "nmod", "amod")
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
PERSONAL = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
THIRD_PERSON = frozenset({"it", "its", "they", "their", "them", "itself", "themselves"}) | PERSONAL
FIRST_PERSON = frozenset({"we", "our", "us", "ourselves", "i", "my", "me", "myself"})


def is_first_person(token: Token) -> bool:
    """Is ``token`` a first-person pronoun ("we", "us")? "US", the country, is not:
    "The US has issued an ultimatum" lost its actor as a speaker's "us"."""
    return token.lower_ in FIRST_PERSON and token.text != "US"


# third-person object pronouns that are not reflexive (binding: never their own clause's doer)
OBJECT_PRONOUNS = frozenset({"him", "her", "them", "it"})
VERBISH = frozenset({"VERB", "AUX"})
# recipient prepositions of an embedded event ("threatened to cut ties with X")
EMBEDDED_PREPS = ("to", "with", "against", "on")


class MentionIndex:
    """Token index -> the mention over that token (character offsets into doc.text)."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.by_token: list[Mention | None] = [None] * len(doc)
        # a venue ("the Astana talks") says where an occasion was held: no side,
        # but the host of a visit ("a Beijing visit")
        self.venues: dict[int, Mention] = {}
        if not mentions:
            return
        venues = [m for m in mentions if m.resolved_by == "venue"]
        mentions = [m for m in mentions if m.resolved_by != "venue"]
        for m in venues:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                self.venues[span.root.i] = m
        starts = doc.to_array(IDX).tolist()
        lengths = doc.to_array(LENGTH).tolist()
        # the shortest mention over a token wins: in "Hungarian and Romanian
        # officials" the token "Romanian" names Romania, not the whole phrase
        for mention in sorted(mentions, key=lambda m: m.end - m.start):
            first = max(bisect_right(starts, mention.start) - 1, 0)
            for i in range(first, len(starts)):
                if starts[i] >= mention.end:
                    break
                if starts[i] + lengths[i] > mention.start and self.by_token[i] is None:
                    self.by_token[i] = mention
        for sent in doc.sents:
            # a dateline ("BERLIN --") says where the story was filed: no side
            for i in range(sent.start, dateline_end(sent)):
                self.by_token[i] = None

    def at(self, token: Token) -> Mention | None:
        return self.by_token[token.i]

    def venue_at(self, token: Token) -> Mention | None:
        return self.venues.get(token.i)


@dataclass(slots=True)
class Roles:
    actor: list[Mention] = field(default_factory=list)
    recipient: list[Mention] = field(default_factory=list)
    actor_token: Token | None = None


# Quantifier heads that pass to their "of" phrase ("one of two men").
PARTITIVE_WORDS = frozenset(
    {"one", "two", "some", "many", "several", "dozens", "hundreds", "thousands", "all", "most"}
)

# Prepositions whose object says where something is or happens.
LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "inside", "outside", "across", "around", "throughout", "within", "into"}
)


def is_located_place(m: Mention, doc: Doc) -> bool:
    """A place named by a locative phrase ("the attack in Yemen", "a rally near
    Tehran"): where something is, not who acts. "The Uttar Pradesh government"
    and "an Istanbul court" name a place that owns the body, and are no such."""
    if m.actor_id is not None or m.resolved_by != "place":
        return False
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS


def _key(m: Mention) -> str:
    return m.actor_id or f"{m.country}:{m.text.lower()}"


def _dedup(mentions: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in mentions:
        if _key(m) not in seen:
            seen.add(_key(m))
            out.append(m)
    return out


def child(token: Token, deps: frozenset[str] | tuple[str, ...] | str) -> Token | None:
    for c in token.children:
        if c.dep_ in deps if not isinstance(deps, str) else c.dep_ == deps:
            return c
    return None


def prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    """Objects of the prepositions in ``preps`` hanging on ``token``, in ``preps`` order."""
    found: dict[str, list[Token]] = {}
    for c in token.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            for o in c.children:
                if o.dep_ in ("pobj", "pcomp"):
                    found.setdefault(c.lower_, []).append(o)
    return [o for p in preps for o in found.get(p, [])]


def sentence_of(token: Token) -> Span:
    return token.sent
