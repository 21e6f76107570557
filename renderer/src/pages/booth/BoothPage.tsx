// Booth mode: pick the event and sponsor, then capture: a badge scan (keyboard-wedge scanners type the
// code and Enter into "Badge code"), the camera, or a person entered by hand. Every capture is saved on
// this device first and shows "pending" until the server acknowledges it, then "synced".
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import type { CaptureItem } from '../../../../shared/desktop-api'
import { SponsorSelect } from '../../components/SponsorSelect'
import { desktop } from '../../desktop-client'
import { useOnSync } from '../../use-sync'
import { useSponsors } from '../../use-sponsors'
import { QualifierFields, type Answers } from './QualifierFields'
import { CameraScanner } from './CameraScanner'
import { ManualEntry, type ManualPerson } from './ManualEntry'
import { NotSaved } from './NotSaved'
import { useCaptureQueue } from './use-capture-queue'
import './booth.css'

const interactions = ['booth_visit', 'qr_scan', 'content_view', 'content_download', 'demo_watched', 'demo_request', 'direct_request', 'session_attendance'] as const
type Interaction = (typeof interactions)[number]
const intentWords = { hot: 'Hot lead', warm: 'Warm lead', cold: 'Cold lead' } as const
const label = (value: string) => value.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())
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
  const [questions, setQuestions] = useState<Record<string, unknown>[]>([])
  const [isManual, setIsManual] = useState(false)
  const [recent, setRecent] = useState<CaptureItem[]>([])
  const [directorySize, setDirectorySize] = useState(0)
  const [confirmation, setConfirmation] = useState<string | null>(null)
  const scanField = useRef<HTMLInputElement>(null)
  const reloads = useRef(0)

  const sponsor = sponsors?.find((s) => s.id === sponsorId)
  const events = sponsor?.events.filter((e) => !e.is_archived) ?? []

  useEffect(() => {
    if (sponsors?.length && !sponsorId) setSponsorId(sponsors[0]!.id)
  }, [sponsors, sponsorId])
  useEffect(() => {
    if (sponsor && !sponsor.events.some((e) => e.event_id === eventId)) setEventId(events[0]?.event_id ?? '')
  }, [sponsor, eventId, events])

  const reload = useCallback(() => {
    if (!sponsorId || !eventId) return
    // Answers can arrive out of order while captures stream in: only the latest request's answer is shown.
    const request = ++reloads.current
    desktop.invoke('booth-recent', { sponsorId, eventId, limit: recentLimit }).then((booth) => {
      if (request !== reloads.current) return
      setRecent(booth.captures)
      setDirectorySize(booth.directorySize)
    }, () => {})
    desktop.invoke('booth-questions', { sponsorId, eventId }).then((result) => setQuestions(result.questions), () => {})
  }, [sponsorId, eventId])
  useEffect(reload, [reload])
  useOnSync(reload)

  const queue = useCaptureQueue((item) => {
    const level = item.intentLevel ? ` · ${intentWords[item.intentLevel]} (score ${item.intentScore})` : ''
    const unknown = item.inDirectory === false ? ' · not in the directory yet: checked when it syncs' : ''
    setConfirmation(`Saved on this device: ${item.name}${level}${unknown}`)
    setRecent((list) => [item, ...list.filter((c) => c.leadId !== item.leadId)].slice(0, recentLimit))
  })

  /** Takes everything entered for this capture now, clears it for the next one, and queues the save. */
  function submit(label: string, person: { badgeCode: string } | { manual: ManualPerson }) {
    queue.enqueue(label, {
      sponsorId, eventId, interaction, ...person,
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
    if (code.length > maxBadgeLength) queue.refuse(`${code.slice(0, 40)}…`, 'This is longer than any badge code (at most 200 characters): scan the badge again.')
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

  if (sponsorsError) return <p role="alert" className="error">{sponsorsError}</p>
  if (!sponsors) return <p>Loading…</p>
  if (sponsors.length === 0) return <p>You do not represent a sponsor yet. Accept an invitation to capture leads.</p>

  return (
    <section aria-labelledby="booth-title" className="booth">
      <header className="page-header">
        <h2 id="booth-title">Booth</h2>
        <span className="badge">{directorySize.toLocaleString()} attendees on this device</span>
      </header>
      <div className="booth-pickers">
        <SponsorSelect sponsors={sponsors} value={sponsorId} onChange={setSponsorId} />
        <label>Event
          <select aria-label="Event" value={eventId} onChange={(e) => setEventId(e.target.value)}>
            {events.map((e) => <option key={e.event_id} value={e.event_id}>{e.title}</option>)}
          </select>
        </label>
      </div>

      <div className="booth-columns">
        <div className="booth-capture">
          {eventId && (
            <div className="card capture-details">
              <div className="interaction-row">
                <label>Interaction
                  <select aria-label="Interaction" value={interaction} onChange={(e) => setInteraction(e.target.value as Interaction)}>
                    {interactions.map((i) => <option key={i} value={i}>{label(i)}</option>)}
                  </select>
                </label>
                <label className="inline">
                  <input type="checkbox" checked={isInteractionPinned} onChange={(e) => setIsInteractionPinned(e.target.checked)} />
                  Keep for the next scans
                </label>
              </div>
              <label>Notes
                <textarea value={notes} maxLength={2000} onChange={(e) => setNotes(e.target.value)} rows={2} />
              </label>
              {questions.length > 0 && <QualifierFields questions={questions} answers={answers} onChange={setAnswers} />}
            </div>
          )}

          {eventId && !isManual && (
            <form onSubmit={onScan} className="scan card">
              <label>Badge code
                <input ref={scanField} autoFocus autoComplete="off" defaultValue="" placeholder="Scan or type, then Enter" />
              </label>
              <CameraScanner onCode={(code) => submit(code, { badgeCode: code })} />
              <button type="submit">Save lead</button>
              <button type="button" className="secondary" onClick={() => setIsManual(true)}>Enter by hand</button>
            </form>
          )}
          {eventId && isManual && <ManualEntry onSave={onManual} onCancel={closeManual} />}
        </div>

        <div className="booth-results">
          <p role="status" aria-live="polite" className="confirmation">
            {confirmation}
            {queue.waiting.length > 0 && ` · saving ${queue.waiting.length}…`}
          </p>
          <NotSaved
            failed={queue.failed} onRetry={queue.retry} onDismiss={queue.dismiss}
            onEnterByHand={(key) => { queue.dismiss(key); setIsManual(true) }}
          />

          <h3>Recent captures</h3>
          <ul aria-label="Recent captures" className="recent">
            {recent.map((item) => (
              <li key={item.leadId} className={`capture capture-${item.status}`}>
                <span className="who">{item.name}{item.badgeCode && ` · ${item.badgeCode}`}</span>
                <span className="what">
                  {label(item.interaction)} · {new Date(item.capturedAt).toLocaleTimeString()}
                  {item.intentLevel && ` · ${intentWords[item.intentLevel]}`}
                  {item.inDirectory === false && ' · not in the directory yet'}
                </span>
                <span className="state">{item.status}{item.reason && `: ${item.reason}`}</span>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  )
}
