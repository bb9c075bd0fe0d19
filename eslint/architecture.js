// Who may import whom. The README's architecture table shows the same rows, and
// eslint/architecture.test.ts keeps the two equal. Tests, `server/testing/`, `e2e/`, `bench/`
// and `scripts/` may import anything.

import { SERVER_ROOMS } from './architecture-rooms.js';

/**
 * One row per room: `path` is a folder (ends in `/`) or a file; `imports` what its code may
 * import, `types` what it may import types from (nothing at run time).
 * @type {{ path: string; imports: string[]; types?: string[] }[]}
 */
export const ARCHITECTURE = [
  {
    path: 'server/main.ts',
    imports: [
      'server/app.ts',
      'server/env.ts',
      'server/heap-growth.ts',
      'server/log-streams.ts',
      'server/auth/',
      'server/chat/',
      'server/demo/',
      'clickhouse/',
    ],
  },
  {
    path: 'server/app.ts',
    imports: [
      'server/app-options.ts',
      'server/app-bus.ts',
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
      'server/files/',
      'server/recordings/',
      'server/channels/',
      'server/notify/',
      'clickhouse/',
    ],
  },
  {
    path: 'server/app-bus.ts',
    imports: ['server/bus/', 'server/leads/', 'server/tags/'],
    types: ['server/chat/', 'server/orders/', 'server/realtime/'],
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
      'server/notify/',
      'server/realtime/',
      'server/recordings/',
      'server/sites/',
      'server/tags/',
      'server/webhooks/',
      'server/channels/',
    ],
  },
  {
    path: 'server/dashboard-route.ts',
    imports: ['server/auth/', 'server/demo/', 'server/ingest/'],
  },
  ...SERVER_ROOMS,
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
