// Adds an endpoint: its URL, a description and the events it hears (the catalog's types this organization may
// subscribe to). The server checks the URL (https, no private addresses) and answers the secret once.
import { useState } from 'react'
import { Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core'
import type { WebhookEventTypeRecord } from '../../../../shared/webhooks/webhook-commands'
import { desktop, errorText } from '../../desktop/desktop-client'

export function EndpointForm({
  opened,
  types,
  orgKind,
  onClose,
  onCreated,
}: {
  opened: boolean
  types: WebhookEventTypeRecord[]
  orgKind: 'organizer' | 'sponsor'
  onClose: () => void
  onCreated: (secret: string) => void
}) {
  const [url, setUrl] = useState('')
  const [description, setDescription] = useState('')
  const [events, setEvents] = useState<string[]>([])
  const [error, setError] = useState<string | null>(null)
  const [isSaving, setIsSaving] = useState(false)
  const choices = types.filter((t) => t.type !== 'webhook.test' && (t.audience === 'both' || t.audience === orgKind))

  async function save() {
    if (events.length === 0) return setError('Pick at least one event.')
    setIsSaving(true)
    try {
      const made = await desktop.invoke('webhook-endpoint-create', {
        url: url.trim(),
        events,
        ...(description.trim() ? { description: description.trim() } : {}),
      })
      setUrl('')
      setDescription('')
      setEvents([])
      setError(null)
      onCreated(made.secret)
    } catch (failure) {
      setError(errorText(failure))
    } finally {
      setIsSaving(false)
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title="Add a webhook endpoint" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="URL"
            description="Where Yardpass sends events: an https address on your server."
            required
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            placeholder="https://crm.example.com/yardpass"
          />
          <TextInput
            label="Description"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            placeholder="CRM sync"
          />
          <Checkbox.Group
            label="Events"
            description="What this endpoint hears about."
            value={events}
            onChange={setEvents}
            required
          >
            <Stack gap={6} mt={6}>
              {choices.map((t) => (
                <Checkbox
                  key={t.type}
                  value={t.type}
                  label={t.type}
                  description={t.available ? t.description : `${t.description} Not sent yet.`}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          {error && (
            <Text c="red.8" size="sm" role="alert">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={isSaving}>
              Add endpoint
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
