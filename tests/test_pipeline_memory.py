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
