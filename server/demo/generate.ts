import { TABLES } from '../../clickhouse/tables.ts';
import type { InsertFn } from '../ingest/clickhouse-insert.ts';
import type { RequestContext } from '../ingest/enrich.ts';
import type { CollectPayload } from '../ingest/payload.ts';
import { BatchSink } from './batch-sink.ts';
import { createRandom } from './random.ts';
import { HOUR, hourSlots, nextVisitAfter } from './rhythm.ts';
import type { RobotWorld } from './demo-knowledge.ts';
import type { Visitor } from './session-plan.ts';
import { emitBotVisit, emitVisit, newVisitor, type Tally } from './traffic.ts';

export interface GenerateOptions {
  siteId: string;
  /** About how many rows to write into the events table. */
  events: number;
  days?: number;
  /** End of the window (ms); defaults to the current time. */
  now?: number;
  seed?: number;
  insert: InsertFn;
  batchRows?: number;
  /** The demo knowledge base: with it, some visitors' questions go to the robot (robot-chat.ts). */
  robot?: RobotWorld;
  onProgress?: (done: number, total: number) => void;
  /** After the last event: what the rest of the run does (the other tables' last rows). */
  onPhase?: (phase: 'last-rows') => void;
  /** Each snippet request of the history, before enrichment. */
  onRequest?: (payload: CollectPayload, ctx: RequestContext) => void;
}

export type GenerateSummary = Tally;

/** Share of new "visitors" that are crawlers (enrich() stores them apart as bot rows). */
const BOT_SHARE = 0.03;
/** Visits that would still be going on at `now` are skipped; give up on a slot after this many in a row. */
const MAX_SKIPPED = 1_000;

interface Return {
  visitor: Visitor;
  at: number;
}

/**
 * Demo history, written in time order, one local clock hour at a time. Each hour gets
 * its share of the requested events (by hour of day, weekday, a slow growth and day to
 * day noise); returning visitors' visits are scheduled into later hours and new visitors
 * fill the rest. Time order keeps each insert within one or two monthly partitions.
 */
export async function generateHistory(opts: GenerateOptions): Promise<GenerateSummary> {
  const rnd = createRandom(opts.seed ?? 1);
  const now = Math.floor(opts.now ?? Date.now());
  const days = opts.days ?? 90;
  const total = Math.max(0, Math.floor(opts.events));
  const tally: Tally = { events: 0, visitors: 0, sessions: 0, leads: 0, orders: 0, chats: 0 };
  const sink = new BatchSink(
    opts.insert,
    Math.max(1, opts.batchRows ?? 20_000),
    TABLES.events,
    (done) => opts.onProgress?.(Math.min(done, total), total),
    opts.onRequest,
  );
  if (total === 0) return tally;

  const slots = hourSlots(rnd, now, days);
  const firstHour = Math.floor((slots[0]?.start ?? now) / HOUR);
  const totalWeight = slots.reduce((sum, s) => sum + s.weight, 0);
  const returns: (Return[] | undefined)[] = [];
  let due = 0;

  for (let s = 0; s < slots.length; s++) {
    const slot = slots[s];
    if (!slot) continue;
    due += (total * slot.weight) / totalWeight;
    const visit = (visitor: Visitor, at: number): boolean => {
      const end = emitVisit(rnd, opts.siteId, now, visitor, at, sink, tally, opts.robot);
      if (end === undefined) return false;
      if (visitor.returnsLeft > 0) {
        visitor.returnsLeft--;
        const next = nextVisitAfter(rnd, end);
        if (next < now) {
          const index = Math.max(s, Math.floor(next / HOUR) - firstHour);
          (returns[index] ??= []).push({ visitor, at: next });
        }
      }
      return true;
    };
    // Returns scheduled into this very hour (a short break) are appended while it runs.
    let served = 0;
    const serveReturns = () => {
      const list = returns[s] ?? [];
      for (; served < list.length; served++) {
        const r = list[served] as Return;
        visit(r.visitor, r.at);
      }
    };
    serveReturns();
    let skipped = 0;
    while (tally.events < due && skipped < MAX_SKIPPED) {
      const at = slot.start + Math.floor(rnd.next() * (slot.end - slot.start));
      if (rnd.chance(BOT_SHARE)) emitBotVisit(rnd, opts.siteId, now, at, sink);
      else skipped = visit(newVisitor(rnd, at), at) ? 0 : skipped + 1;
      serveReturns();
      if (sink.full) await sink.flush();
    }
    serveReturns();
    returns[s] = undefined;
    if (sink.full) await sink.flush();
  }
  opts.onPhase?.('last-rows');
  await sink.close();
  return tally;
}
