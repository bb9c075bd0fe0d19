import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createClickHouse } from '../../clickhouse/client.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { collect } from '../testing/http.ts';
import { exited, startIngestServer } from '../testing/ingest-process.ts';
import { killUnderLoad } from '../testing/kill-under-load.ts';
import { tempDir } from '../testing/temp-dir.ts';

const startServer = (dataDir: string) => startIngestServer(dataDir, 'kill-site-1');

// The promise of a 202: an acknowledged event survives kill -9 of the server, and the
// next start stores it exactly once.
it('loses no acknowledged event when the server is killed with SIGKILL under load', async () => {
  const dataDir = tempDir('kill');
  const { child, base } = await startServer(dataDir);

  const sessionId = (n: number) => `kill-${String(n).padStart(8, '0')}`;
  const { acked: ackedN } = await killUnderLoad(child, {
    workers: 32,
    ackedAtLeast: 300,
    withinMs: 20_000,
    send: async (n) => {
      const body = {
        site: 'kill-site-1',
        visitorId: 'visitor-kill',
        sessionId: sessionId(n),
        events: [{ type: 'pageview', url: 'http://localhost/p' }],
      };
      return (await collect(base, body)).status === 202;
    },
  });
  const acked = ackedN.map(sessionId);
  expect(acked.length).toBeGreaterThan(100);
  // Under load some acknowledged rows are always still on their way to ClickHouse.
  const journal = join(dataDir, 'ingest-journal');
  const journaled = readdirSync(journal)
    .filter((f) => f.endsWith('.jsonl'))
    .reduce((n, f) => n + readFileSync(join(journal, f), 'utf8').split('\n').filter(Boolean).length, 0);
  expect(journaled).toBeGreaterThan(0);

  // The next start loads what the journal still holds, then a clean stop.
  const restarted = await startServer(dataDir);
  const stopped = exited(restarted.child);
  restarted.child.kill('SIGTERM');
  await stopped;

  const ch = createClickHouse({ dataDir });
  try {
    const r = await ch.query({
      query: `SELECT session_id, count() AS n FROM ${TABLES.events} GROUP BY session_id`,
      format: 'JSONEachRow',
    });
    const stored = new Map((await r.json<{ session_id: string; n: string }>()).map((x) => [x.session_id, Number(x.n)]));
    expect(acked.filter((id) => !stored.has(id))).toEqual([]);
    expect([...stored].filter(([, n]) => n > 1)).toEqual([]);
  } finally {
    await ch.close();
  }
}, 180_000);
