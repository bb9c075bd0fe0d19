import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** The API channel whose key hashes to `keyHash`, if it exists, is on and not removed. */
export async function getChatChannelByKey(
  client: ClickHouseClient,
  keyHash: string,
): Promise<{ siteId: string; channelId: string } | null> {
  const rows = await readRows(
    client,
    {
      // The newest version decides: a removal or a switch-off written later hides the key.
      query: `SELECT site_id, channel_id
            FROM (SELECT site_id, channel_id, argMax(key_hash, version) AS k, argMax(enabled, version) AS on,
                         argMax(deleted, version) AS gone
                  FROM ${TABLES.chatChannels}
                  WHERE channel_id IN (SELECT channel_id FROM ${TABLES.chatChannels} WHERE key_hash = {keyHash:String})
                  GROUP BY site_id, channel_id)
            WHERE k = {keyHash:String} AND on = 1 AND gone = 0
            LIMIT 1`,
      query_params: { keyHash },
    },
    z.object({ site_id: col.text, channel_id: col.text }),
  );
  const r = rows[0];
  return r ? { siteId: r.site_id, channelId: r.channel_id } : null;
}
