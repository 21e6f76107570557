// The replica's copy of the command center: the organizer's workspaces, and each opened workspace's widgets
// with their data and the live sequence they were read at, so the screen opens offline with last-known values.
// Its tables are made here (IF NOT EXISTS) rather than in a numbered replica migration.
import type { WidgetRecord, WorkspaceRecord } from '../../../shared/command-center'
import type { Replica } from './replica'

export interface StoredView {
  workspace: WorkspaceRecord
  widgets: WidgetRecord[]
  seq: number
  readAt: string
}

export class CommandCenterStore {
  constructor(private readonly db: Replica) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS cc_workspaces (id TEXT PRIMARY KEY, org_id TEXT NOT NULL, name TEXT NOT NULL, record_json TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS cc_workspaces_org ON cc_workspaces (org_id, name);
      CREATE TABLE IF NOT EXISTS cc_views (workspace_id TEXT PRIMARY KEY, org_id TEXT NOT NULL, view_json TEXT NOT NULL, read_at TEXT NOT NULL);
    `)
  }

  replaceWorkspaces(orgId: string, workspaces: WorkspaceRecord[]) {
    const remove = this.db.prepare('DELETE FROM cc_workspaces WHERE org_id = ?')
    const insert = this.db.prepare('INSERT INTO cc_workspaces (id, org_id, name, record_json) VALUES (?, ?, ?, ?)')
    this.db.transaction(() => {
      remove.run(orgId)
      for (const ws of workspaces) insert.run(ws.id, ws.org_id, ws.name, JSON.stringify(ws))
      // A workspace the user no longer sees leaves the replica with its widgets.
      this.db
        .prepare(
          `DELETE FROM cc_views WHERE org_id = ? AND workspace_id NOT IN (SELECT id FROM cc_workspaces WHERE org_id = ?)`,
        )
        .run(orgId, orgId)
    })()
  }

  workspaces(orgId: string): WorkspaceRecord[] {
    const rows = this.db
      .prepare('SELECT record_json FROM cc_workspaces WHERE org_id = ? ORDER BY name, id')
      .all(orgId) as { record_json: string }[]
    return rows.map((r) => JSON.parse(r.record_json) as WorkspaceRecord)
  }

  saveView(view: StoredView) {
    this.db
      .prepare(
        `INSERT INTO cc_views (workspace_id, org_id, view_json, read_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (workspace_id) DO UPDATE SET org_id = excluded.org_id, view_json = excluded.view_json, read_at = excluded.read_at`,
      )
      .run(view.workspace.id, view.workspace.org_id, JSON.stringify(view), view.readAt)
  }

  view(workspaceId: string): StoredView | null {
    const row = this.db.prepare('SELECT view_json FROM cc_views WHERE workspace_id = ?').get(workspaceId) as
      { view_json: string } | undefined
    return row ? (JSON.parse(row.view_json) as StoredView) : null
  }

  /** Puts one widget (as the server answered it) into the stored view, or takes it out. */
  patchWidget(workspaceId: string, widget: WidgetRecord | { widget_id: string; deleted: true }) {
    const view = this.view(workspaceId)
    if (!view) return
    const others = view.widgets.filter((w) => w.widget_id !== widget.widget_id)
    view.widgets = 'deleted' in widget ? others : [...others, widget]
    this.saveView(view)
  }

  clear() {
    this.db.exec('DELETE FROM cc_workspaces; DELETE FROM cc_views;')
  }
}
