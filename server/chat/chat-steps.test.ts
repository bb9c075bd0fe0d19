import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { planLead } from '../leads/lead-service.ts';
import { chatEvent } from './chat-events.ts';
import { ChatSteps, type ChatStep } from './chat-steps.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { testStore } from '../testing/test-store.ts';

// Steps a killed process left behind, stored at the next start: each once, and a step the
// store refuses never stops the start (it stays journaled and is tried again).
const SITE = 'steps-site';
const ch = testStore();

beforeAll(async () => {
  await migrate(ch);
});
afterAll(async () => {
  await ch.close();
});

function offlineStep(id: string, visitorId: string, message: string): ChatStep {
  const at = Date.now();
  const event = chatEvent({ siteId: SITE, visitorId, sessionId: `${visitorId}-s1`, type: 'offline_message', at }, null);
  const lead = planLead({
    siteId: SITE,
    visitorId,
    source: 'offline',
    name: 'Ana',
    email: `${visitorId}@example.com`,
    message,
    now: at,
  });
  return { id, siteId: SITE, visitorId, events: [event], lead };
}

const count = async (sql: string, visitorId: string) =>
  Number(
    (
      await (
        await ch.query({ query: sql, query_params: { s: SITE, v: visitorId }, format: 'JSONEachRow' })
      ).json<{ n: string }>()
    )[0]?.n,
  );

it('stores what the last run left once, skips a torn file, and starts even when the store refuses a step', async () => {
  const dir = tempDir('chat-steps');
  const done = offlineStep('000000001-000000001', 'steps-visitor-done', 'stored before the crash');
  const open = offlineStep('000000001-000000002', 'steps-visitor-open', 'never stored');
  // A value of the wrong type: the engine refuses the whole insert (a poison the schemas should have stopped).
  const poison: ChatStep = {
    ...offlineStep('000000001-000000003', 'steps-visitor-poison', 'refused'),
    message: {
      site_id: SITE,
      chat_id: 'steps-chat',
      message_id: 'steps-message',
      seq: 'not a number',
      ts: Date.now(),
      sender: 'visitor',
      agent_id: '',
      visitor_id: 'steps-visitor-poison',
      body: 'x',
    } as never,
  };
  for (const step of [done, open, poison]) writeFileSync(join(dir, `${step.id}.json`), JSON.stringify(step));
  writeFileSync(join(dir, '000000001-000000004.json'), '{"id":"000000001-0000');
  // The crash came after the first step's event reached the store, before its file was removed.
  await ch.insert({ table: TABLES.events, values: done.events, format: 'JSONEachRow' });

  const written: string[] = [];
  const steps = new ChatSteps({
    ch,
    dir,
    writeEvents: (rows) => {
      written.push(...rows.map((r) => r.type));
      return Promise.resolve();
    },
  });
  expect(await steps.replay()).toBe(2);
  for (const v of ['steps-visitor-done', 'steps-visitor-open']) {
    expect(
      await count(
        `SELECT count() AS n FROM ${TABLES.leads} FINAL WHERE site_id = {s:String} AND visitor_id = {v:String}`,
        v,
      ),
    ).toBe(1);
    expect(
      await count(
        `SELECT count() AS n FROM ${TABLES.events} WHERE site_id = {s:String} AND visitor_id = {v:String} AND type = 'offline_message'`,
        v,
      ),
    ).toBe(1);
    expect(
      await count(
        `SELECT count() AS n FROM ${TABLES.events} WHERE site_id = {s:String} AND visitor_id = {v:String} AND type = 'lead_created'`,
        v,
      ),
    ).toBe(1);
  }
  // The refused step stays journaled for the next try; the torn one (never acknowledged) is gone.
  expect(readdirSync(dir).sort()).toEqual([`${poison.id}.json`]);
  await steps.drain();
  expect(existsSync(join(dir, `${poison.id}.json`))).toBe(true);
  expect(written).toEqual([]);
});
