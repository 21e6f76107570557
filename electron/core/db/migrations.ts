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
    // Lead review at show scale: indexed columns and full-text search over the pulled leads. The columns are
    // VIRTUAL, derived from row_json, so sync-store keeps writing (id, sponsor_id, event_id, row_json) only.
    sql: `
      ALTER TABLE leads ADD COLUMN name TEXT GENERATED ALWAYS AS (json_extract(row_json, '$.name')) VIRTUAL;
      ALTER TABLE leads ADD COLUMN email TEXT GENERATED ALWAYS AS (json_extract(row_json, '$.email')) VIRTUAL;
      ALTER TABLE leads ADD COLUMN company TEXT GENERATED ALWAYS AS (json_extract(row_json, '$.company')) VIRTUAL;
      ALTER TABLE leads ADD COLUMN badge_code TEXT GENERATED ALWAYS AS (json_extract(row_json, '$.badge_code')) VIRTUAL;
      ALTER TABLE leads ADD COLUMN intent_level TEXT GENERATED ALWAYS AS (json_extract(row_json, '$.intent_level')) VIRTUAL;
      ALTER TABLE leads ADD COLUMN intent_score INTEGER GENERATED ALWAYS AS (coalesce(json_extract(row_json, '$.intent_score'), 0)) VIRTUAL;
      ALTER TABLE leads ADD COLUMN is_archived INTEGER GENERATED ALWAYS AS (coalesce(json_extract(row_json, '$.is_archived'), 0)) VIRTUAL;
      ALTER TABLE leads ADD COLUMN is_starred INTEGER GENERATED ALWAYS AS (coalesce(json_extract(row_json, '$.is_starred'), 0)) VIRTUAL;
      ALTER TABLE leads ADD COLUMN follow_up_status TEXT GENERATED ALWAYS AS (json_extract(row_json, '$.follow_up_status')) VIRTUAL;
      ALTER TABLE leads ADD COLUMN last_captured_at TEXT GENERATED ALWAYS AS (json_extract(row_json, '$.last_captured_at')) VIRTUAL;
      ALTER TABLE leads ADD COLUMN notes TEXT GENERATED ALWAYS AS (json_extract(row_json, '$.notes')) VIRTUAL;
      -- The searched text in one lowercase string, indexed, so a word too short for the trigram index is looked
      -- for in the index entries (instr), never by parsing every row_json.
      ALTER TABLE leads ADD COLUMN search_text TEXT GENERATED ALWAYS AS (lower(concat_ws(char(31), name, email, company, badge_code, notes))) VIRTUAL;
      -- One index per sort; each ends with the filter columns, so every view (active, archived, all; any intent;
      -- starred) reads its page in order off the index and counts its rows there, without touching row_json.
      -- id breaks ties, so a page's order is total and the descending sorts read the index backwards.
      CREATE INDEX leads_review_recent ON leads (sponsor_id, last_captured_at, id, is_archived, intent_level, is_starred);
      CREATE INDEX leads_review_score ON leads (sponsor_id, intent_score, last_captured_at, id, is_archived, intent_level, is_starred);
      CREATE INDEX leads_review_name ON leads (sponsor_id, name COLLATE NOCASE, id, is_archived, intent_level, is_starred);
      CREATE INDEX leads_review_text ON leads (sponsor_id, search_text, is_archived, intent_level, is_starred);
      -- Substring search, as lead review always had: trigrams, case-insensitive, contentless (the text stays in
      -- row_json). Each match's filters are read from a slim table by rowid, so counting a search parses no JSON.
      -- Both are keyed by the leads rowid, which upserts keep (ON CONFLICT DO UPDATE); nothing VACUUMs the replica.
      CREATE VIRTUAL TABLE leads_search USING fts5 (
        name, email, company, badge_code, notes, tokenize = 'trigram', content = '', contentless_delete = 1
      );
      CREATE TABLE leads_review_filters (
        rowid INTEGER PRIMARY KEY, sponsor_id TEXT NOT NULL, is_archived INTEGER, intent_level TEXT, is_starred INTEGER
      );
      INSERT INTO leads_search (rowid, name, email, company, badge_code, notes) SELECT rowid, name, email, company, badge_code, notes FROM leads;
      INSERT INTO leads_review_filters SELECT rowid, sponsor_id, is_archived, intent_level, is_starred FROM leads;
      CREATE TRIGGER leads_search_insert AFTER INSERT ON leads BEGIN
        INSERT INTO leads_search (rowid, name, email, company, badge_code, notes) VALUES (new.rowid, new.name, new.email, new.company, new.badge_code, new.notes);
        INSERT INTO leads_review_filters VALUES (new.rowid, new.sponsor_id, new.is_archived, new.intent_level, new.is_starred);
      END;
      CREATE TRIGGER leads_search_delete AFTER DELETE ON leads BEGIN
        DELETE FROM leads_search WHERE rowid = old.rowid;
        DELETE FROM leads_review_filters WHERE rowid = old.rowid;
      END;
      -- A star, archive or follow-up change leaves the search index alone.
      CREATE TRIGGER leads_search_update AFTER UPDATE ON leads
      WHEN old.rowid IS NOT new.rowid OR old.name IS NOT new.name OR old.email IS NOT new.email OR old.company IS NOT new.company
        OR old.badge_code IS NOT new.badge_code OR old.notes IS NOT new.notes
      BEGIN
        DELETE FROM leads_search WHERE rowid = old.rowid;
        INSERT INTO leads_search (rowid, name, email, company, badge_code, notes) VALUES (new.rowid, new.name, new.email, new.company, new.badge_code, new.notes);
      END;
      CREATE TRIGGER leads_review_filters_update AFTER UPDATE ON leads
      WHEN old.rowid IS NOT new.rowid OR old.sponsor_id IS NOT new.sponsor_id OR old.is_archived IS NOT new.is_archived
        OR old.intent_level IS NOT new.intent_level OR old.is_starred IS NOT new.is_starred
      BEGIN
        DELETE FROM leads_review_filters WHERE rowid = old.rowid;
        INSERT INTO leads_review_filters VALUES (new.rowid, new.sponsor_id, new.is_archived, new.intent_level, new.is_starred);
      END;
    `,
  },
  {
    id: 4,
    name: '0004_captures_keep_everything',
    // A capture keeps its whole content until the server has it or the user exports or discards it.
    sql: `
      -- The capture's whole mutation (badge or person, notes, qualifiers, interaction, time), beside its row.
      ALTER TABLE captures ADD COLUMN args_json TEXT;
      UPDATE captures SET args_json = (SELECT args_json FROM outbox WHERE outbox.mutation_id = captures.mutation_id);
      -- Mutations the server refused (captures and lead edits), whole, until the user exports or discards them.
      CREATE TABLE rejected_mutations (
        mutation_id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        args_json TEXT NOT NULL,
        sponsor_id TEXT,
        lead_id TEXT,
        code TEXT,
        reason TEXT NOT NULL,
        made_at TEXT NOT NULL,
        rejected_at TEXT NOT NULL,
        exported_at TEXT
      );
      -- What sync has to tell the user: merges and superseded edits from the server, access removed here.
      CREATE TABLE sync_notices (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        sponsor_id TEXT,
        lead_id TEXT,
        field TEXT,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    id: 5,
    name: '0005_capture_score_and_directory',
    // The booth shows a capture's score and intent level at once, offline, and whether the badge was in the directory.
    sql: `
      ALTER TABLE captures ADD COLUMN intent_score INTEGER;
      ALTER TABLE captures ADD COLUMN intent_level TEXT;
      ALTER TABLE captures ADD COLUMN in_directory INTEGER;
    `,
  },
]
