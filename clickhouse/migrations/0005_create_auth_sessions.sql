-- Dashboard sign-in sessions. The cookie holds a random token; only its SHA-256 is
-- stored, so a leaked table does not leak live sessions. Sign-out writes a newer
-- version with is_deleted = 1.
CREATE TABLE IF NOT EXISTS auth_sessions
(
    token_hash  String,
    user_id     String,
    created_at  DateTime64(3, 'UTC'),
    expires_at  DateTime64(3, 'UTC'),
    version     UInt64,
    is_deleted  UInt8 DEFAULT 0
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY token_hash
TTL toDateTime(expires_at) + INTERVAL 1 DAY;
