import type { ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import type { ChatMessageRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { MessageWriter } from './chat-store.ts';
import { testStore } from '../testing/test-store.ts';

const ch = testStore();
beforeAll(() => migrate(ch));
afterAll(() => ch.close());

const message = (chatId: string, seq: number, body: string): ChatMessageRow => ({
  site_id: 'mw-site',
  chat_id: chatId,
  message_id: `${chatId}-m${seq}`,
  seq,
  ts: Date.UTC(2026, 11, 4, 9) + seq,
  sender: 'agent',
  agent_id: 'agent-1',
  visitor_id: `${chatId}-visitor`,
  body,
  meta: '',
});

async function storedBodies(chatPrefix: string): Promise<string[]> {
  const result = await ch.query({
    query: `SELECT body FROM ${TABLES.chatMessages} WHERE chat_id LIKE {p:String} ORDER BY chat_id, seq`,
    query_params: { p: `${chatPrefix}%` },
    format: 'JSONEachRow',
  });
  return (await result.json<{ body: string }>()).map((r) => r.body);
}

/** The client with its inserts counted. */
function counting(): { client: ClickHouseClient; inserts: () => number } {
  let inserts = 0;
  const client = new Proxy(ch, {
    get(target, key, receiver) {
      if (key === 'insert')
        return (...args: Parameters<ClickHouseClient['insert']>) => (inserts++, target.insert(...args));
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { client, inserts: () => inserts };
}

describe('chat messages stored by group commit', () => {
  it('stores every message of a burst before it resolves, in fewer inserts than messages', async () => {
    const { client, inserts } = counting();
    const writer = new MessageWriter(client);
    const rows = Array.from({ length: 20 }, (_, k) => message(`burst-${String(k).padStart(2, '0')}`, 1, `reply ${k}`));
    const stored: string[][] = [];
    await Promise.all(
      rows.map((row) => writer.store(row).then(async () => stored.push(await storedBodies(row.chat_id)))),
    );
    // Each message was readable when its own promise resolved.
    expect(stored).toHaveLength(20);
    for (const bodies of stored) expect(bodies).toHaveLength(1);
    expect(await storedBodies('burst-')).toEqual(rows.map((r) => r.body));
    // Stored in the same turn of the loop, the 20 go together.
    expect(inserts()).toBe(1);
  });

  it('fails only the message the engine refuses, and stores the others of its batch', async () => {
    const writer = new MessageWriter(ch);
    const outcomes = await Promise.allSettled([
      writer.store(message('bad-0', 1, 'first, alone')),
      writer.store(message('bad-1', 1, 'fine')),
      // A row the engine cannot parse (a seq that is no number) fails the whole insert it is in.
      writer.store({ ...message('bad-2', 1, 'broken'), seq: 'two' as unknown as number }),
      writer.store(message('bad-3', 1, 'fine too')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(await storedBodies('bad-')).toEqual(['first, alone', 'fine', 'fine too']);
  });
});
