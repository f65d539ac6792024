-- Version 4: the map across documents (entente.consolidate writes these; queries read them).
--
-- Everything here is derived from events, actors and documents, and can be
-- thrown away and rebuilt (`entente rebuild`), except the manual rows of
-- actor_merges (merges and unmerges an analyst made by hand).
-- No PRIMARY KEYs on derived tables: they are rewritten block by block with
-- DELETE + INSERT in one transaction, and plain indexes serve the lookups.

-- One row per actor merged into another. undone_at set: an unmerge, kept so
-- that the automatic merge does not come back.
CREATE TABLE actor_merges (
    actor_id     VARCHAR PRIMARY KEY,  -- the actor merged away (an x- actor or a spelling)
    canonical_id VARCHAR NOT NULL,     -- the actor it is now
    method       VARCHAR NOT NULL,     -- auto-name, auto-alias, auto-wikidata, manual
    score        DOUBLE,               -- name similarity for auto merges
    reason       VARCHAR,
    merged_at    TIMESTAMP NOT NULL,
    undone_at    TIMESTAMP             -- set by unmerge_actor
);

-- Each event's map-level view: its map nodes and the block it is clustered in.
CREATE TABLE event_nodes (
    event_id        VARCHAR NOT NULL,
    doc_id          VARCHAR NOT NULL,
    family          VARCHAR NOT NULL,  -- type family (relations.yaml type_families)
    block           VARCHAR NOT NULL,  -- family + map dyad: clusters never cross blocks
    actor_nodes     VARCHAR[] NOT NULL,
    recipient_nodes VARCHAR[] NOT NULL,
    refers_to       VARCHAR,           -- the event of the same document whose dyad it took
    lo              DATE,              -- the window in which the event can have happened
    hi              DATE
);
CREATE INDEX event_nodes_event ON event_nodes (event_id);
CREATE INDEX event_nodes_doc ON event_nodes (doc_id);
CREATE INDEX event_nodes_block ON event_nodes (block);

CREATE TABLE clusters (
    id              VARCHAR NOT NULL,  -- hash of the smallest member event id
    block           VARCHAR NOT NULL,
    type            VARCHAR NOT NULL,  -- the type most members give
    mode            VARCHAR,
    family          VARCHAR NOT NULL,
    actor           VARCHAR[] NOT NULL,  -- map nodes
    recipient       VARCHAR[] NOT NULL,
    date_start      VARCHAR,           -- the agreed date, ISO at its precision
    date_precision  VARCHAR,
    date_basis      VARCHAR,           -- text, publication, none
    date_first      DATE,              -- first day of the agreed date (or first publication)
    period          VARCHAR,           -- dyad bucket: YYYY-MM, or YYYY for year-level dates
    period_precision VARCHAR,          -- month, year
    certainty       VARCHAR NOT NULL,  -- the value most members give
    polarity        VARCHAR NOT NULL,
    tense           VARCHAR NOT NULL,
    support         VARCHAR NOT NULL,  -- asserted, alleged, placed, none (consolidate.clusters.SUPPORTS)
    status          VARCHAR NOT NULL,  -- corroborated, single-source, disputed, denied
    score           DOUBLE,
    quad            VARCHAR,
    quantities      JSON,              -- agreed [{item, value}]
    military        BOOLEAN NOT NULL,  -- evidence names military goods (lexicons/military_goods.txt)
    treaty          BOOLEAN NOT NULL,  -- evidence names a treaty or agreement
    n_members       INTEGER NOT NULL,
    n_documents     INTEGER NOT NULL,
    n_outlets       INTEGER NOT NULL,  -- independent sources: outlets, or documents without one
    documents       VARCHAR[] NOT NULL,
    outlets         VARCHAR[] NOT NULL,
    n_conflicts     INTEGER NOT NULL
);
CREATE INDEX clusters_id ON clusters (id);
CREATE INDEX clusters_block ON clusters (block);

CREATE TABLE cluster_members (
    cluster_id VARCHAR NOT NULL,
    event_id   VARCHAR NOT NULL,
    doc_id     VARCHAR NOT NULL
);
CREATE INDEX cluster_members_cluster ON cluster_members (cluster_id);
CREATE INDEX cluster_members_event ON cluster_members (event_id);

-- Directed map pairs of each cluster (actor node -> recipient node), for dyads and relations.
CREATE TABLE cluster_dyads (
    cluster_id VARCHAR NOT NULL,
    source     VARCHAR NOT NULL,
    target     VARCHAR NOT NULL
);
CREATE INDEX cluster_dyads_cluster ON cluster_dyads (cluster_id);
CREATE INDEX cluster_dyads_pair ON cluster_dyads (source, target);

CREATE TABLE conflicts (
    cluster_id VARCHAR NOT NULL,
    field      VARCHAR NOT NULL,       -- quantity, date, certainty, polarity
    item       VARCHAR,                -- for quantities: the item counted
    "values"   JSON NOT NULL,          -- [{value, events: [event ids]}]
    n_values   INTEGER NOT NULL
);
CREATE INDEX conflicts_cluster ON conflicts (cluster_id);

-- Events that are claims: attributed to someone, or not plainly asserted.
CREATE TABLE claims (
    event_id    VARCHAR NOT NULL,
    cluster_id  VARCHAR NOT NULL,
    doc_id      VARCHAR NOT NULL,
    outlet      VARCHAR,
    published   VARCHAR,
    claimant    VARCHAR,               -- attributed_to.name, or null for an unattributed hedge
    cue         VARCHAR,
    certainty   VARCHAR NOT NULL,
    type        VARCHAR NOT NULL,
    actor       VARCHAR[] NOT NULL,
    recipient   VARCHAR[] NOT NULL,
    date_start  VARCHAR,
    sentence_text VARCHAR NOT NULL,
    outlets_reporting INTEGER NOT NULL,  -- independent outlets reporting the cluster
    status      VARCHAR NOT NULL         -- corroborated, single-source, disputed, denied
);
CREATE INDEX claims_event ON claims (event_id);
CREATE INDEX claims_cluster ON claims (cluster_id);

CREATE TABLE relations (
    source      VARCHAR NOT NULL,      -- map node; for symmetric kinds the smaller id
    target      VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,      -- arms_supplier_of, backs, partner_of, adversary_of
    certainty   VARCHAR NOT NULL,      -- asserted, alleged
    first_seen  VARCHAR,
    last_seen   VARCHAR,
    strength    DOUBLE NOT NULL,
    n_clusters  INTEGER NOT NULL,
    documents   VARCHAR[] NOT NULL
);
CREATE INDEX relations_pair ON relations (source, target);

CREATE TABLE relation_clusters (
    source     VARCHAR NOT NULL,
    target     VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,
    cluster_id VARCHAR NOT NULL
);
CREATE INDEX relation_clusters_pair ON relation_clusters (source, target);

-- Directed dyad series: one row per (source, target, period).
CREATE TABLE dyad_periods (
    source            VARCHAR NOT NULL,
    target            VARCHAR NOT NULL,
    period            VARCHAR NOT NULL,  -- YYYY-MM, or YYYY for year-level events
    precision         VARCHAR NOT NULL,  -- month, year
    events            INTEGER NOT NULL,  -- clusters (real-world events), not mentions
    score_sum         DOUBLE NOT NULL,
    score_mean        DOUBLE NOT NULL,
    verbal_coop       INTEGER NOT NULL,
    material_coop     INTEGER NOT NULL,
    verbal_conflict   INTEGER NOT NULL,
    material_conflict INTEGER NOT NULL,
    documents         VARCHAR[] NOT NULL,
    clusters          VARCHAR[] NOT NULL
);
CREATE INDEX dyad_periods_pair ON dyad_periods (source, target);
