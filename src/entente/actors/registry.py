"""The actor registry: loads the actor data files into lookup tables.

Knowledge lives in YAML files under ``entente/data/actors/`` (an area expert
can read and fix them without Python); this module only checks and indexes
them. The files:

``states.yaml``
    One entry per state, keyed by ISO 3166 alpha-3. pycountry supplies the
    official names of every state at load time; the file adds short forms
    ("the US", "Britain"), demonyms ("Iranian"), capitals (metonyms when they
    act: "Moscow said") and seats of power with their sector ("Kremlin: GOV").
``organisations.yaml``
    IGOs, armed groups and movements, parties, government bodies, companies,
    media and NGOs, each with home country, PLOVER sector and known backers.
``people.yaml``
    People who act for states and groups, with their offices and the dates of
    those offices, so that a person is coded by the post held on the day an
    article speaks.
``roles.yaml``
    Role words ("minister", "spokesman") and group nouns ("officials",
    "warplanes") mapped to sectors, and the small word lists resolution uses.
``things.yaml``
    Things that are not actors (diseases, weapons systems, laws and
    programmes, events like Brexit): names, last words and first words.

Actor ids (stable, readable):

- a state is its ISO alpha-3 code: ``RUS``, ``IRN``, ``PSE``;
- an organisation or person is a slug of its name (``hamas``,
  ``sergei-lavrov``, ``irgc``), or the ``id`` the data file gives;
- actors made up while reading a document (a titled person the registry
  lacks, "Iranian-backed proxy groups") start with ``x-`` (see resolve.py).

Names are matched by exact surface (after folding curly apostrophes and white
space, and dropping a leading "the"); multi-word names also match in any case.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from entente.errors import DataFileError
from entente.records import Actor, Office

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "actors"

# The kinds of registry name an n-gram can hit; resolve.py decides by kind.
NameKind = str  # "state" | "demonym" | "capital" | "seat" | "organisation" | "person" | "place"
NAME_KINDS = ("state", "demonym", "capital", "seat", "organisation", "person", "place")

# PLOVER country codes that are not ISO states (manual v2.0, actor codes).
NON_STATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})
# PLOVER sector codes entente accepts in data files.
SECTORS = frozenset(
    [
        "GOV",
        "MIL",
        "COP",
        "SPY",
        "JUD",
        "LEG",
        "PTY",
        "REB",
        "PRM",
        "UAF",
        "BUS",
        "JRN",
        "MED",
        "REF",
        "CVL",
        "ELI",
        "OPP",
        "REL",
        "EDU",
        "HLH",
        "NGO",
        "IGO",
        "LAB",
        "AGR",
        "CRM",
        "SET",
    ]
)
ORG_KINDS = frozenset(
    {"igo", "armed-group", "movement", "party", "government-body", "company", "media", "ngo"}
)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_SPACES = re.compile(r"\s+")
_SLUG_DROP = re.compile(r"[^a-z0-9]+")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_WORD_HEAD = re.compile(r"\w+")


def normalise_name(text: str) -> str:
    """The lookup form of a name: NFC, straight apostrophes, single spaces, no leading 'the'."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    text = _SPACES.sub(" ", text).strip()
    if text[:4].lower() == "the ":
        text = text[4:]
    return text


def slugify(text: str) -> str:
    """A readable id: ``Sergei Lavrov`` -> ``sergei-lavrov``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG_DROP.sub("-", ascii_text.lower()).strip("-")


def name_head(text: str) -> str:
    """The leading word characters of a name (the gate a token must pass)."""
    found = _WORD_HEAD.match(text)
    return found.group(0) if found else text[:1]


@dataclass(frozen=True, slots=True)
class NameEntry:
    """What a registry surface form points to."""

    actor_id: str
    kind: NameKind
    by: str  # "name" (canonical) or "alias"
    sector: str | None = None  # a seat's own sector ("Pentagon" -> GOV)
    country: str | None = None  # a place's state (actor_id is "" for places)


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A registry name found in a text: tokens [first, last) and characters [start, end)."""

    first: int
    last: int
    start: int
    end: int
    entry: NameEntry


_TOKEN = re.compile(r"\w+(?:\.\w+)+\.?|\w+|[^\w\s]")
# Curly apostrophes and odd spaces folded without changing offsets.
_FOLD_SAME_LENGTH = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\n": " ", "\t": " ", "\r": " ", "\xa0": " "}
)


def token_bounds(text: str) -> list[tuple[int, int]]:
    """Rough token offsets for matching without spaCy (words, abbreviations, punctuation)."""
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text)]


@dataclass(slots=True)
class Registry:
    """All actors plus the tables resolution looks names and words up in."""

    actors: dict[str, Actor] = field(default_factory=dict)
    names: dict[str, NameEntry] = field(default_factory=dict)
    names_folded: dict[str, NameEntry] = field(default_factory=dict)
    heads: set[str] = field(default_factory=set)
    heads_folded: set[str] = field(default_factory=set)
    max_words: int = 1
    died: dict[str, str] = field(default_factory=dict)
    # organisations whose sector changed: (start, end, sector), dates ISO or None
    org_sectors: dict[str, list[tuple[str | None, str | None, str]]] = field(default_factory=dict)
    # people whose name many others share: named only with a title or affiliation
    common_names: set[str] = field(default_factory=set)
    titles: dict[str, str | None] = field(default_factory=dict)
    max_title_words: int = 1
    group_nouns: dict[str, str | None] = field(default_factory=dict)
    leader_titles: frozenset[str] = frozenset()
    past_markers: frozenset[str] = frozenset()
    locative_prepositions: frozenset[str] = frozenset()
    backing_words: frozenset[str] = frozenset()
    affiliation_prepositions: frozenset[str] = frozenset()
    institutions: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    # states that have no institution by that name (the US has Congress, not a Parliament)
    institution_not_in: dict[str, frozenset[str]] = field(default_factory=dict)
    organisation_heads: dict[str, tuple[str | None, bool]] = field(default_factory=dict)
    # unnamed organs of a state ("the government", "police"): sector, last words, blockers
    state_organs: dict[str, str | None] = field(default_factory=dict)
    state_organ_heads: frozenset[str] = frozenset()
    state_organ_blockers: frozenset[str] = frozenset()
    thing_words: frozenset[str] = frozenset()
    reporting_verbs: frozenset[str] = frozenset()
    alias_cues: frozenset[str] = frozenset()
    motion_verbs: frozenset[str] = frozenset()
    venue_nouns: frozenset[str] = frozenset()
    site_nouns: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    organisation_descriptors: dict[str, str | None] = field(default_factory=dict)
    thing_names: frozenset[str] = frozenset()
    thing_heads: frozenset[str] = frozenset()
    thing_prefixes: frozenset[str] = frozenset()
    place_heads: frozenset[str] = frozenset()
    # Tables derived from the ones above, built on first use (see office_holders).
    _office_holders: dict[tuple[str, str], set[str]] | None = field(
        default=None, repr=False, compare=False
    )
    _title_words: frozenset[str] | None = field(default=None, repr=False, compare=False)

    def get(self, actor_id: str) -> Actor | None:
        """The actor with that id, or None."""
        return self.actors.get(actor_id)

    def lookup(self, surface: str) -> NameEntry | None:
        """The entry a surface form names: exact first, then case-folded for multi-word names."""
        key = normalise_name(surface)
        entry = self.names.get(key)
        if entry is None and " " in key:
            entry = self.names_folded.get(key.casefold())
        return entry

    def office_on(self, actor: Actor, date: str | None, past: bool = False) -> Office | None:
        """The office ``actor`` held on ``date`` (ISO, any precision).

        Falls back, in order: 1. the office covering the date; 2. when the text
        marks a past office ("former", "then-") or the person had died by that
        date, their last office before it; 3. None (the caller uses the
        person's own country and sector); with no date, the latest office.
        """
        if not actor.offices:
            return None
        if date is None:
            return max(actor.offices, key=lambda o: o.start or "")
        day = _pad(date, low=True)
        for office in actor.offices:
            if _pad(office.start, low=True) <= day <= _pad(office.end, low=False):
                return office
        died = self.died.get(actor.id)
        earlier = [o for o in actor.offices if _pad(o.start, low=True) <= day]
        if (past or (died and _pad(died, low=True) <= day)) and earlier:
            return max(earlier, key=lambda o: o.end or "9999")
        if past:  # "then-president" of a date before the listed offices
            return actor.offices[0]
        return None

    def sector_on(self, actor: Actor, date: str | None) -> str | None:
        """The sector an organisation acted in on ``date`` (``sectors`` in
        organisations.yaml), else its own sector."""
        periods = self.org_sectors.get(actor.id)
        if not periods or date is None:
            return actor.sector
        day = _pad(date, low=True)
        for start, end, sector in periods:
            if _pad(start, low=True) <= day < _pad(end, low=True) or (
                end is None and _pad(start, low=True) <= day
            ):
                return sector
        return actor.sector

    def office_holders(self) -> dict[tuple[str, str], set[str]]:
        """(surname, office, lowercase) -> the states whose registry people of that
        surname held that office; built once per registry."""
        if self._office_holders is None:
            holders: dict[tuple[str, str], set[str]] = {}
            for actor in self.actors.values():
                if actor.kind != "person" or not actor.name.split():
                    continue
                surname = actor.name.split()[-1]
                for office in actor.offices:
                    if office.country:
                        holders.setdefault((surname, office.role.lower()), set()).add(
                            office.country
                        )
            self._office_holders = holders
        return self._office_holders

    def title_words(self) -> frozenset[str]:
        """Every word of every title ("presidential", "spokesman"); built once per registry."""
        if self._title_words is None:
            self._title_words = frozenset(
                word for title in self.titles for word in title.replace("-", " ").split()
            )
        return self._title_words

    def match(self, text: str, bounds: list[tuple[int, int]]) -> list[NameMatch]:
        """Registry names in ``text``, longest first, left to right, on token bounds.

        ``bounds`` are the (start, end) character offsets of the tokens (a
        spaCy Doc's, or ``token_bounds(text)`` without spaCy). Each start is
        gated by a set lookup of its leading word, then n-grams up to the
        longest name are looked up in a dict: no loop over the names.

        >>> registry = load_registry()
        >>> text = "Russia's Foreign Minister Sergei Lavrov met Iranian officials."
        >>> [(text[m.start:m.end], m.entry.actor_id) for m in registry.match(text, token_bounds(text))]
        [('Russia', 'RUS'), ('Sergei Lavrov', 'sergei-lavrov'), ('Iranian', 'IRN')]
        """
        text = text.translate(_FOLD_SAME_LENGTH)
        found: list[NameMatch] = []
        count = len(bounds)
        longest = self.max_words + 2
        i = 0
        while i < count:
            start = bounds[i][0]
            head = name_head(text[start : bounds[i][1]])
            exact = head in self.heads
            if not exact and head.casefold() not in self.heads_folded:
                i += 1
                continue
            for j in range(min(count, i + longest), i, -1):
                key = text[start : bounds[j - 1][1]]
                entry = self.names.get(key) if exact else None
                if entry is None and j - i > 1:
                    entry = self.names_folded.get(key.casefold())
                if entry is not None:
                    found.append(NameMatch(i, j, start, bounds[j - 1][1], entry))
                    i = j - 1
                    break
            i += 1
        return found

    # -- building ---------------------------------------------------------

    def add_actor(self, actor: Actor, path: Path, line: int | None) -> None:
        if actor.id in self.actors:
            raise DataFileError(path, line, f"duplicate actor id {actor.id!r}")
        self.actors[actor.id] = actor

    def add_name(self, surface: str, entry: NameEntry, path: Path | None, line: int | None) -> None:
        """Index a surface form; a form naming two different actors is a data error."""
        key = normalise_name(surface)
        if not key:
            return
        known = self.names.get(key)
        if known is not None and known.actor_id != entry.actor_id:
            if path is None:  # a pycountry name yields to the data files
                return
            raise DataFileError(
                path,
                line,
                f"name {surface!r} is given to both {known.actor_id!r} and {entry.actor_id!r}; "
                "keep it on one actor",
            )
        if known is not None and known.by == "name":
            return
        self.names[key] = entry
        if " " in key:
            self.names_folded.setdefault(key.casefold(), entry)
            self.heads_folded.add(name_head(key).casefold())
        self.heads.add(name_head(key))
        self.max_words = max(self.max_words, len(re.findall(r"\w+|[^\w\s]", key)))


def _pad(date: str | None, low: bool) -> str:
    """An ISO date of any precision as a comparable day: low or high end of its range."""
    if date is None:
        return "0000-00-00" if low else "9999-99-99"
    filler = "-00" if low else "-99"
    while len(date) < 10:
        date += filler
    return date


# -- YAML with line numbers --------------------------------------------------


# libyaml's parser (PyYAML's C extension, in its wheels) reads the actor files
# about seven times faster than PyYAML's own (0.09 against 0.59 s of CPU) into the
# same values, and every process that codes or resolves actors loads them.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """A safe loader that records each mapping's line as ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay strings: an office that starts "2004-03-09" is compared as text.
_LineLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path) -> Any:
    """Parse one data file, turning YAML errors into DataFileError with the line."""
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise DataFileError(path, line, str(exc.problem)) from exc
    except OSError as exc:
        raise DataFileError(path, None, f"cannot read: {exc}") from exc


def _strings(row: dict[str, Any], key: str, path: Path) -> list[str]:
    value = row.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(path, row.get("__line__"), f"{key!r} must be a list of strings")
    return value


def _check_code(code: Any, path: Path, line: int | None, what: str, known: set[str]) -> None:
    if code is None:
        return
    if not isinstance(code, str) or (code not in known and code not in NON_STATE_CODES):
        raise DataFileError(
            path,
            line,
            f"{what} {code!r} is not an ISO alpha-3 code nor one of {sorted(NON_STATE_CODES)}",
        )


def _check_sector(sector: Any, path: Path, line: int | None) -> None:
    if sector is not None and sector not in SECTORS:
        raise DataFileError(path, line, f"sector {sector!r} is not one of {sorted(SECTORS)}")


def _check_date(value: Any, path: Path, line: int | None, what: str) -> str | None:
    if value is None:
        return None
    value = str(value)
    if not _DATE.match(value):
        raise DataFileError(
            path, line, f"{what} {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"
        )
    return value


@lru_cache(maxsize=4)
def _load_cached(data_dir: Path) -> Registry:
    from entente.actors import loaders  # loaders build on the helpers above

    registry = Registry()
    loaders.load_states(registry, data_dir / "states.yaml")
    loaders.load_organisations(registry, data_dir / "organisations.yaml")
    loaders.load_people(registry, data_dir / "people.yaml")
    loaders.load_roles(registry, data_dir / "roles.yaml")
    loaders.load_things(registry, data_dir / "things.yaml")
    loaders.load_groups(registry, data_dir / "groups.yaml")  # places last: every actor name wins
    return registry


def load_registry(data_dir: Path | None = None) -> Registry:
    """Load every actor data file in ``data_dir`` (default: the package's data/actors/).

    Cached per folder and process. Raises DataFileError naming the file and
    line of the first bad row.

    >>> registry = load_registry()
    >>> registry.get("RUS").name
    'Russia'
    >>> registry.lookup("the Kremlin").actor_id
    'RUS'
    """
    return _load_cached(Path(data_dir or DATA_DIR).resolve())


__all__ = [
    "NameEntry",
    "NameMatch",
    "Registry",
    "load_registry",
    "normalise_name",
    "slugify",
    "token_bounds",
]
