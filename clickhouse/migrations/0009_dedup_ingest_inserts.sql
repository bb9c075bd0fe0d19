-- Ingest acknowledges events once they are journaled, and a restart loads the journal
-- segments not yet removed. A crash between a segment's insert and its removal would
-- store its rows twice, so every ingest insert carries a token (segment, table, chunk)
-- and these tables remember the last 1000 tokens, as Replicated tables on a cluster do.
-- Like those, a block identical to a recent one and inserted without a token is stored
-- once; real blocks never are identical (each event has its own random event_id, and a
-- bot block would need the same pages at the same milliseconds).
ALTER TABLE events MODIFY SETTING non_replicated_deduplication_window = 1000;
ALTER TABLE bot_events MODIFY SETTING non_replicated_deduplication_window = 1000;
