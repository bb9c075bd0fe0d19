import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { readNotifyPrefs, saveNotifyPrefs } from './notify-store.ts';

// One-click unsubscribe from scheduled reports, without signing in: the link carries the
// user id and an HMAC of it under a key kept in the data directory, so only LeadTrail can
// make a link, and a link works for that one user only.

/** The signing key, made on first use (32 random bytes), kept beside the mail outbox. */
export function loadSigningKey(dir: string): Buffer {
  const file = join(dir, 'unsubscribe.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

const mac = (key: Buffer, userId: string) =>
  createHmac('sha256', key).update(`reports\u0000${userId}`).digest().subarray(0, 24);

export function unsubscribeToken(key: Buffer, userId: string): string {
  return `${Buffer.from(userId).toString('base64url')}.${mac(key, userId).toString('base64url')}`;
}

/** The user a token was made for, or null for anything LeadTrail did not sign. */
export function verifyUnsubscribe(key: Buffer, token: string): string | null {
  const [id, sig, extra] = token.split('.');
  if (!id || !sig || extra !== undefined || token.length > 300) return null;
  const userId = Buffer.from(id, 'base64url').toString('utf8');
  const given = Buffer.from(sig, 'base64url');
  const expected = mac(key, userId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
}

const PAGE = {
  en: {
    done: 'You are unsubscribed',
    body: 'LeadTrail will send you no more scheduled reports. You can turn them on again on your Account page.',
  },
  zh: { done: '已退订', body: 'LeadTrail 将不再向您发送定期报告。您可以在账户页面重新开启。' },
} as const;

function page(res: ServerResponse, status: number, lang: 'en' | 'zh' | null, title: string, body: string): void {
  const html = `<!doctype html><html lang="${lang ?? 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head><body style="font-family:Arial,sans-serif;max-width:520px;margin:60px auto;padding:0 16px;color:#1f1f1f"><h1 style="font-size:20px">${title}</h1><p>${body}</p></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'x-content-type-options': 'nosniff',
  });
  res.end(html);
}

/**
 * GET (the link in the mail) and POST (RFC 8058 one-click from the mail client) of
 * `/unsubscribe?t=<token>`: turns the user's scheduled reports off; alert mail is left as it is.
 */
export function unsubscribeHandler(ch: ClickHouseClient, key: () => Buffer) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.writeHead(405, { allow: 'GET, POST', 'content-type': 'text/plain' });
      return void res.end('method not allowed');
    }
    req.resume();
    const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('t') ?? '';
    const userId = verifyUnsubscribe(key(), token);
    if (!userId)
      return page(res, 400, null, 'Invalid link · 链接无效', 'This unsubscribe link is not valid. · 该退订链接无效。');
    const prefs = await readNotifyPrefs(ch, userId);
    if (prefs.report !== 'off') await saveNotifyPrefs(ch, userId, { ...prefs, report: 'off' });
    const t = PAGE[prefs.language];
    page(res, 200, prefs.language, t.done, t.body);
  };
}
