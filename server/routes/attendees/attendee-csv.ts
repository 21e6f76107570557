// Reads an attendee CSV (header row: badge_code, name, email, company, title, consent_to_share) into
// validated attendees, or every problem with its line number. Nothing is written until all rows are good.
import { Readable } from 'node:stream'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { parse } from 'csv-parse'
import { Value } from 'typebox/value'
import type { AttendeeFields } from '../../repositories/attendees-repository'
import { consentWords, repeatedBadgeWords, rowProblemWords } from './row-problem-words'
import { AttendeeInput } from './schemas'

const yes = new Set(['true', 'yes', 'y', '1'])
const no = new Set(['false', 'no', 'n', '0', ''])
const knownColumns = new Set(['badge_code', 'name', 'email', 'company', 'title', 'consent_to_share'])
/** Rows read between two turns of the event loop: a big file never holds the server for long. */
const rowsPerTurn = 1000
const sliceChars = 64 * 1024

export interface CsvProblem {
  line: number
  message: string
}

export type CsvResult = { ok: true; attendees: AttendeeFields[] } | { ok: false; problems: CsvProblem[] }

function* slices(text: string) {
  for (let start = 0; start < text.length; start += sliceChars) yield text.slice(start, start + sliceChars)
}

/** Streams the file through the parser, validating row by row and yielding to the event loop as it goes. */
export async function readAttendeeCsv(
  text: string,
  maxRows: number,
  onProgress: (rows: number) => void = () => {},
): Promise<CsvResult> {
  const parser = Readable.from(slices(text)).pipe(
    parse({
      columns: (header: string[]) =>
        header.map((h) =>
          h
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, '_'),
        ),
      bom: true,
      skip_empty_lines: true,
      trim: true,
    }),
  )
  const problems: CsvProblem[] = []
  const attendees: AttendeeFields[] = []
  let rows = 0
  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      rows++
      if (rows === 1) {
        const unknown = Object.keys(record).filter((h) => !knownColumns.has(h))
        if (unknown.length)
          return stop(parser, [
            {
              line: 1,
              message: `Unknown columns: ${unknown.join(', ')}. Use badge_code, name, email, company, title, consent_to_share.`,
            },
          ])
      }
      if (rows > maxRows)
        return stop(parser, [{ line: maxRows + 2, message: `At most ${maxRows} attendees per file; split it.` }])
      const read = readRow(record, rows + 1)
      if ('message' in read) problems.push(read)
      else attendees.push(read)
      if (rows % rowsPerTurn === 0) {
        onProgress(rows)
        await nextTurn()
      }
    }
  } catch (error) {
    return {
      ok: false,
      problems: [{ line: (error as { lines?: number }).lines ?? 1, message: (error as Error).message }],
    }
  }
  if (rows === 0)
    return { ok: false, problems: [{ line: 1, message: 'The file has no attendee rows under its header.' }] }
  onProgress(rows)
  return problems.length ? { ok: false, problems } : { ok: true, attendees }
}

function stop(parser: { destroy(): void }, problems: CsvProblem[]): CsvResult {
  parser.destroy()
  return { ok: false, problems }
}

function readRow(record: Record<string, string>, line: number): AttendeeFields | CsvProblem {
  const consent = (record.consent_to_share ?? '').toLowerCase()
  if (!yes.has(consent) && !no.has(consent)) {
    return { line, message: consentWords(record.consent_to_share) }
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
  if (error) return { line, message: rowProblemWords(error) }
  return toFields(input)
}

export function toFields(input: {
  badge_code: string
  name: string
  email?: string | null
  company?: string | null
  title?: string | null
  consent_to_share?: boolean
}): AttendeeFields {
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
    else
      problems.push({
        line: index + lineOffset,
        message: repeatedBadgeWords(attendee.badgeCode, first + lineOffset),
      })
  })
  return problems
}
