-- Issue 21: no edit is lost, clocks cannot reorder. Notes become entries that concurrent edits append to;
-- star, archive and follow-up carry who set them and when, with a history that keeps the values that lost;
-- captures record when the server received them and whether the device's clock was overruled.

ALTER TABLE leads
  ADD COLUMN note_entries jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_array_length(note_entries) <= 200),
  ADD COLUMN field_meta jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(field_meta) = 'object'),
  ADD COLUMN history jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_array_length(history) <= 200);

-- Existing notes become one entry. Nobody is named as its author: it may have been written by several people.
UPDATE leads SET note_entries = jsonb_build_array(jsonb_build_object(
    'id', gen_random_uuid(), 'text', notes, 'author_id', NULL, 'author_name', NULL, 'device_id', NULL,
    'created_at', to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'edited_at', NULL))
  WHERE notes IS NOT NULL AND notes <> '';

-- notes is derived from the entries from now on (search, CSV export, old clients); its bound follows theirs.
ALTER TABLE leads DROP CONSTRAINT leads_notes_check;
ALTER TABLE leads ADD CONSTRAINT leads_notes_check CHECK (notes IS NULL OR length(notes) <= 250000);

-- The entries' texts in array order (kept in created order by their writers), blank lines between.
CREATE FUNCTION lead_notes_text(entries jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT nullif(string_agg(e.value ->> 'text', E'\n\n' ORDER BY e.ordinality), '')
  FROM jsonb_array_elements(entries) WITH ORDINALITY e
$$;

-- Adds entries to a lead's notes in created order; a capture appends this way so it never overwrites an
-- edit that committed after the capture read the lead. created_at is always written as UTC ISO with
-- milliseconds, so comparing the strings compares the times.
CREATE FUNCTION lead_notes_add(entries jsonb, added jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_array_length(added) = 0 THEN entries ELSE (
    SELECT jsonb_agg(e.value ORDER BY e.value ->> 'created_at', e.value ->> 'id')
    FROM jsonb_array_elements(entries || added) e) END
$$;

CREATE FUNCTION derive_lead_notes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.notes := lead_notes_text(NEW.note_entries);
  RETURN NEW;
END $$;
-- Runs before the change-log trigger (AFTER), so devices pull the derived text too.
CREATE TRIGGER leads_derive_notes BEFORE INSERT OR UPDATE OF note_entries, notes ON leads
  FOR EACH ROW EXECUTE FUNCTION derive_lead_notes();

-- A repeat capture dated in the past once moved last_captured_at behind first_captured_at.
UPDATE leads SET last_captured_at = first_captured_at WHERE last_captured_at < first_captured_at;
ALTER TABLE leads ADD CONSTRAINT leads_capture_order CHECK (last_captured_at >= first_captured_at);

-- When the server received each capture, and whether the device's time was replaced by it.
ALTER TABLE lead_captures
  ADD COLUMN received_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN clock_flag text CHECK (clock_flag IN ('future', 'past'));
UPDATE lead_captures SET received_at = captured_at;

-- When an event the calling sponsor organization sponsors was created: the floor of a sane capture time.
-- Reveals nothing about events the caller does not sponsor.
CREATE FUNCTION sponsored_event_created_at(p_event_id uuid) RETURNS timestamptz
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT e.created_at FROM events e
    WHERE e.id = p_event_id
      AND EXISTS (SELECT 1 FROM event_sponsorships es WHERE es.event_id = p_event_id AND es.sponsor_org_id = app_org_id())
  $$;
