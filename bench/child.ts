import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface Child {
  process: ChildProcess;
  port: number;
  /** Everything the child printed before `listening`. */
  lines: string[];
  rssMb(): number;
  /** CPU time the child has used so far (user + system), ms. */
  cpuMs(): number;
  /** File descriptors the child holds now (sockets, the store's files). */
  fds(): number;
  stop(): Promise<void>;
}

/**
 * A child's command line; with `raiseFdLimit` a shell lifts its open-file limit to the hard
 * one first (many systems keep the soft limit at 1,024, far below a crowd of sockets).
 */
export function childCommand(
  entry: string,
  args: string[],
  raiseFdLimit = false,
  nodeArgs: string[] = [],
): [string, string[]] {
  const node = [process.execPath, ...nodeArgs, '--import', 'tsx', entry, ...args];
  return raiseFdLimit
    ? ['/bin/sh', ['-c', 'ulimit -n "$(ulimit -Hn)"; exec "$@"', 'sh', ...node]]
    : [node[0]!, node.slice(1)];
}

/** The hard open-file limit of this process (its children cannot go above it), or Infinity. */
export function hardFdLimit(): number {
  const line = /^Max open files\s+\S+\s+(\S+)/m.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1];
  return line === undefined || line === 'unlimited' ? Number.POSITIVE_INFINITY : Number(line);
}

// The benches' stand-in for the product's server: it runs with the product's Node flags.
const SERVER_ENTRY = 'scripts/ingest-server.ts';

/** The Node flags of `npm start` in the checkout at `dir` (package.json's start script). */
export function productNodeFlags(dir = '.'): string[] {
  const start = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts
    .start;
  const flags = /\bnode((?:\s+--(?!import\b)[\w-]+(?:=\S+)?)*)\s+--import\b/.exec(start)?.[1] ?? '';
  return flags.split(/\s+/).filter(Boolean);
}

/** Starts a TypeScript entry point that prints `listening PORT` and returns its port. */
export async function startChild(
  entry: string,
  args: string[] = [],
  cwd?: string,
  options: { raiseFdLimit?: boolean; nodeArgs?: string[] } = {},
): Promise<Child> {
  const nodeArgs = [...(entry === SERVER_ENTRY ? productNodeFlags(cwd) : []), ...(options.nodeArgs ?? [])];
  const [command, argv] = childCommand(entry, args, options.raiseFdLimit, nodeArgs);
  const child = spawn(command, argv, {
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd,
  });
  const lines: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${entry} exited (${code})`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^listening (\d+)/.exec(line);
      if (m) resolve(Number(m[1]));
      else lines.push(line);
    });
  });
  return {
    process: child,
    port,
    lines,
    rssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    cpuMs() {
      // Fields 14 and 15 of /proc/PID/stat (after the parenthesised name): utime, stime in ticks of 10 ms.
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    fds() {
      return readdirSync(`/proc/${child.pid}/fd`).length;
    },
    async stop() {
      const closed = new Promise((r) => child.once('close', r));
      child.kill('SIGTERM');
      await closed;
    },
  };
}
