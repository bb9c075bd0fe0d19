import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMPLATE_ENV } from './test-store.ts';

const CLIENT = new URL('../../clickhouse/client.ts', import.meta.url).href;
const MIGRATE = new URL('../../clickhouse/migrate.ts', import.meta.url).href;

/**
 * vitest global setup: migrates one store that every test file copies (test-store.ts). It is
 * built in a child process so that the engine, which allows one store per process, never
 * loads in vitest's own; the forks inherit the variable. Every copy goes with the folder.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'leadtrail-test-stores-'));
  const template = join(root, 'template');
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `import(${JSON.stringify(CLIENT)}).then(async ({ createClickHouse }) => {
         const { migrate } = await import(${JSON.stringify(MIGRATE)});
         const ch = createClickHouse({ dataDir: ${JSON.stringify(template)} });
         await migrate(ch);
         await ch.close();
       })`,
    ],
    { stdio: 'inherit' },
  );
  process.env[TEMPLATE_ENV] = template;
  return () => rmSync(root, { recursive: true, force: true });
}
