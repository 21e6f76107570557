-- The command center (seed 001's second §20): organizer workspaces with members and roles, widgets and their
-- cached data, an audit log, widget refresh / delivery events, and the telemetry feed the rollup writes.
-- Row-level security restricts every workspace row to the workspace's members (and the caller's organization).

CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;

CREATE TABLE sponsorship_workspaces (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  slug text NOT NULL CHECK (length(slug) BETWEEN 1 AND 80 AND slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  default_role text NOT NULL DEFAULT 'viewer' CHECK (default_role IN ('owner', 'editor', 'viewer')),
  -- timezone, goal_gmv_cents, reporting_webhook, event_ids (null: all the organization's events)
  settings jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(settings) = 'object'),
  command_center_enabled boolean NOT NULL DEFAULT false,
  capture_rollups boolean NOT NULL DEFAULT false,
  notify_slack_webhook text CHECK (notify_slack_webhook IS NULL OR length(notify_slack_webhook) <= 2000),
  archived_at timestamptz,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT sponsorship_workspaces_slug_key UNIQUE (org_id, slug)
);

CREATE TABLE sponsorship_workspace_members (
  workspace_id uuid NOT NULL REFERENCES sponsorship_workspaces (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX sponsorship_workspace_members_user_idx ON sponsorship_workspace_members (user_id);

CREATE TABLE sponsorship_workspace_invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES sponsorship_workspaces (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
  role text NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted')),
  delivery_error text,
  invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sponsorship_workspace_invitations_email_key ON sponsorship_workspace_invitations (workspace_id, lower(email));

CREATE TABLE sponsorship_workspace_widgets (
  workspace_id uuid NOT NULL REFERENCES sponsorship_workspaces (id) ON DELETE CASCADE,
  widget_id text NOT NULL CHECK (widget_id ~ '^[A-Za-z0-9_-]{1,64}$'),
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  widget_type text NOT NULL,
  config jsonb NOT NULL CHECK (jsonb_typeof(config) = 'object'),
  package_id uuid REFERENCES sponsorship_packages (id) ON DELETE SET NULL,
  layout jsonb NOT NULL CHECK (jsonb_typeof(layout) = 'object'),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, widget_id)
);

-- Each widget's data, rebuilt when its inputs change (its config, or a domain event in the workspace's scope).
CREATE TABLE sponsorship_workspace_widget_cache (
  workspace_id uuid NOT NULL,
  widget_id text NOT NULL,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  data jsonb NOT NULL,
  widget_version integer NOT NULL,
  is_stale boolean NOT NULL DEFAULT false,
  built_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, widget_id),
  FOREIGN KEY (workspace_id, widget_id) REFERENCES sponsorship_workspace_widgets (workspace_id, widget_id) ON DELETE CASCADE
);

-- Widget refreshes and notification deliveries, each a success or a failure (the failure rate is watched: < 1 %).
CREATE TABLE sponsorship_workspace_widget_events (
  id bigserial PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES sponsorship_workspaces (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  widget_id text,
  kind text NOT NULL CHECK (kind IN ('refresh', 'delivery')),
  ok boolean NOT NULL,
  error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sponsorship_workspace_widget_events_ws_idx ON sponsorship_workspace_widget_events (workspace_id, created_at DESC);

CREATE TABLE sponsorship_workspace_audit (
  id bigserial PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES sponsorship_workspaces (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  entity text NOT NULL CHECK (entity IN ('workspace', 'member', 'invitation', 'widget', 'command_center')),
  entity_id text NOT NULL,
  action text NOT NULL CHECK (action IN ('create', 'update', 'archive', 'delete')),
  before jsonb,
  after jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sponsorship_workspace_audit_ws_idx ON sponsorship_workspace_audit (workspace_id, created_at DESC);
CREATE INDEX sponsorship_workspace_audit_created_idx ON sponsorship_workspace_audit (created_at);

-- The rollup's metrics, every 5 minutes per enabled workspace.
CREATE TABLE sponsorship_command_center_feed (
  id bigserial PRIMARY KEY,
  workspace_id uuid NOT NULL REFERENCES sponsorship_workspaces (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  metric text NOT NULL,
  dimensions jsonb NOT NULL DEFAULT '{}',
  value numeric NOT NULL,
  captured_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sponsorship_command_center_feed_ws_idx ON sponsorship_command_center_feed (workspace_id, metric, captured_at DESC);

-- The delta sequence of each workspace's live stream: moves in the outbox reader's transaction.
CREATE TABLE sponsorship_command_center_streams (
  workspace_id uuid PRIMARY KEY REFERENCES sponsorship_workspaces (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  last_seq bigint NOT NULL DEFAULT 0,
  -- GMV goal thresholds (25, 50, 75, 100 %) already announced to the workspace's hooks.
  goal_marks integer[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The caller's role in a workspace (null: not a member). SECURITY DEFINER so policies can ask without recursion.
CREATE FUNCTION workspace_role_of(p_workspace_id uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT role FROM sponsorship_workspace_members WHERE workspace_id = p_workspace_id AND user_id = app_user_id()
$$;
CREATE FUNCTION workspace_has_members(p_workspace_id uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM sponsorship_workspace_members WHERE workspace_id = p_workspace_id)
$$;
GRANT EXECUTE ON FUNCTION workspace_role_of(uuid), workspace_has_members(uuid), app_user_id() TO yardpass_app;

ALTER TABLE sponsorship_workspaces ENABLE ROW LEVEL SECURITY;
CREATE POLICY sponsorship_workspaces_members ON sponsorship_workspaces
  USING (org_id = app_org_id() AND workspace_role_of(id) IS NOT NULL)
  WITH CHECK (org_id = app_org_id() AND workspace_role_of(id) IS NOT NULL);
CREATE POLICY sponsorship_workspaces_create ON sponsorship_workspaces FOR INSERT WITH CHECK (org_id = app_org_id());

ALTER TABLE sponsorship_workspace_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY sponsorship_workspace_members_read ON sponsorship_workspace_members FOR SELECT
  USING (org_id = app_org_id() AND workspace_role_of(workspace_id) IS NOT NULL);
-- The first member (the creator, as owner) or an owner adds members; owners change and remove them.
CREATE POLICY sponsorship_workspace_members_add ON sponsorship_workspace_members FOR INSERT
  WITH CHECK (org_id = app_org_id() AND (workspace_role_of(workspace_id) = 'owner' OR NOT workspace_has_members(workspace_id)));
CREATE POLICY sponsorship_workspace_members_change ON sponsorship_workspace_members FOR UPDATE
  USING (org_id = app_org_id() AND workspace_role_of(workspace_id) = 'owner')
  WITH CHECK (org_id = app_org_id());
CREATE POLICY sponsorship_workspace_members_remove ON sponsorship_workspace_members FOR DELETE
  USING (org_id = app_org_id() AND workspace_role_of(workspace_id) = 'owner');

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['sponsorship_workspace_invitations', 'sponsorship_workspace_widgets', 'sponsorship_workspace_widget_cache',
    'sponsorship_workspace_widget_events', 'sponsorship_workspace_audit', 'sponsorship_command_center_feed', 'sponsorship_command_center_streams'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I USING (org_id = app_org_id() AND workspace_role_of(workspace_id) IS NOT NULL)
      WITH CHECK (org_id = app_org_id() AND workspace_role_of(workspace_id) IS NOT NULL)', t || '_members', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON sponsorship_workspaces, sponsorship_workspace_members, sponsorship_workspace_invitations,
  sponsorship_workspace_widgets, sponsorship_workspace_widget_cache TO yardpass_app;
GRANT SELECT, INSERT ON sponsorship_workspace_audit, sponsorship_workspace_widget_events TO yardpass_app;
GRANT SELECT ON sponsorship_command_center_feed, sponsorship_command_center_streams TO yardpass_app;
GRANT USAGE ON SEQUENCE sponsorship_workspace_audit_id_seq, sponsorship_workspace_widget_events_id_seq TO yardpass_app;

-- workspace.created and widget.updated go to the outbox in the same transaction as the change.
CREATE FUNCTION workspace_domain_event() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM record_domain_event('workspace.created', ARRAY[NEW.org_id], NULL, jsonb_build_object(
    'workspace_id', NEW.id, 'name', NEW.name, 'slug', NEW.slug, 'created_by', NEW.created_by));
  RETURN NEW;
END $$;
CREATE TRIGGER sponsorship_workspaces_domain_event AFTER INSERT ON sponsorship_workspaces
  FOR EACH ROW EXECUTE FUNCTION workspace_domain_event();

CREATE FUNCTION widget_domain_event() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  w sponsorship_workspace_widgets := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
BEGIN
  PERFORM record_domain_event('widget.updated', ARRAY[w.org_id], NULL, jsonb_build_object(
    'workspace_id', w.workspace_id, 'widget_id', w.widget_id, 'widget_type', w.widget_type,
    'version', w.version, 'deleted', TG_OP = 'DELETE'));
  RETURN NULL;
END $$;
CREATE TRIGGER sponsorship_workspace_widgets_domain_event AFTER INSERT OR UPDATE OR DELETE ON sponsorship_workspace_widgets
  FOR EACH ROW EXECUTE FUNCTION widget_domain_event();

-- The command center's reads by event: leads per hour and today's leads, the capture ticker.
CREATE INDEX leads_event_created_idx ON leads (event_id, created_at);
CREATE INDEX leads_event_last_captured_idx ON leads (event_id, last_captured_at DESC);
