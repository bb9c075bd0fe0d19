import { router } from './init.ts';
import { assistRouter } from './routers/assist.ts';
import { authRouter } from './routers/auth.ts';
import { cannedRouter } from './routers/canned.ts';
import { chatHistoryRouter } from './routers/chat-history.ts';
import { conversionRouter } from './routers/conversion.ts';
import { geoRouter } from './routers/geo.ts';
import { kbRouter } from './routers/kb.ts';
import { leadRouter } from './routers/lead.ts';
import { peopleRouter } from './routers/people.ts';
import { reportRouter } from './routers/report.ts';
import { ruleRouter } from './routers/rule.ts';
import { siteRouter } from './routers/site.ts';
import { staffingRouter } from './routers/staffing.ts';
import { userRouter } from './routers/user.ts';
import { visitorRouter } from './routers/visitor.ts';

export const appRouter = router({
  auth: authRouter,
  site: siteRouter,
  user: userRouter,
  report: reportRouter,
  conversion: conversionRouter,
  visitor: visitorRouter,
  lead: leadRouter,
  people: peopleRouter,
  assist: assistRouter,
  chatHistory: chatHistoryRouter,
  canned: cannedRouter,
  geo: geoRouter,
  rule: ruleRouter,
  staffing: staffingRouter,
  kb: kbRouter,
});

export type AppRouter = typeof appRouter;
