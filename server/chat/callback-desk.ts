import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import type { CallbackRow, EventRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { realtimeBus } from '../bus/bus.ts';
import { CALLBACK_AGAIN_MAX_MS, type CallbackOutcomeInput } from '../contract/callbacks.ts';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../contract/errors.ts';
import { processSingleton } from '../process-singleton.ts';
import { getCallbackById } from '../queries/callback-by-id.ts';
import { getStoredEventIds } from '../queries/stored-event-ids.ts';
import { chatEvent } from './chat-events.ts';
import { SiteTurns } from './site-turns.ts';

/** A claim or an outcome as one unit: the queue's new version and the event the reports count. */
export interface DeskStep {
  row: CallbackRow;
  event: EventRow;
}

const SUFFIX = '.json';

export const storeCallbackRows = (ch: ClickHouseClient, rows: CallbackRow[]) =>
  rows.length ? ch.insert({ table: TABLES.callbacks, values: rows, format: 'JSONEachRow' }) : Promise.resolve();

/**
 * Claims and outcomes of the callback queue (tRPC, inside Next, reaches it as a process
 * singleton; the server configures its journal and replays it at start). One change per site
 * at a time: the check "nobody holds it" and the write of the claim happen with no other
 * claim in between, so two agents claiming at once get one claim and one conflict. A change
 * is journaled before it is stored and answered after, so an acknowledged claim or outcome
 * survives kill -9 and a crash between the queue row and its event loses neither.
 */
export class CallbackDesk {
  private dir = '';
  private readonly turns = new SiteTurns();
  private sequence = 0;

  configure(dir: string): void {
    mkdirSync(dir, { recursive: true });
    this.dir = dir;
  }

  claim(ch: ClickHouseClient, siteId: string, callbackId: string, userId: string): Promise<CallbackRow> {
    return this.change(ch, siteId, callbackId, (current, now) => claimStep(current, userId, now));
  }

  /** The claimer lets go: the callback goes back to the queue as it was. */
  release(ch: ClickHouseClient, siteId: string, callbackId: string, userId: string): Promise<CallbackRow> {
    return this.change(ch, siteId, callbackId, (current) => {
      if (current.claimed_by !== userId) throw new ForbiddenError('Only the agent who claimed it can release it');
      return { row: { ...current, claimed_by: '', claimed_at: 0 }, event: null };
    });
  }

  record(
    ch: ClickHouseClient,
    siteId: string,
    callbackId: string,
    userId: string,
    input: CallbackOutcomeInput,
  ): Promise<CallbackRow> {
    return this.change(ch, siteId, callbackId, (current, now) => outcomeStep(current, userId, now, input));
  }

  /** Stores what a previous process journaled and did not finish (call at start, before answering). */
  async replay(ch: ClickHouseClient): Promise<number> {
    if (!this.dir) return 0;
    let count = 0;
    for (const file of readdirSync(this.dir)
      .filter((f) => f.endsWith(SUFFIX))
      .sort()) {
      const path = join(this.dir, file);
      let step: DeskStep | { row: CallbackRow; event: null };
      try {
        step = JSON.parse(readFileSync(path, 'utf8')) as DeskStep;
      } catch {
        // Only a crash mid-write leaves this, and that change was never acknowledged.
        rmSync(path, { force: true });
        continue;
      }
      await this.store(ch, step, true);
      rmSync(path, { force: true });
      count++;
    }
    return count;
  }

  private change(
    ch: ClickHouseClient,
    siteId: string,
    callbackId: string,
    decide: (current: CallbackRow, now: number) => { row: CallbackRow; event: EventRow | null } | null,
  ): Promise<CallbackRow> {
    return this.turns.run(siteId, async () => {
      if (!this.dir) throw new Error('callback desk: no journal configured');
      const current = await getCallbackById(ch, siteId, callbackId);
      if (!current) throw new NotFoundError('No such callback');
      const now = Date.now();
      const next = decide(current, now);
      if (!next) return current;
      const step = { row: nextVersion(current, next.row, now), event: next.event };
      const path = join(
        this.dir,
        `${now.toString(36).padStart(9, '0')}-${String(++this.sequence).padStart(9, '0')}${SUFFIX}`,
      );
      writeFileSync(path, JSON.stringify(step));
      await this.store(ch, step, false);
      rmSync(path, { force: true });
      realtimeBus().publish('callbacks', { siteId });
      return step.row;
    });
  }

  /** The row first: stored twice it is one version; the event is skipped on a replay when already stored. */
  private async store(ch: ClickHouseClient, step: { row: CallbackRow; event: EventRow | null }, replay: boolean) {
    await storeCallbackRows(ch, [step.row]);
    const { event } = step;
    if (!event) return;
    if (replay && (await getStoredEventIds(ch, event.site_id, event.visitor_id, [event.event_id])).has(event.event_id))
      return;
    await ch.insert({ table: TABLES.events, values: [event], format: 'JSONEachRow' });
  }
}

// The desk's changes as plain functions of the current row, so the demo history works its
// callbacks through the very transitions an agent's clicks go through.

/** An agent claims a callback: null when they hold it already. */
export function claimStep(current: CallbackRow, userId: string, now: number): DeskStep | null {
  if (current.state === 'done') throw new ConflictError('This callback is done');
  if (current.claimed_by === userId) return null;
  if (current.claimed_by) throw new ConflictError('Another agent has claimed this callback');
  const row = { ...current, claimed_by: userId, claimed_at: now };
  return { row, event: callbackEvent(row, 'callback_claimed', userId, now, {}) };
}

/** The claimer records what the call gave: done, or back in the queue for "call again". */
export function outcomeStep(current: CallbackRow, userId: string, now: number, input: CallbackOutcomeInput): DeskStep {
  if (current.state === 'done') throw new ConflictError('This callback is done');
  if (current.claimed_by !== userId) throw new ConflictError('Claim the callback before recording its outcome');
  const attempts = current.attempts + 1;
  if (input.outcome !== 'call_again') {
    const row: CallbackRow = { ...current, state: 'done', outcome: input.outcome, attempts };
    return { row, event: callbackEvent(row, 'callback_outcome', userId, now, { outcome: input.outcome }) };
  }
  const at = Date.parse(input.at);
  if (at <= now || at > now + CALLBACK_AGAIN_MAX_MS)
    throw new InvalidError('"Call again at" must be in the future, within 60 days');
  // Back in the queue for anyone: the next attempt may fall on another agent's shift.
  const row: CallbackRow = { ...current, due_at: at, outcome: 'call_again', attempts, claimed_by: '', claimed_at: 0 };
  const iso = new Date(at).toISOString();
  return { row, event: callbackEvent(row, 'callback_outcome', userId, now, { outcome: 'call_again', at: iso }) };
}

/** The row a change stores: one version past the current one. */
export const nextVersion = (current: CallbackRow, row: CallbackRow, now: number): CallbackRow => ({
  ...row,
  version: current.version + 1,
  updated_at: now,
});

function callbackEvent(
  row: CallbackRow,
  type: 'callback_claimed' | 'callback_outcome',
  userId: string,
  now: number,
  props: Record<string, string>,
): EventRow {
  return chatEvent(
    {
      siteId: row.site_id,
      visitorId: row.visitor_id,
      sessionId: '',
      type,
      at: now,
      agentId: userId,
      leadId: row.lead_id,
      props: { callback_id: row.callback_id, ...props },
    },
    null,
  );
}

/** The process's one desk: tRPC (inside Next) and the server share it, and with it the per-site turns. */
export const callbackDesk = () => processSingleton('callbackDesk', () => new CallbackDesk());

/** The queue rows of a chat step's callback requests (the request event's id is the callback's id). */
export function callbackRowsOf(
  events: EventRow[],
  contact: { leadId: string; name: string; phone: string },
): CallbackRow[] {
  return events
    .filter((e) => e.type === 'callback_request')
    .map((e) => {
      const preferred = Date.parse(e.props['at'] ?? '') || e.ts;
      return {
        site_id: e.site_id,
        callback_id: e.event_id,
        visitor_id: e.visitor_id,
        lead_id: contact.leadId,
        name: contact.name || (e.props['name'] ?? ''),
        phone: contact.phone || (e.props['phone'] ?? ''),
        requested_at: e.ts,
        preferred_at: preferred,
        due_at: preferred,
        state: 'open',
        claimed_by: '',
        claimed_at: 0,
        outcome: '',
        attempts: 0,
        version: 1,
        updated_at: e.ts,
      };
    });
}
