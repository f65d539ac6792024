"""The knowledge the map is built from, loaded and checked once.

Three data files: ``data/relations.yaml`` (map nodes, type families, relation
rules, the evidence rules' words, strength weights), ``data/lexicons/military_goods.txt`` (what makes an
AID military) and ``data/plover.yaml`` (each type's quad class and score, the
same file the event extractor reads). Nothing here is code an analyst must
change: a new relation kind or weapon is a line of data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from entente.errors import DataFileError

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
QUADS = ("verbal-coop", "material-coop", "verbal-conflict", "material-conflict")
REQUIREMENTS = frozenset({"military_goods", "treaty"})
TARGETS = frozenset({"any", "non-state"})


@dataclass(frozen=True, slots=True)
class RelationRule:
    """Clusters of these types (meeting ``requires``) support a relation of ``kind``."""

    kind: str
    types: frozenset[str]
    requires: str | None = None
    # clusters with this mark support no relation of this rule ("treaty": signing
    # an agreement with an organisation is a partnership, not backing it)
    excludes: str | None = None
    target: str = "any"
    symmetric: bool = False
    # Fewer clusters than this (under this rule) make no relation: one criticism
    # is no standing relation.
    min_clusters: int = 1


@dataclass(frozen=True, slots=True)
class MapKnowledge:
    """Everything consolidation reads; see the module docstring for the files."""

    own_kinds: frozenset[str]
    own_sectors: frozenset[str]
    type_families: dict[str, str]
    symmetric_families: frozenset[str]
    rules: tuple[RelationRule, ...]
    backers_kind: str
    treaty_words: frozenset[str]
    military_goods: tuple[str, ...]
    certainty_weight: dict[str, float]
    backer_document_weight: float
    # whether a telling that took its sides from another telling of its article
    # counts towards a relation (evidence rule "sides"; relations.yaml
    # evidence.borrowed_sides, required: its one declaration is the data file's)
    borrowed_sides: bool
    # the default view: a relation of fewer events, none told twice, is hidden
    # (query.map.corroborated_sql; relations.yaml corroboration.min_clusters, required)
    corroboration_min_clusters: int
    quads: dict[str, str] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    _military_re: re.Pattern[str] | None = None
    # evidence rules (consolidate/evidence.py) and relation nodes
    accident_re: re.Pattern[str] | None = None
    past_re: re.Pattern[str] | None = None
    # an act of these types dated by its text this many days or more before its
    # article was published is history, not the state of affairs (rule "current")
    history_types: frozenset[str] = frozenset()
    history_days: int = 365
    ongoing_re: re.Pattern[str] | None = None
    # "agreed with X" as a view shared, not an agreement (rule "agreement")
    concurrence_re: re.Pattern[str] | None = None
    concurrence_types: frozenset[str] = frozenset()
    agreement_re: re.Pattern[str] | None = None
    # a trigger that voices an attitude (praise, thanks), no act (rule "act")
    expressive_re: re.Pattern[str] | None = None
    expressive_types: frozenset[str] = frozenset()
    individual_nouns: frozenset[str] = frozenset()
    # after a state's only written names, make the side where or whom, not the state
    # ("the Syrian city of Deraa", "an American tourist"): evidence rule "political"
    written_place_nouns: frozenset[str] = frozenset()
    # after a state's own name (not its demonym), make it where an event happened
    # ("the Yemen raid"): evidence rule "political"
    written_event_nouns: frozenset[str] = frozenset()
    # an intent told, not an act done (evidence.is_intent), for these types
    intent_re: re.Pattern[str] | None = None
    intent_types: frozenset[str] = frozenset()
    # a possibility or a future told, not an act done (evidence rule "happened"),
    # for every type but these (a threat tells a future act and is itself done)
    forecast_re: re.Pattern[str] | None = None
    forecast_exempt_types: frozenset[str] = frozenset()
    # sectors of a population, not a political actor (evidence rule "political")
    population_sectors: frozenset[str] = frozenset()
    # a call for an act ("X should resign"), no claim that it happened (evidence.is_call)
    call_re: re.Pattern[str] | None = None
    # words sent as if goods (evidence rule "material")
    word_gift_re: re.Pattern[str] | None = None
    word_gift_types: frozenset[str] = frozenset()
    # doers that make a transfer military aid (evidence.is_military_transfer)
    personnel_re: re.Pattern[str] | None = None
    # counts that tell no single occurrence (clusters.is_occurrence_count)
    vague_count_words: frozenset[str] = frozenset()
    running_total_re: re.Pattern[str] | None = None
    increment_words: frozenset[str] = frozenset()
    version_words: frozenset[str] = frozenset()
    not_relation_kinds: frozenset[str] = frozenset()
    # relation kinds never between a state and an actor of its own country
    not_within_one_state: frozenset[str] = frozenset()
    # families whose event is who took part (a meeting): consolidate.blocks.people_differ
    participant_families: frozenset[str] = frozenset()
    # families told by what they charge: consolidate.blocks.are_compatible
    charge_families: frozenset[str] = frozenset()
    # a dismissal of an act rejects it, it does not deny it happened (conflicts)
    dismissal_cues: frozenset[str] = frozenset()
    # relation kinds the default view shows on one event (query.map.corroborated_sql)
    single_event_kinds: frozenset[str] = frozenset()

    def family(self, event_type: str) -> str:
        """The type family: types that can name the same real-world event."""
        return self.type_families.get(event_type, event_type)

    def is_symmetric_family(self, family: str) -> bool:
        return family in self.symmetric_families

    def names_military_goods(self, text: str) -> bool:
        """Whether ``text`` names a weapon, munition, military training or personnel."""
        return bool(self._military_re and self._military_re.search(text.lower()))

    def names_treaty(self, words: set[str]) -> bool:
        return bool(words & self.treaty_words)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(path, None, f"cannot read YAML ({exc})") from exc


def _read_words(path: Path) -> tuple[str, ...]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(path, None, f"cannot read ({exc})") from exc
    words = []
    for number, line in enumerate(lines, 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        if text != text.lower():
            raise DataFileError(path, number, f"{text!r}: write entries in lowercase")
        words.append(text)
    return tuple(words)


def _military_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    # Longest first so that "ballistic missile" wins over "missile"; a plural
    # s/es is allowed on the last word.
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?:e?s)?(?![\w-])")


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    """Lowercase words or phrases, matched whole (longest first)."""
    if not phrases:
        return None
    alternatives = "|".join(
        re.escape(str(p).lower()) for p in sorted(phrases, key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _cue_pattern(cues: list[str]) -> re.Pattern[str] | None:
    """Lowercase cue words or phrases, matched whole; a one-word cue also in its
    verb and noun forms ("pledge": pledges, pledged, pledging; "plan": planned)."""
    if not cues:
        return None
    forms = []
    for cue in sorted((str(c).lower() for c in cues), key=len, reverse=True):
        if " " in cue:
            forms.append(re.escape(cue))
        elif cue.endswith("e"):
            forms.append(re.escape(cue[:-1]) + "(?:e|es|ed|ing)")
        else:
            forms.append(re.escape(cue) + f"(?:{re.escape(cue[-1])}?(?:s|es|ed|ing))?")
    return re.compile(rf"(?<![\w-])(?:{'|'.join(forms)})(?![\w-])")


def _concurrence_pattern(verbs: list[str]) -> re.Pattern[str] | None:
    """A trigger of one of these verb forms followed by "with": "agreed with",
    "agrees with" (the words after it are read by evidence.is_concurrence)."""
    cue = _phrase_pattern(verbs)
    return re.compile(rf"^(?:{cue.pattern})\s+with\b") if cue else None


def _rules(path: Path, raw: Any) -> tuple[RelationRule, ...]:
    if not isinstance(raw, list):
        raise DataFileError(path, None, "relations: expected a list of rules")
    rules = []
    for index, spec in enumerate(raw):
        where = f"relations[{index}]"
        if not isinstance(spec, dict) or "kind" not in spec or "types" not in spec:
            raise DataFileError(path, None, f"{where}: a rule needs kind and types")
        requires, excludes = spec.get("requires"), spec.get("excludes")
        for field_name, value in (("requires", requires), ("excludes", excludes)):
            if value is not None and value not in REQUIREMENTS:
                raise DataFileError(
                    path,
                    None,
                    f"{where}: {field_name} {value!r} is not one of {sorted(REQUIREMENTS)}",
                )
        target = spec.get("target", "any")
        if target not in TARGETS:
            raise DataFileError(
                path, None, f"{where}: target {target!r} is not one of {sorted(TARGETS)}"
            )
        rules.append(
            RelationRule(
                kind=str(spec["kind"]),
                types=frozenset(spec["types"]),
                requires=requires,
                excludes=excludes,
                target=target,
                symmetric=bool(spec.get("symmetric", False)),
                min_clusters=int(spec.get("min_clusters", 1)),
            )
        )
    return tuple(rules)


def _plover(path: Path) -> tuple[dict[str, str], dict[str, float]]:
    raw = _read_yaml(path)
    if not isinstance(raw, dict):
        raise DataFileError(path, None, "expected a mapping of PLOVER type names")
    quads, scores = {}, {}
    for name, spec in raw.items():
        quad = spec.get("quad") if isinstance(spec, dict) else None
        if quad not in QUADS:
            raise DataFileError(path, None, f"type {name}: quad {quad!r} is not one of {QUADS}")
        quads[name] = quad
        scores[name] = float(spec.get("score", 0))
    return quads, scores


@lru_cache(maxsize=4)
def load_map_knowledge(data_dir: Path = DATA_DIR) -> MapKnowledge:
    """Read and check the map's data files. Raises DataFileError naming the file."""
    path = data_dir / "relations.yaml"
    raw = _read_yaml(path)
    if not isinstance(raw, dict):
        raise DataFileError(path, None, "expected a mapping")
    try:
        nodes = raw["map_nodes"]
        evidence = raw.get("evidence") or {}
        counts = raw.get("counts") or {}
        words = _read_words(data_dir / "lexicons" / "military_goods.txt")
        quads, scores = _plover(data_dir / "plover.yaml")
        knowledge = MapKnowledge(
            own_kinds=frozenset(nodes["own_kinds"]),
            own_sectors=frozenset(nodes["own_sectors"]),
            type_families=dict(raw.get("type_families") or {}),
            symmetric_families=frozenset(raw.get("symmetric_families") or []),
            rules=_rules(path, raw["relations"]),
            backers_kind=str(raw["backers_kind"]),
            treaty_words=frozenset(raw.get("treaty_words") or []),
            military_goods=words,
            certainty_weight={str(k): float(v) for k, v in raw["certainty_weight"].items()},
            backer_document_weight=float(raw["backer_document_weight"]),
            quads=quads,
            scores=scores,
            _military_re=_military_pattern(words),
            accident_re=_phrase_pattern(evidence.get("accident_cues") or []),
            past_re=_phrase_pattern(evidence.get("past_cues") or []),
            history_types=frozenset(evidence.get("history_types") or []),
            history_days=int(evidence.get("history_days", 365)),
            ongoing_re=_phrase_pattern(evidence.get("ongoing_cues") or []),
            concurrence_re=_concurrence_pattern(evidence.get("concurrence_verbs") or []),
            concurrence_types=frozenset(evidence.get("concurrence_types") or []),
            agreement_re=_phrase_pattern(evidence.get("agreement_words") or []),
            expressive_re=_cue_pattern(evidence.get("expressive_verbs") or []),
            expressive_types=frozenset(evidence.get("expressive_types") or []),
            individual_nouns=frozenset(evidence.get("individual_nouns") or []),
            borrowed_sides=bool(evidence["borrowed_sides"]),
            written_place_nouns=frozenset(evidence.get("written_place_nouns") or []),
            written_event_nouns=frozenset(evidence.get("written_event_nouns") or []),
            intent_re=_cue_pattern(evidence.get("intent_cues") or []),
            intent_types=frozenset(evidence.get("intent_types") or []),
            forecast_re=_phrase_pattern(evidence.get("forecast_cues") or []),
            forecast_exempt_types=frozenset(evidence.get("forecast_exempt_types") or []),
            population_sectors=frozenset(evidence.get("population_sectors") or []),
            call_re=_cue_pattern(raw.get("call_cues") or []),
            personnel_re=_cue_pattern(raw.get("military_personnel") or []),
            word_gift_re=_cue_pattern(evidence.get("word_gifts") or []),
            word_gift_types=frozenset(evidence.get("word_gift_types") or []),
            vague_count_words=frozenset(counts.get("vague_words") or []),
            running_total_re=_phrase_pattern(counts.get("running_total_cues") or []),
            increment_words=frozenset(counts.get("increment_words") or []),
            version_words=frozenset(counts.get("version_words") or []),
            not_relation_kinds=frozenset(nodes.get("not_relation_kinds") or []),
            not_within_one_state=frozenset(raw.get("not_within_one_state") or []),
            participant_families=frozenset(raw.get("participant_families") or []),
            charge_families=frozenset(raw.get("charge_families") or []),
            dismissal_cues=frozenset(raw.get("dismissal_cues") or []),
            corroboration_min_clusters=int(raw["corroboration"]["min_clusters"]),
            single_event_kinds=frozenset(raw["corroboration"].get("single_event_kinds") or []),
        )
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise DataFileError(path, None, f"missing or bad entry ({exc!r})") from exc
    return knowledge
