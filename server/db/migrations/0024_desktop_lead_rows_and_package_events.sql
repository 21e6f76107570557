-- Issue 12 (the desktop as a product).
-- 1. Lead rows synced to devices name the person who captured the lead, for lead review's "Representative"
--    column (the row carried only their user id, which a representative's device cannot resolve).
CREATE OR REPLACE FUNCTION log_lead_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO change_log (scope, table_name, row_id, op) VALUES ('sponsor:' || OLD.sponsor_id, 'leads', OLD.id, 'delete');
    RETURN OLD;
  END IF;
  INSERT INTO change_log (scope, table_name, row_id, op, row_data)
    VALUES ('sponsor:' || NEW.sponsor_id, 'leads', NEW.id, 'upsert',
      (to_jsonb(NEW) - 'org_id') || jsonb_build_object('captured_by_name', (SELECT u.name FROM users u WHERE u.id = NEW.captured_by)));
  RETURN NEW;
END $$;

-- 2. Package cards name their event. A sponsor's tenant cannot read another organization's events (row-level
--    security), so this answers only the title, and only of the caller's own events or of events with a
--    package on sale in the public marketplace.
CREATE FUNCTION package_event_titles(p_event_ids uuid[]) RETURNS TABLE (event_id uuid, title text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT e.id, e.title FROM events e
  WHERE e.id = ANY(p_event_ids)
    AND (e.org_id = nullif(current_setting('app.org_id', true), '')::uuid
      OR EXISTS (SELECT 1 FROM sponsorship_packages p WHERE p.event_id = e.id AND p.is_active AND p.visibility = 'public'))
$$;
REVOKE ALL ON FUNCTION package_event_titles(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION package_event_titles(uuid[]) TO yardpass_app;
