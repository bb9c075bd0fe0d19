import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface IngestProcess {
  child: ChildProcess;
  base: string;
  /** Every line the process printed so far, stdout and stderr. */
  output: string[];
}

const running = new Set<ChildProcess>();
// A test that fails before it stops its server must not leave it running (and holding its
// store): the test process kills what it started when it exits.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** scripts/ingest-server.ts in a child process of its own, on `dataDir`: tests kill it for real. */
export function startIngestServer(dataDir: string, site: string, args: string[] = []): Promise<IngestProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/ingest-server.ts', '--data-dir', dataDir, '--site', site, ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  running.add(child);
  child.once('exit', () => running.delete(child));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited early (${code}):\n${output.join('\n')}`)));
    createInterface({ input: child.stderr }).on('line', (line) => output.push(line));
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      const m = /^listening (\d+)/.exec(line);
      if (m) resolve({ child, base: `http://127.0.0.1:${m[1]}`, output });
    });
  });
}

/** Resolves once `child` has exited and closed its pipes. */
export const exited = (child: ChildProcess) => new Promise((resolve) => child.once('close', resolve));
