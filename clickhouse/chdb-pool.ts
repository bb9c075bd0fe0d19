import { createChdbConnection, type ChdbConnection } from 'chdb/connection';

type Member = { connection: ChdbConnection; busy: number };
type Method = 'query' | 'insert' | 'command' | 'exec' | 'ping';

/** The embedded engine behind `createClient({ connection })`: what @clickhouse/client calls on it. */
export type PooledConnection = Pick<ChdbConnection, Method | 'close'>;

/**
 * A chdb session runs one statement at a time: an ingest insert or a live visitor's lookup
 * issued during a report waited for the report to end. Sessions on one path share the
 * engine and its data and run side by side, so the embedded client keeps a few and gives each
 * call to the least busy one, as the HTTP transport spreads calls over its sockets. No code
 * relies on session state (temporary tables, SET): per-query settings go in SETTINGS clauses.
 */
export function createChdbPool(path: string, size: number): PooledConnection {
  const members: Member[] = Array.from({ length: size }, () => ({
    connection: createChdbConnection({ path }),
    busy: 0,
  }));
  const leastBusy = () => members.reduce((best, m) => (m.busy < best.busy ? m : best));
  // Closing a session under a running statement can hang the process (seen when SIGTERM came
  // while start-up reads, such as the knowledge index, were still running): close waits for them.
  const running = new Set<Promise<unknown>>();
  let closed = false;
  const on =
    <M extends Method>(method: M) =>
    async (params: Parameters<ChdbConnection[M]>[0]): Promise<Awaited<ReturnType<ChdbConnection[M]>>> => {
      if (closed) throw new Error('The embedded ClickHouse is closed');
      const member = leastBusy();
      member.busy++;
      // chdb materialises a result before it resolves: the session is free once this returns.
      const call = member.connection[method] as (p: typeof params) => ReturnType<ChdbConnection[M]>;
      const result = Promise.resolve(call.call(member.connection, params));
      running.add(result);
      try {
        return await result;
      } finally {
        running.delete(result);
        member.busy--;
      }
    };
  return {
    query: on('query'),
    insert: on('insert'),
    command: on('command'),
    exec: on('exec'),
    ping: on('ping'),
    close: async () => {
      closed = true;
      await Promise.allSettled([...running]);
      await Promise.all(members.map((m) => m.connection.close()));
    },
  };
}
