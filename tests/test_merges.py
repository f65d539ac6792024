"""Automatic actor merges need strong evidence (issue 14): invented names only.

The cases mirror what name similarity did on the 2017 corpus: four members of
one family folded into their forebear, three men sharing a given name folded
into one, and a newspaper that swallowed its country's actors.
"""

from __future__ import annotations

from pathlib import Path

from map_fixtures import doc, store_of

from entente.consolidate.actors import ActorInfo, is_spelling_variant
from entente.consolidate.merges import (
    auto_merge_actors,
    check_merges,
    list_merges,
    record_merge,
    same_actor_evidence,
)
from entente.records import Actor


def _person(actor_id: str, name: str, country: str | None) -> Actor:
    return Actor(actor_id, name, "person", country, "GOV")


def _merged(tmp_path: Path, actors: list[Actor]) -> list[tuple[str, str, str]]:
    with store_of(tmp_path / "s.duckdb", [doc("d-1", "a.com", "2024-01-06", [], actors)]) as store:
        auto_merge_actors(store, [a.id for a in actors])
        return sorted((r["actor_id"], r["canonical_id"], r["method"]) for r in list_merges(store))


def test_merges_family_members_differing_in_given_name_stay_apart(tmp_path: Path) -> None:
    """Issue 14: Kim Jong-un, Kim Jong-il, Kim Jong-nam, Kim Yo-jong were merged into Kim Il-sung."""
    actors = [
        _person("pak-il-chol", "Pak Il-chol", "PRK"),  # a registry person
        _person("x-pak-song-chol", "Pak Song-chol", "PRK"),
        _person("x-pak-song-il", "Pak Song-il", "PRK"),
        _person("x-pak-song-nam", "Pak Song-nam", "PRK"),
        _person("x-pak-yo-song", "Pak Yo-song", "PRK"),
        _person("x-pak-song", "Pak Song", "PRK"),  # a short form inside every longer name
    ]
    assert _merged(tmp_path, actors) == []


def test_merges_people_sharing_a_given_name_stay_apart(tmp_path: Path) -> None:
    """Issue 14: George W. Bush, George Osborne and George Soros were merged into George H. W. Bush."""
    actors = [
        _person("harold-k-w-brandt", "Harold K. W. Brandt", "USA"),  # a registry person
        _person("x-harold-w-brandt", "Harold W. Brandt", "USA"),
        _person("x-harold-osterman", "Harold Osterman", "GBR"),
        _person("x-harold-sorel", "Harold Sorel", "USA"),
        _person("x-harold-brandt", "Harold Brandt", "USA"),
    ]
    assert _merged(tmp_path, actors) == []


def test_merges_same_full_name_or_alias_of_one_kind_joins(tmp_path: Path) -> None:
    lantern = Actor(
        "daily-lantern", "The Daily Lantern", "media", "USA", "JRN", aliases=["Lantern Daily"]
    )
    actors = [
        lantern,
        Actor("x-daily-lantern", "Daily Lantern", "organisation", "USA", None),
        Actor("x-lantern-daily", "Lantern Daily", "organisation", "USA", None),
        _person("x-daily-lanterns", "Daily Lanterns", "USA"),  # a person: another kind
        Actor("FRD", "Freedonia", "state", "FRD", "GOV"),
        Actor("x-freedonia", "Freedonia", "organisation", "FRD", None),  # never into a state
    ]
    assert _merged(tmp_path, actors) == [
        ("x-daily-lantern", "daily-lantern", "auto-name"),
        ("x-lantern-daily", "daily-lantern", "auto-alias"),
    ]


def test_merges_never_join_two_registry_actors(tmp_path: Path) -> None:
    """An ad-hoc actor matching two curated ones joins one, never bridges them."""
    actors = [
        Actor("harbour-council", "Harbour Council", "ngo", "USA", "NGO"),
        Actor("harbour-board", "Harbour Board", "ngo", "USA", "NGO", aliases=["Harbour Council"]),
        Actor("x-harbour-council", "Harbour Council", "organisation", "USA", None),
    ]
    merged = _merged(tmp_path, actors)
    assert [(a, m) for a, _c, m in merged] == [("x-harbour-council", "auto-name")]


def test_merges_spelling_variants_of_one_word() -> None:
    assert is_spelling_variant("mousa", "moussa")
    assert is_spelling_variant("mohammed", "mohammad")
    assert not is_spelling_variant("maria", "mario")  # a last vowel: another name
    assert not is_spelling_variant("un", "il")
    assert not is_spelling_variant("osborne", "soros")


def test_merges_evidence_says_why() -> None:
    one = ActorInfo("x-mousa-abu-marzouk", "Mousa Abu Marzouk", "person", "PSE", "REB")
    two = ActorInfo("x-moussa-abu-marzouk", "Moussa Abu Marzouk", "person", "PSE", "REB")
    other_country = ActorInfo("x-moussa-abu-marzouk", "Moussa Abu Marzouk", "person", "EGY", "REB")
    found = same_actor_evidence(one, two)
    assert found is not None and found.method == "auto-spelling"
    assert "Mousa Abu Marzouk" in found.reason and "Moussa Abu Marzouk" in found.reason
    assert same_actor_evidence(one, other_country) is None


def test_merges_check_flags_members_of_different_countries_or_kinds(tmp_path: Path) -> None:
    actors = [
        _person("pak-il-chol", "Pak Il-chol", "PRK"),
        _person("x-harold-osterman", "Harold Osterman", "GBR"),
        Actor("x-osterman-group", "Osterman Group", "organisation", "GBR", "BUS"),
        _person("x-harold-sorel", "Harold Sorel", "GBR"),
    ]
    with store_of(tmp_path / "s.duckdb", [doc("d-1", "a.com", "2024-01-06", [], actors)]) as store:
        record_merge(store, "pak-il-chol", "x-harold-osterman", "a slip")
        record_merge(store, "x-harold-sorel", "x-osterman-group", "another slip")
        problems = check_merges(store)
    assert [(p.actor_id, p.canonical_id, p.problem) for p in problems] == [
        ("x-harold-osterman", "pak-il-chol", "countries GBR and PRK"),
        ("x-osterman-group", "x-harold-sorel", "kinds organisation and person"),
    ]


def test_merges_an_automatic_merge_that_no_longer_holds_is_removed(tmp_path: Path) -> None:
    """Issue 14 (whole 2017 store): 'Jerrold Nadler' was merged into 'Jerold Nadler' while both
    were American; a later article stored the first as Russian, and the merge stayed, joining
    two countries. An update touching it now re-checks the group and removes the merge."""
    first = [
        _person("x-harold-brandtt", "Harold Brandtt", "USA"),
        _person("x-harold-brandt", "Harold Brandt", "USA"),
    ]
    with store_of(tmp_path / "s.duckdb", [doc("d-1", "a.com", "2024-01-06", [], first)]) as store:
        auto_merge_actors(store, [a.id for a in first])
        assert [m["actor_id"] for m in list_merges(store)] == ["x-harold-brandtt"]
        store.execute("UPDATE actors SET country = 'RUS' WHERE id = 'x-harold-brandtt'")
        assert check_merges(store)  # flagged, as `entente merges check` did
        changed = auto_merge_actors(store, ["x-harold-brandtt"])
        assert changed == {"x-harold-brandtt"}
        assert list_merges(store) == [] and check_merges(store) == []
