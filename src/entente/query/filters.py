"""The filters every question shares, parsed and checked once, and their SQL.

The page, the API and the CLI name the same filters (``since``, ``until``,
types, certainty, polarity, outlets, a text search); ``event_filters`` turns
their text form into one checked ``EventFilters``, whose methods write the
conditions for the events table and for the map's clusters.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from entente.errors import NotFoundError, UsageError
from entente.escaping import contains_text
from entente.store.db import Store
from entente.vocabulary import CERTAINTIES, POLARITIES, event_types

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PERIOD = re.compile(r"^\d{4}(-\d{2})?$")
# A text search longer than this is a paste, not a phrase: refused with a reason.
MAX_SEARCH_CHARS = 200
# Outlets one filter may name: each is matched against every event's outlet,
# and 12,000 of them cost 2 s a request (issue 18); a reader picks a few.
MAX_FILTER_OUTLETS = 100


@dataclass(frozen=True)
class EventFilters:
    """The shared filters, checked. Build with ``event_filters``."""

    since: date | None = None
    until: date | None = None
    types: tuple[str, ...] = ()
    certainty: tuple[str, ...] = ()
    polarity: str | None = None
    outlets: tuple[str, ...] = ()
    q: str | None = None

    @property
    def empty(self) -> bool:
        return self == EventFilters()

    def _shared_where(self, alias: str) -> tuple[list[str], list[Any]]:
        """Conditions on the columns events and clusters share: date, type, certainty, polarity."""
        where, params = self.dates_where(f"{alias}.date_first")
        if self.types:
            where.append(f"list_contains(?::VARCHAR[], {alias}.type)")
            params.append(list(self.types))
        if self.certainty:
            where.append(f"list_contains(?::VARCHAR[], {alias}.certainty)")
            params.append(list(self.certainty))
        if self.polarity:
            where.append(f"{alias}.polarity = ?")
            params.append(self.polarity)
        return where, params

    def dates_where(self, day: str) -> tuple[list[str], list[Any]]:
        """Conditions that the SQL date expression ``day`` is within since and until."""
        where: list[str] = []
        params: list[Any] = []
        for bound, operator in ((self.since, ">="), (self.until, "<=")):
            if bound:
                where.append(f"{day} {operator} ?")
                params.append(bound)
        return where, params

    def events_where(self, alias: str = "e") -> tuple[list[str], list[Any]]:
        """SQL conditions on the events table (``alias``) and their parameters."""
        where, params = self._shared_where(alias)
        if self.outlets:
            where.append(
                f"{alias}.doc_id IN (SELECT id FROM documents WHERE list_contains(?::VARCHAR[], outlet))"
            )
            params.append(list(self.outlets))
        if self.q:
            where.append(contains_text(f"{alias}.sentence_text"))
            params.append(self.q)
        return where, params

    def cluster_fields_where(self, alias: str = "c") -> tuple[list[str], list[Any]]:
        """SQL conditions on a cluster's own fields (date, type, ..., outlets): all but ``q``."""
        where, params = self._shared_where(alias)
        if self.outlets:
            where.append(f"list_has_any({alias}.outlets, ?::VARCHAR[])")
            params.append(list(self.outlets))
        return where, params

    def clusters_where(
        self, store: Store, alias: str = "c", scope: str | None = None
    ) -> tuple[list[str], list[Any]]:
        """SQL conditions on the clusters table: the map's view of the same filters.

        ``scope`` (a query of cluster ids) bounds the text search to the clusters
        the caller can show (those behind relations, those with conflicts).
        """
        where, params = self.cluster_fields_where(alias)
        if self.q:
            # A cluster matches when one of its sentences does. In steps, each a
            # scan of one table: as one nested subquery DuckDB joined
            # cluster_members with events (~100 ms at 100k articles).
            where.append(f"{alias}.id IN (SELECT unnest(?))")
            params.append(self._text_clusters(store, scope))
        return where, params

    def _text_clusters(self, store: Store, scope: str | None) -> list[str]:
        members = "cluster_members" + (f" WHERE cluster_id IN ({scope})" if scope else "")
        return [
            r[0]
            for r in store.fetchall(
                f"WITH m AS (SELECT cluster_id, event_id FROM {members}) "
                "SELECT DISTINCT m.cluster_id FROM m WHERE m.event_id IN "
                f"(SELECT id FROM events WHERE {contains_text('sentence_text')})",
                [self.q or ""],
            )
        ]


@dataclass(frozen=True)
class EventSelection:
    """Which events a page shows: the shared filters, the sides, a map edge or node, the page."""

    filters: EventFilters = EventFilters()
    actor: str | None = None
    recipient: str | None = None
    edge: str | None = None
    node: str | None = None
    limit: int = 50
    offset: int = 0
    # Whether the answer counts every match (the page's "of N"), or only finds the page.
    counted: bool = True


def event_filters(
    since: str | None = None,
    until: str | None = None,
    types: str | None = None,
    certainty: str | None = None,
    polarity: str | None = None,
    outlets: str | None = None,
    q: str | None = None,
) -> EventFilters:
    """The shared filters from their text form (comma lists). Raises UsageError.

    ``until`` names a whole period: ``2024-04`` runs to the end of April.
    """
    first = parse_day(since, "since", last=False) if since else None
    last = parse_day(until, "until", last=True) if until else None
    if first and last and first > last:
        raise UsageError(f"since={since} is after until={until}: swap them.")
    known = event_types()
    codes = tuple(t.upper() for t in _split(types))
    unknown = [t for t in codes if t not in known]
    if unknown:
        raise UsageError(
            f"No event type {', '.join(unknown)}. Choose from: {', '.join(sorted(known))}."
        )
    certainties = _split(certainty)
    bad = [c for c in certainties if c not in CERTAINTIES]
    if bad:
        raise UsageError(f"No certainty {', '.join(bad)}. Choose from: {', '.join(CERTAINTIES)}.")
    if polarity and polarity not in POLARITIES:
        raise UsageError(f"polarity={polarity!r}: choose {' or '.join(POLARITIES)}.")
    text = (q or "").strip() or None
    if text and len(text) > MAX_SEARCH_CHARS:
        raise UsageError(
            f"q is longer than {MAX_SEARCH_CHARS} characters: search for a shorter phrase."
        )
    outlet_names = _split(outlets)
    if len(outlet_names) > MAX_FILTER_OUTLETS:
        raise UsageError(
            f"outlets names {len(outlet_names):,} outlets; at most {MAX_FILTER_OUTLETS} "
            "can filter one request."
        )
    return EventFilters(first, last, codes, certainties, polarity or None, outlet_names, text)


def check_period(value: str | None, name: str = "month") -> str | None:
    """``value`` when it is a year or a month (YYYY, YYYY-MM) that exists. Raises UsageError."""
    if value is None:
        return None
    if not _PERIOD.match(value.strip()):
        raise UsageError(f"{name}={value!r} is not a month: write YYYY-MM, or a year YYYY.")
    parse_day(value.strip(), name, last=False)
    return value.strip()


def period_overlaps(period: str, filters: EventFilters) -> bool:
    """Whether a period (YYYY, YYYY-MM or YYYY-MM-DD) overlaps the filters' date range."""
    first = parse_day(period, "period", last=False)
    last = parse_day(period, "period", last=True)
    return (filters.since is None or last >= filters.since) and (
        filters.until is None or first <= filters.until
    )


def parse_day(value: str, name: str, last: bool) -> date:
    """``2024``, ``2024-04`` or ``2024-04-13`` as its first (or last) day. Raises UsageError."""
    text = value.strip()
    if not _DATE.match(text):
        raise UsageError(f"{name}={value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD.")
    parts = [int(p) for p in text.split("-")]
    try:
        if len(parts) == 3:
            return date(*parts)
        if len(parts) == 2:
            first = date(parts[0], parts[1], 1)
            if not last:
                return first
            return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        return date(parts[0], 12, 31) if last else date(parts[0], 1, 1)
    except ValueError as exc:
        raise UsageError(f"{name}={value!r} is not a real date ({exc}).") from exc


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.strip() for p in (value or "").split(",") if p.strip()))


def actor_where(store: Store, side: str, value: str) -> tuple[str, list[Any]]:
    """The condition that ``value`` (country code, actor id or part of a name) is on ``side``.

    A country code or an actor id is looked up in the events' flattened lists;
    part of a name only when no code or id matches (scanning the JSON is slow,
    and "RUS" must not match "Belarus").
    """
    clause = f"list_contains(e.{side}_countries, ?) OR list_contains(e.{side}_ids, ?)"
    params: list[Any] = [value.upper(), value]
    if not is_exact_actor(store, value):
        clause += " OR " + contains_text(f"e.{side}::VARCHAR")
        params.append(value)
    return f"({clause})", params


def is_exact_actor(store: Store, value: str | None) -> bool:
    """Whether ``value`` is empty or an actor id or country code (no name search needed)."""
    if not value:
        return True
    return bool(
        store.fetchone(
            "SELECT 1 FROM actors WHERE id = ? OR country = ? LIMIT 1", [value, value.upper()]
        )
    )


def parse_edge(edge: str) -> tuple[str, str, str]:
    """``source|target|kind`` as the graph names an edge. Raises UsageError."""
    parts = edge.split("|")
    if len(parts) != 3 or not all(parts):
        raise UsageError(f"edge={edge!r}: write it as source|target|kind, e.g. IRN|RUS|backs.")
    return parts[0], parts[1], parts[2]


# Names offered when a name matches no actor: the closest by Jaro-Winkler.
CLOSE_MATCHES = 3


def check_actor_known(store: Store, value: str) -> None:
    """Raises NotFoundError, naming the closest actors, when ``value`` is no actor's id,
    country code, part of a name or alias."""
    if is_exact_actor(store, value) or store.fetchone(
        f"SELECT 1 FROM actors WHERE {contains_text('name')} "
        "OR list_contains(string_split(lower(array_to_string(aliases, chr(31))), chr(31)), "
        "lower(?)) LIMIT 1",
        [value, value],
    ):
        return
    close = store.fetchall(
        "SELECT name, id FROM actors "
        "ORDER BY jaro_winkler_similarity(lower(name), lower(?)) DESC, id LIMIT ?",
        [value, CLOSE_MATCHES],
    )
    hint = ", ".join(f"{name} ({actor_id})" for name, actor_id in close)
    raise NotFoundError(
        f"No actor matches {value!r}." + (f" Did you mean: {hint}?" if hint else "")
    )
