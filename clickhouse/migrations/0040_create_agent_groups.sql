-- Teams (issue 19): a site's named agent groups with their members, and per channel the
-- group a new conversation is routed to. Edits and deletion write a newer version
-- (ReplacingMergeTree); readers take FINAL and skip deleted groups.
CREATE TABLE IF NOT EXISTS agent_groups
(
    site_id     LowCardinality(String),
    group_id    String,
    name        String,
    members     Array(String),
    version     UInt64,
    is_deleted  UInt8
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (site_id, group_id);

-- group_id '' = the whole pool of the site's agents (as before groups existed).
CREATE TABLE IF NOT EXISTS channel_routes
(
    site_id     LowCardinality(String),
    channel     LowCardinality(String),
    group_id    String,
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (site_id, channel);
