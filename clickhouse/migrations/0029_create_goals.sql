-- Goals (issue 20): a site's named conversions, each a page path pattern or a custom event
-- (optionally with one prop value). Edits and deletion write a newer version
-- (ReplacingMergeTree); readers take FINAL and skip deleted ones, as tags do.
-- kind: 'page' (pattern) or 'event' (event_name, prop_key, prop_value; empty key = any props).
CREATE TABLE IF NOT EXISTS goals
(
    site_id     LowCardinality(String),
    goal_id     String,
    name        String,
    kind        LowCardinality(String),
    pattern     String,
    event_name  String,
    prop_key    String,
    prop_value  String,
    version     UInt64,
    is_deleted  UInt8
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (site_id, goal_id);
