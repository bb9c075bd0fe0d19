import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OverloadedError } from '../ingest/batch-writer.ts';
import { BodyTooLargeError, readBody } from '../ingest/read-body.ts';
import type { SiteCache } from '../sites/site-cache.ts';
import { orderApiInput } from './order-schema.ts';
import type { OrderService } from './order-service.ts';
import { parseCleanJson } from '../text/clean-text.ts';

const MAX_BODY = 16 * 1024;

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * POST /api/orders, server to server: `Authorization: Bearer <the site's API secret>` and a
 * JSON order. 200 with `created` (false when the order id was known: a retry or a status
 * update) once the order is journaled, 4xx with a short reason for anything else; nothing
 * is stored from a refused call.
 */
export function createOrdersHandler(deps: { orders: OrderService; sites: SiteCache }) {
  return async function orders(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return reply(res, 405, { error: 'use POST' });
    if ((req.headers['content-type'] ?? '').split(';')[0]?.trim() !== 'application/json')
      return reply(res, 415, { error: 'content-type must be application/json' });
    let body: string;
    try {
      body = await readBody(req, MAX_BODY);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return reply(res, 413, { error: `body larger than ${MAX_BODY} bytes` });
      throw error;
    }
    let json: unknown;
    try {
      json = parseCleanJson(body);
    } catch {
      return reply(res, 400, { error: 'body is not valid JSON' });
    }
    const parsed = orderApiInput.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return reply(res, 400, {
        error: `invalid order: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'wrong shape'}`,
      });
    }
    const site = deps.sites.get(parsed.data.site);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    // The same answer for an unknown site and a wrong secret: the API does not confirm site keys.
    if (!site || !sameSecret(token, site.apiSecret))
      return reply(res, 401, { error: 'unknown site or wrong API secret' });
    try {
      const { created, orderId, status, visitorId } = await deps.orders.record(parsed.data);
      return reply(res, 200, { orderId, status, created, visitorId });
    } catch (error) {
      if (error instanceof OverloadedError) return reply(res, 503, { error: 'too many orders waiting, retry later' });
      console.error('orders: not stored', error);
      return reply(res, 503, { error: 'order not stored, retry later' });
    }
  };
}
