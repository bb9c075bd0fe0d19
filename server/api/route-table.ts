import type { ApiRoute } from './route.ts';
import { channelRoutes } from './routes/channel.ts';
import { chatRoutes } from './routes/chats.ts';
import { knowledgeRoutes } from './routes/knowledge.ts';
import { leadRoutes } from './routes/leads.ts';
import { orderRoutes } from './routes/orders.ts';
import { personRoutes } from './routes/people.ts';
import { reportRoutes } from './routes/reports.ts';
import { tagRoutes } from './routes/tags.ts';
import { visitorRoutes } from './routes/visitors.ts';

/** Every endpoint of /api/v1: what the server serves and what openapi.json documents. */
export const API_ROUTES: readonly ApiRoute[] = [
  ...personRoutes,
  ...visitorRoutes,
  ...leadRoutes,
  ...chatRoutes,
  ...orderRoutes,
  ...reportRoutes,
  ...knowledgeRoutes,
  ...tagRoutes,
  ...channelRoutes,
];
