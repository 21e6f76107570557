-- The booth refuses a badge on the spot when the attendee has not agreed to share their details, even
-- offline: devices now learn which badges belong to attendees who have not consented — the badge code and
-- nothing else (no name, no email) — instead of those badges being unknown. A consented attendee's row
-- carries the contact fields as before, marked consented.
CREATE OR REPLACE FUNCTION log_attendee_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO change_log (scope, table_name, row_id, op)
      VALUES ('directory:' || OLD.event_id, 'attendees', OLD.id, 'delete');
    RETURN OLD;
  END IF;
  IF NOT NEW.consent_to_share THEN
    INSERT INTO change_log (scope, table_name, row_id, op, row_data)
      VALUES ('directory:' || NEW.event_id, 'attendees', NEW.id, 'upsert',
        jsonb_build_object('id', NEW.id, 'event_id', NEW.event_id, 'badge_code', NEW.badge_code, 'consented', false));
    RETURN NEW;
  END IF;
  INSERT INTO change_log (scope, table_name, row_id, op, row_data)
    VALUES ('directory:' || NEW.event_id, 'attendees', NEW.id, 'upsert',
      jsonb_build_object('id', NEW.id, 'event_id', NEW.event_id, 'badge_code', NEW.badge_code, 'consented', true,
        'name', NEW.name, 'email', NEW.email, 'company', NEW.company, 'title', NEW.title));
  RETURN NEW;
END $$;

-- Devices already holding a directory learn the badges that were left out of it until now.
INSERT INTO change_log (scope, table_name, row_id, op, row_data)
SELECT 'directory:' || a.event_id, 'attendees', a.id, 'upsert',
  jsonb_build_object('id', a.id, 'event_id', a.event_id, 'badge_code', a.badge_code, 'consented', false)
FROM attendees a WHERE NOT a.consent_to_share;
