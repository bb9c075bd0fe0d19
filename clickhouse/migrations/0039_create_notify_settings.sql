-- Alert and report settings (server/notify/): `scope` is `site:<id>` for a site's alert kinds
-- and thresholds, `user:<id>` for a user's alert mail and scheduled report. A save writes a
-- new row with a higher version; readers take the newest.
CREATE TABLE IF NOT EXISTS notify_settings
(
    scope     String,
    settings  String,
    version   UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY scope;
