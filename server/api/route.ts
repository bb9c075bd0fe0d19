import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import type { ApiScope } from '../contract/api-keys.ts';
import type { ChannelMessageInput } from '../contract/chat-channels.ts';
import type { OrderService } from '../orders/order-service.ts';
import { ApiError } from './api-errors.ts';

/** What handlers may reach besides the store: the server's own services. */
export interface ApiDeps {
  ch: ClickHouseClient;
  orders: OrderService;
  /** The channel API's inbox (server/channels/, wired in app.ts); absent, its route answers 503. */
  channels?: ChannelPort;
}

export interface ChannelPort {
  /** The site and channel a channel key opens; null for an unknown, switched-off or removed one. */
  verifyKey(key: string): Promise<{ siteId: string; channelId: string } | null>;
  receive(
    siteId: string,
    channelId: string,
    message: ChannelMessageInput,
  ): Promise<
    | { kind: 'posted' | 'duplicate'; chatId: string; messageId: string }
    | { kind: 'rate_limited'; retryAfterSeconds: number }
  >;
}

export interface ApiCall<P, Q, B> {
  deps: ApiDeps;
  /** The key's site: every handler reads and writes only this site. */
  siteId: string;
  /** The key's id: what a write records as its author (`api:<keyId>`). */
  keyId: string;
  params: P;
  query: Q;
  body: B;
}

type AnyObject = z.ZodObject;

/**
 * One endpoint of /api/v1: the HTTP handler validates with these schemas and the OpenAPI
 * document is generated from them, so the two cannot disagree.
 */
export interface ApiRoute<
  P extends AnyObject = AnyObject,
  Q extends AnyObject = AnyObject,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** Below /api/v1, OpenAPI style: `/leads/{leadId}`. */
  path: string;
  /** Groups routes in the document (people, leads…). */
  tag: string;
  summary: string;
  description?: string;
  scope: ApiScope;
  /** 'channel': the caller shows a channel key (Settings → Channels), not an API key. */
  auth?: 'channel';
  params?: P;
  query?: Q;
  body?: B;
  /** Largest body this route takes, when more than the API's default (API_BODY_BYTES). */
  maxBodyBytes?: number;
  /** 200 unless it creates (201). */
  status?: 200 | 201;
  response: R;
  handler(call: ApiCall<z.output<P>, z.output<Q>, z.output<B>>): Promise<z.input<R>>;
}

/** Keeps each route's handler typed by its own schemas while the table holds them all. */
export function defineRoute<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, R extends z.ZodType>(
  route: ApiRoute<P, Q, B, R>,
): ApiRoute {
  return route;
}

/** The largest page a list returns. */
export const MAX_LIMIT = 200;

/** `limit` and `cursor` of every list. */
export const pageQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .default(50)
    .meta({ description: `Rows per page, 1–${MAX_LIMIT}.` }),
  cursor: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'Opaque: the `next_cursor` of the previous page. Absent for the first page.' }),
};

/** A page of `item`: `next_cursor` is null on the last page. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    next_cursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null when done.' }),
  });

// A cursor is the position after the page just read. Lists are walked oldest first, so rows
// created during a walk land after it and every row is seen once. Opaque to clients: the
// encoding may change without a version bump.
export function readCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  try {
    const parsed = z
      .object({ o: z.number().int().min(0).max(1e9) })
      .parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.o;
  } catch {
    throw new ApiError('invalid_request', 'cursor: not a cursor this API gave');
  }
}

/** Reads `limit + 1` rows to know whether another page follows; returns the page and its cursor. */
export function pageFrom<T>(rows: T[], offset: number, limit: number): { data: T[]; next_cursor: string | null } {
  const data = rows.slice(0, limit);
  const next = rows.length > limit ? Buffer.from(JSON.stringify({ o: offset + limit })).toString('base64url') : null;
  return { data, next_cursor: next };
}

const DAY_MS = 86_400_000;
const instant = z.iso.datetime({ offset: true });

/** `from` / `to` of a report or a list over time: ISO 8601 instants, the last 30 days when absent. */
export const rangeQuery = {
  from: instant.optional().meta({ description: 'Start (inclusive), ISO 8601. Default: 30 days before `to`.' }),
  to: instant.optional().meta({ description: 'End (exclusive), ISO 8601. Default: now.' }),
};

export function resolveApiRange(q: { from?: string; to?: string }, now = Date.now()): { from: number; to: number } {
  const to = q.to ? Date.parse(q.to) : now;
  const from = q.from ? Date.parse(q.from) : to - 30 * DAY_MS;
  if (from >= to) throw new ApiError('invalid_request', 'from: must be before to');
  if (to - from > 3 * 366 * DAY_MS) throw new ApiError('invalid_request', 'to: a range spans at most three years');
  return { from, to };
}

/** Epoch ms as ISO 8601; 0 (never) as null. */
export const isoOrNull = (ms: number): string | null => (ms > 0 ? new Date(ms).toISOString() : null);
export const iso = (ms: number): string => new Date(ms).toISOString();

/** A path parameter that is an id of ours, typed by its name. */
export const idParam = <N extends string>(name: N, description: string) =>
  z.object({
    [name]: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,100}$/)
      .meta({ description }),
  } as Record<N, z.ZodString>);
