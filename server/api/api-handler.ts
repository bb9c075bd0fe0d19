import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodType } from 'zod';
import { DomainError, type DomainErrorKind } from '../contract/errors.ts';
import { BodyTooLargeError, readBody } from '../ingest/read-body.ts';
import { TokenBuckets } from '../limits/token-buckets.ts';
import { cleanDeep, parseCleanJson } from '../text/clean-text.ts';
import { ApiError, invalidRequest, type ApiErrorCode } from './api-errors.ts';
import { noteApiKeyUse, verifyApiKey, type ApiKeyGrant } from './api-keys.ts';
import { API_BASE, buildOpenApi } from './openapi.ts';
import type { ApiDeps, ApiRoute } from './route.ts';

/** A JSON body of /api/v1 is small: a lead, an order, a patch. */
export const API_BODY_BYTES = 64 * 1024;

/**
 * Refused keys an address may send at once and per minute. Each unknown key costs a store
 * read; a client with a good key never comes near this, a guesser or a broken script does.
 */
const BAD_KEYS_PER_MIN = 20;

export interface ApiRates {
  /** Requests a minute per key, refilled continuously. */
  perMinute: number;
  /** Requests one key may send at once before the per-minute rate applies. */
  burst: number;
}

const DOMAIN_CODES = {
  'not-found': 'not_found',
  forbidden: 'forbidden',
  conflict: 'conflict',
  invalid: 'invalid_request',
} as const satisfies Record<DomainErrorKind, ApiErrorCode>;

interface Compiled {
  route: ApiRoute;
  pattern: RegExp;
  names: string[];
}

function compile(route: ApiRoute): Compiled {
  const names: string[] = [];
  const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

function pathParams(names: string[], m: RegExpExecArray): Record<string, string> {
  try {
    return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]));
  } catch {
    throw new ApiError('invalid_request', 'path: not valid percent-encoding');
  }
}

function parse<S extends ZodType>(schema: S | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidRequest(where, parsed.error);
  return parsed.data;
}

/**
 * /api/v1/…: finds the route, checks the key (401), its rate (429) and scope (403), reads and
 * validates params, query and body with the route's schemas (400, 413, 415), runs the handler
 * and validates its answer with the response schema. Every refusal has one shape.
 */
export function createApiHandler(
  deps: ApiDeps,
  routes: readonly ApiRoute[],
  rates: ApiRates,
  clientAddress: (req: IncomingMessage) => string,
) {
  const compiled = routes.map(compile);
  const document = JSON.stringify(buildOpenApi(routes));
  const buckets = new TokenBuckets(rates.burst, rates.perMinute, 100_000);
  const badKeys = new TokenBuckets(BAD_KEYS_PER_MIN, BAD_KEYS_PER_MIN, 100_000);

  /** The key's grant, or a 401 that counts against the address (429 once it has sent too many). */
  async function authenticate(req: IncomingMessage, route: ApiRoute): Promise<ApiKeyGrant> {
    const address = clientAddress(req);
    const now = Date.now();
    if (badKeys.available(address, now) < 1) {
      const seconds = Math.max(1, Math.ceil(badKeys.waitFor(address, 1, now) / 1000));
      throw new ApiError('rate_limited', `Too many refused keys from this address; retry in ${seconds} s`, {
        'retry-after': String(seconds),
      });
    }
    const key = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const grant = !key
      ? 'missing'
      : route.auth === 'channel'
        ? await channelGrant(key)
        : await verifyApiKey(deps.ch, key);
    if (typeof grant === 'object') return grant;
    badKeys.take(address, 1, now);
    throw new ApiError(
      'unauthorized',
      grant === 'missing'
        ? `Send ${route.auth === 'channel' ? 'a channel' : 'an API'} key as Authorization: Bearer <key>`
        : grant === 'revoked'
          ? 'This API key was revoked'
          : route.auth === 'channel'
            ? 'Unknown or switched-off channel key'
            : 'Unknown API key',
    );
  }

  /** A channel key counts as a write key of its site; its channel id is the rate limit's key. */
  async function channelGrant(key: string): Promise<ApiKeyGrant | 'unknown'> {
    const found = deps.channels ? await deps.channels.verifyKey(key) : null;
    return found ? { siteId: found.siteId, keyId: found.channelId, scopes: ['write'] } : 'unknown';
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://api.invalid');
    const path = url.pathname.slice(API_BASE.length) || '/';
    const method = (req.method ?? 'GET').toLowerCase();
    if (path === '/openapi.json' && (method === 'get' || method === 'head'))
      return void res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(document);

    const matches = compiled.map((c) => ({ c, m: c.pattern.exec(path) })).filter((x) => x.m);
    if (matches.length === 0) throw new ApiError('not_found', `No route ${path}`);
    const match = matches.find((x) => x.c.route.method === method);
    if (!match?.m)
      throw new ApiError(
        'method_not_allowed',
        `Use ${matches.map((x) => x.c.route.method.toUpperCase()).join(' or ')}`,
      );
    const { route, names } = match.c;

    const grant = await authenticate(req, route);
    const now = Date.now();
    if (!buckets.tryTake(grant.keyId, now)) {
      const seconds = Math.max(1, Math.ceil(buckets.waitFor(grant.keyId, 1, now) / 1000));
      throw new ApiError('rate_limited', `Rate limit of this key reached; retry in ${seconds} s`, {
        'retry-after': String(seconds),
      });
    }
    if (route.auth !== 'channel') noteApiKeyUse(deps.ch, grant, now);
    if (!grant.scopes.includes(route.scope)) throw new ApiError('forbidden', `This key lacks the ${route.scope} scope`);

    const params = parse(route.params, cleanDeep(pathParams(names, match.m)), 'params') as Record<string, unknown>;
    const query = parse(route.query, cleanDeep(Object.fromEntries(url.searchParams)), 'query') as Record<
      string,
      unknown
    >;
    let body: unknown;
    if (route.body) {
      if ((req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() !== 'application/json')
        throw new ApiError('unsupported_media_type', 'content-type must be application/json');
      let text: string;
      try {
        text = await readBody(req, route.maxBodyBytes ?? API_BODY_BYTES);
      } catch (error) {
        if (error instanceof BodyTooLargeError)
          throw new ApiError('payload_too_large', `body larger than ${route.maxBodyBytes ?? API_BODY_BYTES} bytes`);
        throw error;
      }
      let json: unknown;
      try {
        json = parseCleanJson(text);
      } catch {
        throw new ApiError('invalid_json', 'body is not valid JSON');
      }
      body = parse(route.body, json, 'body');
    }
    const result = await route.handler({ deps, siteId: grant.siteId, keyId: grant.keyId, params, query, body });
    // The answer is checked like the input: what the document promises is what is sent.
    reply(res, route.status ?? 200, route.response.parse(result));
  }

  return async function api(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await serve(req, res);
    } catch (error) {
      const refusal =
        error instanceof ApiError
          ? error
          : error instanceof DomainError
            ? new ApiError(DOMAIN_CODES[error.kind], error.message)
            : undefined;
      if (!refusal) console.error('api: request failed', req.method, req.url, error);
      const shown = refusal ?? new ApiError('internal', 'The server could not answer; retry later');
      if (res.headersSent) return void res.destroy();
      // An unread body must not be taken for the next request on this connection.
      if (!req.readableEnded) res.setHeader('connection', 'close');
      reply(res, shown.status, shown.body(), shown.headers);
    }
  };
}
