-- The knowledge base (issue 16). Articles keep every version: an edit, a disable or an import
-- writes a new row with the next version, and readers take each article's highest version;
-- the older rows are its history (who changed what, when).
CREATE TABLE IF NOT EXISTS kb_articles
(
    site_id          String,
    article_id       String,
    version          UInt32,
    question         String,
    alternates       Array(String),
    answer           String,
    category         String,
    language         LowCardinality(String),
    self_service_url String,
    enabled          UInt8,
    edited_by        String,
    edited_at        DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (site_id, article_id, version);

-- A site's synonyms: groups of terms a search treats as one ("refund", "money back", "退款").
-- The whole set is written on each save; the newest version is the site's set.
CREATE TABLE IF NOT EXISTS kb_synonyms
(
    site_id   String,
    groups    Array(Array(String)),
    version   UInt64,
    edited_by String,
    edited_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(version)
ORDER BY site_id;

-- How articles were used (picked by an agent, rated up or down by a visitor after a robot
-- answer): the search ranks by them, so they must outlive a restart.
CREATE TABLE IF NOT EXISTS kb_article_uses
(
    site_id    String,
    article_id String,
    kind       LowCardinality(String),
    at         DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY (site_id, article_id, at);
