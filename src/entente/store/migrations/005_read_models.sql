-- Version 5: what the map's queries read, kept small enough for the query budget
-- (DESIGN.md: under 100 ms at 100,000 articles; bench/queries.py measures it).
--
-- dyad_clusters: one row per directed dyad of each cluster (as cluster_dyads),
-- carrying what `entente dyad` lists: the cluster's fields, its period and
-- first date (to keep one month and to sort), and one evidence sentence (of
-- its smallest member event). `dyad_events` reads this table alone instead of
-- joining a pair's thousands of cluster ids with clusters, cluster_members and
-- events. Written and deleted with the clusters (entente.consolidate.clusters).
-- No index: DuckDB answers these filters by scanning (its ART indexes serve
-- only key lookups), and this table is a fraction of clusters' size.
CREATE TABLE dyad_clusters (
    source         VARCHAR NOT NULL,
    target         VARCHAR NOT NULL,
    id             VARCHAR NOT NULL,   -- the cluster
    type           VARCHAR NOT NULL,
    mode           VARCHAR,
    actor          VARCHAR[] NOT NULL,
    recipient      VARCHAR[] NOT NULL,
    date_start     VARCHAR,
    date_precision VARCHAR,
    date_first     DATE,
    period         VARCHAR,
    certainty      VARCHAR NOT NULL,
    polarity       VARCHAR NOT NULL,
    tense          VARCHAR NOT NULL,
    support        VARCHAR NOT NULL,
    status         VARCHAR NOT NULL,
    score          DOUBLE,
    n_documents    INTEGER NOT NULL,
    n_outlets      INTEGER NOT NULL,
    outlets        VARCHAR[] NOT NULL,
    n_conflicts    INTEGER NOT NULL,
    sentence_text  VARCHAR
);

INSERT INTO dyad_clusters
SELECT cd.source, cd.target, c.id, c.type, c.mode, c.actor, c.recipient, c.date_start,
       c.date_precision, c.date_first, c.period, c.certainty, c.polarity, c.tense, c.support,
       c.status, c.score, c.n_documents, c.n_outlets, c.outlets, c.n_conflicts, e.sentence_text
FROM cluster_dyads cd
JOIN clusters c ON c.id = cd.cluster_id
LEFT JOIN (SELECT cluster_id, min(event_id) AS event_id FROM cluster_members GROUP BY cluster_id) m
    ON m.cluster_id = c.id
LEFT JOIN events e ON e.id = m.event_id;

-- relation_clusters.rank: the clusters of one relation in order of what they
-- add (asserted first, then more outlets, then newest), 0 first, so that
-- `strongest_relations` reads the few best clusters of its top rows instead
-- of every cluster of the strongest relations (thousands at 100k articles).
-- (DuckDB before 2.0 refuses ALTER on a table with an index: dropped here, made again below.)
DROP INDEX relation_clusters_pair;
ALTER TABLE relation_clusters ADD COLUMN rank INTEGER;

UPDATE relation_clusters SET rank = ranked.rank
FROM (
    SELECT rc.source, rc.target, rc.kind, rc.cluster_id,
           row_number() OVER (
               PARTITION BY rc.source, rc.target, rc.kind
               ORDER BY c.support = 'asserted' DESC, c.n_outlets DESC,
                        c.date_first DESC NULLS LAST, rc.cluster_id
           ) - 1 AS rank
    FROM relation_clusters rc JOIN clusters c ON c.id = rc.cluster_id
) ranked
WHERE relation_clusters.source = ranked.source AND relation_clusters.target = ranked.target
  AND relation_clusters.kind = ranked.kind AND relation_clusters.cluster_id = ranked.cluster_id;

CREATE INDEX relation_clusters_pair ON relation_clusters (source, target);
