-- Who a visitor is. One row per (site, visitor id); identify, a pre-chat form, a lead
-- or an order with email/phone all write here. person_id joins the visitor ids of
-- one human across devices, so reports can count people instead of cookies and
-- earlier anonymous history is attributed by joining on visitor_id.
CREATE TABLE IF NOT EXISTS identities
(
    site_id     LowCardinality(String),
    visitor_id  String,
    person_id   String,
    name        String,
    email       String,
    phone       String,
    updated_at  DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (site_id, visitor_id);

-- Leads are edited (status, owner, notes), so the newest version of a row wins.
-- First and last touch are copied in at creation: attribution must not change when
-- the visitor browses on after becoming a lead.
CREATE TABLE IF NOT EXISTS leads
(
    site_id          LowCardinality(String),
    lead_id          String,
    visitor_id       String,
    person_id        String,
    source           LowCardinality(String),
    status           LowCardinality(String),
    owner_id         LowCardinality(String),
    name             String,
    email            String,
    phone            String,
    message          String,
    callback_at      String,
    notes            String,
    chat_id          String,
    first_referrer_domain LowCardinality(String),
    first_utm_source      LowCardinality(String),
    first_utm_medium      LowCardinality(String),
    first_utm_campaign    LowCardinality(String),
    first_landing_path    String,
    last_referrer_domain  LowCardinality(String),
    last_utm_source       LowCardinality(String),
    last_utm_medium       LowCardinality(String),
    last_utm_campaign     LowCardinality(String),
    last_landing_path     String,
    country          LowCardinality(String),
    created_at       DateTime64(3, 'UTC'),
    updated_at       DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (site_id, lead_id);

-- Orders arrive from the snippet and from the server-to-server API; the order id is
-- the idempotency key and status updates (paid, refunded, cancelled) replace the row.
CREATE TABLE IF NOT EXISTS orders
(
    site_id     LowCardinality(String),
    order_id    String,
    visitor_id  String,
    person_id   String,
    email       String,
    phone       String,
    value       Decimal(18, 2),
    currency    LowCardinality(String),
    status      LowCardinality(String),
    origin      LowCardinality(String),
    created_at  DateTime64(3, 'UTC'),
    updated_at  DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (site_id, order_id);
