// A sponsor's people: who has a seat (with their role, changeable), pending invitations (resend, revoke), and
// an invitation form with a role. Revoking and removing ask first, naming the person.
import { useState, type FormEvent } from 'react'
import {
  Alert,
  Button,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core'
import { choicesOf, labelOf, sponsorRoleTerms } from '../../../../shared/vocabulary'
import type { SponsorRole } from '../../../../shared/sponsors/permissions'
import type { EventSponsorRecord, InvitationRecord, SponsorUserRecord } from '../../../../shared/org/org-records'
import { desktop, errorText } from '../../desktop/desktop-client'
import { useCommand } from '../../desktop/use-command'
import { confirmAction } from '../../ui/confirm'
import { formatDateTime } from '../../ui/format'
import { notifyDone, notifyError } from '../../ui/notify'
import { Loadable } from '../../ui/states'

const roles = choicesOf(sponsorRoleTerms)
const invitationStatus: Record<InvitationRecord['status'], string> = {
  pending: 'Waiting for an answer',
  accepted: 'Accepted',
  revoked: 'Revoked',
  expired: 'Expired',
}

export function PeopleDialog({ sponsor, onClose }: { sponsor: EventSponsorRecord; onClose: () => void }) {
  const people = useCommand('sponsor-people', { sponsorId: sponsor.id })
  const name = sponsor.company_name

  async function act(work: () => Promise<unknown>, done: string) {
    try {
      await work()
      notifyDone(done)
      await people.reload()
    } catch (failure) {
      notifyError(errorText(failure))
    }
  }

  const changeRole = (user: SponsorUserRecord, role: SponsorRole) =>
    act(
      () => desktop.invoke('sponsor-user-role', { id: user.id, role }),
      `${user.name} is now ${labelOf(sponsorRoleTerms, role)} at ${name}.`,
    )

  async function remove(user: SponsorUserRecord) {
    if (
      !(await confirmAction({
        action: 'Remove person',
        subject: `${user.name} from ${name}`,
        consequence: `${user.email} loses access to ${name}’s leads and booth at once. Invite them again to undo.`,
      }))
    )
      return
    await act(() => desktop.invoke('sponsor-user-remove', { id: user.id }), `Removed ${user.name} from ${name}.`)
  }

  async function revoke(invitation: InvitationRecord) {
    if (
      !(await confirmAction({
        action: 'Revoke invitation',
        subject: invitation.email,
        consequence: `The link in the email to ${invitation.email} stops working. Send a new invitation to undo.`,
      }))
    )
      return
    await act(
      () => desktop.invoke('invitation-revoke', { id: invitation.id }),
      `Revoked the invitation to ${invitation.email}.`,
    )
  }

  const resend = (invitation: InvitationRecord) =>
    act(async () => {
      const sent = await desktop.invoke('invitation-resend', { id: invitation.id })
      if (!sent.delivered)
        throw new Error(`The email to ${invitation.email} could not be sent; the invitation is kept, resend it later.`)
    }, `Sent the invitation to ${invitation.email} again.`)

  return (
    <Modal opened onClose={onClose} size="xl" title={`People at ${name}`}>
      <Loadable query={people} loading="Loading people…">
        {({ users, invitations }) => (
          <Stack gap="md">
            <div>
              <Title order={3} size="h5" mb={4}>
                People with a seat
              </Title>
              {users.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Nobody yet: invite the people who will staff the booth.
                </Text>
              ) : (
                <Table aria-label={`People at ${name}`} striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Name</Table.Th>
                      <Table.Th>Email</Table.Th>
                      <Table.Th>Role</Table.Th>
                      <Table.Th>
                        <VisuallyHidden>Actions</VisuallyHidden>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {users.map((user) => (
                      <Table.Tr key={user.id}>
                        <Table.Th scope="row">{user.name}</Table.Th>
                        <Table.Td>{user.email}</Table.Td>
                        <Table.Td>
                          <NativeSelect
                            size="xs"
                            aria-label={`Role of ${user.name}`}
                            value={user.role}
                            data={roles}
                            onChange={(e) => void changeRole(user, e.currentTarget.value as SponsorRole)}
                          />
                        </Table.Td>
                        <Table.Td>
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            onClick={() => void remove(user)}
                            aria-label={`Remove ${user.name}`}
                          >
                            Remove
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </div>
            <div>
              <Title order={3} size="h5" mb={4}>
                Invitations
              </Title>
              {invitations.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No invitations sent.
                </Text>
              ) : (
                <Table aria-label={`Invitations to ${name}`} striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Email</Table.Th>
                      <Table.Th>Role</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Last sent</Table.Th>
                      <Table.Th>
                        <VisuallyHidden>Actions</VisuallyHidden>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {invitations.map((invitation) => (
                      <Table.Tr key={invitation.id}>
                        <Table.Th scope="row">{invitation.email}</Table.Th>
                        <Table.Td>{labelOf(sponsorRoleTerms, invitation.role)}</Table.Td>
                        <Table.Td>
                          {invitationStatus[invitation.status]}
                          {invitation.delivery_error ? ' (the email failed: resend it)' : ''}
                        </Table.Td>
                        <Table.Td>{formatDateTime(invitation.last_sent_at ?? invitation.created_at)}</Table.Td>
                        <Table.Td>
                          {(invitation.status === 'pending' || invitation.status === 'expired') && (
                            <Group gap={4} wrap="nowrap">
                              <Button
                                size="compact-xs"
                                variant="light"
                                onClick={() => void resend(invitation)}
                                aria-label={`Resend the invitation to ${invitation.email}`}
                              >
                                Resend
                              </Button>
                              {invitation.status === 'pending' && (
                                <Button
                                  size="compact-xs"
                                  variant="subtle"
                                  color="red"
                                  onClick={() => void revoke(invitation)}
                                  aria-label={`Revoke the invitation to ${invitation.email}`}
                                >
                                  Revoke
                                </Button>
                              )}
                            </Group>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </div>
            <InviteForm sponsor={sponsor} onSent={() => void people.reload()} />
          </Stack>
        )}
      </Loadable>
    </Modal>
  )
}

function InviteForm({ sponsor, onSent }: { sponsor: EventSponsorRecord; onSent: () => void }) {
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<SponsorRole>('representative')
  const [error, setError] = useState<string | null>(null)
  const [isSending, setIsSending] = useState(false)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setError(null)
    setIsSending(true)
    try {
      const sent = await desktop.invoke('invitation-send', { sponsorId: sponsor.id, email: email.trim(), role })
      notifyDone(
        sent.delivered
          ? `Invited ${sent.invitation.email} as ${labelOf(sponsorRoleTerms, role)}.`
          : `Invitation to ${sent.invitation.email} kept, but the email failed: resend it later.`,
      )
      setEmail('')
      setRole('representative')
      onSent()
    } catch (failure) {
      setError(errorText(failure))
    } finally {
      setIsSending(false)
    }
  }

  return (
    <form aria-label="Invite a representative" onSubmit={(e) => void submit(e)}>
      <Title order={3} size="h5" mb={4}>
        Invite a representative
      </Title>
      <Group align="flex-end" gap="sm">
        <TextInput
          label="Email"
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <NativeSelect
          label="Role"
          value={role}
          data={roles}
          onChange={(e) => setRole(e.currentTarget.value as SponsorRole)}
        />
        <Button type="submit" loading={isSending}>
          Send invitation
        </Button>
      </Group>
      {error && (
        <Alert mt="xs" color="red" role="alert">
          {error}
        </Alert>
      )}
    </form>
  )
}
