import { z } from 'zod';
import { CONVERSION_DIMENSIONS } from '../../contract/conversion.ts';
import { getConversionBreakdown } from '../../queries/conversion-breakdown.ts';
import { getAgentPerformance } from '../../queries/agent-performance.ts';
import { getConversionFunnel } from '../../queries/conversion-funnel.ts';
import { reportScope } from '../../queries/fragments/report-scope.ts';
import { getRuleNames } from '../../queries/rule-names.ts';
import { listUsers } from '../../queries/list-users.ts';
import { reportInput } from '../../contract/report-input.ts';
import { resolveRange } from '../../reports/resolve-range.ts';
import { findSite } from '../../sites/find-site.ts';
import { router, siteProcedure } from '../init.ts';

/** How long after a chat an order still counts as won by it. */
const windowDays = z.number().int().min(1).max(90).default(30);
const report = siteProcedure('reports:read').input(reportInput).input(z.object({ windowDays }));

export const conversionRouter = router({
  /** Both funnels and outcomes for the range and the period before it. */
  funnel: report.query(async ({ ctx, input }) => {
    const site = await findSite(ctx.ch, input.siteId);
    const range = resolveRange(input.range, site.timeZone);
    const windowMs = input.windowDays * 86_400_000;
    const [current, previous] = await Promise.all([
      getConversionFunnel(ctx.ch, reportScope(site.id, range.from, range.to, input.filters), windowMs),
      getConversionFunnel(ctx.ch, reportScope(site.id, range.prevFrom, range.prevTo, input.filters), windowMs),
    ]);
    return { range, timeZone: site.timeZone, current, previous };
  }),

  /** Outcomes per value of one dimension; agents and rules by name. */
  breakdown: report.input(z.object({ dimension: z.enum(CONVERSION_DIMENSIONS) })).query(async ({ ctx, input }) => {
    const site = await findSite(ctx.ch, input.siteId);
    const range = resolveRange(input.range, site.timeZone);
    const rows = await getConversionBreakdown(ctx.ch, reportScope(site.id, range.from, range.to, input.filters), input.dimension, input.windowDays * 86_400_000);
    const names = new Map<string, string>();
    if (input.dimension === 'agent') for (const u of await listUsers(ctx.ch)) names.set(u.id, u.name || u.email);
    // A deleted rule keeps the name it last had.
    if (input.dimension === 'rule') for (const [id, r] of await getRuleNames(ctx.ch, site.id)) names.set(id, r.name);
    return rows.map((r) => ({ ...r, label: names.get(r.value) ?? r.value }));
  }),

  /** Per agent: chats, first response, duration, leads, orders and revenue after their chats, rating. */
  agents: report.query(async ({ ctx, input }) => {
    const site = await findSite(ctx.ch, input.siteId);
    const range = resolveRange(input.range, site.timeZone);
    const rows = await getAgentPerformance(ctx.ch, reportScope(site.id, range.from, range.to, input.filters), input.windowDays * 86_400_000);
    const names = new Map((await listUsers(ctx.ch)).map((u) => [u.id, u.name || u.email]));
    return rows.map((r) => ({ ...r, name: names.get(r.agentId) ?? r.agentId }));
  }),
});
