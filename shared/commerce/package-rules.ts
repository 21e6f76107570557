// What the package editor checks before saving, in words. A package at $0 is almost always a mistake (a
// price left empty), so it is saved only when the organizer says it is free on purpose.
export function packagePriceProblem(priceCents: number | null, isFree: boolean): string | null {
  if (isFree) return null
  if (priceCents === null) return 'Enter a price, or tick “Free package” to offer it at no cost.'
  if (priceCents < 0) return 'A price cannot be negative.'
  if (priceCents === 0)
    return 'A package at $0.00 is refused unless it is meant to be free: enter a price, or tick “Free package”.'
  return null
}

/** A benefit's value as typed: empty means "included", a whole number stays a number, anything else is text. */
export function benefitFromInput(text: string): string | number | boolean {
  const value = text.trim()
  if (value === '' || /^(yes|included|true)$/i.test(value)) return true
  if (/^(no|not included|false)$/i.test(value)) return false
  if (/^\d{1,9}$/.test(value)) return Number(value)
  return value
}

/** A benefit's value in the editor's text box (the reverse of benefitFromInput). */
export function benefitToInput(value: unknown): string {
  if (value === true) return ''
  if (value === false) return 'Not included'
  if (typeof value === 'string' || typeof value === 'number') return String(value)
  return JSON.stringify(value)
}
