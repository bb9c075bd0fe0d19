-- Alerts of a site (server/notify/): one row per fact, keyed by kind + site + hour
-- (`alert_key`), so the same alert found again (another tick, a restart) is the same row.
-- `figures` is the JSON the bell's and the mail's sentence need (counts, seconds).
CREATE TABLE IF NOT EXISTS alerts
(
    site_id    LowCardinality(String),
    alert_key  String,
    kind       LowCardinality(String),
    at         DateTime64(3, 'UTC'),
    figures    String,
    version    UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (site_id, alert_key);
