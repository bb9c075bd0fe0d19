-- Customer tags (issue 17). A tag belongs to a site; edits and deletion write a newer
-- version (ReplacingMergeTree), readers take FINAL and skip deleted ones.
CREATE TABLE IF NOT EXISTS tags
(
    site_id     LowCardinality(String),
    tag_id      String,
    name        String,
    color       LowCardinality(String),
    description String,
    version     UInt64,
    is_deleted  UInt8
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (site_id, tag_id);

-- Who carries which tag: a visitor id (a person's tag is written on each of their visitor
-- ids), a lead or a chat. Adding and removing both append a row with a higher version; the
-- newest row per (site, kind, tag, subject) is the state. The sort key puts one tag's
-- subjects together, so a report filter "tagged X" reads one contiguous range.
-- origin: 'manual' (a user) or 'rule' (rule_id says which automatic rule).
CREATE TABLE IF NOT EXISTS tag_assignments
(
    site_id      LowCardinality(String),
    subject_kind LowCardinality(String),
    tag_id       String,
    subject_id   String,
    origin       LowCardinality(String),
    rule_id      String,
    user_id      String,
    is_removed   UInt8,
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (site_id, subject_kind, tag_id, subject_id);

-- Automatic tag rules: one condition (JSON, parsed by server/contract/tag-schema.ts) that
-- gives the rule's tag to every visitor meeting it.
CREATE TABLE IF NOT EXISTS tag_rules
(
    site_id    LowCardinality(String),
    rule_id    String,
    tag_id     String,
    name       String,
    condition  String,
    version    UInt64,
    is_deleted UInt8
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (site_id, rule_id);
