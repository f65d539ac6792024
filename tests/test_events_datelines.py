"""Datelines ("BERLIN --", "PARIS (Reuters) -", "Geneva, Switzerland - ") say where
a story was filed; they are never a side of its events (issue 13)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from entente.events.datelines import dateline_end


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def first_sentence(vocab, words: list[str], spaces: list[bool] | None = None, ents=None):
    doc = Doc(vocab, words=words, spaces=spaces, ents=ents)
    doc[0].is_sent_start = True
    for token in doc[1:]:
        token.is_sent_start = False
    return doc, next(iter(doc.sents))


def test_dateline_in_capitals_with_agency_ends_at_the_dash(vocab):
    doc, sent = first_sentence(
        vocab, ["PARIS", "(", "Reuters", ")", "-", "Fighters", "arrested", "him"]
    )
    assert [t.text for t in doc[sent.start : dateline_end(sent)]] == [
        "PARIS",
        "(",
        "Reuters",
        ")",
        "-",
    ]


def test_dateline_with_country_ends_at_the_double_dash(vocab):
    words = ["THE", "HAGUE", ",", "Netherlands", "--", "A", "prosecutor", "charged", "him"]
    doc, sent = first_sentence(vocab, words)
    assert dateline_end(sent) == 5


def test_title_case_place_dateline_needs_the_parser_to_know_the_place(vocab):
    words = ["Geneva", ",", "Switzerland", "-", "Syria", "urged", "Russia"]
    _, sent = first_sentence(vocab, words, ents=["B-GPE", "O", "B-GPE", "O", "B-GPE", "O", "B-GPE"])
    assert dateline_end(sent) == 4
    _, sent = first_sentence(vocab, ["Brexit", "-", "A", "wake", "-", "up", "call"])
    assert dateline_end(sent) == sent.start


def test_running_text_and_inner_hyphens_are_no_dateline(vocab):
    words = ["A", "Turkey", "-", "European", "deal", "stopped", "refugees"]
    _, sent = first_sentence(vocab, words, spaces=[True, False, False, True, True, True, False])
    assert dateline_end(sent) == sent.start
    _, sent = first_sentence(vocab, ["NATO", "said", "-", "again", "-", "that"])
    assert dateline_end(sent) == sent.start


def test_tass_dateline_ends_after_the_agency_in_slashes(vocab):
    words = ["MOSCOW", ",", "February", "9./TASS/.", "Russia", "is", "ready"]
    _, sent = first_sentence(vocab, words)
    assert dateline_end(sent) == 4
