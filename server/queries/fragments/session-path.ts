/**
 * SQL: each session's pages in time order (the event id breaking ties), consecutive repeats of
 * one page (reloads, in-page navigation) counted once. One array per session instead of a
 * self-join keeps a journey one scan of the events whatever its length. Group by session_key.
 */
export const SESSION_PATH = 'arrayCompact(arrayMap(v -> v.3, arraySort(groupArray((ts, event_id, path)))))';
