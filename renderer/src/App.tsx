// Routes: the login screen when signed out; the organization's workspace when signed in.
import { HashRouter, Navigate, Route, Routes } from 'react-router-dom'
import { AppShell } from './components/AppShell'
import { LoginPage } from './pages/LoginPage'
import { EventsPage } from './pages/EventsPage'
import { BoothPage } from './pages/booth/BoothPage'
import { LeadsPage } from './pages/LeadsPage'
import { PackagesPage } from './pages/commerce/PackagesPage'
import { ProposalsPage } from './pages/commerce/ProposalsPage'
import { OrdersPage } from './pages/commerce/OrdersPage'
import { OperationsPage } from './features/operations/OperationsPage'
import { useSession } from './use-session'

export function App() {
  const { status, connection, signedIn, setStatus } = useSession()
  if (!status) return <p className="loading">Starting…</p>

  if (status.state === 'signed-out') {
    return <LoginPage defaultServerUrl={status.defaultServerUrl} onSignedIn={signedIn} />
  }
  const isSponsor = status.orgs.find((org) => org.id === status.activeOrgId)?.kind === 'sponsor'
  return (
    <HashRouter>
      <AppShell status={status} connection={connection} onStatus={setStatus}>
        <Routes>
          <Route path="/events" element={<EventsPage orgId={status.activeOrgId} />} />
          <Route path="/booth" element={<BoothPage />} />
          <Route path="/leads" element={<LeadsPage />} />
          <Route path="/packages" element={<PackagesPage key={status.activeOrgId} isSponsor={isSponsor} />} />
          <Route path="/proposals" element={<ProposalsPage key={status.activeOrgId} />} />
          <Route path="/orders" element={<OrdersPage key={status.activeOrgId} />} />
          <Route path="/operations" element={<OperationsPage />} />
          <Route path="*" element={<Navigate to={isSponsor ? '/booth' : '/events'} replace />} />
        </Routes>
      </AppShell>
    </HashRouter>
  )
}
