// Settings → Account: who is signed in, to which server, their role in each organization, and sign-out.
import { Paper, Stack, Table, Text } from '@mantine/core'
import type { SessionStatus } from '../../../../shared/desktop-api'
import { humanize, labelOf, orgKindTerms } from '../../../../shared/vocabulary'
import type { SignedIn } from '../../desktop/use-session'
import { SignOutButton } from '../shell/UserMenu'

export function AccountSection({ status, onStatus }: { status: SignedIn; onStatus: (status: SessionStatus) => void }) {
  return (
    <Stack gap="md" maw={720}>
      <Paper withBorder radius="md" p="md">
        <Stack gap={4}>
          <Text fw={600}>{status.user.name}</Text>
          <Text size="sm">{status.user.email}</Text>
          <Text size="sm" c="dimmed">
            Signed in to {status.serverUrl}
          </Text>
        </Stack>
      </Paper>
      <Table aria-label="Your organizations" withTableBorder striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Organization</Table.Th>
            <Table.Th scope="col">Kind</Table.Th>
            <Table.Th scope="col">Your role</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {status.orgs.map((org) => (
            <Table.Tr key={org.id}>
              <Table.Th scope="row" fw={org.id === status.activeOrgId ? 700 : 400}>
                {org.name}
                {org.id === status.activeOrgId && ' (active)'}
              </Table.Th>
              <Table.Td>{labelOf(orgKindTerms, org.kind)}</Table.Td>
              <Table.Td>{humanize(org.role)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <div>
        <Text size="sm" mb={4}>
          Signing out keeps this device&apos;s captures until the server has them; if some have not reached it, you are
          offered to save them to a file first.
        </Text>
        <SignOutButton onStatus={onStatus} variant="default" />
      </div>
    </Stack>
  )
}
