// A person without a badge (business card, walk-up): their details and their spoken consent to share them.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { Button, Checkbox, Group, Paper, SimpleGrid, Stack, TextInput } from '@mantine/core'

export interface ManualPerson {
  name: string
  email?: string
  company?: string
  title?: string
  phone?: string
  consent_confirmed: true
}

const empty = { name: '', email: '', company: '', title: '', phone: '' }

export function ManualEntry({ onSave, onCancel }: { onSave: (person: ManualPerson) => void; onCancel: () => void }) {
  const [fields, setFields] = useState(empty)
  const [hasConsent, setHasConsent] = useState(false)
  const nameField = useRef<HTMLInputElement>(null)
  // Opened from a scan or a button: the cursor goes straight to the name.
  useEffect(() => nameField.current?.focus(), [])
  const field = (key: keyof typeof fields, label: string, type = 'text') => (
    <TextInput
      label={label}
      type={type}
      ref={key === 'name' ? nameField : undefined}
      value={fields[key]}
      size="xs"
      onChange={(e) => setFields({ ...fields, [key]: e.currentTarget.value })}
    />
  )
  /** Esc goes back to scanning, as the button does. */
  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault()
      onCancel()
    }
  }
  function submit(event: FormEvent) {
    event.preventDefault()
    const optional = Object.fromEntries(
      Object.entries(fields)
        .filter(([key, value]) => key !== 'name' && value.trim())
        .map(([key, value]) => [key, value.trim()]),
    )
    onSave({ name: fields.name.trim(), ...optional, consent_confirmed: true })
  }
  return (
    <Paper
      component="form"
      withBorder
      p="sm"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      aria-label="Enter a person by hand"
    >
      <Stack gap={6}>
        {field('name', 'Name')}
        <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
          {field('email', 'Email', 'email')}
          {field('company', 'Company')}
          {field('title', 'Title')}
          {field('phone', 'Phone', 'tel')}
        </SimpleGrid>
        <Checkbox
          checked={hasConsent}
          onChange={(e) => setHasConsent(e.currentTarget.checked)}
          label="They agreed to share these details with us"
        />
        <Group gap="xs">
          <Button type="submit" disabled={!hasConsent || !fields.name.trim()}>
            Save lead
          </Button>
          <Button variant="default" onClick={onCancel}>
            Back to scanning
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}
