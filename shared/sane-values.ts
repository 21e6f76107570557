// What the product accepts anywhere a date, a currency or a string comes in, decided once. Registered as
// TypeBox's `date-time` and `iso4217` formats here (the desktop and the sync protocol) and as Ajv's on the
// server's edge.
import { Format } from 'typebox/format'

/** Dates outside these years are typos or broken clocks (year 0000, 9999), never real events or captures. */
export const earliestYear = 1970
export const latestYear = 2199

/** An RFC 3339 date-time whose year lies in [earliestYear, latestYear]. */
export function isSaneDateTime(value: string): boolean {
  if (!/^\d{4}-/.test(value) || value.includes('[')) return false
  const year = Number(value.slice(0, 4))
  return year >= earliestYear && year <= latestYear && Format.IsDateTime(value)
}

/** ISO 4217 currency codes, from the runtime's maintained list (ICU), in any letter case. */
const currencies = new Set(Intl.supportedValuesOf('currency'))
export const isCurrencyCode = (value: string) => currencies.has(value.toUpperCase())

/** Postgres text cannot hold U+0000; nothing a person types contains it. */
export const hasNulCharacter = (value: string) => value.includes('\u0000')

Format.Set('date-time', isSaneDateTime)
Format.Set('iso4217', isCurrencyCode)
