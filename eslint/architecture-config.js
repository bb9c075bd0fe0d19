// The flat-config block that turns the room table (architecture.js) into lint rules.
import { ARCHITECTURE } from './architecture.js';

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
 * One selector for the folders and one for the files among `paths`: the plugin matches every
 * import against every selector of every room, so a selector per target made the rule half of
 * the whole lint's time.
 * @param {string[]} paths
 */
function targets(paths) {
  const folders = paths.filter((p) => !isFile(p));
  const files = paths.filter(isFile);
  return [
    ...(folders.length ? [{ element: { type: folders } }] : []),
    ...(files.length ? [{ file: { categories: files } }] : []),
  ];
}

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
              ...targets([r.path, ...r.imports]).map((to) => ({ to })),
              ...targets(r.types ?? []).map((to) => ({ to, dependency: { kind: 'type' } })),
            ],
          })),
        },
      ],
    },
  };
}
