// This checkout's ingest server against another checkout's (e.g. the commit before a change),
// alternating, under the same single-event load as the http bench. The VM's speed moves within
// minutes, so only figures taken side by side compare; the server's CPU time per request moves
// less with the neighbours' load than requests/s do.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startChild, type Child } from './child.ts';
import { load } from './ingest-http.ts';
import { fmt, mdRow } from './markdown.ts';

export interface AbRun {
  round: number;
  tree: 'this' | 'other';
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** Server CPU (user + system) per answered request, µs. */
  cpuUsPerRequest: number;
  /** The server's resident memory at the end of the run, MB (issue 21 §5). */
  rssMb: number;
}

const ENTRY = 'scripts/ingest-server.ts';

function start(dir: string): Promise<Child> {
  // Limits on, far above what one run sends from 127.0.0.1, where the server has them.
  const limited = readFileSync(join(dir, ENTRY), 'utf8').includes('rate-ip-per-min');
  const limits = limited ? ['--rate-ip-per-min', '1000000000', '--rate-site-per-min', '1000000000'] : [];
  const dataDir = mkdtempSync(join(tmpdir(), 'leadtrail-bench-ab-'));
  return startChild(ENTRY, ['--data-dir', dataDir, '--site', 'bench-site', ...limits], dir);
}

async function measure(child: Child, seconds: number, connections: number): Promise<Omit<AbRun, 'round' | 'tree'>> {
  const cpuBefore = child.cpuMs();
  const r = await load('run', child.port, seconds, connections, () => child.rssMb());
  const cpuMs = child.cpuMs() - cpuBefore;
  return {
    rps: r.rps,
    p50: r.p50,
    p99: r.p99,
    non2xx: r.non2xx,
    cpuUsPerRequest: (cpuMs * 1000) / Math.max(1, r.rps * seconds),
    rssMb: r.rssMb,
  };
}

async function runOnce(dir: string, seconds: number, connections: number): Promise<Omit<AbRun, 'round' | 'tree'>> {
  const child = await start(dir);
  await load('warm-up', child.port, 2, connections, () => 0);
  const result = await measure(child, seconds, connections);
  await child.stop();
  return result;
}

/**
 * Both servers at once, each with half the connections: they share whatever the neighbours
 * take from the VM in that moment, so their ratio holds still where one after the other
 * swings several-fold. The first started and loaded did measurably worse in an A/A run (the
 * same server twice: 0.48-1.09), so the two swap places every round.
 */
async function runTogether(
  dirs: { this: string; other: string },
  seconds: number,
  connections: number,
  thisFirst: boolean,
): Promise<Record<'this' | 'other', Omit<AbRun, 'round' | 'tree'>>> {
  const order = thisFirst ? [dirs.this, dirs.other] : [dirs.other, dirs.this];
  const children = await Promise.all(order.map((dir) => start(dir)));
  const half = Math.max(1, Math.floor(connections / 2));
  await Promise.all(children.map((c) => load('warm-up', c.port, 2, half, () => 0)));
  const [first, second] = await Promise.all(children.map((c) => measure(c, seconds, half)));
  await Promise.all(children.map((c) => c.stop()));
  if (!first || !second) throw new Error('a server did not report');
  return thisFirst ? { this: first, other: second } : { this: second, other: first };
}

export async function benchIngestAb(
  otherDir: string,
  rounds = 3,
  seconds = 10,
  together = false,
  connections = 500,
): Promise<AbRun[]> {
  const other = resolve(otherDir);
  if (!existsSync(join(other, ENTRY))) throw new Error(`${other} is not a LeadTrail checkout`);
  const runs: AbRun[] = [];
  for (let round = 1; round <= rounds; round++) {
    if (together) {
      const r = await runTogether({ this: process.cwd(), other }, seconds, connections, round % 2 === 0);
      runs.push({ round, tree: 'this', ...r.this }, { round, tree: 'other', ...r.other });
      continue;
    }
    // Alternate which goes first, so a drift in the VM's speed does not favour one side.
    const order: ['this' | 'other', string][] =
      round % 2 === 1
        ? [
            ['other', other],
            ['this', process.cwd()],
          ]
        : [
            ['this', process.cwd()],
            ['other', other],
          ];
    for (const [tree, dir] of order) runs.push({ round, tree, ...(await runOnce(dir, seconds, connections)) });
  }
  return runs;
}

/** The Markdown table of the rounds, with the medians of req/s and CPU per request. */
export function ingestAbLines(runs: AbRun[], compare: string, rounds: number, together: boolean): string[] {
  const lines = [
    `Ingest server, single-event requests, 500 connections: this checkout against ${compare}, ${together ? 'both at once, 250 connections each' : 'alternating'}`,
    '',
    mdRow(['round', 'checkout', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'server CPU µs / request', 'server RSS MB']),
    mdRow(['---', '---', '---', '---', '---', '---', '---', '---']),
  ];
  for (const r of runs)
    lines.push(
      mdRow([
        String(r.round),
        r.tree,
        fmt(r.rps),
        String(r.p50),
        String(r.p99),
        String(r.non2xx),
        r.cpuUsPerRequest.toFixed(0),
        r.rssMb.toFixed(0),
      ]),
    );
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const side = (tree: 'this' | 'other') => runs.filter((r) => r.tree === tree);
  const rps = (tree: 'this' | 'other') => median(side(tree).map((r) => r.rps));
  const cpu = (tree: 'this' | 'other') => median(side(tree).map((r) => r.cpuUsPerRequest));
  const rss = (tree: 'this' | 'other') => median(side(tree).map((r) => r.rssMb));
  const perRound = median(
    Array.from({ length: rounds }, (_, i) => {
      const pair = runs.filter((r) => r.round === i + 1);
      return (pair.find((r) => r.tree === 'this')?.rps ?? 0) / (pair.find((r) => r.tree === 'other')?.rps ?? 1);
    }),
  );
  lines.push(
    '',
    `Medians: req/s this / other **${(rps('this') / rps('other')).toFixed(3)}** (of each round's ratio: **${perRound.toFixed(3)}**); CPU per request this / other **${(cpu('this') / cpu('other')).toFixed(3)}**; server RSS this ${rss('this').toFixed(0)} MB, other ${rss('other').toFixed(0)} MB`,
    '',
  );
  return lines;
}
