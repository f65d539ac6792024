"""Merges: which stored actors are one actor named differently.

**Which stored actors are the same?** Never a matter of names looking
   alike (issue 14: "Kim Jong-un" was folded into "Kim Il-sung", the United
   States into "The New York Times"). An ad-hoc actor (``x-`` id, met in one
   article) joins another actor only when both are of the same kind (person,
   group, organisation: ``kind_family``) and country and the evidence is
   strong (``same_actor_evidence``): the same Wikidata id, the same full
   name, one's name an alias of the other, or the same name in another
   spelling ("Mousa"/"Moussa": a doubled letter; "Mohammed"/"Mohammad": one
   inner vowel) or number ("militia"/"militias"). A given name that differs
   otherwise is another person.
   Registry actors, states among them, are curated: never merged into
   anything automatically, and no automatic group holds two of them.
   Merges are rows of ``actor_merges`` with the evidence in ``reason``;
   ``unmerge_actor`` marks a merge undone, and an undone pair is never merged
   again automatically. ``check_merges`` lists merges whose members differ in
   country or kind (manual ones included), for a person to look at.
Automatic merges are the connected components of the evidence relation, with
a deterministic canonical member, so they do not depend on the order in which
documents arrive (a component never joins two registry actors, two kinds or
two countries: a link that would is left out).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from entente.consolidate.actors import (
    ACTOR_COLUMNS,
    ActorInfo,
    actor_info,
    is_ad_hoc,
    is_spelling_variant,
    kind_family,
    load_actor_index,
    name_tokens,
    singular_tokens,
)
from entente.errors import NotFoundError, UsageError
from entente.store.db import Store


def _canonical_rank(actor: ActorInfo) -> tuple[bool, int, str]:
    """Registry actors first, then the fullest name, then the id: order-free."""
    return (is_ad_hoc(actor.id), -len(name_tokens(actor.name)), actor.id)


# The methods of same_actor_evidence, strongest first: links join in this order.
_EVIDENCE_RANK = {
    "auto-wikidata": 0,
    "auto-name": 1,
    "auto-alias": 2,
    "auto-number": 3,
    "auto-spelling": 4,
}


@dataclass(frozen=True, slots=True)
class MergeEvidence:
    """Why two actors are one: the method stored in ``actor_merges`` and the reason shown."""

    method: str
    score: float
    reason: str


def same_actor_evidence(a: ActorInfo, b: ActorInfo) -> MergeEvidence | None:
    """The strong evidence that two stored actors are one, or None.

    In order: 1. two registry actors: None (curated, never merged by name);
    2. different kind families (``kind_family``), or a state: None;
    3. the same Wikidata id; 4. different countries: None; 5. the same full
    name; 6. one's name an alias of the other; 7. a group or organisation's
    name in the plural; 8. the same name spelt another way
    (``is_spelling_variant`` in one word, the others equal). 7 and 8 need at
    least two words and a known country. A shared surname, a name inside a
    longer one or names that merely look alike are no evidence.
    """
    if not (is_ad_hoc(a.id) or is_ad_hoc(b.id)):
        return None
    family = kind_family(a.kind)
    if family != kind_family(b.kind) or family == "state":
        return None
    if a.wikidata and a.wikidata == b.wikidata:
        return MergeEvidence("auto-wikidata", 1.0, f"same Wikidata id {a.wikidata}")
    if a.country != b.country:
        return None
    ta, tb = name_tokens(a.name), name_tokens(b.name)
    if not ta or not tb:
        return None
    if ta == tb:
        return MergeEvidence("auto-name", 1.0, f"same full name {b.name!r}")
    for one, other in ((a, b), (b, a)):
        for alias in one.aliases:
            if name_tokens(alias) == name_tokens(other.name):
                return MergeEvidence(
                    "auto-alias", 1.0, f"{other.name!r} is an alias of {one.name!r}"
                )
    if a.country is None or len(ta) != len(tb) or len(ta) < 2:
        return None
    if family != "person" and singular_tokens(ta) == singular_tokens(tb):
        return MergeEvidence(
            "auto-number", 1.0, f"{a.name!r} and {b.name!r}: one name, singular and plural"
        )
    differ = [(x, y) for x, y in zip(ta, tb, strict=True) if x != y]
    if len(differ) == 1 and is_spelling_variant(*differ[0]):
        return MergeEvidence(
            "auto-spelling", 1.0, f"{a.name!r} and {b.name!r}: one name, spelt two ways"
        )
    return None


def _candidates(store: Store, actors: list[ActorInfo]) -> dict[str, list[ActorInfo]]:
    """For each actor, the stored actors it may be: the same wikidata id, or the same
    country and a shared name word (of 3+ letters), in table order.

    One query for all of them, joining on the words: one query per actor, each
    splitting every stored name again, made ``entente rebuild`` quadratic in the
    number of actors (48 of 60 s on 484 articles).
    """
    if not actors:
        return {}
    words = [[t for t in name_tokens(a.name) if len(t) >= 3] for a in actors]
    columns = ", ".join(f"a.{c.strip()}" for c in ACTOR_COLUMNS.split(","))
    rows = store.records(
        "WITH wanted AS (SELECT unnest(?) AS for_id, unnest(?) AS country, "
        "unnest(?) AS wikidata, unnest(?) AS words), "
        "wanted_words AS (SELECT for_id, country, unnest(words) AS word FROM wanted), "
        "stored_words AS (SELECT id, country, "
        "unnest(regexp_split_to_array(lower(name), '[^a-z0-9]+')) AS word FROM actors), "
        "pairs AS ("
        "SELECT w.for_id, s.id FROM wanted_words w JOIN stored_words s "
        "ON s.word = w.word AND s.country IS NOT DISTINCT FROM w.country "
        "UNION SELECT w.for_id, a.id FROM wanted w JOIN actors a ON a.wikidata = w.wikidata) "
        f"SELECT p.for_id, {columns} FROM pairs p JOIN actors a ON a.id = p.id "
        "WHERE p.id <> p.for_id ORDER BY p.for_id, a.rowid",
        [[a.id for a in actors], [a.country for a in actors], [a.wikidata for a in actors], words],
    )
    found: dict[str, list[ActorInfo]] = {a.id: [] for a in actors}
    for row in rows:
        found[row.pop("for_id")].append(actor_info(row))
    return found


class _Components:
    """Union-find over actors that never joins two registry actors, two kind
    families or two known countries into one component (order of links: sorted)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.registry: dict[str, set[str]] = {}
        self.families: dict[str, set[str]] = {}
        self.countries: dict[str, set[str]] = {}

    def find(self, x: str) -> str:
        while self.parent.setdefault(x, x) != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def _root(self, actor: ActorInfo) -> str:
        root = self.find(actor.id)
        if root not in self.families:
            self.registry[root] = set() if is_ad_hoc(actor.id) else {actor.id}
            self.families[root] = {kind_family(actor.kind)}
            self.countries[root] = {actor.country} if actor.country else set()
        return root

    def join(self, a: ActorInfo, b: ActorInfo) -> bool:
        ra, rb = self._root(a), self._root(b)
        if ra == rb:
            return True
        registry = self.registry[ra] | self.registry[rb]
        families = self.families[ra] | self.families[rb]
        countries = self.countries[ra] | self.countries[rb]
        if len(registry) > 1 or len(families) > 1 or len(countries) > 1:
            return False
        self.parent[ra] = rb
        self.registry[rb], self.families[rb], self.countries[rb] = registry, families, countries
        return True


def auto_merge_actors(store: Store, actor_ids: Iterable[str]) -> set[str]:
    """Merge ``actor_ids`` with the stored actors they match; return the ids whose canonical changed.

    Call it inside a transaction. Manual merges and undone pairs are left alone.
    """
    ids = sorted(set(actor_ids))
    if not ids:
        return set()
    rows = store.records(
        f"SELECT {ACTOR_COLUMNS} FROM actors WHERE id IN (SELECT unnest(?))", [ids]
    )
    merges = store.records("SELECT actor_id, canonical_id, method, undone_at FROM actor_merges")
    active = {m["actor_id"]: m["canonical_id"] for m in merges if m["undone_at"] is None}
    manual = {m["actor_id"] for m in merges if m["method"] == "manual"}
    split = {
        frozenset((m["actor_id"], m["canonical_id"])) for m in merges if m["undone_at"] is not None
    }
    infos: dict[str, ActorInfo] = {}
    evidence: dict[str, MergeEvidence] = {}
    # (rank of the evidence, actor, other, evidence): the strongest links join first
    links: list[tuple[int, str, str, MergeEvidence | None]] = []
    actors = [actor_info(row) for row in rows]
    candidates = _candidates(store, actors)
    for actor in actors:
        infos[actor.id] = actor
        for other in candidates[actor.id]:
            if frozenset((actor.id, other.id)) in split or {actor.id, other.id} & manual:
                continue
            found = same_actor_evidence(actor, other)
            if found is None:
                continue
            infos[other.id] = other
            links.append((_EVIDENCE_RANK[found.method], actor.id, other.id, found))
    # Existing automatic groups of the actors touched join their new components.
    # (Those of the actors stored again too: a group may no longer hold, below.)
    touched_groups = {active.get(a, a) for link in links for a in link[1:3]} | {
        active[a] for a in ids if a in active
    }
    for member, canonical in active.items():
        if member not in manual and canonical in touched_groups:
            links.append((len(_EVIDENCE_RANK), member, canonical, None))
    missing = sorted({a for link in links for a in link[1:3]} - set(infos))
    if missing:
        for row in store.records(
            f"SELECT {ACTOR_COLUMNS} FROM actors WHERE id IN (SELECT unnest(?))", [missing]
        ):
            infos[row["id"]] = actor_info(row)
    components = _Components()
    for _rank, one, other, found in sorted(links, key=lambda link: link[:3]):
        if one not in infos or other not in infos:
            continue
        if components.join(infos[one], infos[other]) and found is not None:
            for end in (one, other):
                if is_ad_hoc(end) and end not in evidence:
                    evidence[end] = found
    parent, find = components.parent, components.find
    groups: dict[str, list[ActorInfo]] = {}
    for actor_id in parent:
        if actor_id in infos:
            groups.setdefault(find(actor_id), []).append(infos[actor_id])
    changed: set[str] = set()
    now = datetime.now(UTC).replace(tzinfo=None)
    for members in groups.values():
        # A group of one may be a member whose automatic merge no longer holds: its
        # actor was stored again with another country (an ad-hoc actor's row is the
        # last document's), so the join was refused; its merge is removed below.
        best = min(members, key=_canonical_rank)
        for actor in members:
            target = None if actor.id == best.id else best.id
            if active.get(actor.id) == target:
                continue
            changed.add(actor.id)
            store.execute("DELETE FROM actor_merges WHERE actor_id = ?", [actor.id])
            if target is not None:
                found = evidence.get(actor.id) or MergeEvidence(
                    "auto-name", 1.0, f"same actor as {best.name!r}"
                )
                store.execute(
                    "INSERT INTO actor_merges VALUES (?, ?, ?, ?, ?, ?, NULL)",
                    [actor.id, target, found.method, found.score, found.reason, now],
                )
    return changed


def record_merge(store: Store, keep: str, drop: str, reason: str | None) -> None:
    """Write a manual merge of ``drop`` into ``keep`` (no map refresh: see merge_actors)."""
    if keep == drop:
        raise UsageError(f"Cannot merge actor {keep!r} into itself.")
    found = {r[0] for r in store.fetchall("SELECT id FROM actors WHERE id IN (?, ?)", [keep, drop])}
    for actor_id in (keep, drop):
        if actor_id not in found:
            raise NotFoundError(f"No actor with id {actor_id!r}. List actors with: entente actors")
    store.execute("DELETE FROM actor_merges WHERE actor_id = ?", [drop])
    store.execute(
        "INSERT INTO actor_merges VALUES (?, ?, 'manual', NULL, ?, ?, NULL)",
        [drop, keep, reason, datetime.now(UTC).replace(tzinfo=None)],
    )


def record_unmerge(store: Store, actor_id: str) -> str:
    """Mark the active merge of ``actor_id`` undone; return the actor it was merged into."""
    row = store.fetchone(
        "SELECT canonical_id FROM actor_merges WHERE actor_id = ? AND undone_at IS NULL",
        [actor_id],
    )
    if row is None:
        raise NotFoundError(
            f"Actor {actor_id!r} is not merged into another. See merges with: entente merges list"
        )
    store.execute(
        "UPDATE actor_merges SET undone_at = ?, method = 'manual' WHERE actor_id = ?",
        [datetime.now(UTC).replace(tzinfo=None), actor_id],
    )
    return row[0]


def merge_actors(store: Store, keep: str, drop: str, reason: str | None = None) -> set[str]:
    """Merge actor ``drop`` into ``keep`` and refresh the map; return the clusters touched.

    Raises NotFoundError for an unknown id, UsageError for a self-merge.
    """
    # Imported here: the map update uses this module's node rule.
    from entente.consolidate import refresh_actors

    with store.transaction():
        record_merge(store, keep, drop, reason)
        return refresh_actors(store, {keep, drop})


def unmerge_actor(store: Store, actor_id: str) -> set[str]:
    """Undo the merge of ``actor_id``, keep it apart from then on, and refresh the map.

    Returns the clusters touched. Raises NotFoundError when it is not merged.
    """
    from entente.consolidate import refresh_actors

    with store.transaction():
        canonical = record_unmerge(store, actor_id)
        return refresh_actors(store, {actor_id, canonical})


def list_merges(store: Store, include_undone: bool = False) -> list[dict[str, Any]]:
    """Merges with both actors' names, newest first."""
    where = "" if include_undone else "WHERE m.undone_at IS NULL"
    return store.records(
        "SELECT m.actor_id, a.name AS actor_name, m.canonical_id, c.name AS canonical_name, "
        "m.method, m.score, m.reason, m.merged_at, m.undone_at FROM actor_merges m "
        "LEFT JOIN actors a ON a.id = m.actor_id LEFT JOIN actors c ON c.id = m.canonical_id "
        f"{where} ORDER BY m.merged_at DESC, m.actor_id"
    )


@dataclass(frozen=True, slots=True)
class MergeProblem:
    """An active merge whose members differ in country or kind (``check_merges``)."""

    actor_id: str
    actor_name: str | None
    canonical_id: str
    canonical_name: str | None
    method: str
    problem: str


def check_merges(store: Store) -> list[MergeProblem]:
    """Active merges (automatic or manual) joining actors of different countries or
    kind families: each member against the actor its merge chain ends at.

    A member with no country is not counted as another country. Returns them
    sorted by canonical and member id; an empty list when every merge is sound.
    """
    rows = store.fetchall(
        "SELECT actor_id, canonical_id, method FROM actor_merges WHERE undone_at IS NULL"
    )
    if not rows:
        return []
    index = load_actor_index(store, [r[0] for r in rows])
    problems = []
    for actor_id, _target, method in rows:
        member = index.actors.get(actor_id)
        canonical = index.get(actor_id)
        if member is None or canonical is None or canonical.id == member.id:
            continue
        found = []
        if member.country and canonical.country and member.country != canonical.country:
            found.append(f"countries {member.country} and {canonical.country}")
        if kind_family(member.kind) != kind_family(canonical.kind):
            found.append(f"kinds {member.kind} and {canonical.kind}")
        if found:
            problems.append(
                MergeProblem(
                    member.id, member.name, canonical.id, canonical.name, method, "; ".join(found)
                )
            )
    return sorted(problems, key=lambda p: (p.canonical_id, p.actor_id))
