"""Shared fixtures.

``shared`` is the folder ``../shared`` beside the checkout (seeds, gold, corpora).
Tests that read it are marked ``acceptance``. On CI (``CI`` set) a missing
folder is a failure; on a developer's machine without it they skip, saying why.
"""

from __future__ import annotations

import os
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
