// Reads an attendee CSV (header row: badge_code, name, email, company, title, consent_to_share) into
// validated attendees, or every problem with its line number. Nothing is written until all rows are good.
import { parse } from 'csv-parse/sync'
import { Value } from 'typebox/value'
import type { AttendeeFields } from '../../repositories/attendees-repository'
import { AttendeeInput } from './schemas'

const yes = new Set(['true', 'yes', 'y', '1'])
const no = new Set(['false', 'no', 'n', '0', ''])
const knownColumns = new Set(['badge_code', 'name', 'email', 'company', 'title', 'consent_to_share'])

export interface CsvProblem {
  line: number
  message: string
}

export type CsvResult = { ok: true; attendees: AttendeeFields[] } | { ok: false; problems: CsvProblem[] }

export function readAttendeeCsv(text: string, maxRows: number): CsvResult {
  let records: Record<string, string>[]
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, '_')),
      bom: true, skip_empty_lines: true, trim: true,
    })
  } catch (error) {
    return { ok: false, problems: [{ line: (error as { lines?: number }).lines ?? 1, message: (error as Error).message }] }
  }
  const header = records[0] ? Object.keys(records[0]) : []
  const unknown = header.filter((h) => !knownColumns.has(h))
  if (records.length === 0) return { ok: false, problems: [{ line: 1, message: 'The file has no attendee rows under its header.' }] }
  if (unknown.length) return { ok: false, problems: [{ line: 1, message: `Unknown columns: ${unknown.join(', ')}. Use badge_code, name, email, company, title, consent_to_share.` }] }
  if (records.length > maxRows) return { ok: false, problems: [{ line: maxRows + 2, message: `At most ${maxRows} attendees per file; split it.` }] }

  const problems: CsvProblem[] = []
  const attendees: AttendeeFields[] = []
  records.forEach((record, index) => {
    const line = index + 2
    const consent = (record.consent_to_share ?? '').toLowerCase()
    if (!yes.has(consent) && !no.has(consent)) {
      problems.push({ line, message: `consent_to_share must be true/false (or yes/no, 1/0), not "${record.consent_to_share}".` })
      return
    }
    const input = {
      badge_code: record.badge_code ?? '',
      name: record.name ?? '',
      email: record.email || null,
      company: record.company || null,
      title: record.title || null,
      consent_to_share: yes.has(consent),
    }
    const error = Value.Errors(AttendeeInput, input)[0]
    if (error) {
      problems.push({ line, message: `${error.instancePath.replace(/^\//, '') || 'row'} ${error.message}` })
      return
    }
    attendees.push(toFields(input))
  })
  return problems.length ? { ok: false, problems } : { ok: true, attendees }
}

export function toFields(input: { badge_code: string; name: string; email?: string | null; company?: string | null; title?: string | null; consent_to_share?: boolean }): AttendeeFields {
  return {
    badgeCode: input.badge_code.trim(),
    name: input.name,
    email: input.email ?? null,
    company: input.company ?? null,
    title: input.title ?? null,
    consentToShare: input.consent_to_share ?? false,
  }
}

/** Badge codes that appear more than once, each with the lines (1-based, counting the header as line 1 when from CSV). */
export function duplicateBadges(attendees: readonly AttendeeFields[], lineOffset: number): CsvProblem[] {
  const seen = new Map<string, number>()
  const problems: CsvProblem[] = []
  attendees.forEach((attendee, index) => {
    const first = seen.get(attendee.badgeCode)
    if (first === undefined) seen.set(attendee.badgeCode, index)
    else problems.push({ line: index + lineOffset, message: `badge_code "${attendee.badgeCode}" repeats line ${first + lineOffset}.` })
  })
  return problems
}
