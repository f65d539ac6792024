"""Quotation marks around a token: which quotation, if any, a word stands in.

``roles.speaker_of`` uses ``quotation_of`` to take "we" in a quotation for its
speaker; ``claims`` uses ``straight_quote_opens`` to pair straight quotes.
"""

from __future__ import annotations

from bisect import bisect_left

import numpy
from spacy.attrs import ORTH
from spacy.tokens import Doc, Token

OPENING_QUOTES = frozenset({"\u201c", "``"})


CLOSING_QUOTES = frozenset({"\u201d", "''"})


QUOTE_REACH = 4  # sentences a quotation is looked for around a pronoun


STRAIGHT_QUOTES_KEY = "entente.straight_quotes"  # Doc.user_data cache


def straight_quote_opens(mark: Token, otherwise: bool) -> bool:
    """Does a straight quote open a quotation? Glued to the word after it and
    apart from the one before ('said "We'), it opens; glued to the word before
    ('restraint."'), it closes; else ``otherwise`` decides (the caller's count or
    state: texts mix straight and curly marks, so a count alone misleads)."""
    doc = mark.doc
    spaced_before = mark.i == 0 or bool(doc[mark.i - 1].whitespace_) or doc[mark.i - 1].is_space
    glued_after = not mark.whitespace_ and mark.i + 1 < len(doc) and not doc[mark.i + 1].is_punct
    if spaced_before and glued_after:
        return True
    if not spaced_before:
        return False
    return otherwise


def _straight_quotes(doc: Doc) -> list[int]:
    """Positions of the document's straight quote marks, found once per document
    from its word array (counting them before each pronoun walked the document)."""
    found = doc.user_data.get(STRAIGHT_QUOTES_KEY)
    if found is None:
        mark = doc.vocab.strings.add('"')
        found = [int(i) for i in numpy.flatnonzero(doc.to_array(ORTH) == mark)]
        doc.user_data[STRAIGHT_QUOTES_KEY] = found
    return found


def quotation_of(token: Token) -> tuple[int, int | None] | None:
    """(opening mark, closing mark or None) of the quotation holding ``token``,
    looked for within a few sentences; None outside any."""
    doc = token.doc
    sent = token.sent
    lo, hi = sent.start, sent.end
    for _ in range(QUOTE_REACH):
        if lo > 0:
            lo = doc[lo - 1].sent.start
        if hi < len(doc):
            hi = doc[hi].sent.end
    straight = bisect_left(_straight_quotes(doc), lo)
    marks: list[tuple[int, bool]] = []  # (index, opens)
    for t in doc[lo:hi]:
        if t.text in OPENING_QUOTES:
            marks.append((t.i, True))
        elif t.text in CLOSING_QUOTES:
            marks.append((t.i, False))
        elif t.text == '"':
            marks.append((t.i, straight_quote_opens(t, straight % 2 == 0)))
            straight += 1
    before = [m for m in marks if m[0] < token.i]
    if not before or not before[-1][1]:
        return None
    after = [i for i, opens in marks if i > token.i and not opens]
    return before[-1][0], (after[0] if after else None)
