-- Version 7: the documents' political relevance, and the events kept as candidates.
--
-- documents.political_relevance: the share of a document's sentences that name a
-- political actor (events/gating.py, document_relevance), 0 to 1; NULL for a
-- document too short to tell (a sentence ingested alone) or stored before this
-- version. The map and readers may weight by it.
--
-- event_candidates: events whose confidence (events/confidence.py, the estimated
-- chance a reader judges the event right) fell below the floor of
-- data/confidence.tsv. Same columns as events, plus the reason. They are not in
-- events, so not in the map, `entente events` or the default exports; `entente
-- events --candidates` and `entente export events --candidates` read them.
-- Events stored before this version stay in events. IF NOT EXISTS: a store whose
-- version row was rolled back re-runs this file (as 006).
ALTER TABLE documents ADD COLUMN IF NOT EXISTS political_relevance DOUBLE;

CREATE TABLE IF NOT EXISTS event_candidates (
    id              VARCHAR PRIMARY KEY,
    doc_id          VARCHAR NOT NULL,
    sentence        INTEGER NOT NULL,
    type            VARCHAR NOT NULL,
    mode            VARCHAR,
    score           DOUBLE,
    actor           JSON NOT NULL,
    recipient       JSON NOT NULL,
    actor_ids       VARCHAR[],
    recipient_ids   VARCHAR[],
    actor_countries VARCHAR[],
    recipient_countries VARCHAR[],
    date_start      VARCHAR,
    date_end        VARCHAR,
    date_precision  VARCHAR,
    date_basis      VARCHAR,
    date_text       VARCHAR,
    date_first      DATE,
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
    confidence      DOUBLE,
    reason          VARCHAR               -- why: the floor and what lowered the estimate most
);

CREATE INDEX IF NOT EXISTS event_candidates_doc ON event_candidates (doc_id);
