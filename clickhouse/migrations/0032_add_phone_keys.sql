-- Phones were matched by their digits, so "+86 138 0013 8000" (a customer import),
-- "138 0013 8000" (typed in a Chinese shop's chat) and "008613800138000" were three people
-- and three leads. Each phone now also gets its key (server/contract/phone-key.ts): E.164
-- read in the region of the site's time zone, else its bare digits. The phone stays as
-- typed for display; identity joins, lead dedup, import merges and searches compare keys.
--
-- The default is the old digits rule, so a row written without a key (a test, an old
-- writer) still matches as it did before rather than not at all.
ALTER TABLE identities ADD COLUMN IF NOT EXISTS phone_key String DEFAULT replaceRegexpAll(phone, '[^0-9]', '');
ALTER TABLE leads ADD COLUMN IF NOT EXISTS phone_key String DEFAULT replaceRegexpAll(phone, '[^0-9]', '');

-- Stored rows get their keys. libphonenumber is TypeScript, so migrate.ts fills this table
-- with every distinct (site, phone) of both tables and its key; SQL only looks them up.
CREATE TABLE IF NOT EXISTS phone_keys_backfill (site_id String, phone String, phone_key String) ENGINE = Join(ANY, LEFT, site_id, phone);
PHONE KEYS INTO phone_keys_backfill;

ALTER TABLE identities UPDATE phone_key = joinGet('$DATABASE.phone_keys_backfill', 'phone_key', toString(site_id), phone)
WHERE phone != ''
SETTINGS mutations_sync = 1;

ALTER TABLE leads UPDATE phone_key = joinGet('$DATABASE.phone_keys_backfill', 'phone_key', toString(site_id), phone)
WHERE phone != ''
SETTINGS mutations_sync = 1;

DROP TABLE IF EXISTS phone_keys_backfill;
