-- Sites and users change rarely and are read by key: ReplacingMergeTree keyed by id,
-- with `version` deciding the newest row and `is_deleted` tombstones, read with FINAL.
-- The site id doubles as the public site key in the snippet (data-site).
CREATE TABLE IF NOT EXISTS sites
(
    site_id      String,
    name         String,
    domains      Array(String),
    time_zone    LowCardinality(String),
    respect_dnt  UInt8,
    api_secret   String,
    created_at   DateTime64(3, 'UTC'),
    version      UInt64,
    is_deleted   UInt8 DEFAULT 0
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY site_id;

CREATE TABLE IF NOT EXISTS users
(
    user_id        String,
    email          String,
    name           String,
    password_hash  String,
    role           LowCardinality(String),
    site_ids       Array(String),
    max_chats      UInt16 DEFAULT 5,
    created_at     DateTime64(3, 'UTC'),
    version        UInt64,
    is_deleted     UInt8 DEFAULT 0
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY user_id;
