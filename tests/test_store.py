"""The store: schema migrations, the write lock, idempotent batch writes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from entente.errors import SchemaTooNew, StoreError, StoreLocked
from entente.pipeline import CodedDocument
from entente.records import Document, PublicationDate, Sentence
from entente.store.db import SCHEMA_VERSION, Store, migrations
from entente.store.write import LogEntry, existing_ids, published_date, write_batch


def _coded(doc_id: str = "d1", text: str = "Iran thanked Russia. Russia agreed.") -> CodedDocument:
    document = Document(
        id=doc_id, source="a.txt", text=text, published=PublicationDate("2024-04", "month")
    )
    return CodedDocument(document, [Sentence(doc_id, 0, 0, 20), Sentence(doc_id, 1, 21, len(text))])


def test_store_new_file_gets_latest_schema(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        assert store.version() == SCHEMA_VERSION
        tables = {r[0] for r in store.fetchall("SELECT table_name FROM information_schema.tables")}
    assert {"documents", "sentences", "ingest_log", "schema_version"} <= tables


def test_store_old_file_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    version, name, sql = migrations()[0]
    con = duckdb.connect(str(path))
    con.execute(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
    )
    con.execute(sql)
    con.execute("INSERT INTO schema_version VALUES (?, ?, now())", [version, name])
    con.execute(
        "INSERT INTO documents (id, source, text, words, ingested_at) VALUES ('old', 'x', 't', 1, now())"
    )
    con.close()
    with Store(path) as store:
        assert store.version() == SCHEMA_VERSION
        assert store.fetchone("SELECT id FROM documents") == ("old",)


def _store_at_version(path: Path, upto: int) -> None:
    """A store file as an entente that shipped migrations up to ``upto`` left it."""
    con = duckdb.connect(str(path))
    con.execute(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
    )
    for version, name, sql in migrations()[:upto]:
        con.execute(sql)
        con.execute("INSERT INTO schema_version VALUES (?, ?, now())", [version, name])
    con.execute(
        "INSERT INTO documents (id, source, text, words, ingested_at) VALUES ('old', 'x', 't', 1, now())"
    )
    con.close()


def test_store_read_only_open_upgrades_an_older_store(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _store_at_version(path, SCHEMA_VERSION - 1)
    with Store(path, read_only=True) as store:
        assert store.read_only
        assert store.version() == SCHEMA_VERSION
        assert store.fetchone("SELECT id FROM documents") == ("old",)
        with pytest.raises(StoreError):  # still a read-only connection
            store.execute("DELETE FROM documents")
    with Store(path, read_only=True) as store:  # and the upgrade stayed
        assert store.version() == SCHEMA_VERSION


def test_store_read_only_open_of_older_store_held_read_only_elsewhere_says_wait(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.duckdb"
    _store_at_version(path, SCHEMA_VERSION - 1)
    # Another process reads the old store: upgrading needs the write lock, which
    # it blocks, so the open fails with what to do and leaves the file as it was.
    script = textwrap.dedent(f"""
        import duckdb, time
        con = duckdb.connect({str(path)!r}, read_only=True)
        print("held", flush=True)
        time.sleep(60)
    """)
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreError, match="another entente process holds it"):
            Store(path, read_only=True)
    finally:
        holder.kill()
        holder.wait()
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT max(version) FROM schema_version").fetchone() == (
        SCHEMA_VERSION - 1,
    )
    con.close()


def test_store_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (999, '999_future.sql', now())")
    con.close()
    with pytest.raises(SchemaTooNew, match="999"):
        Store(path)


def test_store_read_only_missing_file_says_how_to_create(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="entente ingest"):
        Store(tmp_path / "absent.duckdb", read_only=True)


def test_store_held_by_another_process_is_locked(tmp_path: Path, hold_store) -> None:
    path = tmp_path / "busy.duckdb"
    Store(path).close()
    hold_store(path)
    with pytest.raises(StoreLocked, match="another entente process"):
        Store(path)


def test_store_reconnect_keeps_what_was_committed(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.execute(
            "INSERT INTO documents (id, source, text, words, ingested_at) VALUES ('d1', 'a.txt', 'Text.', 1, now())"
        )
        first = store.con
        store.reconnect()
        assert store.con is not first
        assert store.fetchone("SELECT id FROM documents") == ("d1",)


def test_write_batch_same_document_twice_stored_once(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        write_batch(store, [_coded()], [LogEntry("a.txt", "ok", None, "d1")], "run1")
        write_batch(store, [_coded()], [LogEntry("a.txt", "duplicate", "same text", "d1")], "run2")
        assert store.fetchone("SELECT count(*) FROM documents") == (1,)
        assert store.fetchone("SELECT count(*) FROM sentences") == (2,)
        assert store.fetchall("SELECT status FROM ingest_log ORDER BY id") == [
            ("ok",),
            ("duplicate",),
        ]
        assert existing_ids(store, ["d1", "d2"]) == {"d1"}


def test_write_batch_failure_leaves_store_unchanged(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        write_batch(store, [_coded("keep")], [], "run1")
        with pytest.raises(Exception):  # noqa: B017 - any failure must roll back
            write_batch(store, [_coded("new")], [LogEntry("x", "bogus", None)], "run2")  # type: ignore[arg-type]
        assert store.fetchall("SELECT id FROM documents") == [("keep",)]


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        ("2024-04-15", "day", "2024-04-15"),
        ("2024-04", "month", "2024-04-01"),
        ("2024", "year", "2024-01-01"),
    ],
)
def test_published_date_is_first_day_of_period(value: str, precision: str, expected: str) -> None:
    assert published_date(PublicationDate(value, precision)).isoformat() == expected  # type: ignore[arg-type]


def test_a_log_row_with_a_lone_surrogate_is_written(tmp_path: Path) -> None:
    # A file name in another encoding reaches Python as surrogateescape; UTF-8
    # cannot encode it, and the batch's write used to fail on it.
    with Store(tmp_path / "s.duckdb") as store:
        write_batch(
            store, [_coded()], [LogEntry("caf\udce9.txt", "error", "bad \ud800 field")], "run1"
        )
        assert store.fetchall("SELECT source, reason FROM ingest_log") == [
            ("caf\\xe9.txt", "bad \ufffd field")
        ]
