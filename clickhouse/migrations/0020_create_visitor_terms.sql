-- Hot words: the terms of what visitors write (chat messages, the pre-chat question, offline
-- messages), segmented once when the text is stored (server/text/terms.ts), never at query
-- time. One row per message; the visit's country, entry source and campaign are copied in
-- so the report breaks terms down without joining events. Rows of a message stored twice
-- (a replayed chat step) collapse by message_id. Texts stored before this version have no row.
CREATE TABLE IF NOT EXISTS visitor_terms
(
    site_id    LowCardinality(String),
    ts         DateTime64(3, 'UTC'),
    message_id String,
    visitor_id String,
    chat_id    String,
    kind       LowCardinality(String),
    country    LowCardinality(String),
    source     LowCardinality(String),
    campaign   LowCardinality(String),
    terms      Array(LowCardinality(String))
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (site_id, toDate(ts), message_id);
