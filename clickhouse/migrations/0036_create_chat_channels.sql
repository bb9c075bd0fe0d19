-- Chat channels besides the widget and email (server/channels/): the channel API
-- (kind 'api') and a WeChat Official Account (kind 'wechat', one per site). An API
-- channel's key is kept only as its SHA-256 (256 random bits: a plain hash cannot be
-- guessed back) with its first characters for the list; its reply webhook's signing secret
-- and WeChat's AppSecret, Token and EncodingAESKey are kept in clear, as webhooks' secrets:
-- signing, the token request and decryption need them. An edit or a removal writes a new
-- row with a higher version; readers take the newest.
CREATE TABLE IF NOT EXISTS chat_channels
(
    site_id           LowCardinality(String),
    channel_id        String,
    kind              LowCardinality(String),
    name              String,
    key_hash          String,
    key_prefix        String,
    url               String,
    secret            String,
    wechat_app_id     String,
    wechat_app_secret String,
    wechat_token      String,
    wechat_aes_key    String,
    wechat_mode       LowCardinality(String),
    enabled           UInt8,
    deleted           UInt8,
    created_at        DateTime64(3, 'UTC'),
    version           UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (site_id, channel_id);

-- One row per customer message a channel delivered (its messageId, or WeChat's MsgId):
-- a retried POST finds its row and opens or posts nothing twice, across restarts too.
CREATE TABLE IF NOT EXISTS channel_messages
(
    site_id     LowCardinality(String),
    channel_id  String,
    sender_id   String,
    message_id  String,
    chat_id     String,
    ts          DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY (site_id, channel_id, sender_id, message_id)
TTL toDateTime(ts) + INTERVAL 90 DAY;
