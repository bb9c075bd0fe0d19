import { z } from 'zod';

/** Rows one CSV export may carry: the first this many of the current search, filter and sort. */
export const EXPORT_LIMIT = 10_000;

/** Paging of a server-side list (visitors, leads): one page, or every row for the CSV export. */
export const listPageFields = {
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
  order: z.enum(['asc', 'desc']).default('desc'),
  /** CSV export: ignore page/pageSize and return the first EXPORT_LIMIT rows. */
  all: z.boolean().default(false),
};

/** The rows a list query reads for this input. */
export function pageWindow(p: { page: number; pageSize: number; all: boolean }): { offset: number; limit: number } {
  return p.all ? { offset: 0, limit: EXPORT_LIMIT } : { offset: (p.page - 1) * p.pageSize, limit: p.pageSize };
}
