"""Events as the map sees them: map nodes, blocks, date windows, and which two can be one.

Clustering never compares two events of different *blocks*. An event's block
is its type family plus its map dyad (``AID|IRN>RUS``; for symmetric families
the unordered pair, ``CONSULT|IRN+RUS``), so blocks are small and an update
only touches the blocks its new events fall in.

Two events of a block are the same real-world event (``are_compatible``) when:

1. they have the same tense (a promise and its delivery are two events);
2. their date windows overlap. A date found in the text is its period
   (``2024-04`` is the whole month) widened by ``DATE_SLACK_DAYS``; a date
   taken from the publication date (or no date, when the document has one)
   reaches back ``PUBLICATION_WINDOW_DAYS``; an event with no date at all
   overlaps everything;
3. they are in the same document ("Iran attacked Israel ... the attack"), or
   their evidence is alike: ``evidence_similarity`` reaches
   ``EVIDENCE_MIN_SIMILARITY``, or ``DENIAL_MIN_SIMILARITY`` for a party's
   denial and the claim it denies (``are_alike``);
4. their particulars agree where one source gives both: two events of one
   document that count the same item differently ("the 7-country ban ... the
   revised 6-country ban") are two events. Across documents a different count
   is a disagreement between sources, kept in one cluster as a conflict
   (350 vs 300).

An event missing a side (no recipient, or neither side: "the attack") takes
the dyad of the nearest event of the same family in its document whose known
side agrees, so a mention that refers back joins its event.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from entente.consolidate.actors import ActorIndex, map_node, nodes_of
from entente.consolidate.knowledge import MapKnowledge
from entente.records import ActorRef
from entente.store.db import Store

# Not tuned on a labelled set yet (no cross-document gold exists); chosen on
# the seeds: reports of one attack differ by a day across time zones, and an
# article cites events of the past month by its own date.
DATE_SLACK_DAYS = 1
PUBLICATION_WINDOW_DAYS = 30
EVIDENCE_MIN_SIMILARITY = 0.3
# A party's denial and the claim it denies, told with one verb or noun
# (``contests``). On the whole 2017 store (session 8) the pairs of two articles
# this lets join at 0.2-0.3 are the White House denying its spokesman accused
# Britain, Scottish ministers denying talks May says were held, and Flynn's and
# Pence's denials against later reports that he discussed sanctions.
DENIAL_MIN_SIMILARITY = 0.2
TRIGGER_STEM_CHARS = 5
# How far (in sentences) a telling of a meeting that names nobody reaches, within
# its document, to one that names who met (``_names_people_apart``).
PEOPLE_REFERENCE_SENTENCES = 1
# Added to the word overlap when two events count the same item ("missiles and
# drones") or give the same day.
SHARED_ITEM_BONUS = 0.25
SAME_DAY_BONUS = 0.25
MIN_WORD_CHARS = 3

_WORD = re.compile(r"[a-z][a-z'-]+")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    # spaCy's English list (a dependency already); imported late because
    # importing spaCy costs a second that queries do not need.
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def singular(word: str) -> str:
    """A crude singular, enough to match items: drones -> drone, militias -> militia."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def content_words(text: str) -> frozenset[str]:
    """Lowercase, singular content words of a text (no stop words or short words)."""
    stop = _stop_words()
    return frozenset(
        singular(w)
        for w in _WORD.findall(text.lower())
        if len(w) >= MIN_WORD_CHARS and w not in stop
    )


def item_kind(item: str | None) -> frozenset[str]:
    """The content words of a quantity's item: what is being counted."""
    return content_words(item) if item else frozenset()


def same_item(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two items count the same things: one's words within the other's, or most shared."""
    if not a or not b:
        return False
    return a <= b or b <= a or len(a & b) * 2 >= len(a | b)


# -- dates ---------------------------------------------------------------------


def period_bounds(value: str | None) -> tuple[date, date] | None:
    """First and last day of an ISO date at any precision (2024, 2024-04, 2024-04-13)."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value[:10].split("-")]
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
        day = date(parts[0], parts[1], parts[2])
    except (ValueError, IndexError):
        return None
    return day, day


def date_window(
    start: str | None, end: str | None, basis: str | None, published: str | None
) -> tuple[date | None, date | None]:
    """The days in which an event can have happened (see the module docstring, 2)."""
    bounds = period_bounds(start)
    if bounds is None:
        basis, bounds = "publication", period_bounds(published)
    if bounds is None:
        return None, None
    low, high = bounds
    end_bounds = period_bounds(end)
    if end_bounds is not None:
        high = max(high, end_bounds[1])
    back = PUBLICATION_WINDOW_DAYS if basis != "text" else DATE_SLACK_DAYS
    return low - timedelta(days=back), high + timedelta(days=DATE_SLACK_DAYS)


def windows_overlap(a: EventRow, b: EventRow) -> bool:
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        return True
    return a.lo <= b.hi and b.lo <= a.hi


# -- event rows ----------------------------------------------------------------


@dataclass(slots=True)
class EventRow:
    """An event with what clustering needs: its attributes, document and map view."""

    id: str
    doc_id: str
    sentence: int
    type: str
    mode: str | None
    score: float | None
    actor: list[ActorRef]
    recipient: list[ActorRef]
    date_start: str | None
    date_end: str | None
    date_precision: str | None
    date_basis: str | None
    certainty: str
    polarity: str
    tense: str
    attributed_to: dict[str, Any] | None
    quantities: list[dict[str, Any]]
    sentence_text: str
    trigger: str
    outlet: str | None
    published: str | None
    published_date: date | None
    family: str = ""
    block: str = ""
    actor_nodes: list[str] = field(default_factory=list)
    recipient_nodes: list[str] = field(default_factory=list)
    refers_to: str | None = None
    lo: date | None = None
    hi: date | None = None
    date_text: str | None = None  # the words the date was read from ("Oct. 23", "last week")
    trigger_at: int | None = None  # where the trigger starts in its sentence (characters)
    # The words its sentence names each side's actor with ("US state" for USA), by
    # actor id, and the places it names; read only for the rules that need them
    # (evidence.attach_names).
    side_names: dict[str, list[str]] | None = None
    places: list[str] | None = None
    # The people named on each side, by map node, for the families whose event is
    # who took part (``attach_people``); None when not read.
    people: dict[str, frozenset[str]] | None = None
    # Of a family told by what it charges (an accusation): two tellings of one
    # document are one only when alike (``are_compatible``); set by ``attach_people``.
    by_charge: bool = False
    _words: frozenset[str] | None = None
    _items: list[frozenset[str]] | None = None

    @property
    def words(self) -> frozenset[str]:
        if self._words is None:
            self._words = content_words(self.sentence_text)
        return self._words

    @property
    def items(self) -> list[frozenset[str]]:
        if self._items is None:
            # counted items: a transfer's uncounted item ("weapons") is too common
            # to tell two events apart by (``evidence_similarity``)
            self._items = [
                k
                for q in self.quantities
                if q.get("value") is not None and (k := item_kind(q.get("item")))
            ]
        return self._items

    @property
    def source(self) -> str:
        """The independent source behind it: the outlet, or the document when none is known."""
        return self.outlet or f"doc:{self.doc_id}"


EVENT_COLUMNS = (
    "e.id, e.doc_id, e.sentence, e.type, e.mode, e.score, e.actor, e.recipient, "
    "e.date_start, e.date_end, e.date_precision, e.date_basis, e.certainty, e.polarity, "
    "e.tense, e.attributed_to, e.quantities, e.sentence_text, e.trigger, d.outlet, "
    "d.published, d.published_date, e.date_text, "
    "e.trigger_start - e.sentence_start AS trigger_at"
)
NODE_COLUMNS = "n.family, n.block, n.actor_nodes, n.recipient_nodes, n.refers_to, n.lo, n.hi"


def _refs(raw: str | None) -> list[ActorRef]:
    return [
        ActorRef(
            name=r.get("name") or "",
            country=r.get("country"),
            sector=r.get("sector"),
            actor_id=r.get("actor_id"),
            wikidata=r.get("wikidata"),
        )
        for r in json.loads(raw or "[]")
    ]


def event_row(row: dict[str, Any]) -> EventRow:
    """An EventRow from a row of EVENT_COLUMNS (plus NODE_COLUMNS when joined)."""
    event = EventRow(
        id=row["id"],
        doc_id=row["doc_id"],
        sentence=row["sentence"],
        type=row["type"],
        mode=row["mode"],
        score=row["score"],
        actor=_refs(row["actor"]),
        recipient=_refs(row["recipient"]),
        date_start=row["date_start"],
        date_end=row["date_end"],
        date_precision=row["date_precision"],
        date_basis=row["date_basis"],
        certainty=row["certainty"],
        polarity=row["polarity"],
        tense=row["tense"],
        attributed_to=json.loads(row["attributed_to"]) if row["attributed_to"] else None,
        quantities=json.loads(row["quantities"] or "[]"),
        sentence_text=row["sentence_text"],
        trigger=row["trigger"],
        outlet=row["outlet"],
        published=row["published"],
        published_date=row["published_date"],
        date_text=row.get("date_text"),
        trigger_at=row.get("trigger_at"),
    )
    if "block" in row:
        event.family, event.block = row["family"], row["block"]
        event.actor_nodes, event.recipient_nodes = (
            list(row["actor_nodes"]),
            list(row["recipient_nodes"]),
        )
        event.refers_to, event.lo, event.hi = row["refers_to"], row["lo"], row["hi"]
    return event


def load_document_events(store: Store, doc_ids: Iterable[str]) -> list[EventRow]:
    """Every event of these documents, without their map view."""
    rows = store.records(
        f"SELECT {EVENT_COLUMNS} FROM events e JOIN documents d ON d.id = e.doc_id "
        "WHERE e.doc_id IN (SELECT unnest(?)) ORDER BY e.doc_id, e.sentence, e.id",
        [sorted(set(doc_ids))],
    )
    return [event_row(r) for r in rows]


def load_events(store: Store, event_ids: Iterable[str]) -> list[EventRow]:
    """Events with their map view, by id."""
    rows = store.records(
        f"SELECT {EVENT_COLUMNS}, {NODE_COLUMNS} FROM event_nodes n "
        "JOIN events e ON e.id = n.event_id JOIN documents d ON d.id = e.doc_id "
        "WHERE n.event_id IN (SELECT unnest(?))",
        [sorted(set(event_ids))],
    )
    return [event_row(r) for r in rows]


def load_block_candidates(
    store: Store, windows: dict[str, tuple[date | None, date | None]]
) -> dict[str, list[EventRow]]:
    """For each block, its events whose windows can overlap the block's [low, high]
    (all of the block's events when that window is unbounded), in one query."""
    if not windows:
        return {}
    blocks = sorted(windows)
    rows = store.records(
        f"SELECT {EVENT_COLUMNS}, {NODE_COLUMNS} FROM event_nodes n "
        "JOIN (SELECT unnest(?) AS block, unnest(?) AS low, unnest(?) AS high) w "
        "ON n.block = w.block "
        "AND (n.lo IS NULL OR w.low IS NULL OR w.high IS NULL OR (n.lo <= w.high AND n.hi >= w.low)) "
        "JOIN events e ON e.id = n.event_id JOIN documents d ON d.id = e.doc_id",
        [blocks, [windows[b][0] for b in blocks], [windows[b][1] for b in blocks]],
    )
    found: dict[str, list[EventRow]] = {}
    for row in rows:
        event = event_row(row)
        found.setdefault(event.block, []).append(event)
    return found


# -- map view ------------------------------------------------------------------


def block_key(family: str, actors: list[str], recipients: list[str], symmetric: bool) -> str:
    if symmetric:
        return f"{family}|{'+'.join(sorted(set(actors) | set(recipients)))}"
    return f"{family}|{'+'.join(actors)}>{'+'.join(recipients)}"


def _referent(event: EventRow, document_events: list[EventRow]) -> EventRow | None:
    """The nearest complete event of the same family whose known sides agree."""
    fits = [
        other
        for other in document_events
        if other is not event
        and other.family == event.family
        and other.actor_nodes
        and other.recipient_nodes
        and set(event.actor_nodes) <= set(other.actor_nodes)
        and set(event.recipient_nodes) <= set(other.recipient_nodes)
    ]
    if not fits:
        return None
    # Prefer what came before (a mention refers back), then the closest sentence.
    return min(
        fits,
        key=lambda o: (o.sentence > event.sentence, abs(o.sentence - event.sentence), o.id),
    )


def assign_map_view(
    events: list[EventRow], index: ActorIndex, knowledge: MapKnowledge
) -> list[EventRow]:
    """Set family, nodes, block and window on the events of whole documents (in place)."""
    for event in events:
        event.family = knowledge.family(event.type)
        event.actor_nodes = nodes_of(event.actor, index, knowledge)
        event.recipient_nodes = nodes_of(event.recipient, index, knowledge)
        event.refers_to = None
        event.lo, event.hi = date_window(
            event.date_start, event.date_end, event.date_basis, event.published
        )
    by_doc: dict[str, list[EventRow]] = {}
    for event in events:
        by_doc.setdefault(event.doc_id, []).append(event)
    for document_events in by_doc.values():
        # Referents are chosen among the events as extracted, before any
        # borrowing, so the choice does not depend on the order of the loop.
        borrowed = {}
        for event in document_events:
            if not (event.actor_nodes and event.recipient_nodes):
                referent = _referent(event, document_events)
                if referent is not None:
                    borrowed[event.id] = referent
        for event in document_events:
            symmetric = knowledge.is_symmetric_family(event.family)
            referent = borrowed.get(event.id)
            if referent is not None:
                event.refers_to = referent.id
                event.actor_nodes = list(referent.actor_nodes)
                event.recipient_nodes = list(referent.recipient_nodes)
            if not event.actor_nodes and not event.recipient_nodes:
                # Nothing to place it on the map: it stays within its document.
                event.block = f"{event.family}|doc:{event.doc_id}"
            else:
                event.block = block_key(
                    event.family, event.actor_nodes, event.recipient_nodes, symmetric
                )
    return events


# -- compatibility --------------------------------------------------------------


def evidence_similarity(a: EventRow, b: EventRow) -> float:
    """Word overlap of two events' sentences, plus bonuses for a shared item or day."""
    union = a.words | b.words
    score = len(a.words & b.words) / len(union) if union else 0.0
    if any(same_item(x, y) for x in a.items for y in b.items):
        score += SHARED_ITEM_BONUS
    if (
        a.date_basis == b.date_basis == "text"
        and a.date_precision == b.date_precision == "day"
        and a.date_start == b.date_start
    ):
        score += SAME_DAY_BONUS
    return score


def are_compatible(a: EventRow, b: EventRow) -> bool:
    """Whether two events of one block are the same real-world event (module docstring)."""
    if a.tense != b.tense or not windows_overlap(a, b) or people_differ(a, b):
        return False
    if a.doc_id == b.doc_id:
        if a.by_charge and not (_denies_nearby(a, b) or are_alike(a, b)):
            # one article's "He blamed Obama for founding ISIS" and "He blamed Hillary
            # Clinton for founding the birther movement": two charges, two events
            return False
        return not counts_differ(a, b) and not _names_people_apart(a, b)
    return are_alike(a, b)


def _contested(event: EventRow) -> bool:
    """A telling that denies or disputes its event, or says it did not happen."""
    return event.certainty in ("denied", "disputed") or event.polarity == "negative"


def _denies_nearby(a: EventRow, b: EventRow) -> bool:
    """One of two tellings of a charge in one article denies it, a few sentences
    after or before the other: a denial is in its own words ("A British public
    inquiry found two former Russian agents responsible" ... "The Russian Foreign
    Ministry dismissed the UK inquiry as politically motivated", two sentences on),
    and refers to the charge next to it, not to every charge of the article."""
    return (_contested(a) or _contested(b)) and abs(
        a.sentence - b.sentence
    ) <= DENIAL_REFERENCE_SENTENCES


# How far a denial of a charge stands from the charge it denies (see _denies_nearby).
DENIAL_REFERENCE_SENTENCES = 2


def _names_people_apart(a: EventRow, b: EventRow) -> bool:
    """One of two events of one document names who took part and the other names
    nobody, far apart in it and told in other words: an article on one story
    tells several meetings of one pair of states ("Flynn discussed the
    sanctions with the ambassador on that call" ... "But he denied having
    meetings with Russian operatives", Sessions), and a telling that names
    nobody joins the one it stands next to, not every meeting of the article
    (a cluster chaining two people's meetings is two events: issue 14)."""
    if a.people is None or b.people is None or bool(a.people) == bool(b.people):
        return False
    return abs(a.sentence - b.sentence) > PEOPLE_REFERENCE_SENTENCES and not are_alike(a, b)


def are_alike(a: EventRow, b: EventRow) -> bool:
    """Whether two tellings' evidence is alike enough to be one event: their word
    overlap reaches ``EVIDENCE_MIN_SIMILARITY``, or ``DENIAL_MIN_SIMILARITY`` when
    one says it did not happen and the other that it did with the same word
    ("the White House said Spicer had not accused Britain of spying" against
    "Spicer also accused British intelligence of tapping Trump's calls"): a
    denial is short and in its own words, so it repeats less of the claim than
    two tellings of the claim repeat of each other."""
    across = a.doc_id != b.doc_id  # one article's denial and claim are joined by its block
    needed = (
        DENIAL_MIN_SIMILARITY
        if across and (contests(a, b) or contests(b, a))
        else EVIDENCE_MIN_SIMILARITY
    )
    return evidence_similarity(a, b) >= needed


def contests(denial: EventRow, claim: EventRow) -> bool:
    """``denial`` is a party to the event saying it did not happen (denied or
    disputed, or negated in its words: the White House says its spokesman "had
    not accused Britain"), and ``claim`` tells it with the same verb or noun."""
    contested = denial.certainty in ("denied", "disputed") or (
        denial.polarity == "negative" and denial.attributed_to is not None
    )
    return (
        contested
        and _by_a_party(denial)
        and claim.polarity == "positive"
        and claim.certainty in ("asserted", "reported", "alleged")
        and _stem(denial.trigger) == _stem(claim.trigger) != ""
    )


def _by_a_party(event: EventRow) -> bool:
    """Its source is one of its sides (its state, or the actor itself): one denies
    what is said of oneself ("Sessions: I never met ..."; "Scottish ministers say
    there have been no discussions with the UK government")."""
    source = event.attributed_to or {}
    sides = {*event.actor_nodes, *event.recipient_nodes}
    return bool({source.get("country"), source.get("actor_id")} & sides)


def _stem(trigger: str) -> str:
    """A trigger's first word, cut to a stem that its inflections share
    ("accused", "accusing", "accuses": "accus")."""
    words = trigger.lower().split()
    return words[0][:TRIGGER_STEM_CHARS] if words else ""


def people_differ(a: EventRow, b: EventRow) -> bool:
    """Two tellings of a meeting name different people for one side: "Sessions met
    Kislyak" and "Flynn discussed sanctions with Kislyak" are two meetings of the
    United States and Russia. A side either leaves unnamed (a state, "officials")
    tells nothing against the other."""
    if not a.people or not b.people:
        return False
    return any(
        a.people[node].isdisjoint(b.people[node]) for node in a.people.keys() & b.people.keys()
    )


def attach_people(events: Iterable[EventRow], index: ActorIndex, knowledge: MapKnowledge) -> None:
    """Set ``people`` on events of the participant families (relations.yaml):
    each person a side names (canonical id), under the map node it acts for; and
    ``by_charge`` on events of the charge families."""
    for event in events:
        event.by_charge = event.family in knowledge.charge_families
        if event.family not in knowledge.participant_families:
            event.people = {}
            continue
        people: dict[str, set[str]] = {}
        for ref in (*event.actor, *event.recipient):
            actor = index.get(ref.actor_id)
            if actor is None or actor.kind != "person":
                continue
            node = map_node(ref, index, knowledge)
            if node is not None:
                people.setdefault(node, set()).add(actor.id)
        event.people = {node: frozenset(ids) for node, ids in people.items()}


def counts_differ(a: EventRow, b: EventRow) -> bool:
    """Both count the same kind of item, with different numbers."""
    for qa in a.quantities:
        for qb in b.quantities:
            if (
                qa.get("value") is not None
                and qb.get("value") is not None
                and float(qa["value"]) != float(qb["value"])
                and same_item(item_kind(qa.get("item")), item_kind(qb.get("item")))
            ):
                return True
    return False
