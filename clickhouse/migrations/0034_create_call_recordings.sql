-- Recorded web calls (issue 18): one row per call whose answering agent's tab uploaded audio.
-- The audio itself is a file under <data dir>/recordings/<site>/<call>.webm; this row says
-- whose call it was (chat, visitor, agent) for the transcript, the retention sweep and an
-- erasure. The first piece writes the row, the end writes it again with the bytes and the
-- duration (a higher version): a tab that crashed leaves the row of what arrived.
CREATE TABLE IF NOT EXISTS call_recordings
(
    site_id     LowCardinality(String),
    call_id     String,
    chat_id     String,
    visitor_id  String,
    agent_id    String,
    bytes       UInt64,
    duration_ms UInt64,
    created_at  DateTime64(3, 'UTC'),
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (site_id, call_id);
