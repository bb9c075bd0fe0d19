-- The Events and Goals screens divide by the visitors of the range under the filters: from the
-- events, a uniqExact over every event of the range (at 10M events, 30 days: ~3.3M rows, most of
-- those screens' time). This rollup keeps one row per site, UTC quarter hour, session, visitor,
-- country and device that had an event other than an order: ~1 row per session, a fifth of the
-- events. A report range is whole local days, so whole quarters; country and device filters keep
-- single events by those columns, and the session filters (entry source, campaign, a page viewed)
-- keep sessions by key, so both keep exactly these rows. Orders are left out because a refunded,
-- cancelled or replaced order counts nowhere: the reports read the order events beside it.
-- Tag filters name visitor ids, which this does not hold: with one, the reports read the events.
--
-- A set, not sums: a row seen twice (the backfill racing the view, a journal segment loaded
-- twice) counts once, as every reader takes distinct visitor keys.
-- Erasure (server/privacy/erase-person.ts) deletes the person's visitor keys here.
CREATE TABLE IF NOT EXISTS visitor_session_quarters
(
    site_id      LowCardinality(String),
    quarter      DateTime('UTC'),
    session_key  UInt64,
    visitor_key  UInt64,
    country      LowCardinality(String),
    device       LowCardinality(String)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(quarter)
ORDER BY (site_id, quarter, session_key, visitor_key, country, device);

CREATE MATERIALIZED VIEW IF NOT EXISTS visitor_session_quarters_mv TO visitor_session_quarters AS
SELECT DISTINCT site_id, toStartOfFifteenMinutes(ts) AS quarter, cityHash64(session_id) AS session_key,
       cityHash64(visitor_id) AS visitor_key, country, device
FROM events
WHERE type != 'order';

BACKFILL visitor_session_quarters FROM visitor_session_quarters_mv;
