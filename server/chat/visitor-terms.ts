import type { ClickHouseClient } from '@clickhouse/client';
import type { EventRow } from '../../clickhouse/rows.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import { pageSource } from '../sources/source-name.ts';
import { terms } from '../text/terms.ts';

/** What a visitor wrote, as the hot-words report counts it (table visitor_terms, migration 0020). */
export interface VisitorTermsRow {
  site_id: string;
  ts: number;
  message_id: string;
  visitor_id: string;
  chat_id: string;
  kind: 'chat' | 'prechat' | 'offline';
  country: string;
  source: string;
  campaign: string;
  terms: string[];
}

// A term counts once per message: "refund refund refund" is one visitor asking once.
const MAX_TERMS = 64;

/** Numbers ("110", "2") and lone Latin letters ("v") say nothing about what visitors want. */
const telling = (term: string): boolean => !/^(?:\d+|[a-z])$/.test(term);

/**
 * Segments `text` now, at write time, with the visit's place and source taken from the chat
 * event written beside it. Null when the text holds no term (a greeting, an emoji).
 */
export function visitorTermsRow(
  event: Pick<EventRow, 'site_id' | 'visitor_id' | 'country' | 'utm_source' | 'referrer_domain' | 'utm_campaign'>,
  m: { messageId: string; chatId: string; kind: VisitorTermsRow['kind']; text: string; at: number },
): VisitorTermsRow | null {
  const unique = [...new Set(terms(m.text).filter(telling))].slice(0, MAX_TERMS);
  if (unique.length === 0) return null;
  return {
    site_id: event.site_id,
    ts: m.at,
    message_id: m.messageId,
    visitor_id: event.visitor_id,
    chat_id: m.chatId,
    kind: m.kind,
    country: event.country,
    source: pageSource(event.utm_source, event.referrer_domain),
    campaign: event.utm_campaign,
    terms: unique,
  };
}

export async function storeVisitorTerms(ch: ClickHouseClient, rows: readonly VisitorTermsRow[]): Promise<void> {
  if (rows.length > 0) await ch.insert({ table: TABLES.visitorTerms, values: rows, format: 'JSONEachRow' });
}
