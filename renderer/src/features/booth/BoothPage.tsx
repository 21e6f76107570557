// Booth mode: pick the event and sponsor, then capture: a badge scan (keyboard-wedge scanners type the
// code and Enter into "Badge code"), the camera, or a person entered by hand. Every capture is saved on
// this device first and shows "pending" until the server acknowledges it, then "synced". Laid out for a
// 1024×600 booth laptop: what to capture on the left, what happened on the right, both in view.
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type Dispatch,
  type FormEvent,
  type RefObject,
  type SetStateAction,
} from 'react'
import { useDebouncedCallback } from '@mantine/hooks'
import {
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import type { CaptureItem } from '../../../../shared/desktop-api'
import type { QuestionRecord } from '../../../../shared/leads/qualifier-question'
import {
  captureStatusTerms,
  choicesOf,
  interactionTerms,
  intentLevelTerms,
  labelOf,
} from '../../../../shared/vocabulary'
import type { InteractionType } from '../../../../shared/leads/intent-scoring'
import { desktop } from '../../desktop/desktop-client'
import { useOnSync } from '../../desktop/use-sync'
import { useSponsors } from '../../desktop/use-sponsors'
import { SponsorSelect } from '../../ui/SponsorSelect'
import { StatusBadge } from '../../ui/StatusBadge'
import { formatTime } from '../../ui/format'
import { EmptyState, ErrorState, LoadingState } from '../../ui/states'
import { QualifierFields, type Answers } from './QualifierFields'
import { CameraScanner } from './CameraScanner'
import { ManualEntry, type ManualPerson } from './ManualEntry'
import { NotSaved } from './NotSaved'
import { useCaptureQueue } from './use-capture-queue'

/** What booth staff can record (a repeat visit is added by the scoring itself). */
const capturable = [
  'booth_visit',
  'qr_scan',
  'content_view',
  'content_download',
  'demo_watched',
  'demo_request',
  'direct_request',
  'session_attendance',
] as const satisfies readonly InteractionType[]
type Interaction = (typeof capturable)[number]
const isCapturable = (value: string): value is Interaction => (capturable as readonly string[]).includes(value)
/** Recent captures shown: enough for a group of badges scanned in one go. */
const recentLimit = 200
const maxBadgeLength = 200

export function BoothPage() {
  const { sponsors, error: sponsorsError } = useSponsors()
  const [sponsorId, setSponsorId] = useState('')
  const [eventId, setEventId] = useState('')
  const [interaction, setInteraction] = useState<Interaction>('booth_visit')
  // The interaction goes back to a booth visit after each capture unless the staff pin it (a demo station, say).
  const [isInteractionPinned, setIsInteractionPinned] = useState(false)
  const [notes, setNotes] = useState('')
  const [answers, setAnswers] = useState<Answers>({})
  const [questions, setQuestions] = useState<QuestionRecord[]>([])
  const [isManual, setIsManual] = useState(false)
  const [recent, setRecent] = useState<CaptureItem[]>([])
  const [directorySize, setDirectorySize] = useState(0)
  const [confirmation, setConfirmation] = useState<string | null>(null)
  const scanField = useRef<HTMLInputElement>(null)
  const reloads = useRef(0)

  const sponsor = sponsors?.find((s) => s.id === sponsorId)
  const events = useMemo(() => sponsor?.events.filter((e) => !e.is_archived) ?? [], [sponsor])

  useEffect(() => {
    if (sponsors?.length && !sponsors.some((s) => s.id === sponsorId)) setSponsorId(sponsors[0]!.id)
  }, [sponsors, sponsorId])
  useEffect(() => {
    if (sponsor && !sponsor.events.some((e) => e.event_id === eventId)) setEventId(events[0]?.event_id ?? '')
  }, [sponsor, eventId, events])

  const reload = useCallback(() => {
    if (!sponsorId || !eventId) return
    // Answers can arrive out of order while captures stream in: only the latest request's answer is shown.
    const request = ++reloads.current
    desktop.invoke('booth-recent', { sponsorId, eventId, limit: recentLimit }).then(
      (booth) => {
        if (request !== reloads.current) return
        setRecent(booth.captures)
        setDirectorySize(booth.directorySize)
      },
      () => {},
    )
    desktop.invoke('booth-questions', { sponsorId, eventId }).then(
      (result) => setQuestions(result.questions),
      () => {},
    )
  }, [sponsorId, eventId])
  useEffect(reload, [reload])
  // A burst of scans makes a burst of sync changes: the list is read again once the burst settles
  // (each capture is already on screen from its own answer).
  const reloadSoon = useDebouncedCallback(reload, { delay: 300, maxWait: 1500 })
  useOnSync(reloadSoon)

  const queue = useCaptureQueue(
    (item) => {
      const level = item.intentLevel
        ? ` · ${labelOf(intentLevelTerms, item.intentLevel)} lead (score ${item.intentScore})`
        : ''
      const unknown = item.inDirectory === false ? ' · not in the directory yet: checked when it syncs' : ''
      setConfirmation(`Saved on this device: ${item.name}${level}${unknown}`)
      setRecent((list) => [item, ...list.filter((c) => c.leadId !== item.leadId)].slice(0, recentLimit))
      // A later scan that fails must not sit under the last one's "Saved".
    },
    () => setConfirmation(null),
  )

  /** Takes everything entered for this capture now, clears it for the next one, and queues the save. */
  function submit(label: string, person: { badgeCode: string } | { manual: ManualPerson }) {
    queue.enqueue(label, {
      sponsorId,
      eventId,
      interaction,
      ...person,
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      ...(Object.keys(answers).length ? { qualifiers: answers } : {}),
    })
    setNotes('')
    setAnswers({})
    if (!isInteractionPinned) setInteraction('booth_visit')
  }

  function onScan(event: FormEvent) {
    event.preventDefault()
    // Read and clear the field in the same step: the scanner may already be typing the next code.
    const field = scanField.current!
    const code = field.value.trim()
    field.value = ''
    if (code.length > maxBadgeLength)
      queue.refuse(
        `${code.slice(0, 40)}…`,
        'This is longer than any badge code (at most 200 characters): scan the badge again.',
      )
    else if (code) submit(code, { badgeCode: code })
  }

  function onManual(manual: ManualPerson) {
    submit(manual.name, { manual })
    closeManual()
  }

  /** Back to scanning, with the cursor in "Badge code" for the next badge. */
  function closeManual() {
    setIsManual(false)
    requestAnimationFrame(() => scanField.current?.focus())
  }

  // Captures stream in at scanner speed: the form beside them is drawn again only when what it shows changes,
  // so its handlers are stable and read the latest state through this ref.
  const latest = useRef({ onScan, submit, onManual, closeManual })
  latest.current = { onScan, submit, onManual, closeManual }
  const handlers = useMemo(
    () => ({
      onScan: (event: FormEvent) => latest.current.onScan(event),
      onCode: (code: string) => latest.current.submit(code, { badgeCode: code }),
      onManual: (manual: ManualPerson) => latest.current.onManual(manual),
      closeManual: () => latest.current.closeManual(),
      openManual: () => setIsManual(true),
    }),
    [],
  )

  if (sponsorsError) return <ErrorState message={sponsorsError} />
  if (!sponsors) return <LoadingState label="Loading your sponsors…" />
  if (sponsors.length === 0)
    return (
      <EmptyState title="You do not represent a sponsor yet" description="Accept an invitation to capture leads." />
    )

  return (
    <section aria-labelledby="booth-title">
      <Group gap="sm" mb="xs" align="flex-end" wrap="wrap">
        <Title order={2} id="booth-title">
          Booth
        </Title>
        <Badge variant="light" color="gray" tt="none">
          {directorySize.toLocaleString()} attendees on this device
        </Badge>
        <SponsorSelect sponsors={sponsors} value={sponsorId} onChange={setSponsorId} />
        <NativeSelect
          label="Event"
          value={eventId}
          onChange={(e) => setEventId(e.currentTarget.value)}
          miw={200}
          data={events.map((e) => ({ value: e.event_id, label: e.title }))}
        />
      </Group>

      <Grid gap="sm" align="flex-start">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          {eventId && (
            <CaptureForm
              interaction={interaction}
              setInteraction={setInteraction}
              isPinned={isInteractionPinned}
              setPinned={setIsInteractionPinned}
              notes={notes}
              setNotes={setNotes}
              questions={questions}
              answers={answers}
              setAnswers={setAnswers}
              isManual={isManual}
              scanField={scanField}
              handlers={handlers}
            />
          )}
        </Grid.Col>

        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Stack gap={6}>
            <Text role="status" aria-live="polite" c="teal.9" fw={600} mih={20} size="sm">
              {confirmation}
              {queue.waiting.length > 0 && ` · saving ${queue.waiting.length}…`}
            </Text>
            <NotSaved
              failed={queue.failed}
              onRetry={queue.retry}
              onDismiss={queue.dismiss}
              onEnterByHand={(key) => {
                queue.dismiss(key)
                setIsManual(true)
              }}
            />
            <Title order={3} size="h5">
              Recent captures
            </Title>
            <Stack
              component="ul"
              aria-label="Recent captures"
              gap={4}
              p={0}
              m={0}
              tabIndex={0}
              style={{ listStyle: 'none', maxHeight: 'calc(100vh - 17rem)', overflowY: 'auto' }}
            >
              {recent.map((item) => (
                <CaptureRow key={item.leadId} item={item} />
              ))}
            </Stack>
          </Stack>
        </Grid.Col>
      </Grid>
    </section>
  )
}

/** One recent capture; re-drawn only when what it shows changes (captures stream in at scanner speed). */
const CaptureRow = memo(
  function CaptureRow({ item }: { item: CaptureItem }) {
    return (
      <Paper component="li" withBorder px="xs" py={4}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <div style={{ minWidth: 0 }}>
            <Text size="sm" fw={500} truncate>
              {item.name}
              {item.badgeCode && !item.name.includes(item.badgeCode) && ` · ${item.badgeCode}`}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {labelOf(interactionTerms, item.interaction)} · {formatTime(item.capturedAt)}
              {item.intentLevel && ` · ${labelOf(intentLevelTerms, item.intentLevel)} lead`}
              {item.inDirectory === false && ' · not in the directory yet'}
            </Text>
          </div>
          <Stack gap={0} align="flex-end">
            <StatusBadge vocabulary={captureStatusTerms} value={item.status} size="sm" />
            {item.reason && (
              <Text size="xs" c="red.9">
                {item.reason}
              </Text>
            )}
          </Stack>
        </Group>
      </Paper>
    )
  },
  (before, after) =>
    before.item.status === after.item.status &&
    before.item.reason === after.item.reason &&
    before.item.intentLevel === after.item.intentLevel &&
    before.item.name === after.item.name,
)

interface CaptureFormProps {
  interaction: Interaction
  setInteraction: Dispatch<SetStateAction<Interaction>>
  isPinned: boolean
  setPinned: Dispatch<SetStateAction<boolean>>
  notes: string
  setNotes: Dispatch<SetStateAction<string>>
  questions: QuestionRecord[]
  answers: Answers
  setAnswers: Dispatch<SetStateAction<Answers>>
  isManual: boolean
  scanField: RefObject<HTMLInputElement | null>
  handlers: {
    onScan(event: FormEvent): void
    onCode(code: string): void
    onManual(manual: ManualPerson): void
    closeManual(): void
    openManual(): void
  }
}

/** What to capture (interaction, notes, qualifiers) above the scan that saves it, or the person entered by hand. */
const CaptureForm = memo(function CaptureForm({
  interaction,
  setInteraction,
  isPinned,
  setPinned,
  notes,
  setNotes,
  questions,
  answers,
  setAnswers,
  isManual,
  scanField,
  handlers,
}: CaptureFormProps) {
  return (
    <Stack gap="xs">
      <Paper withBorder p="xs">
        <Stack gap={6}>
          <Group gap="sm" align="flex-end">
            <NativeSelect
              size="xs"
              label="Interaction"
              value={interaction}
              data={choicesOf(interactionTerms, capturable)}
              onChange={(e) => {
                const value = e.currentTarget.value
                if (isCapturable(value)) setInteraction(value)
              }}
            />
            <Checkbox
              size="xs"
              mb={6}
              checked={isPinned}
              onChange={(e) => setPinned(e.currentTarget.checked)}
              label="Keep for the next scans"
            />
          </Group>
          <Textarea
            size="xs"
            label="Notes"
            value={notes}
            maxLength={2000}
            minRows={1}
            maxRows={3}
            onChange={(e) => setNotes(e.currentTarget.value)}
          />
          {questions.length > 0 && <QualifierFields questions={questions} answers={answers} onChange={setAnswers} />}
        </Stack>
      </Paper>
      {isManual ? (
        <ManualEntry onSave={handlers.onManual} onCancel={handlers.closeManual} />
      ) : (
        <Paper component="form" withBorder p="xs" onSubmit={handlers.onScan}>
          <Stack gap={6}>
            <TextInput
              ref={scanField}
              label="Badge code"
              size="md"
              autoFocus
              autoComplete="off"
              defaultValue=""
              placeholder="Scan or type, then Enter"
            />
            <Group gap="xs">
              <Button type="submit">Save lead</Button>
              <Button variant="default" onClick={handlers.openManual}>
                Enter by hand
              </Button>
              <CameraScanner onCode={handlers.onCode} />
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  )
})
