"""A document the parser or a stage cannot take costs that document only: it is
logged with its reason, and the rest of its batch and chunk is coded."""

from __future__ import annotations

import pytest

from entente import pipeline
from entente.ingest import run
from entente.records import Document, Rejection

POISON = "POISON"


def _document(name: str, text: str) -> Document:
    return Document(id=name, source=f"{name}.txt", text=text)


def test_a_chunk_that_fails_whole_is_coded_again_a_document_at_a_time(monkeypatch) -> None:
    def code_chunk(documents: list[Document]) -> list:
        if any(POISON in d.text for d in documents):
            raise MemoryError("out of memory in a worker")
        return [f"coded {d.id}" for d in documents]

    monkeypatch.setattr(run, "_code_chunk", code_chunk)
    chunk = [_document("a", "fine"), _document("b", POISON), _document("c", "fine")]
    results = run._code_chunk_safely(chunk, code_chunk)
    assert results[0] == "coded a" and results[2] == "coded c"
    assert isinstance(results[1], Rejection)
    assert results[1].source == "b.txt" and results[1].status == "error"
    assert "MemoryError: out of memory in a worker" in results[1].reason


@pytest.mark.slow
def test_a_text_the_parser_refuses_costs_only_itself(nlp, monkeypatch) -> None:
    real_pipe = nlp.pipe

    def pipe(texts, **kwargs):
        for doc in real_pipe(texts, **kwargs):
            if POISON in doc.text:
                raise ValueError("[E088] Text of length 1000001 exceeds maximum")
            yield doc

    monkeypatch.setattr(nlp, "pipe", pipe)
    knowledge = pipeline.load_knowledge()
    documents = [
        _document("a", "Norland expelled two Sudorian diplomats on Friday."),
        _document("b", f"A {POISON} text."),
        _document("c", "Sudoria recalled its ambassador from Norland."),
    ]
    results = list(pipeline.code_documents(documents, nlp, knowledge))
    assert [type(r).__name__ for r in results] == ["CodedDocument", "Rejection", "CodedDocument"]
    assert "parsing failed on document b: ValueError: [E088]" in results[1].reason
    assert [r.document.id for r in results if not isinstance(r, Rejection)] == ["a", "c"]


@pytest.mark.slow
def test_a_stage_that_fails_on_one_document_costs_only_it(nlp, monkeypatch) -> None:
    real_code = pipeline.code_document

    def code_document(doc, document, knowledge):
        if POISON in document.text:
            raise RecursionError("maximum recursion depth exceeded")
        return real_code(doc, document, knowledge)

    monkeypatch.setattr(pipeline, "code_document", code_document)
    documents = [_document("a", "Officials met."), _document("b", f"A {POISON} text.")]
    results = list(pipeline.code_documents(documents, nlp, pipeline.load_knowledge()))
    assert type(results[0]).__name__ == "CodedDocument"
    assert isinstance(results[1], Rejection)
    assert "coding failed on document b: RecursionError" in results[1].reason
