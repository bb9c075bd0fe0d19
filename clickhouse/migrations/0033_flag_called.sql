-- The consult-to-order funnel counts "called" (a web call answered, issue 18) between chat and
-- lead. `flags` had no free bit left (handover took 128), so it widens to UInt16 and a
-- `call_answered` event sets 256; the view is the one of 0023 with that one more case.
ALTER TABLE conversion_quarters MODIFY COLUMN flags SimpleAggregateFunction(groupBitOr, UInt16);

DROP VIEW IF EXISTS conversion_quarters_mv;
CREATE MATERIALIZED VIEW IF NOT EXISTS conversion_quarters_mv TO conversion_quarters AS
SELECT site_id,
       toStartOfFifteenMinutes(ts) AS quarter,
       cityHash64(visitor_id) AS visitor_key,
       country,
       device,
       countIf(type = 'pageview') AS pageviews,
       sumIf(engaged_ms, type = 'engagement') AS attention_ms,
       groupBitOr(toUInt16(multiIf(type = 'invite_shown', if(rule_id != '', 33, 1), type = 'invite_accepted', 2, type = 'invite_dismissed', 4,
                                   type = 'chat_started', 8, type = 'lead_created', 16, type = 'chat_requested' AND props['origin'] = 'visitor', 64,
                                   type = 'chat_handover', 128, type = 'call_answered', 256, 0))) AS flags,
       min(if(type = 'pageview',
              (ts, toString(source), toString(utm_medium), toString(utm_campaign), path, toString(country), toString(device)),
              (toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), '', '', '', '', '', ''))) AS first_touch,
       min(if(type = 'chat_started', (ts, toString(agent_id)), (toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), ''))) AS first_chat,
       min(if(type = 'lead_created', ts, toDateTime64('2299-12-31 00:00:00', 3, 'UTC'))) AS first_lead,
       min(if(type = 'invite_shown' AND rule_id != '', (ts, toString(rule_id)), (toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), ''))) AS first_rule,
       groupArrayIf((toUnixTimestamp64Milli(ts), order_id, toString(currency), toFloat64(revenue)), type = 'order') AS orders
FROM events
GROUP BY site_id, quarter, visitor_key, country, device;

-- Answered calls stored before: one more row per visitor-quarter carrying only the bit, as
-- 0023 did for handovers. Migrations run before the server takes events: none counts twice.
INSERT INTO conversion_quarters (site_id, quarter, visitor_key, country, device, pageviews, attention_ms, flags,
                                 first_touch, first_chat, first_lead, first_rule, orders)
SELECT site_id,
       toStartOfFifteenMinutes(ts) AS quarter,
       cityHash64(visitor_id) AS visitor_key,
       country,
       device,
       0, 0, 256,
       (toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), '', '', '', '', '', ''),
       (toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), ''),
       toDateTime64('2299-12-31 00:00:00', 3, 'UTC'),
       (toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), ''),
       []
FROM events
WHERE type = 'call_answered'
GROUP BY site_id, quarter, visitor_key, country, device;
