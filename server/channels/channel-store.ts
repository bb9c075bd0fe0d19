import { createHash, randomBytes } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import {
  createApiChannelInput,
  saveWechatInput,
  type CreateApiChannelInput,
  type SaveWechatInput,
} from '../contract/chat-channels.ts';
import { InvalidError, NotFoundError } from '../contract/errors.ts';
import { getChatChannelByKey } from '../queries/chat-channel-by-key.ts';
import { listChatChannels, type ChatChannelRow } from '../queries/chat-channels.ts';
import { newId } from '../sites/site-service.ts';

/** Every channel key starts so: scanners and people tell it from an API key (`lt_live_`). */
export const CHANNEL_KEY_PREFIX = 'lt_chan_';
const VISIBLE = CHANNEL_KEY_PREFIX.length + 8;

export const hashChannelKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** What Settings shows of a channel: no key hash, no secrets. */
export interface PublicChannel {
  channelId: string;
  kind: 'api' | 'wechat';
  name: string;
  keyPrefix: string;
  url: string;
  wechat: { appId: string; token: string; mode: 'plain' | 'safe'; hasSecret: boolean; hasAesKey: boolean };
  enabled: boolean;
  createdAt: number;
}

export function publicChannel(c: ChatChannelRow): PublicChannel {
  const { appId, token, mode, appSecret, aesKey } = c.wechat;
  return {
    channelId: c.channelId,
    kind: c.kind,
    name: c.name,
    keyPrefix: c.keyPrefix,
    url: c.url,
    wechat: { appId, token, mode, hasSecret: appSecret !== '', hasAesKey: aesKey !== '' },
    enabled: c.enabled,
    createdAt: c.createdAt,
  };
}

// ReplacingMergeTree keeps the highest version: versions only grow, even within a millisecond.
let lastVersion = 0;
const nextVersion = (stored?: ChatChannelRow) =>
  (lastVersion = Math.max(Date.now(), lastVersion + 1, (stored?.version ?? 0) + 1));

async function write(client: ClickHouseClient, siteId: string, c: ChatChannelRow, deleted = false): Promise<void> {
  await client.insert({
    table: TABLES.chatChannels,
    values: [
      {
        site_id: siteId,
        channel_id: c.channelId,
        kind: c.kind,
        name: c.name,
        key_hash: c.keyHash,
        key_prefix: c.keyPrefix,
        url: c.url,
        secret: c.secret,
        wechat_app_id: c.wechat.appId,
        wechat_app_secret: c.wechat.appSecret,
        wechat_token: c.wechat.token,
        wechat_aes_key: c.wechat.aesKey,
        wechat_mode: c.wechat.mode,
        enabled: c.enabled ? 1 : 0,
        deleted: deleted ? 1 : 0,
        created_at: c.createdAt,
        version: c.version,
      },
    ],
    format: 'JSONEachRow',
  });
}

const NO_WECHAT: ChatChannelRow['wechat'] = { appId: '', appSecret: '', token: '', aesKey: '', mode: 'plain' };

/** A new API channel; its key and signing secret are returned this once (only the key's hash is kept). */
export async function createApiChannel(
  client: ClickHouseClient,
  siteId: string,
  raw: CreateApiChannelInput,
): Promise<{ channelId: string; key: string; secret: string }> {
  const input = createApiChannelInput.parse(raw);
  // 256 random bits: a plain SHA-256 of it is as safe to store as a slow password hash.
  const key = `${CHANNEL_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const channelId = `ch_${newId(16)}`;
  const row: ChatChannelRow = {
    channelId,
    kind: 'api',
    name: input.name,
    keyHash: hashChannelKey(key),
    keyPrefix: key.slice(0, VISIBLE),
    url: input.url,
    secret,
    wechat: NO_WECHAT,
    enabled: true,
    createdAt: Date.now(),
    version: nextVersion(),
  };
  await write(client, siteId, row);
  return { channelId, key, secret };
}

/** Switches a channel on or off, or moves an API channel's reply webhook. */
export async function updateChannel(
  client: ClickHouseClient,
  siteId: string,
  channelId: string,
  patch: { enabled?: boolean; url?: string },
): Promise<void> {
  const stored = (await listChatChannels(client, siteId)).find((c) => c.channelId === channelId);
  if (!stored) throw new NotFoundError('No such channel');
  const url = patch.url === undefined ? stored.url : createApiChannelInput.shape.url.safeParse(patch.url).data;
  if (url === undefined) throw new InvalidError('url: an http:// or https:// address');
  await write(client, siteId, {
    ...stored,
    url,
    enabled: patch.enabled ?? stored.enabled,
    version: nextVersion(stored),
  });
}

export async function removeChannel(client: ClickHouseClient, siteId: string, channelId: string): Promise<void> {
  const stored = (await listChatChannels(client, siteId)).find((c) => c.channelId === channelId);
  if (!stored) throw new NotFoundError('No such channel');
  await write(client, siteId, { ...stored, version: nextVersion(stored) }, true);
}

/** The site's WeChat account (one per site), created or edited; an empty AppSecret or key keeps the stored one. */
export async function saveWechat(client: ClickHouseClient, siteId: string, raw: SaveWechatInput): Promise<void> {
  const input = saveWechatInput.parse(raw);
  const stored = (await listChatChannels(client, siteId)).find((c) => c.kind === 'wechat');
  const appSecret = input.appSecret || stored?.wechat.appSecret || '';
  const aesKey = input.aesKey || stored?.wechat.aesKey || '';
  if (!appSecret) throw new InvalidError('appSecret: required for a new account');
  if (input.mode === 'safe' && !aesKey) throw new InvalidError('aesKey: safe mode needs the EncodingAESKey');
  await write(client, siteId, {
    channelId: stored?.channelId ?? `ch_${newId(16)}`,
    kind: 'wechat',
    name: 'WeChat',
    keyHash: '',
    keyPrefix: '',
    url: '',
    secret: '',
    wechat: { appId: input.appId, appSecret, token: input.token, aesKey, mode: input.mode },
    enabled: input.enabled,
    createdAt: stored?.createdAt ?? Date.now(),
    version: nextVersion(stored),
  });
}

/** The site and channel a presented channel key opens, or null (unknown, switched off or removed). */
export async function verifyChannelKey(
  client: ClickHouseClient,
  key: string,
): Promise<{ siteId: string; channelId: string } | null> {
  if (!key.startsWith(CHANNEL_KEY_PREFIX) || key.length > 128) return null;
  return getChatChannelByKey(client, hashChannelKey(key));
}
