// Import attendees from a CSV file: a preview of its first rows, then the server checks every row and writes all
// or none. Problems come back by line number and nothing is written; a large file shows how far the server got.
import { useEffect, useState } from 'react'
import {
  Alert,
  Button,
  FileButton,
  Group,
  List,
  Paper,
  Progress,
  ScrollArea,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { IconFileUpload } from '@tabler/icons-react'
import type { AttendeesImportProgress } from '../../../../shared/desktop-api'
import type { CsvProblem } from '../../../../shared/org/org-records'
import { desktop, errorText } from '../../desktop/desktop-client'
import { formatCount } from '../../ui/format'
import { notifyDone } from '../../ui/notify'
import { previewCsv, type CsvPreview } from './csv-preview'

type Outcome =
  | { kind: 'imported'; inserted: number; updated: number; total: number }
  | { kind: 'refused'; message: string; problems: CsvProblem[] }
  | { kind: 'failed'; message: string }

export function AttendeeImport({
  eventId,
  eventTitle,
  onImported,
}: {
  eventId: string
  eventTitle: string
  onImported: () => void
}) {
  const [file, setFile] = useState<{ name: string; text: string; preview: CsvPreview } | null>(null)
  const [isImporting, setIsImporting] = useState(false)
  const [progress, setProgress] = useState<AttendeesImportProgress | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  useEffect(
    () => desktop.on({ 'attendees-import-progress': (update) => update.eventId === eventId && setProgress(update) }),
    [eventId],
  )

  async function choose(chosen: File | null) {
    setOutcome(null)
    if (!chosen) return setFile(null)
    const text = await chosen.text()
    setFile({ name: chosen.name, text, preview: previewCsv(text) })
  }

  async function importFile() {
    if (!file) return
    setIsImporting(true)
    setProgress(null)
    setOutcome(null)
    try {
      const result = await desktop.invoke('attendees-import', { eventId, csv: file.text })
      if (result.ok) {
        setOutcome({ kind: 'imported', inserted: result.inserted, updated: result.updated, total: result.total })
        notifyDone(`Imported ${formatCount(result.total, 'attendee')} into ${eventTitle}.`)
        setFile(null)
        onImported()
      } else {
        setOutcome({ kind: 'refused', message: result.message, problems: result.problems })
      }
    } catch (failure) {
      setOutcome({ kind: 'failed', message: errorText(failure) })
    } finally {
      setIsImporting(false)
    }
  }

  const total = file?.preview.rowCount ?? 0
  const phase =
    progress === null
      ? 'Sending the file…'
      : progress.phase === 'reading'
        ? `Checking rows: ${progress.done.toLocaleString()} of ${total.toLocaleString()}`
        : `Writing attendees: ${progress.done.toLocaleString()} of ${(progress.total ?? total).toLocaleString()}`
  // Checking is the first half, writing the second.
  const share = (done: number, of: number | null) => (of ? Math.min(1, done / of) : 0)
  const percent =
    progress === null
      ? 0
      : progress.phase === 'reading'
        ? 50 * share(progress.done, total)
        : 50 + 50 * share(progress.done, progress.total ?? total)

  return (
    <Paper withBorder radius="md" p="md" mb="md" component="section" aria-labelledby="import-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Title order={3} size="h5" id="import-title">
              Import attendees
            </Title>
            <Text size="sm" c="dimmed">
              A CSV file with the columns badge_code, name, email, company, title, consent_to_share. Every row is
              checked first: all are imported, or none.
            </Text>
          </div>
          <FileButton onChange={(chosen) => void choose(chosen)} accept=".csv,text/csv">
            {(props) => (
              <Button
                {...props}
                variant="light"
                leftSection={<IconFileUpload size={16} aria-hidden="true" />}
                disabled={isImporting}
              >
                Choose a CSV file
              </Button>
            )}
          </FileButton>
        </Group>
        {file && (
          <>
            <Text size="sm" fw={600}>
              {file.name}: {formatCount(file.preview.rowCount, 'attendee row')}. The first rows:
            </Text>
            <ScrollArea>
              <Table aria-label={`Preview of ${file.name}`} withTableBorder striped fz="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Line</Table.Th>
                    {file.preview.columns.map((column) => (
                      <Table.Th key={column}>{column}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {file.preview.rows.map((row) => (
                    <Table.Tr key={row.line}>
                      <Table.Td>{row.line}</Table.Td>
                      {file.preview.columns.map((column, index) => (
                        <Table.Td key={column}>{row.cells[index] ?? ''}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
            <Group>
              <Button onClick={() => void importFile()} loading={isImporting}>
                Import {formatCount(file.preview.rowCount, 'attendee')}
              </Button>
              <Button variant="default" onClick={() => void choose(null)} disabled={isImporting}>
                Choose another file
              </Button>
            </Group>
          </>
        )}
        {isImporting && (
          <div>
            <Text size="sm" role="status" aria-live="polite" data-import-progress>
              {phase}
            </Text>
            <Progress value={percent} animated aria-label="Import progress" />
          </div>
        )}
        {outcome?.kind === 'imported' && (
          <Alert color="teal" role="status">
            Imported {formatCount(outcome.total, 'attendee')}: {outcome.inserted.toLocaleString()} new,{' '}
            {outcome.updated.toLocaleString()} updated.
          </Alert>
        )}
        {outcome?.kind === 'refused' && (
          <Alert color="red" role="alert" title="Nothing was imported">
            <Text size="sm" mb={4}>
              {outcome.message}
            </Text>
            <List size="sm" aria-label="Problems by line">
              {outcome.problems.map((problem) => (
                <List.Item key={`${problem.line}-${problem.message}`}>
                  Line {problem.line}: {problem.message}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {outcome?.kind === 'failed' && (
          <Alert color="red" role="alert" title="The import did not run">
            {outcome.message}
          </Alert>
        )}
      </Stack>
    </Paper>
  )
}
