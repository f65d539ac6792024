"""Datelines: the place and agency that open a wire story ("BERLIN --",
"THE HAGUE, Netherlands --", "PARIS (Reuters) -", "KABUL:", "Geneva,
Switzerland - ", "MOSCOW, February 9. /TASS/."). They say where the story was filed, never who acted; the
parser often makes them the subject of the first verb ("BERLIN -- A court in
Bavaria has convicted ..." with BERLIN as subject). 44 of the 1,044 PLV
sentences open with one; in the 2017 store "Geneva, Switzerland - Syria's main
opposition group has urged Russia" had Geneva as the actor.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

# Tokens that end a dateline, and how far into a sentence one may run (tokens).
DATELINE_SEPARATORS = frozenset({"--", "—", "–", "-", ":"})
MAX_DATELINE_TOKENS = 12
# An agency between slashes that closes a TASS dateline ("MOSCOW, February 9. /TASS/.",
# tokenised "9./TASS/."): 273 documents of the 2017 corpus open so.
AGENCY_IN_SLASHES = re.compile(r"/[A-Z][A-Za-z-]*/\.?$")
# Entity labels of a place named in title case ("Geneva, Switzerland - ").
PLACE_LABELS = frozenset({"GPE", "LOC"})


def dateline_end(sent: Span) -> int:
    """The index of the first token after the sentence's dateline, or the
    sentence's start when it opens with none. A dateline is a place in capitals
    (or a title-case place the parser knows as one), an optional ", Country" or
    date, an optional "(Agency)", then a dash or colon followed by a capital, or
    an agency between slashes ("/TASS/.")."""
    doc = sent.doc
    i, end = sent.start, min(sent.end, sent.start + MAX_DATELINE_TOKENS)
    first = doc[i]
    capitals = first.is_upper and first.is_alpha and len(first) > 1
    if not capitals and not (first.is_title and first.ent_type_ in PLACE_LABELS):
        return sent.start
    in_brackets = False
    while i < end:
        token = doc[i]
        if AGENCY_IN_SLASHES.search(token.text):
            return i + 1
        if token.text == "(":
            in_brackets = True
        elif token.text == ")":
            in_brackets = False
        elif token.text in DATELINE_SEPARATORS and not in_brackets and i > sent.start:
            if token.text == "-" and not doc[i - 1].whitespace_:
                return sent.start  # "Turkey-European": a hyphen inside a word
            after = doc[i + 1] if i + 1 < sent.end else None
            if after is not None and (after.is_title or after.is_upper or after.text in ('"', "'")):
                return i + 1
            return sent.start
        elif not in_brackets and not (
            token.is_title or token.is_upper or token.like_num or token.text in (",", ".")
        ):
            return sent.start  # a lower-case word: running text, no dateline
        i += 1
    return sent.start


def in_dateline(token: Token) -> bool:
    """Is ``token`` part of its sentence's dateline?"""
    sent = token.sent
    return token.i < dateline_end(sent)
