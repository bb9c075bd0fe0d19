-- Every email of an email conversation, in and out, keyed by its Message-ID: a reply's
-- In-Reply-To / References find the conversation here, and a message fetched twice (a
-- restart mid-poll) is stored once. attachments is the JSON list of files kept under the data dir.
CREATE TABLE IF NOT EXISTS email_messages
(
    site_id         LowCardinality(String),
    message_id      String,
    chat_id         String,
    visitor_id      String,
    direction       LowCardinality(String),
    from_address    String,
    subject         String,
    attachments     String,
    ts              DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY (site_id, message_id);

-- How far each site's mailbox was read: IMAP UIDs only grow while uid_validity stays the same.
CREATE TABLE IF NOT EXISTS mailbox_cursors
(
    site_id       String,
    uid_validity  UInt64,
    last_uid      UInt64,
    version       UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY site_id;
