import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import type { z } from 'zod';
import { parseCleanJson } from '../text/clean-text.ts';

/** Answers an upgrade we will not accept with a plain HTTP status, then hangs up. */
export function refuseUpgrade(socket: Duplex, status: number): void {
  const text = STATUS_CODES[status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}

/** One client message parsed against its channel's schema; null for anything else (binary, not JSON, wrong shape). */
export function parseMessage<S extends z.ZodType>(schema: S, data: RawData, isBinary: boolean): z.infer<S> | null {
  if (isBinary || !Buffer.isBuffer(data)) return null;
  let json: unknown;
  try {
    json = parseCleanJson(data.toString('utf8'));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/**
 * One socket's token bucket: `burst` messages at once, refilled at `perSecond`. Two numbers
 * in a closure, not a keyed TokenBuckets (two Maps) per socket: there are tens of thousands.
 */
export function rateLimit(burst: number, perSecond: number, now: () => number = Date.now): () => boolean {
  let tokens = burst;
  let at = now();
  return () => {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - at) * perSecond) / 1000);
    at = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

export function closeWith(ws: WebSocket, close: { code: number; reason: string }): void {
  ws.close(close.code, close.reason);
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** Resolves when the socket has closed. */
export function closed(ws: WebSocket): Promise<void> {
  return ws.readyState === ws.CLOSED ? Promise.resolve() : new Promise((resolve) => ws.once('close', () => resolve()));
}
