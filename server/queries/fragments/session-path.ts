import { EVENT_ORDER } from './event-order.ts';

/**
 * SQL: each session's pages in time order (the event id breaking ties), consecutive repeats of
 * one page (reloads, in-page navigation) counted once. One array per session instead of a
 * self-join keeps a journey one scan of the events whatever its length. Group by session_key.
 * Sorted by one integer key rather than (ts, event_id, path) tuples: 3-page runs over 1.5M page
 * views (10M store, 30 days) p50 ~305 ms against ~355, the same rows.
 */
export const SESSION_PATH = `arrayCompact(arraySort((page, key) -> key, groupArray(path), groupArray(${EVENT_ORDER})))`;
