"""Standing relations from clusters: kinds, certainty, strength and what never counts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from map_fixtures import doc, event, store_of

from entente.consolidate import update_map
from entente.consolidate.knowledge import DATA_DIR, load_map_knowledge
from entente.errors import DataFileError
from entente.query import iter_relations, strongest_relations
from entente.records import Actor, ActorRef


def _relations(store) -> dict[tuple[str, str, str], dict]:
    return {(r["source"], r["target"], r["kind"]): r for r in iter_relations(store)}


def _build(tmp_path: Path, docs: list) -> object:
    store = store_of(tmp_path / "s.duckdb", docs)
    update_map(store, [d.document.id for d in docs])
    return store


DRONES = event(
    "e-1",
    "AID",
    ["IRN"],
    ["RUS"],
    "Iran supplied Shahed drones to Russia.",
    date="2022-09",
    items=["Shahed drones"],
)
DRONES_AGAIN = event(
    "e-2",
    "AID",
    ["IRN"],
    ["RUS"],
    "Iran has supplied Russia with Shahed drones.",
    date="2022-09",
    items=["Shahed drones"],
)


def test_relations_arms_supplier_from_aid_with_weapons(tmp_path: Path) -> None:
    docs = [
        doc("d-1", "a.com", "2022-10-01", [DRONES]),
        doc("d-2", "b.com", "2022-10-03", [DRONES_AGAIN]),
    ]
    with _build(tmp_path, docs) as store:
        found = _relations(store)
        supplier = found[("IRN", "RUS", "arms_supplier_of")]
        assert supplier["certainty"] == "asserted"
        assert supplier["strength"] == 2.0  # one event, two outlets: 1 * (1 + log2 2)
        assert supplier["first_seen"] == "2022-09-01"
        assert len(supplier["clusters"]) == 1
        # AID between states is not "backs" (that needs a non-state recipient).
        assert ("IRN", "RUS", "backs") not in found
        top = strongest_relations(store, limit=1, kind="arms_supplier_of")
        assert top[0]["source_name"] == "Iran" and top[0]["target_name"] == "Russia"


def test_relations_aid_without_weapons_is_not_arms(tmp_path: Path) -> None:
    grain = event("e-3", "AID", ["RUS"], ["IRN"], "Russia sent wheat to Iran.", date="2023-01")
    with _build(tmp_path, [doc("d-1", "a.com", "2023-02-01", [grain])]) as store:
        assert ("RUS", "IRN", "arms_supplier_of") not in _relations(store)


def test_relations_cooperation_naming_weapons_is_no_arms_supply(tmp_path: Path) -> None:
    """Issue 14: "Iran and Russia are holding joint military exercises as Ukraine
    fires missiles" is cooperation, a partnership, but supplies no arms."""
    drills = event(
        "e-4",
        "COOPERATE",
        ["IRN"],
        ["RUS"],
        "Iran and Russia are holding joint military exercises as Ukraine fires missiles.",
        date="2023-01",
    )
    with _build(tmp_path, [doc("d-1", "a.com", "2023-02-01", [drills])]) as store:
        found = _relations(store)
    assert not [k for k in found if k[2] == "arms_supplier_of"]
    assert [k for k in found if k[2] == "partner_of"]


def test_relations_negative_and_future_events_make_none(tmp_path: Path) -> None:
    refused = event(
        "e-1",
        "ACCUSE",
        ["RUS"],
        ["IRN"],
        "Russia has not condemned Iran.",
        date="2024-04",
        polarity="negative",
    )
    promised = event(
        "e-2",
        "AID",
        ["RUS"],
        ["IRN"],
        "Russia will deliver Su-35 fighter jets to Iran.",
        date="2024-04",
        tense="future",
    )
    maybe = event(
        "e-3",
        "ASSAULT",
        ["ISR"],
        ["IRN"],
        "Israel could strike Iran's nuclear sites.",
        date="2024-04",
        tense="hypothetical",
    )
    docs = [doc("d-1", "a.com", "2024-04-20", [refused, promised, maybe])]
    with _build(tmp_path, docs) as store:
        assert _relations(store) == {}
        assert store.fetchone("SELECT count(*) FROM clusters") == (3,)


def test_relations_alleged_only_is_alleged(tmp_path: Path) -> None:
    trained = event(
        "e-1",
        "AID",
        ["wagner-group"],
        ["hamas"],
        "Wagner Group reportedly trained Hamas fighters, though there is no evidence.",
        items=["Hamas fighters"],
        date="2023-10",
        certainty="alleged",
        attributed_to="reports out of Ukraine",
    )
    with _build(tmp_path, [doc("d-1", "a.com", "2023-10-20", [trained])]) as store:
        found = _relations(store)
        assert found[("wagner-group", "hamas", "arms_supplier_of")]["certainty"] == "alleged"
        assert found[("wagner-group", "hamas", "backs")]["strength"] == 0.5
        # Only the registry's "Iran backs Hamas", from the document naming Hamas, is asserted.
        asserted = strongest_relations(store, certainty="asserted")
        assert [(r["source"], r["target"], r["kind"]) for r in asserted] == [
            ("IRN", "hamas", "backs")
        ]


def test_relations_alleged_and_asserted_is_asserted(tmp_path: Path) -> None:
    alleged = event(
        "e-1",
        "AID",
        ["IRN"],
        ["RUS"],
        "Iran allegedly sent ballistic missiles to Russia.",
        items=["ballistic missiles"],
        date="2024-09",
        certainty="alleged",
    )
    other = {**DRONES, "eid": "e-2"}
    docs = [
        doc("d-1", "a.com", "2024-09-10", [alleged]),
        doc("d-2", "b.com", "2022-10-01", [other]),
    ]
    with _build(tmp_path, docs) as store:
        supplier = _relations(store)[("IRN", "RUS", "arms_supplier_of")]
        assert supplier["certainty"] == "asserted"
        assert supplier["strength"] == 1.5
        assert (supplier["first_seen"], supplier["last_seen"]) == ("2022-09-01", "2024-09-01")


def test_relations_backers_and_symmetric_partners(tmp_path: Path) -> None:
    backed = event("e-1", "SUPPORT", ["IRN"], ["hamas"], "Iran backed Hamas.", date="2023-10-08")
    treaty = event(
        "e-2",
        "SUPPORT",
        ["RUS"],
        ["IRN"],
        "Russia signed a partnership treaty with Iran.",
        date="2025-01-17",
    )
    docs = [
        doc("d-1", "a.com", "2023-10-09", [backed]),
        doc("d-2", "b.com", "2025-01-18", [treaty]),
    ]
    with _build(tmp_path, docs) as store:
        found = _relations(store)
        backs = found[("IRN", "hamas", "backs")]
        assert backs["certainty"] == "asserted"
        # the SUPPORT cluster (1) plus "Hamas is Iran-backed" in one document (0.5)
        assert backs["strength"] == 1.5
        assert ("IRN", "RUS", "partner_of") in found  # stored once, smaller id first
        assert ("RUS", "IRN", "partner_of") not in found


def test_relations_an_agreement_with_an_organisation_is_no_backing(tmp_path: Path) -> None:
    """Issue 14: "the EU and Turkey signed an agreement" made "Turkey backs the
    EU"; a treaty is a partnership. Backing an organisation backs it."""
    union = Actor("x-alliance", "Northern Council", "igo", None, "IGO")
    specs = {
        "signed": "Ukraine signed a partnership agreement with the Northern Council.",
        "backed": "Ukraine backed the Northern Council.",
    }
    found = {}
    for name, sentence in specs.items():
        spec = event("e-1", "SUPPORT", ["UKR"], ["RUS"], sentence, date="2017-02")
        coded = doc("d-1", "a.com", "2017-03-10", [spec], extra_actors=[union])
        coded.events[0].recipient = [ActorRef(union.name, None, "IGO", union.id)]
        (tmp_path / name).mkdir()
        with _build(tmp_path / name, [coded]) as store:
            found[name] = {(s, t, k) for s, t, k in _relations(store) if "x-alliance" in (s, t)}
    assert found == {
        "signed": {("UKR", "x-alliance", "partner_of")},
        "backed": {("UKR", "x-alliance", "backs")},
    }


def test_relations_merged_groups_are_one_node(tmp_path: Path) -> None:
    one = event(
        "e-1",
        "ASSAULT",
        ["x-iranian-backed-militias"],
        ["USA"],
        "Iranian-backed militias attacked U.S. troops in Syria.",
        date="2024-01-28",
    )
    two = event(
        "e-2",
        "ASSAULT",
        ["x-iranian-backed-militia"],
        ["USA"],
        "An Iranian-backed militia attacked U.S. troops in Jordan.",
        date="2024-02-04",
    )
    docs = [doc("d-1", "a.com", "2024-01-29", [one]), doc("d-2", "b.com", "2024-02-05", [two])]
    with _build(tmp_path, docs) as store:
        found = _relations(store)
        adversary = [k for k in found if k[2] == "adversary_of"]
        assert adversary == [("x-iranian-backed-militia", "USA", "adversary_of")]
        assert found[adversary[0]]["n_clusters"] == 2
        assert ("IRN", "x-iranian-backed-militia", "backs") in found


def test_relations_rules_are_data() -> None:
    knowledge = load_map_knowledge()
    kinds = {rule.kind for rule in knowledge.rules}
    assert kinds == {"arms_supplier_of", "backs", "partner_of", "adversary_of"}
    assert knowledge.names_military_goods("Su-35 fighter jets")
    assert not knowledge.names_military_goods("wheat and fertiliser")


def test_relations_yaml_without_a_required_setting_is_an_error(tmp_path: Path) -> None:
    """Review C §6: evidence.borrowed_sides and corroboration.min_clusters are declared
    once, in relations.yaml; a file without them is an error naming it, not a quiet
    default of the code's own."""
    for key in ("  borrowed_sides:", "  min_clusters: 3"):
        data = tmp_path / key.strip().split(":")[0] / "data"
        shutil.copytree(DATA_DIR, data)
        path = data / "relations.yaml"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        assert sum(line.startswith(key) for line in lines) == 1
        path.write_text("".join(x for x in lines if not x.startswith(key)), encoding="utf-8")
        with pytest.raises(DataFileError, match="relations.yaml"):
            load_map_knowledge(data)


def test_relations_group_of_a_state_is_not_the_state(tmp_path: Path) -> None:
    """Issue 14: strikes on a country's opposition make no relation with the country."""
    strike = event(
        "e-1",
        "ASSAULT",
        ["RUS"],
        ["x-syr-opposition"],
        "Russian jets struck the Syrian opposition.",
        date="2017-02-01",
    )
    docs = [doc("d-1", "a.com", "2017-02-02", [strike])]
    with _build(tmp_path, docs) as store:
        found = _relations(store)
        assert ("RUS", "x-syr-opposition", "adversary_of") in found
        assert not any("SYR" in key[:2] for key in found)


def test_map_node_person_is_an_organisation_only_while_holding_its_office() -> None:
    """Issue 14: a Dutch prime minister in 2017 became NATO's head in 2024; in 2017 he is
    the Netherlands, not NATO ("France backs NATO" from congratulating him)."""
    from entente.consolidate.actors import ActorIndex, ActorInfo, map_node
    from entente.records import ActorRef

    knowledge = load_map_knowledge()
    index = ActorIndex()
    index.actors["alliance"] = ActorInfo("alliance", "Alliance", "igo", "IGO", "IGO")
    index.actors["jan-veld"] = ActorInfo(
        "jan-veld",
        "Jan Veld",
        "person",
        "IGO",
        "IGO",
        organisations=("alliance",),
        office_roles=(("alliance", "IGO", "IGO"),),
    )
    as_minister = ActorRef("Jan Veld", "NLD", "GOV", "jan-veld")
    as_head = ActorRef("Jan Veld", "IGO", "IGO", "jan-veld")
    unknown = ActorRef("Jan Veld", None, None, "jan-veld")
    assert map_node(as_minister, index, knowledge) == "NLD"
    assert map_node(as_head, index, knowledge) == "alliance"
    assert map_node(unknown, index, knowledge) == "alliance"


def test_arms_supply_needs_weapons_in_the_transfer_not_the_sentence(tmp_path: Path) -> None:
    """Issue 14: "Russian aircraft delivered 20.7 tons of humanitarian aid" named a
    weapon (aircraft), yet carried none; the goods are what the transfer moves,
    or military personnel do it."""
    cases = {
        "humanitarian": (
            "Russian aircraft delivered tons of humanitarian aid to Syria.",
            "delivered",
            ["humanitarian aid"],
        ),
        "missiles": (
            "Russia delivered air defence missiles to Syria.",
            "delivered",
            ["air defence missiles"],
        ),
        "personnel": ("Russian instructors remain in Syria to help the Syrian army.", "help", []),
    }
    found = {}
    for name, (sentence, trigger, items) in cases.items():
        spec = event("e-1", "AID", ["RUS"], ["SYR"], sentence, trigger=trigger, items=items)
        with store_of(
            tmp_path / f"{name}.duckdb", [doc("d-1", "a.com", "2017-03-02", [spec])]
        ) as store:
            update_map(store, ["d-1"])
            found[name] = {r["kind"] for r in iter_relations(store)}
    assert found == {
        "humanitarian": set(),
        "missiles": {"arms_supplier_of"},
        "personnel": {"arms_supplier_of"},
    }


def test_relations_an_opposition_figure_is_not_the_state(tmp_path: Path) -> None:
    """Issue 14: an opposition leader acting as such (sector OPP) is no organ of the
    state of his nationality: his accusation makes no Russia line."""
    accusation = event(
        "e-1", "SANCTION", ["x-lev-orlov"], ["USA"], "Orlov boycotted the United States."
    )
    docs = [doc("d-1", "a.com", "2017-02-02", [accusation])]
    with _build(tmp_path, docs) as store:
        assert not any("RUS" in key[:2] for key in _relations(store))
