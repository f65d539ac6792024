-- Version 1: documents, their sentences, and the log of every input.

CREATE TABLE documents (
    id                  VARCHAR PRIMARY KEY,   -- first 16 hex of sha256 of the normalised clean text
    source              VARCHAR NOT NULL,      -- path, PATH#ID for records, or URL
    url                 VARCHAR,
    outlet              VARCHAR,
    title               VARCHAR,
    author              VARCHAR,
    published           VARCHAR,               -- ISO date at its precision: 2024, 2024-04, 2024-04-15
    published_precision VARCHAR,               -- day, month, year
    published_date      DATE,                  -- first day of that period, for range queries
    language            VARCHAR,
    text                VARCHAR NOT NULL,
    words               INTEGER NOT NULL,
    ingested_at         TIMESTAMP NOT NULL
);

CREATE TABLE sentences (
    doc_id  VARCHAR NOT NULL,
    idx     INTEGER NOT NULL,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

CREATE SEQUENCE ingest_log_seq;

CREATE TABLE ingest_log (
    id      BIGINT PRIMARY KEY DEFAULT nextval('ingest_log_seq'),
    run_id  VARCHAR NOT NULL,
    source  VARCHAR NOT NULL,
    status  VARCHAR NOT NULL CHECK (status IN ('ok', 'duplicate', 'skipped', 'error')),
    reason  VARCHAR,
    doc_id  VARCHAR,
    logged_at TIMESTAMP NOT NULL
);
