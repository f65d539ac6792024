"""A worker's memory does not grow with the corpus: spaCy's strings for new words are freed."""

from __future__ import annotations

from entente import pipeline
from entente.records import Document


def _documents(words: list[str]) -> list[Document]:
    return [
        Document(id=f"m{i}", source=f"m{i}.txt", text=f"{word} officials met the envoy of {word}.")
        for i, word in enumerate(words)
    ]


def test_code_chunk_frees_the_strings_of_new_words() -> None:
    pipeline.init_worker(None)
    nlp, knowledge = pipeline._WORKER
    chunk = _documents(["Zorblaxian", "Quentarovia", "Vexmoorland"])
    first = pipeline.code_chunk(chunk)
    strings = len(nlp.vocab.strings)
    again = pipeline.code_chunk(_documents(["Plimbertonia", "Drastovel", "Ogrenvik"]))
    assert len(nlp.vocab.strings) == strings
    assert len(again) == len(first) == 3
    # Coding outside the zone would have kept the new words' strings.
    list(pipeline.code_documents(_documents(["Trellomancia"]), nlp, knowledge))
    assert len(nlp.vocab.strings) > strings


def _docs_left_in_cycles() -> int:
    """How many Docs coding left for Python's cycle collector to free."""
    import gc

    from spacy.tokens import Doc

    pipeline.init_worker(None)
    nlp, knowledge = pipeline._WORKER
    [document] = _documents(["Norland"])
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        doc = nlp(document.text)
        pipeline.code_document(doc, document, knowledge)
        del doc
        gc.collect()
        return sum(isinstance(o, Doc) for o in gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()


def test_a_coded_doc_is_freed_at_once_not_by_the_cycle_collector(monkeypatch) -> None:
    assert _docs_left_in_cycles() == 0
    # The sentence index is what ties a Doc to itself: kept, the Doc waits for a
    # full collection (this check would see the leak it prevents).
    monkeypatch.setattr(pipeline, "forget_sentences", lambda doc: None)
    assert _docs_left_in_cycles() == 1
