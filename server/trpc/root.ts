import { router } from './init.ts';
import { authRouter } from './routers/auth.ts';
import { cannedRouter } from './routers/canned.ts';
import { chatHistoryRouter } from './routers/chat-history.ts';
import { conversionRouter } from './routers/conversion.ts';
import { geoRouter } from './routers/geo.ts';
import { hotWordsRouter } from './routers/hot-words.ts';
import { kbRouter } from './routers/kb.ts';
import { leadRouter } from './routers/lead.ts';
import { reportRouter } from './routers/report.ts';
import { ruleRouter } from './routers/rule.ts';
import { siteRouter } from './routers/site.ts';
import { staffingRouter } from './routers/staffing.ts';
import { userRouter } from './routers/user.ts';
import { visitorRouter } from './routers/visitor.ts';
import { webhookRouter } from './routers/webhook.ts';

export const appRouter = router({
  auth: authRouter,
  site: siteRouter,
  user: userRouter,
  report: reportRouter,
  conversion: conversionRouter,
  visitor: visitorRouter,
  lead: leadRouter,
  chatHistory: chatHistoryRouter,
  canned: cannedRouter,
  geo: geoRouter,
  rule: ruleRouter,
  staffing: staffingRouter,
  webhook: webhookRouter,
  hotWords: hotWordsRouter,
  kb: kbRouter,
});

export type AppRouter = typeof appRouter;
