// Who may import whom. The README's architecture table shows the same rows, and
// eslint/architecture.test.ts keeps the two equal. Tests, `server/testing/`, `e2e/`, `bench/`
// and `scripts/` may import anything.

/**
 * One row per room: `path` is a folder (ends in `/`) or a file; `imports` what its code may
 * import, `types` what it may import types from (nothing at run time).
 * @type {{ path: string; imports: string[]; types?: string[] }[]}
 */
export const ARCHITECTURE = [
  {
    path: 'server/main.ts',
    imports: ['server/app.ts', 'server/env.ts', 'server/auth/', 'server/chat/', 'server/demo/', 'clickhouse/'],
  },
  {
    path: 'server/app.ts',
    imports: [
      'server/app-options.ts',
      'server/dashboard-route.ts',
      'server/env.ts',
      'server/text/',
      'server/contract/',
      'server/bus/',
      'server/ingest/',
      'server/orders/',
      'server/api/',
      'server/leads/',
      'server/chat/',
      'server/realtime/',
      'server/auth/',
      'server/sites/',
      'server/queries/',
      'server/demo/',
      'server/kb/',
      'server/tags/',
      'server/webhooks/',
      'server/mail/',
      'clickhouse/',
    ],
  },
  {
    path: 'server/app-options.ts',
    imports: [],
    types: [
      'server/dashboard-route.ts',
      'server/api/',
      'server/chat/',
      'server/ingest/',
      'server/mail/',
      'server/realtime/',
      'server/sites/',
      'server/tags/',
      'server/webhooks/',
    ],
  },
  {
    path: 'server/dashboard-route.ts',
    imports: ['server/auth/', 'server/demo/', 'server/ingest/'],
  },
  { path: 'server/env.ts', imports: [] },
  { path: 'server/process-singleton.ts', imports: [] },
  { path: 'server/text/', imports: [] },
  { path: 'server/limits/', imports: [] },
  { path: 'server/sources/', imports: [] },
  { path: 'server/contract/', imports: [] },
  {
    path: 'clickhouse/',
    imports: ['server/env.ts', 'server/process-singleton.ts', 'server/sources/', 'server/contract/'],
  },
  { path: 'server/bus/', imports: ['server/process-singleton.ts', 'server/contract/'], types: ['clickhouse/'] },
  { path: 'server/queries/', imports: ['server/contract/', 'server/sources/', 'clickhouse/'] },
  { path: 'server/geo/', imports: ['server/contract/'], types: ['server/queries/'] },
  { path: 'server/reports/', imports: ['server/text/', 'server/contract/', 'server/sources/', 'server/queries/'] },
  { path: 'server/staffing/', imports: ['server/contract/'], types: ['server/queries/'] },
  {
    path: 'server/sites/',
    imports: ['server/process-singleton.ts', 'server/contract/', 'server/queries/', 'clickhouse/'],
  },
  {
    path: 'server/ingest/',
    imports: [
      'server/text/',
      'server/limits/',
      'server/sources/',
      'server/contract/',
      'server/queries/',
      'server/sites/',
      'clickhouse/',
    ],
  },
  {
    path: 'server/orders/',
    imports: [
      'server/text/',
      'server/contract/',
      'server/bus/',
      'server/queries/',
      'server/ingest/',
      'server/sites/',
      'clickhouse/',
    ],
  },
  {
    path: 'server/webhooks/',
    imports: ['server/contract/', 'server/bus/', 'server/queries/', 'server/sites/', 'clickhouse/'],
  },
  {
    path: 'server/mail/',
    imports: [
      'server/process-singleton.ts',
      'server/text/',
      'server/contract/',
      'server/queries/',
      'server/chat/',
      'clickhouse/',
    ],
  },
  {
    path: 'server/auth/',
    imports: [
      'server/env.ts',
      'server/process-singleton.ts',
      'server/contract/',
      'server/bus/',
      'server/queries/',
      'server/sites/',
      'clickhouse/',
    ],
  },
  {
    path: 'server/leads/',
    imports: ['server/contract/', 'server/bus/', 'server/queries/', 'server/ingest/', 'server/sites/', 'clickhouse/'],
  },
  {
    path: 'server/chat/',
    imports: [
      'server/process-singleton.ts',
      'server/text/',
      'server/sources/',
      'server/contract/',
      'server/bus/',
      'server/queries/',
      'server/reports/',
      'server/ingest/',
      'server/leads/',
      'server/sites/',
      'clickhouse/',
    ],
  },
  { path: 'server/assist/', imports: ['server/contract/', 'server/kb/', 'clickhouse/'] },
  {
    path: 'server/kb/',
    imports: [
      'server/process-singleton.ts',
      'server/text/',
      'server/contract/',
      'server/bus/',
      'server/queries/',
      'clickhouse/',
    ],
  },
  { path: 'server/privacy/', imports: ['server/contract/', 'server/bus/', 'server/queries/', 'clickhouse/'] },
  {
    path: 'server/api/',
    imports: [
      'server/process-singleton.ts',
      'server/text/',
      'server/limits/',
      'server/contract/',
      'server/queries/',
      'server/reports/',
      'server/leads/',
      'server/orders/',
      'server/ingest/',
      'server/kb/',
      'server/tags/',
      'server/sites/',
      'clickhouse/',
    ],
  },
  {
    path: 'server/realtime/',
    imports: [
      'server/text/',
      'server/limits/',
      'server/sources/',
      'server/contract/',
      'server/bus/',
      'server/queries/',
      'server/auth/',
      'server/sites/',
      'server/chat/',
      'clickhouse/',
    ],
    types: ['server/ingest/'],
  },
  {
    path: 'server/tags/',
    imports: [
      'server/process-singleton.ts',
      'server/contract/',
      'server/sources/',
      'server/queries/',
      'server/chat/',
      'clickhouse/',
    ],
  },
  { path: 'server/goals/', imports: ['server/contract/', 'server/queries/', 'clickhouse/'] },
  {
    path: 'server/demo/',
    imports: ['server/contract/', 'server/ingest/', 'server/sites/', 'server/chat/', 'clickhouse/'],
  },
  {
    path: 'server/trpc/',
    imports: [
      'server/env.ts',
      'server/text/',
      'server/contract/',
      'server/bus/',
      'server/queries/',
      'server/reports/',
      'server/staffing/',
      'server/geo/',
      'server/sites/',
      'server/auth/',
      'server/leads/',
      'server/chat/',
      'server/privacy/',
      'server/ingest/',
      'server/api/',
      'server/kb/',
      'server/tags/',
      'server/webhooks/',
      'server/assist/',
      'server/mail/',
      'server/goals/',
      'clickhouse/',
    ],
  },
  { path: 'app/api/', imports: ['server/trpc/'] },
  { path: 'app/_i18n/', imports: [] },
  { path: 'app/_lib/', imports: ['app/_i18n/', 'server/contract/'], types: ['server/trpc/'] },
  { path: 'app/_components/', imports: ['app/_lib/', 'app/_i18n/', 'server/contract/'] },
  {
    path: 'app/',
    imports: ['app/_components/', 'app/_lib/', 'app/_i18n/', 'server/contract/'],
    types: ['server/trpc/'],
  },
  { path: 'tracker/', imports: [], types: ['server/contract/'] },
];

/** Where anything goes. */
export const FREE = [
  '**/*.test.ts',
  '**/*.test.tsx',
  'server/testing/**',
  'e2e/**',
  'bench/**',
  'scripts/**',
  'eslint/**',
  '*.config.*',
  '*.ts',
];

// Longer paths first, so a sub-folder (app/_lib/) is its own room. Rooms that are one file
// (server/env.ts) are file categories: the plugin's elements are folders.
const rooms = [...ARCHITECTURE].sort((a, b) => b.path.length - a.path.length);
const isFile = (path) => !path.endsWith('/');
const select = (path) => (isFile(path) ? { file: { categories: path } } : { element: { type: path } });

/**
 * The flat-config block that enforces ARCHITECTURE (eslint-plugin-boundaries).
 * @param {import('eslint').ESLint.Plugin} boundaries
 * @returns {import('eslint').Linter.Config}
 */
export function architectureConfig(boundaries) {
  return {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: FREE,
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { alwaysTryTypes: true } },
      'boundaries/elements': rooms
        .filter((r) => !isFile(r.path))
        .map((r) => ({ type: r.path, pattern: r.path.slice(0, -1), partialMatch: false })),
      'boundaries/files': rooms.filter((r) => isFile(r.path)).map((r) => ({ category: r.path, pattern: r.path })),
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: rooms.map((r) => ({
            from: select(r.path),
            allow: [
              ...[r.path, ...r.imports].map((to) => ({ to: select(to) })),
              ...(r.types ?? []).map((to) => ({ to: select(to), dependency: { kind: 'type' } })),
            ],
          })),
        },
      ],
    },
  };
}
