import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClickHouseClient } from '@clickhouse/client';
import { readCookie } from '../auth/cookies.ts';
import { isSameOrigin, type OriginPolicy } from '../auth/request-origin.ts';
import { findSessionUser, SESSION_COOKIE } from '../auth/session-store.ts';
import type { CallParties } from '../chat/call-ledger.ts';
import { RECORDING_LIMITS } from '../contract/calls.ts';
import { can, canAccessSite, type SessionUser } from '../contract/roles.ts';
import { getCallRecording } from '../queries/call-recording.ts';
import { recordingFiles } from './recording-files.ts';
import { saveRecordingRow } from './recording-rows.ts';
import { byteRange } from './byte-range.ts';

// `/api/recordings/<site>/<call>`: the answering agent's tab uploads a call's recording piece
// by piece (POST, `?offset=`) and ends it (POST `…/end?durationMs=`); managers and admins
// play it (GET with Range, so an <audio> element seeks). Every refusal is a 4xx with a reason.

export const RECORDINGS_PREFIX = '/api/recordings/';
const PATH = /^\/api\/recordings\/([A-Za-z0-9_-]{1,64})\/(c_[A-Za-z0-9_-]{8,64})(\/end)?$/;
/** The end may come a little after the hang-up the server saw; longer is not this call. */
const DURATION_SLACK_MS = 10_000;

export interface RecordingsDeps {
  ch: ClickHouseClient;
  /** Who was on an answered call (the chat service's calls, running or ended lately). */
  callParties: (callId: string) => CallParties | undefined;
  originPolicy: OriginPolicy;
  now?: () => number;
}

type Reply = (status: number, reason: string) => void;

export function createRecordingsHandler(deps: RecordingsDeps) {
  const now = deps.now ?? Date.now;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const reply: Reply = (status, reason) => {
      if (req.method === 'POST') req.resume();
      res.writeHead(status, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
      res.end(reason);
    };
    const url = new URL(req.url ?? '/', 'http://x');
    const match = PATH.exec(url.pathname);
    if (!match) return reply(404, 'not found');
    const [, siteId = '', callId = '', end] = match;
    const token = readCookie(req.headers.cookie ?? null, SESSION_COOKIE);
    const user = token ? await findSessionUser(deps.ch, token) : null;
    if (!user) return reply(401, 'sign in first');
    // A site the user may not open is answered like one that does not exist.
    if (!canAccessSite(user, siteId)) return reply(404, 'no such site');
    if (req.method === 'GET' || req.method === 'HEAD') return play(deps.ch, user, siteId, callId, req, res, reply);
    if (req.method !== 'POST') return reply(405, 'GET, HEAD or POST');
    if (!isSameOrigin(req, deps.originPolicy)) return reply(403, 'cross-site request refused');
    if (!can(user, 'chat:serve')) return reply(403, 'your role does not take calls');
    const call = deps.callParties(callId);
    if (!call || call.siteId !== siteId) return reply(404, 'no such call');
    if (call.agentId !== user.id) return reply(403, 'not your call');
    if (!call.recorded) return reply(409, 'this call is not recorded');
    const files = recordingFiles();
    const row = (bytes: number, durationMs: number, version: number) =>
      saveRecordingRow(deps.ch, {
        site_id: siteId,
        call_id: callId,
        chat_id: call.chatId,
        visitor_id: call.visitorId,
        agent_id: call.agentId,
        bytes,
        duration_ms: durationMs,
        created_at: call.answeredAt,
        version,
      });
    if (end) {
      const stored = await files.size(siteId, callId);
      if (stored === 0) return reply(404, 'nothing uploaded');
      const asked = Number(url.searchParams.get('durationMs'));
      if (!Number.isInteger(asked) || asked < 0) return reply(400, 'durationMs must be a whole number of ms');
      const longest = (call.endedAt || now()) - call.answeredAt + DURATION_SLACK_MS;
      const durationMs = Math.min(asked, longest);
      const bytes = await files.finish(siteId, callId, durationMs);
      await row(bytes, durationMs, 2);
      return json(res, { bytes, durationMs });
    }
    const offset = Number(url.searchParams.get('offset'));
    if (!Number.isInteger(offset) || offset < 0) return reply(400, 'offset must be a whole number of bytes');
    const declared = Number(req.headers['content-length']);
    if (req.headers['content-length'] === undefined || !Number.isInteger(declared))
      return reply(411, 'content-length required');
    if (declared > RECORDING_LIMITS.pieceBytes)
      return reply(413, `a piece may hold ${RECORDING_LIMITS.pieceBytes} bytes`);
    if (offset + declared > RECORDING_LIMITS.maxBytes)
      return reply(413, `a recording may hold ${RECORDING_LIMITS.maxBytes} bytes`);
    if (declared === 0) return reply(400, 'empty piece');
    const piece = await readBody(req, declared);
    if (!piece) return reply(400, 'body shorter or longer than its content-length');
    const result = await files.append(siteId, callId, offset, piece);
    const size = await files.size(siteId, callId);
    if (result === 'gap') return reply(409, `the recording holds ${size} bytes: send from there`);
    // The first piece writes the row: a tab that crashes later still leaves a playable recording.
    if (result === 'stored' && offset === 0) await row(size, 0, 1);
    return json(res, { bytes: size });
  };
}

async function play(
  ch: ClickHouseClient,
  user: SessionUser,
  siteId: string,
  callId: string,
  req: IncomingMessage,
  res: ServerResponse,
  reply: Reply,
): Promise<void> {
  if (!can(user, 'calls:recordings')) return reply(403, 'your role may not play recordings');
  const found = await getCallRecording(ch, siteId, callId);
  const size = found ? await recordingFiles().size(siteId, callId) : 0;
  if (!found || size === 0) return reply(404, 'no such recording');
  const range = byteRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { 'content-range': `bytes */${size}` });
    return void res.end();
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  res.writeHead(range ? 206 : 200, {
    'content-type': 'audio/webm',
    'accept-ranges': 'bytes',
    'content-length': String(end - start + 1),
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
    ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(recordingFiles().path(siteId, callId), { start, end })
    .on('error', () => res.destroy())
    .pipe(res);
}

function json(res: ServerResponse, body: object): void {
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** Exactly `length` bytes of body, or null when the client sends fewer or more. */
function readBody(req: IncomingMessage, length: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let got = 0;
    req.on('data', (d: Buffer) => {
      got += d.length;
      if (got <= length) parts.push(d);
    });
    req.on('end', () => resolve(got === length ? Buffer.concat(parts) : null));
    req.on('error', () => resolve(null));
  });
}
