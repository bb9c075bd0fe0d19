// Builds tracker/src → tracker/dist/t.js and enforces the size budget: the leaders
// ship 2.2–3.3 KB gzip; LeadTrail's core must stay under 2,048 B.
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const BUDGET_GZIP = 2048;
const root = fileURLToPath(new URL('.', import.meta.url));
const outfile = `${root}dist/t.js`;
const widgetFile = `${root}dist/w.js`;

export interface TrackerSize {
  path: string;
  raw: number;
  gzip: number;
  brotli: number;
}

const bundle = (entry: string, out: string) =>
  build({
    entryPoints: [`${root}${entry}`],
    outfile: out,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2017',
    legalComments: 'none',
    sourcemap: false,
    // Not tsconfig.json: its strict mode would only add a "use strict" prologue to an IIFE that needs none.
    tsconfigRaw: {},
  });

function sizeOf(path: string): TrackerSize {
  const code = readFileSync(path);
  return { path, raw: code.length, gzip: gzipSync(code, { level: 9 }).length, brotli: brotliCompressSync(code).length };
}

/** Builds the core snippet (t.js, budgeted) and the chat widget it loads when idle (w.js). */
export async function buildTracker(): Promise<TrackerSize> {
  mkdirSync(`${root}dist`, { recursive: true });
  await Promise.all([bundle('src/index.ts', outfile), bundle('widget/index.ts', widgetFile)]);
  return sizeOf(outfile);
}

export const widgetSize = (): TrackerSize => sizeOf(widgetFile);

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const size = await buildTracker();
  const widget = widgetSize();
  console.log(
    `tracker/dist/t.js: ${size.raw} B raw, ${size.gzip} B gzip, ${size.brotli} B brotli (budget ${BUDGET_GZIP} B gzip)`,
  );
  console.log(`tracker/dist/w.js (chat widget, loaded when idle): ${widget.raw} B raw, ${widget.gzip} B gzip`);
  if (size.gzip > BUDGET_GZIP) {
    console.error(
      `tracker/dist/t.js is ${size.gzip} B gzip, ${size.gzip - BUDGET_GZIP} B over the ${BUDGET_GZIP} B budget: make the snippet smaller (or move features into a lazily loaded file)`,
    );
    process.exit(1);
  }
}
