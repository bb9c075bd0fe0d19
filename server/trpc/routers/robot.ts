import { listKbArticles } from '../../queries/kb-articles.ts';
import { getRobotArticles } from '../../queries/robot-articles.ts';
import { getRobotSummary } from '../../queries/robot-summary.ts';
import { getRobotUnanswered } from '../../queries/robot-unanswered.ts';
import { groupQuestions } from '../../reports/question-groups.ts';
import { router } from '../init.ts';
import { reportProcedure } from '../report-procedure.ts';

const TOP_ARTICLES = 20;
/** Distinct declined questions read for grouping; the groups shown are the most asked. */
const QUESTIONS_READ = 1000;
const GROUPS_SHOWN = 30;

/** The robot's report: how its chats end, which articles it answers with, what it could not answer. */
export const robotRouter = router({
  report: reportProcedure('reports:read').query(async ({ ctx: { ch, site, scope } }) => {
    const [summary, articles, unanswered, stored] = await Promise.all([
      getRobotSummary(ch, scope),
      getRobotArticles(ch, scope, TOP_ARTICLES),
      getRobotUnanswered(ch, scope, QUESTIONS_READ),
      listKbArticles(ch, site.id),
    ]);
    const questions = new Map(stored.map((a) => [a.articleId, a.question]));
    return {
      summary,
      // A deleted article keeps its id as its name.
      articles: articles.map((a) => ({ ...a, question: questions.get(a.articleId) ?? a.articleId })),
      unanswered: groupQuestions(unanswered).slice(0, GROUPS_SHOWN),
    };
  }),
});
