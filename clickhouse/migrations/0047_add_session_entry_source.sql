-- The overview's sources and campaigns count sessions by where they entered. Each took the
-- range's page views grouped by session with argMin of the page's own source: at 30M events,
-- 30 days, the slowest overview tables (634 and 500 ms p50, bench/RESULTS.md, "Sources and
-- campaigns from the session rollup"). Ingest already stamps a session's entry source and
-- campaign on each of its page views (migration 0007, server/ingest/session-entries.ts), the
-- values the source and campaign filters and the goal and funnel breakdowns use; this rollup
-- now keeps them too, so a session's entry is one column of its rows. `max` because only page
-- views carry them: a row's engagement and chat events hold ''.
--
-- The rows already stored need the new columns, which the events give: the table is built again
-- as migration 0046 built it, by the view's own query.
DROP VIEW IF EXISTS session_quarters_mv;

DROP TABLE IF EXISTS session_quarters;

CREATE TABLE IF NOT EXISTS session_quarters
(
    site_id      LowCardinality(String),
    quarter      DateTime('UTC'),
    session_key  UInt64,
    visitor_key  UInt64,
    country      LowCardinality(String),
    device       LowCardinality(String),
    pageviews    SimpleAggregateFunction(sum, UInt64),
    first_ts     SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    last_ts      SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    pages        SimpleAggregateFunction(groupArrayArray, Array(UInt128)),
    source       SimpleAggregateFunction(max, LowCardinality(String)),
    campaign     SimpleAggregateFunction(max, LowCardinality(String))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(quarter)
ORDER BY (site_id, quarter, session_key, visitor_key, country, device)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS session_quarters_mv TO session_quarters AS
SELECT site_id, toStartOfFifteenMinutes(ts) AS quarter, cityHash64(session_id) AS session_key,
       cityHash64(visitor_id) AS visitor_key, country, device,
       toUInt64(countIf(type = 'pageview')) AS pageviews, min(ts) AS first_ts, max(ts) AS last_ts,
       groupArrayIf(bitOr(bitShiftLeft(toUInt128(toUnixTimestamp64Milli(ts)), 64), toUInt128(cityHash64(path))), type = 'pageview') AS pages,
       max(session_source) AS source, max(session_campaign) AS campaign
FROM events
WHERE type != 'order'
GROUP BY site_id, quarter, session_key, visitor_key, country, device;

BACKFILL session_quarters FROM session_quarters_mv;
