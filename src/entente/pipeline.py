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

from entente.actors.registry import Registry, load_registry
from entente.actors.resolve import resolve_actors
from entente.events.extract import Lexicon, extract_events, load_lexicon
from entente.nlp.pipeline import PARSE_MAX_CHARS, forget_sentences, index_sentences, parse_texts
from entente.records import Actor, Document, Event, Mention, Rejection, Sentence


@dataclass(slots=True)
class Knowledge:
    """Everything the stages read, loaded once per process."""

    registry: Registry
    lexicon: Lexicon


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
    """Run the stages after parsing on one parsed document: actors, then events.

    The coded document carries every actor its mentions point to (registry
    actors as well as those met for the first time), so the store holds the
    actors the map needs and no others.
    """
    index_sentences(doc)
    try:
        resolution = resolve_actors(doc, document, knowledge.registry)
        actors = {a.id: a for a in resolution.actors}
        for mention in resolution.mentions:
            if mention.actor_id and mention.actor_id not in actors:
                actor = knowledge.registry.get(mention.actor_id)
                if actor is not None:
                    actors[actor.id] = actor
        events = extract_events(
            doc, document, resolution.mentions, knowledge.lexicon, list(actors.values())
        )
        return CodedDocument(
            document=document,
            sentences=split_sentences(doc, document.id),
            mentions=resolution.mentions,
            actors=list(actors.values()),
            events=events,
        )
    finally:
        forget_sentences(doc)


def code_documents(
    documents: Iterable[Document], nlp: Language, knowledge: Knowledge, batch_size: int = 16
) -> Iterator[CodedDocument | Rejection]:
    """Parse documents in batches with ``nlp.pipe`` and code each one.

    A document longer than PARSE_MAX_CHARS is parsed a part at a time
    (``parse_texts``). A document on which a stage fails becomes a Rejection
    naming the stage's error, and the others go on: one odd article must not
    stop a corpus.
    """
    documents = list(documents)
    docs = parse_texts(nlp, [d.text for d in documents], PARSE_MAX_CHARS, batch_size)
    for doc, document in zip(docs, documents, strict=True):
        try:
            yield code_document(doc, document, knowledge)
        except Exception as exc:  # noqa: BLE001 - reported per document, never silenced
            yield Rejection(
                document.source,
                "error",
                f"coding failed on document {document.id}: {type(exc).__name__}: {exc}",
            )


# -- worker processes -------------------------------------------------------
# Each worker loads the model and the knowledge once, then codes chunks of
# documents and sends back plain records (far smaller than pickled Docs).

_WORKER: tuple[Language, Knowledge] | None = None


def load_knowledge() -> Knowledge:
    """The packaged knowledge every stage reads (data files checked as they load)."""
    return Knowledge(registry=load_registry(), lexicon=load_lexicon())


def init_worker(model: str | None) -> None:
    global _WORKER
    from entente.nlp.pipeline import load_pipeline

    _WORKER = (load_pipeline(model), load_knowledge())


def code_chunk(documents: list[Document]) -> list[CodedDocument | Rejection]:
    """Code a chunk of documents in a worker set up by ``init_worker``."""
    if _WORKER is None:
        raise RuntimeError("code_chunk called in a process where init_worker did not run")
    nlp, knowledge = _WORKER
    # Strings and lexemes spaCy adds for a chunk's new words are freed after it,
    # so a worker's memory does not grow with the corpus (the records returned
    # hold plain Python values, never Docs or Tokens).
    with nlp.memory_zone():
        return list(code_documents(documents, nlp, knowledge))
