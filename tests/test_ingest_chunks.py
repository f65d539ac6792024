"""Chunks sent to the workers are bounded in characters as well as in documents,
so a worker's peak memory does not follow the longest articles of a corpus."""

from __future__ import annotations

from entente.ingest import run
from entente.ingest.run import CHUNK_CHARS, CHUNK_DOCS, IngestSummary, _chunks
from entente.records import Document
from entente.store.db import Store


def _document(i: int, chars: int) -> Document:
    text = (f"Article {i} says " + "word " * chars)[:chars]
    return Document(id=f"d{i:04d}", source=f"d{i}.txt", text=text)


def _chunked(documents: list[Document]) -> list[list[Document]]:
    with Store(":memory:") as store:
        return list(_chunks(iter(documents), store, IngestSummary(run_id="t"), {}, lambda e: None))


def test_short_documents_are_chunked_by_count() -> None:
    chunks = _chunked([_document(i, 100) for i in range(CHUNK_DOCS * 2 + 3)])
    assert [len(c) for c in chunks] == [CHUNK_DOCS, CHUNK_DOCS, 3]


def test_long_documents_are_chunked_by_characters() -> None:
    size = CHUNK_CHARS // 3 + 1  # two fit in a chunk, three do not
    chunks = _chunked([_document(i, size) for i in range(7)])
    assert [len(c) for c in chunks] == [2, 2, 2, 1]
    assert all(sum(len(d.text) for d in c) <= CHUNK_CHARS for c in chunks)


def test_a_document_longer_than_a_chunk_goes_alone() -> None:
    documents = [_document(0, 100), _document(1, CHUNK_CHARS * 2), _document(2, 100)]
    chunks = _chunked(documents)
    assert [[d.id for d in c] for c in chunks] == [["d0000"], ["d0001"], ["d0002"]]


def test_no_document_is_lost_or_repeated_across_chunks() -> None:
    sizes = [100, 9_000, 30_000, 500, 40_000, 12_000, 12_000, 12_000, 200] * 3
    documents = [_document(i, s) for i, s in enumerate(sizes)]
    chunks = _chunked(documents)
    assert [d.id for c in chunks for d in c] == [d.id for d in documents]


def test_ingest_checkpoints_every_so_many_committed_documents(tmp_path, monkeypatch) -> None:
    from entente.ingest.run import ingest
    from entente.settings import Settings

    for i in range(5):
        (tmp_path / f"a{i}.txt").write_text(
            f"Officials of country number {i} met envoys in the capital on Monday. "
            f"They discussed trade and security for the {i}th time this year.\n",
            encoding="utf-8",
        )
    calls: list[str] = []
    checkpoint, reconnect = Store.checkpoint, Store.reconnect

    def checkpointed(self: Store) -> None:
        calls.append("checkpoint")
        checkpoint(self)

    def reconnected(self: Store) -> None:
        calls.append("reconnect")
        reconnect(self)

    monkeypatch.setattr(run, "CHECKPOINT_DOCS", 2)
    monkeypatch.setattr(run, "CHUNK_DOCS", 1)  # one document a batch
    monkeypatch.setattr(Store, "checkpoint", checkpointed)
    monkeypatch.setattr(Store, "reconnect", reconnected)
    settings = Settings.load(db=tmp_path / "s.duckdb", workers=1, batch_size=1, min_chars=10)
    summary = ingest([str(tmp_path / "*.txt")], settings)
    assert summary.committed == 5
    # After the 2nd and the 4th document, each checkpoint followed by a fresh connection.
    assert calls == ["checkpoint", "reconnect"] * 2
    with Store(settings.db, read_only=True) as store:
        assert store.fetchone("SELECT count(*) FROM documents") == (5,)
        assert store.fetchone("SELECT count(DISTINCT doc_id) FROM sentences") == (5,)


def test_map_update_in_slices_of_documents_equals_one_pass(tmp_path, monkeypatch) -> None:
    from map_fixtures import store_of
    from test_clusters import _corpus, _snapshot

    import entente.consolidate as consolidate

    docs = _corpus()
    ids = [d.document.id for d in docs]
    with store_of(tmp_path / "one.duckdb", docs) as store:
        consolidate.update_map(store, ids)
        expected = _snapshot(store)
    monkeypatch.setattr(consolidate, "REFRESH_SLICE_DOCS", 1)
    with store_of(tmp_path / "sliced.duckdb", docs) as store:
        update = consolidate.update_map(store, ids)
        assert update.documents == len(docs)  # one slice per document
        assert _snapshot(store) == expected
