-- How far down a page view was seen (the bottom of the window, % of the page's height): the
-- snippet sends the running maximum with each engagement event; 0 on every other event and
-- on engagement from snippets older than the column.
ALTER TABLE events ADD COLUMN IF NOT EXISTS scroll_pct UInt8 DEFAULT 0 AFTER engaged_ms;
