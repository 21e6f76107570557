// Organizer: an event's sponsors (seed 004's management UI). Tier setup in one call, sponsor cards with company
// info and representative and lead counts (live), tabs by tier, featured toggle, archive (with undo) and restore,
// and each sponsor's people: invitations with a role, resend, revoke, role changes.
import { useMemo, useState } from 'react'
import { Badge, Button, Group, SimpleGrid, Switch, Tabs, Text } from '@mantine/core'
import { IconPlus, IconStack2 } from '@tabler/icons-react'
import type { EventSponsorRecord } from '../../../../shared/org/org-records'
import { desktop, errorText } from '../../desktop/desktop-client'
import { useCommand } from '../../desktop/use-command'
import { liveOn } from '../../desktop/use-live'
import { confirmAction } from '../../ui/confirm'
import { notifyDone, notifyError, notifyUndo } from '../../ui/notify'
import { PageHeader } from '../../ui/PageHeader'
import { formatCount } from '../../ui/format'
import { EmptyState, ErrorState, Loadable } from '../../ui/states'
import { EventSelect } from '../events/EventSelect'
import { useEventChoice } from '../events/use-event-choice'
import { AddSponsorDialog } from './AddSponsorDialog'
import { PeopleDialog } from './PeopleDialog'
import { SponsorCard } from './SponsorCard'

export function SponsorsPage() {
  const { events, list, eventId, event, choose } = useEventChoice()
  const [showArchived, setShowArchived] = useState(false)
  const [adding, setAdding] = useState(false)
  const [people, setPeople] = useState<EventSponsorRecord | null>(null)
  const tiers = useCommand('tiers-list', eventId ? { eventId } : null)
  const sponsors = useCommand('event-sponsors', eventId ? { eventId, includeArchived: showArchived } : null, {
    live: liveOn.leadCounts(),
  })
  const [settingUp, setSettingUp] = useState(false)
  const tierList = useMemo(
    () => [...(tiers.data?.tiers ?? [])].sort((a, b) => a.display_order - b.display_order),
    [tiers.data],
  )

  async function setUpTiers() {
    if (!eventId) return
    setSettingUp(true)
    try {
      const created = await desktop.invoke('tiers-defaults', { eventId })
      tiers.setData(created)
      notifyDone(`Tiers ready: ${created.tiers.map((tier) => tier.name).join(', ')}.`)
    } catch (failure) {
      notifyError(errorText(failure))
    } finally {
      setSettingUp(false)
    }
  }

  async function update(sponsor: EventSponsorRecord, change: { isFeatured?: boolean; isArchived?: boolean }) {
    if (!eventId) return
    await desktop.invoke('sponsor-update', { sponsorId: sponsor.id, eventId, ...change })
    await sponsors.reload()
  }

  async function setFeatured(sponsor: EventSponsorRecord, isFeatured: boolean) {
    try {
      await update(sponsor, { isFeatured })
      notifyDone(isFeatured ? `${sponsor.company_name} is featured.` : `${sponsor.company_name} is no longer featured.`)
    } catch (failure) {
      notifyError(errorText(failure))
    }
  }

  async function archive(sponsor: EventSponsorRecord) {
    const isConfirmed = await confirmAction({
      action: 'Archive sponsor',
      subject: sponsor.company_name,
      consequence: `${sponsor.company_name} leaves ${event?.title ?? 'this event'}'s sponsor list and public page; its people can no longer capture leads here. Its ${formatCount(sponsor.lead_counts.total, 'lead')} ${sponsor.lead_counts.total === 1 ? 'is' : 'are'} kept, and you can restore it at any time.`,
    })
    if (!isConfirmed) return
    try {
      await update(sponsor, { isArchived: true })
      notifyUndo({ message: `Archived ${sponsor.company_name}.`, onUndo: () => restore(sponsor) })
    } catch (failure) {
      notifyError(errorText(failure))
    }
  }

  async function restore(sponsor: EventSponsorRecord) {
    try {
      await update(sponsor, { isArchived: false })
      notifyDone(`Restored ${sponsor.company_name}.`)
    } catch (failure) {
      notifyError(errorText(failure))
    }
  }

  const all = sponsors.data?.sponsors ?? []
  const cards = (shown: EventSponsorRecord[]) =>
    shown.length === 0 ? (
      <EmptyState title="No sponsors in this tier" description="Add a sponsor and choose this tier." />
    ) : (
      <SimpleGrid
        component="ul"
        aria-label="Sponsors"
        cols={{ base: 1, sm: 2, lg: 3 }}
        spacing="md"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
      >
        {shown.map((sponsor) => (
          <SponsorCard
            key={sponsor.id}
            sponsor={sponsor}
            onFeatured={(value) => void setFeatured(sponsor, value)}
            onArchive={() => void archive(sponsor)}
            onRestore={() => void restore(sponsor)}
            onPeople={() => setPeople(sponsor)}
          />
        ))}
      </SimpleGrid>
    )

  return (
    <section aria-labelledby="sponsors-title">
      <PageHeader
        id="sponsors-title"
        title="Sponsors"
        description="The companies sponsoring your event: tiers, people and how many leads they have."
        actions={
          <>
            <EventSelect list={list} value={eventId} onChange={choose} />
            <Button
              leftSection={<IconPlus size={16} aria-hidden="true" />}
              onClick={() => setAdding(true)}
              disabled={!eventId || tierList.length === 0}
            >
              Add sponsor
            </Button>
          </>
        }
      />
      {events.error && <ErrorState message={events.error} onRetry={() => void events.reload()} />}
      {events.data && list.length === 0 && (
        <EmptyState
          title="No events yet"
          description="Create an event on the Events screen first; sponsors belong to an event."
        />
      )}
      {eventId && (
        <Loadable
          query={tiers}
          loading="Loading tiers…"
          isEmpty={(data) => data.tiers.length === 0}
          empty={
            <EmptyState
              icon={<IconStack2 size={20} />}
              title="Set up sponsor tiers first"
              description="Tiers rank your sponsors. Start with Platinum, Gold, Silver and Bronze; rename or add tiers later."
              action={
                <Button mt="xs" loading={settingUp} onClick={() => void setUpTiers()}>
                  Create the default tiers
                </Button>
              }
            />
          }
        >
          {() => (
            <>
              <Group justify="space-between" mb="sm">
                <Text size="sm" c="dimmed">
                  {formatCount(all.filter((s) => !s.is_archived).length, 'active sponsor')} ·{' '}
                  {formatCount(
                    all.reduce((sum, s) => sum + s.lead_counts.total, 0),
                    'lead',
                  )}{' '}
                  captured
                </Text>
                <Switch
                  label="Show archived"
                  checked={showArchived}
                  onChange={(e) => setShowArchived(e.currentTarget.checked)}
                />
              </Group>
              <Loadable
                query={sponsors}
                loading="Loading sponsors…"
                isEmpty={(data) => data.sponsors.length === 0}
                empty={
                  <EmptyState
                    title="No sponsors yet"
                    description="Add the companies sponsoring this event; invite their people to capture leads at the booth."
                  />
                }
              >
                {() => (
                  <Tabs defaultValue="all" keepMounted={false}>
                    <Tabs.List aria-label="Tiers" mb="md">
                      <Tabs.Tab value="all">
                        All{' '}
                        <Badge size="xs" variant="light" ml={4}>
                          {all.length}
                        </Badge>
                      </Tabs.Tab>
                      {tierList.map((tier) => (
                        <Tabs.Tab key={tier.id} value={tier.id}>
                          {tier.name}{' '}
                          <Badge size="xs" variant="light" ml={4}>
                            {all.filter((s) => s.tier_id === tier.id).length}
                          </Badge>
                        </Tabs.Tab>
                      ))}
                    </Tabs.List>
                    <Tabs.Panel value="all">{cards(all)}</Tabs.Panel>
                    {tierList.map((tier) => (
                      <Tabs.Panel key={tier.id} value={tier.id}>
                        {cards(all.filter((s) => s.tier_id === tier.id))}
                      </Tabs.Panel>
                    ))}
                  </Tabs>
                )}
              </Loadable>
            </>
          )}
        </Loadable>
      )}
      {adding && eventId && (
        <AddSponsorDialog
          eventId={eventId}
          tiers={tierList}
          onClose={() => setAdding(false)}
          onAdded={(name) => {
            setAdding(false)
            notifyDone(`Added ${name}.`)
            void sponsors.reload()
          }}
        />
      )}
      {people && (
        <PeopleDialog
          sponsor={people}
          onClose={() => {
            setPeople(null)
            void sponsors.reload()
          }}
        />
      )}
    </section>
  )
}
