// An amount of money typed in dollars, handed over in cents (what every API takes). Thousands grouped as typed.
import { NumberInput, type NumberInputProps } from '@mantine/core'

export interface MoneyInputProps extends Omit<NumberInputProps, 'value' | 'onChange' | 'prefix' | 'decimalScale'> {
  /** Cents, or null while empty. */
  cents: number | null
  onCents: (cents: number | null) => void
  currency?: string
}

const symbols: Record<string, string> = { USD: '$', EUR: '€', GBP: '£' }

export function MoneyInput({ cents, onCents, currency = 'USD', ...props }: MoneyInputProps) {
  return (
    <NumberInput
      {...props}
      value={cents === null ? '' : cents / 100}
      onChange={(value) => onCents(value === '' || value === null ? null : Math.round(Number(value) * 100))}
      prefix={symbols[currency.toUpperCase()] ?? `${currency.toUpperCase()} `}
      decimalScale={2}
      thousandSeparator=","
      min={0}
      hideControls
    />
  )
}
