-- Per site: whether the widget offers web calls and how long a call rings before it is
-- missed, as JSON checked by server/contract/calls.ts ('' = the defaults: calls off).
ALTER TABLE site_service ADD COLUMN IF NOT EXISTS calls String DEFAULT '';
