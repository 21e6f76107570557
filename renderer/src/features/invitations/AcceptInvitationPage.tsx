// Accept an invitation to represent a sponsor: paste the code (or the whole link) from the email, or arrive here
// from the email's link (#/accept-invitation?token=…; in Electron, a yardpass://accept-invitation link).
import { useEffect, useState, type FormEvent } from 'react'
import { useNavigate, useSearchParams } from 'react-router-dom'
import { Alert, Button, Paper, Stack, Text, TextInput } from '@mantine/core'
import type { CommandResult } from '../../../../shared/desktop-api'
import { labelOf, sponsorRoleTerms } from '../../../../shared/vocabulary'
import { desktop, errorText } from '../../desktop/desktop-client'
import { PageHeader } from '../../ui/PageHeader'

export function AcceptInvitationPage() {
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const [code, setCode] = useState(params.get('token') ?? '')
  const [error, setError] = useState<string | null>(null)
  const [accepted, setAccepted] = useState<CommandResult<'invitation-accept'> | null>(null)
  const [isAccepting, setIsAccepting] = useState(false)
  // A link opened while this screen shows (a yardpass:// link handed to the running app): its code replaces what is there.
  const linked = params.get('token')
  useEffect(() => {
    if (!linked) return
    setCode(linked)
    setError(null)
    setAccepted(null)
  }, [linked])

  async function submit(e: FormEvent) {
    e.preventDefault()
    setError(null)
    if (!code.trim()) return setError('Paste the code from the invitation email.')
    setIsAccepting(true)
    try {
      setAccepted(await desktop.invoke('invitation-accept', { code: code.trim() }))
    } catch (failure) {
      setError(errorText(failure))
    } finally {
      setIsAccepting(false)
    }
  }

  /** Switches to the sponsor's organization (its navigation: Booth, Leads…) and opens its booth. */
  async function openBooth(orgId: string) {
    try {
      await desktop.invoke('org-select', { orgId })
      navigate('/booth')
    } catch (failure) {
      setError(errorText(failure))
    }
  }

  return (
    <section aria-labelledby="accept-title">
      <PageHeader
        id="accept-title"
        title="Accept an invitation"
        description="A sponsor invited you to capture and review its leads."
      />
      <Paper withBorder radius="md" p="md" maw={560}>
        {accepted ? (
          <Stack gap="xs" role="status">
            <Text fw={600}>
              You now represent {accepted.companyName} as {labelOf(sponsorRoleTerms, accepted.role)}.
            </Text>
            <Text size="sm">{accepted.companyName} is now in the Organization menu, with its booth and leads.</Text>
            <Button style={{ alignSelf: 'flex-start' }} onClick={() => void openBooth(accepted.orgId)}>
              Open the booth
            </Button>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
          </Stack>
        ) : (
          <form aria-label="Accept an invitation" onSubmit={(e) => void submit(e)}>
            <Stack gap="sm">
              <TextInput
                label="Invitation code"
                description="Paste the code or the whole link from the email. Sign in with the address the invitation went to."
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                data-autofocus
                autoComplete="off"
              />
              {error && (
                <Alert color="red" role="alert">
                  {error}
                </Alert>
              )}
              <Button type="submit" loading={isAccepting} style={{ alignSelf: 'flex-start' }}>
                Accept invitation
              </Button>
            </Stack>
          </form>
        )}
      </Paper>
    </section>
  )
}
