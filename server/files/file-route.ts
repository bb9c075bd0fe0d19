import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClickHouseClient } from '@clickhouse/client';
import { readCookie } from '../auth/cookies.ts';
import { isSameOrigin, type OriginPolicy } from '../auth/request-origin.ts';
import { findSessionUser, SESSION_COOKIE } from '../auth/session-store.ts';
import type { ChatAttachments } from '../chat/chat-attachments.ts';
import { sniffType, type ChatFileStore } from '../chat/chat-files.ts';
import { loadChatTokens, tokenMatches } from '../chat/chat-tokens.ts';
import { FILE_ID, FILE_ROUTE, INLINE_TYPES, type FileRefusal } from '../contract/chat-files.ts';
import { can, canAccessSite, type SessionUser } from '../contract/roles.ts';
import { TokenBuckets } from '../limits/token-buckets.ts';
import { getChatFile } from '../queries/chat-file.ts';
import type { FileLinks } from './file-links.ts';
import { readCapped } from './read-capped.ts';

// Files of chats over HTTP: `POST /api/files?site=&chat=` (the bytes as the body, the name in
// `X-File-Name`, URI-encoded) and `GET /api/files/<site>/<file id>`. A visitor proves the
// chat with its token (`Authorization: Bearer`, never a cookie: the widget runs on other
// sites' pages, so these answers allow any origin and carry no credentials); staff prove
// themselves with their session cookie and their access to the site. A download may
// instead carry a signed, expiring link (`?exp=&sig=`, file-links.ts): what a channel's
// bridge or a WeChat follower is given.

export interface FileLimits {
  maxBytes: number;
  /** Uploads a minute per visitor (and per agent), and per site. */
  perVisitorMinute: number;
  perSiteMinute: number;
}

export interface FileRouteDeps {
  ch: ClickHouseClient;
  files: ChatAttachments;
  store: ChatFileStore;
  limits: FileLimits;
  originPolicy: OriginPolicy;
  links: FileLinks;
  now?: () => number;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST',
  'access-control-allow-headers': 'authorization, content-type, x-file-name',
  'access-control-max-age': '600',
};

const STATUS: Record<FileRefusal, number> = {
  too_large: 413,
  type_not_allowed: 415,
  rate_limited: 429,
  no_chat: 404,
  not_allowed: 403,
  not_found: 404,
  bad_request: 400,
  not_online: 409,
};

type Refusal = FileRefusal | 'sign_in' | 'link_expired';

function refuse(res: ServerResponse, reason: Refusal, extra: Record<string, string> = {}): void {
  const status = reason === 'sign_in' ? 401 : reason === 'link_expired' ? 410 : STATUS[reason];
  res.writeHead(status, { 'content-type': 'application/json', ...CORS, ...extra });
  res.end(JSON.stringify({ error: reason }));
}

type Caller =
  | { kind: 'visitor'; token: string }
  | { kind: 'staff'; user: SessionUser }
  | { kind: 'link'; exp: string; sig: string }
  | { kind: 'none' };

export function createFileRoute(deps: FileRouteDeps) {
  const now = deps.now ?? Date.now;
  const perVisitor = new TokenBuckets(deps.limits.perVisitorMinute, deps.limits.perVisitorMinute, 100_000);
  const perSite = new TokenBuckets(deps.limits.perSiteMinute, deps.limits.perSiteMinute, 10_000);

  async function caller(req: IncomingMessage, url?: URL): Promise<Caller> {
    const sig = url?.searchParams.get('sig');
    if (sig) return { kind: 'link', exp: url?.searchParams.get('exp') ?? '', sig };
    const bearer = /^Bearer ([A-Za-z0-9_-]{1,128})$/.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) return { kind: 'visitor', token: bearer };
    const session = readCookie(req.headers.cookie ?? null, SESSION_COOKIE);
    const user = session ? await findSessionUser(deps.ch, session) : null;
    return user ? { kind: 'staff', user } : { kind: 'none' };
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    // Every refusal before the body is read drains it: the client then reads the answer, not a reset.
    res.once('finish', () => req.resume());
    const siteId = url.searchParams.get('site') ?? '';
    const chatId = url.searchParams.get('chat') ?? '';
    let name: string;
    try {
      name = decodeURIComponent(String(req.headers['x-file-name'] ?? ''));
    } catch {
      return refuse(res, 'bad_request');
    }
    if (!siteId || !chatId || !name || name.length > 1000) return refuse(res, 'bad_request');
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (!Number.isFinite(declared)) return refuse(res, 'bad_request', { connection: 'close' });
    // A little over is drained so the client reads the 413; far over is cut off.
    if (declared > deps.limits.maxBytes)
      return refuse(res, 'too_large', declared > 4 * deps.limits.maxBytes ? { connection: 'close' } : {});
    const who = await caller(req);
    if (who.kind === 'none' || who.kind === 'link') return refuse(res, 'sign_in');
    if (who.kind === 'staff') {
      // A cookie goes with any site's form post: only the dashboard's own pages may upload with it.
      if (!isSameOrigin(req, deps.originPolicy)) return refuse(res, 'not_allowed');
      if (!can(who.user, 'chat:serve') || !canAccessSite(who.user, siteId)) return refuse(res, 'not_allowed');
    }
    const target =
      who.kind === 'visitor'
        ? deps.files.visitorTarget(siteId, chatId, who.token)
        : deps.files.agentTarget(siteId, chatId, who.user.id);
    if (!target.ok) return refuse(res, target.reason);
    const at = now();
    const key = `${siteId}\u0000${who.kind === 'visitor' ? target.chat.summary.visitorId : who.user.id}`;
    if (perVisitor.available(key, at) < 1 || perSite.available(siteId, at) < 1) return refuse(res, 'rate_limited');
    perVisitor.take(key, 1, at);
    perSite.take(siteId, 1, at);
    const bytes = await readCapped(req, deps.limits.maxBytes);
    if (bytes === 'too_large') return refuse(res, 'too_large');
    if (bytes === 'aborted') return;
    if (bytes.length === 0) return refuse(res, 'bad_request');
    const type = await sniffType(bytes, name);
    if (!type) return refuse(res, 'type_not_allowed');
    const file = await deps.store.keep({
      siteId,
      chatId,
      visitorId: target.chat.summary.visitorId,
      uploader: target.agent ? 'agent' : 'visitor',
      name,
      bytes,
      type,
    });
    const message = await deps.files.post(target, file);
    res.writeHead(201, { 'content-type': 'application/json', ...CORS });
    res.end(JSON.stringify({ file, seq: message?.seq ?? 0 }));
  }

  async function download(req: IncomingMessage, res: ServerResponse, url: URL, site: string, fileId: string) {
    if (!FILE_ID.test(fileId)) return refuse(res, 'not_found');
    const siteId = decoded(site);
    if (siteId === null) return refuse(res, 'not_found');
    const who = await caller(req, url);
    if (who.kind === 'none') return refuse(res, 'sign_in');
    if (who.kind === 'link') {
      const check = deps.links.check(siteId, fileId, who.exp, who.sig, now());
      if (check !== 'ok') return refuse(res, check === 'expired' ? 'link_expired' : 'not_allowed');
    }
    const row = await getChatFile(deps.ch, siteId, fileId);
    if (!row) return refuse(res, 'not_found');
    if (who.kind === 'staff' && !(can(who.user, 'live:read') && canAccessSite(who.user, siteId)))
      return refuse(res, 'not_allowed');
    // The open chat's token first: its stored row may still be on its way (journaled, not yet
    // inserted; CI20 saw a 403 under load). Then the stored hash: the visitor keeps their files
    // after the chat ended.
    if (who.kind === 'visitor' && !deps.files.visitorTarget(siteId, row.chat_id, who.token).ok) {
      const hashes = await loadChatTokens(deps.ch, [row.chat_id]);
      if (!tokenMatches(hashes.get(row.chat_id) ?? null, who.token)) return refuse(res, 'not_allowed');
    }
    const inline = INLINE_TYPES.includes(row.mime);
    const stream = createReadStream(deps.store.pathOf(row.path));
    stream.once('error', () => refuse(res, 'not_found'));
    stream.once('open', () => {
      res.writeHead(200, {
        ...CORS,
        // The sniffed type: only the four image types ever render inline, nothing else is shown as a page.
        'content-type': inline ? row.mime : 'application/octet-stream',
        'content-length': String(row.size),
        'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeRFC5987(row.name)}`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, max-age=3600',
      });
      stream.pipe(res);
    });
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://files.invalid');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      return void res.end();
    }
    if (url.pathname === FILE_ROUTE && req.method === 'POST') return upload(req, res, url);
    const parts = url.pathname.slice(FILE_ROUTE.length + 1).split('/');
    if (parts.length === 2 && (req.method === 'GET' || req.method === 'HEAD'))
      return download(req, res, url, parts[0] ?? '', parts[1] ?? '');
    req.resume();
    return refuse(res, 'bad_request');
  };
}

function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

function encodeRFC5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
