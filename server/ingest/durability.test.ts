import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';
import { createClickHouse } from '../../clickhouse/client.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { collect } from '../testing/http.ts';
import { tempDir } from '../testing/temp-dir.ts';

function startServer(dataDir: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ingest-server.ts', '--data-dir', dataDir, '--site', 'kill-site-1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^listening (\d+)/.exec(line);
      if (m) resolve({ child, base: `http://127.0.0.1:${m[1]}` });
    });
  });
}

const exited = (child: ChildProcess) => new Promise((r) => child.once('close', r));

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
      const body = { site: 'kill-site-1', visitorId: 'visitor-kill', sessionId, events: [{ type: 'pageview', url: 'http://localhost/p' }] };
      try {
        const res = await collect(base, body);
        if (res.status === 202) acked.push(sessionId);
      } catch {
        // connection reset by the kill: not acknowledged, so not promised
      }
    }
  };
  const workers = Array.from({ length: 32 }, worker);
  await new Promise((r) => setTimeout(r, 1500));
  const killed = exited(child);
  child.kill('SIGKILL');
  stop = true;
  await Promise.all(workers);
  await killed;
  expect(acked.length).toBeGreaterThan(100);
  // Under load some acknowledged rows are always still on their way to ClickHouse.
  const journal = join(dataDir, 'ingest-journal');
  const journaled = readdirSync(journal).reduce((n, f) => n + readFileSync(join(journal, f), 'utf8').split('\n').filter(Boolean).length, 0);
  expect(journaled).toBeGreaterThan(0);

  // The next start loads what the journal still holds, then a clean stop.
  const restarted = await startServer(dataDir);
  const stopped = exited(restarted.child);
  restarted.child.kill('SIGTERM');
  await stopped;

  const ch = createClickHouse({ dataDir });
  try {
    const r = await ch.query({ query: `SELECT session_id, count() AS n FROM ${TABLES.events} GROUP BY session_id`, format: 'JSONEachRow' });
    const stored = new Map((await r.json<{ session_id: string; n: string }>()).map((x) => [x.session_id, Number(x.n)]));
    expect(acked.filter((id) => !stored.has(id))).toEqual([]);
    expect([...stored].filter(([, n]) => n > 1)).toEqual([]);
  } finally {
    await ch.close();
  }
});
