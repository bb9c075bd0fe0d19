-- Staffing counts the distinct agents of every local hour over up to 90 days: from the events
-- that read every chat start and message of the range, and each message's props for its
-- sender (~1.3M rows and ~170 ms of the 90-day heatmap's ~650 at 30M events). This keeps each
-- agent once per site and UTC quarter hour they were active in (a chat they started, a message
-- they sent, a call they answered); every time zone's hours are whole quarters of UTC, so a
-- local hour's agents are its four quarters' together.
--
-- A set: a row written twice (the backfill racing the view, a journal segment loaded twice)
-- changes no count. Erasure (server/privacy/erase-person.ts) rebuilds the person's quarters
-- from the events left, since their chats' agent rows go with them.
CREATE TABLE IF NOT EXISTS agent_quarters
(
    site_id   LowCardinality(String),
    quarter   DateTime('UTC'),
    agent_id  LowCardinality(String)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(quarter)
ORDER BY (site_id, quarter, agent_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS agent_quarters_mv TO agent_quarters AS
SELECT DISTINCT site_id, toStartOfFifteenMinutes(ts) AS quarter, agent_id
FROM events
WHERE type IN ('chat_started', 'chat_message', 'call_answered') AND agent_id != ''
  AND (type != 'chat_message' OR props['sender'] = 'agent');

BACKFILL agent_quarters FROM agent_quarters_mv;
