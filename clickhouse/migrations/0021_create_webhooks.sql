-- Webhooks (server/webhooks/). A subscription keeps its secret in clear: every delivery is
-- signed with it (HMAC needs the key itself), and the dashboard shows it only once, when made.
-- An edit or a removal writes a new row with a higher version; readers take the newest.
CREATE TABLE IF NOT EXISTS webhook_subscriptions
(
    site_id         LowCardinality(String),
    subscription_id String,
    url             String,
    events          Array(LowCardinality(String)),
    secret          String,
    enabled         UInt8,
    deleted         UInt8,
    created_at      DateTime64(3, 'UTC'),
    version         UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (site_id, subscription_id);

-- Each event's body as sent, so "redeliver" sends the same id and payload again. The outbox
-- (files under the data dir) is what makes delivery durable; this is only the copy to resend.
CREATE TABLE IF NOT EXISTS webhook_events
(
    site_id    LowCardinality(String),
    event_id   String,
    type       LowCardinality(String),
    created_at DateTime64(3, 'UTC'),
    body       String
)
ENGINE = ReplacingMergeTree
ORDER BY (site_id, event_id)
TTL toDateTime(created_at) + INTERVAL 30 DAY;

-- One row per delivery attempt: the delivery log in Settings. Never updated.
CREATE TABLE IF NOT EXISTS webhook_deliveries
(
    at              DateTime64(3, 'UTC'),
    site_id         LowCardinality(String),
    subscription_id String,
    event_id        String,
    event_type      LowCardinality(String),
    attempt         UInt32,
    status          LowCardinality(String),
    response_code   UInt16,
    error           LowCardinality(String),
    duration_ms     UInt32
)
ENGINE = MergeTree
ORDER BY (site_id, subscription_id, at)
TTL toDateTime(at) + INTERVAL 30 DAY;
