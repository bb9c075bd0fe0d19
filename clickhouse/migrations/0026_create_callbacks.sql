-- The callback queue: one row per callback request (its id is the `callback_request`
-- event's id), a new version per claim, release or outcome, newest wins. The events of
-- each step (`callback_claimed`, `callback_outcome`) go to `events` for the reports and the
-- history; this table is what the queue and the claim check read, so a claim never waits
-- on the ingest batch. name and phone are copied from the capture: the lead they made may
-- be joined to an older lead of the same contact.
CREATE TABLE IF NOT EXISTS callbacks
(
    site_id      LowCardinality(String),
    callback_id  String,
    visitor_id   String,
    lead_id      String,
    name         String,
    phone        String,
    requested_at DateTime64(3, 'UTC'),
    preferred_at DateTime64(3, 'UTC'),
    due_at       DateTime64(3, 'UTC'),
    state        LowCardinality(String),
    claimed_by   String,
    claimed_at   DateTime64(3, 'UTC'),
    outcome      LowCardinality(String),
    attempts     UInt16,
    version      UInt64,
    updated_at   DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (site_id, callback_id);
