// Routes: the login screen when signed out; the organization's workspace when signed in. A screen is keyed by
// the active organization, so switching starts it afresh.
import { Center, Loader } from '@mantine/core'
import { HashRouter, Navigate, Route, Routes } from 'react-router-dom'
import { useSession } from '../desktop/use-session'
import { AppFrame } from '../features/shell/AppFrame'
import { homePath } from '../features/shell/navigation'
import { LoginPage } from '../features/session/LoginPage'
import { EventsPage } from '../features/events/EventsPage'
import { EventPage } from '../features/events/EventPage'
import { BoothPage } from '../features/booth/BoothPage'
import { LeadsPage } from '../features/leads/LeadsPage'
import { PackagesPage } from '../features/packages/PackagesPage'
import { ProposalsPage } from '../features/proposals/ProposalsPage'
import { OrdersPage } from '../features/orders/OrdersPage'
import { OperationsPage } from '../features/operations/OperationsPage'
import { SponsorsPage } from '../features/sponsors/SponsorsPage'
import { CommandCenterPage } from '../features/command-center/CommandCenterPage'
import { AttendeesPage } from '../features/attendees/AttendeesPage'
import { ProfilePage } from '../features/profile/ProfilePage'
import { AnalyticsPage } from '../features/analytics/AnalyticsPage'
import { AcceptInvitationPage } from '../features/invitations/AcceptInvitationPage'
import { SettingsPage } from '../features/settings/SettingsPage'
import { FulfillmentPage } from '../features/fulfillment/FulfillmentPage'

export function App() {
  const { status, connection, signedIn, setStatus } = useSession()
  if (!status)
    return (
      <Center h="100vh">
        <Loader aria-label="Starting…" />
      </Center>
    )

  if (status.state === 'signed-out') {
    return (
      <LoginPage
        defaultServerUrl={status.defaultServerUrl}
        onSignedIn={(next) => {
          // Whoever signs in starts on their organization's home, not on the screen the last person left open.
          window.location.hash = '#/'
          signedIn(next)
        }}
      />
    )
  }
  const kind = status.orgs.find((org) => org.id === status.activeOrgId)?.kind
  const org = status.activeOrgId ?? 'none'
  return (
    <HashRouter>
      <AppFrame status={status} connection={connection} onStatus={setStatus}>
        <Routes>
          <Route path="/events" element={<EventsPage key={org} />} />
          <Route path="/events/:id" element={<EventPage key={org} />} />
          <Route path="/booth" element={<BoothPage key={org} />} />
          <Route path="/leads" element={<LeadsPage key={org} />} />
          <Route path="/packages" element={<PackagesPage key={org} isSponsor={kind === 'sponsor'} />} />
          <Route
            path="/proposals"
            element={<ProposalsPage key={org} side={kind === 'sponsor' ? 'sponsor' : 'organizer'} />}
          />
          <Route
            path="/orders"
            element={<OrdersPage key={org} side={kind === 'sponsor' ? 'sponsor' : 'organizer'} />}
          />
          <Route
            path="/fulfillment"
            element={<FulfillmentPage key={org} side={kind === 'sponsor' ? 'sponsor' : 'organizer'} />}
          />
          <Route path="/operations" element={<OperationsPage />} />
          <Route path="/sponsors" element={<SponsorsPage key={org} />} />
          <Route path="/command-center" element={<CommandCenterPage key={org} />} />
          <Route path="/attendees" element={<AttendeesPage key={org} />} />
          <Route path="/profile" element={<ProfilePage key={org} orgId={status.activeOrgId} />} />
          <Route path="/accept-invitation" element={<AcceptInvitationPage />} />
          <Route path="/analytics" element={<AnalyticsPage key={org} orgId={status.activeOrgId} />} />
          <Route
            path="/settings/:section?"
            element={<SettingsPage status={status} connection={connection} onStatus={setStatus} />}
          />
          <Route path="*" element={<Navigate to={homePath(kind)} replace />} />
        </Routes>
      </AppFrame>
    </HashRouter>
  )
}
