"""Ranked sentence search (entente.query.retrieval), over small invented articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from entente.errors import UsageError
from entente.pipeline import CodedDocument
from entente.query import retrieval
from entente.query.retrieval import index_dir, search_sentences
from entente.records import Document, PublicationDate, Sentence
from entente.store.db import Store
from entente.store.write import write_batch


def article(doc_id: str, outlet: str, published: str | None, *sentences: str) -> CodedDocument:
    """A document whose sentences are ``sentences``, one space apart, with no events."""
    text = " ".join(sentences)
    rows, start = [], 0
    for number, sentence in enumerate(sentences):
        rows.append(Sentence(doc_id, number, start, start + len(sentence)))
        start += len(sentence) + 1
    precision = {4: "year", 7: "month", 10: "day"}.get(len(published or ""))
    return CodedDocument(
        Document(
            id=doc_id,
            source=f"{doc_id}.txt",
            text=text,
            outlet=outlet,
            published=PublicationDate(published, precision) if published else None,
        ),
        rows,
        actors=[],
        events=[],
    )


ARTICLES = [
    article(
        "a1",
        "Harbour Post",
        "2031-03-02",
        "Norland shipped drones to Ostavia last week.",
        "The weather in the capital was mild.",
    ),
    article(
        "a2",
        "Valley Times",
        "2031-05-20",
        "Ostavia said the drones from Norland were used near the river.",
        "Farmers expect a good harvest.",
    ),
    article(
        "a3",
        "Harbour Post",
        "2032-01-10",
        "Trade ministers met to discuss grain tariffs.",
        "Norland denied that it supplies any drone to Ostavia.",
    ),
]


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with no index loaded in this process."""
    retrieval._CACHE.clear()
    yield
    retrieval._CACHE.clear()


def store_with(path: Path, docs: list[CodedDocument]) -> Store:
    store = Store(path)
    write_batch(store, docs, [], "test")
    return store


def test_sentences_with_the_searched_words_rank_before_the_others(tmp_path):
    store = store_with(tmp_path / "s.duckdb", ARTICLES)
    hits = search_sentences(store, "drones shipped to Ostavia")
    assert hits[0]["sentence"] == "Norland shipped drones to Ostavia last week."
    texts = [h["sentence"] for h in hits]
    assert "The weather in the capital was mild." not in texts
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_a_plural_finds_the_singular_and_the_reverse(tmp_path):
    store = store_with(tmp_path / "s.duckdb", ARTICLES)
    plural = {h["sentence"] for h in search_sentences(store, "drones")}
    singular = {h["sentence"] for h in search_sentences(store, "drone")}
    assert plural == singular
    assert "Norland denied that it supplies any drone to Ostavia." in plural


def test_each_hit_is_the_stored_sentence_with_its_document_and_offsets(tmp_path):
    docs = [
        article(
            "u1",
            "Café Press",
            "2031-02",
            "Ürün said «peace» is near.",
            "Tanks crossed the border at dawn.",
        )
    ]
    store = store_with(tmp_path / "s.duckdb", docs)
    (hit,) = search_sentences(store, "tanks border", limit=1)
    (text,) = store.fetchone("SELECT text FROM documents WHERE id = 'u1'")
    assert text[hit["start"] : hit["end"]] == hit["sentence"] == "Tanks crossed the border at dawn."
    assert (hit["doc"], hit["outlet"], hit["published"]) == ("u1", "Café Press", "2031-02")
    assert hit["title"] is None


def test_since_and_until_keep_sentences_of_articles_published_in_the_period(tmp_path):
    store = store_with(tmp_path / "s.duckdb", ARTICLES)
    docs = {h["doc"] for h in search_sentences(store, "drones", since="2031-04")}
    assert docs == {"a2", "a3"}
    # ``until`` names a whole period: 2031-05 runs to 31 May.
    docs = {h["doc"] for h in search_sentences(store, "drones", until="2031-05")}
    assert docs == {"a1", "a2"}
    assert search_sentences(store, "drones", since="2040") == []


def test_an_article_with_no_date_is_left_out_of_a_dated_search_only(tmp_path):
    store = store_with(
        tmp_path / "s.duckdb", [article("n1", "Wire", None, "Convoys of trucks crossed.")]
    )
    assert [h["doc"] for h in search_sentences(store, "convoys")] == ["n1"]
    assert search_sentences(store, "convoys", until="2031") == []


def test_a_sentence_carried_by_several_articles_is_listed_once_from_the_newest(tmp_path):
    wire = "Pipeline talks between Norland and Ostavia collapsed."
    docs = [
        article("w1", "Harbour Post", "2031-06-01", wire),
        article("w2", "Valley Times", "2031-06-03", "Rain fell.", wire),
        article("w3", "Evening Star", "2031-09-09", wire),
    ]
    store = store_with(tmp_path / "s.duckdb", docs)
    (hit,) = search_sentences(store, "pipeline talks")
    assert (hit["doc"], hit["copies"]) == ("w3", 3)
    (hit,) = search_sentences(store, "pipeline talks", until="2031-06")
    assert (hit["doc"], hit["copies"], hit["start"]) == ("w2", 2, len("Rain fell. "))


def test_a_search_of_stop_words_alone_or_unknown_words_finds_nothing(tmp_path):
    store = store_with(tmp_path / "s.duckdb", ARTICLES)
    assert search_sentences(store, "who is the one that was") == []
    assert search_sentences(store, "zeppelin") == []


def test_bad_limits_dates_and_pastes_are_refused_with_a_reason(tmp_path):
    store = store_with(tmp_path / "s.duckdb", ARTICLES)
    with pytest.raises(UsageError, match="limit"):
        search_sentences(store, "drones", limit=0)
    with pytest.raises(UsageError, match="not a date"):
        search_sentences(store, "drones", since="last week")
    with pytest.raises(UsageError, match="longer than"):
        search_sentences(store, "drones " * 200)


def test_the_index_is_saved_beside_the_store_and_rebuilt_after_an_ingest(tmp_path):
    path = tmp_path / "s.duckdb"
    store = store_with(path, ARTICLES[:2])
    assert search_sentences(store, "tariffs") == []
    folder = index_dir(store)
    before = json.loads((folder / "meta.json").read_text())["fingerprint"]

    write_batch(store, [ARTICLES[2]], [], "test")
    hits = search_sentences(store, "tariffs")
    assert [h["doc"] for h in hits] == ["a3"]
    assert json.loads((folder / "meta.json").read_text())["fingerprint"] != before


def test_a_saved_index_of_another_state_of_the_store_is_not_used(tmp_path):
    path = tmp_path / "s.duckdb"
    store = store_with(path, ARTICLES[:1])
    search_sentences(store, "drones")
    stale = tmp_path / "stale"
    index_dir(store).rename(stale)
    write_batch(store, ARTICLES[1:], [], "test")
    search_sentences(store, "drones")
    store.close()
    # The old folder put back in place, as if the store changed while no search ran.
    index_dir(store).replace(tmp_path / "fresh")
    stale.rename(index_dir(store))
    retrieval._CACHE.clear()

    store = Store(path)
    assert {h["doc"] for h in search_sentences(store, "drones")} == {"a1", "a2", "a3"}


def test_a_damaged_index_folder_is_rebuilt(tmp_path):
    path = tmp_path / "s.duckdb"
    store = store_with(path, ARTICLES)
    search_sentences(store, "drones")
    (index_dir(store) / "rows.npz").write_bytes(b"not an archive")
    retrieval._CACHE.clear()
    assert {h["doc"] for h in search_sentences(store, "drones")} == {"a1", "a2", "a3"}


def test_a_read_only_store_searches_with_the_saved_index(tmp_path):
    path = tmp_path / "s.duckdb"
    store_with(path, ARTICLES).close()
    store = Store(path, read_only=True)
    assert search_sentences(store, "harvest")[0]["doc"] == "a2"
    saved = (index_dir(store) / "meta.json").stat().st_mtime_ns
    retrieval._CACHE.clear()
    store.close()

    store = Store(path, read_only=True)
    assert search_sentences(store, "harvest")[0]["doc"] == "a2"
    assert (index_dir(store) / "meta.json").stat().st_mtime_ns == saved


def test_an_in_memory_store_is_searched_without_a_folder(tmp_path):
    store = store_with(Path(":memory:"), ARTICLES)
    assert index_dir(store) is None
    assert search_sentences(store, "harvest")[0]["doc"] == "a2"


def test_an_empty_store_finds_nothing(tmp_path):
    store = Store(tmp_path / "empty.duckdb")
    assert search_sentences(store, "drones") == []


def test_a_served_store_checks_its_fingerprint_once_while_it_is_open(tmp_path, monkeypatch):
    path = tmp_path / "s.duckdb"
    store_with(path, ARTICLES).close()
    store = Store(path, read_only=True)

    class Served:  # stands for the server's read model (query.memory.ReadModel)
        pass

    store.read_model = Served()
    calls = []
    real = retrieval.fingerprint
    monkeypatch.setattr(retrieval, "fingerprint", lambda s: calls.append(1) or real(s))
    for _ in range(3):
        assert search_sentences(store, "harvest")[0]["doc"] == "a2"
    assert len(calls) == 1
