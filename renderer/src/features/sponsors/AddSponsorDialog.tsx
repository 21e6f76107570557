// A new sponsor company at the event: its name, a contact email and its tier.
import { useState, type FormEvent } from 'react'
import { Alert, Button, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core'
import type { TierRecord } from '../../../../shared/org/org-records'
import { desktop, errorText } from '../../desktop/desktop-client'

export function AddSponsorDialog({
  eventId,
  tiers,
  onClose,
  onAdded,
}: {
  eventId: string
  tiers: TierRecord[]
  onClose: () => void
  onAdded: (name: string) => void
}) {
  const [name, setName] = useState('')
  const [contactEmail, setContactEmail] = useState('')
  const [tierId, setTierId] = useState(tiers[0]?.id ?? '')
  const [error, setError] = useState<string | null>(null)
  const [isSaving, setIsSaving] = useState(false)

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!name.trim()) return setError('Enter the company’s name.')
    setIsSaving(true)
    try {
      const added = await desktop.invoke('sponsor-add', {
        eventId,
        tierId,
        name: name.trim(),
        ...(contactEmail.trim() ? { contactEmail: contactEmail.trim() } : {}),
      })
      onAdded(added.company_name)
    } catch (failure) {
      setError(errorText(failure))
    } finally {
      setIsSaving(false)
    }
  }

  return (
    <Modal opened onClose={onClose} title="Add sponsor">
      <form aria-label="Add sponsor" onSubmit={(e) => void submit(e)}>
        <Stack gap="sm">
          <TextInput
            label="Company name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-autofocus
          />
          <TextInput
            label="Contact email"
            type="email"
            value={contactEmail}
            onChange={(e) => setContactEmail(e.currentTarget.value)}
          />
          <NativeSelect
            label="Tier"
            value={tierId}
            onChange={(e) => setTierId(e.currentTarget.value)}
            data={tiers.map((tier) => ({ value: tier.id, label: tier.name }))}
          />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={isSaving}>
              Add sponsor
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
