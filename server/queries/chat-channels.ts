import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface ChatChannelRow {
  channelId: string;
  kind: 'api' | 'wechat';
  name: string;
  keyHash: string;
  keyPrefix: string;
  /** API channels: where agents' replies are POSTed, signed with `secret`. */
  url: string;
  secret: string;
  wechat: { appId: string; appSecret: string; token: string; aesKey: string; mode: 'plain' | 'safe' };
  enabled: boolean;
  createdAt: number;
  version: number;
}

/** A site's channels (API and WeChat), newest version of each, removed ones left out, secrets included. */
export async function listChatChannels(client: ClickHouseClient, siteId: string): Promise<ChatChannelRow[]> {
  const rows = await readRows(
    client,
    {
      query: `SELECT channel_id, kind, name, key_hash, key_prefix, url, secret, wechat_app_id, wechat_app_secret,
                   wechat_token, wechat_aes_key, wechat_mode, enabled,
                   toUnixTimestamp64Milli(created_at) AS created_at, version
            FROM ${TABLES.chatChannels} FINAL
            WHERE site_id = {siteId:String} AND deleted = 0
            ORDER BY created_at, channel_id`,
      query_params: { siteId },
    },
    z.object({
      channel_id: col.text,
      kind: z.enum(['api', 'wechat']),
      name: col.text,
      key_hash: col.text,
      key_prefix: col.text,
      url: col.text,
      secret: col.text,
      wechat_app_id: col.text,
      wechat_app_secret: col.text,
      wechat_token: col.text,
      wechat_aes_key: col.text,
      wechat_mode: z.enum(['plain', 'safe', '']),
      enabled: col.flag,
      created_at: col.ms,
      version: col.int,
    }),
  );
  return rows.map((r) => ({
    channelId: r.channel_id,
    kind: r.kind,
    name: r.name,
    keyHash: r.key_hash,
    keyPrefix: r.key_prefix,
    url: r.url,
    secret: r.secret,
    wechat: {
      appId: r.wechat_app_id,
      appSecret: r.wechat_app_secret,
      token: r.wechat_token,
      aesKey: r.wechat_aes_key,
      mode: r.wechat_mode === 'safe' ? 'safe' : 'plain',
    },
    enabled: r.enabled,
    createdAt: r.created_at,
    version: r.version,
  }));
}
