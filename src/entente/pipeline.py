"""From clean documents to coded documents: parse, resolve actors, extract events.

This is the work a worker process does; ``ingest`` feeds it and the store
receives its output. Each stage is a function of records plus the knowledge it
is handed, loaded once per process in ``Knowledge``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from entente.records import Actor, Document, Event, Mention, Sentence


@dataclass(slots=True)
class Knowledge:
    """Everything the stages read, loaded once per process."""

    registry: object | None = None
    triggers: object | None = None


@dataclass(slots=True)
class CodedDocument:
    """A document with everything the pipeline found in it."""

    document: Document
    sentences: list[Sentence]
    mentions: list[Mention] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def split_sentences(doc: Doc, doc_id: str) -> list[Sentence]:
    """The parser's sentences as character spans of the clean text."""
    return [
        Sentence(doc_id=doc_id, index=i, start=sent.start_char, end=sent.end_char)
        for i, sent in enumerate(doc.sents)
    ]


def code_document(doc: Doc, document: Document, knowledge: Knowledge) -> CodedDocument:
    """Run the stages after parsing on one parsed document."""
    return CodedDocument(document=document, sentences=split_sentences(doc, document.id))


def code_documents(
    documents: Iterable[Document], nlp: Language, knowledge: Knowledge, batch_size: int = 16
) -> Iterator[CodedDocument]:
    """Parse documents in batches with ``nlp.pipe`` and code each one."""
    pairs = ((document.text, document) for document in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield code_document(doc, document, knowledge)
