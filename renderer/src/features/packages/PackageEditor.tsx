// Creates or edits a package: title, tier (one of the event's tiers when it has some), price (a $0 package only when ticked free), inventory, benefits,
// visibility. Says "Saved" when the server has it; the version shown changes only when the terms a sponsor buys
// change (price, benefits), not for a rename or a new inventory.
import { useState, type FormEvent } from 'react'
import { Alert, Button, Checkbox, Group, NativeSelect, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core'
import type { PackageRecord } from '../../../../shared/commerce/commerce-records'
import { packagePriceProblem } from '../../../../shared/commerce/package-rules'
import { choicesOf, visibilityTerms, type PackageVisibility } from '../../../../shared/vocabulary'
import { desktop, errorText } from '../../desktop/desktop-client'
import { useCommand } from '../../desktop/use-command'
import { MoneyInput } from '../../ui/MoneyInput'
import { BenefitsEditor, benefitRows, benefitsFromRows } from './BenefitsEditor'
import { tierChoices, tierNamed } from './tier-words'

const isVisibility = (value: string): value is PackageVisibility => Object.hasOwn(visibilityTerms, value)
/** A new package starts with no benefits: one empty row to fill in. */
const emptyBenefits = () => [{ key: null, name: '', value: '' }]

export function PackageEditor({
  existing,
  eventId,
  onSaved,
  onCancel,
}: {
  existing: PackageRecord | null
  eventId: string
  onSaved: (saved: PackageRecord) => void
  onCancel: () => void
}) {
  const [title, setTitle] = useState(existing?.title ?? '')
  const tiers = useCommand('tiers-list', { eventId: existing?.event_id ?? eventId })
  const [chosenTier, setTier] = useState<string | null>(existing?.tier ?? null)
  const [priceCents, setPriceCents] = useState<number | null>(existing ? existing.price_cents : null)
  const [isFree, setIsFree] = useState(existing?.price_cents === 0)
  const [inventory, setInventory] = useState<number>(existing?.inventory ?? 1)
  const [benefits, setBenefits] = useState(existing ? benefitRows(existing.benefits) : emptyBenefits)
  const [visibility, setVisibility] = useState<PackageVisibility>(existing?.visibility ?? 'public')
  const [problem, setProblem] = useState<string | null>(null)
  const [isBusy, setIsBusy] = useState(false)
  // With tiers set up for the event, the tier is one of them (the first, for a new package); else typed.
  const choices = tierChoices(tiers.data?.tiers ?? [], existing?.tier ?? '')
  const tier = chosenTier === null ? (choices[0] ?? '') : (tierNamed(chosenTier, tiers.data?.tiers)?.name ?? chosenTier)

  async function save(event: FormEvent) {
    event.preventDefault()
    const priceProblem = packagePriceProblem(priceCents, isFree)
    if (priceProblem) return setProblem(priceProblem)
    setIsBusy(true)
    try {
      const saved = await desktop.invoke('package-save', {
        ...(existing ? { id: existing.id } : { eventId }),
        draft: {
          title: title.trim(),
          tier: tier.trim(),
          price_cents: isFree ? 0 : priceCents!,
          currency: existing?.currency ?? 'USD',
          inventory,
          benefits: benefitsFromRows(benefits),
          visibility,
        },
      })
      onSaved(saved)
    } catch (failure) {
      setProblem(errorText(failure))
    } finally {
      setIsBusy(false)
    }
  }

  return (
    <form aria-label="Package editor" onSubmit={(e) => void save(e)} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            label="Title"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            required
            maxLength={200}
            data-autofocus
          />
          {choices.length > 0 ? (
            <NativeSelect
              label="Tier"
              value={tier}
              data={choices}
              onChange={(e) => setTier(e.currentTarget.value)}
              required
              description="One of the event's tiers"
            />
          ) : (
            <TextInput
              label="Tier"
              value={tier}
              onChange={(e) => setTier(e.currentTarget.value)}
              required
              maxLength={50}
              placeholder="Gold"
              description="This event has no tiers yet: name one"
            />
          )}
          <MoneyInput
            label="Price (USD)"
            cents={isFree ? 0 : priceCents}
            onCents={(cents) => {
              setPriceCents(cents)
              setProblem(null)
            }}
            disabled={isFree}
            required={!isFree}
          />
          <NumberInput
            label="Inventory"
            description="How many sponsors can buy it"
            value={inventory}
            min={0}
            max={100_000}
            allowDecimal={false}
            onChange={(value) => setInventory(typeof value === 'number' ? value : Number(value) || 0)}
            required
          />
        </SimpleGrid>
        <Checkbox
          label="Free package (no payment)"
          checked={isFree}
          onChange={(e) => {
            setIsFree(e.currentTarget.checked)
            setProblem(null)
          }}
        />
        <BenefitsEditor rows={benefits} onChange={setBenefits} />
        <NativeSelect
          label="Visibility"
          value={visibility}
          data={choicesOf(visibilityTerms)}
          onChange={(e) => isVisibility(e.currentTarget.value) && setVisibility(e.currentTarget.value)}
        />
        {problem && (
          <Alert role="alert" color="red" variant="light">
            {problem}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={isBusy} disabled={!title.trim() || !tier.trim()}>
            Save package
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
