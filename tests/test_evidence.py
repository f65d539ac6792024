"""The evidence rules of standing relations (issue 14): what makes no relation line."""

from __future__ import annotations

from pathlib import Path

from map_fixtures import doc, event, store_of

from entente.consolidate import update_map
from entente.consolidate.blocks import event_row
from entente.consolidate.evidence import RULES, standing_rule
from entente.consolidate.knowledge import load_map_knowledge
from entente.query import dyad_series, iter_relations
from entente.records import ActorRef, Mention


def _relations(tmp_path: Path, *events: dict) -> set[tuple[str, str, str]]:
    docs = [doc(f"d-{i}", f"o{i}.com", "2017-03-02", [e]) for i, e in enumerate(events)]
    with store_of(tmp_path / "s.duckdb", docs) as store:
        update_map(store, [d.document.id for d in docs])
        return {(r["source"], r["target"], r["kind"]) for r in iter_relations(store)}


def test_evidence_deliberate_strike_is_a_relation(tmp_path: Path) -> None:
    strike = event("e-1", "ASSAULT", ["TUR"], ["RUS"], "Turkey shelled Russian positions.")
    assert ("TUR", "RUS", "adversary_of") in _relations(tmp_path, strike)


def test_evidence_accident_is_no_relation(tmp_path: Path) -> None:
    strike = event(
        "e-1", "ASSAULT", ["TUR"], ["RUS"], "Turkey accidentally shelled Russian positions."
    )
    assert _relations(tmp_path, strike) == set()


def test_evidence_an_accident_told_by_one_article_is_the_whole_events(tmp_path: Path) -> None:
    """Issue 14: one outlet says a strike killed soldiers "accidentally", another
    tells the same strike without the word; it is one accident, no relation."""
    told = [
        event(
            "e-1",
            "ASSAULT",
            ["TUR"],
            ["RUS"],
            "A Turkish air strike accidentally killed three Russian soldiers near the border.",
            date="2017-02-09",
        ),
        event(
            "e-2",
            "ASSAULT",
            ["TUR"],
            ["RUS"],
            "A Turkish air strike killed three Russian soldiers near the border on Thursday.",
            date="2017-02-09",
        ),
    ]
    assert _relations(tmp_path, *told) == set()
    assert ("TUR", "RUS", "adversary_of") in _relations(tmp_path / "one", told[1])


def test_evidence_a_telling_with_borrowed_sides_keeps_their_place(tmp_path: Path) -> None:
    """Issue 14: "a baby was also killed in the raid" takes its sides from "the
    raid in Ruritania" told before it; the place is no party there, nor here."""
    raid = event("e-1", "ASSAULT", ["USA"], ["UKR"], "Commandos led a raid in Kherson.", index=0)
    again = event("e-2", "ASSAULT", [], [], "A baby was also killed in the raid.", index=1)
    coded = doc("d-1", "a.com", "2017-03-02", [raid, again])
    coded.events[0].recipient = [ActorRef("Kherson", "UKR", None, None)]
    with store_of(tmp_path / "s.duckdb", [coded]) as store:
        update_map(store, ["d-1"])
        found = {(r["source"], r["target"], r["kind"]) for r in iter_relations(store)}
    assert found == set()


def test_evidence_an_act_whose_sides_are_another_tellings_makes_no_relation(
    tmp_path: Path,
) -> None:
    """Issue 14: "whom the government blames for the coup" names no one blamed; its
    sides, taken from another accusation of its article, place it in that dyad's
    series, but only tellings that name their sides make a relation."""
    told = [
        event(
            f"e-{i}",
            "ACCUSE",
            ["TUR"],
            recipient,
            sentence,
            date="2017-03",
            index=i,
        )
        for i, recipient, sentence in (
            (0, ["USA"], "Turkey accused the US of harbouring plotters."),
            (1, [], "A preacher, whom the government blames for the coup, lives abroad."),
            (2, [], "Officials also blame the preacher's followers for the unrest."),
        )
    ]
    with store_of(tmp_path / "s.duckdb", [doc("d-1", "a.com", "2017-03-02", told)]) as store:
        update_map(store, ["d-1"])
        relations = {(r["source"], r["target"], r["kind"]) for r in iter_relations(store)}
        supports = sorted(r[0] for r in store.fetchall("SELECT support FROM clusters"))
        series = dyad_series(store, "TUR", "USA")
    assert relations == set()  # one accusation of its own: below min_clusters
    assert supports == ["asserted", "placed", "placed"]
    assert sum(p["events"] for p in series["periods"]) == 3


def test_evidence_lone_individual_is_no_relation(tmp_path: Path) -> None:
    shooting = event(
        "e-1", "ASSAULT", ["x-tur-gunman"], ["RUS"], "A Turkish gunman shot a Russian diplomat."
    )
    assert _relations(tmp_path, shooting) == set()


def test_evidence_history_is_no_relation_whether_placed_in_the_past_or_dated(
    tmp_path: Path,
) -> None:
    """Issue 14: the occupation of Iran a century ago made "Russia adversary_of
    Iran"; background dated years before the article ("In November 2015, Turkey
    shot down a Russian jet") is no standing relation either."""
    history = event(
        "e-1",
        "ASSAULT",
        ["RUS"],
        ["IRN"],
        "Early in the 20th century Russian troops occupied parts of northern Iran.",
    )
    dated = event(
        "e-2",
        "ASSAULT",
        ["RUS"],
        ["IRN"],
        "In 1911 Russian troops occupied parts of northern Iran.",
        date="1911",
        date_text="1911",
    )
    background = event(
        "e-3",
        "ASSAULT",
        ["RUS"],
        ["IRN"],
        "In November 2015, Russia shot down an Iranian drone.",
        date="2015-11",
        date_text="November 2015",
    )
    this_year = event(
        "e-4",
        "ASSAULT",
        ["RUS"],
        ["IRN"],
        "In January 2017, Russia shot down an Iranian drone.",
        date="2017-01",
        date_text="January 2017",
    )
    assert _relations(tmp_path, history, dated, background) == set()
    assert ("RUS", "IRN", "adversary_of") in _relations(tmp_path / "now", this_year)


def test_evidence_a_date_that_starts_what_goes_on_is_no_history(tmp_path: Path) -> None:
    """ "has bombed targets of the group since 2014" tells a campaign still going."""
    ongoing = event(
        "e-1",
        "ASSAULT",
        ["RUS"],
        ["IRN"],
        "Russia has bombed Iranian positions since 2014.",
        date="2014",
        date_text="2014",
        trigger="bombed",
    )
    assert ("RUS", "IRN", "adversary_of") in _relations(tmp_path, ongoing)


def test_evidence_a_sanction_of_years_ago_still_stands(tmp_path: Path) -> None:
    """A sanction stands until lifted: "imposed sanctions on Iran in 2014"."""
    sanction = event(
        "e-1",
        "SANCTION",
        ["RUS"],
        ["IRN"],
        "Russia imposed sanctions on Iran in 2014.",
        date="2014",
        date_text="2014",
        trigger="imposed",
    )
    assert ("RUS", "IRN", "adversary_of") in _relations(tmp_path, sanction)


def test_evidence_agreeing_with_someone_is_a_view_shared_not_a_partnership(
    tmp_path: Path,
) -> None:
    """Issue 14: "Lavrov also agreed with Trump on Friday, saying the attacks looked
    like a witch hunt" made "Russia partner_of USA"; agreeing with a state to do
    something is an agreement."""
    views = [
        event(
            "e-1",
            "AGREE",
            ["RUS"],
            ["UKR"],
            "The Russian minister agreed with Kyiv on Friday, saying the report was biased.",
            trigger="agreed",
        ),
        event(
            "e-2",
            "AGREE",
            ["UKR"],
            ["RUS"],
            "The Ukrainian envoy agrees with the Russian view that prices are too high.",
            trigger="agrees",
        ),
    ]
    agreement = event(
        "e-3",
        "AGREE",
        ["RUS"],
        ["UKR"],
        "Russia agreed with Ukraine to prevent clashes near the border.",
        trigger="agreed",
    )
    assert _relations(tmp_path, *views) == set()
    assert ("RUS", "UKR", "partner_of") in _relations(tmp_path / "agreed", agreement)


def test_evidence_praise_thanks_and_congratulations_are_no_partnership(tmp_path: Path) -> None:
    """Issue 14: "she openly praised Trump's predecessor", "congratulated the
    President after his election win" made "Germany partner_of USA"."""
    voiced = [
        event(
            "e-1",
            "SUPPORT",
            ["RUS"],
            ["UKR"],
            "Moscow openly praised the Ukrainian leader.",
            trigger="praised",
        ),
        event(
            "e-2",
            "AGREE",
            ["UKR"],
            ["RUS"],
            "Kyiv congratulated the Russian president.",
            trigger="congratulated",
        ),
        event(
            "e-3",
            "SUPPORT",
            ["RUS"],
            ["UKR"],
            "Russia thanked Ukraine for a good partnership.",
            trigger="thanked",
        ),
    ]
    signed = event(
        "e-4",
        "SUPPORT",
        ["RUS"],
        ["UKR"],
        "Russia and Ukraine signed a partnership treaty.",
        trigger="signed",
    )
    assert _relations(tmp_path, *voiced) == set()
    assert ("RUS", "UKR", "partner_of") in _relations(tmp_path / "signed", signed)


def test_evidence_one_criticism_is_no_relation_two_are(tmp_path: Path) -> None:
    one = event("e-1", "ACCUSE", ["UKR"], ["RUS"], "Ukraine criticised Russia.", date="2017-03")
    two = event(
        "e-2", "ACCUSE", ["UKR"], ["RUS"], "Ukraine condemned Russia's shelling.", date="2017-01"
    )
    assert _relations(tmp_path, one) == set()
    assert ("UKR", "RUS", "adversary_of") in _relations(tmp_path / "two", one, two)


def test_evidence_relations_only_between_political_actors(tmp_path: Path) -> None:
    """Issue 14: "PwC backs Warren Beatty", "The New York Times adversary_of Russia"."""
    backing = event("e-1", "SUPPORT", ["IRN"], ["x-warren-baxter"], "Iran praised Warren Baxter.")
    accusing = event(
        "e-2", "ASSAULT", ["daily-lantern"], ["RUS"], "The Daily Lantern attacked Russia."
    )
    assert _relations(tmp_path, backing, accusing) == set()


def test_evidence_rule_names_the_first_rule_failed() -> None:
    knowledge = load_map_knowledge()
    spec = event("e-1", "ASSAULT", ["TUR"], ["RUS"], "Turkey mistakenly shot down a jet.")
    document = doc("d-1", "a.com", "2017-03-02", [spec])
    row = event_row(
        {
            "id": "e-1",
            "doc_id": "d-1",
            "sentence": 0,
            "type": "ASSAULT",
            "mode": None,
            "score": None,
            "actor": '[{"name": "Turkey", "country": "TUR", "actor_id": "TUR"}]',
            "recipient": "[]",
            "date_start": None,
            "date_end": None,
            "date_precision": None,
            "date_basis": "publication",
            "certainty": "asserted",
            "polarity": "positive",
            "tense": "actual",
            "attributed_to": None,
            "quantities": "[]",
            "sentence_text": document.document.text,
            "trigger": "shot",
            "outlet": None,
            "published": None,
            "published_date": None,
        }
    )
    assert standing_rule(row, knowledge) == "meant"
    assert set(RULES) == {
        "happened",
        "claimed",
        "meant",
        "political",
        "sides",
        "current",
        "act",
        "agreement",
        "material",
    }


def test_evidence_audit_shows_the_rule_behind_each_event(tmp_path: Path) -> None:
    from entente.consolidate.audit import explain_relation

    meant = event("e-1", "ASSAULT", ["TUR"], ["RUS"], "Turkey shelled Russian positions.")
    accident = event(
        "e-2",
        "ASSAULT",
        ["TUR"],
        ["RUS"],
        "Turkey accidentally shelled a Russian convoy.",
        date="2016-11-20",
    )
    docs = [
        doc("d-1", "a.com", "2017-03-02", [meant]),
        doc("d-2", "b.com", "2016-11-21", [accident]),
    ]
    with store_of(tmp_path / "s.duckdb", docs) as store:
        update_map(store, ["d-1", "d-2"])
        audit = explain_relation(store, "Turkey", "Russia")
    assert [(r["source"], r["kind"], r["target"]) for r in audit.relations] == [
        ("TUR", "adversary_of", "RUS")
    ]
    rules = {e.event_id: (e.counts, e.rule) for c in audit.clusters for e in c.events}
    assert rules["e-1"] == (True, "counts")
    assert rules["e-2"][0] is False and rules["e-2"][1].startswith("meant")
    admitted = [c for c in audit.clusters if c.relations]
    assert admitted and all(c.rule.startswith("adversary_of from") for c in admitted)


def test_evidence_one_person_of_a_state_as_either_side_is_no_relation(tmp_path: Path) -> None:
    """Issue 14: "a man in the US state of Kansas" killing "a man from India" is a crime,
    no relation between the two states."""
    killing = event(
        "e-1", "ASSAULT", ["USA"], ["TUR"], "A man in the United States shot a Turkish student."
    )
    beating = event("e-2", "ASSAULT", ["RUS"], ["TUR"], "Russian police beat a man from Turkey.")
    strike = event("e-3", "ASSAULT", ["RUS"], ["TUR"], "Russian jets struck Turkey's soldiers.")
    assert _relations(tmp_path, killing, beating) == set()
    assert ("RUS", "TUR", "adversary_of") in _relations(tmp_path / "strike", strike)


def test_evidence_a_side_named_otherwise_in_its_sentence_is_still_one_person(
    tmp_path: Path,
) -> None:
    """The sentence names a state's side "US" or "Turkish", not by the registry's
    name: the words of the side's mentions in that sentence are matched too."""
    killing = event(
        "e-1", "ASSAULT", ["USA"], ["TUR"], "A man in the US state of Ohio shot a Turkish man."
    )
    strike = event(
        "e-2",
        "ASSAULT",
        ["USA"],
        ["TUR"],
        "US jets struck the Turkish garrison.",
    )
    docs = [
        doc("d-1", "a.com", "2017-03-02", [killing]),
        doc("d-2", "b.com", "2017-03-02", [strike]),
    ]
    for coded, spans in (
        (docs[0], (("US state", "USA", 9), ("Turkish", "TUR", 37))),
        (docs[1], (("US", "USA", 0), ("Turkish", "TUR", 18))),
    ):
        coded.mentions = [
            Mention(coded.document.id, 0, start, start + len(text), text, actor, "test", actor)
            for text, actor, start in spans
        ]
    with store_of(tmp_path / "s.duckdb", docs) as store:
        update_map(store, ["d-1", "d-2"])
        supports = {
            r[0]: r[1]
            for r in store.fetchall(
                "SELECT m.event_id, c.support FROM cluster_members m "
                "JOIN clusters c ON c.id = m.cluster_id"
            )
        }
    assert supports == {"e-1": "none", "e-2": "asserted"}


def test_evidence_occurrence_counts_and_counts_of_something_else() -> None:
    """Issue 14: only a count of one occurrence can disagree with another source's."""
    from entente.consolidate.evidence import is_occurrence_count

    knowledge = load_map_knowledge()

    def counts(text: str, item: str, sentence: str) -> bool:
        return is_occurrence_count({"text": text, "item": item}, sentence, knowledge)

    assert counts("350 drones", "drones", "Iran said its attack with 350 drones was limited.")
    assert counts("300-strong", "missiles", "Its 300-strong barrage of missiles was stopped.")
    assert counts("more than 600 people", "people", "More than 600 people were detained.")
    assert not counts("dozens", "missiles", "It has fired dozens of missiles.")
    assert not counts("99 people", "people", "At least 99 people were killed since Monday.")
    assert not counts("5,000", "agents", "He called for an additional 5,000 agents.")
    assert not counts("four more missiles", "missiles", "It fired four more missiles.")
    assert not counts("12-nation", "nation", "He left the 12-nation trade pact.")
    assert not counts("six countries", "countries", "The revised ban covers six countries.")


def test_evidence_a_state_cooperates_with_no_actor_of_its_own(tmp_path: Path) -> None:
    """Issue 14: "United States partner_of American People"; conflict at home is kept."""
    from entente.consolidate.audit import explain_relation

    promise = event(
        "e-1", "AGREE", ["SYR"], ["x-syr-opposition"], "Syria agreed with its opposition."
    )
    promise_again = event(
        "e-2", "AGREE", ["SYR"], ["x-syr-opposition"], "Syria signed a deal with the opposition."
    )
    strike = event("e-3", "ASSAULT", ["SYR"], ["x-syr-opposition"], "Syria shelled the opposition.")
    found = _relations(tmp_path, promise, promise_again, strike)
    assert ("SYR", "x-syr-opposition", "adversary_of") in found
    assert not any(kind == "partner_of" for *_, kind in found)
    docs = [doc("d-1", "o1.com", "2017-03-02", [promise])]
    with store_of(tmp_path / "audit.duckdb", docs) as store:
        update_map(store, ["d-1"])
        audit = explain_relation(store, "SYR", "x-syr-opposition")
    assert [c.rule for c in audit.clusters] == [
        "a state and an actor of its own country (not_within_one_state)"
    ]


def test_evidence_a_name_of_no_known_kind_is_no_political_actor(tmp_path: Path) -> None:
    """Issue 14: "Unidentified EL GORA", "Eastern European" as organisations with neither
    country nor sector take no part in relations; a watchdog with a sector does."""
    junk = event(
        "e-1", "ASSAULT", ["RUS"], ["x-eastern-european"], "Russia struck Eastern European."
    )
    probe = event("e-2", "SANCTION", ["x-ridge-watch"], ["RUS"], "Ridge Watch sanctioned Russia.")
    found = _relations(tmp_path, junk, probe)
    assert found == {("x-ridge-watch", "RUS", "adversary_of")}


def test_evidence_agreement_reached_is_a_partnership_an_intent_is_not(tmp_path: Path) -> None:
    """Issue 14: "Putin said he was ready to meet Trump", "Trump would like to
    establish friendlier relations" and pledges, coded as AGREE, made "Russia
    partner_of USA"; an agreement reached by both sides does."""
    intents = [
        event(
            "e-1",
            "AGREE",
            ["RUS"],
            ["UKR"],
            "The Russian leader said he was ready to meet the Ukrainian president.",
            trigger="ready",
        ),
        event(
            "e-2",
            "AGREE",
            ["UKR"],
            ["RUS"],
            "Much as Kyiv would like to establish friendlier relations with Moscow, it waits.",
            trigger="establish",
        ),
        event(
            "e-3",
            "AGREE",
            ["RUS"],
            ["UKR"],
            "Russia pledged to restore the gas supply to Ukraine.",
            trigger="pledged",
        ),
        event(
            "e-5",
            "AGREE",
            ["RUS"],
            ["UKR"],
            "This week he'll welcome the Ukrainian president in Moscow.",
            trigger="welcome",
        ),
    ]
    reached = event(
        "e-4",
        "AGREE",
        ["RUS"],
        ["UKR"],
        "Russia and Ukraine agreed to exchange all prisoners.",
        trigger="agreed",
    )
    assert _relations(tmp_path, *intents) == set()
    assert ("RUS", "UKR", "partner_of") in _relations(tmp_path / "reached", reached)


def test_evidence_intent_cue_in_another_clause_is_no_intent(tmp_path: Path) -> None:
    """A cue belongs to its clause: "Ukraine, which will host the talks, agreed to
    exchange prisoners with Russia" is an agreement reached."""
    reached = event(
        "e-1",
        "AGREE",
        ["UKR"],
        ["RUS"],
        "Ukraine, which will host the talks, agreed to exchange prisoners with Russia.",
        trigger="agreed",
    )
    assert ("RUS", "UKR", "partner_of") in _relations(tmp_path, reached)


def test_evidence_audit_names_the_happened_rule_for_an_intent() -> None:
    knowledge = load_map_knowledge()
    row = {
        "id": "e-1",
        "doc_id": "d-1",
        "sentence": 0,
        "type": "AGREE",
        "mode": None,
        "score": 2.5,
        "actor": None,
        "recipient": None,
        "date_start": None,
        "date_end": None,
        "date_precision": None,
        "date_basis": "none",
        "certainty": "reported",
        "polarity": "positive",
        "tense": "actual",
        "attributed_to": None,
        "quantities": None,
        "sentence_text": "Kyiv said it was willing to resume talks with Moscow.",
        "trigger": "resume",
        "outlet": None,
        "published": None,
        "published_date": None,
        "trigger_at": 28,
    }
    assert standing_rule(event_row(row), knowledge) == "happened"
    assert standing_rule(event_row({**row, "type": "ASSAULT"}), knowledge) is None
    assert "wished" in RULES["happened"]


def test_evidence_place_as_a_side_makes_no_relation(tmp_path: Path) -> None:
    """Issue 14: "a raid in Yemen" made Yemen the raid's recipient (the CAMEO
    location recipient), and "USA adversary_of YEM". A place named as a side (a
    country, no actor, no sector) is where, not who; the state named as a party
    ("Russia shelled Ukrainian positions") is a side."""
    from entente.records import ActorRef

    def strike(name: str, where: ActorRef) -> set[tuple[str, str, str]]:
        spec = event("e-1", "ASSAULT", ["RUS"], ["UKR"], "Russia raided a village in Kherson.")
        coded = doc("d-1", "a.com", "2017-03-02", [spec])
        coded.events[0].recipient = [where]
        store = store_of(tmp_path / f"{name}.duckdb", [coded])
        with store:
            update_map(store, ["d-1"])
            return {(r["source"], r["target"], r["kind"]) for r in iter_relations(store)}

    place = ActorRef("Kherson", "UKR", None, None)
    state = ActorRef("Ukraine", "UKR", "GOV", "UKR")
    assert strike("place", place) == set()
    assert strike("state", state) == {("RUS", "UKR", "adversary_of")}


def test_evidence_words_sent_are_no_aid(tmp_path: Path) -> None:
    """Issue 14: "Trump sent Lunar New Year greetings to the Chinese people", coded
    AID, made "USA backs Chinese people"; aid sent is a relation."""
    greetings = event(
        "e-1",
        "AID",
        ["RUS"],
        ["x-syr-opposition"],
        "Russia sent New Year greetings to the Syrian opposition.",
        trigger="sent",
        items=["New Year greetings"],
    )
    money = event(
        "e-2",
        "AID",
        ["RUS"],
        ["x-syr-opposition"],
        "Russia sent money and food to the Syrian opposition.",
        trigger="sent",
        items=["money and food"],
    )
    assert _relations(tmp_path, greetings) == set()
    assert ("RUS", "x-syr-opposition", "backs") in _relations(tmp_path / "money", money)


def test_evidence_a_possibility_is_no_relation_but_a_threat_is(tmp_path: Path) -> None:
    """Issue 14: forecasts and possibilities the coder left actual ("could face
    sanctions", "would impose") are no act done; a threat's "would" is the threat."""
    possible = event(
        "e-1",
        "SANCTION",
        ["TUR"],
        ["RUS"],
        "The new rules could impose sanctions on Russia.",
        trigger="impose",
    )
    threat = event(
        "e-2",
        "THREATEN",
        ["TUR"],
        ["RUS"],
        "Turkey said it would suspend relations with Russia.",
        trigger="suspend",
    )
    assert _relations(tmp_path / "possible", possible) == set()
    assert ("TUR", "RUS", "adversary_of") in _relations(tmp_path / "threat", threat)


def test_evidence_a_population_is_no_side_of_a_relation(tmp_path: Path) -> None:
    """Issue 14: victims and populations ("Russian civilians", "the Turkish press")
    are no political actor: "Turkish jets killed Russian civilians" makes no
    Turkey-Russia line, nor a line to a group of civilians."""
    strike = event(
        "e-1", "ASSAULT", ["TUR"], ["x-rus-civilians"], "Turkish jets killed Russian civilians."
    )
    assert _relations(tmp_path, strike) == set()


def test_evidence_a_side_with_a_political_actor_beside_the_press_counts(tmp_path: Path) -> None:
    """A side naming a state beside its press ("Turkey and the Turkish press
    accused Russia") is the state's: only a side of populations alone is none."""
    accusation = event(
        "e-1",
        "SANCTION",
        ["TUR", "x-tur-press"],
        ["RUS"],
        "Turkey and the Turkish press condemned Russia.",
    )
    assert ("TUR", "RUS", "adversary_of") in _relations(tmp_path, accusation)


def test_evidence_a_state_written_only_before_a_place_or_a_private_person_is_no_side(
    tmp_path: Path,
) -> None:
    """Issue 14: "strikes on rebel-held areas of the Syrian city of Deraa" made Syria
    the strikes' target, "American tourist killed" the US a party to an attack in
    London. A state its sentence writes only as the word before a place or a private
    person is where or whom, not the state; written as the state, it is one."""

    def supports(*told: tuple[dict, tuple[tuple[str, str, int], ...]]) -> dict[str, str]:
        docs = [doc(f"d-{i}", f"o{i}.com", "2017-03-02", [e]) for i, (e, _) in enumerate(told)]
        for coded, (_, spans) in zip(docs, told, strict=True):
            coded.mentions = [
                Mention(coded.document.id, 0, start, start + len(text), text, actor, "test", actor)
                for text, actor, start in spans
            ]
        with store_of(tmp_path / f"s{len(told)}.duckdb", docs) as store:
            update_map(store, [d.document.id for d in docs])
            return dict(
                store.fetchall(
                    "SELECT m.event_id, c.support FROM cluster_members m "
                    "JOIN clusters c ON c.id = m.cluster_id"
                )
            )

    city = "Russian jets struck rebel areas of the Syrian city of Deraa."
    tourist = "Turkish police shot an American tourist."
    state = "Russian jets struck the Syrian army near Deraa."
    assert supports(
        (
            event("e-1", "ASSAULT", ["RUS"], ["SYR"], city),
            (("Russian", "RUS", 0), ("Syrian", "SYR", 39)),
        ),
        (
            event("e-2", "ASSAULT", ["TUR"], ["USA"], tourist),
            (("Turkish", "TUR", 0), ("American", "USA", 23)),
        ),
    ) == {"e-1": "none", "e-2": "none"}
    assert supports(
        (
            event("e-3", "ASSAULT", ["RUS"], ["SYR"], state),
            (("Russian", "RUS", 0), ("Syrian", "SYR", 24)),
        ),
    ) == {"e-3": "asserted"}


def test_evidence_a_state_named_before_its_raid_is_where_not_who(tmp_path: Path) -> None:
    """Issue 14: "an American commando killed in a Yemen raid against al-Qaeda" made
    Yemen a party to the raid; "five German cities", "EU citizens" are places and
    people. The state's demonym before the raid is its doer ("a Russian raid")."""

    def support(told: dict, spans: tuple[tuple[str, str, int], ...], name: str) -> str:
        coded = doc("d-0", "o.com", "2017-03-02", [told])
        coded.mentions = [
            Mention(coded.document.id, 0, start, start + len(text), text, actor, "test", actor)
            for text, actor, start in spans
        ]
        with store_of(tmp_path / f"{name}.duckdb", [coded]) as store:
            update_map(store, [coded.document.id])
            ((found,),) = store.fetchall("SELECT support FROM clusters")
            return found

    place = "A commando was killed in a Ukraine raid against Russia."
    cities = "Russia struck five Ukrainian cities."
    doer = "A commando was killed in a Russian raid against Ukraine."
    named = "Russia criticised the Ukraine mission."
    assert (
        support(
            event("e-1", "ASSAULT", ["UKR"], ["RUS"], place, trigger="raid"),
            (("Ukraine", "UKR", 27), ("Russia", "RUS", 48)),
            "place",
        )
        == "none"
    )
    assert (
        support(
            event("e-2", "ASSAULT", ["RUS"], ["UKR"], cities, trigger="struck"),
            (("Russia", "RUS", 0), ("Ukrainian", "UKR", 19)),
            "cities",
        )
        == "none"
    )
    assert (
        support(
            event("e-3", "ASSAULT", ["RUS"], ["UKR"], doer, trigger="raid"),
            (("Russian", "RUS", 27), ("Ukraine", "UKR", 48)),
            "doer",
        )
        == "asserted"
    )
    assert (
        support(
            event("e-4", "ACCUSE", ["RUS"], ["UKR"], named, trigger="criticised"),
            (("Russia", "RUS", 0), ("Ukraine mission", "UKR", 22)),
            "named",
        )
        == "none"
    )


def test_evidence_a_future_a_few_words_before_its_act_did_not_happen(tmp_path: Path) -> None:
    """Issue 14: "Supporters of leaving the EU argue it will free up the UK to trade
    better globally" made "United Kingdom partner_of European Union"; the "will" is
    five words before "trade", in its clause."""
    argued = event(
        "e-1",
        "COOPERATE",
        ["UKR"],
        ["RUS"],
        "Its supporters argue it will free up Ukraine to trade with Russia.",
        trigger="trade",
    )
    done = event(
        "e-2",
        "COOPERATE",
        ["UKR"],
        ["RUS"],
        "Its supporters say Ukraine began to trade with Russia.",
        trigger="trade",
    )
    assert _relations(tmp_path, argued) == set()
    assert ("RUS", "UKR", "partner_of") in _relations(tmp_path / "done", done)
