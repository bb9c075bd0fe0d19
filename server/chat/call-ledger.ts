import type { CallSummary } from '../contract/calls.ts';

/** Who was on an answered call: what a recording's upload is checked against. */
export interface CallParties {
  siteId: string;
  callId: string;
  chatId: string;
  visitorId: string;
  agentId: string;
  recorded: boolean;
  answeredAt: number;
  /** 0 while the call runs. */
  endedAt: number;
}

const KEEP_MS = 15 * 60_000;
const MAX_KEPT = 5_000;

/**
 * Answered calls that ended lately. Calls live in memory and leave it when they end, but
 * the answering tab sends a recording's last piece and its end after the hang-up (and may
 * retry them): those must still find whose call it was. Bounded by age and count.
 */
export class CallLedger {
  private readonly ended = new Map<string, CallParties>();

  note(siteId: string, s: CallSummary): void {
    this.ended.set(s.callId, partiesOf(siteId, s));
    const cutoff = s.endedAt - KEEP_MS;
    for (const [id, p] of this.ended)
      if (p.endedAt < cutoff || this.ended.size > MAX_KEPT) this.ended.delete(id);
      else break;
  }

  get(callId: string): CallParties | undefined {
    return this.ended.get(callId);
  }
}

export function partiesOf(siteId: string, s: CallSummary): CallParties {
  return {
    siteId,
    callId: s.callId,
    chatId: s.chatId,
    visitorId: s.visitorId,
    agentId: s.agentId,
    recorded: s.recorded,
    answeredAt: s.answeredAt,
    endedAt: s.endedAt,
  };
}
