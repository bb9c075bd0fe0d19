import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createClickHouse } from '../../clickhouse/client.ts';
import { blankEvent } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { collect } from '../testing/http.ts';
import { exited, startIngestServer } from '../testing/ingest-process.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { Journal } from './journal.ts';

const SITE = 'poison-site-1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pageview = (sessionId: string, extra: object = {}) => ({
  site: SITE,
  visitorId: 'visitor-poison',
  sessionId,
  events: [{ type: 'pageview', url: `http://localhost/${sessionId}`, ...extra }],
});

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await sleep(50);
  if (!check()) throw new Error(`timed out waiting until ${what}`);
}

// One page view whose title held a lone surrogate used to stop ingest for every site (the
// engine refused the batch, the writer retried it ahead of everything newer) and, once
// journaled, made every later start abort.
it('stores the page view after a poisoned one, and a restart on a poisoned journal starts and keeps everything', async () => {
  const dataDir = tempDir('poison');
  const journalDir = join(dataDir, 'ingest-journal');
  const first = await startIngestServer(dataDir, SITE);

  // JSON.stringify writes the lone surrogates as \ud800 escapes, as a hostile client would.
  const poisoned = pageview('poisoned-session', { title: 'bad \ud800 title' });
  const custom = {
    ...pageview('custom-session'),
    events: [
      { type: 'custom', url: 'http://localhost/c', name: 'ev\udc00', props: { ['k\ud800']: 'v\u0000\u0007al' } },
    ],
  };
  expect((await collect(first.base, poisoned)).status).toBe(202);
  expect((await collect(first.base, custom)).status).toBe(202);
  expect((await collect(first.base, pageview('normal-session'))).status).toBe(202);
  // A segment leaves the journal once its rows are in the store.
  await until(() => readdirSync(journalDir).every((f) => !f.endsWith('.jsonl')), 'the journal holds no segment');
  const killed = exited(first.child);
  first.child.kill('SIGKILL');
  await killed;

  // A journal an older version left behind: a row the store refuses among good ones.
  const journal = new Journal(journalDir);
  const segment = journal.open();
  const row = (path: string) =>
    blankEvent({
      site_id: SITE,
      ts: Date.now(),
      event_id: randomUUID(),
      type: 'pageview',
      visitor_id: 'visitor-poison',
      session_id: 'old-session',
      path,
    });
  await journal.append(segment, {
    events: [row('/old-good'), { ...row('/old-refused'), ts: 'not a time' } as never, row('/old-also-good')],
    bots: [],
    identities: [],
    orders: [],
  });
  journal.close(segment);

  const second = await startIngestServer(dataDir, SITE);
  expect(second.output.join('\n')).toMatch(/set aside 1 row/);
  expect((await collect(second.base, pageview('after-restart'))).status).toBe(202);
  const stopped = exited(second.child);
  second.child.kill('SIGTERM');
  await stopped;

  const ch = createClickHouse({ dataDir });
  try {
    const r = await ch.query({
      query: `SELECT session_id, path, title, name, mapKeys(props) AS keys, mapValues(props) AS vals FROM ${TABLES.events} WHERE site_id = {site:String} ORDER BY session_id, path`,
      query_params: { site: SITE },
      format: 'JSONEachRow',
    });
    const stored = await r.json<{
      session_id: string;
      path: string;
      title: string;
      name: string;
      keys: string[];
      vals: string[];
    }>();
    expect(stored.map((e) => `${e.session_id} ${e.path}`)).toEqual([
      'after-restart /after-restart',
      'custom-session /c',
      'normal-session /normal-session',
      'old-session /old-also-good',
      'old-session /old-good',
      'poisoned-session /poisoned-session',
    ]);
    const bySession = new Map(stored.map((e) => [e.session_id, e]));
    expect(bySession.get('poisoned-session')?.title).toBe('bad \ufffd title');
    expect(bySession.get('custom-session')).toMatchObject({ name: 'ev\ufffd', keys: ['k\ufffd'], vals: ['val'] });
  } finally {
    await ch.close();
  }
  const letters = join(dataDir, 'ingest-dead-letter');
  const [file] = readdirSync(letters);
  const letter = JSON.parse(readFileSync(join(letters, String(file)), 'utf8')) as {
    table: string;
    reason: string;
    row: { path: string };
  };
  expect(letter).toMatchObject({ table: TABLES.events, row: { path: '/old-refused' } });
  expect(letter.reason).toMatch(/DateTime/);
});
