// Create or edit an event: title, dates, venue, capacity, categories, audience and brand-safety tags.
import { useState, type FormEvent } from 'react'
import { Alert, Button, Group, NumberInput, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core'
import type { EventRecord } from '../../../../shared/domain'
import { desktop, errorText } from '../../desktop/desktop-client'

/** "2027-03-01T09:00" in the person's time zone, for a datetime-local field. */
const localInput = (iso: string) => {
  const date = new Date(iso)
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
}
const words = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
const orNull = (text: string) => (text.trim() ? text.trim() : null)
const maxCapacity = 10_000_000

/** What is wrong with the typed capacity, said before anything is sent; empty means "not known". */
export function capacityProblem(capacity: string | number): string | null {
  if (capacity === '') return null
  const people = Number(capacity)
  if (!Number.isInteger(people)) return 'Enter the capacity as a whole number of people.'
  if (people < 0)
    return `The capacity cannot be negative (${people.toLocaleString('en-US')}): enter 0 or more people, or leave it empty.`
  if (people > maxCapacity) return `The capacity can be at most ${maxCapacity.toLocaleString('en-US')} people.`
  return null
}

export function EventEditor({
  existing,
  onSaved,
  onCancel,
}: {
  existing: EventRecord | null
  onSaved: (event: EventRecord) => void
  onCancel: () => void
}) {
  const [title, setTitle] = useState(existing?.title ?? '')
  const [start, setStart] = useState(existing ? localInput(existing.start_at) : '')
  const [end, setEnd] = useState(existing ? localInput(existing.end_at) : '')
  const [city, setCity] = useState(existing?.city ?? '')
  const [region, setRegion] = useState(existing?.region ?? '')
  const [country, setCountry] = useState(existing?.country ?? '')
  const [capacity, setCapacity] = useState<string | number>(existing?.capacity ?? '')
  const [categories, setCategories] = useState<string[]>(existing?.categories ?? [])
  const [interests, setInterests] = useState<string[]>(words(existing?.target_audience.interests))
  const [ages, setAges] = useState<string[]>(words(existing?.target_audience.age_buckets))
  const [safety, setSafety] = useState<string[]>(existing?.brand_safety_tags ?? [])
  const [error, setError] = useState<string | null>(null)
  const [capacityError, setCapacityError] = useState<string | null>(null)
  const [isSaving, setIsSaving] = useState(false)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setError(null)
    if (!title.trim()) return setError('Give the event a title.')
    if (!start || !end) return setError('Enter when the event starts and ends.')
    const startAt = new Date(start)
    const endAt = new Date(end)
    if (Number.isNaN(startAt.getTime()) || Number.isNaN(endAt.getTime()))
      return setError('Enter the dates as a day and a time.')
    if (endAt <= startAt) return setError('The event must end after it starts.')
    const badCapacity = capacityProblem(capacity)
    setCapacityError(badCapacity)
    if (badCapacity) return setError(badCapacity)
    setIsSaving(true)
    try {
      const saved = await desktop.invoke('event-save', {
        ...(existing ? { id: existing.id } : {}),
        draft: {
          title: title.trim(),
          start_at: startAt.toISOString(),
          end_at: endAt.toISOString(),
          city: orNull(city),
          region: orNull(region),
          country: orNull(country),
          capacity: capacity === '' ? null : Number(capacity),
          categories,
          brand_safety_tags: safety,
          target_audience: { ...(existing?.target_audience ?? {}), interests, age_buckets: ages },
        },
      })
      onSaved(saved)
    } catch (failure) {
      setError(errorText(failure))
    } finally {
      setIsSaving(false)
    }
  }

  return (
    <form aria-label="Event editor" onSubmit={(e) => void submit(e)}>
      <Stack gap="sm">
        <TextInput
          label="Title"
          required
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          data-autofocus
        />
        <SimpleGrid cols={2}>
          <TextInput
            label="Starts"
            type="datetime-local"
            required
            value={start}
            onChange={(e) => setStart(e.currentTarget.value)}
          />
          <TextInput
            label="Ends"
            type="datetime-local"
            required
            value={end}
            onChange={(e) => setEnd(e.currentTarget.value)}
          />
        </SimpleGrid>
        <SimpleGrid cols={3}>
          <TextInput label="City" value={city} onChange={(e) => setCity(e.currentTarget.value)} />
          <TextInput label="Region" value={region} onChange={(e) => setRegion(e.currentTarget.value)} />
          <TextInput label="Country" value={country} onChange={(e) => setCountry(e.currentTarget.value)} />
        </SimpleGrid>
        <NumberInput
          label="Capacity"
          description="How many people the venue holds"
          // A negative number is kept as typed (not silently clamped to 0) and refused with a message.
          max={maxCapacity}
          clampBehavior="none"
          allowDecimal={false}
          thousandSeparator=","
          value={capacity}
          onChange={(value) => {
            setCapacity(value)
            setCapacityError(null)
          }}
          error={capacityError}
        />
        <TagsInput
          label="Categories"
          description="Press Enter after each"
          value={categories}
          onChange={setCategories}
          maxTags={50}
        />
        <SimpleGrid cols={2}>
          <TagsInput
            label="Audience interests"
            description="What attendees care about (matching reads these)"
            value={interests}
            onChange={setInterests}
            maxTags={50}
          />
          <TagsInput
            label="Audience age groups"
            description="e.g. 25-34"
            value={ages}
            onChange={setAges}
            maxTags={20}
          />
        </SimpleGrid>
        <TagsInput
          label="Brand-safety tags"
          description="e.g. family-friendly, no alcohol"
          value={safety}
          onChange={setSafety}
          maxTags={50}
        />
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={isSaving}>
            {existing ? 'Save event' : 'Create event'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
