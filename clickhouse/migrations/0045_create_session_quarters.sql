-- visitor_session_quarters (migration 0043) kept one row per site, UTC quarter hour, session,
-- visitor, country and device with an event other than an order, a set the Events, Goals and
-- Geography screens count visitors and sessions from. This table keeps the same rows with the
-- session's page views and first and last event time in the quarter, so the overview's tiles
-- (visitors, sessions, page views, bounce, duration) read it too instead of grouping the
-- range's events by session: at 30M events, 30 days, 6.3M rows for ~4.4M page views (bench/
-- RESULTS.md, "One row per session and quarter"). It replaces the set, so ingest still feeds one
-- view for both. A report range is whole quarters, so a session's figures for it are its rows'
-- sum, min and max; the country and device filters keep single events by those columns and the
-- session filters (entry source, campaign, a page viewed) keep sessions by key, so both keep
-- exactly these rows. Orders are left out because a refunded, cancelled or replaced one counts
-- nowhere: readers add the range's live order events.
--
-- Plain columns merging by sum, min and max (an earlier rollup of -State columns cost more to
-- merge than the raw rows: migration 0010). Like events, it remembers the last 1000 insert
-- tokens: a journal segment loaded twice after a crash reaches the view twice and must count
-- once here too. Erasure (server/privacy/erase-person.ts) deletes the person's visitor keys here.
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
    last_ts      SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(quarter)
ORDER BY (site_id, quarter, session_key, visitor_key, country, device)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS session_quarters_mv TO session_quarters AS
SELECT site_id, toStartOfFifteenMinutes(ts) AS quarter, cityHash64(session_id) AS session_key,
       cityHash64(visitor_id) AS visitor_key, country, device,
       toUInt64(countIf(type = 'pageview')) AS pageviews, min(ts) AS first_ts, max(ts) AS last_ts
FROM events
WHERE type != 'order'
GROUP BY site_id, quarter, session_key, visitor_key, country, device;

BACKFILL session_quarters FROM session_quarters_mv;

DROP VIEW IF EXISTS visitor_session_quarters_mv;

DROP TABLE IF EXISTS visitor_session_quarters;
