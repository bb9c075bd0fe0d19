-- Everything a visitor does, tracked by the snippet or produced by chat, invitations,
-- leads and orders, lands in this one wide table: the conversion funnel
-- (visit → invitation shown → accepted → chat → lead → order) is then a single
-- windowFunnel over one table, attributed by visitor, session, agent and rule.
--
-- Sort key: every report filters by site and a date range first; `type` next because
-- most reports read one family (page views, or chat events) and skip the other
-- granules; visitor_id then ts keeps one visitor's trail contiguous within a day.
-- Monthly partitions keep retention drops cheap and parts few at 10M+ rows.
-- LowCardinality on dimensions with at most a few thousand values (country, browser,
-- utm_*): it shrinks the columns ~5x and speeds GROUP BY; not on ids or URLs.
-- The raw IP is never stored: only what geoip-lite resolved from it.
CREATE TABLE IF NOT EXISTS events
(
    site_id          LowCardinality(String),
    ts               DateTime64(3, 'UTC'),
    event_id         UUID,
    type             LowCardinality(String),
    visitor_id       String,
    session_id       String,
    host             LowCardinality(String),
    path             String,
    url              String,
    title            String,
    referrer         String,
    referrer_domain  LowCardinality(String),
    utm_source       LowCardinality(String),
    utm_medium       LowCardinality(String),
    utm_campaign     LowCardinality(String),
    utm_term         String,
    utm_content      String,
    click_id_type    LowCardinality(String),
    click_id         String,
    country          LowCardinality(String),
    region           LowCardinality(String),
    city             LowCardinality(String),
    browser          LowCardinality(String),
    browser_version  LowCardinality(String),
    os               LowCardinality(String),
    device           LowCardinality(String),
    screen           LowCardinality(String),
    language         LowCardinality(String),
    name             LowCardinality(String),
    props            Map(LowCardinality(String), String),
    engaged_ms       UInt32,
    target           String,
    agent_id         LowCardinality(String),
    rule_id          LowCardinality(String),
    invitation_id    String,
    chat_id          String,
    lead_id          String,
    order_id         String,
    revenue          Decimal(18, 2),
    currency         LowCardinality(String),
    -- A visitor profile reads one visitor across all days: the bloom filter lets it skip
    -- the granules of other visitors without a second copy of the table.
    INDEX idx_visitor visitor_id TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX idx_chat chat_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (site_id, toDate(ts), type, visitor_id, ts);

-- Bots are kept apart so they can never leak into reports, but stay countable.
CREATE TABLE IF NOT EXISTS bot_events
(
    site_id     LowCardinality(String),
    ts          DateTime64(3, 'UTC'),
    type        LowCardinality(String),
    path        String,
    user_agent  String,
    reason      LowCardinality(String),
    country     LowCardinality(String)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (site_id, toDate(ts), ts)
TTL toDateTime(ts) + INTERVAL 90 DAY;
