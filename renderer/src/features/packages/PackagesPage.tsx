// Organizer: the package gallery of an event, the package editor, publishing, and payout setup.
// Sponsor: the events recommended to it, then the marketplace of published packages (each naming its event), with
// an offer form that starts a proposal.
import { useEffect, useMemo, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import {
  Badge,
  Button,
  Card,
  Group,
  List,
  Modal,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import type { PackageRecord } from '../../../../shared/commerce/commerce-records'
import { benefitLabel, benefitValue, labelOf, visibilityTerms } from '../../../../shared/vocabulary'
import type { CommandResult } from '../../../../shared/desktop-api'
import { desktop, errorText } from '../../desktop/desktop-client'
import { useCommand } from '../../desktop/use-command'
import { CopyValue } from '../../ui/CopyValue'
import { formatMoney, formatPercent } from '../../ui/format'
import { MoneyInput } from '../../ui/MoneyInput'
import { notifyDone, notifyError } from '../../ui/notify'
import { PageHeader } from '../../ui/PageHeader'
import { EmptyState, ErrorState, Loadable } from '../../ui/states'
import { usePaletteActions } from '../shell/palette-actions'
import { PackageEditor } from './PackageEditor'
import { tierLabel } from './tier-words'
import { RecommendedEvents } from '../intelligence/RecommendedEvents'

export function PackagesPage({ isSponsor }: { isSponsor: boolean }) {
  return isSponsor ? <Marketplace /> : <Gallery />
}

function Benefits({ pkg }: { pkg: PackageRecord }) {
  const entries = Object.entries(pkg.benefits)
  if (entries.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No benefits listed
      </Text>
    )
  return (
    <List size="sm" spacing={0} aria-label={`Benefits of ${pkg.title}`}>
      {entries.map(([name, value]) => (
        <List.Item key={name}>
          {benefitLabel(name)}
          {value === true ? '' : `: ${benefitValue(value)}`}
        </List.Item>
      ))}
    </List>
  )
}

function Gallery() {
  const events = useCommand('events-list', {})
  const [params, setParams] = useSearchParams()
  const [eventId, setEventId] = useState('')
  const chosen = eventId || events.data?.events[0]?.id || ''
  const packages = useCommand('packages-list', chosen ? { eventId: chosen } : null)
  const tiers = useCommand('tiers-list', chosen ? { eventId: chosen } : null)
  const [editing, setEditing] = useState<PackageRecord | 'new' | null>(null)

  // "New package" from the command palette lands here with ?new=1.
  useEffect(() => {
    if (params.get('new') && chosen) {
      setEditing('new')
      setParams({}, { replace: true })
    }
  }, [params, chosen, setParams])
  const actions = useMemo(
    () => [{ id: 'package-new', group: 'Packages', label: 'New package', run: () => setEditing('new') }],
    [],
  )
  usePaletteActions('packages', actions)

  async function publish(pkg: PackageRecord) {
    try {
      await desktop.invoke('package-publish', { id: pkg.id })
      notifyDone(`${pkg.title} is on sale.`)
      await packages.reload()
    } catch (failure) {
      notifyError(errorText(failure))
    }
  }

  return (
    <section aria-labelledby="packages-title">
      <PageHeader
        id="packages-title"
        title="Packages"
        description="Sponsorship packages of your events: draft them, publish them to the marketplace."
        actions={
          <>
            <NativeSelect
              aria-label="Event"
              value={chosen}
              onChange={(e) => setEventId(e.currentTarget.value)}
              data={events.data?.events.map((event) => ({ value: event.id, label: event.title })) ?? []}
            />
            <Button
              leftSection={<IconPlus size={16} aria-hidden="true" />}
              onClick={() => setEditing('new')}
              disabled={!chosen}
            >
              New package
            </Button>
          </>
        }
      />
      <PayoutSetup />
      {events.error && <ErrorState message={events.error} onRetry={() => void events.reload()} />}
      {editing && (
        <Modal
          opened
          onClose={() => setEditing(null)}
          size="lg"
          title={editing === 'new' ? 'New package' : `Edit ${editing.title}`}
        >
          <PackageEditor
            existing={editing === 'new' ? null : editing}
            eventId={chosen}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              setEditing(null)
              notifyDone(`Saved ${saved.title} (version ${saved.version}).`, 'Saved')
              void packages.reload()
            }}
          />
        </Modal>
      )}
      {!chosen && events.data ? (
        <EmptyState title="No events yet" description="Packages belong to an event: create an event first." />
      ) : (
        <Loadable
          query={packages}
          loading="Loading packages…"
          isEmpty={(data) => data.packages.length === 0}
          empty={<EmptyState title="No packages for this event yet" description="Create one with “New package”." />}
        >
          {(data) => (
            <SimpleGrid
              component="ul"
              aria-label="Package gallery"
              cols={{ base: 1, sm: 2, lg: 3 }}
              spacing="md"
              p={0}
              m={0}
              style={{ listStyle: 'none' }}
            >
              {data.packages.map((pkg) => (
                <Card component="li" key={pkg.id} withBorder radius="md" padding="md">
                  <Stack gap={4}>
                    <Title order={3} size="h4">
                      {pkg.title}
                    </Title>
                    <Text size="sm">
                      {tierLabel(pkg.tier, tiers.data?.tiers)} · {formatMoney(pkg.price_cents, pkg.currency)}
                      {pkg.price_cents === 0 ? ' (free)' : ''}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {pkg.sold} of {pkg.inventory} sold
                      {typeof pkg.audience_snapshot.estimated_reach === 'number'
                        ? ` · reach ${pkg.audience_snapshot.estimated_reach.toLocaleString()}`
                        : ''}
                    </Text>
                    <Text size="sm">
                      {pkg.is_active ? 'Published' : 'Draft'} · {labelOf(visibilityTerms, pkg.visibility)} · version{' '}
                      {pkg.version}
                    </Text>
                    <Benefits pkg={pkg} />
                    <Group gap="xs" mt={4}>
                      <Button size="xs" variant="default" onClick={() => setEditing(pkg)}>
                        Edit {pkg.title}
                      </Button>
                      {!pkg.is_active && (
                        <Button size="xs" onClick={() => void publish(pkg)}>
                          Publish {pkg.title}
                        </Button>
                      )}
                    </Group>
                  </Stack>
                </Card>
              ))}
            </SimpleGrid>
          )}
        </Loadable>
      )}
    </section>
  )
}

type PayoutSaved = CommandResult<'payout-config-save'>

function PayoutSetup() {
  const [state, setState] = useState<{ saved: PayoutSaved } | { problem: string } | null>(null)
  async function save() {
    try {
      setState({ saved: await desktop.invoke('payout-config-save', {}) })
    } catch (failure) {
      setState({ problem: errorText(failure) })
    }
  }
  return (
    <Group gap="sm" mb="md">
      <Button variant="default" size="xs" onClick={() => void save()}>
        Set up payouts
      </Button>
      {state && 'problem' in state && (
        <Text size="sm" role="alert" c="red.8">
          {state.problem}
        </Text>
      )}
      {state && 'saved' in state && (
        // The account id is for support and Stripe's dashboard: kept out of the sentence, with a copy button.
        <Text size="sm" role="status" component="div">
          Payouts go to your connected Stripe account; Yardpass keeps{' '}
          {formatPercent(state.saved.platform_fee_percentage)} of each order
          {state.saved.stripe_mode === 'local-test' ? ' (test mode: no real money moves)' : ''}.{' '}
          <CopyValue label="Stripe account" value={state.saved.stripe_connect_account_id} />
        </Text>
      )}
    </Group>
  )
}

function Marketplace() {
  const packages = useCommand('packages-list', {})
  const sponsors = useCommand('sponsors-list', {})
  const sponsorId = sponsors.data?.sponsors[0]?.id
  return (
    <section aria-labelledby="market-title">
      <PageHeader
        id="market-title"
        title="Marketplace"
        description="Sponsorship packages on sale at events: make an offer to start a proposal."
      />
      {sponsors.error && <ErrorState message={sponsors.error} />}
      {sponsorId && <RecommendedEvents sponsorId={sponsorId} />}
      <Loadable
        query={packages}
        loading="Loading the marketplace…"
        isEmpty={(data) => data.packages.length === 0}
        empty={
          <EmptyState title="No packages on sale" description="Packages appear here when organizers publish them." />
        }
      >
        {(data) => (
          <SimpleGrid
            component="ul"
            aria-label="Packages on sale"
            cols={{ base: 1, sm: 2, lg: 3 }}
            spacing="md"
            p={0}
            m={0}
            style={{ listStyle: 'none' }}
          >
            {data.packages.map((pkg) => (
              <Card component="li" key={pkg.id} withBorder radius="md" padding="md">
                <Stack gap={4}>
                  <Title order={3} size="h4">
                    {pkg.title}
                  </Title>
                  <Text size="sm" fw={500}>
                    {pkg.event_title ? `At ${pkg.event_title}` : 'Event not named'}
                  </Text>
                  <Group gap="xs">
                    <Text size="sm">
                      {tierLabel(pkg.tier)} · {formatMoney(pkg.price_cents, pkg.currency)}
                    </Text>
                    <Badge variant="light" color={pkg.available > 0 ? 'teal' : 'gray'} tt="none">
                      {pkg.available} left
                    </Badge>
                  </Group>
                  <Benefits pkg={pkg} />
                  {sponsorId && <OfferForm pkg={pkg} sponsorId={sponsorId} />}
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        )}
      </Loadable>
    </section>
  )
}

function OfferForm({ pkg, sponsorId }: { pkg: PackageRecord; sponsorId: string }) {
  const [priceCents, setPriceCents] = useState<number | null>(pkg.price_cents)
  const [body, setBody] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  async function offer() {
    if (priceCents === null || priceCents < 50) return setProblem('Offer at least $0.50.')
    try {
      await desktop.invoke('proposal-create', { eventId: pkg.event_id, sponsorId, packageId: pkg.id, body, priceCents })
      notifyDone(`Offer sent for ${pkg.title}.`)
      // Sent: the form starts over for the next offer.
      setPriceCents(pkg.price_cents)
      setBody('')
      setProblem(null)
    } catch (failure) {
      setProblem(errorText(failure))
    }
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        void offer()
      }}
    >
      <Stack gap={6} mt="xs">
        <MoneyInput
          label={`Your price (${pkg.currency})`}
          aria-label={`Your price (${pkg.currency}) for ${pkg.title}`}
          cents={priceCents}
          onCents={setPriceCents}
          currency={pkg.currency}
        />
        <TextInput
          label="Message"
          aria-label={`Message for ${pkg.title}`}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          maxLength={10000}
        />
        {problem && (
          <Text role="alert" c="red.8" size="sm">
            {problem}
          </Text>
        )}
        {/* Short enough for a narrow card; the accessible name starts with the visible words (label in name). */}
        <Button type="submit" aria-label={`Make an offer on ${pkg.title}`}>
          Make an offer
        </Button>
      </Stack>
    </form>
  )
}
