-- Each user's chat presence, so it outlives a socket, a reload and a restart: the status
-- they chose (online / away), how many chats they take at once and whether they take chats
-- at all. A user with no row gets the defaults of their role (server/chat/agent-settings.ts).
-- A change writes a new row with a higher version; readers take the newest.
CREATE TABLE IF NOT EXISTS agent_settings
(
    user_id     String,
    status      LowCardinality(String),
    max_chats   UInt8,
    takes_chats UInt8,
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY user_id;
