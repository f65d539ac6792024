"""Event clusters across documents, their conflicts, claims and actor merges."""

from __future__ import annotations

import random
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from map_fixtures import ACTORS, add, doc, event, store_of

from entente.consolidate import rebuild_map, update_map
from entente.consolidate.actors import name_similarity
from entente.consolidate.blocks import EventRow, windows_overlap
from entente.consolidate.clusters import WindowIndex
from entente.consolidate.merges import merge_actors, unmerge_actor
from entente.query import (
    EventFilters,
    claims,
    conflicts,
    event_filters,
    iter_clusters,
    iter_relations,
)
from entente.records import Actor, ActorRef, Mention

ATTACK_A = event(
    "e-a1",
    "ASSAULT",
    ["IRN"],
    ["ISR"],
    "Iran launched 350 missiles and drones at Israel in April.",
    date="2024-04",
    quantities=[(350, "missiles and drones")],
)
ATTACK_B = event(
    "e-b1",
    "ASSAULT",
    ["IRN"],
    ["ISR"],
    "Iran fired a barrage of 300 missiles and drones at Israel on April 13.",
    date="2024-04-13",
    quantities=[(300, "barrage of missiles and drones")],
)


def _clusters(store) -> list[dict]:
    return list(iter_clusters(store))


def test_clusters_quantity_conflict_across_outlets(tmp_path: Path) -> None:
    docs = [
        doc("d-a", "outlet-a.com", "2024-04-20", [ATTACK_A]),
        doc("d-b", "outlet-b.com", "2024-04-15", [ATTACK_B]),
    ]
    with store_of(tmp_path / "s.duckdb", docs) as store:
        update_map(store, ["d-a", "d-b"])
        (cluster,) = _clusters(store)
        assert cluster["members"] == ["e-a1", "e-b1"]
        assert cluster["outlets"] == ["outlet-a.com", "outlet-b.com"]
        assert cluster["actor"] == ["IRN"] and cluster["recipient"] == ["ISR"]
        assert cluster["date_start"] == "2024-04-13"
        (conflict,) = cluster["conflicts"]
        assert conflict["field"] == "quantity"
        assert {v["value"]: v["events"] for v in conflict["values"]} == {
            300: ["e-b1"],
            350: ["e-a1"],
        }
        listed = conflicts(store, EventFilters(), limit=5)["conflicts"]
        sentences = {e["sentence_text"] for v in listed[0]["values"] for e in v["events"]}
        assert len(sentences) == 2


def test_clusters_one_document_two_counts_are_two_events(tmp_path: Path) -> None:
    """Issue 14: the 7-country ban and the revised 6-country ban were one event in conflict."""
    first = event(
        "e-1",
        "SANCTION",
        ["USA"],
        ["IRN"],
        "The United States barred travellers from 7 countries including Iran.",
        date="2017-01-27",
        quantities=[(7, "countries")],
    )
    revised = event(
        "e-2",
        "SANCTION",
        ["USA"],
        ["IRN"],
        "The revised order bars travellers from 6 countries including Iran.",
        date="2017-01-27",
        quantities=[(6, "countries")],
        index=1,
    )
    with store_of(
        tmp_path / "s.duckdb", [doc("d-1", "a.com", "2017-03-07", [first, revised])]
    ) as store:
        update_map(store, ["d-1"])
        clusters = _clusters(store)
        assert sorted(c["members"] for c in clusters) == [["e-1"], ["e-2"]]
        assert all(not c["conflicts"] for c in clusters)


def test_clusters_one_source_giving_two_counts_is_no_conflict(tmp_path: Path) -> None:
    """Two documents that each give both numbers do not disagree (Trump's 12 and Obama's 15)."""
    sentence = "The United States signed 12 orders on Iran, after 15 the year before."
    docs = [
        doc(
            name,
            f"{name}.com",
            "2017-03-07",
            [
                event(
                    f"{name}-1", "SANCTION", ["USA"], ["IRN"], sentence, quantities=[(12, "orders")]
                ),
                event(
                    f"{name}-2", "SANCTION", ["USA"], ["IRN"], sentence, quantities=[(15, "orders")]
                ),
            ],
        )
        for name in ("d-1", "d-2")
    ]
    with store_of(tmp_path / "s.duckdb", docs) as store:
        update_map(store, ["d-1", "d-2"])
        assert all(not c["conflicts"] for c in _clusters(store))


def test_clusters_unrelated_attacks_kept_apart(tmp_path: Path) -> None:
    other = event(
        "e-c1",
        "ASSAULT",
        ["IRN"],
        ["ISR"],
        "Iran struck Israel in 2020.",
        date="2020-01-03",
    )
    docs = [
        doc("d-a", "a.com", "2024-04-20", [ATTACK_A]),
        doc("d-c", "c.com", "2020-01-05", [other]),
    ]
    with store_of(tmp_path / "s.duckdb", docs) as store:
        update_map(store, ["d-a", "d-c"])
        assert len(_clusters(store)) == 2


def test_clusters_assert_and_deny_is_polarity_conflict(tmp_path: Path) -> None:
    said = event(
        "e-p1",
        "AID",
        ["wagner-group"],
        ["hamas"],
        "Wagner Group fighters trained Hamas militants in Africa, intelligence sources said.",
        date="2023-10",
        certainty="alleged",
        attributed_to="Western intelligence",
    )
    denied = event(
        "e-n1",
        "AID",
        ["wagner-group"],
        ["hamas"],
        "Wagner Group did not train Hamas militants, its officials said.",
        date="2023-10",
        polarity="negative",
        attributed_to="Wagner Group",
    )
    docs = [
        doc("d-1", "one.com", "2023-10-20", [said]),
        doc("d-2", "two.com", "2023-10-25", [denied]),
    ]
    with store_of(tmp_path / "s.duckdb", docs) as store:
        update_map(store, ["d-1", "d-2"])
        (cluster,) = _clusters(store)
        fields = {c["field"] for c in cluster["conflicts"]}
        assert "polarity" in fields
        assert cluster["status"] == "disputed"
        found = claims(store, EventFilters(), limit=10)
        assert {c["event_id"] for c in found} == {"e-p1", "e-n1"}
        assert all(c["outlets_reporting"] == 2 for c in found)
        assert (
            claims(store, event_filters(certainty="alleged"))[0]["claimant"]
            == "Western intelligence"
        )


def test_clusters_reference_back_joins_its_event(tmp_path: Path) -> None:
    mention = event(
        "e-a2",
        "ASSAULT",
        ["IRN"],
        [],
        "The attack was condemned.",
        date="2024-04-20",
        basis="publication",
        index=3,
    )
    with store_of(
        tmp_path / "s.duckdb", [doc("d-a", "a.com", "2024-04-20", [ATTACK_A, mention])]
    ) as store:
        update_map(store, ["d-a"])
        (cluster,) = _clusters(store)
        assert cluster["members"] == ["e-a1", "e-a2"]


def _corpus() -> list:
    """Six documents: one attack told three ways, a call, aid and a denial."""
    call = event(
        "e-c",
        "CONSULT",
        ["RUS"],
        ["IRN"],
        "Lavrov phoned his Iranian counterpart.",
        date="2024-04-14",
    )
    call2 = event(
        "e-c2",
        "CONSULT",
        ["IRN"],
        ["RUS"],
        "Iran's minister phoned Lavrov on Sunday.",
        date="2024-04-14",
    )
    aid = event(
        "e-d", "AID", ["IRN"], ["RUS"], "Iran supplied Shahed drones to Russia.", date="2022-09"
    )
    aid2 = event(
        "e-e",
        "COOPERATE",
        ["IRN"],
        ["RUS"],
        "Iran delivered Shahed drones to Russia.",
        date="2022-09",
    )
    return [
        doc("d-a", "a.com", "2024-04-20", [ATTACK_A]),
        doc("d-b", "b.com", "2024-04-15", [ATTACK_B]),
        doc("d-c", "c.com", "2024-04-15", [call]),
        doc("d-d", "a.com", "2022-10-01", [aid]),
        doc("d-e", "e.com", "2022-10-02", [aid2]),
        doc("d-f", "f.com", "2024-04-16", [call2]),
    ]


def _snapshot(store) -> tuple:
    clusters = sorted(
        (c["id"], tuple(c["members"]), c["n_conflicts"], c["status"]) for c in iter_clusters(store)
    )
    relations = sorted(
        (r["source"], r["target"], r["kind"], r["certainty"], r["strength"], tuple(r["clusters"]))
        for r in iter_relations(store)
    )
    return clusters, relations


def test_clusters_all_at_once_equals_rebuild(tmp_path: Path) -> None:
    docs = _corpus()
    with store_of(tmp_path / "s.duckdb", docs) as store:
        update_map(store, [d.document.id for d in docs])
        first = _snapshot(store)
        rebuild_map(store)
        assert _snapshot(store) == first
        assert len(first[0]) == 3  # attack, call (both directions), drones


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(order=st.permutations(range(6)), cut=st.integers(min_value=0, max_value=6))
def test_clusters_two_halves_equal_all_at_once(order: list[int], cut: int) -> None:
    docs = _corpus()
    with tempfile.TemporaryDirectory() as folder:
        with store_of(Path(folder) / "all.duckdb", docs) as store:
            update_map(store, [d.document.id for d in docs])
            expected = _snapshot(store)
        shuffled = [docs[i] for i in order]
        with store_of(Path(folder) / "halves.duckdb", []) as store:
            for part in (shuffled[:cut], shuffled[cut:]):
                if part:
                    add(store, part)
                    update_map(store, [d.document.id for d in part])
            assert _snapshot(store) == expected


def test_actors_name_similarity_spelling_variants() -> None:
    assert name_similarity("Mousa Abu Marzouk", "Moussa Abu Marzouk") == 1.0
    assert name_similarity("Ali Baraka", "Ali Khamenei") < 0.75


def test_actors_auto_merge_and_unmerge_round_trip(tmp_path: Path) -> None:
    one = event(
        "e-1",
        "ACCUSE",
        ["x-mousa-abu-marzouk"],
        ["ISR"],
        "Mousa Abu Marzouk accused Israel.",
        date="2024-01-05",
    )
    two = event(
        "e-2",
        "ACCUSE",
        ["x-moussa-abu-marzouk"],
        ["ISR"],
        "Moussa Abu Marzouk accused Israel.",
        date="2024-01-05",
    )
    docs = [doc("d-1", "a.com", "2024-01-06", [one]), doc("d-2", "b.com", "2024-01-06", [two])]
    with store_of(tmp_path / "s.duckdb", docs) as store:
        update = update_map(store, ["d-1", "d-2"])
        assert update.merges == 1
        merged = store.fetchall("SELECT actor_id, canonical_id, method FROM actor_merges")
        # One name spelt two ways: the smaller id is kept, whichever document came first.
        assert merged == [("x-moussa-abu-marzouk", "x-mousa-abu-marzouk", "auto-spelling")]
        # Merged, the two spellings are one node: one cluster.
        assert len(list(iter_clusters(store))) == 1
        unmerge_actor(store, "x-moussa-abu-marzouk")
        assert store.fetchone("SELECT count(*) FROM actor_merges WHERE undone_at IS NULL") == (0,)
        # An undone merge stays undone when the map is rebuilt: a person acting
        # for a rebel group (no state's organ) is their own node, so two clusters.
        rebuild_map(store)
        assert store.fetchone("SELECT count(*) FROM actor_merges WHERE undone_at IS NULL") == (0,)
        assert len(list(iter_clusters(store))) == 2
        merge_actors(store, "x-mousa-abu-marzouk", "x-moussa-abu-marzouk", reason="same man")
        assert store.fetchone("SELECT method FROM actor_merges WHERE undone_at IS NULL") == (
            "manual",
        )
        assert len(list(iter_clusters(store))) == 1


def test_actors_person_of_a_state_rolls_up_to_it(tmp_path: Path) -> None:
    call = event(
        "e-1",
        "CONSULT",
        ["sergei-lavrov"],
        ["IRN"],
        "Sergei Lavrov phoned Iran.",
        date="2024-04-14",
    )
    with store_of(tmp_path / "s.duckdb", [doc("d-1", "a.com", "2024-04-15", [call])]) as store:
        update_map(store, ["d-1"])
        (cluster,) = _clusters(store)
        assert cluster["actor"] == ["RUS"] and cluster["recipient"] == ["IRN"]
    assert ACTORS["hamas"].kind == "armed-group"


def _bare_event(eid: str) -> EventRow:
    return EventRow(
        *(eid, "d", 0, "AID", None, None, [], [], None, None, None, None),
        *("asserted", "positive", "actual", None, [], "", "", None, None, None),
    )


def test_window_index_visits_exactly_the_overlapping_windows() -> None:
    """The sweep that keeps big blocks n log n skips only pairs whose windows cannot meet."""
    rng = random.Random(7)
    base = date(2017, 1, 1)
    events = []
    for number in range(300):
        row = _bare_event(f"e-{number}")
        if rng.random() < 0.05:
            row.lo = row.hi = None  # no date at all: overlaps everything
        else:
            row.lo = base + timedelta(days=rng.randrange(800))
            row.hi = row.lo + timedelta(days=rng.choice([0, 2, 30, 62, 367, 1200]))
        events.append(row)
    index = WindowIndex(events)
    for row in events:
        expected = {o.id for o in events if windows_overlap(row, o)}
        assert {o.id for o in index.overlapping(row)} == expected


def test_claims_show_who_asserts_and_who_denies(tmp_path: Path) -> None:
    alleged = event(
        "e-c1",
        "AID",
        ["IRN"],
        ["hamas"],
        "Israel accused Iran of arming Hamas.",
        date="2023-10",
        certainty="alleged",
        attributed_to="Israel",
    )
    denied = event(
        "e-c2",
        "AID",
        ["IRN"],
        ["hamas"],
        "Israel accused Iran of arming Hamas.",
        date="2023-10",
        certainty="denied",
        attributed_to="Iran",
        index=1,
    )
    with store_of(
        tmp_path / "s.duckdb", [doc("d-1", "one.com", "2023-10-20", [alleged, denied])]
    ) as store:
        update_map(store, ["d-1"])
        found = {c["event_id"]: c for c in claims(store, EventFilters(), limit=10)}
        assert set(found) == {"e-c1", "e-c2"}
        for claim in found.values():
            assert claim["claimed_by"] == ["Israel"]
            assert claim["denied_by"] == ["Iran"]


def test_clusters_assert_and_allege_is_no_conflict(tmp_path: Path) -> None:
    """Issue 14: one outlet asserting and another alleging corroborate with doubt; no disagreement."""
    asserted = event(
        "e-1", "ASSAULT", ["IRN"], ["ISR"], "Iran fired drones at Israel.", date="2024-04-13"
    )
    alleged = event(
        "e-2",
        "ASSAULT",
        ["IRN"],
        ["ISR"],
        "Iran reportedly fired drones at Israel.",
        date="2024-04-13",
        certainty="alleged",
    )
    docs = [
        doc("d-1", "a.com", "2024-04-14", [asserted]),
        doc("d-2", "b.com", "2024-04-14", [alleged]),
    ]
    with store_of(tmp_path / "s.duckdb", docs) as store:
        update_map(store, ["d-1", "d-2"])
        (cluster,) = _clusters(store)
        assert cluster["conflicts"] == []


def test_clusters_running_total_is_no_quantity_conflict(tmp_path: Path) -> None:
    """Issue 14: "10 soldiers killed in recent days" does not dispute "3 killed by a strike"."""
    total = event(
        "e-t1",
        "ASSAULT",
        ["IRN"],
        ["ISR"],
        "Iran has fired 300 missiles and drones at Israel since April 13.",
        date="2024-04-13",
        quantities=[(300, "missiles and drones")],
    )
    docs = [
        doc("d-a", "outlet-a.com", "2024-04-20", [ATTACK_A]),
        doc("d-t", "outlet-t.com", "2024-04-15", [total]),
    ]
    with store_of(tmp_path / "s.duckdb", docs) as store:
        update_map(store, ["d-a", "d-t"])
        (cluster,) = _clusters(store)
        assert cluster["members"] == ["e-a1", "e-t1"]
        assert cluster["conflicts"] == []


def _launch(eid: str, sentence: str, day: str, date_text: str) -> dict:
    return event(eid, "ASSAULT", ["IRN"], ["ISR"], sentence, date=day, date_text=date_text, index=0)


def test_clusters_date_conflict_needs_dates_that_fix_the_day(tmp_path: Path) -> None:
    """Issue 14: "last week" read on the 15th and on the 17th is no disagreement about when;
    "March 8" against "March 12" is."""
    month = event(
        "e-m",
        "ASSAULT",
        ["IRN"],
        ["ISR"],
        "Iran fired missiles at Israel this month.",
        date="2017-03",
        date_text="this month",
    )
    for words, expected in ((("last week", "last week"), False), (("March 8", "March 12"), True)):
        docs = [
            doc(
                "d-1",
                "one.com",
                "2017-03-15",
                [_launch("e-1", "Iran fired missiles at Israel.", "2017-03-08", words[0])],
            ),
            doc(
                "d-2",
                "two.com",
                "2017-03-17",
                [_launch("e-2", "Iran fired missiles at Israel.", "2017-03-12", words[1])],
            ),
            doc("d-3", "three.com", "2017-03-20", [month]),
        ]
        with store_of(tmp_path / f"{expected}.duckdb", docs) as store:
            update_map(store, ["d-1", "d-2", "d-3"])
            (cluster,) = _clusters(store)
            fields = {c["field"] for c in cluster["conflicts"]}
            assert ("date" in fields) is expected, words


def test_clusters_narrators_negative_is_no_polarity_conflict(tmp_path: Path) -> None:
    """Issue 14: "X did not attend the meeting" beside "Y met Z" is two events, not a denial."""
    met = event(
        "e-1",
        "CONSULT",
        ["IRN"],
        ["RUS"],
        "Iran's minister met Russian officials.",
        date="2017-03-02",
    )
    absent = event(
        "e-2",
        "CONSULT",
        ["IRN"],
        ["RUS"],
        "Iran's minister did not meet Russian officials.",
        date="2017-03-02",
        polarity="negative",
    )
    denied = event(
        "e-3",
        "CONSULT",
        ["IRN"],
        ["RUS"],
        "Iran's minister did not meet Russian officials, he said.",
        date="2017-03-02",
        polarity="negative",
        certainty="reported",
        attributed_to="the minister",
    )
    for second, expected in ((absent, False), (denied, True)):
        docs = [
            doc("d-1", "one.com", "2017-03-03", [met]),
            doc("d-2", "two.com", "2017-03-03", [second]),
        ]
        with store_of(tmp_path / f"{expected}.duckdb", docs) as store:
            update_map(store, ["d-1", "d-2"])
            fields = {c["field"] for cl in _clusters(store) for c in cl["conflicts"]}
            assert ("polarity" in fields) is expected


def _accused(eid: str, sentence: str, certainty: str, claimant: str, index: int) -> dict:
    return event(
        eid,
        "ASSAULT",
        ["UKR"],
        ["RUS"],
        sentence,
        date="2024-02",
        certainty=certainty,
        attributed_to=claimant,
        index=index,
    )


def test_clusters_one_claimant_denying_anothers_claim_is_a_conflict(tmp_path: Path) -> None:
    """Issue 14: a bare denial ("denies the allegation") repeats none of the claim's
    words; two claimants of one article about one event still disagree. The same
    claimant named twice ("Mr Petrenko", "Petrenko") is no disagreement."""
    disputed = doc(
        "d-1",
        "a.com",
        "2024-02-20",
        [
            _accused(
                "e-1", "Moscow accuses Kyiv of shelling Belgorod's market.", "alleged", "Moscow", 0
            ),
            _accused("e-2", "Ukraine strongly denies the allegation.", "denied", "Ukraine", 1),
        ],
    )
    one_voice = doc(
        "d-2",
        "b.com",
        "2024-02-20",
        [
            _accused(
                "e-3",
                "Petrenko says the drones hit a depot near Kursk.",
                "reported",
                "Mr Petrenko",
                0,
            ),
            _accused("e-4", "Petrenko dismissed talk of a second raid.", "denied", "Petrenko", 1),
        ],
    )
    with store_of(tmp_path / "s.duckdb", [disputed, one_voice]) as store:
        update_map(store, ["d-1", "d-2"])
        by_members = {tuple(c["members"]): c for c in _clusters(store)}
    assert [c["field"] for c in by_members[("e-1", "e-2")]["conflicts"]] == ["certainty"]
    assert by_members[("e-3", "e-4")]["conflicts"] == []


def _killed(eid: str, sentence: str, count: int, place: str | None) -> tuple[dict, list]:
    spec = event(
        eid, "ASSAULT", ["RUS"], ["UKR"], sentence, date="2024-02", quantities=[(count, "soldiers")]
    )
    return spec, [place] if place else []


def test_clusters_counts_of_people_need_a_place_or_day_in_common(tmp_path: Path) -> None:
    """Issue 14: "two soldiers killed" and "one soldier killed on Sunday" in two
    articles are likelier two of many attacks than a disagreement; the same counts
    naming one town are one attack counted two ways."""
    tellings = {
        "plain": [
            _killed("e-1", "Two Ukrainian soldiers were killed in shelling.", 2, None),
            _killed("e-2", "One Ukrainian soldier was killed in shelling on Sunday.", 1, None),
        ],
        "placed": [
            _killed(
                "e-3",
                "Two Ukrainian soldiers were killed in shelling of Vovchansk.",
                2,
                "Vovchansk",
            ),
            _killed("e-4", "Shelling of Vovchansk killed one Ukrainian soldier.", 1, "Vovchansk"),
        ],
        # one report retold by another outlet, in most of its words
        "retold": [
            _killed(
                "e-5",
                "Rebel fighters in the northern province attacked a border checkpoint with "
                "rifles and hand grenades at dawn, killing two Ukrainian soldiers and seizing "
                "weapons.",
                2,
                None,
            ),
            _killed(
                "e-6",
                "Rebel fighters in the north attacked a border checkpoint with rifles and hand "
                "grenades, killing one Ukrainian soldier and seizing weapons and ammunition.",
                1,
                None,
            ),
        ],
    }
    found = {}
    for name, pair in tellings.items():
        docs = [
            doc(f"d-{name}-{i}", f"o{i}.com", "2024-02-20", [spec])
            for i, (spec, _p) in enumerate(pair)
        ]
        for coded, (spec, places) in zip(docs, pair, strict=True):
            coded.mentions = [
                Mention(
                    coded.document.id,
                    0,
                    spec["sentence"].index(p),
                    spec["sentence"].index(p) + len(p),
                    p,
                    None,
                    "place",
                    "UKR",
                )
                for p in places
            ]
        with store_of(tmp_path / f"{name}.duckdb", docs) as store:
            update_map(store, [d.document.id for d in docs])
            (cluster,) = _clusters(store)
            found[name] = [c["field"] for c in cluster["conflicts"]]
    assert found == {"plain": [], "placed": ["quantity"], "retold": ["quantity"]}


def _person(actor_id: str, country: str) -> Actor:
    return Actor(actor_id, actor_id.removeprefix("x-").title(), "person", country, "GOV")


def test_clusters_two_peoples_meetings_in_one_article_stay_two_events(tmp_path: Path) -> None:
    """Issue 14: an article on one story tells two officials' meetings with one
    ambassador, and a telling that names nobody ("but he denied having meetings")
    far from the first and next to the second; it joins the one it stands next to,
    and does not chain the two meetings into one event."""
    people = [_person("x-ivanov", "USA"), _person("x-sidorov", "USA"), _person("x-petrov", "RUS")]
    specs = [
        event("m-1", "CONSULT", ["USA"], ["RUS"], "Ivanov met Petrov at the convention.", index=0),
        event(
            "m-2",
            "CONSULT",
            ["USA"],
            ["RUS"],
            "But he denied having meetings.",
            index=6,
            certainty="denied",
        ),
        event(
            "m-3", "CONSULT", ["USA"], ["RUS"], "Sidorov discussed sanctions with Petrov.", index=7
        ),
    ]
    coded = doc("d-1", "a.com", "2024-03-02", specs, extra_actors=people)
    sides = {"m-1": ("x-ivanov", "x-petrov"), "m-3": ("x-sidorov", "x-petrov")}
    for found in coded.events:
        if found.id in sides:
            actor, recipient = (next(p for p in people if p.id == i) for i in sides[found.id])
            found.actor = [ActorRef(actor.name, "USA", "GOV", actor.id)]
            found.recipient = [ActorRef(recipient.name, "RUS", "GOV", recipient.id)]
    with store_of(tmp_path / "s.duckdb", [coded]) as store:
        update_map(store, ["d-1"])
        members = sorted(sorted(c["members"]) for c in _clusters(store))
    assert members == [["m-1"], ["m-2", "m-3"]]


def test_clusters_one_sentence_qualifying_its_event_is_no_polarity_conflict(
    tmp_path: Path,
) -> None:
    """Issue 14: "X said Y was not accusing Z personally when he accused Z" tells an
    event and its qualification in one breath; two sentences saying so differ."""
    sentence = "Petrov said Kyiv was not accusing Moscow itself when it accused Moscow of shelling."
    one_breath = [
        event(
            "e-1",
            "ACCUSE",
            ["UKR"],
            ["RUS"],
            sentence,
            polarity="negative",
            attributed_to="Petrov",
            index=1,
        ),
        event("e-2", "ACCUSE", ["UKR"], ["RUS"], sentence, attributed_to="Kyiv", index=1),
    ]
    two_sentences = [
        event(
            "e-3",
            "ACCUSE",
            ["UKR"],
            ["RUS"],
            "Kyiv accused Moscow of shelling the town.",
            attributed_to="Kyiv",
        ),
        event(
            "e-4",
            "ACCUSE",
            ["UKR"],
            ["RUS"],
            "Petrov said Kyiv never accused Moscow of shelling the town.",
            polarity="negative",
            attributed_to="Petrov",
            index=1,
        ),
    ]
    found = {}
    for name, specs in (("one", one_breath), ("two", two_sentences)):
        with store_of(
            tmp_path / f"{name}.duckdb", [doc(f"d-{name}", "a.com", "2024-02-20", specs)]
        ) as store:
            update_map(store, [f"d-{name}"])
            (cluster,) = _clusters(store)
            found[name] = [c["field"] for c in cluster["conflicts"]]
    assert found == {"one": [], "two": ["polarity"]}


def test_clusters_two_charges_in_one_article_stay_two_events(tmp_path: Path) -> None:
    """Issue 14: one article's "He blamed Obama for founding ISIS" and "He blamed
    Hillary Clinton for founding the birther movement" were one accusation; an
    accusation told twice in its own words stays one, and a denial in the article,
    in other words, joins the charge it denies."""
    specs = [
        event("a-1", "ACCUSE", ["RUS"], ["UKR"], "Moscow blamed Kyiv for the blackout.", index=0),
        event(
            "a-2",
            "ACCUSE",
            ["RUS"],
            ["UKR"],
            "The Kremlin also accused Ukrainian saboteurs of flooding coal mines in the Donbas.",
            index=3,
        ),
        event(
            "a-3", "ACCUSE", ["RUS"], ["UKR"], "Again Moscow blamed Kyiv for the blackout.", index=5
        ),
        event(
            "a-4",
            "ACCUSE",
            ["RUS"],
            ["UKR"],
            "Ukraine's government rejected it as propaganda.",
            certainty="denied",
            attributed_to="Ukraine's government",
            index=6,
        ),
    ]
    with store_of(tmp_path / "s.duckdb", [doc("d-1", "a.com", "2024-03-02", specs)]) as store:
        update_map(store, ["d-1"])
        members = sorted(sorted(c["members"]) for c in _clusters(store))
    assert members == [["a-1", "a-3", "a-4"], ["a-2"]]


def test_clusters_two_meetings_of_one_article_in_other_words_stay_two_events(
    tmp_path: Path,
) -> None:
    """Issue 14: articles telling both an adviser's call about sanctions with an
    ambassador and a minister's meetings with him chained the two into one event,
    and the adviser's denial disappeared into the minister's story."""
    specs = [
        event(
            "c-1",
            "CONSULT",
            ["USA"],
            ["RUS"],
            "The adviser discussed sanctions with the ambassador on a call.",
            index=0,
        ),
        event(
            "c-2",
            "CONSULT",
            ["USA"],
            ["RUS"],
            "Months earlier the senator had met the envoy at the convention in Ohio.",
            index=5,
        ),
    ]
    with store_of(tmp_path / "s.duckdb", [doc("d-1", "a.com", "2024-03-02", specs)]) as store:
        update_map(store, ["d-1"])
        members = sorted(sorted(c["members"]) for c in _clusters(store))
    assert members == [["c-1"], ["c-2"]]
