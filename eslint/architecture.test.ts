import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { ARCHITECTURE } from './architecture.js';
import { architectureConfig } from './architecture-config.js';

// Only the boundaries rule, so a fixture needs no place in the TypeScript project.
const eslint = new ESLint({
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } },
    architectureConfig(boundaries),
  ],
});

async function refusals(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('the architecture table is enforced by lint', () => {
  it.each([
    [
      'a page importing a query',
      'app/(dashboard)/s/[siteId]/fixture.tsx',
      "import { listLeads } from '@/server/queries/list-leads';\nvoid listLeads;",
    ],
    [
      'a page importing the ClickHouse client',
      'app/(dashboard)/fixture.tsx',
      "import { createClickHouse } from '@/clickhouse/client';\nvoid createClickHouse;",
    ],
    [
      'a page taking a row type from a query',
      'app/(dashboard)/fixture.tsx',
      "import type { LeadListRow } from '@/server/queries/list-leads';\nexport type R = LeadListRow;",
    ],
    [
      'a page importing the router at run time',
      'app/(dashboard)/fixture.tsx',
      "import { appRouter } from '@/server/trpc/root';\nvoid appRouter;",
    ],
    [
      'a query importing the chat service',
      'server/queries/fixture.ts',
      "import { createChatService } from '../chat/chat-service.ts';\nvoid createChatService;",
    ],
    [
      'ingest importing the realtime hub',
      'server/ingest/fixture.ts',
      "import { createHub } from '../realtime/hub.ts';\nvoid createHub;",
    ],
    [
      'the environment importing anything',
      'server/env.ts',
      "import { TABLES } from '../clickhouse/tables.ts';\nvoid TABLES;",
    ],
    [
      'the store importing the HTTP app',
      'clickhouse/fixture.ts',
      "import { createApp } from '../server/app.ts';\nvoid createApp;",
    ],
    [
      'the contract importing the store',
      'server/contract/fixture.ts',
      "import { TABLES } from '../../clickhouse/tables.ts';\nvoid TABLES;",
    ],
    [
      'the tracker importing server code at run time',
      'tracker/src/fixture.ts',
      "import { CLOSE } from '../../server/contract/channels.ts';\nvoid CLOSE;",
    ],
  ])('refuses %s', async (_, file, code) => {
    const messages = await refusals(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^boundaries\/dependencies: /);
  });

  it.each([
    [
      'a page importing the contract',
      'app/(dashboard)/fixture.tsx',
      "import { LEAD_STATUSES } from '@/server/contract/lead-schema';\nvoid LEAD_STATUSES;",
    ],
    [
      'a page taking the router type',
      'app/(dashboard)/fixture.tsx',
      "import type { AppRouter } from '@/server/trpc/root';\nexport type R = AppRouter;",
    ],
    [
      'the tracker taking channel types',
      'tracker/src/fixture.ts',
      "import type { LiveVisitor } from '../../server/contract/channels.ts';\nexport type V = LiveVisitor;",
    ],
    [
      'the store importing the environment',
      'clickhouse/fixture.ts',
      "import { env } from '../server/env.ts';\nvoid env;",
    ],
    [
      'a query importing the store',
      'server/queries/fixture.ts',
      "import { TABLES } from '../../clickhouse/tables.ts';\nvoid TABLES;",
    ],
  ])('allows %s', async (_, file, code) => {
    expect(await refusals(file, code)).toEqual([]);
  });
});

describe("the README's architecture table", () => {
  // Rows look like: | `server/queries/` | what lives there | `server/contract/`, `clickhouse/`; types: `…` |
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Architecture'),
    readme.indexOf('\n## ', readme.indexOf('## Architecture') + 1),
  );
  const rows = new Map<string, { imports: string[]; types: string[] }>();
  for (const line of section.split('\n')) {
    const cells = line.split(' | ');
    const path = /^\| `([^`]+)`$/.exec(cells[0] ?? '')?.[1];
    if (!path || cells.length < 3) continue;
    const [runtime = '', types = ''] = (cells.at(-1) ?? '').replace(/\|$/, '').split('types only:');
    const ticks = (s: string) => [...s.matchAll(/`([^`]+)`/g)].map((m) => String(m[1])).sort();
    rows.set(path, { imports: ticks(runtime), types: ticks(types) });
  }

  it.each(ARCHITECTURE.map((r) => [r.path, r] as const))('names what %s may import as lint does', (path, room) => {
    expect(rows.get(path)).toEqual({ imports: [...room.imports].sort(), types: [...(room.types ?? [])].sort() });
  });

  it('has no row that lint does not know', () => {
    const known = new Set(ARCHITECTURE.map((r) => r.path));
    const free = ['server/testing/', 'e2e/', 'bench/', 'scripts/'];
    expect([...rows.keys()].filter((p) => !known.has(p) && !free.includes(p))).toEqual([]);
  });
});
