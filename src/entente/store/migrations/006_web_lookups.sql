-- Version 6: lookups the web reader makes per request (issue 7: every route under
-- 100 ms at the 95th percentile at 100,000 articles).
--
-- The reader fetches one document's sentences and mentions. Their primary keys
-- start with doc_id, but DuckDB serves only whole-key lookups from an ART index,
-- so `WHERE doc_id = ?` scanned all 2.8M sentences and 4.3M mentions (~20 ms
-- each at 100k articles, more under load); with these it is ~1-3 ms.
-- IF NOT EXISTS: a store whose version row was rolled back re-runs this file.
CREATE INDEX IF NOT EXISTS sentences_doc ON sentences (doc_id);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc_id);
