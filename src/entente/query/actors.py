"""Actors: the CLI's list with mention counts, and the page's picker by activity on the map."""

from __future__ import annotations

from typing import Any

import pycountry

from entente.errors import UsageError
from entente.escaping import contains_text
from entente.store.db import Store


def list_actors(
    store: Store,
    *,
    country: str | None = None,
    kind: str | None = None,
    search: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Actors with how many mentions and documents name them, most mentioned first."""
    where, params = ["TRUE"], []
    if country:
        check_country(store, country)
        where.append("a.country = ?")
        params.append(country.upper())
    if kind:
        check_kind(store, kind)
        where.append("a.kind = ?")
        params.append(kind)
    if search:
        where.append(f"({contains_text('a.name')} OR list_contains(a.aliases, ?))")
        params += [search, search]
    return store.records(
        "SELECT a.id, a.name, a.kind, a.country, a.sector, a.wikidata, "
        "count(m.doc_id) AS mentions, count(DISTINCT m.doc_id) AS documents "
        "FROM actors a LEFT JOIN mentions m ON m.actor_id = a.id "
        f"WHERE {' AND '.join(where)} GROUP BY ALL "
        "ORDER BY mentions DESC, a.name LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )


def find_actors(store: Store, q: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
    """Actors for a picker: exact id or country code first, then by activity on the map.

    ``events`` counts the clusters the actor's map node takes part in (dyad
    periods, both directions); ``mentions`` and ``mention_documents`` the
    mentions resolved to the actor id and their documents.
    """
    where, params = ["TRUE"], []
    text = (q or "").strip()
    if text:
        where.append(
            f"(a.id = ? OR a.country = upper(?) OR {contains_text('a.name')} "
            "OR list_contains(string_split(lower(array_to_string(a.aliases, chr(31))), chr(31)), "
            "lower(?)))"
        )
        params += [text, text, (text), text]
    rows = store.records(
        "WITH act AS (SELECT n, sum(events) AS events, sum(documents) AS documents FROM ("
        "SELECT source AS n, events, len(documents) AS documents FROM dyad_periods "
        "UNION ALL SELECT target, events, len(documents) FROM dyad_periods) GROUP BY n) "
        "SELECT a.id, a.name, a.kind, a.country, a.sector, "
        "coalesce(act.events, 0)::BIGINT AS events, coalesce(act.documents, 0)::BIGINT AS documents "
        f"FROM actors a LEFT JOIN act ON act.n = a.id WHERE {' AND '.join(where)} "
        "ORDER BY (a.id = ? OR (a.country = upper(?) AND a.kind = 'state')) DESC, "
        "events DESC, a.name LIMIT ?",
        [*params, text, text, limit],
    )
    counts = mention_counts(store, [r["id"] for r in rows])
    for row in rows:
        row["mentions"], row["mention_documents"] = counts.get(row["id"], (0, 0))
    return rows


def mention_counts(store: Store, actor_ids: list[str]) -> dict[str, tuple[int, int]]:
    """Mentions and documents naming each actor id.

    Counting the mentions table per request costs more than the page can wait
    at 100k articles: a served store's read model counted them once at start.
    """
    if not actor_ids:
        return {}
    if store.read_model is not None:
        return store.read_model.mention_counts(actor_ids)
    return {
        a: (m, d)
        for a, m, d in store.fetchall(
            "SELECT actor_id, count(*), count(DISTINCT doc_id) FROM mentions "
            "WHERE actor_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY actor_id",
            [actor_ids],
        )
    }


def check_country(store: Store, country: str) -> None:
    """Raises UsageError when no actor has this country code, with the code a name stands for."""
    code = country.strip().upper()
    if store.fetchone("SELECT 1 FROM actors WHERE country = ? LIMIT 1", [code]):
        return
    try:
        found = pycountry.countries.lookup(country.strip())
    except LookupError:
        raise UsageError(
            f"No actor has country {country!r}: write an ISO alpha-3 code (RUS, IRN) "
            "or IGO, UNO, EUR, NGO, ISM, IMG."
        ) from None
    if found.alpha_3 == code:
        return  # a real country that no stored actor belongs to: an empty list is the answer
    raise UsageError(
        f"No actor has country {country!r}: countries are ISO alpha-3 codes, "
        f"write {found.alpha_3} ({getattr(found, 'common_name', found.name)})."
    )


def check_kind(store: Store, kind: str) -> None:
    """Raises UsageError, listing the kinds the store's actors have, when none has ``kind``."""
    kinds = [r[0] for r in store.fetchall("SELECT DISTINCT kind FROM actors ORDER BY kind")]
    if kind not in kinds:
        raise UsageError(
            f"No actor of kind {kind!r}. Kinds in the store: {', '.join(kinds) or 'none yet'}."
        )
