// What a package includes, one benefit per row: its name in words and a value (empty = included; a number;
// or a detail such as "10x10" or "15 min"). Benefits keep their stored names unless renamed, so editing the
// value of one never renames the others.
import { ActionIcon, Autocomplete, Button, Group, Stack, Text, TextInput } from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { benefitFromInput, benefitToInput } from '../../../../shared/commerce/package-rules'
import { benefitKeyFor, benefitLabel, benefitTerms } from '../../../../shared/vocabulary'

/** The benefits the product knows, offered as you type (others can be typed freely). */
const knownBenefits = Object.values(benefitTerms).map((term) => term.label)

export interface BenefitRow {
  /** The stored name this row was loaded with (kept when its shown name is not changed). */
  key: string | null
  name: string
  value: string
}

export const benefitRows = (benefits: Record<string, unknown>): BenefitRow[] =>
  Object.entries(benefits).map(([key, value]) => ({ key, name: benefitLabel(key), value: benefitToInput(value) }))

/**
 * The rows as the package's benefits; a blank name is skipped, a later duplicate name wins. A known benefit is
 * stored under its key (fulfillment makes its deliverable from it); a row whose name was not changed keeps its key.
 */
export function benefitsFromRows(rows: BenefitRow[]): Record<string, unknown> {
  const benefits: Record<string, unknown> = {}
  for (const row of rows) {
    const name = row.name.trim()
    if (!name) continue
    const key = row.key !== null && benefitLabel(row.key) === name ? row.key : benefitKeyFor(name)
    benefits[key] = benefitFromInput(row.value)
  }
  return benefits
}

export function BenefitsEditor({ rows, onChange }: { rows: BenefitRow[]; onChange: (rows: BenefitRow[]) => void }) {
  const set = (index: number, change: Partial<BenefitRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)))
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <Text component="legend" size="sm" fw={500}>
        Benefits
      </Text>
      <Stack gap={6}>
        {rows.length === 0 && (
          <Text size="sm" c="dimmed">
            No benefits yet.
          </Text>
        )}
        {rows.map((row, index) => (
          <Group key={index} gap="xs" wrap="nowrap" align="flex-end">
            <Autocomplete
              aria-label={`Benefit ${index + 1}`}
              placeholder="Logo on the main stage"
              value={row.name}
              style={{ flex: 2 }}
              maxLength={100}
              data={knownBenefits}
              onChange={(name) => set(index, { name })}
            />
            <TextInput
              aria-label={`Benefit ${index + 1} detail`}
              placeholder="Included"
              value={row.value}
              style={{ flex: 1 }}
              onChange={(e) => set(index, { value: e.currentTarget.value })}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={`Remove benefit ${row.name || index + 1}`}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
            >
              <IconTrash size={16} aria-hidden="true" />
            </ActionIcon>
          </Group>
        ))}
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} aria-hidden="true" />}
          w="fit-content"
          onClick={() => onChange([...rows, { key: null, name: '', value: '' }])}
        >
          Add a benefit
        </Button>
      </Stack>
    </fieldset>
  )
}
