-- Per-site keys of the open API (/api/v1/, server/api/). Only the SHA-256 of a key is kept
-- (a key is 256 random bits, so a plain hash cannot be guessed back) beside a short visible
-- prefix that tells keys apart in Settings. A revoke writes a new version of the row with
-- revoked_at set; readers take the newest version.
CREATE TABLE IF NOT EXISTS api_keys
(
    site_id     LowCardinality(String),
    key_id      String,
    key_hash    String,
    prefix      String,
    name        String,
    scopes      Array(LowCardinality(String)),
    created_by  String,
    created_at  DateTime64(3, 'UTC'),
    revoked_at  DateTime64(3, 'UTC'),
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (site_id, key_id);

-- When each key was last used, apart from the key itself: a use written as a new key
-- version could race a revoke and bring the key back. Written at most once a minute per key.
CREATE TABLE IF NOT EXISTS api_key_uses
(
    site_id     LowCardinality(String),
    key_id      String,
    used_at     DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(used_at)
ORDER BY (site_id, key_id);
