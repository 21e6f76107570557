// The first rows of an attendee file as the person will see them before importing: its columns and a few rows,
// each with the line number the server's problems will name (line 1 is the header).
import { parse } from 'csv-parse/browser/esm/sync'

export interface CsvPreview {
  columns: string[]
  rows: { line: number; cells: string[] }[]
  /** Lines under the header (a file's last newline does not count). */
  rowCount: number
}

export function previewCsv(text: string, rows = 5): CsvPreview {
  // Only the head is parsed here: a 100,000-row file previews at once.
  const head = text.split(/\r?\n/, rows + 1).join('\n')
  const records = parse(head, {
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: true,
  }) as string[][]
  const [columns = [], ...body] = records
  const rowCount = text.split(/\r?\n/).filter((line) => line.trim() !== '').length - 1
  return { columns, rows: body.map((cells, index) => ({ line: index + 2, cells })), rowCount: Math.max(rowCount, 0) }
}
