"""Readers for each actor data file: check every row, then index it in a Registry.

Each ``load_*`` function reads one file of ``data/actors/`` (the file formats
are described at the top of each file) and raises DataFileError with the file
and line of the first bad row.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pycountry

from entente.actors.registry import (
    ORG_KINDS,
    NameEntry,
    Registry,
    _check_code,
    _check_date,
    _check_sector,
    _strings,
    normalise_name,
    read_yaml,
    slugify,
)
from entente.errors import DataFileError
from entente.records import Actor, Office

STATE_KEYS = frozenset({"name", "names", "demonyms", "capitals", "seats", "wikidata", "__line__"})
ORG_KEYS = frozenset(
    {
        "id",
        "name",
        "kind",
        "country",
        "sector",
        "aliases",
        "backers",
        "wikidata",
        "__line__",
        "note",
        "sectors",
    }
)
PERSON_KEYS = frozenset(
    {
        "id",
        "name",
        "aliases",
        "country",
        "sector",
        "offices",
        "died",
        "wikidata",
        "__line__",
        "note",
        "common_name",
    }
)
OFFICE_KEYS = frozenset({"role", "country", "sector", "start", "end", "organisation", "__line__"})


def _known_codes(registry: Registry) -> set[str]:
    return {actor_id for actor_id, actor in registry.actors.items() if actor.kind == "state"}


def load_states(registry: Registry, path: Path) -> None:
    """Every pycountry state, with the file's names, demonyms, capitals and seats laid over."""
    rows = read_yaml(path) or {}
    if not isinstance(rows, dict):
        raise DataFileError(path, None, "expected a mapping of ISO alpha-3 codes to entries")
    for country in pycountry.countries:
        common = getattr(country, "common_name", None) or country.name
        registry.add_actor(
            Actor(
                id=country.alpha_3, name=common, kind="state", country=country.alpha_3, sector="GOV"
            ),
            path,
            None,
        )
    for code, row in rows.items():
        if code == "__line__":
            continue
        if not isinstance(row, dict):
            raise DataFileError(path, None, f"entry {code!r} must be a mapping")
        line = row.get("__line__")
        unknown = set(row) - STATE_KEYS
        if unknown:
            raise DataFileError(
                path,
                line,
                f"{code}: unknown field(s) {sorted(unknown)}; valid: {sorted(STATE_KEYS - {'__line__'})}",
            )
        if code not in registry.actors:
            if not isinstance(row.get("name"), str):
                raise DataFileError(path, line, f"{code!r} is not in pycountry; give it a 'name'")
            registry.add_actor(
                Actor(id=code, name=row["name"], kind="state", country=code, sector="GOV"),
                path,
                line,
            )
        actor = registry.actors[code]
        if isinstance(row.get("name"), str):
            actor.name = row["name"]
        actor.wikidata = row.get("wikidata")
        for surface in [actor.name, *_strings(row, "names", path)]:
            registry.add_name(
                surface,
                NameEntry(code, "state", "name" if surface == actor.name else "alias"),
                path,
                line,
            )
            if surface not in actor.aliases and surface != actor.name:
                actor.aliases.append(surface)
        for surface in _strings(row, "demonyms", path):
            registry.add_name(surface, NameEntry(code, "demonym", "alias"), path, line)
        for surface in _strings(row, "capitals", path):
            registry.add_name(surface, NameEntry(code, "capital", "alias", "GOV"), path, line)
        seats = row.get("seats") or {}
        if not isinstance(seats, dict):
            raise DataFileError(path, line, f"{code}: 'seats' must map a name to a sector")
        for surface, sector in seats.items():
            if surface == "__line__":
                continue
            _check_sector(sector, path, line)
            registry.add_name(surface, NameEntry(code, "seat", "alias", sector), path, line)
    _load_demonym_table(registry, path.with_name("demonyms.tsv"))
    # pycountry's own names last: the data files win any clash.
    for country in pycountry.countries:
        for surface in {
            country.name,
            getattr(country, "common_name", ""),
            getattr(country, "official_name", ""),
        }:
            if surface and "," not in surface:
                registry.add_name(surface, NameEntry(country.alpha_3, "state", "alias"), None, None)


def _load_demonym_table(registry: Registry, path: Path) -> None:
    """demonyms.tsv: code, other names, demonyms (';' between); states.yaml wins a clash."""
    if not path.exists():
        return
    codes = _known_codes(registry)
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = [*raw.split("\t"), "", ""][:3]
        code = cells[0].strip()
        _check_code(code, path, number, "country", codes)
        for column, kind in ((1, "state"), (2, "demonym")):
            for surface in filter(None, (s.strip() for s in cells[column].split(";"))):
                known = registry.names.get(normalise_name(surface))
                if known is not None and known.actor_id != code and known.kind != "place":
                    raise DataFileError(path, number, f"{surface!r} already names {known.actor_id}")
                registry.add_name(surface, NameEntry(code, kind, "alias"), None, None)


def _named_rows(path: Path, what: str, keys: frozenset[str]) -> Iterator[tuple[dict, int | None]]:
    """The rows of a YAML list of named entries, each checked for a name and known
    fields, with its line number; a bad row raises DataFileError at that line."""
    rows = read_yaml(path) or []
    if not isinstance(rows, list):
        raise DataFileError(path, None, f"expected a list of entries, each with a {what}'s name")
    for row in rows:
        line = row.get("__line__") if isinstance(row, dict) else None
        if not isinstance(row, dict) or not isinstance(row.get("name"), str):
            raise DataFileError(path, line, f"each {what} needs a 'name'")
        unknown = set(row) - keys
        if unknown:
            valid = sorted(set(keys) - {"__line__"})
            raise DataFileError(
                path, line, f"{row['name']}: unknown field(s) {sorted(unknown)}; valid: {valid}"
            )
        yield row, line


def _sector_periods(
    row: dict[str, Any], path: Path, line: int | None
) -> list[tuple[str | None, str | None, str]]:
    """``sectors: [{sector: REB, end: 2021-08-15}, {sector: GOV, start: 2021-08-15}]``:
    the sector an organisation acted in over time (a movement that took power)."""
    periods = []
    for period in row.get("sectors") or []:
        if not isinstance(period, dict) or not isinstance(period.get("sector"), str):
            raise DataFileError(path, line, f"{row['name']}: each of 'sectors' needs a 'sector'")
        _check_sector(period["sector"], path, line)
        start = _check_date(period.get("start"), path, line, "start")
        end = _check_date(period.get("end"), path, line, "end")
        periods.append((start, end, period["sector"]))
    return periods


def load_organisations(registry: Registry, path: Path) -> None:
    """IGOs, armed groups, parties, government bodies, companies, media and NGOs."""
    codes = _known_codes(registry)
    for row, line in _named_rows(path, "organisation", ORG_KEYS):
        if row.get("kind") not in ORG_KINDS:
            raise DataFileError(
                path,
                line,
                f"{row['name']}: kind {row.get('kind')!r} is not one of {sorted(ORG_KINDS)}",
            )
        _check_code(row.get("country"), path, line, "country", codes)
        _check_sector(row.get("sector"), path, line)
        backers = _strings(row, "backers", path)
        for backer in backers:
            _check_code(backer, path, line, "backer", codes)
        actor = Actor(
            id=row.get("id") or slugify(row["name"]),
            name=row["name"],
            kind=row["kind"],
            country=row.get("country"),
            sector=row.get("sector"),
            wikidata=row.get("wikidata"),
            aliases=_strings(row, "aliases", path),
            backers=backers,
        )
        periods = _sector_periods(row, path, line)
        if periods:
            registry.org_sectors[actor.id] = periods
        registry.add_actor(actor, path, line)
        registry.add_name(actor.name, NameEntry(actor.id, "organisation", "name"), path, line)
        for alias in actor.aliases:
            registry.add_name(alias, NameEntry(actor.id, "organisation", "alias"), path, line)


def _office(row: Any, path: Path, line: int | None, codes: set[str]) -> Office:
    if not isinstance(row, dict) or not isinstance(row.get("role"), str):
        raise DataFileError(path, line, "each office needs a 'role'")
    line = row.get("__line__", line)
    unknown = set(row) - OFFICE_KEYS
    if unknown:
        raise DataFileError(
            path,
            line,
            f"office: unknown field(s) {sorted(unknown)}; valid: {sorted(OFFICE_KEYS - {'__line__'})}",
        )
    if row.get("country") is None:
        raise DataFileError(path, line, f"office {row['role']!r} needs a 'country'")
    _check_code(row.get("country"), path, line, "country", codes)
    _check_sector(row.get("sector"), path, line)
    start = _check_date(row.get("start"), path, line, "start")
    end = _check_date(row.get("end"), path, line, "end")
    if start and end and end < start:
        raise DataFileError(
            path, line, f"office {row['role']!r} ends ({end}) before it starts ({start})"
        )
    return Office(
        role=row["role"],
        country=row["country"],
        sector=row.get("sector"),
        start=start,
        end=end,
        organisation=row.get("organisation"),
    )


def load_people(registry: Registry, path: Path) -> None:
    """People with their offices; a person's own country/sector applies outside any office."""
    codes = _known_codes(registry)
    for row, line in _named_rows(path, "person", PERSON_KEYS):
        offices = [_office(office, path, line, codes) for office in row.get("offices") or []]
        for office in offices:
            if office.organisation and office.organisation not in registry.actors:
                raise DataFileError(
                    path,
                    line,
                    f"{row['name']}: office organisation {office.organisation!r} is not a registry id",
                )
        country = row.get("country") or (offices[-1].country if offices else None)
        _check_code(country, path, line, "country", codes)
        _check_sector(row.get("sector"), path, line)
        if not offices and row.get("sector") is None:
            raise DataFileError(path, line, f"{row['name']}: give 'offices' or a 'sector'")
        actor = Actor(
            id=row.get("id") or slugify(row["name"]),
            name=row["name"],
            kind="person",
            country=country,
            sector=row.get("sector"),
            wikidata=row.get("wikidata"),
            aliases=_strings(row, "aliases", path),
            offices=offices,
        )
        died = _check_date(row.get("died"), path, line, "died")
        if died:
            registry.died[actor.id] = died
        if row.get("common_name"):
            registry.common_names.add(actor.id)
        registry.add_actor(actor, path, line)
        registry.add_name(actor.name, NameEntry(actor.id, "person", "name"), path, line)
        for alias in actor.aliases:
            registry.add_name(alias, NameEntry(actor.id, "person", "alias"), path, line)


def _sector_table(rows: dict, section: str, path: Path, optional: bool = False) -> dict[str, str]:
    """A section of roles.yaml that maps words to sectors, lower-cased and checked."""
    table = rows.get(section)
    if table is None and optional:
        return {}
    if not isinstance(table, dict):
        raise DataFileError(path, None, f"section {section!r} must map words to sectors")
    line = table.get("__line__")
    out = {}
    for word, sector in table.items():
        if word == "__line__":
            continue
        _check_sector(sector, path, line)
        out[str(word).lower()] = sector
    return out


def load_roles(registry: Registry, path: Path) -> None:
    """Role words, group nouns and the small word lists resolution needs."""
    rows = read_yaml(path) or {}
    if not isinstance(rows, dict):
        raise DataFileError(path, None, "expected a mapping of sections")
    registry.titles.update(_sector_table(rows, "titles", path))
    registry.group_nouns.update(_sector_table(rows, "group_nouns", path))
    registry.max_title_words = max(len(word.split()) for word in registry.titles)
    for section in (
        "leader_titles",
        "past_markers",
        "locative_prepositions",
        "backing_words",
        "affiliation_prepositions",
    ):
        words = rows.get(section)
        if not isinstance(words, list):
            raise DataFileError(path, None, f"section {section!r} must be a list of words")
        setattr(registry, section, frozenset(str(word).lower() for word in words))
    optional = (
        "thing_words",
        "reporting_verbs",
        "alias_cues",
        "motion_verbs",
        "venue_nouns",
        "site_nouns",
        "name_particles",
        "honorifics",
    )
    for section in optional:
        words = rows.get(section) or []
        setattr(registry, section, frozenset(str(word).lower() for word in words))
    for word, row in (rows.get("institutions") or {}).items():
        if word == "__line__":
            continue
        if not isinstance(row, dict):
            raise DataFileError(path, None, f"institution {word!r} must map to sector/country")
        _check_sector(row.get("sector"), path, row.get("__line__"))
        registry.institutions[str(word).lower()] = (row.get("sector"), row.get("country"))
        not_in = _strings(row, "not_in", path)
        if not_in:
            registry.institution_not_in[str(word).lower()] = frozenset(not_in)
    registry.state_organs.update(_sector_table(rows, "state_organs", path, optional=True))
    registry.state_organ_heads = frozenset(word.split()[-1] for word in registry.state_organs)
    blockers = rows.get("state_organ_blockers") or []
    if not isinstance(blockers, list):
        raise DataFileError(path, None, "'state_organ_blockers' must be a list of words")
    registry.state_organ_blockers = frozenset(str(word).lower() for word in blockers)
    registry.organisation_descriptors.update(
        _sector_table(rows, "organisation_descriptors", path, optional=True)
    )
    for word, row in (rows.get("organisation_heads") or {}).items():
        if word == "__line__":
            continue
        if not isinstance(row, dict):
            raise DataFileError(path, None, f"organisation head {word!r} must map to sector")
        _check_sector(row.get("sector"), path, row.get("__line__"))
        registry.organisation_heads[str(word).lower()] = (
            row.get("sector"),
            bool(row.get("national")),
        )


THING_SECTIONS = ("names", "heads", "prefixes", "place_heads")


def load_things(registry: Registry, path: Path) -> None:
    """things.yaml (optional): names, last words and first words of things that are not actors."""
    if not path.exists():
        return
    rows = read_yaml(path) or {}
    if not isinstance(rows, dict):
        raise DataFileError(path, None, f"expected sections {list(THING_SECTIONS)}")
    unknown = set(rows) - {*THING_SECTIONS, "__line__"}
    if unknown:
        raise DataFileError(path, None, f"unknown section(s) {sorted(unknown)}")
    for section in THING_SECTIONS:
        words = rows.get(section) or []
        if not isinstance(words, list) or not all(isinstance(w, (str, int)) for w in words):
            raise DataFileError(path, None, f"section {section!r} must be a list of words")
        words = frozenset(normalise_name(str(w)).lower() for w in words)
        attribute = section if section == "place_heads" else f"thing_{section}"
        setattr(registry, attribute, words)


GROUP_KEYS = frozenset({"name", "aliases", "country", "sector", "__line__"})


def _fold_ascii(text: str) -> str:
    """'Herāt' -> 'Herat': the spelling news copy uses."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("\u2019", "'")


def load_groups(registry: Registry, path: Path) -> None:
    """Peoples and faiths (actors of kind "group"), then places: the file's and pycountry's.

    Loaded last: a place name never takes a name an actor already has.
    """
    rows = read_yaml(path) or {}
    if not isinstance(rows, dict):
        raise DataFileError(path, None, "expected sections 'peoples' and 'places'")
    codes = _known_codes(registry)
    for row in rows.get("peoples") or []:
        line = row.get("__line__") if isinstance(row, dict) else None
        if not isinstance(row, dict) or not isinstance(row.get("name"), str):
            raise DataFileError(path, line, "each people needs a 'name'")
        unknown = set(row) - GROUP_KEYS
        if unknown:
            raise DataFileError(path, line, f"{row['name']}: unknown field(s) {sorted(unknown)}")
        _check_code(row.get("country"), path, line, "country", codes)
        _check_sector(row.get("sector"), path, line)
        actor = Actor(
            id=slugify(row["name"]),
            name=row["name"],
            kind="group",
            country=row.get("country"),
            sector=row.get("sector"),
            aliases=_strings(row, "aliases", path),
        )
        registry.add_actor(actor, path, line)
        for surface in [actor.name, *actor.aliases]:
            by = "name" if surface == actor.name else "alias"
            registry.add_name(surface, NameEntry(actor.id, "organisation", by), path, line)
    places = rows.get("places") or {}
    if not isinstance(places, dict):
        raise DataFileError(path, None, "'places' must map a place name to a state code or null")
    for surface, code in places.items():
        if surface == "__line__":
            continue
        _check_code(code, path, places.get("__line__"), "country", codes)
        registry.add_name(surface, NameEntry("", "place", "name", None, code), None, None)
    generic = frozenset(str(word).lower() for word in rows.get("generic_place_words") or [])
    for subdivision in pycountry.subdivisions:
        code = pycountry.countries.get(alpha_2=subdivision.country_code)
        country = code.alpha_3 if code else None
        for surface in {subdivision.name, _fold_ascii(subdivision.name)}:
            words = surface.lower().replace("-", " ").split()
            if "," in surface or len(surface) < 4 or all(w in generic for w in words):
                continue
            registry.add_name(surface, NameEntry("", "place", "name", None, country), None, None)
