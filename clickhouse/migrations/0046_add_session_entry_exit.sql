-- The exit pages and entry → exit pairs of a range are each session's first and last page view
-- in it. Grouping the range's page views by session costs most of those screens' time at 30M
-- events (bench/RESULTS.md, "Exit pages and pairs from the session rollup"). session_quarters
-- (migration 0045) gains each row's first and last page view, so a session's ends for a range
-- of whole quarters are the min and max over its rows, and the readers group ~1 row per session
-- and quarter instead of every page view.
--
-- A page view is one UInt256, ordered as EVENT_ORDER (server/queries/fragments/event-order.ts)
-- orders events: milliseconds in the top 64 bits, then the event id as ClickHouse orders UUIDs,
-- then the path's cityHash64 in the low 64 bits, which readers take back out (the id is unique,
-- so the path never decides the order). NULL in a row without a page view, which min and max skip.
--
-- The rows already stored need the new columns, which the events give: the table is built again
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
    entry_view   SimpleAggregateFunction(min, Nullable(UInt256)),
    exit_view    SimpleAggregateFunction(max, Nullable(UInt256))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(quarter)
ORDER BY (site_id, quarter, session_key, visitor_key, country, device)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS session_quarters_mv TO session_quarters AS
WITH bitOr(bitOr(bitShiftLeft(toUInt256(toUnixTimestamp64Milli(ts)), 192),
                 bitShiftLeft(toUInt256(bitOr(bitShiftLeft(toUInt128(event_id), 64), bitShiftRight(toUInt128(event_id), 64))), 64)),
           toUInt256(cityHash64(path))) AS view
SELECT site_id, toStartOfFifteenMinutes(ts) AS quarter, cityHash64(session_id) AS session_key,
       cityHash64(visitor_id) AS visitor_key, country, device,
       toUInt64(countIf(type = 'pageview')) AS pageviews, min(ts) AS first_ts, max(ts) AS last_ts,
       minIfOrNull(view, type = 'pageview') AS entry_view, maxIfOrNull(view, type = 'pageview') AS exit_view
FROM events
WHERE type != 'order'
GROUP BY site_id, quarter, session_key, visitor_key, country, device;

BACKFILL session_quarters FROM session_quarters_mv;
