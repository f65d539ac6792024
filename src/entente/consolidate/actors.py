"""Actors across documents: names, the stored actors' index, and map nodes.

Which map node does an actor stand for? See ``map_node``. Which stored actors
are the same (merges) is ``consolidate.merges``; both read names through the
helpers here (``name_tokens``, ``kind_family``, ``is_spelling_variant``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from entente.actors.registry import NON_STATE_CODES
from entente.consolidate.knowledge import MapKnowledge
from entente.errors import NotFoundError
from entente.records import ActorRef
from entente.store.db import Store

# Share of name tokens that pair up: a measure for people reading merges, no
# longer a reason to merge (see same_actor_evidence).
NAME_MATCH_MIN = 0.75
# A shorter name whose every token (at least this many) is in the longer one
# scores SUBSET_MATCH_SCORE: "Abu Marzouk" in "Mousa Abu Marzouk".
SUBSET_MIN_TOKENS = 2
SUBSET_MATCH_SCORE = 0.8
# Tokens of at least this many characters may differ by one edit (Mousa/Moussa).
FUZZY_TOKEN_MIN_CHARS = 4
MAX_MERGE_CHAIN = 16
# Kinds of actor by what they are, for merges: an actor merges only within its
# family. Registry organisation kinds (media, party, igo, ...) and ad-hoc
# organisations are one family; a people or population ("group") is not one.
KIND_FAMILIES = {
    "person": "person",
    "state": "state",
    "group": "group",
}
_VOWELS = frozenset("aeiouy")

_NON_WORD = re.compile(r"[^a-z0-9]+")
_STATE_CODE = re.compile(r"^[A-Z]{3}$")


def is_state_node(node: str) -> bool:
    """Whether a map node id is a state (ISO alpha-3), not an organisation."""
    return bool(_STATE_CODE.match(node)) and node not in NON_STATE_CODES


def is_ad_hoc(actor_id: str) -> bool:
    return actor_id.startswith("x-")


# -- names -------------------------------------------------------------------


def name_tokens(name: str) -> tuple[str, ...]:
    """Lowercase ASCII word tokens of a name, without a leading 'the'."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    tokens = tuple(t for t in _NON_WORD.split(text) if t)
    return tokens[1:] if tokens[:1] == ("the",) else tokens


def _within_one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = j = edits = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i += 1
            j += 1
            continue
        edits += 1
        if edits > 1:
            return False
        if len(a) == len(b):
            i += 1
        j += 1
    return edits + (len(b) - j) + (len(a) - i) <= 1


def _tokens_match(a: str, b: str) -> bool:
    if a == b:
        return True
    return min(len(a), len(b)) >= FUZZY_TOKEN_MIN_CHARS and _within_one_edit(a, b)


def kind_family(kind: str | None) -> str:
    """The family of an actor kind for merges: person, state, group or organisation."""
    return KIND_FAMILIES.get(kind or "", "organisation")


def is_spelling_variant(a: str, b: str) -> bool:
    """One name token written two ways: the same letters once doubled letters are
    single ("Mousa"/"Moussa", "Hasan"/"Hassan"), or one inner vowel for another
    in a word of at least FUZZY_TOKEN_MIN_CHARS + 1 letters ("Mohammed"/"Mohammad").
    A last vowel is no spelling ("Maria"/"Mario"), nor any other letter ("Jong-un"/"Jong-il").

    >>> is_spelling_variant("mousa", "moussa"), is_spelling_variant("maria", "mario")
    (True, False)
    """
    if a == b:
        return True
    if _single_letters(a) == _single_letters(b):
        return True
    if len(a) != len(b) or len(a) <= FUZZY_TOKEN_MIN_CHARS:
        return False
    differ = [i for i in range(len(a)) if a[i] != b[i]]
    return (
        len(differ) == 1
        and 0 < differ[0] < len(a) - 1
        and a[differ[0]] in _VOWELS
        and b[differ[0]] in _VOWELS
    )


def singular_tokens(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The name with its last word singular ("militias" -> "militia")."""
    last = tokens[-1]
    return (*tokens[:-1], last[:-1]) if len(last) > 3 and last.endswith("s") else tokens


def _single_letters(token: str) -> str:
    return "".join(c for i, c in enumerate(token) if i == 0 or c != token[i - 1])


def name_similarity(a: str, b: str) -> float:
    """Share of tokens that pair up between two names, in [0, 1].

    >>> name_similarity("Mousa Abu Marzouk", "Moussa Abu Marzouk")
    1.0
    """
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return 0.0
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    unused = list(long_)
    matched = 0
    for token in short:
        for index, other in enumerate(unused):
            if _tokens_match(token, other):
                matched += 1
                del unused[index]
                break
    score = matched / len(long_)
    if matched == len(short) >= SUBSET_MIN_TOKENS:
        score = max(score, SUBSET_MATCH_SCORE)
    return score


# -- the actors table, as consolidation needs it --------------------------------


@dataclass(frozen=True, slots=True)
class ActorInfo:
    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    backers: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()  # registry ids of the organisations of its offices
    # (organisation id, country, sector) of each such office: what its holder acts as
    office_roles: tuple[tuple[str, str | None, str | None], ...] = ()


ACTOR_COLUMNS = "id, name, kind, country, sector, wikidata, aliases, backers, offices"


def actor_info(row: Mapping[str, Any]) -> ActorInfo:
    offices = json.loads(row["offices"]) if row.get("offices") else []
    return ActorInfo(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        country=row["country"],
        sector=row["sector"],
        wikidata=row["wikidata"],
        aliases=tuple(row["aliases"] or ()),
        backers=tuple(row["backers"] or ()),
        organisations=tuple(sorted({o["organisation"] for o in offices if o.get("organisation")})),
        office_roles=tuple(
            sorted(
                {
                    (o["organisation"], o.get("country"), o.get("sector"))
                    for o in offices
                    if o.get("organisation")
                },
                key=str,
            )
        ),
    )


@dataclass(slots=True)
class ActorIndex:
    """Actors by id, with active merges followed to the canonical actor."""

    actors: dict[str, ActorInfo] = field(default_factory=dict)
    merged_into: dict[str, str] = field(default_factory=dict)

    def canonical(self, actor_id: str) -> str:
        seen = 0
        while actor_id in self.merged_into and seen < MAX_MERGE_CHAIN:
            actor_id = self.merged_into[actor_id]
            seen += 1
        return actor_id

    def get(self, actor_id: str | None) -> ActorInfo | None:
        return None if actor_id is None else self.actors.get(self.canonical(actor_id))


def load_actor_index(store: Store, actor_ids: Iterable[str]) -> ActorIndex:
    """The actors named by ``actor_ids``, their canonical actors and office organisations."""
    index = ActorIndex()
    for row in store.fetchall(
        "SELECT actor_id, canonical_id FROM actor_merges WHERE undone_at IS NULL"
    ):
        index.merged_into[row[0]] = row[1]
    wanted = {index.canonical(a) for a in actor_ids} | set(actor_ids)
    while wanted:
        rows = store.records(
            f"SELECT {ACTOR_COLUMNS} FROM actors WHERE id IN (SELECT unnest(?))", [sorted(wanted)]
        )
        wanted = set()
        for row in rows:
            info = actor_info(row)
            index.actors[info.id] = info
            wanted |= {index.canonical(o) for o in info.organisations}
        wanted -= set(index.actors)
    return index


def settle_countries(store: Store, actor_ids: Iterable[str]) -> set[str]:
    """Give each ad-hoc actor the country most documents naming it give it;
    return the ids whose stored country changed.

    An ad-hoc actor's row is the first document's copy (``store.write.copy_replaces``),
    but its country is what a reference without one rolls up to (``map_node``
    rule 4: "Sessions" alone in an article) and what merges compare, so it is
    read from all its mentions: the country given in the most documents, then
    in the most mentions, then the first code, so neither the order of ingest
    nor ties decide it. An actor no mention gives a country keeps its row's.
    Run it inside the update's transaction, before merges and map views.
    """
    ids = sorted({a for a in actor_ids if is_ad_hoc(a)})
    if not ids:
        return set()
    best: dict[str, tuple[tuple[int, int, str], str]] = {}
    for actor_id, country, documents, mentions in store.fetchall(
        "SELECT actor_id, country, count(DISTINCT doc_id), count(*) FROM mentions "
        "WHERE actor_id IN (SELECT unnest(?)) AND country IS NOT NULL GROUP BY 1, 2",
        [ids],
    ):
        key = (-documents, -mentions, country)
        if actor_id not in best or key < best[actor_id][0]:
            best[actor_id] = (key, country)
    stored = dict(
        store.fetchall(
            "SELECT id, country FROM actors WHERE id IN (SELECT unnest(?))", [sorted(best)]
        )
    )
    changed = sorted(a for a, (_key, c) in best.items() if a in stored and stored[a] != c)
    if changed:
        store.execute(
            "UPDATE actors SET country = w.country "
            "FROM (SELECT unnest(?) AS id, unnest(?) AS country) w WHERE actors.id = w.id",
            [changed, [best[a][1] for a in changed]],
        )
    return set(changed)


# -- map nodes -----------------------------------------------------------------


def map_node(ref: ActorRef, index: ActorIndex, knowledge: MapKnowledge) -> str | None:
    """The node of the map an actor reference stands for: a state or an organisation.

    The one rule, in order:

    1. a registry actor whose kind is its own node (armed group, IGO, party,
       movement, NGO, company, media: ``relations.yaml`` map_nodes.own_kinds)
       is its own (canonical) id: ``hamas``, ``unsc``;
    2. a person holding an office in such an organisation is the organisation
       (a Hamas spokesman speaks for ``hamas``) when the reference acts in that
       office's country and sector, that is, held it then: Mark Rutte in 2017
       is the Dutch prime minister, not NATO, whose head he became in 2024;
    3. a person acting in a non-state sector (own_sectors: the opposition,
       rebels, a party, an international body) with no such office is that
       person (a node of kind person, which takes part in no relation), not
       their state: Alexei Navalny protesting is not Russia;
       an ad-hoc actor, not a person, acting in a non-state sector
       (own_sectors: REB, PTY, ...) is its own id: ``x-iranian-backed-militias``;
       so is an ad-hoc group of a state's people ("Syrian refugees", "the
       Syrian opposition": kind group), its country an attribute, not its node;
    4. anything else with a state country rolls up to that country: persons,
       ministries, armed forces, seats of power (Lavrov -> ``RUS``);
    5. otherwise the canonical actor id, else ``x-<slug of the name>`` for a
       name (``is_proper_name``), else None: an unresolved common noun ("About
       500 people", "civilians", "drug suspects") is no actor the map can name,
       and as a node it would split one story into blocks by how each telling
       counts its victims ("500 people" and "more than 1,000 people" arrested
       in Moscow).
    """
    actor = index.get(ref.actor_id)
    if actor is not None and actor.kind in knowledge.own_kinds:
        return actor.id
    if actor is not None and actor.kind == "person":
        for organisation_id, country, sector in actor.office_roles:
            if not _acts_as(ref, country, sector):
                continue
            organisation = index.get(organisation_id)
            if organisation is not None and organisation.kind in knowledge.own_kinds:
                return organisation.id
    if actor is not None and actor.kind == "person" and ref.sector in knowledge.own_sectors:
        # an opposition leader, a rebel commander, a party figure, a UN envoy with
        # no office of the registry: no organ of the state of their nationality
        return actor.id
    ad_hoc_group = (
        ref.actor_id and is_ad_hoc(ref.actor_id) and (actor is None or actor.kind != "person")
    )
    if ad_hoc_group and (
        ref.sector in knowledge.own_sectors or (actor is not None and actor.kind == "group")
    ):
        return index.canonical(ref.actor_id)
    country = _country_of(ref, actor)
    if country and is_state_node(country):
        return country
    if ref.actor_id:
        return index.canonical(ref.actor_id)
    if ref.name and is_proper_name(ref.name):
        slug = "-".join(name_tokens(ref.name))
        return f"x-{slug}" if slug else None
    return None


def is_proper_name(name: str) -> bool:
    """Whether an unresolved side's words name something: their last word (the
    head of an English noun phrase) is capitalised ("Kim Jong-nam", "Democrats",
    "Donetsk People's Republic"), not a common noun ("12 people", "About 500
    people": the first word is capitalised only as a sentence's first)."""
    words = name.split()
    return bool(words) and words[-1][:1].isupper()


def _country_of(ref: ActorRef, actor: ActorInfo | None) -> str | None:
    """The country a reference acts for. A person met only in articles, with a
    full name, is one person of one country: where one article's context makes
    it another state (Jeff Sessions Russian in an article about Russia, Theresa
    May Chinese in one about China), the country most articles give it
    (``settle_countries``) wins; a role in an international body ("UNO") stays."""
    settled = actor.country if actor else None
    if (
        actor is not None
        and actor.kind == "person"
        and is_ad_hoc(actor.id)
        and len(name_tokens(actor.name)) >= 2
        and settled
        and is_state_node(settled)
        and (ref.country is None or is_state_node(ref.country))
    ):
        return settled
    return ref.country or settled


def _acts_as(ref: ActorRef, country: str | None, sector: str | None) -> bool:
    """Whether a reference acts in an office's country and sector (unknown: it may)."""
    if ref.country is None and ref.sector is None:
        return True
    return (ref.country, ref.sector) == (country, sector)


def nodes_of(refs: Iterable[ActorRef], index: ActorIndex, knowledge: MapKnowledge) -> list[str]:
    """The sorted, distinct map nodes of an event side."""
    return sorted({n for r in refs if (n := map_node(r, index, knowledge)) is not None})


def resolve_node(store: Store, name_or_id: str, knowledge: MapKnowledge) -> str:
    """The map node a user means by a name, alias or id ("Russia", "RUS", "Hamas").

    Raises NotFoundError when no stored actor has that id, name or alias.
    """
    text = name_or_id.strip()
    rows = store.fetchall("SELECT id FROM actors WHERE id = ?", [text])
    if not rows:
        rows = store.fetchall(
            "SELECT id FROM actors WHERE lower(name) = lower(?) "
            "OR list_contains(string_split(lower(array_to_string(aliases, chr(31))), chr(31)), lower(?)) "
            "ORDER BY (kind = 'state') DESC, id LIMIT 1",
            [text, text],
        )
    if not rows:
        if is_state_node(text):
            return text
        node = _named_node(store, text)
        if node is not None:
            return node
        raise NotFoundError(
            f"No actor with id, name or alias {name_or_id!r} in the store. "
            "Try an ISO code (RUS), a registry id (hamas) or the name as articles write it."
        )
    actor_id = rows[0][0]
    return node_of(actor_id, load_actor_index(store, [actor_id]), knowledge)


def _named_node(store: Store, text: str) -> str | None:
    """A map node made from a name no actor row holds (``map_node`` rule 5), if the map has it.

    Asked for by its id (``x-9th-circuit``) or by the name it was made from
    ("9th Circuit"); the map's dyads (dyad_clusters) say whether it exists.
    """
    slug = "-".join(name_tokens(text))
    node = text if is_ad_hoc(text) else f"x-{slug}" if slug else None
    if node is None:
        return None
    found = store.fetchone(
        "SELECT 1 FROM dyad_clusters WHERE source = ? OR target = ? LIMIT 1", [node, node]
    )
    return node if found else None


def node_of(actor_id: str, index: ActorIndex, knowledge: MapKnowledge) -> str:
    """The map node of a stored actor (itself when no rule rolls it up)."""
    actor = index.get(actor_id)
    ref = ActorRef(
        name=actor.name if actor else actor_id,
        country=actor.country if actor else None,
        sector=actor.sector if actor else None,
        actor_id=actor_id,
    )
    return map_node(ref, index, knowledge) or actor_id
