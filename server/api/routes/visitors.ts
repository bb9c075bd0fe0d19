import { z } from 'zod';
import { NotFoundError } from '../../contract/errors.ts';
import { loadVisitorProfile } from '../../reports/visitor-profile.ts';
import { ApiError } from '../api-errors.ts';
import { defineRoute, iso } from '../route.ts';

const apiSession = z
  .object({
    session_id: z.string(),
    visitor_id: z.string(),
    start: z.string(),
    end: z.string(),
    duration_ms: z.number().int(),
    landing: z.string(),
    source: z.string(),
    utm_source: z.string(),
    utm_medium: z.string(),
    utm_campaign: z.string(),
    country: z.string(),
    city: z.string(),
    device: z.string(),
    browser: z.string(),
    os: z.string(),
    pages: z.array(
      z.object({ at: z.string(), path: z.string(), url: z.string(), title: z.string(), engaged_ms: z.number().int() }),
    ),
  })
  .meta({ id: 'Session' });

export const visitorRoutes = [
  defineRoute({
    method: 'get',
    path: '/visitors/{visitorId}/trail',
    tag: 'visitors',
    summary: 'A visitor’s page trail',
    description: 'Every visit of the person behind the visitor id (all joined ids), newest first, with its pages.',
    scope: 'read',
    params: z.object({ visitorId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }),
    response: z.object({ truncated: z.boolean(), data: z.array(apiSession) }),
    handler: async ({ deps, siteId, params }) => {
      const p = await loadVisitorProfile(deps.ch, siteId, params.visitorId).catch((error: unknown) => {
        if (error instanceof NotFoundError) throw new ApiError('not_found', 'No such visitor');
        throw error;
      });
      return {
        truncated: p.truncated,
        data: p.sessions.map((s) => ({
          session_id: s.sessionId,
          visitor_id: s.visitorId,
          start: iso(s.start),
          end: iso(s.end),
          duration_ms: s.durationMs,
          landing: s.landing,
          source: s.source,
          utm_source: s.utmSource,
          utm_medium: s.utmMedium,
          utm_campaign: s.utmCampaign,
          country: s.country,
          city: s.city,
          device: s.device,
          browser: s.browser,
          os: s.os,
          pages: s.pages.map((pg) => ({
            at: iso(pg.ts),
            path: pg.path,
            url: pg.url,
            title: pg.title,
            engaged_ms: pg.engagedMs,
          })),
        })),
      };
    },
  }),
];
