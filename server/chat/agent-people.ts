import type { ClickHouseClient } from '@clickhouse/client';
import { saveAgentSettings, type AgentSettings } from './agent-settings.ts';

export interface AgentTimings {
  /** No mouse or keyboard in any dashboard tab for this long turns an online agent away; 0 = never. */
  agentIdleAwayMs: number;
  /** After an agent's last tab closes they stay online this long, so a reload does not bounce their chats. */
  agentOfflineGraceMs: number;
  /** How often idleness is checked. */
  agentIdleCheckMs: number;
}

export const DEFAULT_AGENT_TIMINGS: AgentTimings = {
  agentIdleAwayMs: 15 * 60_000,
  agentOfflineGraceMs: 20_000,
  agentIdleCheckMs: 15_000,
};

/** One user's presence across every site and tab: what they chose, and when they last used a tab. */
interface Person {
  settings: AgentSettings;
  lastActive: number;
  /** Away because idle, not by choice: activity brings them back. */
  idleAway: boolean;
}

export interface AgentPeopleDeps {
  ch: ClickHouseClient;
  now: () => number;
  timings: AgentTimings;
  /** The user has a tab open on some site, or one closed within the grace period. */
  connected(userId: string): boolean;
  /** Shows stored settings on every site and tab of the user, and lets routing see them. */
  apply(userId: string, settings: AgentSettings): void;
}

/**
 * The users who serve chats, per user rather than per socket or site: a change is stored
 * first (agent_settings), then shown everywhere. While a user has a tab, memory holds what
 * they chose since; otherwise the store, read as a socket opens, is the newest word.
 */
export class AgentPeople {
  private readonly people = new Map<string, Person>();
  private readonly idleTimer: NodeJS.Timeout;

  constructor(private readonly deps: AgentPeopleDeps) {
    this.idleTimer = setInterval(() => this.awayIfIdle(), deps.timings.agentIdleCheckMs);
    this.idleTimer.unref();
  }

  stop(): void {
    clearInterval(this.idleTimer);
  }

  /** A tab opened: counts as activity. Returns what the user's tabs should show. */
  opened(userId: string, stored: AgentSettings): AgentSettings {
    const person = this.person(userId, stored);
    person.lastActive = this.deps.now();
    return person.settings;
  }

  /** The user's last tab anywhere is gone (after the grace): the next socket reads the store. */
  forget(userId: string): void {
    this.people.delete(userId);
  }

  /** A status, chats at once or "I take chats" the user chose. */
  choose(
    userId: string,
    stored: AgentSettings,
    change: { status: AgentSettings['status']; maxChats?: number; takesChats?: boolean; takesCalls?: boolean },
  ): Promise<void> {
    const person = this.person(userId, stored);
    person.lastActive = this.deps.now();
    person.idleAway = false;
    const current = person.settings;
    return this.store(userId, {
      status: change.status,
      maxChats: change.maxChats ?? current.maxChats,
      takesChats: change.takesChats ?? current.takesChats,
      takesCalls: change.takesCalls ?? current.takesCalls,
    });
  }

  /**
   * An admin's "takes chats" for this user, already stored: a user with tabs keeps their own
   * status and chats at once and sees the new setting; one without tabs reads it from the
   * store when they next open one.
   */
  takesChatsSet(userId: string, takesChats: boolean): void {
    const person = this.people.get(userId);
    if (!person) return;
    person.settings = { ...person.settings, takesChats };
    this.deps.apply(userId, person.settings);
  }

  /** Mouse or keyboard in a tab: resets the idle clock, and brings back one who went away idle. */
  async active(userId: string, stored: AgentSettings): Promise<void> {
    const person = this.person(userId, stored);
    person.lastActive = this.deps.now();
    if (!person.idleAway) return;
    person.idleAway = false;
    await this.store(userId, { ...person.settings, status: 'online' });
  }

  private person(userId: string, stored: AgentSettings): Person {
    let person = this.people.get(userId);
    if (!person)
      this.people.set(userId, (person = { settings: { ...stored }, lastActive: this.deps.now(), idleAway: false }));
    return person;
  }

  private async store(userId: string, settings: AgentSettings): Promise<void> {
    await saveAgentSettings(this.deps.ch, userId, settings);
    const person = this.people.get(userId);
    if (person) person.settings = settings;
    this.deps.apply(userId, settings);
  }

  /** Online agents whose tabs saw no mouse or keyboard for the idle time turn away (stored, so a reload keeps it). */
  private awayIfIdle(): void {
    const limit = this.deps.timings.agentIdleAwayMs;
    if (limit <= 0) return;
    const now = this.deps.now();
    for (const [userId, person] of this.people) {
      if (
        person.idleAway ||
        person.settings.status !== 'online' ||
        now - person.lastActive < limit ||
        !this.deps.connected(userId)
      )
        continue;
      person.idleAway = true;
      this.store(userId, { ...person.settings, status: 'away' }).catch((error: unknown) =>
        console.error('chat: idle away not stored', error),
      );
    }
  }
}
