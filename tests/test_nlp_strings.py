"""The document read off spaCy's arrays equals what Token objects would give."""

from __future__ import annotations

import pytest

from entente.actors.registry import Registry
from entente.actors.roles import Context
from entente.nlp import pipeline as nlp_pipeline
from entente.nlp.pipeline import doc_text, doc_words, strings_of

TEXTS = [
    "",
    "Iran's Foreign Ministry said.",
    "  Two  spaces,\ttabs\n\nand a blank line  ",
    "WASHINGTON \u2014 The U.S.-backed forces\u2019 leader, \u00c9milie, met them.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_doc_text_is_the_docs_text_with_every_space_and_line_break(nlp, text: str) -> None:
    doc = nlp.make_doc(text)
    assert doc_text(doc) == doc.text == text
    words, spaces = doc_words(doc)
    assert words == [token.text for token in doc]
    assert spaces == [int(bool(token.whitespace_)) for token in doc]


@pytest.mark.parametrize("text", TEXTS)
def test_context_reads_the_words_lower_forms_offsets_and_text_of_the_tokens(nlp, text: str) -> None:
    doc = nlp(text)
    ctx = Context(doc, "d", Registry(), None)
    assert ctx.text == doc.text
    assert ctx.words == [token.text for token in doc]
    assert ctx.lower == [token.lower_ for token in doc]
    assert ctx.starts == [token.idx for token in doc]
    assert ctx.punct == [int(token.is_punct) for token in doc]
    assert ctx.ents == doc.ents


def test_string_table_is_emptied_when_full_and_still_answers(nlp, monkeypatch) -> None:
    doc = nlp.make_doc("alpha beta gamma delta")
    hashes = [token.orth for token in doc]
    monkeypatch.setattr(nlp_pipeline, "STRING_TABLE_MAX", 3)
    nlp_pipeline._STRINGS.clear()
    table = strings_of(doc, hashes[:2])
    assert len(table) == 2
    table = strings_of(doc, hashes[2:])  # 2 + 2 > 3: emptied, then filled with these
    assert len(table) == 2
    assert [table[h] for h in hashes[2:]] == ["gamma", "delta"]


@pytest.mark.parametrize("text", TEXTS)
def test_context_span_text_is_the_spans_text(nlp, text: str) -> None:
    doc = nlp(text)
    ctx = Context(doc, "d", Registry(), None)
    for start in range(len(doc) + 1):
        for end in range(len(doc) + 1):
            assert ctx.span_text(start, end) == doc[start:end].text
