// Routes: the login screen when signed out; the organization's workspace when signed in.
import { Center, Loader } from '@mantine/core'
import { HashRouter, Navigate, Route, Routes } from 'react-router-dom'
import { AppFrame } from './features/shell/AppFrame'
import { ComingSoon } from './features/shell/ComingSoon'
import { comingSoon, homePath } from './features/shell/navigation'
import { LoginPage } from './features/session/LoginPage'
import { EventsPage } from './features/events/EventsPage'
import { BoothPage } from './pages/booth/BoothPage'
import { LeadsPage } from './pages/LeadsPage'
import { PackagesPage } from './pages/commerce/PackagesPage'
import { ProposalsPage } from './pages/commerce/ProposalsPage'
import { OrdersPage } from './pages/commerce/OrdersPage'
import { OperationsPage } from './features/operations/OperationsPage'
import { useSession } from './use-session'

export function App() {
  const { status, connection, signedIn, setStatus } = useSession()
  if (!status) return <Center h="100vh"><Loader aria-label="Starting…" /></Center>

  if (status.state === 'signed-out') {
    return <LoginPage defaultServerUrl={status.defaultServerUrl} onSignedIn={signedIn} />
  }
  const kind = status.orgs.find((org) => org.id === status.activeOrgId)?.kind
  const isSponsor = kind === 'sponsor'
  const org = status.activeOrgId ?? 'none'
  return (
    <HashRouter>
      <AppFrame status={status} connection={connection} onStatus={setStatus}>
        <Routes>
          <Route path="/events" element={<EventsPage key={org} orgId={status.activeOrgId} connection={connection} />} />
          <Route path="/booth" element={<BoothPage key={org} />} />
          <Route path="/leads" element={<LeadsPage key={org} />} />
          <Route path="/packages" element={<PackagesPage key={org} isSponsor={isSponsor} />} />
          <Route path="/proposals" element={<ProposalsPage key={org} />} />
          <Route path="/orders" element={<OrdersPage key={org} />} />
          <Route path="/operations" element={<OperationsPage />} />
          {comingSoon.map((screen) => <Route key={screen.path} path={screen.path} element={<ComingSoon screen={screen} />} />)}
          <Route path="*" element={<Navigate to={homePath(kind)} replace />} />
        </Routes>
      </AppFrame>
    </HashRouter>
  )
}
