import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import {
  SUGGESTION_LIMIT,
  SUGGESTION_PREVIEW_CHARS,
  type NoteSuggestionInput,
  type Suggestion,
} from '../contract/assist.ts';
import { kbIndex } from '../kb/kb-search.ts';

// Markdown marks read as noise in a one-line preview.
const plain = (markdown: string) =>
  markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The top articles for what the visitor wrote, from the in-memory index (no store read). */
export function suggestArticles(siteId: string, text: string): Suggestion[] {
  if (!text.trim()) return [];
  return kbIndex()
    .search(siteId, text, { limit: SUGGESTION_LIMIT })
    .map((hit) => {
      const flat = plain(hit.answer);
      return {
        articleId: hit.articleId,
        question: hit.question,
        answer: hit.answer,
        preview: flat.length > SUGGESTION_PREVIEW_CHARS ? `${flat.slice(0, SUGGESTION_PREVIEW_CHARS - 1)}…` : flat,
        confidence: hit.confidence,
      };
    });
}

/**
 * Stores what an agent was shown or used; a use also teaches the index (picked articles
 * rank higher next time).
 */
export async function noteSuggestion(
  ch: ClickHouseClient,
  siteId: string,
  userId: string,
  note: NoteSuggestionInput,
  now = Date.now(),
): Promise<void> {
  const articleIds = note.kind === 'shown' ? note.articleIds : [note.articleId];
  const via = note.kind === 'used' ? note.via : '';
  await ch.insert({
    table: TABLES.suggestionEvents,
    values: articleIds.map((articleId) => ({
      site_id: siteId,
      at: now,
      kind: note.kind,
      user_id: userId,
      chat_id: note.chatId,
      article_id: articleId,
      via,
    })),
    format: 'JSONEachRow',
  });
  if (note.kind === 'used') kbIndex().noteUse(siteId, note.articleId, 'picked');
}
