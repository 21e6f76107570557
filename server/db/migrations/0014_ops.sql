-- Operations: an alert raised for a person (admin_alerts) is acknowledged by a platform administrator,
-- so the Operations panel and the open-alerts metric show only what still needs someone.
ALTER TABLE admin_alerts ADD COLUMN acknowledged_at timestamptz;
ALTER TABLE admin_alerts ADD COLUMN acknowledged_by uuid REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX admin_alerts_open_idx ON admin_alerts (created_at DESC) WHERE acknowledged_at IS NULL;
