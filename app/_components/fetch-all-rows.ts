/** Reports how far an export has come. */
export type ExportProgress = (done: number, total: number) => void;

/** Every row of a server list, fetched chunk by chunk (`all: true` pages), with progress. */
export async function fetchAllRows<R>(
  fetchChunk: (chunk: number) => Promise<{ rows: R[]; total: number }>,
  progress: ExportProgress,
): Promise<R[]> {
  const rows: R[] = [];
  let total = Infinity;
  for (let chunk = 1; rows.length < total; chunk++) {
    const next = await fetchChunk(chunk);
    total = next.total;
    // A list that shrank while it was read ends early rather than asking forever.
    if (next.rows.length === 0) break;
    rows.push(...next.rows);
    progress(Math.min(rows.length, total), total);
  }
  return rows;
}
