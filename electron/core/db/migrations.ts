// The replica's forward-only migrations, in order. Applied ids must be a prefix of this list.
export interface ReplicaMigration {
  id: number
  name: string
  sql: string
}

export const replicaMigrations: ReplicaMigration[] = [
  {
    id: 1,
    name: '0001_session_and_events',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE session (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        server_url TEXT NOT NULL,
        access_token TEXT NOT NULL,
        refresh_token TEXT NOT NULL,
        user_json TEXT NOT NULL,
        orgs_json TEXT NOT NULL,
        active_org_id TEXT
      );
      CREATE TABLE events (
        id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL,
        start_at TEXT NOT NULL,
        record_json TEXT NOT NULL
      );
      CREATE INDEX events_org_start ON events (org_id, start_at);
    `,
  },
  {
    id: 2,
    name: '0002_sync_outbox_and_leads',
    sql: `
      -- Mutations not yet acknowledged by the server, in the order they were made. AUTOINCREMENT:
      -- ids never repeat, even after acknowledged rows are deleted, so they rise strictly per client.
      CREATE TABLE outbox (
        mutation_id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        args_json TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      -- Each capture made on this device, with its sync state for the booth's recent list.
      CREATE TABLE captures (
        lead_id TEXT PRIMARY KEY,
        mutation_id INTEGER NOT NULL,
        sponsor_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        badge_code TEXT,
        name TEXT NOT NULL,
        interaction TEXT NOT NULL,
        captured_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'synced', 'rejected')),
        reason TEXT
      );
      CREATE INDEX captures_recent ON captures (sponsor_id, event_id, captured_at DESC);
      CREATE INDEX captures_mutation ON captures (mutation_id);
      -- Pulled server state.
      CREATE TABLE leads (id TEXT PRIMARY KEY, sponsor_id TEXT NOT NULL, event_id TEXT NOT NULL, row_json TEXT NOT NULL);
      CREATE INDEX leads_sponsor ON leads (sponsor_id, event_id);
      CREATE TABLE directory (id TEXT PRIMARY KEY, event_id TEXT NOT NULL, badge_code TEXT NOT NULL, row_json TEXT NOT NULL);
      CREATE UNIQUE INDEX directory_badge ON directory (event_id, badge_code);
      CREATE TABLE questions (id TEXT PRIMARY KEY, sponsor_id TEXT NOT NULL, event_id TEXT NOT NULL, row_json TEXT NOT NULL);
      CREATE TABLE sponsors (id TEXT PRIMARY KEY, record_json TEXT NOT NULL);
    `,
  },
  {
    id: 3,
    name: '0003_lead_review_index',
    // Lead review at show scale: indexed columns and full-text search over the pulled leads.
    sql: `SELECT 1;`,
  },
  {
    id: 4,
    name: '0004_captures_keep_everything',
    // A capture keeps its whole content until the server has it or the user exports or discards it.
    sql: `SELECT 1;`,
  },
]
