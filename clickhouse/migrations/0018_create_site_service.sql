-- Per site: business hours and the robot's settings. Both are JSON documents checked by the
-- server's zod schema (server/contract/service-settings.ts), so a new field needs no
-- migration. A change writes a new row with a higher version; readers take the newest.
CREATE TABLE IF NOT EXISTS site_service
(
    site_id  String,
    hours    String,
    robot    String,
    version  UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY site_id;

-- A robot message keeps what it was based on (article, confidence, the other guesses) as
-- JSON, so the console and the transcript show it after a restart too. '' for the others.
ALTER TABLE chat_messages ADD COLUMN IF NOT EXISTS meta String DEFAULT '';
