import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClickHouseClient } from '@clickhouse/client';
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { BodyTooLargeError, readBody } from '../ingest/read-body.ts';
import { listChatChannels } from '../queries/chat-channels.ts';
import { cleanText } from '../text/clean-text.ts';
import type { ChannelInbox } from './channel-inbox.ts';
import { decryptWechat, signatureMatches, wechatSignature } from './wechat-crypto.ts';

/** WeChat's messages are small; anything bigger is not from WeChat. */
const MAX_BODY = 64 * 1024;
export const WECHAT_PATH = '/wechat/';

// Values stay strings: MsgId is a 64-bit number a JavaScript number would round.
const parser = new XMLParser({ parseTagValue: false, processEntities: true, trimValues: true });
const field = z.string().max(10_000).optional();
const envelope = z.object({ xml: z.object({ Encrypt: field, ToUserName: field }).loose() });
const message = z.object({
  xml: z.object({
    FromUserName: z.string().min(1).max(128),
    MsgType: z.string().max(32),
    Content: field,
    PicUrl: field,
    MsgId: field,
    Event: field,
  }),
});

function answer(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(text);
}

function parseXml(text: string): unknown {
  return parser.parse(text, true);
}

/** What the customer wrote, as the console shows it; null for what opens no chat (events, unknown types). */
function messageText(m: z.infer<typeof message>['xml']): string | null {
  if (m.MsgType === 'text') return m.Content ? cleanText(m.Content).slice(0, 4000) : null;
  if (m.MsgType === 'image') return `[image] ${m.PicUrl ?? ''}`.trim();
  return null;
}

/**
 * The server URL of a site's Official Account, `/wechat/<site id>`: GET is WeChat's check
 * (signature of token, timestamp, nonce → echo `echostr`), POST its messages. Every request
 * must carry a good signature; in safe mode the message is in `Encrypt`, checked by
 * `msg_signature` and decrypted. WeChat is answered `success` once the message is in the
 * console queue (it retries an unanswered one; MsgId makes that a no-op).
 */
export function createWechatHandler(deps: { ch: ClickHouseClient; inbox: ChannelInbox }) {
  return async (req: IncomingMessage, res: ServerResponse, siteId: string): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://wechat.invalid');
    const q = (name: string) => url.searchParams.get(name) ?? '';
    const account = (await listChatChannels(deps.ch, siteId)).find((c) => c.kind === 'wechat' && c.enabled);
    if (!account) return answer(res, 404, 'no WeChat account on this site');
    const { token, aesKey, appId, mode } = account.wechat;
    if (!signatureMatches(wechatSignature(token, q('timestamp'), q('nonce')), q('signature')))
      return answer(res, 401, 'bad signature');
    if (req.method === 'GET') return answer(res, 200, q('echostr'));
    if (req.method !== 'POST') return answer(res, 405, 'GET or POST');

    let raw: unknown;
    try {
      raw = parseXml(await readBody(req, MAX_BODY));
    } catch (error) {
      if (error instanceof BodyTooLargeError) return answer(res, 413, 'body too large');
      return answer(res, 400, 'not XML');
    }
    const outer = envelope.safeParse(raw);
    if (!outer.success) return answer(res, 400, 'not a WeChat message');
    const encrypted = outer.data.xml.Encrypt;
    if (mode === 'safe' && !encrypted) return answer(res, 400, 'safe mode: the message must be encrypted');
    if (encrypted) {
      if (!aesKey) return answer(res, 400, 'no EncodingAESKey for an encrypted message');
      const expected = wechatSignature(token, q('timestamp'), q('nonce'), encrypted);
      if (!signatureMatches(expected, q('msg_signature'))) return answer(res, 401, 'bad msg_signature');
      try {
        raw = parseXml(decryptWechat(aesKey, appId, encrypted));
      } catch {
        return answer(res, 400, 'cannot decrypt');
      }
    }
    const parsed = message.safeParse(raw);
    if (!parsed.success) return answer(res, 400, 'not a WeChat message');
    const m = parsed.data.xml;
    const text = messageText(m);
    if (text) {
      const r = await deps.inbox.receive(siteId, account.channelId, 'wechat', {
        senderId: m.FromUserName,
        text,
        messageId: m.MsgId || undefined,
        media: m.MsgType !== 'text',
      });
      if (r.kind === 'rate_limited') console.warn(`wechat: ${siteId} sender over its rate, message dropped`);
    }
    // subscribe / unsubscribe and other events open nothing: a follow is not a conversation.
    return answer(res, 200, 'success');
  };
}
