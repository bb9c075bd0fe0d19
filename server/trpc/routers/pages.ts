import { z } from 'zod';
import { getEntryExitPairs } from '../../queries/entry-exit-pairs.ts';
import { getExitPages } from '../../queries/exit-pages.ts';
import { getPageEngagement } from '../../queries/page-engagement.ts';
import { getOutboundLinks, OUTBOUND_GROUPS, type OutboundGroup } from '../../queries/outbound-links.ts';
import { router } from '../init.ts';
import { sharedReportProcedure } from '../report-procedure.ts';

const report = sharedReportProcedure('reports:read');

/** The Pages screen: time on page and scroll depth, where sessions leave, entry → exit pairs, links followed off the site. */
export const pagesRouter = router({
  engagement: report.query(({ ctx: { ch, scope } }) => getPageEngagement(ch, scope)),
  exits: report.query(({ ctx: { ch, scope } }) => getExitPages(ch, scope)),
  entryExit: report.query(({ ctx: { ch, scope } }) => getEntryExitPairs(ch, scope)),
  outbound: report
    .input(z.object({ group: z.enum(Object.keys(OUTBOUND_GROUPS) as [OutboundGroup, ...OutboundGroup[]]) }))
    .query(({ ctx: { ch, scope }, input }) => getOutboundLinks(ch, scope, input.group)),
});
