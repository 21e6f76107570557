-- The GraphQL API (issue 18): sponsors' logos (what attendees see of an event's sponsors, with names and
-- tiers), and the index the lead list's cursor pages walk (newest capture first).
ALTER TABLE sponsors ADD COLUMN logo_url text
  CHECK (logo_url IS NULL OR (length(logo_url) <= 500 AND logo_url ~ '^https?://'));

CREATE INDEX leads_sponsor_recent_idx ON leads (sponsor_id, last_captured_at DESC, id);
