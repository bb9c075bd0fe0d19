import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';
import { createClickHouse } from '../../clickhouse/client.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { collect } from '../testing/http.ts';

// The promise of a 202: an acknowledged event survives kill -9 of the server.
it('loses no acknowledged event when the server is killed with SIGKILL under load', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadtrail-kill-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ingest-server.ts', '--data-dir', dataDir, '--site', 'kill-site-1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^listening (\d+)/.exec(line);
      if (m) resolve(Number(m[1]));
    });
  });
  const base = `http://127.0.0.1:${port}`;

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
  const closed = new Promise((r) => child.once('close', r));
  child.kill('SIGKILL');
  stop = true;
  await Promise.all(workers);
  await closed;
  expect(acked.length).toBeGreaterThan(100);

  const ch = createClickHouse({ dataDir });
  try {
    const r = await ch.query({ query: `SELECT DISTINCT session_id FROM ${TABLES.events}`, format: 'JSONEachRow' });
    const stored = new Set((await r.json<{ session_id: string }>()).map((x) => x.session_id));
    const lost = acked.filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
  } finally {
    await ch.close();
  }
});
