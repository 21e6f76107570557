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
]
