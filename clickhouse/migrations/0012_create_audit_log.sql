-- Who did what to whose data. An erasure (server/privacy/erase-person.ts) records the admin,
-- the time, the site and the visitor ids it removed, never the removed data itself: the
-- log proves a request was carried out without keeping what it asked to forget. Rows are
-- never updated; nothing expires them.
CREATE TABLE IF NOT EXISTS audit_log
(
    at          DateTime64(3, 'UTC'),
    site_id     LowCardinality(String),
    actor_id    String,
    actor_email String,
    action      LowCardinality(String),
    visitor_ids Array(String)
)
ENGINE = MergeTree
ORDER BY (site_id, at);
