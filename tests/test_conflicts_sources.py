"""Which tellings disagree (issue 14, session 8): sides that name no one, plans,
other years, claims an article gives to no one, denials by a party, qualifications."""

from __future__ import annotations

from pathlib import Path

from map_fixtures import doc, event, store_of

from entente.consolidate import update_map
from entente.query import iter_clusters
from entente.records import Actor, ActorRef, Attribution, Mention


def _fields(store) -> dict[tuple[str, ...], list[str]]:
    """Each cluster's conflict fields, by its sorted member ids."""
    return {
        tuple(sorted(c["members"])): sorted(x["field"] for x in c["conflicts"])
        for c in iter_clusters(store)
    }


def _place(coded, text: str) -> None:
    """A mention of the place ``text`` in the document's first sentence."""
    sentence = coded.document.text.split("\n")[0]
    start = sentence.index(text)
    coded.mentions = [
        Mention(coded.document.id, 0, start, start + len(text), text, None, "place", "RUS")
    ]


def _disputed_in_kyiv(path: Path, docs: list) -> list[str]:
    """The conflict fields of a store of ``docs``, each placed in Kyiv (a place
    both tellings name, which alone may join two counts of people)."""
    for coded in docs:
        _place(coded, "Kyiv")
    with store_of(path, docs) as store:
        update_map(store, [c.document.id for c in docs])
        return sorted(f for fields in _fields(store).values() for f in fields)


def test_a_count_of_people_as_a_side_is_no_node_and_splits_no_story(tmp_path: Path) -> None:
    """ "About 500 people were arrested in Moscow" and "more than 1,000 people were
    arrested in Moscow": the people, unresolved common nouns, are no map node, so
    the two tellings are one arrest counted two ways, not two events of two dyads."""
    tellings = (
        ("d-1", "a.com", "e-1", "About 500 people were arrested in Moscow, an agency said.", 500),
        ("d-2", "b.com", "e-2", "More than 1,000 people were arrested in Moscow alone.", 1000),
    )
    docs = []
    for doc_name, outlet, eid, sentence, count in tellings:
        coded = doc(
            doc_name,
            outlet,
            "2024-03-27",
            [event(eid, "COERCE", ["RUS"], [], sentence, quantities=[(count, "people")])],
        )
        counted = sentence.split(" were")[0]
        coded.events[0].recipient = [ActorRef(counted, None, None, None)]
        _place(coded, "Moscow")
        docs.append(coded)
    with store_of(tmp_path / "s.duckdb", docs) as store:
        update_map(store, ["d-1", "d-2"])
        assert _fields(store) == {("e-1", "e-2"): ["quantity"]}
        nodes = store.fetchall("SELECT DISTINCT unnest(recipient_nodes) FROM event_nodes")
    assert nodes == []


def test_a_proposal_and_a_refusal_are_no_polarity_conflict(tmp_path: Path) -> None:
    """What will happen is proposed and refused, not told two ways: "the federation
    proposes Ukraine give up the championship" against "Ukraine will not give it
    up". The same two tellings of what happened disagree."""
    found = {}
    for tense in ("future", "actual"):
        given = event(
            f"e-{tense}-1",
            "CONCEDE",
            ["UKR"],
            [],
            "Ukraine gives up its right to host the 2021 championship, the federation said.",
            tense=tense,
            certainty="reported",
            attributed_to="the federation",
        )
        refused = event(
            f"e-{tense}-2",
            "CONCEDE",
            ["UKR"],
            [],
            "Ukraine will not give up its right to host the 2021 championship, its union said.",
            tense=tense,
            certainty="reported",
            polarity="negative",
            attributed_to="its union",
        )
        docs = [
            doc(f"d-{tense}-1", "a.com", "2024-02-08", [given]),
            doc(f"d-{tense}-2", "b.com", "2024-02-08", [refused]),
        ]
        with store_of(tmp_path / f"{tense}.duckdb", docs) as store:
            update_map(store, [d.document.id for d in docs])
            ((fields),) = _fields(store).values()
            found[tense] = fields
    assert found == {"future": [], "actual": ["polarity"]}


def test_a_count_told_with_another_year_is_another_occurrence(tmp_path: Path) -> None:
    """ "the 2016 bombing in Kyiv that killed some 300 people" is not "a car bomb in
    Kyiv killed four people on Tuesday" (2024), though its year was read as no date;
    without the year the two counts of one place disagree."""
    found = {}
    for name, earlier in (
        ("year", "Absent too is the 2016 bombing in Kyiv that killed some 300 people."),
        ("none", "Absent too is the bombing in Kyiv that killed some 300 people."),
    ):
        specs = [
            ("d-1", "a.com", "e-1", "A car bomb in Kyiv killed four people on Tuesday.", 4),
            ("d-2", "b.com", "e-2", earlier, 300),
        ]
        docs = []
        for doc_name, outlet, eid, sentence, count in specs:
            coded = doc(
                doc_name,
                outlet,
                "2024-02-16",
                [
                    event(
                        eid,
                        "ASSAULT",
                        ["RUS"],
                        ["UKR"],
                        sentence,
                        date="2024-02-13" if count == 4 else None,
                        date_text="Tuesday" if count == 4 else None,
                        quantities=[(count, "people")],
                    )
                ],
            )
            docs.append(coded)
        found[name] = _disputed_in_kyiv(tmp_path / f"{name}.duckdb", docs)
    assert found == {"year": [], "none": ["quantity"]}


def _islands(eid: str, sentence: str, kind: str, certainty: str, claimant: str | None) -> dict:
    return event(
        eid,
        kind,
        ["RUS"],
        ["UKR"],
        sentence,
        date="2024-02",
        certainty=certainty,
        attributed_to=claimant,
        tense="hypothetical" if kind == "AID" else "actual",
    )


def test_a_named_denier_disputes_a_claim_the_article_gives_to_no_one(tmp_path: Path) -> None:
    """ "Media rumours say Russia might hand the islands to Ukraine. The Kremlin
    dismissed the rumours": the rumour is someone's, not the article's, so the
    Kremlin's denial is another source. An accusation told in the article's voice
    ("an inquiry found Russian agents responsible") is its accuser's; any other
    event the article states itself is the writer's account, not a claim."""
    cases = {
        "rumour": [
            _islands(
                "e-1",
                "Media rumours say Russia might hand the islands to Ukraine.",
                "AID",
                "alleged",
                None,
            ),
            _islands("e-2", "The Kremlin dismissed the rumours.", "AID", "denied", "The Kremlin"),
        ],
        "accusation": [
            _islands(
                "e-3",
                "An inquiry found Russian agents responsible for the poisoning.",
                "ACCUSE",
                "asserted",
                None,
            ),
            _islands(
                "e-4", "The Kremlin dismissed the inquiry.", "ACCUSE", "denied", "The Kremlin"
            ),
        ],
        "account": [
            _islands("e-5", "Russia will hand the islands to Ukraine.", "AID", "asserted", None),
            _islands("e-6", "The Kremlin dismissed it.", "AID", "denied", "The Kremlin"),
        ],
    }
    found = {}
    for name, specs in cases.items():
        with store_of(
            tmp_path / f"{name}.duckdb", [doc(f"d-{name}", "a.com", "2024-02-20", specs)]
        ) as store:
            update_map(store, [f"d-{name}"])
            ((fields),) = _fields(store).values()
            found[name] = fields
    assert found == {"rumour": ["certainty"], "accusation": ["certainty"], "account": []}


def test_a_partys_denial_in_its_own_words_joins_the_claim_it_denies(tmp_path: Path) -> None:
    """ "The White House said its spokesman had not accused Ukraine of spying" and "the
    White House spokesman also accused Ukrainian intelligence of tapping the
    president's calls" share few words (a denial is short and its own), yet one
    party denies what another outlet tells of it: one event, a polarity conflict.
    The same words from someone who is no side of the event join nothing."""
    claim = event(
        "e-1",
        "ACCUSE",
        ["USA"],
        ["UKR"],
        "The White House spokesman also accused Ukrainian intelligence of tapping the "
        "president's calls at the behest of his rival.",
        date="2024-03-16",
    )
    found = {}
    for name, source in (
        ("party", Attribution("The White House", "said", "USA", "GOV")),
        ("outsider", Attribution("a Turkish analyst", "said", "TUR", "CVL")),
    ):
        denial = event(
            f"e-{name}",
            "ACCUSE",
            ["USA"],
            ["UKR"],
            "The White House said its spokesman had not accused Ukraine of spying on the "
            "president when he repeated a television report.",
            polarity="negative",
            certainty="reported",
            attributed_to=source.name,
        )
        docs = [
            doc("d-1", "a.com", "2024-03-17", [claim]),
            doc(f"d-{name}", "b.com", "2024-03-17", [denial]),
        ]
        docs[1].events[0].attributed_to = source
        with store_of(tmp_path / f"{name}.duckdb", docs) as store:
            update_map(store, ["d-1", f"d-{name}"])
            found[name] = _fields(store)
    assert found["party"] == {("e-1", "e-party"): ["polarity"]}
    assert found["outsider"] == {("e-1",): [], ("e-outsider",): []}


def test_a_negation_beside_its_event_in_one_sentence_denies_no_other_telling(
    tmp_path: Path,
) -> None:
    """ "Petrov said Kyiv was not accusing Moscow itself when it accused Moscow's army
    of shelling" qualifies the accusation it tells; another article telling the
    accusation is no disagreement with it."""
    sentence = (
        "Petrov said Kyiv was not accusing Moscow itself when it accused Moscow's army "
        "of shelling the town."
    )
    one_breath = [
        event(
            "e-1",
            "ACCUSE",
            ["UKR"],
            ["RUS"],
            sentence,
            date="2024-02-19",
            polarity="negative",
            attributed_to="Petrov",
            index=1,
        ),
        event(
            "e-2",
            "ACCUSE",
            ["UKR"],
            ["RUS"],
            sentence,
            date="2024-02-19",
            attributed_to="Kyiv",
            index=1,
        ),
    ]
    other = event(
        "e-3",
        "ACCUSE",
        ["UKR"],
        ["RUS"],
        "Kyiv accused Moscow's army of shelling the town on Monday.",
        date="2024-02-19",
    )
    docs = [
        doc("d-1", "a.com", "2024-02-20", one_breath),
        doc("d-2", "b.com", "2024-02-20", [other]),
    ]
    with store_of(tmp_path / "s.duckdb", docs) as store:
        update_map(store, ["d-1", "d-2"])
        assert _fields(store) == {("e-1", "e-2", "e-3"): []}


def test_a_warning_dismissed_is_rejected_not_disputed(tmp_path: Path) -> None:
    """ "Ukraine dismissed his warnings as unfounded" rejects the warning; it does
    not say none was given. A charge dismissed is disputed (the accused denies it)."""
    found = {}
    for kind, said, dismissed in (
        ("THREATEN", "The general warned Ukraine over the missile test.", "his warnings"),
        ("ACCUSE", "The general accused Ukraine of the missile test.", "his charges"),
    ):
        specs = [
            event("e-1", kind, ["RUS"], ["UKR"], said, date="2024-02", attributed_to="the general"),
            event(
                "e-2",
                kind,
                ["RUS"],
                ["UKR"],
                f"Ukraine dismissed {dismissed} as unfounded.",
                date="2024-02",
                certainty="denied",
                attributed_to="Ukraine",
            ),
        ]
        with store_of(
            tmp_path / f"{kind}.duckdb", [doc(f"d-{kind}", "a.com", "2024-02-09", specs)]
        ) as store:
            update_map(store, [f"d-{kind}"])
            ((fields),) = _fields(store).values()
            found[kind] = fields
    assert found == {"THREATEN": [], "ACCUSE": ["certainty"]}


def _meeting(doc_name: str, outlet: str, eid: str, visitor: str, sentence: str):
    """A document telling that ``visitor`` (an invented American) met Russia's envoy."""
    coded = doc(
        doc_name,
        outlet,
        "2024-03-03",
        [event(eid, "CONSULT", ["USA"], ["RUS"], sentence, date="2024-03")],
    )
    person = "x-" + visitor.lower().replace(" ", "-")
    coded.events[0].actor = [ActorRef(visitor, "USA", "GOV", person)]
    coded.events[0].recipient = [ActorRef("Oleg Kislov", "RUS", "GOV", "x-oleg-kislov")]
    coded.actors = [
        *coded.actors,
        Actor(person, visitor, "person", "USA", "GOV"),
        Actor("x-oleg-kislov", "Oleg Kislov", "person", "RUS", "GOV"),
    ]
    return coded


def test_a_meeting_is_who_met(tmp_path: Path) -> None:
    """ "Senator Anna Holt met the Russian envoy Oleg Kislov" and "adviser Mark Dunn met
    the Russian envoy Oleg Kislov" are two meetings of the United States and Russia,
    however alike their words; the same senator's meeting told twice is one."""
    docs = [
        _meeting(
            "d-1",
            "a.com",
            "e-1",
            "Anna Holt",
            "Senator Anna Holt met the Russian envoy Oleg Kislov in March.",
        ),
        _meeting(
            "d-2",
            "b.com",
            "e-2",
            "Mark Dunn",
            "Adviser Mark Dunn met the Russian envoy Oleg Kislov in March.",
        ),
        _meeting(
            "d-3",
            "c.com",
            "e-3",
            "Anna Holt",
            "Anna Holt met the Russian envoy Oleg Kislov in March, a report said.",
        ),
    ]
    with store_of(tmp_path / "s.duckdb", docs) as store:
        update_map(store, ["d-1", "d-2", "d-3"])
        assert set(_fields(store)) == {("e-1", "e-3"), ("e-2",)}


def test_a_call_rejected_disputes_no_fact(tmp_path: Path) -> None:
    """Issue 14: "The Taoiseach has rejected any suggestion that Noonan should resign"
    rejects a call; it claims nothing happened, so it disputes nothing. The same
    words about a resignation told as done are a named denier against a claim."""
    found = {}
    for name, sentence, trigger in (
        ("call", "The premier rejected any suggestion that Ukraine should quit the pact.", "quit"),
        ("fact", "The premier rejected any suggestion that Ukraine quit the pact.", "quit"),
    ):
        specs = [
            event(
                f"e-{name}-{n}",
                "RETREAT",
                ["UKR"],
                [],
                sentence,
                date="2024-02",
                certainty=certainty,
                attributed_to=claimant,
                trigger=trigger,
            )
            for n, certainty, claimant in ((1, "alleged", None), (2, "denied", "The premier"))
        ]
        with store_of(
            tmp_path / f"{name}.duckdb", [doc(f"d-{name}", "a.com", "2024-02-20", specs)]
        ) as store:
            update_map(store, [f"d-{name}"])
            ((fields),) = _fields(store).values()
            found[name] = fields
    assert found == {"call": [], "fact": ["certainty"]}


def test_a_count_placed_by_a_city_a_month_before_the_news_is_another_attack(
    tmp_path: Path,
) -> None:
    """Issue 14: "In January, the rebels attacked the parliament in Kyiv, killing over
    30 people" (an article of March) is not the bombing "in Kyiv, killing at least 20
    people" that an article of 7 February tells as news; told on 20 January, the
    two counts of one city disagree."""
    found = {}
    for name, published in (("after", "2024-02-07"), ("within", "2024-01-20")):
        specs = [
            (
                "d-1",
                "a.com",
                "2024-03-01",
                "e-1",
                "In January, the rebels attacked the parliament in Kyiv, killing over 30 people.",
                30,
                "2024-01",
            ),
            (
                "d-2",
                "b.com",
                published,
                "e-2",
                "The rebels attacked the supreme court in Kyiv, killing at least 20 people.",
                20,
                None,
            ),
        ]
        docs = []
        for doc_name, outlet, day, eid, sentence, count, dated in specs:
            coded = doc(
                doc_name,
                outlet,
                day,
                [
                    event(
                        eid,
                        "ASSAULT",
                        ["RUS"],
                        ["UKR"],
                        sentence,
                        date=dated or published[:7],
                        basis="text" if dated else "publication",
                        date_text="January" if dated else None,
                        quantities=[(count, "people")],
                    )
                ],
            )
            docs.append(coded)
        found[name] = _disputed_in_kyiv(tmp_path / f"{name}.duckdb", docs)
    assert found == {"after": [], "within": ["quantity"]}


def test_a_meeting_dismissed_as_routine_is_not_disputed(tmp_path: Path) -> None:
    """Issue 14: "A spokesperson dismissed Sessions' meetings as being a standard
    part of his job" makes light of the meetings; it does not say they never took
    place. A report of them dismissed is disputed."""
    found = {}
    for name, dismissal, trigger in (
        ("act", "The ministry dismissed the envoy's meetings as routine.", "meetings"),
        ("claim", "The ministry dismissed the reports that the envoy met the minister.", "met"),
    ):
        specs = [
            event(
                "e-1",
                "CONSULT",
                ["RUS"],
                ["UKR"],
                "Reporters said the envoy met the Ukrainian minister twice.",
                date="2024-02",
                certainty="reported",
                attributed_to="Reporters",
                trigger="met",
            ),
            event(
                "e-2",
                "CONSULT",
                ["RUS"],
                ["UKR"],
                dismissal,
                date="2024-02",
                certainty="denied",
                trigger=trigger,
            ),
        ]
        coded = doc(f"d-{name}", "a.com", "2024-02-09", specs)
        coded.events[1].attributed_to = Attribution("The ministry", "dismiss")
        with store_of(tmp_path / f"{name}.duckdb", [coded]) as store:
            update_map(store, [f"d-{name}"])
            found[name] = sorted(f for fields in _fields(store).values() for f in fields)
    assert found == {"act": [], "claim": ["certainty"]}


def test_a_count_told_without_a_place_is_placed_by_the_sentences_before(tmp_path: Path) -> None:
    """Issue 14: "Tuesday's attack in Helmand province's capital ..." and then "the
    group was responsible for the attack, saying it killed 11 policemen", against
    another outlet's "attacked a checkpoint in Helmand ..., killing 12 policemen"."""
    found = {}
    for name, scene in (
        ("placed", "An official said the attack in Kyiv was an insider attack."),
        ("unplaced", "An official said the attack was an insider attack."),
    ):
        told = doc(
            "d-1",
            "a.com",
            "2024-02-28",
            [
                event(
                    "e-1",
                    "ASSAULT",
                    ["RUS"],
                    ["UKR"],
                    "Rebels attacked a checkpoint in Kyiv, killing 12 policemen.",
                    date="2024-02",
                    quantities=[(12, "policemen")],
                )
            ],
        )
        _place(told, "Kyiv")
        retold = doc(
            "d-2",
            "b.com",
            "2024-02-28",
            [
                event("e-2", "PROTEST", [], [], scene, index=0),
                event(
                    "e-3",
                    "ASSAULT",
                    ["RUS"],
                    ["UKR"],
                    "A rebel spokesman said the rebels attacked the checkpoint, killing "
                    "11 policemen.",
                    date="2024-02",
                    quantities=[(11, "policemen")],
                    index=1,
                ),
            ],
        )
        if "Kyiv" in scene:
            _place(retold, "Kyiv")
        with store_of(tmp_path / f"{name}.duckdb", [told, retold]) as store:
            update_map(store, ["d-1", "d-2"])
            found[name] = sorted(f for fields in _fields(store).values() for f in fields)
    assert found == {"placed": ["quantity"], "unplaced": []}
