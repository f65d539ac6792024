"""Shared fixtures.

``shared`` is the folder ``../shared`` beside the checkout (seeds, gold, corpora).
Tests that read it are marked ``acceptance``. On CI (``CI`` set) a missing
folder is a failure; on a developer's machine without it they skip, saying why.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ENTENTE_SHARED", ROOT.parent / "shared"))
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "seeds").is_dir():
        message = f"../shared is missing (looked in {SHARED}); acceptance tests need it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return SHARED


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline, loaded once per test session (tests using it are slow)."""
    from entente.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture
def hold_store() -> Iterator[Callable[[Path], None]]:
    """``hold_store(path)``: another process opens the store read-write and keeps it."""
    holders: list[subprocess.Popen] = []

    def hold(path: Path) -> None:
        script = textwrap.dedent(f"""
            import duckdb, time
            con = duckdb.connect({str(path)!r})
            print("held", flush=True)
            time.sleep(60)
        """)
        holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        holders.append(holder)
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"

    yield hold
    for holder in holders:
        holder.kill()
        holder.wait()


@pytest.fixture(scope="session")
def registry():
    """The packaged actor registry, loaded once."""
    from entente.actors.registry import load_registry

    return load_registry()


@pytest.fixture(scope="session")
def resolve(nlp, registry):
    """``resolve(text, date)``: the actor resolution of a sentence written for a test."""
    from entente.actors.resolve import resolve_actors
    from entente.records import Document, PublicationDate

    def run(text: str, date: str | None = "2024-06-01"):
        published = PublicationDate(date, "day") if date else None
        document = Document(id="t", source="test", text=text, published=published)
        return resolve_actors(nlp(text), document, registry)

    return run


@pytest.fixture(scope="module")
def lexicon():
    """The packaged event lexicon, loaded once per test module (tests may not share
    one they change)."""
    from entente.events.extract import load_lexicon

    return load_lexicon()
