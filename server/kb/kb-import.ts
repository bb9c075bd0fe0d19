import Papa from 'papaparse';
import { z } from 'zod';
import {
  KB_ALTERNATES_SEPARATOR,
  KB_CSV_COLUMNS,
  kbArticleId,
  kbArticleInput,
  type KbArticle,
  type KbFileFormat,
  type KbImportRow,
} from '../contract/kb.ts';

// Import and export files of the knowledge screen. A file is checked whole first: one bad
// row and nothing is stored, so an admin never has to find out which half of a file went in.

export const KB_IMPORT_MAX_ROWS = 10_000;

export interface ParsedImport {
  rows: KbImportRow[];
  /** The valid articles, in file order (all rows, when `rows` has no issues). */
  articles: (z.output<typeof kbArticleInput> & { articleId: string | null })[];
  /** A problem with the file itself (not CSV/JSON, no rows, too many). */
  fileError: string | null;
}

// Our own export quotes formula-like cells with a leading ' (spreadsheets run =…); take it off.
const unquote = (cell: string): string => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

const flag = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const s = v.trim().toLowerCase();
  if (s === '' || s === 'true' || s === '1' || s === 'yes') return true;
  if (s === 'false' || s === '0' || s === 'no') return false;
  return v;
}, z.boolean());

const importRow = kbArticleInput.extend({
  articleId: z.preprocess((v) => (v === '' || v === undefined ? null : v), kbArticleId.nullable()),
  alternates: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split('|')
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    kbArticleInput.shape.alternates,
  ),
  enabled: flag.default(true),
});

function recordsOf(format: KbFileFormat, text: string): Record<string, unknown>[] | string {
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return 'The file is not valid JSON';
    }
    const list = Array.isArray(data) ? data : (data as { articles?: unknown } | null)?.articles;
    if (!Array.isArray(list)) return 'The JSON must be a list of articles';
    return list.map((item) => (item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : {}));
  }
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\ufeff/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const missing = ['question', 'answer', 'language'].filter((c) => !parsed.meta.fields?.includes(c));
  if (missing.length > 0) return `The CSV has no column ${missing.join(', ')}`;
  return parsed.data.map((r) => ({
    articleId: unquote(r['id'] ?? ''),
    question: unquote(r['question'] ?? ''),
    alternates: unquote(r['alternates'] ?? ''),
    answer: unquote(r['answer'] ?? ''),
    category: unquote(r['category'] ?? ''),
    language: (r['language'] ?? '').trim().toLowerCase(),
    selfServiceUrl: r['self_service_url'] ?? '',
    enabled: r['enabled'] ?? '',
  }));
}

/** Parses and checks every row of an import file; stores nothing. */
export function parseKbImport(format: KbFileFormat, text: string): ParsedImport {
  const records = recordsOf(format, text);
  if (typeof records === 'string') return { rows: [], articles: [], fileError: records };
  if (records.length === 0) return { rows: [], articles: [], fileError: 'The file has no articles' };
  if (records.length > KB_IMPORT_MAX_ROWS)
    return { rows: [], articles: [], fileError: `At most ${KB_IMPORT_MAX_ROWS} articles per file` };
  const rows: KbImportRow[] = [];
  const articles: ParsedImport['articles'] = [];
  const seen = new Set<string>();
  records.forEach((record, i) => {
    const parsed = importRow.safeParse(record);
    const text = (key: string): string => {
      const value = record[key];
      return typeof value === 'string' ? value : '';
    };
    const issues = parsed.success
      ? []
      : parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? ''), message: issue.message }));
    const id = parsed.success ? parsed.data.articleId : null;
    if (id && seen.has(id)) issues.push({ field: 'articleId', message: 'This id is on an earlier row too' });
    if (id) seen.add(id);
    rows.push({
      row: i + 1,
      articleId: id,
      question: text('question').slice(0, 200),
      language: text('language'),
      category: text('category'),
      issues,
    });
    if (parsed.success && issues.length === 0) articles.push(parsed.data);
  });
  return { rows, articles, fileError: null };
}

/** A site's articles as a file the import reads back unchanged. */
export function kbExportFile(format: KbFileFormat, articles: KbArticle[]): string {
  const items = articles.map((a) => ({
    id: a.articleId,
    question: a.question,
    alternates: a.alternates,
    answer: a.answer,
    category: a.category,
    language: a.language,
    selfServiceUrl: a.selfServiceUrl,
    enabled: a.enabled,
  }));
  if (format === 'json')
    return JSON.stringify(
      items.map(({ id, ...rest }) => ({ articleId: id, ...rest })),
      null,
      2,
    );
  return Papa.unparse(
    {
      fields: [...KB_CSV_COLUMNS],
      data: items.map((a) => [
        a.id,
        a.question,
        a.alternates.join(KB_ALTERNATES_SEPARATOR),
        a.answer,
        a.category,
        a.language,
        a.selfServiceUrl,
        a.enabled ? 'true' : 'false',
      ]),
    },
    { escapeFormulae: true },
  );
}
