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

-- Agent assist: every knowledge-base suggestion shown to an agent in the chat console and
-- every one they used (clicked or inserted with Alt+1..3), with who, which article and
-- which chat. Kept apart from `events`, which holds what visitors did: the rollups built
-- from it must not count an agent's screen as visitor activity. Rows are never updated.
CREATE TABLE IF NOT EXISTS suggestion_events
(
    site_id     LowCardinality(String),
    at          DateTime64(3, 'UTC'),
    kind        LowCardinality(String),
    user_id     String,
    chat_id     String,
    article_id  String,
    via         LowCardinality(String)
)
ENGINE = MergeTree
ORDER BY (site_id, at);
