import { z } from 'zod';
import { getConversionFunnel } from '../../queries/conversion-funnel.ts';
import { reportScope } from '../../queries/fragments/report-scope.ts';
import { getOverviewKpis } from '../../queries/overview-kpis.ts';
import { defineRoute, iso, rangeQuery, resolveApiRange } from '../route.ts';

const money = z.object({ currency: z.string(), value: z.number() });
const count = z.number().int();
const range = z.object({ from: z.string(), to: z.string() });

const overview = z.object({
  visitors: count,
  sessions: count,
  pageviews: count,
  bounce_rate: z.number().meta({ description: 'Share (0–1) of sessions that viewed one page' }),
  avg_session_ms: z.number(),
  chats: count,
  leads: count,
  orders: count,
  revenue: z.array(money).meta({ description: 'Per currency, never added across currencies' }),
});

const outcome = z.object({ visitors: count, buyers: count, orders: count, revenue: z.array(money) });
const funnel = z.object({
  invited: z.object({
    visitors: count,
    engaged: count,
    shown: count,
    accepted: count,
    chatted: count,
    called: count.meta({ description: 'Of those who chatted: a web call of theirs was answered' }),
    leads: count,
    ordered: count,
  }),
  asked: z.object({
    visitors: count,
    engaged: count,
    asked: count,
    chatted: count,
    called: count,
    leads: count,
    ordered: count,
  }),
  chatted: outcome,
  not_chatted: outcome,
});

/** The range and the equally long period before it, as the dashboard compares them. */
function scopes(siteId: string, q: { from?: string; to?: string }) {
  const { from, to } = resolveApiRange(q);
  return {
    range: { from: iso(from), to: iso(to) },
    current: reportScope(siteId, from, to, {}),
    previous: reportScope(siteId, from - (to - from), from, {}),
  };
}

export const reportRoutes = [
  defineRoute({
    method: 'get',
    path: '/reports/overview',
    tag: 'reports',
    summary: 'Overview figures for a range and the period before',
    scope: 'read',
    query: z.object(rangeQuery),
    response: z.object({ range, current: overview, previous: overview }),
    handler: async ({ deps, siteId, query }) => {
      const s = scopes(siteId, query);
      const [current, previous] = await Promise.all([
        getOverviewKpis(deps.ch, s.current),
        getOverviewKpis(deps.ch, s.previous),
      ]);
      const shape = (k: typeof current) => ({
        visitors: k.visitors,
        sessions: k.sessions,
        pageviews: k.pageviews,
        bounce_rate: k.bounceRate,
        avg_session_ms: k.avgSessionMs,
        chats: k.chats,
        leads: k.leads,
        orders: k.orders,
        revenue: k.revenue,
      });
      return { range: s.range, current: shape(current), previous: shape(previous) };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/reports/funnel',
    tag: 'reports',
    summary: 'The consult-to-order funnel for a range and the period before',
    description:
      'People, not visitor ids, as on the Conversion screen; an order counts for a chat within `window_days`.',
    scope: 'read',
    query: z.object({ ...rangeQuery, window_days: z.coerce.number().int().min(1).max(90).default(30) }),
    response: z.object({ range, window_days: count, current: funnel, previous: funnel }),
    handler: async ({ deps, siteId, query }) => {
      const s = scopes(siteId, query);
      const windowMs = query.window_days * 86_400_000;
      const [current, previous] = await Promise.all([
        getConversionFunnel(deps.ch, s.current, windowMs),
        getConversionFunnel(deps.ch, s.previous, windowMs),
      ]);
      const shape = (f: typeof current) => ({
        invited: f.invited,
        asked: f.asked,
        chatted: f.chatted,
        not_chatted: f.notChatted,
      });
      return { range: s.range, window_days: query.window_days, current: shape(current), previous: shape(previous) };
    },
  }),
];
