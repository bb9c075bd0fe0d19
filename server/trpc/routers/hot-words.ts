import { z } from 'zod';
import { HOT_WORD_DIMENSIONS, hotWordTerm } from '../../contract/hot-words.ts';
import { getHotWordBreakdown } from '../../queries/hot-word-breakdown.ts';
import { getHotWordPages } from '../../queries/hot-word-pages.ts';
import { getHotWordReach } from '../../queries/hot-word-reach.ts';
import { getHotWords } from '../../queries/hot-words.ts';
import { router } from '../init.ts';
import { reportProcedure } from '../report-procedure.ts';

/** The word cloud and table hold this many terms: past it a term is written a handful of times. */
const TERMS_SHOWN = 200;

/** What visitors write about: terms of the range against the period before, and one term's detail. */
export const hotWordsRouter = router({
  list: reportProcedure('reports:read').query(({ ctx: { ch, site, range }, input }) =>
    getHotWords(ch, site.id, range, input.filters, TERMS_SHOWN),
  ),

  term: reportProcedure('reports:read')
    .input(z.object({ term: hotWordTerm }))
    .query(async ({ ctx: { ch, site, range }, input }) => {
      const [pages, reach, ...breakdowns] = await Promise.all([
        getHotWordPages(ch, site.id, range, input.filters, input.term),
        getHotWordReach(ch, site.id, range, input.filters, input.term),
        ...HOT_WORD_DIMENSIONS.map((d) => getHotWordBreakdown(ch, site.id, range, input.filters, input.term, d)),
      ]);
      return {
        pages,
        reach,
        breakdown: Object.fromEntries(HOT_WORD_DIMENSIONS.map((d, i) => [d, breakdowns[i] ?? []])) as Record<
          (typeof HOT_WORD_DIMENSIONS)[number],
          { value: string; count: number; visitors: number }[]
        >,
        timeZone: site.timeZone,
      };
    }),
});
