import { noteSuggestionInput, suggestInput } from '../../contract/assist.ts';
import { noteSuggestion, suggestArticles } from '../../assist/suggestions.ts';
import { getSuggestionUse } from '../../queries/suggestion-use.ts';
import { getUserNames } from '../../queries/user-names.ts';
import { knownSiteProcedure, router, siteProcedure } from '../init.ts';
import { reportProcedure } from '../report-procedure.ts';

export const assistRouter = router({
  /**
   * The top three articles for the visitor's draft or last message. Asked on every pause in
   * the visitor's typing, so it reads nothing from the store: the site access check uses the
   * cached session, and an unknown site simply has no articles.
   */
  suggest: siteProcedure('chat:serve')
    .input(suggestInput)
    .query(({ input }) => suggestArticles(input.siteId, input.text)),

  /** Suggestions shown to this agent in a chat, or one they used. */
  note: knownSiteProcedure('chat:serve')
    .input(noteSuggestionInput)
    .mutation(({ ctx: { ch, site, user }, input }) => noteSuggestion(ch, site.id, user.id, input)),

  /** Suggestion use per agent in the report's range: shown, used and the use rate. */
  usage: reportProcedure('reports:read').query(async ({ ctx: { ch, site, range } }) => {
    const [rows, names] = await Promise.all([
      getSuggestionUse(ch, { siteId: site.id, from: range.from, to: range.to }),
      getUserNames(ch),
    ]);
    return rows.map((r) => ({ ...r, name: names.get(r.userId) ?? r.userId, rate: r.shown > 0 ? r.used / r.shown : 0 }));
  }),
});
