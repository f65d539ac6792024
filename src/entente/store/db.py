"""The store: the only owner of the DuckDB connection.

One writer at a time: DuckDB takes a file lock for a read-write connection,
and a second process gets ``StoreLocked``. Schema changes are numbered SQL
files in ``migrations/``; opening an older file applies the missing ones in
order, each in its own transaction, and a file from a newer entente is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from entente.errors import SchemaTooNew, StoreError, StoreLocked

_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")

# Every DuckDB connection entente opens: nothing is fetched or loaded at run time
# (issue 18: a --db that was a SQLite file made DuckDB download sqlite_scanner).
# Set at connect, not by SET after: DuckDB autoloads while it opens the file.
DUCKDB_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}


def migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) for every migration shipped, in order."""
    found = []
    for entry in resources.files("entente.store").joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


SCHEMA_VERSION = migrations()[-1][0]


def _reason(exc: duckdb.Error) -> str:
    """DuckDB's message on one line, without its class ("Binder Error: ") or the SQL it quotes."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return re.sub(r"^[A-Za-z ]*Error: ", "", first)


def _is_lock_error(exc: duckdb.Error) -> bool:
    text = str(exc).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text)


class Store:
    """An open entente store. Use as a context manager, or call ``close()``.

    >>> with Store(":memory:") as store:  # doctest: +SKIP
    ...     store.fetchone("SELECT count(*) FROM documents")
    (0,)
    """

    # An in-memory accelerator (entente.query.memory.ReadModel) a read-only server
    # attaches; the query functions ask it first when it is there.
    read_model: Any = None

    def __init__(self, path: Path | str, read_only: bool = False) -> None:
        self.path = Path(path) if str(path) != ":memory:" else Path(":memory:")
        self.read_only = read_only
        if read_only and str(path) != ":memory:" and not Path(path).exists():
            raise StoreError(
                f"No store at {path}. Create one with: entente ingest PATH --db {path}"
            )
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.con = self._connect(read_only)
        if read_only and self._pending():
            # A read-only command on a store from an older entente: upgrade it in
            # place (read-write, migrate, close), then reopen read-only. Only when
            # no other process holds the file; otherwise _migrate says what to do.
            self.con.close()
            try:
                upgrade = self._connect(False)
            except StoreLocked:
                self.con = self._connect(True)
            else:
                self.con, self.read_only = upgrade, False
                try:
                    self._migrate()
                finally:
                    upgrade.close()
                    self.read_only = True
                self.con = self._connect(True)
        self._migrate()

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        try:
            return duckdb.connect(str(self.path), read_only=read_only, config=DUCKDB_CONFIG)
        except duckdb.Error as exc:
            if _is_lock_error(exc):
                raise StoreLocked(self.path) from exc
            if "extension" in str(exc).lower():
                raise StoreError(
                    f"{self.path} is not an entente store (DuckDB could open it only with an "
                    "extension, and entente loads none): name a DuckDB file, or a new path, "
                    "with --db."
                ) from exc
            if "not a valid duckdb database" in str(exc).lower():
                raise StoreError(
                    f"{self.path} is not a DuckDB file, so not an entente store: name a "
                    "store, or a new path, with --db."
                ) from exc
            raise StoreError(f"Could not open the store {self.path}: {_reason(exc)}") from exc

    def _pending(self) -> bool:
        return str(self.path) != ":memory:" and any(m[0] > self.version() for m in migrations())

    # -- schema -----------------------------------------------------------
    def version(self) -> int:
        # Asked directly, not through information_schema: every command opens the
        # store, and that view cost a new process ~8 ms of CPU (bench/queries.py, open).
        try:
            row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        except duckdb.CatalogException:  # a new store: no table yet
            return 0
        return int(row[0] or 0) if row else 0

    def _migrate(self) -> None:
        current = self.version()
        if current > SCHEMA_VERSION:
            raise SchemaTooNew(self.path, current, SCHEMA_VERSION)
        pending = [m for m in migrations() if m[0] > current]
        if not pending:
            return
        if self.read_only:
            raise StoreError(
                f"The store {self.path} has schema version {current} and needs upgrading to "
                f"{SCHEMA_VERSION}, and another entente process holds it; open it again "
                "when that run ends (it is upgraded then), or once read-write yourself."
            )
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version "
            "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
        )
        for version, name, sql in pending:
            try:
                self.con.execute("BEGIN TRANSACTION")
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_version VALUES (?, ?, now())", [version, name])
                self.con.execute("COMMIT")
            except duckdb.Error as exc:
                self.con.execute("ROLLBACK")
                raise StoreError(f"Migration {name} failed on {self.path}: {exc}") from exc

    # -- access -----------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Everything inside commits together or not at all."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            try:
                self.con.execute("COMMIT")
            except duckdb.Error as exc:
                raise StoreError(f"Could not commit to {self.path}: {exc}") from exc

    def execute(self, sql: str, params: list[Any] | None = None) -> duckdb.DuckDBPyConnection:
        try:
            return self.con.execute(sql, params or [])
        except duckdb.InterruptException as exc:
            raise KeyboardInterrupt from exc  # Ctrl-C while DuckDB ran: the user's stop
        except RuntimeError as exc:
            # DuckDB's binding reports Ctrl-C during a query as a bare RuntimeError.
            if "interrupted" in str(exc).lower():
                raise KeyboardInterrupt from exc
            raise
        except duckdb.Error as exc:
            # One line, without the query: DuckDB's text quotes the SQL (issue 19);
            # --debug shows the whole chained error.
            raise StoreError(
                f"Query failed on {self.path}: {_reason(exc)} (run with --debug for the query)"
            ) from exc

    def fetchall(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        return self.execute(sql, params).fetchall()

    def fetchone(self, sql: str, params: list[Any] | None = None) -> tuple[Any, ...] | None:
        return self.execute(sql, params).fetchone()

    def records(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Rows as dicts keyed by column name."""
        cursor = self.execute(sql, params)
        names = [d[0] for d in cursor.description or []]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def append(self, table: str, columns: dict[str, list], on_conflict: str | None = None) -> None:
        """Append columns (name to values) as one Arrow table: a batch, never row by row.

        ``on_conflict`` is None (a key clash is an error), ``"ignore"`` (keep the
        stored row) or ``"replace"`` (overwrite it). Nothing happens for no rows.
        """
        if not columns or not next(iter(columns.values())):
            return
        verb = {None: "INSERT", "ignore": "INSERT OR IGNORE", "replace": "INSERT OR REPLACE"}[
            on_conflict
        ]
        names = ", ".join(f'"{c}"' for c in columns)
        self.con.register("_append_batch", pa.table(columns))
        try:
            self.execute(f"{verb} INTO {table} ({names}) SELECT {names} FROM _append_batch")
        finally:
            self.con.unregister("_append_batch")

    def checkpoint(self) -> None:
        """Write what the WAL holds into the file, outside any transaction.

        DuckDB keeps rows and index entries committed since the last checkpoint
        in memory; a long writer calls this now and then so they do not pile up.
        """
        self.execute("CHECKPOINT")

    def reconnect(self) -> None:
        """Close the connection and open the file again, outside any transaction.

        DuckDB keeps what it has read (table blocks, loaded indexes) and the memory
        its allocator freed for as long as a connection lives, so a writer that
        runs for hours grows with the store; a fresh connection starts from the
        file alone. Raises StoreLocked if another process took the file meanwhile.
        Connection settings (``SET``) are not kept.
        """
        self.con.close()
        self.con = self._connect(self.read_only)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
