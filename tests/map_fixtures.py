"""Builders of small synthetic coded documents for the map tests (no spaCy needed).

``doc(...)`` makes a CodedDocument with the events given; ``store_of(path, docs)``
writes them into a real store with ``write_batch`` and returns it open.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from entente.pipeline import CodedDocument
from entente.records import (
    Actor,
    ActorRef,
    Attribution,
    Document,
    Event,
    EventDate,
    Evidence,
    Office,
    PublicationDate,
    Quantity,
    Sentence,
)
from entente.store.db import Store
from entente.store.write import write_batch

ACTORS = {
    "IRN": Actor("IRN", "Iran", "state", "IRN", "GOV", aliases=["Islamic Republic"]),
    "ISR": Actor("ISR", "Israel", "state", "ISR", "GOV"),
    "RUS": Actor("RUS", "Russia", "state", "RUS", "GOV", aliases=["Russian Federation"]),
    "UKR": Actor("UKR", "Ukraine", "state", "UKR", "GOV"),
    "USA": Actor("USA", "United States", "state", "USA", "GOV"),
    "hamas": Actor("hamas", "Hamas", "armed-group", "PSE", "REB", backers=["IRN"]),
    "wagner-group": Actor("wagner-group", "Wagner Group", "armed-group", "RUS", "PRM"),
    "sergei-lavrov": Actor(
        "sergei-lavrov",
        "Sergei Lavrov",
        "person",
        "RUS",
        "GOV",
        offices=[Office("foreign minister", "RUS", "GOV", "2004-03-09")],
    ),
    "x-iranian-backed-militias": Actor(
        "x-iranian-backed-militias",
        "Iranian-backed militias",
        "group",
        "IRQ",
        "REB",
        backers=["IRN"],
    ),
    "x-iranian-backed-militia": Actor(
        "x-iranian-backed-militia", "Iranian-backed militia", "group", "IRQ", "REB", backers=["IRN"]
    ),
    "TUR": Actor("TUR", "Turkey", "state", "TUR", "GOV"),
    "SYR": Actor("SYR", "Syria", "state", "SYR", "GOV"),
    "x-eastern-european": Actor(
        "x-eastern-european", "Eastern European", "organisation", None, None
    ),
    "x-ridge-watch": Actor("x-ridge-watch", "Ridge Watch", "organisation", None, "NGO"),
    "x-tur-gunman": Actor("x-tur-gunman", "Turkish gunman", "group", "TUR", "CVL"),
    "x-warren-baxter": Actor("x-warren-baxter", "Warren Baxter", "person", None, None),
    "daily-lantern": Actor("daily-lantern", "The Daily Lantern", "media", "USA", "JRN"),
    "x-syr-opposition": Actor("x-syr-opposition", "Syrian opposition", "group", "SYR", "OPP"),
    "x-rus-civilians": Actor("x-rus-civilians", "Russian civilians", "group", "RUS", "CVL"),
    "x-tur-press": Actor("x-tur-press", "Turkish press", "group", "TUR", "MED"),
    "x-lev-orlov": Actor("x-lev-orlov", "Lev Orlov", "person", "RUS", "OPP"),
    "x-mousa-abu-marzouk": Actor(
        "x-mousa-abu-marzouk", "Mousa Abu Marzouk", "person", "PSE", "REB"
    ),
    "x-moussa-abu-marzouk": Actor(
        "x-moussa-abu-marzouk", "Moussa Abu Marzouk", "person", "PSE", "REB"
    ),
}


def ref(actor_id: str) -> ActorRef:
    actor = ACTORS[actor_id]
    return ActorRef(actor.name, actor.country, actor.sector, actor.id)


def event(
    eid: str,
    type_: str,
    actor: Sequence[str],
    recipient: Sequence[str],
    sentence: str,
    *,
    date: str | None = None,
    precision: str | None = None,
    basis: str = "text",
    certainty: str = "asserted",
    polarity: str = "positive",
    tense: str = "actual",
    attributed_to: str | None = None,
    quantities: Sequence[tuple[float, str]] = (),
    items: Sequence[str] = (),
    index: int = 0,
    score: float = 0.0,
    date_text: str | None = None,
    trigger: str | None = None,
) -> dict:
    """An event spec; ``doc`` turns it into an Event of its document. ``trigger``
    is a word of the sentence (its first occurrence); by default the second word.
    ``items`` are what a transfer moves, as the coder stores them (no count)."""
    return {
        "eid": eid,
        "type": type_,
        "actor": list(actor),
        "recipient": list(recipient),
        "sentence": sentence,
        "date": EventDate(
            date, None, precision or _precision(date), basis if date else "none", date_text
        ),
        "certainty": certainty,
        "polarity": polarity,
        "tense": tense,
        "attributed_to": attributed_to,
        "quantities": [Quantity(v, item, f"{v:g} {item}") for v, item in quantities]
        + [Quantity(None, item, item) for item in items],
        "index": index,
        "score": score,
        "trigger": trigger,
    }


def _precision(value: str | None) -> str | None:
    if not value:
        return None
    return {4: "year", 7: "month", 10: "day"}[len(value)]


def doc(
    doc_id: str,
    outlet: str | None,
    published: str | None,
    events: Sequence[dict],
    extra_actors: Sequence[Actor] = (),
) -> CodedDocument:
    """A coded document whose text is its events' sentences, one per line."""
    text = "\n".join(e["sentence"] for e in events) or "Nothing happened."
    document = Document(
        id=doc_id,
        source=f"{doc_id}.txt",
        text=text,
        outlet=outlet,
        published=PublicationDate(published, _precision(published)) if published else None,
        title=f"Title {doc_id}",
    )
    sentences, coded_events, start = [], [], 0
    for number, spec in enumerate(events):
        end = start + len(spec["sentence"])
        sentences.append(Sentence(doc_id, number, start, end))
        words = spec["sentence"].split()
        trigger = spec["trigger"] or (words[1] if len(words) > 1 else "x")
        at = spec["sentence"].find(trigger) if spec["trigger"] else 0
        source = spec["attributed_to"]
        coded_events.append(
            Event(
                id=spec["eid"],
                doc_id=doc_id,
                sentence=spec["index"] or number,
                type=spec["type"],
                mode=None,
                score=spec["score"],
                actor=[ref(a) for a in spec["actor"]],
                recipient=[ref(r) for r in spec["recipient"]],
                date=spec["date"],
                certainty=spec["certainty"],
                polarity=spec["polarity"],
                tense=spec["tense"],
                attributed_to=Attribution(source, "said") if source else None,
                quantities=spec["quantities"],
                evidence=Evidence(
                    spec["sentence"], start, end, trigger, start + at, start + at + len(trigger)
                ),
                confidence=0.9,
            )
        )
        start = end + 1
    used = {a for e in events for a in (*e["actor"], *e["recipient"])}
    actors = [ACTORS[a] for a in sorted(used)] + list(extra_actors)
    return CodedDocument(document, sentences, actors=actors, events=coded_events)


def doc_id(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()[:16]


def store_of(path: Path, docs: Sequence[CodedDocument]) -> Store:
    """A new store at ``path`` holding ``docs`` (the map not yet built)."""
    store = Store(path)
    if docs:
        write_batch(store, list(docs), [], "test")
    return store


def add(store: Store, docs: Sequence[CodedDocument]) -> None:
    write_batch(store, list(docs), [], "test")
