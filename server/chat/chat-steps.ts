import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import type { ChatMessageRow, EventRow, IdentityRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { storeIdentities } from '../ingest/identity-merge.ts';
import { identityFromLead } from '../leads/lead-identity.ts';
import { joinOpenLead } from '../leads/lead-dedup.ts';
import { buildLead, insertLead, type PlannedLead } from '../leads/lead-service.ts';
import { getLead } from '../queries/get-lead.ts';
import { getStoredEventIds } from '../queries/stored-event-ids.ts';
import { realtimeBus } from '../bus/bus.ts';
import { callbackRowsOf, storeCallbackRows } from './callback-desk.ts';
import { SiteTurns } from './site-turns.ts';
import { storeMessage } from './chat-store.ts';
import { storeChatToken } from './chat-tokens.ts';
import { storeVisitorTerms, visitorTermsRow, type VisitorTermsRow } from './visitor-terms.ts';

/**
 * What a visitor is told has happened, as one unit: a chat request with its first message
 * and its pre-chat lead, or an offline message / callback request with its lead. It is
 * journaled before the visitor is answered and stored after, so the answer never waits
 * for ClickHouse (the lead's attribution reads alone took seconds under load) and a kill
 * in between loses none of it: the next start stores what is left before chats are restored.
 */
export interface ChatStep {
  /** Unique and sortable by creation (steps replay in order). */
  id: string;
  siteId: string;
  visitorId: string;
  /** Event ids are fixed here, so a replay can skip the ones already stored. */
  events: EventRow[];
  /** A new chat's token hash (hex): the page is shown the token only once this is journaled. */
  token?: { chatId: string; hash: string; at: number };
  message?: ChatMessageRow;
  lead?: PlannedLead;
  /** Who the visitor said they are when that makes no lead (a pre-chat form with a name only). */
  identity?: IdentityRow;
  /** Hot words of the question or offline message, segmented when journaled (`commit`). */
  terms?: VisitorTermsRow[];
}

/** The pre-chat question (seq 1, the visitor's) and an offline message are what visitors wrote here. */
function stepTerms(step: ChatStep): VisitorTermsRow[] {
  const [event] = step.events;
  if (!event) return [];
  const rows: (VisitorTermsRow | null)[] = [];
  const m = step.message;
  if (m && m.sender === 'visitor')
    rows.push(
      visitorTermsRow(event, { messageId: m.message_id, chatId: m.chat_id, kind: 'prechat', text: m.body, at: m.ts }),
    );
  const lead = step.lead;
  if (lead && lead.input.source === 'offline' && lead.input.message)
    rows.push(
      visitorTermsRow(event, {
        messageId: `o_${lead.leadId}`,
        chatId: '',
        kind: 'offline',
        text: lead.input.message,
        at: lead.input.now,
      }),
    );
  return rows.filter((r): r is VisitorTermsRow => r !== null);
}

export interface ChatStepsDeps {
  ch: ClickHouseClient;
  /** One file per step, removed once the step is stored. */
  dir: string;
  /**
   * Writes events durably (the ingest journal); resolves once they survive kill -9. A lead's
   * contact goes with them as an identity row, merged by the batch writer as `identify` is.
   */
  writeEvents(rows: EventRow[], identities?: IdentityRow[]): Promise<void>;
}

const SUFFIX = '.json';
// Storing a step reads the visitor's history: two at a time leave the engine's third session
// (clickhouse/client.ts) to chat messages and reports.
const PARALLEL = 2;
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

export class ChatSteps {
  /** Steps waiting for one of the PARALLEL turns, and how many are taken. */
  private readonly waiting: (() => Promise<void>)[] = [];
  private running = 0;
  private readonly inFlight = new Set<Promise<void>>();
  /** Per site, the lead work running now: two captures of one email must not both see "no open lead". */
  private readonly leadTurns = new SiteTurns();
  private readonly startedAt = Date.now().toString(36).padStart(9, '0');
  private sequence = 0;
  private stopping = false;
  private wake: () => void = () => undefined;
  private readonly stopped = new Promise<void>((resolve) => (this.wake = resolve));

  constructor(private readonly deps: ChatStepsDeps) {
    mkdirSync(deps.dir, { recursive: true });
  }

  newId(): string {
    return `${this.startedAt}-${String(++this.sequence).padStart(9, '0')}`;
  }

  /**
   * Journals `step` and stores it in the background. Synchronous on purpose: once this
   * returns the step survives kill -9 (the write is in the page cache, as ingest's journal),
   * and the caller may change state and answer in the same turn, with no await in between.
   */
  commit(raw: ChatStep): void {
    const step: ChatStep = { ...raw, terms: raw.terms ?? stepTerms(raw) };
    writeFileSync(this.path(step.id), JSON.stringify(step));
    this.settle(step);
  }

  /**
   * Stores, in order, the steps a previous process journaled and did not finish. Call before
   * restoring chats. Returns how many were stored; the others are retried in the background.
   */
  async replay(): Promise<number> {
    const files = readdirSync(this.deps.dir)
      .filter((f) => f.endsWith(SUFFIX))
      .sort();
    let count = 0;
    for (const file of files) {
      let step: ChatStep;
      try {
        step = JSON.parse(readFileSync(join(this.deps.dir, file), 'utf8')) as ChatStep;
      } catch {
        // Only a machine crash mid-write leaves this, and that step was never acknowledged.
        console.error(`chat: skipped a torn step ${file}`);
        rmSync(join(this.deps.dir, file), { force: true });
        continue;
      }
      try {
        await this.store(step, true);
        rmSync(join(this.deps.dir, file), { force: true });
        count++;
      } catch (error) {
        // A start never aborts on a step: it keeps being tried in the background, as at run time.
        console.error(`chat: step ${step.id} left by the last run could not be stored yet`, error);
        this.settle(step);
      }
    }
    return count;
  }

  /** Waits for the steps being stored; one that keeps failing stays journaled for the next start. */
  async drain(): Promise<void> {
    this.stopping = true;
    this.wake();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private settle(step: ChatStep): void {
    let done: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => (done = resolve));
    this.inFlight.add(settled);
    const attempt = (failures: number) =>
      this.run(async () => {
        try {
          await this.store(step, false);
          rmSync(this.path(step.id), { force: true });
        } catch (error) {
          console.error(`chat: storing step ${step.id} failed (attempt ${failures + 1})`, error);
          if (!this.stopping) {
            const wait = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** failures);
            void Promise.race([new Promise((r) => setTimeout(r, wait).unref()), this.stopped]).then(() =>
              this.stopping ? finish() : attempt(failures + 1),
            );
            return;
          }
        }
        finish();
      });
    const finish = () => {
      this.inFlight.delete(settled);
      done();
    };
    attempt(0);
  }

  /**
   * The lead row and the message first, the events last: a lead or message stored twice is
   * one row (both tables replace by id), an event twice would be counted twice. A replay
   * runs after ingest's own journal is stored, so the events already stored are known.
   */
  private async store(step: ChatStep, replay: boolean): Promise<void> {
    let events = step.events;
    const identities: IdentityRow[] = step.identity ? [step.identity] : [];
    // Stored twice after a replay is harmless: a chat's hashes are one and the same.
    if (step.token)
      await storeChatToken(this.deps.ch, {
        siteId: step.siteId,
        chatId: step.token.chatId,
        visitorId: step.visitorId,
        hash: Buffer.from(step.token.hash, 'hex'),
        at: step.token.at,
      });
    let leadId = '';
    if (step.lead) {
      const planned = step.lead;
      const event = await this.oneAtATime(step.siteId, async () => {
        // The same email or phone with an open lead: that lead gains the capture, and reports count no second lead.
        const joined = await joinOpenLead(this.deps.ch, planned);
        leadId = joined?.lead_id ?? planned.leadId;
        if (joined) return null;
        const built = await buildLead(this.deps.ch, planned);
        if (!replay || !(await getLead(this.deps.ch, built.lead.site_id, built.lead.lead_id)))
          await insertLead(this.deps.ch, built.lead);
        return built.event;
      });
      if (event) events = [...events, event];
      const { input } = planned;
      const identity = identityFromLead({
        site_id: input.siteId,
        visitor_id: input.visitorId,
        name: input.name,
        email: input.email,
        phone: input.phone,
        updated_at: input.now,
      });
      if (identity) identities.push(identity);
    }
    if (step.message) await storeMessage(this.deps.ch, step.message);
    // A callback request joins the queue (stored again on a replay it is the same first version).
    const captured = step.lead?.input;
    const callbacks = callbackRowsOf(step.events, { leadId, name: captured?.name ?? '', phone: captured?.phone ?? '' });
    if (callbacks.length > 0) {
      await storeCallbackRows(this.deps.ch, callbacks);
      realtimeBus().publish('callbacks', { siteId: step.siteId });
    }
    if (!replay) {
      await this.deps.writeEvents(events, identities);
      // Last: the hot words wait on nothing the visitor or the agent sees. Stored twice (a replay) they collapse by message id.
      return storeVisitorTerms(this.deps.ch, step.terms ?? []);
    }
    await storeVisitorTerms(this.deps.ch, step.terms ?? []);
    // Stored again it is the same merged row (one per visitor, fields filled the same way).
    await storeIdentities(this.deps.ch, identities);
    const stored = await getStoredEventIds(
      this.deps.ch,
      step.siteId,
      step.visitorId,
      events.map((e) => e.event_id),
    );
    const missing = events.filter((e) => !stored.has(e.event_id));
    // At start the rows must be readable at once: restoring open chats reads them next.
    if (missing.length > 0) await this.deps.ch.insert({ table: TABLES.events, values: missing, format: 'JSONEachRow' });
  }

  private oneAtATime<T>(siteId: string, task: () => Promise<T>): Promise<T> {
    return this.leadTurns.run(siteId, task);
  }

  private run(task: () => Promise<void>): void {
    this.waiting.push(task);
    this.pump();
  }

  private pump(): void {
    while (this.running < PARALLEL) {
      const next = this.waiting.shift();
      if (!next) return;
      this.running++;
      void next().finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private path(id: string): string {
    return join(this.deps.dir, `${id}${SUFFIX}`);
  }
}
