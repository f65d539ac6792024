-- Version 2: actors and the mentions that name them.

CREATE TABLE actors (
    id          VARCHAR PRIMARY KEY,   -- registry id (RUS, hamas, sergei-lavrov) or x-<slug> for actors met in text
    name        VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,      -- state, person, igo, armed_group, outlet, ...
    country     VARCHAR,               -- ISO 3166 alpha-3, or IGO/UNO/EUR/NGO/ISM/IMG/MNC
    sector      VARCHAR,               -- PLOVER sector code
    wikidata    VARCHAR,
    aliases     VARCHAR[],
    backers     VARCHAR[],
    offices     JSON                   -- [{role, country, sector, start, end, organisation}]
);

CREATE TABLE mentions (
    doc_id      VARCHAR NOT NULL,
    sentence    INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        VARCHAR NOT NULL,
    actor_id    VARCHAR,               -- NULL when nothing resolved the span
    resolved_by VARCHAR NOT NULL,
    country     VARCHAR,               -- what the mention acted as, at the document's date
    sector      VARCHAR,
    PRIMARY KEY (doc_id, start, "end")
);

CREATE INDEX mentions_actor ON mentions (actor_id);
