import type { KbArticle } from '../contract/kb.ts';

/** The fields an edit can change, as the history lists them. */
export const KB_HISTORY_FIELDS = [
  'question',
  'alternates',
  'answer',
  'category',
  'language',
  'selfServiceUrl',
  'enabled',
] as const;
export type KbHistoryField = (typeof KB_HISTORY_FIELDS)[number];

export interface KbHistoryEntry {
  article: KbArticle;
  /** What this version changed from the one before it; every field for the first version. */
  changed: KbHistoryField[];
}

/** Versions (newest first, as stored) with what each changed. */
export function kbHistoryEntries(versions: KbArticle[]): KbHistoryEntry[] {
  return versions.map((article, i) => {
    const before = versions[i + 1];
    const changed = before
      ? KB_HISTORY_FIELDS.filter((f) => JSON.stringify(article[f]) !== JSON.stringify(before[f]))
      : [...KB_HISTORY_FIELDS];
    return { article, changed };
  });
}
