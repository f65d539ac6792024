"""An ad-hoc actor told differently by each document: the map of an ingest is the
map ``entente rebuild`` makes of the same store, whatever the order of ingest.

Names are invented. "Ada Quill" has no country in one article and is American
in two: the first copy of her row stays, her country is settled from her
mentions (USA), and the article that gave her none rolls up to USA in both maps.
"""

from __future__ import annotations

from itertools import permutations
from pathlib import Path

import pytest
from map_fixtures import ACTORS, add, doc, event, store_of

from entente.consolidate import rebuild_map, update_map
from entente.pipeline import CodedDocument
from entente.query import iter_clusters, iter_relations
from entente.records import Actor, ActorRef, Mention
from entente.store.write import one_copy_per_actor

QUILL = "x-ada-quill"


@pytest.fixture(autouse=True)
def _quill(monkeypatch: pytest.MonkeyPatch) -> None:
    # The events' references carry no country (ACTORS gives the fixtures' refs).
    monkeypatch.setitem(ACTORS, QUILL, Actor(QUILL, "Ada Quill", "person", None, None))


def _told(doc_id: str, day: str, country: str | None, sentence: str, **kw) -> CodedDocument:
    coded = doc(
        doc_id,
        f"{doc_id}.com",
        day,
        [event(f"e-{doc_id}", "CONSULT", [QUILL], ["RUS"], sentence, date=day, **kw)],
        extra_actors=[Actor(QUILL, "Ada Quill", "person", country, "GOV" if country else None)],
    )
    coded.actors = [a for a in coded.actors if a.id != QUILL or a.country == country]
    coded.mentions = [Mention(doc_id, 0, 0, 8, "Ada Quill", QUILL, "test", country, None)]
    return coded


def _corpus() -> list[CodedDocument]:
    return [
        _told("d-1", "2024-05-02", None, "Ada Quill met the Russian envoy in Vienna on Thursday."),
        _told("d-2", "2024-05-03", "USA", "US envoy Ada Quill met Russia's envoy in Vienna."),
        _told("d-3", "2024-05-04", "USA", "Ada Quill of the US met Russian diplomats in Vienna."),
    ]


def _snapshot(store) -> tuple:
    nodes = sorted(
        (r[0], tuple(r[1]), tuple(r[2]))
        for r in store.fetchall("SELECT event_id, actor_nodes, recipient_nodes FROM event_nodes")
    )
    clusters = sorted((c["id"], tuple(c["members"]), c["block"]) for c in iter_clusters(store))
    relations = sorted((r["source"], r["target"], r["kind"]) for r in iter_relations(store))
    actor = store.fetchone("SELECT kind, country, sector FROM actors WHERE id = ?", [QUILL])
    return nodes, clusters, relations, actor


@pytest.mark.parametrize("order", list(permutations(range(3))))
def test_ingest_one_at_a_time_equals_rebuild(order: tuple[int, ...], tmp_path: Path) -> None:
    docs = _corpus()
    with store_of(tmp_path / "s.duckdb", []) as store:
        for i in order:
            add(store, [docs[i]])
            update_map(store, [docs[i].document.id])
        incremental = _snapshot(store)
        rebuild_map(store)
        rebuilt = _snapshot(store)
    assert incremental == rebuilt
    nodes, _clusters, _relations, actor = rebuilt
    assert actor[1] == "USA"  # two of three documents
    assert all(n[1] == ("USA",) for n in nodes)  # d-1's reference rolls up to it too


def test_an_ad_hoc_actors_first_copy_stays_a_registry_actors_last_replaces(
    tmp_path: Path,
) -> None:
    assert one_copy_per_actor(["x-a", "RUS", "x-a", "RUS", "x-b"]) == [0, 3, 4]
    docs = _corpus()
    with store_of(tmp_path / "s.duckdb", []) as store:
        for coded in (docs[1], docs[0]):
            add(store, [coded])
        row = store.fetchone("SELECT country, sector FROM actors WHERE id = ?", [QUILL])
    assert row == ("USA", "GOV")


def test_a_person_met_in_articles_acts_for_the_country_most_articles_give_it(
    tmp_path: Path,
) -> None:
    """Issue 14, cause 6: one article's context made a person another state's
    ("Jeff Sessions" Russian in an article about Russia); a person with a full
    name is one person of one country, the one most articles give it."""
    docs = _corpus()
    one_context = _told("d-4", "2024-05-05", "RUS", "Ada Quill met Russian envoys again in Vienna.")
    one_context.events[0].actor = [ActorRef("Ada Quill", "RUS", "GOV", QUILL)]
    with store_of(tmp_path / "s.duckdb", [*docs, one_context]) as store:
        update_map(store, [d.document.id for d in (*docs, one_context)])
        nodes = dict(
            store.fetchall("SELECT event_id, actor_nodes FROM event_nodes WHERE doc_id = 'd-4'")
        )
    assert nodes == {"e-d-4": ["USA"]}


def test_an_office_holders_organisation_is_stored_with_the_holder() -> None:
    """The map makes an office-holder the organisation of its office and reads that
    organisation's kind from the store: it is stored with the holder, or the node
    would depend on whether an earlier article had named the organisation."""
    from entente import pipeline
    from entente.records import Document

    pipeline.init_worker(None)
    nlp, knowledge = pipeline._WORKER
    text = "Yasser Arafat met Ehud Barak at Camp David in July 2000 to talk about peace."
    document = Document(id="d-arafat", source="arafat.txt", text=text)
    coded = pipeline.code_document(nlp(text), document, knowledge)
    stored = {a.id for a in coded.actors}
    holders = [a for a in coded.actors if a.offices]
    assert holders  # the registry's office-holders of the sentence
    wanted = {o.organisation for a in holders for o in a.offices if o.organisation}
    assert wanted and wanted <= stored
