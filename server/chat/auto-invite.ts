import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import type { Enriched } from '../ingest/enrich.ts';
import { listInviteRules } from '../queries/list-invite-rules.ts';
import { realtimeBus, type RealtimeBus } from '../bus/bus.ts';
import type { LiveVisitor } from '../contract/live-visitor.ts';
import type { ChatService } from './chat-service.ts';
import { ruleMatches } from './rule-match.ts';
import type { InviteRule } from '../contract/rule-schema.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

/** Caps are counted from the invitations shown in this window (a restart reloads them). */
const CAP_MEMORY_DAYS = 30;

export interface AutoInviteDeps {
  ch: ClickHouseClient;
  chat: ChatService;
  visit(siteId: string, visitorId: string): LiveVisitor | null;
  timeZone(siteId: string): string;
  bus?: RealtimeBus;
  now?: () => number;
  tickMs?: number;
  /** The visitor's tag ids, for rules with tag conditions (none when not given). */
  tagsOf?(siteId: string, visitorId: string): ReadonlySet<string>;
}

/**
 * Automatic invitations: every enabled rule of a site is checked against each visitor with
 * an open page, on every tick (time conditions) and at once when a page view or an exit
 * intent is stored. A rule fires only while an agent can take the chat, never over an open
 * chat or a pending invitation, and within its cap (per visit, per visitor, or N a day).
 */
export class AutoInviter {
  private readonly rules = new Map<string, InviteRule[]>();
  /** How often each rule was shown, by cap key. */
  private readonly shown = new Map<string, number>();
  private readonly exitIntent = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private readonly now: () => number;
  private readonly busy = new Set<string>();

  constructor(private readonly deps: AutoInviteDeps) {
    this.now = deps.now ?? Date.now;
    this.unsubscribe = (deps.bus ?? realtimeBus()).subscribe(
      'rules',
      ({ siteId }) => void this.reload(siteId).catch((e: unknown) => console.error('rules: reload failed', e)),
    );
    this.timer = setInterval(() => this.tick(), deps.tickMs ?? 1000);
    this.timer.unref();
  }

  async start(): Promise<void> {
    for (const rule of await listInviteRules(this.deps.ch))
      this.rules.set(
        rule.siteId,
        [...(this.rules.get(rule.siteId) ?? []), rule].filter((r) => r.enabled),
      );
    const since = this.now() - CAP_MEMORY_DAYS * 86_400_000;
    const shown = await readRows(
      this.deps.ch,
      {
        query: `SELECT site_id, rule_id, visitor_id, session_id, toUnixTimestamp64Milli(ts) AS at
              FROM ${TABLES.events}
              WHERE type = 'invite_shown' AND rule_id != '' AND ts >= fromUnixTimestamp64Milli({since:Int64})`,
        query_params: { since },
      },
      z.object({ site_id: col.text, rule_id: col.text, visitor_id: col.text, session_id: col.text, at: col.ms }),
    );
    for (const r of shown) {
      this.count(r.site_id, r.rule_id, r.visitor_id, r.session_id, r.at);
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.unsubscribe();
  }

  /** Stored tracking events: an exit intent arms exitIntent conditions until the next page view. */
  onStored(rows: Enriched, siteId: string): void {
    if (!this.rules.get(siteId)?.length) return;
    const touched = new Set<string>();
    for (const e of rows.events) {
      const key = `${siteId}\n${e.visitor_id}`;
      if (e.type === 'exit_intent') this.exitIntent.add(key);
      else if (e.type === 'pageview') this.exitIntent.delete(key);
      else continue;
      touched.add(e.visitor_id);
    }
    // Presence applies the same rows first; a rule on the new page can fire right away.
    for (const visitorId of touched) void this.evaluate(siteId, visitorId);
  }

  private async reload(siteId: string): Promise<void> {
    this.rules.set(
      siteId,
      (await listInviteRules(this.deps.ch, siteId)).filter((r) => r.enabled),
    );
  }

  private tick(): void {
    for (const [siteId, rules] of this.rules) {
      if (rules.length === 0) continue;
      for (const visitorId of this.deps.chat.connectedVisitors(siteId)) void this.evaluate(siteId, visitorId);
    }
  }

  private async evaluate(siteId: string, visitorId: string): Promise<void> {
    const key = `${siteId}\n${visitorId}`;
    if (this.busy.has(key)) return;
    const visit = this.deps.visit(siteId, visitorId);
    if (!visit) return;
    const now = this.now();
    const signals = { visit, now, exitIntent: this.exitIntent.has(key), tags: this.deps.tagsOf?.(siteId, visitorId) };
    for (const rule of this.rules.get(siteId) ?? []) {
      if (!this.allowed(siteId, rule, visit, now) || !ruleMatches(rule.definition, signals)) continue;
      this.busy.add(key);
      try {
        if (await this.deps.chat.inviteFromRule(siteId, visitorId, rule)) {
          this.count(siteId, rule.ruleId, visitorId, visit.sessionId, now);
          this.exitIntent.delete(key);
        }
      } catch (error) {
        console.error('rules: invitation failed', error);
      } finally {
        this.busy.delete(key);
      }
      return;
    }
  }

  private capKeys(siteId: string, ruleId: string, visitorId: string, sessionId: string, at: number): string[] {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: this.deps.timeZone(siteId) }).format(at);
    return [
      `visit\n${ruleId}\n${sessionId}`,
      `visitor\n${ruleId}\n${visitorId}`,
      `day\n${ruleId}\n${visitorId}\n${day}`,
    ];
  }

  private count(siteId: string, ruleId: string, visitorId: string, sessionId: string, at: number): void {
    for (const k of this.capKeys(siteId, ruleId, visitorId, sessionId, at))
      this.shown.set(k, (this.shown.get(k) ?? 0) + 1);
  }

  private allowed(siteId: string, rule: InviteRule, visit: LiveVisitor, now: number): boolean {
    const [perVisit, perVisitor, perDay] = this.capKeys(siteId, rule.ruleId, visit.visitorId, visit.sessionId, now) as [
      string,
      string,
      string,
    ];
    const cap = rule.definition.cap;
    if (cap.per === 'visit') return !this.shown.has(perVisit);
    if (cap.per === 'visitor') return !this.shown.has(perVisitor);
    return (this.shown.get(perDay) ?? 0) < cap.max;
  }
}
