// One sponsor at the event: company, tier, contact, counts (representatives, leads by intent), and its actions.
import { Anchor, Badge, Button, Card, Group, Stack, Switch, Text, Title } from '@mantine/core'
import { IconArchive, IconArrowBackUp, IconUsers } from '@tabler/icons-react'
import type { EventSponsorRecord } from '../../../../shared/org/org-records'
import { formatCount } from '../../ui/format'

export function SponsorCard({
  sponsor,
  onFeatured,
  onArchive,
  onRestore,
  onPeople,
}: {
  sponsor: EventSponsorRecord
  onFeatured: (value: boolean) => void
  onArchive: () => void
  onRestore: () => void
  onPeople: () => void
}) {
  const name = sponsor.company_name
  const leads = sponsor.lead_counts
  return (
    <Card component="li" withBorder radius="md" padding="md" aria-label={name} opacity={sponsor.is_archived ? 0.75 : 1}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={3} size="h4">
            {name}
          </Title>
          <Group gap={4}>
            <Badge variant="light">{sponsor.tier_name}</Badge>
            {sponsor.is_featured && (
              <Badge color="yellow" variant="light">
                Featured
              </Badge>
            )}
            {sponsor.is_archived && (
              <Badge color="gray" variant="outline">
                Archived
              </Badge>
            )}
          </Group>
        </Group>
        <Text size="sm">
          {[sponsor.category, sponsor.booth_location && `Booth ${sponsor.booth_location}`]
            .filter(Boolean)
            .join(' · ') || 'No category yet'}
        </Text>
        {sponsor.contact_email && <Text size="sm">Contact: {sponsor.contact_email}</Text>}
        {sponsor.website && (
          <Anchor size="sm" href={sponsor.website} target="_blank" rel="noreferrer">
            {sponsor.website}
          </Anchor>
        )}
        <Text size="sm" aria-label={`Counts for ${name}`}>
          {sponsor.representative_count === null
            ? 'Representatives managed by the sponsor'
            : formatCount(sponsor.representative_count, 'representative')}
          {' · '}
          {formatCount(leads.total, 'lead')} ({leads.hot} hot, {leads.warm} warm, {leads.cold} cold)
        </Text>
        <Group justify="space-between" mt={4}>
          <Switch
            size="sm"
            label="Featured"
            aria-label={`Featured: ${name}`}
            checked={sponsor.is_featured}
            disabled={sponsor.is_archived}
            onChange={(e) => onFeatured(e.currentTarget.checked)}
          />
          <Group gap={6}>
            {/* A sponsor with its own organization invites and manages its people itself. */}
            {sponsor.representative_count !== null && (
              <Button
                size="compact-sm"
                variant="light"
                leftSection={<IconUsers size={14} aria-hidden="true" />}
                onClick={onPeople}
                aria-label={`People at ${name}`}
              >
                People
              </Button>
            )}
            {sponsor.is_archived ? (
              <Button
                size="compact-sm"
                variant="default"
                leftSection={<IconArrowBackUp size={14} aria-hidden="true" />}
                onClick={onRestore}
                aria-label={`Restore ${name}`}
              >
                Restore
              </Button>
            ) : (
              <Button
                size="compact-sm"
                variant="default"
                color="red"
                leftSection={<IconArchive size={14} aria-hidden="true" />}
                onClick={onArchive}
                aria-label={`Archive ${name}`}
              >
                Archive
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </Card>
  )
}
