// Settings: the person's account, the app's look, this device's sync, and the organization's webhooks — one
// tab per section, each at its own address (#/settings/<section>) so the palette and links reach it directly.
import { Tabs } from '@mantine/core'
import { useNavigate, useParams } from 'react-router-dom'
import type { ConnectionState, SessionStatus } from '../../../../shared/desktop-api'
import type { SignedIn } from '../../desktop/use-session'
import { PageHeader } from '../../ui/PageHeader'
import { WebhooksPage } from '../webhooks/WebhooksPage'
import { NotificationSettings } from '../notifications/NotificationSettings'
import { AccountSection } from './AccountSection'
import { AppearanceSection } from './AppearanceSection'
import { DeviceSection } from './DeviceSection'
import { settingsSections, type SettingsSection } from './sections'

export function SettingsPage({
  status,
  connection,
  onStatus,
}: {
  status: SignedIn
  connection: ConnectionState
  onStatus: (status: SessionStatus) => void
}) {
  const navigate = useNavigate()
  const { section } = useParams()
  const current: SettingsSection = settingsSections.find((s) => s.id === section)?.id ?? 'account'
  const orgKind = status.orgs.find((org) => org.id === status.activeOrgId)?.kind === 'sponsor' ? 'sponsor' : 'organizer'
  const panels: Record<SettingsSection, React.ReactNode> = {
    account: <AccountSection status={status} onStatus={onStatus} />,
    appearance: <AppearanceSection />,
    device: <DeviceSection connection={connection} />,
    notifications: <NotificationSettings key={status.activeOrgId} headingOrder={3} />,
    webhooks: <WebhooksPage key={status.activeOrgId} orgKind={orgKind} />,
  }
  return (
    <section aria-labelledby="settings-title">
      <PageHeader id="settings-title" title="Settings" description="Your account, this device and your organization" />
      <Tabs value={current} onChange={(next) => next && navigate(`/settings/${next}`)} keepMounted={false}>
        <Tabs.List aria-label="Settings sections" mb="md">
          {settingsSections.map((s) => (
            <Tabs.Tab key={s.id} value={s.id}>
              {s.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {settingsSections.map((s) => (
          <Tabs.Panel key={s.id} value={s.id}>
            {panels[s.id]}
          </Tabs.Panel>
        ))}
      </Tabs>
    </section>
  )
}
