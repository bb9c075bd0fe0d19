-- Files sent in chats (uploads from the widget and the console) and attachments kept from
-- email conversations: one row per file, keyed by its unguessable id. The bytes live under
-- the data dir (`storage` says which folder, `path` is relative to it); `mime` is the type
-- sniffed from the bytes. Downloads are checked against chat_id (the visitor's token) and
-- site_id (staff); an erasure deletes the rows and the files of the person's visitor ids.
CREATE TABLE IF NOT EXISTS chat_files
(
    site_id     LowCardinality(String),
    file_id     String,
    chat_id     String,
    visitor_id  String,
    uploader    LowCardinality(String),
    name        String,
    mime        LowCardinality(String),
    size        UInt64,
    sha256      String,
    storage     LowCardinality(String),
    path        String,
    created_at  DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY (site_id, file_id);
