-- Exit pages, entry → exit pairs and the journeys follow each session's page views in time
-- order; grouping a range's page views by session cost most of those screens' time at 30M
-- events (bench/RESULTS.md, "Session paths from the session rollup"). session_quarters
-- (migration 0045) gains each row's page views, so a session's pages for a range of whole
-- quarters are its rows' arrays put together, and the readers group ~1 row per session and
-- quarter instead of every page view (server/queries/fragments/session-path.ts).
--
-- A page view is one UInt128 that sorts in time order, PAGE_VIEW of
-- server/queries/fragments/page-view.ts: epoch milliseconds in the high 64 bits, the path's
-- cityHash64 in the low 64. Merges concatenate a key's arrays; readers sort.
--
-- The rows already stored need the new column, which the events give: the table is built again
-- as migration 0045 built it, by the view's own query.
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
    pages        SimpleAggregateFunction(groupArrayArray, Array(UInt128))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(quarter)
ORDER BY (site_id, quarter, session_key, visitor_key, country, device)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS session_quarters_mv TO session_quarters AS
SELECT site_id, toStartOfFifteenMinutes(ts) AS quarter, cityHash64(session_id) AS session_key,
       cityHash64(visitor_id) AS visitor_key, country, device,
       toUInt64(countIf(type = 'pageview')) AS pageviews, min(ts) AS first_ts, max(ts) AS last_ts,
       groupArrayIf(bitOr(bitShiftLeft(toUInt128(toUnixTimestamp64Milli(ts)), 64), toUInt128(cityHash64(path))), type = 'pageview') AS pages
FROM events
WHERE type != 'order'
GROUP BY site_id, quarter, session_key, visitor_key, country, device;

BACKFILL session_quarters FROM session_quarters_mv;
