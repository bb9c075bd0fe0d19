-- A source had as many names as ways to say it: "baidu" (utm_source), "baidu.com" and
-- "m.baidu.com" were three rows in every source report and three filter values. Ingest now
-- names a page view's source once (server/sources/source-name.ts, from a maintained
-- referrer list) into `source`, and the entry source it copies onto a session's page views
-- is that name. The raw referrer and UTM columns stay as they were.
--
-- The default is the old rule, so a row that reaches the table without ingest's name (a
-- server-written event, a test) still reads as before rather than empty.
ALTER TABLE events ADD COLUMN IF NOT EXISTS source LowCardinality(String)
    DEFAULT if(utm_source != '', toString(utm_source), if(referrer_domain != '', toString(referrer_domain), '(direct)'));

-- Stored rows get the same names. The list lives in TypeScript, so migrate.ts fills this
-- table with every distinct old source value (page views' rule, session_source, the
-- rollup's first touch) and its name; SQL only looks them up.
CREATE TABLE IF NOT EXISTS source_names_backfill (raw String, name String) ENGINE = Join(ANY, LEFT, raw);
SOURCE NAMES INTO source_names_backfill;

ALTER TABLE events UPDATE
    source = joinGet('$DATABASE.source_names_backfill', 'name', if(utm_source != '', toString(utm_source), if(referrer_domain != '', toString(referrer_domain), '(direct)'))),
    session_source = joinGet('$DATABASE.source_names_backfill', 'name', toString(session_source))
WHERE type = 'pageview'
SETTINGS mutations_sync = 1;

-- The conversion rollup keeps each visitor-quarter's first touch with its source: renamed in
-- place (the tuple leads with its time, so which touch is first does not change).
ALTER TABLE conversion_quarters UPDATE
    first_touch = tuple(first_touch.ts, joinGet('$DATABASE.source_names_backfill', 'name', first_touch.source), first_touch.medium,
                        first_touch.campaign, first_touch.landing, first_touch.country, first_touch.device)
WHERE first_touch.source != ''
SETTINGS mutations_sync = 1;

DROP TABLE IF EXISTS source_names_backfill;

-- From now on the view takes the named source. Recreated, not altered: migrations run
-- before the server takes any event, so nothing passes while it is gone.
DROP VIEW IF EXISTS conversion_quarters_mv;
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
              (ts, toString(source), toString(utm_medium), toString(utm_campaign), path, toString(country), toString(device)),
              (toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), '', '', '', '', '', ''))) AS first_touch,
       min(if(type = 'chat_started', (ts, toString(agent_id)), (toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), ''))) AS first_chat,
       min(if(type = 'lead_created', ts, toDateTime64('2299-12-31 00:00:00', 3, 'UTC'))) AS first_lead,
       min(if(type = 'invite_shown' AND rule_id != '', (ts, toString(rule_id)), (toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), ''))) AS first_rule,
       groupArrayIf((toUnixTimestamp64Milli(ts), order_id, toString(currency), toFloat64(revenue)), type = 'order') AS orders
FROM events
GROUP BY site_id, quarter, visitor_key, country, device;
