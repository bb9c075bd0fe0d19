import { TABLES } from '../../../clickhouse/tables.ts';
import { SOURCE_EXPR, type Scope } from './report-scope.ts';

/**
 * One row per person of the range who viewed a page (the visitor ids an identity joined —
 * the same email on a phone and a laptop — count once; an anonymous visitor is their own person): what they did on the way from visit
 * to order, when, and where they came from. Both conversion reports read from it, so the
 * funnel and every breakdown agree.
 *
 * - engaged: two page views or 10 s of attention;
 * - dimensions are first touch within the range (the visitor's first page view), the agent of
 *   their first chat, the rule of their first automatic invitation;
 * - ordered_after_chat: an order within the attribution window after the first chat.
 * Dimension columns are named dim_<dimension>: a bare `country` alias would shadow the
 * column in the filters' WHERE. Callers bind {windowMs:Int64}.
 */
export function visitorConversionSql(scope: Scope): string {
  return `SELECT if(pid != '', pid, visitor_id) AS person,
                 countIf(type = 'pageview') AS pageviews,
                 countIf(type = 'pageview') >= 2 OR sumIf(engaged_ms, type = 'engagement') >= 10000 AS engaged,
                 toUnixTimestamp64Milli(minIf(ts, type = 'pageview')) AS first_seen,
                 countIf(type = 'invite_shown') > 0 AS invited,
                 countIf(type = 'invite_accepted') > 0 AS accepted,
                 countIf(type = 'invite_dismissed') > 0 AS dismissed,
                 countIf(type = 'chat_requested' AND props['origin'] = 'visitor') > 0 AS asked,
                 countIf(type = 'chat_started') > 0 AS chatted,
                 toUnixTimestamp64Milli(minIf(ts, type = 'chat_started')) AS first_chat,
                 countIf(type = 'lead_created') > 0 AS lead,
                 toUnixTimestamp64Milli(minIf(ts, type = 'lead_created')) AS first_lead,
                 countIf(type = 'order') AS orders,
                 toUnixTimestamp64Milli(minIf(ts, type = 'order')) AS first_order,
                 groupArrayIf(toUnixTimestamp64Milli(ts), type = 'order') AS order_times,
                 groupArrayIf((currency, toFloat64(revenue)), type = 'order') AS order_values,
                 chatted AND arrayExists(t -> t >= first_chat AND t <= first_chat + {windowMs:Int64}, order_times) AS ordered_after_chat,
                 argMinIf(${SOURCE_EXPR}, ts, type = 'pageview') AS dim_source,
                 argMinIf(utm_medium, ts, type = 'pageview') AS dim_medium,
                 argMinIf(utm_campaign, ts, type = 'pageview') AS dim_campaign,
                 argMinIf(path, ts, type = 'pageview') AS dim_landing,
                 argMinIf(country, ts, type = 'pageview') AS dim_country,
                 argMinIf(device, ts, type = 'pageview') AS dim_device,
                 argMinIf(agent_id, ts, type = 'chat_started') AS dim_agent,
                 argMinIf(rule_id, ts, type = 'invite_shown' AND rule_id != '') AS dim_rule
          FROM ${TABLES.events}
          ANY LEFT JOIN (SELECT visitor_id, argMax(person_id, updated_at) AS pid FROM ${TABLES.identities} WHERE site_id = {siteId:String} GROUP BY visitor_id) AS people USING (visitor_id)
          WHERE ${scope.where}
          GROUP BY person
          HAVING pageviews > 0`;
}
