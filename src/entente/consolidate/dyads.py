"""Dyad series: what one map node did to another, period by period.

A dyad row counts *clusters* (real-world events), not mentions, so an attack
reported by five outlets counts once. Only events that happened count
(``clusters.support`` is not ``none``: positive, actual, not only denied),
whether or not a telling names the dyad itself (``placed``: the series shows
where clustering placed an event, a relation asks for more).

Periods: a cluster falls in the month of its agreed date when that date is
precise to the day or month (``2024-04``), and in a yearly bucket (``2024``,
precision ``year``) when only the year is known; undated clusters are left
out. The agreed date is the event's own (a date in the text), or the
publication date where the text gives none.

Each row has the PLOVER score sum and mean, counts by quad class (from
``data/plover.yaml``) and the documents and clusters behind it.
"""

from __future__ import annotations

from entente.consolidate.clusters import NO_SUPPORT
from entente.consolidate.tables import pair_keys
from entente.store.db import Store

_QUAD_COLUMNS = {
    "verbal-coop": "verbal_coop",
    "material-coop": "material_coop",
    "verbal-conflict": "verbal_conflict",
    "material-conflict": "material_conflict",
}


def refresh_dyads(store: Store, pairs: set[tuple[str, str]]) -> int:
    """Recompute the series of each pair, both directions; return the rows written."""
    pairs = {p for p in pairs if p[0] != p[1]}
    if not pairs:
        return 0
    keys = pair_keys(pairs)
    store.execute(
        "DELETE FROM dyad_periods WHERE source || chr(31) || target IN (SELECT unnest(?))", [keys]
    )
    quads = ", ".join(f"count_if(c.quad = '{quad}')" for quad in _QUAD_COLUMNS)
    store.execute(
        "INSERT INTO dyad_periods (source, target, period, precision, events, score_sum, "
        f"score_mean, {', '.join(_QUAD_COLUMNS.values())}, documents, clusters) "
        "SELECT cd.source, cd.target, c.period, c.period_precision, count(*), "
        "coalesce(sum(c.score), 0), coalesce(avg(c.score), 0), "
        f"{quads}, list_sort(list_distinct(flatten(list(c.documents)))), list_sort(list(c.id)) "
        "FROM cluster_dyads cd JOIN clusters c ON c.id = cd.cluster_id "
        "WHERE cd.source || chr(31) || cd.target IN (SELECT unnest(?)) "
        "AND c.support <> ? AND c.period IS NOT NULL "
        "GROUP BY cd.source, cd.target, c.period, c.period_precision",
        [keys, NO_SUPPORT],
    )
    row = store.fetchone(
        "SELECT count(*) FROM dyad_periods WHERE source || chr(31) || target IN (SELECT unnest(?))",
        [keys],
    )
    return int(row[0]) if row else 0
