// Numbers, money, dates and counts as people read them. Every screen formats through here.
import { formatMoney } from '../../../shared/commerce/commerce-records'

export { formatMoney }

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' })
const shortDateTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
})

const toDate = (value: string | Date | null | undefined) => {
  if (!value) return null
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

/** "Mar 1, 2027"; "—" for nothing. */
export const formatDate = (value: string | Date | null | undefined) =>
  toDate(value) ? dateFormat.format(toDate(value)!) : '—'
/** "Mar 1, 2027, 9:00 AM". */
export const formatDateTime = (value: string | Date | null | undefined) =>
  toDate(value) ? dateTimeFormat.format(toDate(value)!) : '—'
/** "9:00 AM". */
export const formatTime = (value: string | Date | null | undefined) =>
  toDate(value) ? timeFormat.format(toDate(value)!) : '—'
/** "Mar 1, 09:00": dense tables. */
export const formatShortDateTime = (value: string | Date | null | undefined) =>
  toDate(value) ? shortDateTime.format(toDate(value)!) : '—'

/** "Mar 1 – Mar 2, 2027" style ranges, as the locale writes them. */
export function formatDateRange(start: string | Date, end: string | Date): string {
  const from = toDate(start)
  const to = toDate(end)
  if (!from || !to) return '—'
  return dateFormat.formatRange(from, to)
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })
const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Infinity],
]

/** "3 minutes ago", "in 2 days", "just now". */
export function formatRelative(value: string | Date | null | undefined, now: Date = new Date()): string {
  const date = toDate(value)
  if (!date) return '—'
  let amount = (date.getTime() - now.getTime()) / 1000
  if (Math.abs(amount) < 45) return 'just now'
  for (const [unit, size] of steps) {
    if (Math.abs(amount) < size) return relative.format(Math.round(amount), unit)
    amount /= size
  }
  return formatDate(date)
}

/** "1 lead", "2,345 leads"; irregular plurals given. */
export function formatCount(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : plural}`
}

/** What a person typed as money ("1,500.50", "$1500") in cents; null when it is not an amount. */
export function parseMoney(text: string | number): number | null {
  const raw = typeof text === 'number' ? String(text) : text.replace(/[\s,$€£]/g, '')
  if (raw === '' || !/^\d+(\.\d{0,2})?$/.test(raw)) return null
  return Math.round(Number(raw) * 100)
}

/** A share of one as a percentage: 0.1 → "10 %". */
export const formatPercent = (fraction: number) => `${Math.round(fraction * 1000) / 10} %`
