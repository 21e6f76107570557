-- Sync (DESIGN.md): a change log written by triggers in the same transaction as every change to a
-- replicated table, devices' mutation cursors, and mutations that could never apply.

-- version stays NULL until a pull stamps it (stamp_changes below). Only committed rows can be
-- stamped, in stamping order, so versions are handed out in an order every reader agrees on and
-- a change that commits late still gets a version above every cursor already given out.
CREATE TABLE change_log (
  id bigserial PRIMARY KEY,
  version bigint UNIQUE,
  scope text NOT NULL,
  table_name text NOT NULL,
  row_id uuid NOT NULL,
  op text NOT NULL CHECK (op IN ('upsert', 'delete')),
  row_data jsonb,
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX change_log_unstamped_idx ON change_log (id) WHERE version IS NULL;
CREATE INDEX change_log_scope_version_idx ON change_log (scope, version);
CREATE SEQUENCE change_log_version_seq;

-- Stamps every committed, unstamped change with the next versions; one stamper at a time.
CREATE FUNCTION stamp_changes() RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('change_log_stamp'));
  UPDATE change_log c SET version = nextval('change_log_version_seq')
  FROM (SELECT id FROM change_log WHERE version IS NULL ORDER BY id) pending
  WHERE c.id = pending.id;
  RETURN (SELECT last_value FROM change_log_version_seq);
END $$;

CREATE FUNCTION log_lead_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO change_log (scope, table_name, row_id, op) VALUES ('sponsor:' || OLD.sponsor_id, 'leads', OLD.id, 'delete');
    RETURN OLD;
  END IF;
  INSERT INTO change_log (scope, table_name, row_id, op, row_data)
    VALUES ('sponsor:' || NEW.sponsor_id, 'leads', NEW.id, 'upsert', to_jsonb(NEW) - 'org_id');
  RETURN NEW;
END $$;
CREATE TRIGGER leads_change_log AFTER INSERT OR UPDATE OR DELETE ON leads FOR EACH ROW EXECUTE FUNCTION log_lead_change();

-- The event directory as sponsors' devices see it: consented attendees, contact fields only.
-- Withdrawn consent removes the attendee from every device.
CREATE FUNCTION log_attendee_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NOT NEW.consent_to_share THEN
    IF TG_OP = 'INSERT' THEN RETURN NEW; END IF;
    INSERT INTO change_log (scope, table_name, row_id, op)
      VALUES ('directory:' || OLD.event_id, 'attendees', OLD.id, 'delete');
    RETURN coalesce(NEW, OLD);
  END IF;
  INSERT INTO change_log (scope, table_name, row_id, op, row_data)
    VALUES ('directory:' || NEW.event_id, 'attendees', NEW.id, 'upsert',
      jsonb_build_object('id', NEW.id, 'event_id', NEW.event_id, 'badge_code', NEW.badge_code, 'name', NEW.name,
        'email', NEW.email, 'company', NEW.company, 'title', NEW.title));
  RETURN NEW;
END $$;
CREATE TRIGGER attendees_change_log AFTER INSERT OR UPDATE OR DELETE ON attendees FOR EACH ROW EXECUTE FUNCTION log_attendee_change();

CREATE FUNCTION log_question_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  INSERT INTO change_log (scope, table_name, row_id, op, row_data)
    VALUES ('sponsor:' || NEW.sponsor_id, 'qualifier_questions', NEW.id, 'upsert', to_jsonb(NEW) - 'org_id');
  RETURN NEW;
END $$;
CREATE TRIGGER qualifier_questions_change_log AFTER INSERT OR UPDATE ON qualifier_questions FOR EACH ROW EXECUTE FUNCTION log_question_change();

-- One row per device: the last mutation applied, so each mutation applies exactly once.
CREATE TABLE sync_clients (
  client_id text PRIMARY KEY CHECK (length(client_id) BETWEEN 8 AND 100),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  last_mutation_id bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Mutations that can never apply (consent missing, sponsor archived, permission revoked): processed, with the reason.
CREATE TABLE sync_rejections (
  client_id text NOT NULL REFERENCES sync_clients (client_id) ON DELETE CASCADE,
  mutation_id bigint NOT NULL,
  name text NOT NULL,
  code text NOT NULL,
  reason text NOT NULL,
  rejected_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (client_id, mutation_id)
);

-- A device's cursor moves inside the tenant transaction of the mutation it acknowledges.
GRANT SELECT, UPDATE ON sync_clients TO yardpass_app;
-- A pushed backlog records its rejections in the sponsor's tenant transaction.
GRANT INSERT ON sync_rejections TO yardpass_app;
-- Compaction looks up later changes of the same row.
CREATE INDEX change_log_row_idx ON change_log (table_name, row_id, version);
