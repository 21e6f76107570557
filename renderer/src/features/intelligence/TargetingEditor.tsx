// Sponsor, on the profile: seed 003's targeting — what the matching reads to recommend events to the sponsor
// and the sponsor to organizers. Saved to the sponsor profile; the server then scores the sponsor again.
import { useState, type FormEvent } from 'react'
import {
  Alert,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import type { TargetingFields, TargetingRecord } from '../../../../shared/intelligence/intelligence-commands'
import { ageBuckets, companySizeTerms } from '../../../../shared/intelligence/match-terms'
import { choicesOf } from '../../../../shared/vocabulary'
import { desktop, errorText } from '../../desktop/desktop-client'
import { useCommand } from '../../desktop/use-command'
import { MoneyInput } from '../../ui/MoneyInput'
import { notifyDone } from '../../ui/notify'
import { Loadable } from '../../ui/states'

const isRegion = (code: string) => /^[A-Za-z0-9-]{2,10}$/.test(code)

export function TargetingEditor({ sponsorId, canEdit }: { sponsorId: string; canEdit: boolean }) {
  const targeting = useCommand('sponsor-targeting', { sponsorId })
  return (
    <Paper component="section" aria-labelledby="targeting-title" withBorder radius="md" p="md" maw={820} mt="md">
      <Title order={3} size="h5" id="targeting-title">
        Matching preferences
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        What Yardpass uses to recommend events to you and you to organizers.
      </Text>
      <Loadable query={targeting} loading="Loading your matching preferences…">
        {(data) => (
          <TargetingForm
            key={JSON.stringify(data)}
            sponsorId={sponsorId}
            saved={data}
            canEdit={canEdit}
            onSaved={targeting.setData}
          />
        )}
      </Loadable>
    </Paper>
  )
}

function TargetingForm({
  sponsorId,
  saved,
  canEdit,
  onSaved,
}: {
  sponsorId: string
  saved: TargetingRecord
  canEdit: boolean
  onSaved: (saved: TargetingRecord) => void
}) {
  const [industry, setIndustry] = useState(saved.industry ?? '')
  const [size, setSize] = useState<string>(saved.company_size ?? '')
  const [budget, setBudget] = useState<number | null>(saved.annual_budget_cents)
  const [keywords, setKeywords] = useState(saved.brand_objectives.keywords)
  const [goals, setGoals] = useState(saved.brand_objectives.goals)
  const [ages, setAges] = useState(saved.target_audience.age_buckets)
  const [interests, setInterests] = useState(saved.target_audience.interests)
  const [categories, setCategories] = useState(saved.preferred_categories)
  const [regions, setRegions] = useState(saved.regions)
  const [avoid, setAvoid] = useState(saved.activation_preferences.avoid_tags ?? [])
  const [error, setError] = useState<string | null>(null)
  const [isSaving, setIsSaving] = useState(false)
  const sizes: { value: string; label: string }[] = choicesOf(companySizeTerms)
  if (saved.company_size && !sizes.some((s) => s.value === saved.company_size))
    sizes.push({ value: saved.company_size, label: saved.company_size })

  async function submit(e: FormEvent) {
    e.preventDefault()
    setError(null)
    const wrong = regions.find((r) => !isRegion(r))
    if (wrong) return setError(`“${wrong}” is not a region code: use letters and digits, e.g. US or TX.`)
    const draft: TargetingFields = {
      industry: industry.trim() || null,
      company_size: size || null,
      annual_budget_cents: budget,
      brand_objectives: { keywords, goals },
      target_audience: { age_buckets: ages, interests },
      preferred_categories: categories,
      regions,
      activation_preferences: { ...saved.activation_preferences, avoid_tags: avoid },
    }
    setIsSaving(true)
    try {
      onSaved(await desktop.invoke('sponsor-targeting-save', { sponsorId, targeting: draft }))
      notifyDone('Saved your matching preferences. Recommendations follow within a few minutes.')
    } catch (failure) {
      setError(errorText(failure))
    } finally {
      setIsSaving(false)
    }
  }

  const tags = (
    label: string,
    value: string[],
    onChange: (v: string[]) => void,
    description?: string,
    data?: string[],
  ) => (
    <TagsInput
      label={label}
      description={description}
      value={value}
      onChange={onChange}
      data={data}
      readOnly={!canEdit}
      clearable={canEdit}
      maxTags={50}
      splitChars={[',']}
    />
  )
  return (
    <form aria-label="Matching preferences" onSubmit={(e) => void submit(e)}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Industry"
            value={industry}
            onChange={(e) => setIndustry(e.currentTarget.value)}
            maxLength={100}
            readOnly={!canEdit}
          />
          <NativeSelect
            label="Company size"
            value={size}
            onChange={(e) => setSize(e.currentTarget.value)}
            data={[{ value: '', label: 'Not said' }, ...sizes]}
            disabled={!canEdit}
          />
          <MoneyInput label="Yearly sponsorship budget (USD)" cents={budget} onCents={setBudget} readOnly={!canEdit} />
          <Text size="sm" c="dimmed" mt="lg">
            Reputation (set by Yardpass):{' '}
            {saved.reputation_score === null ? 'not rated yet' : saved.reputation_score.toFixed(2)}
          </Text>
        </SimpleGrid>
        {tags('Keywords', keywords, setKeywords, 'Words that describe your brand, e.g. startups')}
        {tags('Goals', goals, setGoals, 'What you want from sponsoring, e.g. developer adoption')}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {tags('Audience age groups', ages, setAges, 'Who you want to reach', [...ageBuckets])}
          {tags('Audience interests', interests, setInterests, 'What your audience cares about')}
          {tags('Preferred event categories', categories, setCategories, 'e.g. Technology')}
          {tags('Regions', regions, setRegions, 'Country or region codes, e.g. US or TX')}
        </SimpleGrid>
        {tags(
          'Topics to stay away from',
          avoid,
          setAvoid,
          'Events tagged with these are never recommended, e.g. gambling',
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {canEdit && (
          <Group justify="flex-end">
            <Button type="submit" loading={isSaving}>
              Save matching preferences
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  )
}
