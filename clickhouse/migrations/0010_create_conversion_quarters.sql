-- The conversion reports aggregate every visitor of the range. From the events, 30 days at
-- 10M events are a GROUP BY of ~3.5M rows into ~520k visitors: ~250 ms of a 300 ms budget.
-- This rollup keeps what those reports read per site, UTC quarter hour, visitor, country and
-- device, ~770k rows for the same 30 days. A report range is whole local days, so whole
-- quarters; the country and device filters keep single events by those columns, and so keep
-- exactly these rows.
--
-- Plain columns that merge by sum, min, bit-or and array concatenation, not aggregate
-- states: an earlier rollup of -State columns cost more to merge than the raw rows.
-- first_* are tuples led by their time, so min() keeps the first event's dimensions; a
-- quarter without such an event holds 2299-12-31 there. Orders keep their id, so a refund
-- or cancellation recorded later still removes them when a report reads them.
--
-- The session filters (entry source, campaign, a page viewed) keep whole sessions, which a
-- visitor's quarter cannot express: with one of those, the reports read the events.
-- The flags and the first-touch source are the ones server/queries/fragments/
-- visitor-conversion.ts computes from the events; conversion-rollup.test.ts checks that
-- both paths give the same reports.
--
-- Like events, it remembers the last 1000 insert tokens: a journal segment loaded twice
-- after a crash reaches the view twice, and must count once here too.
CREATE TABLE IF NOT EXISTS conversion_quarters
(
    site_id      LowCardinality(String),
    quarter      DateTime('UTC'),
    visitor_key  UInt64,
    country      LowCardinality(String),
    device       LowCardinality(String),
    pageviews    SimpleAggregateFunction(sum, UInt64),
    attention_ms SimpleAggregateFunction(sum, UInt64),
    flags        SimpleAggregateFunction(groupBitOr, UInt8),
    first_touch  SimpleAggregateFunction(min, Tuple(ts DateTime64(3, 'UTC'), source String, medium String, campaign String, landing String, country String, device String)),
    first_chat   SimpleAggregateFunction(min, Tuple(ts DateTime64(3, 'UTC'), agent String)),
    first_lead   SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    first_rule   SimpleAggregateFunction(min, Tuple(ts DateTime64(3, 'UTC'), rule String)),
    orders       SimpleAggregateFunction(groupArrayArray, Array(Tuple(ts Int64, order_id String, currency String, value Float64)))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(quarter)
ORDER BY (site_id, quarter, visitor_key, country, device)
SETTINGS non_replicated_deduplication_window = 1000;

CREATE MATERIALIZED VIEW IF NOT EXISTS conversion_quarters_mv TO conversion_quarters AS
SELECT site_id,
       toStartOfFifteenMinutes(ts) AS quarter,
       cityHash64(visitor_id) AS visitor_key,
       country,
       device,
       countIf(type = 'pageview') AS pageviews,
       sumIf(engaged_ms, type = 'engagement') AS attention_ms,
       groupBitOr(toUInt8(multiIf(type = 'invite_shown', if(rule_id != '', 33, 1), type = 'invite_accepted', 2, type = 'invite_dismissed', 4,
                                  type = 'chat_started', 8, type = 'lead_created', 16, type = 'chat_requested' AND props['origin'] = 'visitor', 64, 0))) AS flags,
       min(if(type = 'pageview',
              (ts, if(utm_source != '', toString(utm_source), if(referrer_domain != '', toString(referrer_domain), '(direct)')), toString(utm_medium), toString(utm_campaign), path, toString(country), toString(device)),
              (toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), '', '', '', '', '', ''))) AS first_touch,
       min(if(type = 'chat_started', (ts, toString(agent_id)), (toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), ''))) AS first_chat,
       min(if(type = 'lead_created', ts, toDateTime64('2299-12-31 00:00:00', 3, 'UTC'))) AS first_lead,
       min(if(type = 'invite_shown' AND rule_id != '', (ts, toString(rule_id)), (toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), ''))) AS first_rule,
       groupArrayIf((toUnixTimestamp64Milli(ts), order_id, toString(currency), toFloat64(revenue)), type = 'order') AS orders
FROM events
GROUP BY site_id, quarter, visitor_key, country, device;

-- The events stored before this migration, through the view's own query (migrate.ts). Only
-- safe because migrations run before the server takes any event: a row reaching both the
-- view and the backfill would be counted twice (these are sums, not sets).
BACKFILL conversion_quarters FROM conversion_quarters_mv;
