import type { IncomingMessage, ServerResponse } from 'node:http';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { type ClickHouseClient } from '../../clickhouse/client.ts';
import { migrate } from '../../clickhouse/migrate.ts';
import { createApp, type App, type AppOptions } from '../app.ts';
import { createContext } from '../trpc/init.ts';
import { appRouter } from '../trpc/root.ts';
import { listen } from './http.ts';
import { tempDir } from './temp-dir.ts';
import { testStore } from './test-store.ts';

/**
 * The real app (routing, headers, origin checks, realtime hub) with tRPC served where Next
 * would serve it, over the same fetch adapter as app/api/trpc: what the dashboard's browser
 * talks to, without building Next.
 */
export function trpcOverHttp(ch: ClickHouseClient) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
    if (!url.includes('/api/trpc/')) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('no page here (Next is not running in this test)');
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks);
    const response = await fetchRequestHandler({
      endpoint: '/api/trpc',
      req: new Request(url, { method: req.method, headers, body }),
      router: appRouter,
      createContext: ({ req: request, resHeaders }) => createContext({ req: request, resHeaders, ch }),
    });
    res.statusCode = response.status;
    for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value);
    const cookies = response.headers.getSetCookie();
    if (cookies.length) res.setHeader('set-cookie', cookies);
    res.end(Buffer.from(await response.arrayBuffer()));
  };
}

export interface Dashboard {
  app: App;
  base: string;
  close(): Promise<void>;
}

/** One app on `ch` listening on a loopback port, tRPC included. */
export async function startDashboard(ch: ClickHouseClient, options: Partial<AppOptions> = {}): Promise<Dashboard> {
  const app = await createApp({
    ch,
    trustProxy: false,
    flushMs: 2,
    journalDir: tempDir('journal'),
    next: trpcOverHttp(ch),
    ...options,
  });
  return { app, base: await listen(app.server), close: () => app.close() };
}

export async function freshStore(): Promise<ClickHouseClient> {
  const ch = testStore();
  await migrate(ch);
  return ch;
}

export interface TrpcAnswer {
  status: number;
  json: { result?: { data: unknown }; error?: { message: string; data?: { code: string } } };
  /** The session cookie set, if any ('' when cleared). */
  session: string | undefined;
  setCookie: string[];
  headers: Headers;
}

/** One tRPC procedure over HTTP: a mutation as POST, a query as GET. */
export async function trpc(
  base: string,
  path: string,
  input: unknown,
  options: { cookie?: string; headers?: Record<string, string>; query?: boolean } = {},
): Promise<TrpcAnswer> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(options.cookie ? { cookie: `lt_session=${options.cookie}` } : {}),
    ...options.headers,
  };
  const url = `${base}/api/trpc/${path}`;
  const res = options.query
    ? await fetch(`${url}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
    : await fetch(url, { method: 'POST', headers, body: JSON.stringify(input) });
  const text = await res.text();
  const setCookie = res.headers.getSetCookie();
  const session = setCookie.map((c) => /^lt_session=([^;]*)/.exec(c)?.[1]).find((v) => v !== undefined);
  let json: TrpcAnswer['json'];
  try {
    json = JSON.parse(text) as TrpcAnswer['json'];
  } catch {
    json = { error: { message: text } };
  }
  return {
    status: res.status,
    json,
    session: session === undefined ? undefined : decodeURIComponent(session),
    setCookie,
    headers: res.headers,
  };
}
