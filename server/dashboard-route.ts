import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { CLIENT_IP_HEADER, CLIENT_PROTO_HEADER, isSameOrigin, requestProto } from './auth/request-origin.ts';
import { dashboardSecurityHeaders } from './auth/security-headers.ts';
import { DEMO_SITE_ID } from './demo/demo-site.ts';
import { renderDemoShop } from './demo/shop.ts';
import { clientIp } from './ingest/handler.ts';

// What the one HTTP server answers besides its services: the tracker files, the demo shop,
// and the dashboard (Next) behind its body, origin and header rules.

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** The dashboard's largest request body: tRPC inputs are small; the biggest is a rule or a canned reply. */
export const DASHBOARD_BODY_BYTES = 1024 * 1024;

/** The snippet and the chat widget it loads, served from the tracker build. */
const SCRIPTS: Record<string, string> = {
  '/t.js': fileURLToPath(new URL('../tracker/dist/t.js', import.meta.url)),
  '/w.js': fileURLToPath(new URL('../tracker/dist/w.js', import.meta.url)),
};

export interface PageOptions {
  /** Next's request handler; absent in tests that exercise only ingest. */
  next?: Handler;
  trustProxy: boolean;
  /** Development: the dashboard's CSP lets React's dev tooling evaluate code. */
  dev: boolean;
  /** Re-read the tracker on every request (development). */
  reloadTracker: boolean;
  originPolicy: { publicUrl?: string; trustProxy: boolean };
}

/** Answers the tracker files, the demo shop and the dashboard; 404 for the rest. */
export function pageRoutes(
  options: PageOptions,
): (req: IncomingMessage, res: ServerResponse, path: string) => void | Promise<void> {
  const scripts = Object.fromEntries(
    Object.entries(SCRIPTS).map(([path, file]) => [path, scriptSource(file, options.reloadTracker)]),
  );
  return (req, res, path) => {
    const script = scripts[path];
    if (script) {
      const source = script();
      if (!source) return send(res, 503, 'text/plain', 'tracker not built: run npm run build:tracker');
      return send(res, 200, 'application/javascript; charset=utf-8', source, {
        'cache-control': 'public, max-age=300',
        'access-control-allow-origin': '*',
      });
    }
    if (path === '/demo' || path.startsWith('/demo/')) {
      const page = renderDemoShop(path, DEMO_SITE_ID);
      return send(res, page.status, 'text/html; charset=utf-8', page.html);
    }
    if (!options.next) return send(res, 404, 'text/plain', 'not found');
    const refusal = dashboardBodyRefusal(req);
    if (refusal) {
      req.resume();
      return send(res, refusal.status, 'text/plain', refusal.reason, { connection: 'close' });
    }
    // Route handlers see a Request without the socket; the address (for sign-in rate
    // limits) and the scheme (for Secure cookies) travel in headers the client cannot set.
    req.headers[CLIENT_IP_HEADER] = clientIp(req, options.trustProxy);
    req.headers[CLIENT_PROTO_HEADER] = requestProto(req, options.trustProxy);
    for (const [name, value] of Object.entries(dashboardSecurityHeaders(req, options.dev))) res.setHeader(name, value);
    // Mutations are POSTs: one sent by another site's page (with the user's cookie) is refused.
    if (
      path.startsWith('/api/trpc/') &&
      req.method !== 'GET' &&
      req.method !== 'HEAD' &&
      !isSameOrigin(req, options.originPolicy)
    ) {
      return send(res, 403, 'text/plain', 'cross-site request refused');
    }
    return options.next(req, res);
  };
}

/**
 * Next reads a route handler's body whole, with no limit, and the zod schemas then run their
 * regexes over every byte (a 10 MB sign-in email overflowed V8's regex stack). So a body for
 * Next must declare its length (browsers' fetch always does) and stay under the cap.
 */
function dashboardBodyRefusal(req: IncomingMessage): { status: number; reason: string } | undefined {
  const declared = req.headers['content-length'];
  if (declared === undefined)
    return req.headers['transfer-encoding'] ? { status: 411, reason: 'content-length required' } : undefined;
  return Number(declared) > DASHBOARD_BODY_BYTES
    ? { status: 413, reason: `body larger than ${DASHBOARD_BODY_BYTES} bytes` }
    : undefined;
}

export function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': type, ...headers });
  res.end(body);
}

function scriptSource(file: string, reload: boolean): () => string | undefined {
  const read = () => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  if (reload) return read;
  const cached = read();
  return () => cached;
}
