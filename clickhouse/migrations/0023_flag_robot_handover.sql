-- The consult-to-order funnel tells apart chats the robot closed alone, chats it handed over to
-- a person and chats a person served from the start (issue 16). Who served a person's first chat
-- is already in the rollup (first_chat.agent is 'robot' for the robot); whether a person was
-- asked for is not. It takes the last free bit of `flags`: 128, a `chat_handover` event.
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
                                  type = 'chat_started', 8, type = 'lead_created', 16, type = 'chat_requested' AND props['origin'] = 'visitor', 64,
                                  type = 'chat_handover', 128, 0))) AS flags,
       min(if(type = 'pageview',
              (ts, toString(source), toString(utm_medium), toString(utm_campaign), path, toString(country), toString(device)),
              (toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), '', '', '', '', '', ''))) AS first_touch,
       min(if(type = 'chat_started', (ts, toString(agent_id)), (toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), ''))) AS first_chat,
       min(if(type = 'lead_created', ts, toDateTime64('2299-12-31 00:00:00', 3, 'UTC'))) AS first_lead,
       min(if(type = 'invite_shown' AND rule_id != '', (ts, toString(rule_id)), (toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), ''))) AS first_rule,
       groupArrayIf((toUnixTimestamp64Milli(ts), order_id, toString(currency), toFloat64(revenue)), type = 'order') AS orders
FROM events
GROUP BY site_id, quarter, visitor_key, country, device;

-- Handovers stored before: one more row per visitor-quarter carrying only the bit. The table
-- aggregates rows of one key, and every other column holds what changes nothing (0, the
-- 2299 "none" of the mins, no orders). Migrations run before the server takes events, so no
-- handover is counted twice.
INSERT INTO conversion_quarters (site_id, quarter, visitor_key, country, device, pageviews, attention_ms, flags,
                                 first_touch, first_chat, first_lead, first_rule, orders)
SELECT site_id,
       toStartOfFifteenMinutes(ts) AS quarter,
       cityHash64(visitor_id) AS visitor_key,
       country,
       device,
       0, 0, 128,
       (toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), '', '', '', '', '', ''),
       (toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), ''),
       toDateTime64('2299-12-31 00:00:00', 3, 'UTC'),
       (toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), ''),
       []
FROM events
WHERE type = 'chat_handover'
GROUP BY site_id, quarter, visitor_key, country, device;
