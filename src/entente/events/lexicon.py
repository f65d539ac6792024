"""The trigger lexicon: the PLOVER table and the lexicons, read and checked.

All knowledge lives in ``data/``: ``plover.yaml`` (types, quads, modes, scores),
``lexicons/triggers.tsv`` (words and phrases that state an event),
``lexicons/cues.tsv`` (negation, modality, reporting and hedging cues),
``lexicons/instruments.tsv`` (weapons that set an ASSAULT mode),
``lexicons/numbers.tsv`` (number words), ``lexicons/inert_objects.txt``
(objects that make a trigger verb no event) and ``lexicons/political_actors.tsv``
(the actor kinds and sectors that make an ordinary word a political event). ``load_lexicon`` reads and checks
them once; matching is a hashed lookup on each token's lemma.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from entente.errors import DataFileError

if TYPE_CHECKING:
    from spacy.tokens import Token

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

# what a verb's particle or adverb makes of it as a cue ("looked forward to visiting"
# is a prospect, "went on to defend" was done, "pushed back on reports" denies them):
# cues.tsv's two-word governor and finite cues
PHRASE_DEPS = frozenset({"prt", "advmod"})


def cue_word(verb: Token, *tables: Collection[str]) -> str:
    """The cue key of a verb: its lemma with a particle or adverb where one of
    ``tables`` lists the two ("look forward", "push back"), else its lemma."""
    lemma = verb.lemma_.lower()
    for c in verb.children:
        if c.dep_ in PHRASE_DEPS:
            phrase = f"{lemma} {c.lower_}"
            if any(phrase in table for table in tables):
                return phrase
    return lemma


FRAMES = frozenset({"do", "give", "topic", "light", "absorb"})


CUE_KINDS = frozenset(
    {
        "negate",
        "future",
        "hypothetical",
        "reported",
        "alleged",
        "disputed",
        "denied",
        "actual",
        "cease",
        "presuppose",
        "stance",
    }
)


CUE_SCOPES = frozenset({"modifier", "governor", "sentence", "finite", "speaker", "attributive"})


ANY_POS = frozenset({"VERB", "NOUN", "PROPN", "ADJ", "AUX"})


POS_CLASSES = {"V": frozenset({"VERB", "AUX"}), "N": frozenset({"NOUN", "PROPN"}), "*": None}


@dataclass(frozen=True, slots=True)
class PloverType:
    name: str
    quad: str
    score: float
    symmetric: bool
    recipient_preps: tuple[str, ...]
    modes: dict[str, float | None]
    description: str = ""
    # political on its own: an event even when no actor or recipient is known
    stands_alone: bool = False
    # the modes (None: every mode) for which the place an event happens in stands as
    # its recipient when none is named (CAMEO's convention for domestic events: a
    # riot "in Dhaka"); a meeting "in Doha" is not aimed at Qatar
    place_recipient: bool = True
    place_modes: tuple[str, ...] | None = None
    # force done by somebody: a measure as its doer ("tariffs targeting X") is none
    physical: bool = False
    # the act moves goods (AID): what it moves is stored as an item of the event
    # (events/quantities.transferred_items), for the map to read
    moves_goods: bool = False

    def place_as_recipient(self, mode: str | None) -> bool:
        if self.place_modes is not None:
            return mode in self.place_modes
        return self.place_recipient

    def score_for(self, mode: str | None) -> float:
        value = self.modes.get(mode) if mode else None
        return self.score if value is None else float(value)


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One row of triggers.tsv."""

    lemmas: tuple[str, ...]
    pos: str
    type: str | None
    mode: str | None
    frame: str
    mutual: bool
    preps: tuple[str, ...]
    head: int
    line: int
    # lemmas one of which the head's direct object must have ("upgrade ^tie|relation"):
    # the verb states this event only with such an object
    objects: frozenset[str] = frozenset()
    # "alone", "need", "both", or None for the type's default (PARTY_VALUES)
    party: str | None = None


PARTY_VALUES = frozenset({"alone", "need", "both"})


@dataclass(frozen=True, slots=True)
class Cue:
    lemmas: tuple[str, ...]
    kind: str
    scope: str


FRAME_ROLES = frozenset({"doer", "object", "occasion", "destination"})


@dataclass(frozen=True, slots=True)
class FrameGate:
    """A frame that makes a trigger no political event: a thing of one kind
    (``lemmas``) in ``role`` of a trigger of ``types`` (None: every type)."""

    kind: str
    role: str
    types: frozenset[str] | None
    lemmas: frozenset[str]


@dataclass(slots=True)
class Lexicon:
    """Everything the event coder reads, loaded and checked once."""

    types: dict[str, PloverType]
    # first lemma -> entries starting with it, longest phrase first
    triggers: dict[str, list[TriggerEntry]]
    modifier_cues: dict[str, str] = field(default_factory=dict)
    governor_cues: dict[str, str] = field(default_factory=dict)
    # verbs whose infinitive happened ("managed to sign", "began to shell"): cue kind actual
    implicatives: frozenset[str] = frozenset()
    # verbs whose finite that-clause is a statement, not the act they govern ("warned
    # that X is dangerous" reports X): cue scope finite
    finite_cues: dict[str, str] = field(default_factory=dict)
    # speakers whose "would"/"will" is a forecast ("analysts say X would"): scope speaker
    speaker_cues: dict[str, str] = field(default_factory=dict)
    # adjectives that set an event noun's kind only before it ("the next summit"):
    # scope attributive
    attributive_cues: dict[str, str] = field(default_factory=dict)
    # first lemma -> (lemma tuple, kind), longest first
    sentence_cues: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    instruments: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, tuple[float, str]] = field(default_factory=dict)
    # lemmas of objects that make a trigger verb no event ("released a statement")
    inert_objects: frozenset[str] = frozenset()
    # actor kinds and sectors that make a side political (political_actors.tsv)
    political_kinds: frozenset[str] = frozenset()
    political_sectors: frozenset[str] = frozenset()
    # lemmas of objects that make an ordinary trigger political ("signing of a treaty")
    political_objects: frozenset[str] = frozenset()
    # lemmas of doers that make a trigger no political event ("a cyclone struck",
    # "tourists visited", "passengers shared"): inert_actors.txt
    inert_actors: frozenset[str] = frozenset()
    # verbs (or "verb prep") whose subject undergoes their event-noun object ("faces
    # criticism from X", "came under attack"): undergoing_verbs.txt
    undergoing_verbs: frozenset[str] = frozenset()
    # lemmas of measures and texts that can be no doer of force ("tariffs targeting
    # Canada", "a bill that hits Turkey"): measures.txt, for types marked physical
    measures: frozenset[str] = frozenset()
    # asked type -> REQUEST mode ("called on X to release": yield): request_modes.tsv
    request_modes: dict[str, str] = field(default_factory=dict)
    # modifiers that make an attack verbal ("a scathing attack"): verbal_attack_words.txt
    verbal_attack_words: frozenset[str] = frozenset()
    # verbs whose subject performs their object noun ("declared a ceasefire"):
    # declaring_verbs.txt
    declaring_verbs: frozenset[str] = frozenset()
    # verbs whose passive is others' forecast or timetable ("is expected to visit"):
    # forecast_verbs.txt
    forecast_verbs: frozenset[str] = frozenset()
    # nouns of a standing thing two parties made ("the agreement"): an event only
    # when a verb makes, signs or breaks it (standing_nouns.txt)
    standing_nouns: frozenset[str] = frozenset()
    # verbs whose event-noun object is already going on ("will not end the strike"):
    # ongoing_event_verbs.txt
    ongoing_event_verbs: frozenset[str] = frozenset()
    # frames that make a trigger no political event: frame_kinds.tsv, frame_gates.tsv
    frame_gates: list[FrameGate] = field(default_factory=list)
    # acts that are coercion when the police do them (police_acts.tsv): lemma ->
    # (type, mode); police words (police_words.txt)
    police_acts: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    police_words: frozenset[str] = frozenset()
    # verbs whose subject causes an event noun, not does it: causing_verbs.txt
    causing_verbs: frozenset[str] = frozenset()
    # words whose "about"/"of" gerund is only their topic ("talk about killing"): topic_words.txt
    topic_words: frozenset[str] = frozenset()
    # words that make a deployment aid (peacekeepers, observers): peacekeeping_words.txt
    peacekeeping_words: frozenset[str] = frozenset()
    # words that count or gather what their "of" names ("a batch of peacekeepers",
    # "millions of"): counting_nouns.txt and the number words of numbers.tsv
    counting_words: frozenset[str] = frozenset()
    # things only words can attack ("attacks on the media"): verbal_attack_targets.txt
    verbal_attack_targets: frozenset[str] = frozenset()
    # mention sectors and actor kinds that make a document political: political_documents.tsv
    document_sectors: frozenset[str] = frozenset()
    document_kinds: frozenset[str] = frozenset()
    # modifiers and governing verbs of a labour strike ("an all-out strike"): labour_strike_words.txt
    labour_strike_words: frozenset[str] = frozenset()
    # who stops work when they strike ("workers went on strike"): labour_strike_doers.txt
    labour_strike_doers: frozenset[str] = frozenset()
    # nouns of people, groups and places an event can target by name: target_nouns.txt
    target_nouns: frozenset[str] = frozenset()
    # a weapon launched with no target is a launch, not an attack: weapon_launches.tsv
    # kind -> lemmas (weapon, target, open_water, harm)
    weapon_launches: dict[str, frozenset[str]] = field(default_factory=dict)
    # "agreed with Y" with no act agreed on is concurrence: concurrence.tsv kind ->
    # lemmas (verb, binding, vague)
    concurrence: dict[str, frozenset[str]] = field(default_factory=dict)

    def ptype(self, name: str) -> PloverType:
        return self.types[name]

    def needs_party(self, entry: TriggerEntry, type_name: str) -> bool:
        """Does an event of ``type_name`` stated by ``entry`` need a political side?"""
        if entry.party is not None:
            return entry.party in ("need", "both")
        return not self.types[type_name].stands_alone


# --- loading -------------------------------------------------------------------------


def data_rows(path: Path, ncols: int):
    """Yield (line number, fields) for each data row of a TSV file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(path, None, f"cannot read ({exc.strerror})") from exc
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = raw.split("\t")
        if len(fields) != ncols:
            raise DataFileError(
                path, number, f"expected {ncols} tab-separated fields, found {len(fields)}"
            )
        yield number, [f.strip() for f in fields]


def _place_fields(value: object) -> dict[str, object]:
    """``place_as_recipient``: true, false, or a list of the modes it holds for."""
    if isinstance(value, bool):
        return {"place_recipient": value, "place_modes": None}
    if isinstance(value, list) and all(isinstance(m, str) for m in value):
        return {"place_recipient": bool(value), "place_modes": tuple(value)}
    raise TypeError("place_as_recipient must be true, false or a list of modes")


def _load_types(path: Path) -> dict[str, PloverType]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(path, None, f"cannot read YAML ({exc})") from exc
    if not isinstance(raw, dict):
        raise DataFileError(path, None, "expected a mapping of PLOVER type names")
    types = {}
    for name, spec in raw.items():
        preps = spec.get("recipient_preps") if isinstance(spec, dict) else None
        if not isinstance(preps, list) or not all(isinstance(p, str) for p in preps):
            raise DataFileError(
                path,
                None,
                f"type {name}: recipient_preps must be a list of words "
                '(quote "on", "no", "yes": YAML reads them as true/false)',
            )
        try:
            modes = {str(k): (None if v is None else float(v)) for k, v in spec["modes"].items()}
            types[name] = PloverType(
                name=name,
                quad=str(spec["quad"]),
                score=float(spec["score"]),
                symmetric=bool(spec["symmetric"]),
                recipient_preps=tuple(spec["recipient_preps"]),
                modes=modes,
                description=str(spec.get("description", "")),
                stands_alone=bool(spec.get("stands_alone", False)),
                physical=bool(spec.get("physical", False)),
                moves_goods=bool(spec.get("moves_goods", False)),
                **_place_fields(spec.get("place_as_recipient", True)),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DataFileError(path, None, f"type {name}: missing or bad field ({exc})") from exc
    return types


def _object_words(spec: str) -> frozenset[str]:
    """``tie|relation`` -> {tie, relation}; ``to:court|tribunal`` -> {to:court,
    to:tribunal}: the object of that preposition instead of the direct object."""
    prep, colon, rest = spec.partition(":")
    if not colon:
        return frozenset(o for o in spec.split("|") if o)
    return frozenset(f"{prep}:{o}" for o in rest.split("|") if o)


def _load_triggers(path: Path, types: dict[str, PloverType]) -> dict[str, list[TriggerEntry]]:
    index: dict[str, list[TriggerEntry]] = {}
    seen: dict[tuple[str, str], int] = {}
    for number, (phrase, pos, typ, mode, frame, mutual, preps, head, party) in data_rows(path, 9):
        words = phrase.lower().split()
        lemmas = tuple(w for w in words if not w.startswith("^"))
        objects = frozenset(_object_words(w[1:]) for w in words if w.startswith("^"))
        objects = frozenset(o for group in objects for o in group)
        if not lemmas:
            raise DataFileError(path, number, "empty phrase")
        if objects and pos != "V":
            raise DataFileError(path, number, "only a verb (pos V) may require an object (^word)")
        if pos not in POS_CLASSES:
            raise DataFileError(path, number, f"pos {pos!r} is not one of V, N, *")
        if typ != "-" and typ not in types:
            raise DataFileError(path, number, f"unknown type {typ!r}; known: {', '.join(types)}")
        if frame not in FRAMES:
            raise DataFileError(path, number, f"frame {frame!r} is not one of {sorted(FRAMES)}")
        if typ == "-" and frame != "light":
            raise DataFileError(path, number, "only a light verb may have no type (-)")
        if mode != "-" and typ != "-" and mode not in types[typ].modes and types[typ].modes:
            raise DataFileError(path, number, f"mode {mode!r} is not a mode of {typ}")
        if mutual not in ("y", "-"):
            raise DataFileError(path, number, f"mutual must be y or -, not {mutual!r}")
        if party != "-" and party not in PARTY_VALUES:
            raise DataFileError(path, number, f"party {party!r} is not one of -, alone, need, both")
        if not head.isdigit() or not 1 <= int(head) <= len(lemmas):
            raise DataFileError(path, number, f"head {head!r} is not a position in the phrase")
        # a second row for the same phrase and part of speech is never read (the
        # first match wins): say so rather than let an edit to it do nothing
        if (phrase.lower(), pos) in seen:
            first = seen[(phrase.lower(), pos)]
            raise DataFileError(
                path, number, f"{phrase!r} ({pos}) repeats line {first}; edit or delete one"
            )
        seen[(phrase.lower(), pos)] = number
        entry = TriggerEntry(
            lemmas=lemmas,
            pos=pos,
            type=None if typ == "-" else typ,
            mode=None if mode == "-" else mode,
            frame=frame,
            mutual=mutual == "y",
            preps=() if preps == "-" else tuple(p.strip() for p in preps.split(",")),
            head=int(head) - 1,
            line=number,
            objects=objects,
            party=None if party == "-" else party,
        )
        index.setdefault(lemmas[0], []).append(entry)
    for entries in index.values():
        # longest first; among equals, the reading that requires an object first
        entries.sort(key=lambda e: (-len(e.lemmas), not e.objects))
    return index


def read_kinds(path: Path, kinds: tuple[str, ...], lower: bool = True) -> dict[str, frozenset[str]]:
    """A two-column ``kind<TAB>lemma`` file as kind -> lemmas; every kind of
    ``kinds`` is present (empty when the file has none). ``lower=False`` keeps
    values whose case means something (PLOVER types, sector codes)."""
    found: dict[str, set[str]] = {kind: set() for kind in kinds}
    for number, (kind, lemma) in data_rows(path, 2):
        if kind not in found:
            raise DataFileError(path, number, f"kind {kind!r} is not one of {', '.join(kinds)}")
        found[kind].add(lemma.lower() if lower else lemma)
    return {kind: frozenset(words) for kind, words in found.items()}


def read_words(path: Path) -> frozenset[str]:
    """A one-lemma-a-line list, lower-cased, without comments."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(path, None, f"cannot read ({exc.strerror})") from exc
    return frozenset(
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def _read_frame_gates(lex_dir: Path, types: dict[str, PloverType]) -> list[FrameGate]:
    kinds: dict[str, set[str]] = {}
    for _, (kind, lemma) in data_rows(lex_dir / "frame_kinds.tsv", 2):
        kinds.setdefault(kind, set()).add(lemma.lower())
    gates_path = lex_dir / "frame_gates.tsv"
    gates = []
    for number, (kind, role, names) in data_rows(gates_path, 3):
        if kind not in kinds:
            raise DataFileError(gates_path, number, f"kind {kind!r} not in {sorted(kinds)}")
        if role not in FRAME_ROLES:
            raise DataFileError(gates_path, number, f"role {role!r} not in {sorted(FRAME_ROLES)}")
        gated = None if names == "*" else frozenset(n.strip() for n in names.split(","))
        unknown = sorted((gated or set()) - types.keys())
        if unknown:
            raise DataFileError(gates_path, number, f"unknown types {unknown}")
        gates.append(FrameGate(kind, role, gated, frozenset(kinds[kind])))
    return gates


def load_lexicon(data_dir: Path | None = None) -> Lexicon:
    """Read and check the PLOVER table and every lexicon under ``data_dir``.

    Raises DataFileError(path, line, problem) for a malformed row.
    """
    base = Path(data_dir) if data_dir else DATA_DIR
    lex_dir = base / "lexicons"
    types = _load_types(base / "plover.yaml")
    lexicon = Lexicon(types=types, triggers=_load_triggers(lex_dir / "triggers.tsv", types))
    cues_path = lex_dir / "cues.tsv"
    for number, (cue, kind, scope) in data_rows(cues_path, 3):
        if kind not in CUE_KINDS:
            raise DataFileError(cues_path, number, f"kind {kind!r} not in {sorted(CUE_KINDS)}")
        if scope not in CUE_SCOPES:
            raise DataFileError(cues_path, number, f"scope {scope!r} not in {sorted(CUE_SCOPES)}")
        lemmas = tuple(cue.lower().split())
        if scope in ("governor", "finite") and len(lemmas) == 2:
            # a verb with its particle or adverb ("go on", "look forward", "push
            # back"): read off the verb and its prt/advmod child (``cue_word``)
            lemmas = (" ".join(lemmas),)
        if kind == "actual":
            if scope != "governor" or len(lemmas) != 1:
                raise DataFileError(cues_path, number, "an actual cue is one governor word")
            lexicon.implicatives = lexicon.implicatives | {lemmas[0]}
            continue
        if scope == "sentence":
            lexicon.sentence_cues.setdefault(lemmas[0], []).append((lemmas, kind))
        elif scope == "modifier":
            # a phrase ("no longer") is matched against a modifier's whole subtree
            lexicon.modifier_cues[" ".join(lemmas)] = kind
        elif len(lemmas) != 1:
            raise DataFileError(cues_path, number, f"a {scope} cue is one word")
        elif scope == "finite":
            lexicon.finite_cues[lemmas[0]] = kind
        elif scope == "speaker":
            lexicon.speaker_cues[lemmas[0]] = kind
        elif scope == "attributive":
            lexicon.attributive_cues[lemmas[0]] = kind
        else:
            lexicon.governor_cues[lemmas[0]] = kind
    for entries in lexicon.sentence_cues.values():
        entries.sort(key=lambda e: -len(e[0]))
    inst_path = lex_dir / "instruments.tsv"
    assault_modes = types["ASSAULT"].modes if "ASSAULT" in types else {}
    for number, (lemma, mode) in data_rows(inst_path, 2):
        if mode not in assault_modes:
            raise DataFileError(inst_path, number, f"{mode!r} is not an ASSAULT mode")
        lexicon.instruments[lemma.lower()] = mode
    lexicon.inert_objects = read_words(lex_dir / "inert_objects.txt")
    lexicon.political_objects = read_words(lex_dir / "political_objects.txt")
    lexicon.inert_actors = read_words(lex_dir / "inert_actors.txt")
    lexicon.undergoing_verbs = read_words(lex_dir / "undergoing_verbs.txt")
    lexicon.measures = read_words(lex_dir / "measures.txt")
    lexicon.verbal_attack_words = read_words(lex_dir / "verbal_attack_words.txt")
    lexicon.declaring_verbs = read_words(lex_dir / "declaring_verbs.txt")
    lexicon.ongoing_event_verbs = read_words(lex_dir / "ongoing_event_verbs.txt")
    lexicon.standing_nouns = read_words(lex_dir / "standing_nouns.txt")
    lexicon.forecast_verbs = read_words(lex_dir / "forecast_verbs.txt")
    lexicon.frame_gates = _read_frame_gates(lex_dir, types)
    lexicon.police_words = read_words(lex_dir / "police_words.txt")
    lexicon.causing_verbs = read_words(lex_dir / "causing_verbs.txt")
    lexicon.topic_words = read_words(lex_dir / "topic_words.txt")
    lexicon.peacekeeping_words = read_words(lex_dir / "peacekeeping_words.txt")
    lexicon.verbal_attack_targets = read_words(lex_dir / "verbal_attack_targets.txt")
    police_path = lex_dir / "police_acts.tsv"
    for number, (lemma, type_name, mode) in data_rows(police_path, 3):
        if type_name not in types:
            raise DataFileError(police_path, number, f"unknown type {type_name!r}")
        mode_name = None if mode == "-" else mode
        if mode_name is not None and mode_name not in types[type_name].modes:
            raise DataFileError(police_path, number, f"{mode!r} is not a {type_name} mode")
        lexicon.police_acts[lemma.lower()] = (type_name, mode_name)
    lexicon.target_nouns = read_words(lex_dir / "target_nouns.txt")
    lexicon.weapon_launches = read_kinds(
        lex_dir / "weapon_launches.tsv", ("weapon", "target", "open_water", "harm")
    )
    lexicon.concurrence = read_kinds(lex_dir / "concurrence.tsv", ("verb", "binding", "vague"))
    lexicon.labour_strike_words = read_words(lex_dir / "labour_strike_words.txt")
    lexicon.labour_strike_doers = read_words(lex_dir / "labour_strike_doers.txt")
    modes_path = lex_dir / "request_modes.tsv"
    request_modes = types["REQUEST"].modes if "REQUEST" in types else {}
    for number, (asked, mode) in data_rows(modes_path, 2):
        if asked not in types:
            raise DataFileError(modes_path, number, f"{asked!r} is not a PLOVER type")
        if mode not in request_modes:
            raise DataFileError(modes_path, number, f"{mode!r} is not a REQUEST mode")
        lexicon.request_modes[asked] = mode
    pol_path = lex_dir / "political_actors.tsv"
    kinds: set[str] = set()
    sectors: set[str] = set()
    for number, (what, value) in data_rows(pol_path, 2):
        if what not in ("kind", "sector"):
            raise DataFileError(pol_path, number, f"field {what!r} is not kind or sector")
        (kinds if what == "kind" else sectors).add(value)
    lexicon.political_kinds, lexicon.political_sectors = frozenset(kinds), frozenset(sectors)
    doc_path = lex_dir / "political_documents.tsv"
    doc_fields: dict[str, set[str]] = {"kind": set(), "sector": set()}
    for number, (what, value) in data_rows(doc_path, 2):
        if what not in doc_fields:
            raise DataFileError(doc_path, number, f"field {what!r} is not kind or sector")
        doc_fields[what].add(value)
    lexicon.document_kinds = frozenset(doc_fields["kind"])
    lexicon.document_sectors = frozenset(doc_fields["sector"])
    num_path = lex_dir / "numbers.tsv"
    for number, (word, value, kind) in data_rows(num_path, 3):
        try:
            lexicon.numbers[word.lower()] = (float(value), kind)
        except ValueError as exc:
            raise DataFileError(num_path, number, f"value {value!r} is not a number") from exc
        if kind not in ("unit", "scale"):
            raise DataFileError(num_path, number, f"kind {kind!r} is not unit or scale")
    lexicon.counting_words = read_words(lex_dir / "counting_nouns.txt") | frozenset(lexicon.numbers)
    return lexicon
