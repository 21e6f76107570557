// The signed-in session, kept by the core (never by the renderer) so it survives restarts.
import { randomUUID } from 'node:crypto'
import type { OrgMembership, User } from '../../../shared/domain'
import type { Replica } from './replica'

export interface StoredSession {
  serverUrl: string
  accessToken: string
  refreshToken: string
  user: User
  orgs: OrgMembership[]
  activeOrgId: string | null
}

interface SessionRow {
  server_url: string
  access_token: string
  refresh_token: string
  user_json: string
  orgs_json: string
  active_org_id: string | null
}

export class SessionStore {
  constructor(private readonly db: Replica) {}

  load(): StoredSession | null {
    const row = this.db.prepare('SELECT * FROM session WHERE id = 1').get() as SessionRow | undefined
    if (!row) return null
    return {
      serverUrl: row.server_url,
      accessToken: row.access_token,
      refreshToken: row.refresh_token,
      user: JSON.parse(row.user_json) as User,
      orgs: JSON.parse(row.orgs_json) as OrgMembership[],
      activeOrgId: row.active_org_id,
    }
  }

  save(session: StoredSession): void {
    this.db
      .prepare(
        `INSERT INTO session (id, server_url, access_token, refresh_token, user_json, orgs_json, active_org_id)
         VALUES (1, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET server_url = excluded.server_url, access_token = excluded.access_token,
           refresh_token = excluded.refresh_token, user_json = excluded.user_json, orgs_json = excluded.orgs_json,
           active_org_id = excluded.active_org_id`,
      )
      .run(
        session.serverUrl,
        session.accessToken,
        session.refreshToken,
        JSON.stringify(session.user),
        JSON.stringify(session.orgs),
        session.activeOrgId,
      )
  }

  clear(): void {
    this.db.prepare('DELETE FROM session').run()
  }

  /** This installation's stable id, sent as device_id so each device has its own sign-in. */
  deviceId(): string {
    const row = this.db.prepare(`SELECT value FROM meta WHERE key = 'device_id'`).get() as { value: string } | undefined
    if (row) return row.value
    const id = `desktop-${randomUUID()}`
    this.db.prepare(`INSERT INTO meta (key, value) VALUES ('device_id', ?)`).run(id)
    return id
  }
}
