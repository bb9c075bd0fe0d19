import { z } from 'zod';

// The knowledge base's shapes: what the screen sends, what the service stores, what the
// index searches (issue 16).

export const KB_LANGUAGES = ['en', 'zh'] as const;
export type KbLanguage = (typeof KB_LANGUAGES)[number];

export const kbArticleId = z.string().regex(/^kb_[A-Za-z0-9]{1,32}$/);

/** Only web links: an article's link is shown to visitors, so no javascript: or data: URLs. */
const webUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((url) => url === '' || /^https?:\/\/[^\s]+$/i.test(url), 'an http(s) link');

/** One article as an admin writes it (screen or import). */
export const kbArticleInput = z.object({
  question: z.string().trim().min(1).max(500),
  alternates: z.array(z.string().trim().min(1).max(500)).max(50).default([]),
  answer: z.string().trim().min(1).max(20_000),
  category: z.string().trim().max(100).default(''),
  language: z.enum(KB_LANGUAGES),
  selfServiceUrl: webUrl.default(''),
  enabled: z.boolean().default(true),
});
export type KbArticleInput = z.input<typeof kbArticleInput>;

/** Groups of terms searched as one; each group has at least two distinct terms. */
export const kbSynonymGroups = z.array(z.array(z.string().trim().min(1).max(100)).min(2).max(50)).max(1000);

export interface KbArticle {
  siteId: string;
  articleId: string;
  version: number;
  question: string;
  /** Other ways visitors ask the same question. */
  alternates: string[];
  /** Markdown. */
  answer: string;
  category: string;
  language: KbLanguage;
  /** A page where the visitor can do it themselves ('' when none). */
  selfServiceUrl: string;
  enabled: boolean;
  editedBy: string;
  /** Epoch milliseconds. */
  editedAt: number;
}

export const KB_USE_KINDS = ['picked', 'rated_up', 'rated_down'] as const;
export type KbUseKind = (typeof KB_USE_KINDS)[number];

export interface KbUseCount {
  siteId: string;
  articleId: string;
  kind: KbUseKind;
  count: number;
}

/** Formats the knowledge screen imports and exports. */
export const KB_FILE_FORMATS = ['csv', 'json'] as const;
export type KbFileFormat = (typeof KB_FILE_FORMATS)[number];

/** The CSV header, in order; JSON uses the same names in camelCase. */
export const KB_CSV_COLUMNS = [
  'id',
  'question',
  'alternates',
  'answer',
  'category',
  'language',
  'self_service_url',
  'enabled',
] as const;

/** Alternates share one CSV cell, separated by this. */
export const KB_ALTERNATES_SEPARATOR = ' | ';

/** Why an import row was refused: the field and a short reason, shown beside the row. */
export interface KbImportIssue {
  field: string;
  message: string;
}

export interface KbImportRow {
  /** 1-based, as the file's rows (header not counted). */
  row: number;
  articleId: string | null;
  question: string;
  language: string;
  category: string;
  issues: KbImportIssue[];
}
