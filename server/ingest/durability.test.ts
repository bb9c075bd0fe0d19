import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createClickHouse } from '../../clickhouse/client.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { collect } from '../testing/http.ts';
import { exited, startIngestServer } from '../testing/ingest-process.ts';
import { tempDir } from '../testing/temp-dir.ts';

const startServer = (dataDir: string) => startIngestServer(dataDir, 'kill-site-1');

// The promise of a 202: an acknowledged event survives kill -9 of the server, and the
// next start stores it exactly once.
it('loses no acknowledged event when the server is killed with SIGKILL under load', async () => {
  const dataDir = tempDir('kill');
  const { child, base } = await startServer(dataDir);

  const acked: string[] = [];
  let sent = 0;
  let stop = false;
  const worker = async () => {
    while (!stop) {
      const sessionId = `kill-${String(sent++).padStart(8, '0')}`;
      const body = {
        site: 'kill-site-1',
        visitorId: 'visitor-kill',
        sessionId,
        events: [{ type: 'pageview', url: 'http://localhost/p' }],
      };
      try {
        const res = await collect(base, body);
        if (res.status === 202) acked.push(sessionId);
      } catch {
        // connection reset by the kill: not acknowledged, so not promised
      }
    }
  };
  const workers = Array.from({ length: 32 }, worker);
  // Kill once enough is acknowledged, not after a fixed time: a loaded runner acknowledges slower.
  for (const until = Date.now() + 20_000; acked.length < 300 && Date.now() < until;)
    await new Promise((r) => setTimeout(r, 20));
  const killed = exited(child);
  child.kill('SIGKILL');
  stop = true;
  await Promise.all(workers);
  await killed;
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
