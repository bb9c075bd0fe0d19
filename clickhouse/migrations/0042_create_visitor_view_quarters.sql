-- Retention groups every page view of a site by visitor (first visit ever, then each later
-- period): at 10M events ~4 s. This rollup keeps one row per site, visitor and UTC quarter
-- hour with a page view, and the first page view's time in it: ~1 row per session. Every
-- time zone's weeks and months start on a whole quarter of UTC, so a quarter names its
-- period exactly, and a visitor's first visit is the least first_ts of their rows.
-- Sorted by visitor so the per-visitor grouping reads in order.
--
-- Rows merge by min(), so a visitor's page views arriving over many inserts (or the backfill
-- racing the view) give the same figures. Like events, it remembers the last 1000 insert
-- tokens: a journal segment loaded twice reaches the view twice and must count once.
-- Erasure (server/privacy/erase-person.ts) deletes the person's visitor keys here.
CREATE TABLE IF NOT EXISTS visitor_view_quarters
(
    site_id      LowCardinality(String),
    visitor_key  UInt64,
    quarter      DateTime('UTC'),
    first_ts     SimpleAggregateFunction(min, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
ORDER BY (site_id, visitor_key, quarter)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS visitor_view_quarters_mv TO visitor_view_quarters AS
SELECT site_id, cityHash64(visitor_id) AS visitor_key, toStartOfFifteenMinutes(ts) AS quarter, min(ts) AS first_ts
FROM events
WHERE type = 'pageview'
GROUP BY site_id, visitor_key, quarter;

INSERT INTO visitor_view_quarters
SELECT site_id, cityHash64(visitor_id) AS visitor_key, toStartOfFifteenMinutes(ts) AS quarter, min(ts) AS first_ts
FROM events
WHERE type = 'pageview'
GROUP BY site_id, visitor_key, quarter;
