-- Which alerts each user has marked read in the bell (server/notify/). A mark is a row;
-- marking again writes the same key, which the engine folds.
CREATE TABLE IF NOT EXISTS alert_reads
(
    user_id    String,
    site_id    LowCardinality(String),
    alert_key  String,
    read_at    DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(read_at)
ORDER BY (user_id, site_id, alert_key);
