"""Plain records passed between the stages of the pipeline.

A *document* (an article) has *sentences* and *mentions*; mentions resolve to
*actors*; *events* have an actor, a recipient and attributes. Stages are
functions from these records to these records; nothing here touches I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

IngestStatus = Literal["ok", "duplicate", "skipped", "error"]
DatePrecision = Literal["day", "month", "year"]


@dataclass(slots=True)
class RawArticle:
    """What a reader found in a source, before cleaning.

    Exactly one of ``text`` (plain text, maybe with web leftovers) and ``html``
    is set. Metadata fields are whatever the source itself carried.
    """

    source: str
    text: str | None = None
    html: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass(slots=True)
class Rejection:
    """An input that yields no document, and why (one line, for the ingest log)."""

    source: str
    status: IngestStatus
    reason: str


@dataclass(slots=True)
class PublicationDate:
    """A publication date at the precision the source gives (``2024-04-15``, ``2024-04``)."""

    value: str
    precision: DatePrecision


@dataclass(slots=True)
class Document:
    """A clean, dated article: the unit everything else points back to."""

    id: str
    source: str
    text: str
    title: str | None = None
    author: str | None = None
    published: PublicationDate | None = None
    url: str | None = None
    outlet: str | None = None
    language: str = "en"


@dataclass(slots=True)
class Sentence:
    doc_id: str
    index: int
    start: int
    end: int


@dataclass(slots=True)
class Office:
    """A post a person held, with its dates (ISO, open-ended when None)."""

    role: str
    country: str
    sector: str
    start: str | None = None
    end: str | None = None
    organisation: str | None = None


# The id prefix of actors met in text that the registry lacks ("x-jeff-sessions").
AD_HOC_PREFIX = "x-"


def is_ad_hoc_id(actor_id: str) -> bool:
    """Whether an actor id is an ad-hoc actor's (made from a name in a text), not the registry's."""
    return actor_id.startswith(AD_HOC_PREFIX)


@dataclass(slots=True)
class Actor:
    """A state, organisation, group or person that can act in an event."""

    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    wikidata: str | None = None
    aliases: list[str] = field(default_factory=list)
    backers: list[str] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)


@dataclass(slots=True)
class Mention:
    """A span of a document that names an actor, and how it was resolved."""

    doc_id: str
    sentence: int
    start: int
    end: int
    text: str
    actor_id: str | None
    resolved_by: str
    country: str | None = None
    sector: str | None = None


@dataclass(slots=True)
class ActorRef:
    """An actor as an event names it: the registry id plus the country and
    sector it acted in *at that time* (a person's office can change)."""

    name: str
    country: str | None
    sector: str | None
    actor_id: str | None = None
    wikidata: str | None = None


@dataclass(slots=True)
class EventDate:
    """The event's own date. ``basis`` says where it came from: ``text`` (a
    date expression in the sentence or its context) or ``publication``."""

    start: str | None
    end: str | None = None
    precision: DatePrecision | None = None
    basis: Literal["text", "publication", "none"] = "none"
    text: str | None = None


@dataclass(slots=True)
class Quantity:
    """A count or amount of an item ("350 missiles and drones", "$1.7 billion"), or
    an item a transfer moves with no count (value None: "Su-35 fighter jets")."""

    value: float | None
    item: str | None
    text: str


@dataclass(slots=True)
class Attribution:
    """Who the text says reports or claims an event, and the words that say so."""

    name: str
    cue: str
    country: str | None = None
    sector: str | None = None
    # the actor the source resolves to (a pronoun "he" to whom it stands for)
    actor_id: str | None = None


@dataclass(slots=True)
class Evidence:
    """The sentence that states an event; offsets are into the document's clean text."""

    sentence: str
    start: int
    end: int
    trigger: str
    trigger_start: int
    trigger_end: int


Certainty = Literal["asserted", "reported", "alleged", "disputed", "denied"]
Polarity = Literal["positive", "negative"]
Tense = Literal["actual", "future", "hypothetical"]


@dataclass(slots=True)
class Event:
    """One coded event mention (PLOVER 2.0 type and mode) with its attributes."""

    id: str
    doc_id: str
    sentence: int
    type: str
    mode: str | None
    score: float
    actor: list[ActorRef]
    recipient: list[ActorRef]
    date: EventDate
    certainty: Certainty
    polarity: Polarity
    tense: Tense
    attributed_to: Attribution | None
    quantities: list[Quantity]
    evidence: Evidence
    confidence: float
    # Why the event is below the confidence floor (a candidate), else None
    # (``entente.events.confidence``).
    candidate_reason: str | None = None
