/**
 * One task at a time per site: a task starts once the site's previous one has settled
 * (failed or not), so a read-check-write of one site never interleaves with another.
 */
export class SiteTurns {
  private readonly turns = new Map<string, Promise<unknown>>();

  run<T>(siteId: string, task: () => Promise<T>): Promise<T> {
    const next = (this.turns.get(siteId) ?? Promise.resolve()).catch(() => undefined).then(task);
    this.turns.set(siteId, next);
    void next
      .catch(() => undefined)
      .finally(() => {
        if (this.turns.get(siteId) === next) this.turns.delete(siteId);
      });
    return next;
  }
}
