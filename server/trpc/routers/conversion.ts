import { z } from 'zod';
import { CHAT_CHANNELS } from '../../contract/channels.ts';
import { CONVERSION_DIMENSIONS } from '../../contract/conversion.ts';
import { getConversionBreakdown } from '../../queries/conversion-breakdown.ts';
import { getAgentPerformance } from '../../queries/agent-performance.ts';
import { getAgentCalls } from '../../queries/agent-calls.ts';
import { withCalls } from '../../reports/agent-rows.ts';
import { getConversionFunnel } from '../../queries/conversion-funnel.ts';
import { getRuleNames } from '../../queries/rule-names.ts';
import { getUserNames } from '../../queries/user-names.ts';
import { router } from '../init.ts';
import { reportProcedure } from '../report-procedure.ts';

/** How long after a chat an order still counts as won by it. */
const windowDays = z.number().int().min(1).max(90).default(30);
const report = reportProcedure('reports:read').input(z.object({ windowDays }));

export const conversionRouter = router({
  /** Both funnels and outcomes for the range and the period before it. */
  funnel: report.query(async ({ ctx: { ch, site, range, scope, prevScope }, input }) => {
    const windowMs = input.windowDays * 86_400_000;
    const [current, previous] = await Promise.all([
      getConversionFunnel(ch, scope, windowMs),
      getConversionFunnel(ch, prevScope, windowMs),
    ]);
    return { range, timeZone: site.timeZone, current, previous };
  }),

  /** Outcomes per value of one dimension; agents and rules by name. */
  breakdown: report
    .input(z.object({ dimension: z.enum(CONVERSION_DIMENSIONS) }))
    .query(async ({ ctx: { ch, site, scope }, input }) => {
      const rows = await getConversionBreakdown(ch, scope, input.dimension, input.windowDays * 86_400_000);
      const names = new Map<string, string>();
      if (input.dimension === 'agent') for (const [id, name] of await getUserNames(ch)) names.set(id, name);
      // A deleted rule keeps the name it last had.
      if (input.dimension === 'rule') for (const [id, r] of await getRuleNames(ch, site.id)) names.set(id, r.name);
      return rows.map((r) => ({ ...r, label: names.get(r.value) ?? r.value }));
    }),

  /** Per agent: chats (of one channel), first response, duration, leads, orders and revenue after their chats, rating; web calls. */
  agents: report
    .input(z.object({ channel: z.enum(['', ...CHAT_CHANNELS]).default('') }))
    .query(async ({ ctx: { ch, scope }, input }) => {
      const [rows, calls, names] = await Promise.all([
        getAgentPerformance(ch, scope, input.windowDays * 86_400_000, input.channel),
        // Web calls happen only in web chats: another channel has none.
        input.channel === '' || input.channel === 'web' ? getAgentCalls(ch, scope) : Promise.resolve([]),
        getUserNames(ch),
      ]);
      return withCalls(rows, calls).map((r) => ({ ...r, name: names.get(r.agentId) ?? r.agentId }));
    }),
});
