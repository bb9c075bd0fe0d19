import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

// Route handlers (run by Next) see a Request without the socket: the custom server passes the
// client's address and scheme in these headers, overwriting whatever the client sent.
export const CLIENT_IP_HEADER = 'x-leadtrail-client-ip';
export const CLIENT_PROTO_HEADER = 'x-leadtrail-client-proto';

const first = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim().toLowerCase();

/** `https` when the browser's connection was TLS: our own socket, or a trusted proxy's `X-Forwarded-Proto`. */
export function requestProto(req: IncomingMessage, trustProxy: boolean): 'http' | 'https' {
  if ((req.socket as Partial<TLSSocket>).encrypted) return 'https';
  if (trustProxy && first(req.headers['x-forwarded-proto']) === 'https') return 'https';
  return 'http';
}

export interface OriginPolicy {
  /** PUBLIC_URL: the dashboard's address as browsers see it. */
  publicUrl?: string;
  trustProxy: boolean;
}

function hostOfOrigin(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Whether a browser request comes from a page of the dashboard itself. Browsers send `Origin`
 * on every POST and WebSocket upgrade, and `Sec-Fetch-Site` on every request; a request with
 * neither is not from a browser page (curl, the tests, server-to-server) and is not a
 * cross-site forgery. The page's origin must be PUBLIC_URL's, or the host the request was
 * sent to (so a server reached by several names, or without PUBLIC_URL, keeps working).
 */
export function isSameOrigin(req: IncomingMessage, policy: OriginPolicy): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) {
    const site = first(req.headers['sec-fetch-site']);
    return site === undefined || site === 'same-origin' || site === 'none';
  }
  const host = hostOfOrigin(origin);
  if (!host) return false; // "null": a sandboxed frame, a file, a redirect across sites
  if (policy.publicUrl && hostOfOrigin(policy.publicUrl) === host) return true;
  const own = [req.headers.host, ...(policy.trustProxy ? [first(req.headers['x-forwarded-host'])] : [])];
  return own.some((h) => h !== undefined && h.toLowerCase() === host);
}
