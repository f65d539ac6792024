"""An event's confidence: the estimated chance that a reader judges it right.

"Right" is what the read-precision readings of issue 13 count as right: the type
is a fair PLOVER reading of the sentence and nothing the event states is wrong
(actor, recipient, polarity, tense, certainty, attribution, date); a side left
out is not wrong. The estimate is a small logistic model over general features
of the event (its type, its sides' kinds, the clause it sits in, its date's
basis, the document's political relevance), never over a sentence's words. Its
weights were fitted on hand-read events (``bench/fit_confidence.py``) and live in
``data/confidence.tsv`` with the number of training events that had each
feature, so an area expert can read and question them.

Events below the model's floor are kept as candidates: the store writes them to
``event_candidates`` instead of ``events`` (``entente.store.write``), so the map,
``entente events`` and the default exports leave them out and nothing is lost.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from spacy.tokens import Token

from entente.errors import DataFileError
from entente.records import Actor, ActorRef, Event

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "confidence.tsv"

# Dependency labels of a trigger, grouped by the clause they put it in. A label
# not listed is "other".
CLAUSE_OF_DEP = {
    "ROOT": "main",
    "ccomp": "reported",
    "xcomp": "infinitive",
    "relcl": "relative",
    "acl": "relative",
    "advcl": "adverbial",
    "pcomp": "prepositional",
    "pobj": "prepositional",
    "dobj": "object",
    "nsubj": "subject",
    "nsubjpass": "subject",
    "conj": "coordinated",
    "compound": "modifier",
    "amod": "modifier",
    "poss": "modifier",
}
# Quotation marks that open or close a quotation (straight and curly).
QUOTE_MARKS = frozenset({'"', "“", "”", "«", "»"})
# A sentence this long (in characters) is mostly two fused by the splitter or a
# pasted run of text: its parse and sides are unreliable.
LONG_SENTENCE_CHARS = 300
# Side kinds (``side_kind``) of a political actor: a state, its organs, an IGO,
# an armed group or a party or politician.
POLITICAL_KINDS = frozenset({"state", "organ", "igo", "armed", "party", "politics"})
# Trigger depths beyond this count as this one.
MAX_DEPTH = 3
# Sides' kinds as the features name them: an actor's registry kind, grouped.
SIDE_KINDS = {
    "state": "state",
    "igo": "igo",
    "armed-group": "armed",
    "movement": "group",
    "party": "party",
    "government-body": "organ",
    "organisation": "organisation",
    "ngo": "organisation",
    "group": "group",
    "person": "person",
    "company": "private",
    "media": "private",
}
# Sectors of a state's organs and of politics: a side acting in one of these is
# an organ or a politician whatever its kind.
ORGAN_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
POLITICS_SECTORS = frozenset({"PTY", "ELI", "OPP", "REB"})


@dataclass(frozen=True, slots=True)
class ConfidenceModel:
    """A fitted logistic model: ``bias`` plus the weight of each feature present
    (a continuous feature is multiplied by its value), and the floor below
    which an event is a candidate. ``neutral_relevance`` is what a document too
    short to tell is taken to have. An event of a document whose political
    relevance is under ``low_relevance`` must reach ``low_relevance_floor``
    instead (when that is the higher): the weight the fit gives relevance is
    small, yet few events of such documents read right."""

    bias: float
    weights: dict[str, float] = field(default_factory=dict)
    floor: float = 0.0
    neutral_relevance: float = 0.0
    low_relevance: float = 0.0
    low_relevance_floor: float = 0.0

    def probability(self, features: dict[str, float]) -> float:
        score = self.bias + sum(self.weights.get(n, 0.0) * v for n, v in features.items())
        return 1.0 / (1.0 + math.exp(-score))

    def floor_for(self, relevance: float | None) -> float:
        """The floor an event must reach in a document of this political
        relevance (None: too short to tell, so the ordinary floor)."""
        if relevance is not None and relevance < self.low_relevance:
            return max(self.floor, self.low_relevance_floor)
        return self.floor

    def weakest(self, features: dict[str, float], count: int = 3) -> list[str]:
        """The features that lowered the estimate most, most first."""
        pulls = [(self.weights.get(n, 0.0) * v, n) for n, v in features.items()]
        return [n for w, n in sorted(pulls) if w < 0][:count]


def load_confidence_model(path: Path | None = None) -> ConfidenceModel:
    """Read ``confidence.tsv``: rows of ``feature<TAB>weight<TAB>events<TAB>comment``;
    the rows ``bias``, ``floor``, ``neutral_relevance``, ``low_relevance`` and
    ``low_relevance_floor`` are the model's constants.

    Raises DataFileError(path, line, problem) for a bad row.
    """
    path = path or DATA_FILE
    weights: dict[str, float] = {}
    constants = dict.fromkeys(
        ("bias", "floor", "neutral_relevance", "low_relevance", "low_relevance_floor"), 0.0
    )
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2:
            raise DataFileError(path, number, "expected feature<TAB>weight")
        try:
            value = float(cells[1])
        except ValueError as exc:
            raise DataFileError(path, number, f"weight {cells[1]!r} is not a number") from exc
        if cells[0] in constants:
            constants[cells[0]] = value
        else:
            weights[cells[0]] = value
    return ConfidenceModel(weights=weights, **constants)


@cache
def default_model() -> ConfidenceModel:
    """The shipped model (``data/confidence.tsv``), read once per process."""
    return load_confidence_model()


def side_kind(refs: list[ActorRef], names: dict[str, Actor]) -> str:
    """What the first side of a list is, as a feature names it: ``none``, ``organ``
    (acting in a state sector), ``politics``, the registry kind grouped
    (``SIDE_KINDS``), or ``unresolved`` (a name the registry does not know)."""
    if not refs:
        return "none"
    ref = refs[0]
    actor = names.get(ref.actor_id) if ref.actor_id else None
    if actor is not None and actor.kind == "state":
        return "state"
    if ref.sector in ORGAN_SECTORS:
        return "organ"
    if ref.sector in POLITICS_SECTORS:
        return "politics"
    if actor is None:
        return "place" if ref.country and not ref.sector else "unresolved"
    return SIDE_KINDS.get(actor.kind, "other")


def _quoted(sentence: str, offset: int) -> bool:
    """Is the character at ``offset`` inside a quotation of its sentence?"""
    return sum(1 for ch in sentence[: max(offset, 0)] if ch in QUOTE_MARKS) % 2 == 1


def event_features(
    event: Event,
    trigger: Token | None,
    relevance: float | None,
    names: dict[str, Actor],
    published_year: int | None = None,
    neutral_relevance: float = 0.0,
    political_in_sentence: int | None = None,
) -> dict[str, float]:
    """The features of one event, name to value (1.0 for a feature present).

    ``trigger`` is the trigger's head token in the parse (None: its syntax is
    not read); ``relevance`` the document's political relevance, None for a
    document too short to tell (taken as ``neutral_relevance``, so no penalty);
    ``political_in_sentence`` how many mentions of political actors its
    sentence has (None: not counted).
    """
    features: dict[str, float] = {f"type:{event.type}": 1.0}
    actor, recipient = side_kind(event.actor, names), side_kind(event.recipient, names)
    features[f"actor:{actor}"] = 1.0
    features[f"recipient:{recipient}"] = 1.0
    countries = {r.country for r in event.actor if r.country}
    others = {r.country for r in event.recipient if r.country}
    if countries and others and not countries & others:
        features["sides:two-states"] = 1.0
    if (
        event.actor
        and event.recipient
        and {r.name for r in event.actor} & {r.name for r in event.recipient}
    ):
        features["sides:same-on-both"] = 1.0
    if event.polarity == "negative":
        features["negative"] = 1.0
    if event.tense != "actual":
        features[f"tense:{event.tense}"] = 1.0
    if event.certainty != "asserted":
        features[f"certainty:{event.certainty}"] = 1.0
    features[f"date:{event.date.basis}"] = 1.0
    if (
        event.date.basis == "text"
        and event.date.start
        and published_year
        and event.date.start[:4].isdigit()
        and int(event.date.start[:4]) < published_year
    ):
        features["date:earlier-year"] = 1.0
    if any(q.value is not None for q in event.quantities):
        # counts; a transfer's uncounted item (what it moves) was not in the fit
        features["quantities"] = 1.0
    sentence = event.evidence.sentence
    if "?" in sentence:
        features["sentence:question"] = 1.0
    if _quoted(sentence, event.evidence.trigger_start - event.evidence.start):
        features["sentence:quoted"] = 1.0
    if len(sentence) > LONG_SENTENCE_CHARS:
        features["sentence:long"] = 1.0
    if sentence.rstrip()[-1:] not in (".", "!", "?", '"', "”", "'", "’", ")"):
        features["sentence:unfinished"] = 1.0
    if not event.actor and not event.recipient:
        features["sides:none"] = 1.0
    political = sum(kind in POLITICAL_KINDS for kind in (actor, recipient))
    features[f"sides:political-{political}"] = 1.0
    if political_in_sentence is not None:
        features[f"sentence:political-mentions-{min(political_in_sentence, 2)}"] = 1.0
    if trigger is not None:
        # how deep the trigger sits in its sentence: 0 is the main verb
        depth, above = 0, trigger
        while above.head.i != above.i and depth < MAX_DEPTH:
            above, depth = above.head, depth + 1
        features[f"trigger:depth-{depth}"] = 1.0
        nominal = trigger.pos_ in ("NOUN", "PROPN")
        features["trigger:nominal" if nominal else "trigger:verbal"] = 1.0
        features[f"clause:{CLAUSE_OF_DEP.get(trigger.dep_, 'other')}"] = 1.0
        if not nominal and trigger.tag_ in ("VBZ", "VBP"):
            features["trigger:present-simple"] = 1.0
    share = neutral_relevance if relevance is None else relevance
    features["document:relevance"] = share - neutral_relevance
    return features


def confidence_of(features: dict[str, float], model: ConfidenceModel) -> float:
    """The model's estimate, rounded to two places as events store it."""
    return round(model.probability(features), 2)


def candidate_reason(
    features: dict[str, float], model: ConfidenceModel, relevance: float | None = None
) -> str | None:
    """Why an event is a candidate: the floor it missed (the higher one of a
    document of low political relevance, named as such) and what lowered its
    estimate most; None when it reaches the floor."""
    floor = model.floor_for(relevance)
    if confidence_of(features, model) >= floor:
        return None
    weakest = ", ".join(model.weakest(features)) or "no single feature"
    if floor > model.floor:
        return (
            f"confidence below {floor:.2f} in a document of low political relevance "
            f"({relevance:.2f}); lowered most by {weakest}"
        )
    return f"confidence below {floor:.2f}; lowered most by {weakest}"
