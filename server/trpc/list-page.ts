import { z } from 'zod';

/**
 * Rows one export request carries. A CSV export asks for as many chunks as the list has
 * rows (and shows its progress): no list is cut short, and no one answer grows unbounded.
 */
export const EXPORT_CHUNK = 5_000;

/** Paging of a server-side list (visitors, leads): one page, or every row for the CSV export. */
export const listPageFields = {
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
  order: z.enum(['asc', 'desc']).default('desc'),
  /** CSV export: `page` counts chunks of EXPORT_CHUNK rows, whatever pageSize says. */
  all: z.boolean().default(false),
};

/** The rows a list query reads for this input. */
export function pageWindow(p: { page: number; pageSize: number; all: boolean }): { offset: number; limit: number } {
  return p.all
    ? { offset: (p.page - 1) * EXPORT_CHUNK, limit: EXPORT_CHUNK }
    : { offset: (p.page - 1) * p.pageSize, limit: p.pageSize };
}
