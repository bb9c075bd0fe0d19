-- Mail settings (server/mail/). site_id '' holds the install's SMTP relay; a site's row holds
-- its mailbox (IMAP) and who hears of offline messages and callbacks. Passwords are kept in
-- clear here because SMTP and IMAP logins need them; the dashboard never reads them back.
-- A save writes a new row with a higher version; readers take the newest.
CREATE TABLE IF NOT EXISTS mail_settings
(
    site_id   String,
    settings  String,
    version   UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY site_id;
