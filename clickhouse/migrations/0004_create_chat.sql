-- Chat transcripts. message_id is chosen by the sender, so a message re-sent after a
-- reconnect collapses into one row (delivered once); seq orders a conversation and is
-- what a reconnecting client resumes from.
CREATE TABLE IF NOT EXISTS chat_messages
(
    site_id     LowCardinality(String),
    chat_id     String,
    message_id  String,
    seq         UInt64,
    ts          DateTime64(3, 'UTC'),
    sender      LowCardinality(String),
    agent_id    LowCardinality(String),
    visitor_id  String,
    body        String
)
ENGINE = ReplacingMergeTree
ORDER BY (site_id, chat_id, message_id);

-- Invitation rules are configuration: conditions are a JSON document validated by the
-- server's zod schema, so the table does not need a column per condition kind.
CREATE TABLE IF NOT EXISTS invite_rules
(
    site_id     LowCardinality(String),
    rule_id     String,
    name        String,
    enabled     UInt8,
    definition  String,
    version     UInt64,
    is_deleted  UInt8 DEFAULT 0
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (site_id, rule_id);

CREATE TABLE IF NOT EXISTS canned_replies
(
    site_id     LowCardinality(String),
    reply_id    String,
    shortcut    String,
    body        String,
    version     UInt64,
    is_deleted  UInt8 DEFAULT 0
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (site_id, reply_id);
