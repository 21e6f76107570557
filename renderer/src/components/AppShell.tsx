// The signed-in frame: organization switcher, navigation, connection indicator, sign-out.
import { useState, type ReactNode } from 'react'
import { NavLink } from 'react-router-dom'
import type { ConnectionState, SessionStatus } from '../../../shared/desktop-api'
import { desktop } from '../desktop-client'
import { ConnectionIndicator } from './ConnectionIndicator'
import { SyncBar } from './SyncBar'
import { useIsPlatformAdmin } from '../features/operations/use-ops-overview'

type SignedIn = Extract<SessionStatus, { state: 'signed-in' }>

export function AppShell({ status, connection, onStatus, children }: { status: SignedIn; connection: ConnectionState; onStatus: (status: SessionStatus) => void; children: ReactNode }) {
  const isPlatformAdmin = useIsPlatformAdmin(status.activeOrgId)
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
        <SignOutButton onStatus={onStatus} />
      </header>
      <nav aria-label="Main">
        <NavLink to="/events">Events</NavLink>
        <NavLink to="/booth">Booth</NavLink>
        <NavLink to="/leads">Leads</NavLink>
        <NavLink to="/packages">Packages</NavLink>
        <NavLink to="/proposals">Proposals</NavLink>
        <NavLink to="/orders">Orders</NavLink>
        {isPlatformAdmin && <NavLink to="/operations">Operations</NavLink>}
      </nav>
      <main className="content">
        <SyncBar connection={connection} />
        {children}
      </main>
    </div>
  )
}

/** Sign-out; with captures not yet on the server it offers to export them to a file first. */
function SignOutButton({ onStatus }: { onStatus: (status: SessionStatus) => void }) {
  const [problem, setProblem] = useState<string | null>(null)
  async function signOut() {
    try {
      onStatus(await desktop.invoke('session-logout', {}))
    } catch (failure) {
      setProblem(failure instanceof Error ? failure.message : String(failure))
    }
  }
  return (
    <>
      <button type="button" onClick={() => void signOut()}>Sign out</button>
      {problem && (
        <div role="alertdialog" aria-label="Unsynced leads" className="dialog">
          <p>{problem}</p>
          <button type="button" onClick={async () => {
            const saved = await desktop.invoke('pending-export', {})
            setProblem(`Saved ${saved.count} capture(s) to ${saved.path}. You can sign out now.`)
          }}>Export to a file</button>
          <button type="button" className="secondary" onClick={() => setProblem(null)}>Close</button>
        </div>
      )}
    </>
  )
}
