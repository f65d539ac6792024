-- Version 3: coded event mentions, one row per event, with every attribute.

CREATE TABLE events (
    id              VARCHAR PRIMARY KEY,
    doc_id          VARCHAR NOT NULL,
    sentence        INTEGER NOT NULL,
    type            VARCHAR NOT NULL,      -- PLOVER 2.0 event type
    mode            VARCHAR,
    score           DOUBLE,
    actor           JSON NOT NULL,         -- [{name, country, sector, actor_id, wikidata}]
    recipient       JSON NOT NULL,
    actor_ids       VARCHAR[],             -- flattened for filtering
    recipient_ids   VARCHAR[],
    actor_countries VARCHAR[],
    recipient_countries VARCHAR[],
    date_start      VARCHAR,
    date_end        VARCHAR,
    date_precision  VARCHAR,
    date_basis      VARCHAR,
    date_text       VARCHAR,
    date_first      DATE,                  -- first day of date_start, for range queries
    certainty       VARCHAR NOT NULL,
    polarity        VARCHAR NOT NULL,
    tense           VARCHAR NOT NULL,
    attributed_to   JSON,
    quantities      JSON,
    sentence_text   VARCHAR NOT NULL,
    sentence_start  INTEGER NOT NULL,
    sentence_end    INTEGER NOT NULL,
    trigger         VARCHAR NOT NULL,
    trigger_start   INTEGER NOT NULL,
    trigger_end     INTEGER NOT NULL,
    confidence      DOUBLE
);

CREATE INDEX events_doc ON events (doc_id);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_date ON events (date_first);
