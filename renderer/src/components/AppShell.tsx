// The signed-in frame: organization switcher, navigation, connection indicator, sign-out.
import type { ReactNode } from 'react'
import { NavLink } from 'react-router-dom'
import type { ConnectionState, SessionStatus } from '../../../shared/desktop-api'
import { desktop } from '../desktop-client'
import { ConnectionIndicator } from './ConnectionIndicator'

type SignedIn = Extract<SessionStatus, { state: 'signed-in' }>

export function AppShell({ status, connection, onStatus, children }: { status: SignedIn; connection: ConnectionState; onStatus: (status: SessionStatus) => void; children: ReactNode }) {
  return (
    <div className="shell">
      <header className="topbar">
        <strong>Yardpass</strong>
        <label className="org-picker">
          Organization
          <select value={status.activeOrgId ?? ''} onChange={async (e) => onStatus(await desktop.invoke('org-select', { orgId: e.target.value }))}>
            {status.orgs.map((org) => (
              <option key={org.id} value={org.id}>
                {org.name} ({org.kind})
              </option>
            ))}
          </select>
        </label>
        <ConnectionIndicator state={connection} />
        <span className="user">{status.user.name}</span>
        <button type="button" onClick={async () => onStatus(await desktop.invoke('session-logout', {}))}>
          Sign out
        </button>
      </header>
      <nav aria-label="Main">
        <NavLink to="/events">Events</NavLink>
      </nav>
      <main className="content">{children}</main>
    </div>
  )
}
