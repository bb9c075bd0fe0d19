/** Runs async tasks in order, at most `max` at a time. A task reports its own failures. */
export class TaskQueue {
  private readonly waiting: (() => Promise<void>)[] = [];
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly max: number) {}

  push(task: () => Promise<void>): void {
    if (this.closed) return;
    this.waiting.push(task);
    this.pump();
  }

  /** Drops what has not started; resolves once what has started has finished. */
  async close(): Promise<void> {
    this.closed = true;
    this.waiting.length = 0;
    await Promise.allSettled([...this.running]);
  }

  private pump(): void {
    while (!this.closed && this.running.size < this.max) {
      const task = this.waiting.shift();
      if (!task) return;
      const run: Promise<void> = task().finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }
}
