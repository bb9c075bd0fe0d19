import { TABLES } from '../../../clickhouse/tables.ts';
import { liveOrder, SOURCE_EXPR, type Scope } from './report-scope.ts';
import { NO_RULE } from '../../contract/conversion.ts';
import { ROBOT_AGENT_ID } from '../../contract/service-settings.ts';
import { inWholeQuarters, QUARTERS_IN_RANGE } from './scope-visitors.ts';

// What a visitor did, as bits of one groupBitOr: each aggregate over the range's millions
// of rows costs time, and seven countIf's were only ever read as "> 0". Migration 0010's
// conversion_quarters view writes the same flags.
const FLAG = {
  invited: 1,
  accepted: 2,
  dismissed: 4,
  chatted: 8,
  lead: 16,
  ruled: 32,
  asked: 64,
  handover: 128,
  called: 256,
} as const;
const FLAG_OF_EVENT = `multiIf(type = 'invite_shown', if(rule_id != '', ${FLAG.invited | FLAG.ruled}, ${FLAG.invited}),
                               type = 'invite_accepted', ${FLAG.accepted},
                               type = 'invite_dismissed', ${FLAG.dismissed},
                               type = 'chat_started', ${FLAG.chatted},
                               type = 'lead_created', ${FLAG.lead},
                               type = 'chat_requested' AND props['origin'] = 'visitor', ${FLAG.asked},
                               type = 'chat_handover', ${FLAG.handover},
                               type = 'call_answered', ${FLAG.called},
                               0)`;
const has = (flags: string, flag: keyof typeof FLAG) => `bitAnd(${flags}, ${FLAG[flag]}) != 0`;

// Each visitor first, on the UInt64 visitor_key: far cheaper than joining identities onto
// every event and grouping by a person string (figures: bench/RESULTS.md, "Figures behind code comments").
// `v_first_*` are only meaningful where the matching count or flag is set (minIf yields 0 otherwise),
// so the person level below always reads them through that condition.
const PER_VISITOR = (scope: Scope) => `
  SELECT visitor_key,
         countIf(type = 'pageview') AS v_pageviews,
         sumIf(engaged_ms, type = 'engagement') AS v_engaged_ms,
         minIf(ts, type = 'pageview') AS v_first_seen,
         groupBitOr(${FLAG_OF_EVENT}) AS v_flags,
         minIf(ts, type = 'chat_started') AS v_first_chat,
         minIf(ts, type = 'lead_created') AS v_first_lead,
         minIf(ts, type = 'invite_shown' AND rule_id != '') AS v_first_rule,
         groupArrayIf((toUnixTimestamp64Milli(ts), currency, toFloat64(revenue)), type = 'order') AS v_orders,
         argMinIf(${SOURCE_EXPR}, ts, type = 'pageview') AS v_source,
         argMinIf(utm_medium, ts, type = 'pageview') AS v_medium,
         argMinIf(utm_campaign, ts, type = 'pageview') AS v_campaign,
         argMinIf(path, ts, type = 'pageview') AS v_landing,
         argMinIf(country, ts, type = 'pageview') AS v_country,
         argMinIf(device, ts, type = 'pageview') AS v_device,
         argMinIf(agent_id, ts, type = 'chat_started') AS v_agent,
         argMinIf(rule_id, ts, type = 'invite_shown' AND rule_id != '') AS v_rule
  FROM ${TABLES.events}
  WHERE ${scope.where}
  GROUP BY visitor_key`;

/** SQL: the conversion rollup's rows of the scope (whole quarters, country and device filters). */
const quartersOf = (scope: Scope) => `site_id = {siteId:String} AND ${QUARTERS_IN_RANGE} AND ${scope.columnFilters}`;

// The same from the conversion_quarters rollup (migration 0010): one row per visitor, quarter
// hour, country and device: a fraction of the events' rows. The person level below
// re-aggregates rows either way, so they go to it ungrouped: a GROUP BY per visitor first
// only cost more. first_* hold 2299-12-31 where a quarter had no such event; like
// the minIf's above, they are only read where the matching count or flag is set.
const QUARTER_ROWS = (scope: Scope, activeOnly: boolean) => `
  SELECT visitor_key,
         pageviews AS v_pageviews,
         attention_ms AS v_engaged_ms,
         first_touch.ts AS v_first_seen,
         flags AS v_flags,
         first_chat.ts AS v_first_chat,
         first_lead AS v_first_lead,
         first_rule.ts AS v_first_rule,
         if(empty(orders), [], arrayMap(o -> (o.ts, o.currency, o.value), arrayFilter(o -> ${liveOrder('o.order_id', 'o.ts')}, orders))) AS v_orders,
         first_touch.source AS v_source,
         first_touch.medium AS v_medium,
         first_touch.campaign AS v_campaign,
         first_touch.landing AS v_landing,
         first_touch.country AS v_country,
         first_touch.device AS v_device,
         first_chat.agent AS v_agent,
         first_rule.rule AS v_rule
  FROM ${TABLES.conversionQuarters}
  WHERE ${quartersOf(scope)}${activeOnly ? ` AND visitor_key IN ${ACTIVE_KEYS(scope)}` : ''}`;

/**
 * SQL, a set: the visitors whose rollup rows of the scope hold a flag or an order, and every
 * visitor an identity names (a person may join them to an active one; any identity row, no
 * FINAL: a few keys too many only cost time). Only they need the
 * person columns below; at 30M events, 30 days, ~0.45M keys of 1.5M visitors.
 */
const ACTIVE_KEYS = (scope: Scope) => `(
  SELECT visitor_key FROM ${TABLES.conversionQuarters}
  WHERE ${quartersOf(scope)} AND (flags != 0 OR notEmpty(orders))
  UNION ALL
  SELECT cityHash64(visitor_id) FROM ${TABLES.identities} WHERE site_id = {siteId:String} AND person_id != '')`;

/** SQL: a person (or visitor) engaged: two page views or 10 s of attention. */
const engaged = (pageviews: string, attentionMs: string) => `${pageviews} >= 2 OR ${attentionMs} >= 10000`;

/**
 * SQL, a scalar (visitors, engaged): the rollup's visitors outside ACTIVE_KEYS, who only
 * browsed: each is their own person with no step past "engaged", so the funnel counts them
 * without the person columns (bench/RESULTS.md, "Conversion funnel: visitors who only browsed,
 * counted apart"). Only for a scope conversionSource() reads from the rollup.
 */
export function browsingVisitorsSql(scope: Scope): string {
  return `(SELECT (count(), countIf(engaged)) FROM (
             SELECT visitor_key, sum(pageviews) AS pv, ${engaged('pv', 'sum(attention_ms)')} AS engaged
             FROM ${TABLES.conversionQuarters}
             WHERE ${quartersOf(scope)}
               AND visitor_key NOT IN ${ACTIVE_KEYS(scope)}
             GROUP BY visitor_key
             HAVING pv > 0))`;
}

/**
 * Where the visitors' rows come from: the rollup holds whole quarters of every event by
 * country and device, so it answers a range of whole quarters under those filters; a
 * session filter or any other range reads the events.
 */
export function conversionSource(scope: Scope): 'rollup' | 'events' {
  return !scope.sessionFiltered && inWholeQuarters(scope) ? 'rollup' : 'events';
}

// The person each identified visitor belongs to; anonymous visitors have no row (key 0 after the join).
// FINAL keeps each visitor's latest identity row (the table replaces by updated_at), faster
// than a GROUP BY with argMax.
const PEOPLE = `
  SELECT cityHash64(visitor_id) AS visitor_key, cityHash64(person_id) AS person_key
  FROM ${TABLES.identities} FINAL
  WHERE site_id = {siteId:String} AND person_id != ''`;

/**
 * One row per person of the range who viewed a page (the visitor ids an identity joined —
 * the same email on a phone and a laptop — count once; an anonymous visitor is their own person): what they did on the way from visit
 * to order, when, and where they came from. Both conversion reports read from it, so the
 * funnel and every breakdown agree.
 *
 * - engaged: two page views or 10 s of attention;
 * - called: a web call of theirs was answered (either side started it);
 * - dimensions are first touch within the range (the person's first page view), the agent of
 *   their first chat, the rule of their first automatic invitation (else NO_RULE);
 * - ordered_after_chat: an order within the attribution window after the first chat;
 * - served: who served the first chat: 'robot' alone, the robot 'handed_over' to a person (one
 *   was asked for), a 'person' from the start; '' without a chat.
 * Dimension columns are named dim_<dimension>: a bare `country` alias would shadow the
 * column in the filters' WHERE. Callers bind {windowMs:Int64}. With `activeOnly`, a scope read
 * from the rollup keeps the persons of ACTIVE_KEYS alone (browsingVisitorsSql counts the rest).
 */
export function visitorConversionSql(scope: Scope, activeOnly = false): string {
  return `SELECT if(p.person_key != 0, p.person_key, v.visitor_key) AS person,
                 sum(v_pageviews) AS pageviews,
                 ${engaged('pageviews', 'sum(v_engaged_ms)')} AS engaged,
                 toUnixTimestamp64Milli(minIf(v_first_seen, v_pageviews > 0)) AS first_seen,
                 groupBitOr(v_flags) AS p_flags,
                 ${has('p_flags', 'invited')} AS invited,
                 ${has('p_flags', 'accepted')} AS accepted,
                 ${has('p_flags', 'dismissed')} AS dismissed,
                 ${has('p_flags', 'asked')} AS asked,
                 ${has('p_flags', 'chatted')} AS chatted,
                 ${has('p_flags', 'called')} AS called,
                 toUnixTimestamp64Milli(minIf(v_first_chat, ${has('v_flags', 'chatted')})) AS first_chat,
                 ${has('p_flags', 'lead')} AS lead,
                 toUnixTimestamp64Milli(minIf(v_first_lead, ${has('v_flags', 'lead')})) AS first_lead,
                 groupArrayArray(v_orders) AS order_list,
                 length(order_list) AS orders,
                 arrayMin(o -> o.1, order_list) AS first_order,
                 arrayMap(o -> (o.2, o.3), order_list) AS order_values,
                 chatted AND arrayExists(o -> o.1 >= first_chat AND o.1 <= first_chat + {windowMs:Int64}, order_list) AS ordered_after_chat,
                 argMinIf(v_source, v_first_seen, v_pageviews > 0) AS dim_source,
                 argMinIf(v_medium, v_first_seen, v_pageviews > 0) AS dim_medium,
                 argMinIf(v_campaign, v_first_seen, v_pageviews > 0) AS dim_campaign,
                 argMinIf(v_landing, v_first_seen, v_pageviews > 0) AS dim_landing,
                 argMinIf(v_country, v_first_seen, v_pageviews > 0) AS dim_country,
                 argMinIf(v_device, v_first_seen, v_pageviews > 0) AS dim_device,
                 argMinIf(v_agent, v_first_chat, ${has('v_flags', 'chatted')}) AS dim_agent,
                 multiIf(${has('p_flags', 'ruled')}, argMinIf(v_rule, v_first_rule, ${has('v_flags', 'ruled')}),
                         ${has('p_flags', 'asked')}, '${NO_RULE.visitorStarted}',
                         ${has('p_flags', 'invited')}, '${NO_RULE.agentInvited}', '') AS dim_rule,
                 multiIf(NOT chatted, '', dim_agent != '${ROBOT_AGENT_ID}', 'person',
                         ${has('p_flags', 'handover')}, 'handed_over', 'robot') AS served
          FROM (${conversionSource(scope) === 'rollup' ? QUARTER_ROWS(scope, activeOnly) : PER_VISITOR(scope)}) AS v
          LEFT JOIN (${PEOPLE}) AS p ON v.visitor_key = p.visitor_key
          GROUP BY person
          HAVING pageviews > 0`;
}
