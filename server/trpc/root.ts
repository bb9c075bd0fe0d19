import { router } from './init.ts';
import { apiKeyRouter } from './routers/api-key.ts';
import { assistRouter } from './routers/assist.ts';
import { authRouter } from './routers/auth.ts';
import { callbackRouter } from './routers/callback.ts';
import { cannedRouter } from './routers/canned.ts';
import { groupRouter } from './routers/group.ts';
import { chatHistoryRouter } from './routers/chat-history.ts';
import { conversionRouter } from './routers/conversion.ts';
import { funnelsRouter } from './routers/funnels.ts';
import { geoRouter } from './routers/geo.ts';
import { goalsRouter } from './routers/goals.ts';
import { hotWordsRouter } from './routers/hot-words.ts';
import { journeysRouter } from './routers/journeys.ts';
import { kbRouter } from './routers/kb.ts';
import { leadRouter } from './routers/lead.ts';
import { peopleRouter } from './routers/people.ts';
import { pagesRouter } from './routers/pages.ts';
import { botsRouter } from './routers/bots.ts';
import { reportRouter } from './routers/report.ts';
import { retentionRouter } from './routers/retention.ts';
import { ruleRouter } from './routers/rule.ts';
import { robotRouter } from './routers/robot.ts';
import { serviceRouter } from './routers/service.ts';
import { shareRouter } from './routers/share.ts';
import { siteRouter } from './routers/site.ts';
import { tagRouter } from './routers/tag.ts';
import { staffingRouter } from './routers/staffing.ts';
import { userRouter } from './routers/user.ts';
import { visitorRouter } from './routers/visitor.ts';
import { webhookRouter } from './routers/webhook.ts';
import { mailRouter } from './routers/mail.ts';
import { channelRouter } from './routers/channel.ts';
import { notifyRouter } from './routers/notify.ts';

export const appRouter = router({
  auth: authRouter,
  site: siteRouter,
  service: serviceRouter,
  robot: robotRouter,
  user: userRouter,
  report: reportRouter,
  conversion: conversionRouter,
  visitor: visitorRouter,
  lead: leadRouter,
  people: peopleRouter,
  assist: assistRouter,
  chatHistory: chatHistoryRouter,
  canned: cannedRouter,
  group: groupRouter,
  geo: geoRouter,
  rule: ruleRouter,
  staffing: staffingRouter,
  apiKey: apiKeyRouter,
  webhook: webhookRouter,
  mail: mailRouter,
  channel: channelRouter,
  hotWords: hotWordsRouter,
  kb: kbRouter,
  tag: tagRouter,
  callback: callbackRouter,
  goals: goalsRouter,
  funnels: funnelsRouter,
  pages: pagesRouter,
  bots: botsRouter,
  retention: retentionRouter,
  journeys: journeysRouter,
  share: shareRouter,
  notify: notifyRouter,
});

export type AppRouter = typeof appRouter;
