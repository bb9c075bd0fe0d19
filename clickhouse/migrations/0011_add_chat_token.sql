-- A visitor chat is read and written only with its token (issue 22: the visitor id alone
-- showed up in dashboard URLs and CSV). The token goes to the visitor's widget once; only
-- its SHA-256 is kept, so this table cannot resume anyone's chat. A restart loads the hashes
-- of the chats it restores (open chats of the last 24 hours); older rows serve nothing and expire.
CREATE TABLE IF NOT EXISTS chat_tokens
(
    site_id     LowCardinality(String),
    chat_id     String,
    visitor_id  String,
    token_hash  String,
    created_at  DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY (site_id, chat_id)
TTL toDateTime(created_at) + INTERVAL 2 DAY;
