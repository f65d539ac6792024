"""From clean documents to coded documents: parse, resolve actors, extract events.

This is the work a worker process does; ``ingest`` feeds it and the store
receives its output. Each stage is a function of records plus the knowledge it
is handed, loaded once per process in ``Knowledge``.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc

from entente.actors.registry import Registry, load_registry
from entente.actors.resolve import resolve_actors
from entente.events.extract import Lexicon, extract_events, load_lexicon
from entente.events.gating import document_relevance
from entente.nlp.pipeline import (
    PARSE_MAX_CHARS,
    forget_sentences,
    index_sentences,
    parse_texts,
    text_parts,
)
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
    # share of sentences naming a political actor; None: too short to tell
    # (``gating.document_relevance``)
    political_relevance: float | None = None


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
        sentences = split_sentences(doc, document.id)
        return CodedDocument(
            document=document,
            sentences=sentences,
            mentions=resolution.mentions,
            actors=[*actors.values(), *_office_organisations(actors, knowledge)],
            events=events,
            political_relevance=document_relevance(
                len(sentences), resolution.mentions, knowledge.lexicon, actors
            ),
        )
    finally:
        forget_sentences(doc)


def _office_organisations(actors: dict[str, Actor], knowledge: Knowledge) -> list[Actor]:
    """The registry organisations of the offices of these actors, not among them.

    The map makes an office-holder the organisation of the office it acts in
    (Yasser Arafat for the PLO: ``consolidate.actors.map_node``) and reads the
    organisation's kind from the store; stored with the holder, the node no
    longer depends on whether an earlier article named the organisation (an
    ingest and a rebuild of the same store gave two nodes).
    """
    wanted = sorted(
        {o.organisation for a in actors.values() for o in a.offices if o.organisation} - set(actors)
    )
    return [org for o in wanted if (org := knowledge.registry.get(o)) is not None]


# The most characters coded as one Doc. A longer text (a report pasted whole, a
# transcript) is coded a segment at a time, its records shifted into the whole
# text's offsets: one Doc of a 3 MB article took 1.7 GB and 410 s. The longest
# of 3,918 real articles (2017 corpus, VOA, seeds) has 28,397 characters, so
# news is coded whole, as before.
CODE_MAX_CHARS = 100_000


def code_documents(
    documents: Iterable[Document], nlp: Language, knowledge: Knowledge, batch_size: int = 16
) -> Iterator[CodedDocument | Rejection]:
    """Parse documents in batches with ``nlp.pipe`` and code each one.

    A document longer than PARSE_MAX_CHARS is parsed a part at a time
    (``parse_texts``), one longer than CODE_MAX_CHARS coded a segment at a time
    (``code_long_document``). A document the parser or a stage fails on becomes
    a Rejection naming the error, and the others go on: one odd article must
    not stop a corpus.
    """
    for long, group in itertools.groupby(documents, key=lambda d: len(d.text) > CODE_MAX_CHARS):
        if long:
            for document in group:
                yield _coded_or_rejected(document, lambda d: code_long_document(d, nlp, knowledge))
            continue
        for document, doc in _parsed(list(group), nlp, batch_size):
            if isinstance(doc, Exception):
                yield failed(document, "parsing", doc)
            else:
                yield _coded_or_rejected(
                    document, lambda d, doc=doc: code_document(doc, d, knowledge)
                )


def failed(document: Document, stage: str, exc: Exception) -> Rejection:
    """The log line of a document a stage failed on: the stage, the id and the error."""
    return Rejection(
        document.source,
        "error",
        f"{stage} failed on document {document.id}: {type(exc).__name__}: {exc}",
    )


def _coded_or_rejected(
    document: Document, code: Callable[[Document], CodedDocument]
) -> CodedDocument | Rejection:
    try:
        return code(document)
    except Exception as exc:  # noqa: BLE001 - reported per document, never silenced
        return failed(document, "coding", exc)


def _parsed(
    documents: list[Document], nlp: Language, batch_size: int
) -> Iterator[tuple[Document, Doc | Exception]]:
    """Each document with its Doc, or with the exception the parser raised on it.

    ``nlp.pipe`` fails a whole batch for one text it cannot take, so after a
    failure the rest are parsed one at a time and only that text is lost.
    """
    done = 0
    try:
        for doc in parse_texts(nlp, [d.text for d in documents], PARSE_MAX_CHARS, batch_size):
            yield documents[done], doc
            done += 1
    except Exception:  # noqa: BLE001 - found again below, per document
        for document in documents[done:]:
            try:
                yield document, next(parse_texts(nlp, [document.text], PARSE_MAX_CHARS))
            except Exception as exc:  # noqa: BLE001 - reported per document
                yield document, exc


def code_long_document(document: Document, nlp: Language, knowledge: Knowledge) -> CodedDocument:
    """Code a document a segment of at most CODE_MAX_CHARS at a time (cut where
    ``text_parts`` cuts: paragraph, sentence, space) and join the records, with
    sentence numbers and character offsets into the whole text.

    Only one segment's Doc exists at a time, so memory follows the segment, not
    the document. What crosses a cut is lost: an acronym defined in one segment
    is not known in the next, as in two articles.
    """
    whole = CodedDocument(document=document, sentences=[])
    actors: dict[str, Actor] = {}
    offset = 0
    for segment in text_parts(document.text, CODE_MAX_CHARS):
        part = replace(document, text=segment)
        doc = next(parse_texts(nlp, [segment], PARSE_MAX_CHARS))
        coded = code_document(doc, part, knowledge)
        del doc
        first = len(whole.sentences)
        whole.sentences += [
            replace(s, index=s.index + first, start=s.start + offset, end=s.end + offset)
            for s in coded.sentences
        ]
        whole.mentions += [
            replace(m, sentence=m.sentence + first, start=m.start + offset, end=m.end + offset)
            for m in coded.mentions
        ]
        whole.events += [_shifted_event(e, first, offset) for e in coded.events]
        actors.update((a.id, a) for a in coded.actors)
        offset += len(segment)
    whole.actors = list(actors.values())
    whole.political_relevance = document_relevance(
        len(whole.sentences), whole.mentions, knowledge.lexicon, actors
    )
    return whole


def _shifted_event(event: Event, first_sentence: int, offset: int) -> Event:
    """An event coded in a segment, placed in the whole text. Its id is made
    from the segment's and the offset: ids stay the same from run to run, and
    two segments' events never share one."""
    if not offset:
        return event
    evidence = event.evidence
    return replace(
        event,
        id=hashlib.sha1(f"{event.id}@{offset}".encode()).hexdigest()[:16],
        sentence=event.sentence + first_sentence,
        evidence=replace(
            evidence,
            start=evidence.start + offset,
            end=evidence.end + offset,
            trigger_start=evidence.trigger_start + offset,
            trigger_end=evidence.trigger_end + offset,
        ),
    )


# -- worker processes -------------------------------------------------------
# Each worker loads the model and the knowledge once, then codes chunks of
# documents and sends back plain records (far smaller than pickled Docs).

_WORKER: tuple[Language, Knowledge] | None = None


def load_knowledge() -> Knowledge:
    """The packaged knowledge every stage reads (data files checked as they load)."""
    return Knowledge(registry=load_registry(), lexicon=load_lexicon())


def init_worker(model: str | None, knowledge: Knowledge | None = None) -> None:
    """Load the spaCy pipeline, and the knowledge unless it is handed over loaded."""
    global _WORKER
    from entente.nlp.pipeline import load_pipeline

    _WORKER = (load_pipeline(model), knowledge or load_knowledge())


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
