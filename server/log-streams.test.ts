import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { exited } from './testing/ingest-process.ts';
import { tempDir } from './testing/temp-dir.ts';

// Next registers an uncaughtException handler that logs. With the reader of the server's output
// gone (a closed `| tee`, a restarted log collector) every log line failed with EPIPE, which
// Next logged, which failed again: the server spun at 100 % CPU and never stopped on SIGTERM.
describe('server output', () => {
  it('stops on SIGTERM after whatever read its output went away', async () => {
    expect(existsSync('.next/BUILD_ID'), 'server/main.ts serves the build: run `npm run build` first').toBe(true);
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        LEADTRAIL_DATA_DIR: tempDir('store'),
        LEADTRAIL_DEMO: 'false',
        LEADTRAIL_ADMIN_PASSWORD: 'a-password-for-this-test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const closed = exited(child);
    const running = new Promise<void>((resolve) =>
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line.startsWith('LeadTrail is running')) resolve();
      }),
    );
    await running;
    child.stdout.destroy();
    child.stderr.destroy();
    const code = new Promise((resolve) => child.once('exit', (c, signal) => resolve(c ?? signal)));
    child.kill('SIGTERM');
    const timeout = new Promise((resolve) => setTimeout(() => resolve('still running 20 s after SIGTERM'), 20_000));
    const outcome = await Promise.race([code, timeout]);
    if (outcome !== 0) child.kill('SIGKILL');
    await closed;
    expect(outcome).toBe(0);
  });
});
