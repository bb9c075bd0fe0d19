import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SiteCache } from '../sites/site-cache.ts';
import { isAllowedHost } from '../sites/allowed-host.ts';
import { OverloadedError, type BatchWriter, type Written } from './batch-writer.ts';
import { enrich, type Enriched } from './enrich.ts';
import { httpUrl, LIMITS } from './payload.ts';
import { parsePayload } from './payload-check.ts';
import type { IngestRateLimiter, RateVerdict } from './rate-limit.ts';
import { BodyTooLargeError, readBody } from './read-body.ts';
import { parseCleanJson } from '../text/clean-text.ts';

export interface IngestDeps {
  writer: BatchWriter;
  sites: SiteCache;
  trustProxy: boolean;
  /** Events per address and per site; absent = no limit. */
  limiter?: IngestRateLimiter;
  /** Sees what was stored (never what was refused), e.g. for live presence. */
  onStored?: (rows: Enriched, siteId: string) => void;
  /**
   * Runs once the rows are journaled and before the 202: what must survive kill -9 with the
   * rows (webhook events, which the outbox writes to disk in the call) goes here, not in
   * onStored, which a crash between acknowledgement and store skips for good.
   */
  onJournaled?: (rows: Enriched, siteId: string) => Promise<void>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '86400',
};

// Made once: every answer but 429 carries the same headers.
const PLAIN = { ...CORS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };

function reply(res: ServerResponse, status: number, reason: string): void {
  res.writeHead(status, PLAIN);
  res.end(reason);
}

function tooMany(res: ServerResponse, verdict: Extract<RateVerdict, { ok: false }>): void {
  const who = verdict.limit === 'ip' ? 'this address' : 'this site';
  res.writeHead(429, {
    ...CORS,
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'retry-after': String(verdict.retryAfterSeconds),
  });
  res.end(`too many events from ${who}, retry in ${verdict.retryAfterSeconds} s`);
}

/** Bad input costs the address one event: a flood of junk runs out like any other. */
function refuse(
  res: ServerResponse,
  limiter: IngestRateLimiter | undefined,
  ip: string,
  status: number,
  reason: string,
): void {
  limiter?.charge(ip);
  reply(res, status, reason);
}

/**
 * POST /api/collect. Every failure answers 4xx with a one-line reason and stores
 * nothing from the request; 202 is sent only once the rows are journaled, so they are
 * stored even if the process is killed right after.
 */
export function createIngestHandler(deps: IngestDeps) {
  return async function ingest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    if (req.method === 'OPTIONS') return reply(res, 204, '');
    if (req.method !== 'POST') return reply(res, 405, 'use POST');
    const ip = clientIp(req, deps.trustProxy);
    const limiter = deps.limiter;
    const admitted = limiter?.admit(ip);
    if (admitted && !admitted.ok) {
      req.resume();
      return tooMany(res, admitted);
    }
    const type = (req.headers['content-type'] ?? 'text/plain').split(';')[0]?.trim();
    if (type !== 'text/plain' && type !== 'application/json')
      return refuse(res, limiter, ip, 415, 'content-type must be text/plain or application/json');

    let body: string;
    try {
      body = await readBody(req, LIMITS.bodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        return refuse(res, limiter, ip, 413, `body larger than ${LIMITS.bodyBytes} bytes`);
      return refuse(res, limiter, ip, 400, 'could not read body');
    }
    let json: unknown;
    try {
      json = parseCleanJson(body);
    } catch {
      return refuse(res, limiter, ip, 400, 'body is not valid JSON');
    }
    const parsed = parsePayload(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return refuse(
        res,
        limiter,
        ip,
        400,
        `invalid payload: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'unknown'}`,
      );
    }
    const payload = parsed.data;
    const site = deps.sites.get(payload.site);
    if (!site) return refuse(res, limiter, ip, 400, 'unknown site');
    // A browser names the page that sent the request: it must be one of the site's own.
    const origin = req.headers.origin;
    if (origin !== undefined && !isAllowedHost(site, originHost(origin)))
      return refuse(res, limiter, ip, 403, 'origin is not allowed for this site');
    if (!payload.events.every((e) => isAllowedHost(site, httpUrl(e.url)?.hostname ?? ''))) {
      return refuse(res, limiter, ip, 403, 'page domain is not allowed for this site');
    }
    const taken = limiter?.take(ip, payload.site, payload.events.length);
    if (taken && !taken.ok) return tooMany(res, taken);
    if (site.respectDnt && req.headers['dnt'] === '1') return reply(res, 204, '');

    const rows = enrich(payload, { ip, userAgent: req.headers['user-agent'] ?? '', receivedAt });
    let written: Written;
    try {
      written = deps.writer.write(rows);
      await written.durable;
      await deps.onJournaled?.(rows, payload.site);
    } catch (error) {
      if (error instanceof OverloadedError) return reply(res, 503, error.message);
      console.error('ingest journal write failed', error);
      return reply(res, 503, 'storage unavailable, retry later');
    }
    reply(res, 202, 'ok');
    const onStored = deps.onStored;
    if (onStored) void written.stored.then(() => onStored(rows, payload.site));
  };
}

function originHost(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return ''; // "null" (a sandboxed frame, a file) is no site's page
  }
}

/**
 * The socket's address; behind a trusted proxy, the address that proxy saw. The proxy
 * appends it as the last X-Forwarded-For entry: the entries before it are whatever the
 * client sent, and taking the first would let anyone choose the address every per-address
 * limit (ingest, sign-in, sockets, leads) counts against.
 */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const forwarded = (Array.isArray(header) ? header.join(',') : header)?.split(',');
    const last = forwarded?.[forwarded.length - 1]?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? '';
}
