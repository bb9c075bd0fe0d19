import { z } from 'zod';

// A company's customer list, imported as people. The browser parses the CSV, maps its
// columns and sends rows in chunks; the server checks every row with the same rule the
// preview shows, so what the preview flags is exactly what the import refuses.

/** Columns a CSV column can be mapped to; anything else mapped becomes a custom field. */
export const IMPORT_TARGETS = ['name', 'email', 'phone', 'externalId', 'tags'] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];

/** Why a row was not imported; the screen translates the code. */
export const IMPORT_ROW_ERRORS = ['empty_row', 'bad_email', 'bad_phone', 'no_key'] as const;
export type ImportRowError = (typeof IMPORT_ROW_ERRORS)[number];

/** Rows per request: 10,000 people are 20 requests, each well under the 1 MB body limit. */
export const IMPORT_CHUNK_ROWS = 500;
export const IMPORT_MAX_FIELDS = 20;

const text = (max: number) => z.string().trim().max(max).default('');

export const importRowInput = z.object({
  /** The row's line in the file (1 = the first data row), echoed back in errors. */
  line: z.number().int().positive(),
  name: text(256),
  email: text(256),
  phone: text(64),
  externalId: text(128),
  /** As written in the file (comma-separated); kept as text for the tags feature to read. */
  tags: text(1000),
  fields: z
    .record(z.string().trim().min(1).max(64), z.string().trim().max(1000))
    .refine((f) => Object.keys(f).length <= IMPORT_MAX_FIELDS, `at most ${IMPORT_MAX_FIELDS} custom fields`)
    .default({}),
});
export type ImportRowInput = z.input<typeof importRowInput>;
export type ImportRow = z.output<typeof importRowInput>;

export const importChunkInput = z.object({
  siteId: z.string().min(1).max(64),
  rows: z.array(importRowInput).min(1).max(IMPORT_CHUNK_ROWS),
});

/** The key an imported row was merged into an existing person by. */
export const MERGE_KEYS = ['externalId', 'email', 'phone'] as const;
export type MergeKey = (typeof MERGE_KEYS)[number];

export interface ImportChunkResult {
  /** New people made from rows that matched nobody. */
  created: number;
  /** Rows merged into a person already known (stored, or an earlier row of the import), per key that matched. */
  merged: Record<MergeKey, number>;
  errors: { line: number; error: ImportRowError }[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// As the snippet's identify accepts them, with enough digits to name one line.
const PHONE = /^[+0-9 ()./-]{3,32}$/;

/** Digits only: how long a phone is. Phones are compared by their key (phone-key.ts). */
export const phoneDigits = (phone: string) => phone.replace(/\D/g, '');

/** The first thing wrong with a row, or null when it can be imported. */
export function checkImportRow(row: Omit<ImportRow, 'line'>): ImportRowError | null {
  const values = [row.name, row.email, row.phone, row.externalId, row.tags, ...Object.values(row.fields)];
  if (values.every((v) => v === '')) return 'empty_row';
  if (row.email && !EMAIL.test(row.email)) return 'bad_email';
  if (row.phone && (!PHONE.test(row.phone) || phoneDigits(row.phone).length < 5)) return 'bad_phone';
  // Without one of the three keys nobody arriving could ever be recognised as this person.
  if (!row.email && !row.phone && !row.externalId) return 'no_key';
  return null;
}
