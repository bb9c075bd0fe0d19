import type { IncomingMessage } from 'node:http';

/**
 * Headers for every response of the dashboard (Next's pages, assets and tRPC) — not for the
 * snippet, the widget, ingest or the demo shop, which other sites load or embed.
 *
 * Next's App Router puts inline bootstrap scripts in every page, and antd writes inline styles:
 * both need 'unsafe-inline' (nonces would make every page dynamic and still not cover antd's
 * style tags). The policy still stops scripts, frames, forms and connections to other origins.
 */
export function dashboardSecurityHeaders(req: IncomingMessage, dev: boolean): Record<string, string> {
  // The Host header is the client's to write: only a plain host[:port] goes into the policy.
  const host = /^[\w.-]+(:\d+)?$|^\[[\d:a-f.]+\](:\d+)?$/i.test(req.headers.host ?? '') ? (req.headers.host ?? '') : '';
  // 'self' covers ws(s) of the same host only in CSP level 3 browsers: name them for the rest.
  const sockets = host ? ` ws://${host} wss://${host}` : '';
  const csp = [
    "default-src 'self'",
    // React's dev overlay evaluates code; production never does.
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${sockets}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
  };
}
