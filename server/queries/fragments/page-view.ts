/**
 * SQL: a page view as one UInt128 that sorts in time order: its epoch milliseconds in the high
 * 64 bits, its path's cityHash64 in the low 64 (`pathOf` takes it back out). Page views of one
 * session at the same millisecond then sort by path, so a session's pages come in one order on
 * every call and every path through the code; views that tie on both are the same page.
 *
 * session_quarters keeps each row's page views so (migration 0046), and the readers of the
 * events build the same values, so a report gives one answer from either. One integer per
 * view sorts faster than tuples: with the event-id key before it, 3-page runs over 1.5M page
 * views (10M store, 30 days) took ~305 ms p50 against ~355 for (ts, event_id, path) tuples
 * (bench/RESULTS.md, "Journeys by path hashes").
 */
export const PAGE_VIEW = 'bitOr(bitShiftLeft(toUInt128(toUnixTimestamp64Milli(ts)), 64), toUInt128(cityHash64(path)))';

/** SQL: the path hash (cityHash64) a PAGE_VIEW value carries. */
export const pathOf = (view: string) => `toUInt64(bitAnd(${view}, toUInt128(18446744073709551615)))`;

/** SQL: whether an array of PAGE_VIEW values (a session_quarters row's `pages`) holds a view of the path hash `hash`. */
export const viewsInclude = (views: string, hash: string) => `arrayExists(v -> ${pathOf('v')} = ${hash}, ${views})`;
