-- What a company's own customer list says about a person beyond name, email and phone
-- (those go to `identities`, so an imported person is known exactly as identify makes
-- one): their id in the company's system (an import merge key), tags as the file wrote
-- them (text, for the tags feature to read) and custom fields. One row per (site, person);
-- person_id is the person's anchor visitor id, as in `identities`. A re-import writes the
-- merged row with a newer version.
CREATE TABLE IF NOT EXISTS person_profiles
(
    site_id     LowCardinality(String),
    person_id   String,
    external_id String,
    tags        String,
    fields      Map(String, String),
    imported_at DateTime64(3, 'UTC'),
    updated_at  DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (site_id, person_id);
