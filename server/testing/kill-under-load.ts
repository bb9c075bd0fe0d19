import type { ChildProcess } from 'node:child_process';
import { exited } from './ingest-process.ts';

/**
 * Loads a server with `workers` request loops, then kills it with SIGKILL once `ackedAtLeast`
 * requests were acknowledged (or `withinMs` passed): a loaded runner acknowledges slower, so
 * the kill waits on a count, not a clock. `send(n)` sends request number n (0, 1, 2, … across
 * all loops) and says whether the server acknowledged it; a connection reset by the kill is
 * not an acknowledgement. Returns the acknowledged numbers and how many were sent.
 */
export async function killUnderLoad(
  child: ChildProcess,
  o: { workers: number; ackedAtLeast: number; withinMs?: number; send: (n: number) => Promise<boolean> },
): Promise<{ acked: number[]; sent: number }> {
  const acked: number[] = [];
  let sent = 0;
  let stop = false;
  const loop = async () => {
    while (!stop) {
      const n = sent++;
      try {
        if (await o.send(n)) acked.push(n);
      } catch {
        // reset by the kill: not acknowledged, so not promised
      }
    }
  };
  const loops = Array.from({ length: o.workers }, loop);
  for (const until = Date.now() + (o.withinMs ?? 30_000); acked.length < o.ackedAtLeast && Date.now() < until;)
    await new Promise((r) => setTimeout(r, 10));
  const killed = exited(child);
  child.kill('SIGKILL');
  stop = true;
  await Promise.all(loops);
  await killed;
  return { acked, sent };
}
