-- Read-only share links of a site's analytics (server/auth/share-links.ts). Only the SHA-256
-- of a link's token is kept (256 random bits: a plain hash cannot be guessed back); an
-- optional password is kept as the same scrypt hash users' passwords get. A revoke writes a
-- new version with revoked_at set; readers take the newest version.
CREATE TABLE IF NOT EXISTS share_links
(
    site_id        LowCardinality(String),
    link_id        String,
    token_hash     String,
    name           String,
    password_hash  String,
    created_by     String,
    created_at     DateTime64(3, 'UTC'),
    revoked_at     DateTime64(3, 'UTC'),
    version        UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (site_id, link_id);
