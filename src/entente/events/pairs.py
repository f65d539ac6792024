"""Pairs named before: "the two countries", "the two leaders", "both of them" are
the last two actors of one kind (state or person) named in the sentence or the
ones before (rule 4 of ``roles``)."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from entente.events.lexicon import DATA_DIR
from entente.events.tree import MentionIndex, _key, prep_objects
from entente.records import Mention


@cache
def pair_nouns() -> dict[str, str]:
    """Nouns that "the two" makes a pair named before, and the kind of actor each
    stands for (``lexicons/pair_nouns.tsv``: state or person)."""
    rows: dict[str, str] = {}
    for line in (DATA_DIR / "lexicons" / "pair_nouns.tsv").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            noun, kind = line.split("\t")
            rows[noun.strip()] = kind.strip()
    return rows


# sentences back in which the pair "the two countries" refers to may be named
PAIR_REACH_SENTENCES = 2


def _named_pair(token: Token, index: MentionIndex) -> list[Mention]:
    """ "The two countries", "the two leaders", "the two sides": the last two
    different actors of that kind named before, in this sentence or the two
    before ("Russia and Japan signed a memorandum ... the two countries")."""
    kind = pair_nouns().get(token.lemma_.lower())
    if kind is None or token.tag_ != "NNS":
        return []
    the_two = any(c.dep_ == "nummod" and c.lower_ == "two" for c in token.children) and any(
        c.dep_ == "det" and c.lower_ == "the" for c in token.children
    )
    # "both countries", "both leaders" (2017 corpus: 77 against 155 "the two ...")
    both = any(
        c.lower_ == "both" and c.dep_ in ("det", "predet", "preconj") for c in token.children
    )
    if not (the_two or both):
        return []
    return _last_two(token, kind, index)


def _both_of_them(token: Token, index: MentionIndex) -> list[Mention]:
    """ "Both of them agreed": the last two actors of one kind (states, or people)
    named before, in this sentence or the two before."""
    if token.lower_ != "both" or not any(
        o.lower_ in ("them", "us") for o in prep_objects(token, ("of",))
    ):
        return []
    pair = _last_two(token, "state", index)
    people = _last_two(token, "person", index)
    if not pair or (people and people[-1].start > pair[-1].start):
        pair = people  # the kind named last
    return pair


def _last_two(token: Token, kind: str, index: MentionIndex) -> list[Mention]:
    """The last two different actors of ``kind`` (state or person) named before
    ``token``, in its sentence or the ``PAIR_REACH_SENTENCES`` before."""
    doc = token.doc
    first = token.sent.start
    for _ in range(PAIR_REACH_SENTENCES):
        if first > 0:
            first = doc[first - 1].sent.start
    pair: list[Mention] = []
    for i in range(token.i - 1, first - 1, -1):
        mention = index.at(doc[i])
        if mention is None or not mention.actor_id or mention in pair:
            continue
        is_state = mention.actor_id.upper() == mention.country  # a state's id is its code
        if (kind == "state" and not is_state) or (kind == "person" and is_state):
            continue
        if any(_key(m) == _key(mention) for m in pair):
            continue
        pair.append(mention)
        if len(pair) == 2:
            return pair[::-1]
    return []
