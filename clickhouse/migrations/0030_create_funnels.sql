-- Saved custom funnels (issue 20): up to 8 steps, kept as JSON checked by
-- server/contract/funnels.ts when read (a step kind the code no longer knows is refused
-- there, not here). window_mode 'session' (all steps in one session) or 'days'
-- (all steps within window_days of the first). Newest version wins, as goals.
CREATE TABLE IF NOT EXISTS funnels
(
    site_id      LowCardinality(String),
    funnel_id    String,
    name         String,
    window_mode  LowCardinality(String),
    window_days  UInt16,
    steps        String,
    version      UInt64,
    is_deleted   UInt8
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (site_id, funnel_id);
