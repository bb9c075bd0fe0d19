import type { ClickHouseClient } from '@clickhouse/client';
import { listTagRules } from '../queries/list-tag-rules.ts';
import { recordAssignments } from './record-assignments.ts';
import { ruleVisitors } from './rule-matches.ts';
import { visitorTagCache } from './tag-cache.ts';

/**
 * Automatic tag rules as events arrive: each stored batch marks its visitors, and shortly
 * after (batches of a busy second share one pass) every rule of the site is checked over
 * those visitors' whole history, in the store. Rules are read on each pass, so one saved
 * through tRPC (inside Next) applies from the next batch on.
 */
export class TagRuleEngine {
  private readonly touched = new Map<string, Set<string>>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: { ch: ClickHouseClient; delayMs?: number }) {}

  start(): Promise<void> {
    return visitorTagCache().load(this.options.ch);
  }

  onStored(rows: { events: readonly { visitor_id: string }[] }, siteId: string): void {
    if (this.closed || rows.events.length === 0) return;
    let set = this.touched.get(siteId);
    if (!set) this.touched.set(siteId, (set = new Set()));
    for (const e of rows.events) if (e.visitor_id) set.add(e.visitor_id);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.running = this.running.then(() => this.pass());
    }, this.options.delayMs ?? 500);
  }

  /** Resolves once the visitors marked so far were checked. */
  async settle(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.running = this.running.then(() => this.pass());
    }
    await this.running;
  }

  private async pass(): Promise<void> {
    const batch = [...this.touched];
    this.touched.clear();
    for (const [siteId, visitors] of batch) {
      try {
        const rules = await listTagRules(this.options.ch, siteId);
        const cache = visitorTagCache();
        for (const rule of rules) {
          // Visitors already holding the tag need no look: a rule's tag stays once given.
          const open = [...visitors].filter((v) => !cache.tagsOf(siteId, v).has(rule.tagId));
          if (open.length === 0) continue;
          const ids = await ruleVisitors(this.options.ch, siteId, rule, open);
          await recordAssignments(
            this.options.ch,
            siteId,
            ids.map((id) => ({
              kind: 'visitor',
              subjectId: id,
              tagId: rule.tagId,
              origin: 'rule',
              ruleId: rule.ruleId,
              userId: '',
              removed: false,
            })),
          );
        }
      } catch (error) {
        console.error('tags: a rule pass failed', error);
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.settle();
  }
}
